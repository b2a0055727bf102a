//! Everything the backend keeps: accounts, users and their sessions, orders, idempotency keys.
//!
//! One interface, [`Store`], over two storage backends: SQLite, the default (`sqlite.rs`, one
//! file in the data directory, run on Tokio's blocking threads, one backend process), and
//! PostgreSQL (`postgres.rs`, any number of backend instances on one database: the order number
//! from a counter row in the same transaction, the idempotency key as a primary key, the
//! account's row locked by its order). The operations are the units a transactional database
//! gives atomically; both backends run their versioned migrations when they open.

mod postgres;
mod sqlite;

use std::path::Path;

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A storage failure, in words; the backend's own error stays inside the backend.
#[derive(Debug)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

/// An account: what the page shows and what the backend trusts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountRecord {
    pub id: String,
    pub name: String,
    pub locale: String,
    /// Exactly the `account` object of an order (SPEC 2.2), without the role: the role belongs
    /// to the membership of the user who signs in.
    pub account: Value,
    /// The active credit package `{ id, creditsPerMonth, start, end }`, or null.
    pub credit_package: Value,
    /// Where a paid renewal takes the subscription (it starts at the period's end).
    pub renewed_until: Option<String>,
}

/// A person who signs in: a member of one account, as `admin` or `member`.
#[derive(Clone, Debug)]
pub struct UserRecord {
    pub id: i64,
    pub email: String,
    pub name: String,
    /// The argon2 hash, in the PHC string format.
    pub password_hash: String,
    pub account_id: String,
    pub role: String,
}

/// A user to create when the store is seeded.
#[derive(Clone)]
pub struct NewUser {
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub account_id: String,
    pub role: String,
}

/// An order: written `pending` before the charge, then `paid` or `failed`.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderRecord {
    pub number: i64,
    pub created_at: String,
    pub account_id: String,
    pub total: String,
    pub currency: String,
    pub status: String,
    pub description: String,
    pub invoice: bool,
    #[serde(skip)]
    pub order: Value,
    #[serde(skip)]
    pub quote: Value,
    #[serde(skip)]
    pub payment: Value,
    /// The number of the order's invoice (orders with invoice details) or receipt (the others):
    /// one contiguous series per kind, apart from the order numbers, given when the order is paid
    /// (0 while it is not).
    pub document_number: i64,
    /// The account as it was before the order: put back when the charge fails.
    #[serde(skip)]
    pub account_before: Option<AccountRecord>,
}

/// What a new order writes, as `pending`, built from the account it was priced on.
pub struct PendingOrder {
    pub created_at: String,
    pub total: String,
    pub currency: String,
    pub description: String,
    pub invoice: bool,
    pub order: Value,
    pub quote: Value,
    /// The account as it is after the order (auto-renewal, plan, seats, package, renewal).
    pub account_after: AccountRecord,
    /// The idempotency key that started the order: `(user id, key)`.
    pub key: Option<(i64, String)>,
}

/// What a request's idempotency key finds.
#[derive(Debug, PartialEq)]
pub enum Claim {
    /// First use: the key is now held for this request.
    New,
    /// The first request with this key is still being processed.
    InFlight,
    /// The key was used with another request body.
    Mismatch,
    /// The first response, to replay: status and body.
    Done(u16, Value),
}

/// A session as stored: the hash of its id (the id itself is only ever in the cookie).
pub struct SessionRecord {
    pub user: UserRecord,
    pub created_at: i64,
    pub last_seen: i64,
}

/// The storage backends. Each method is one atomic unit of work.
pub enum Store {
    Sqlite(sqlite::Sqlite),
    Postgres(postgres::Postgres),
}

impl Store {
    /// Opens (or creates) the SQLite store in `dir`, running its migrations.
    pub fn open_sqlite(dir: &Path) -> StoreResult<Store> {
        Ok(Store::Sqlite(sqlite::Sqlite::open(dir)?))
    }

    /// Connects to the PostgreSQL database at `url`, running its migrations.
    pub async fn open_postgres(url: &str) -> StoreResult<Store> {
        Ok(Store::Postgres(postgres::Postgres::open(url).await?))
    }

    /// Adds the accounts and users that are not there yet; existing ones keep their state.
    pub async fn seed(&self, accounts: Vec<AccountRecord>, users: Vec<NewUser>) -> StoreResult<()> {
        match self {
            Store::Sqlite(s) => s.write(move |c| sqlite::seed(c, &accounts, &users)).await,
            Store::Postgres(s) => s.seed(&accounts, &users).await,
        }
    }

    pub async fn account(&self, id: &str) -> StoreResult<Option<AccountRecord>> {
        let id = id.to_owned();
        match self {
            Store::Sqlite(s) => s.read(move |c| sqlite::account(c, &id)).await,
            Store::Postgres(s) => s.account(&id).await,
        }
    }

    pub async fn user_by_email(&self, email: &str) -> StoreResult<Option<UserRecord>> {
        let email = email.to_owned();
        match self {
            Store::Sqlite(s) => s.read(move |c| sqlite::user_by_email(c, &email)).await,
            Store::Postgres(s) => s.user_by_email(&email).await,
        }
    }

    /// Stores a new session under the hash of its id.
    pub async fn create_session(&self, id_hash: String, user_id: i64, now: i64) -> StoreResult<()> {
        match self {
            Store::Sqlite(s) => {
                s.write(move |c| sqlite::create_session(c, &id_hash, user_id, now))
                    .await
            }
            Store::Postgres(s) => s.create_session(&id_hash, user_id, now).await,
        }
    }

    /// The session and its user, when it exists.
    pub async fn session(&self, id_hash: &str) -> StoreResult<Option<SessionRecord>> {
        let id_hash = id_hash.to_owned();
        match self {
            Store::Sqlite(s) => s.read(move |c| sqlite::session(c, &id_hash)).await,
            Store::Postgres(s) => s.session(&id_hash).await,
        }
    }

    /// Marks the session used at `now` (its idle expiry starts again).
    pub async fn touch_session(&self, id_hash: &str, now: i64) -> StoreResult<()> {
        let id_hash = id_hash.to_owned();
        match self {
            Store::Sqlite(s) => s.write(move |c| sqlite::touch_session(c, &id_hash, now)).await,
            Store::Postgres(s) => s.touch_session(&id_hash, now).await,
        }
    }

    pub async fn delete_session(&self, id_hash: &str) -> StoreResult<()> {
        let id_hash = id_hash.to_owned();
        match self {
            Store::Sqlite(s) => s.write(move |c| sqlite::delete_session(c, &id_hash)).await,
            Store::Postgres(s) => s.delete_session(&id_hash).await,
        }
    }

    /// Holds `key` for the user's request whose body hashes to `request_hash`, or says what an
    /// earlier use left. Keys older than `expired_before` are forgotten first.
    pub async fn claim_key(
        &self,
        user_id: i64,
        key: &str,
        request_hash: &str,
        now: i64,
        expired_before: i64,
    ) -> StoreResult<Claim> {
        let (key, hash) = (key.to_owned(), request_hash.to_owned());
        match self {
            Store::Sqlite(s) => {
                s.write(move |c| sqlite::claim_key(c, user_id, &key, &hash, now, expired_before))
                    .await
            }
            Store::Postgres(s) => s.claim_key(user_id, &key, &hash, now, expired_before).await,
        }
    }

    /// Records the response of the request that holds `key`, to be replayed from now on.
    pub async fn finish_key(&self, user_id: i64, key: &str, status: u16, body: Value) -> StoreResult<()> {
        let key = key.to_owned();
        match self {
            Store::Sqlite(s) => {
                s.write(move |c| sqlite::finish_key(c, user_id, &key, status, &body))
                    .await
            }
            Store::Postgres(s) => s.finish_key(user_id, &key, status, &body).await,
        }
    }

    /// Forgets a held key whose request stopped before doing anything (a retry starts afresh).
    pub async fn release_key(&self, user_id: i64, key: &str) -> StoreResult<()> {
        let key = key.to_owned();
        match self {
            Store::Sqlite(s) => s.write(move |c| sqlite::release_key(c, user_id, &key)).await,
            Store::Postgres(s) => s.release_key(user_id, &key).await,
        }
    }

    /// Prices an order on the account as it is now and stores it as `pending` under the next
    /// number, with its account changes, in one transaction: the account cannot change between
    /// the pricing and the record (SQLite: its single writer; PostgreSQL: `SELECT ... FOR
    /// UPDATE`). `price` refuses with its own error, and then nothing is stored.
    pub async fn insert_pending<E, F>(
        &self,
        account_id: &str,
        price: F,
    ) -> StoreResult<Result<OrderRecord, E>>
    where
        E: Send + 'static,
        F: FnOnce(&AccountRecord) -> Result<PendingOrder, E> + Send + 'static,
    {
        let account_id = account_id.to_owned();
        match self {
            Store::Sqlite(s) => {
                s.write(move |c| sqlite::insert_pending(c, &account_id, price))
                    .await
            }
            Store::Postgres(s) => s.insert_pending(&account_id, price).await,
        }
    }

    /// Settles a pending order: `paid` with the gateway's charge, or `failed` (its account
    /// changes undone). The idempotency key that started it, if any, gets `response` to replay.
    pub async fn settle(
        &self,
        number: i64,
        payment: Option<Value>,
        response: Option<(u16, Value)>,
    ) -> StoreResult<Option<OrderRecord>> {
        match self {
            Store::Sqlite(s) => {
                s.write(move |c| sqlite::settle(c, number, payment.as_ref(), response))
                    .await
            }
            Store::Postgres(s) => s.settle(number, payment.as_ref(), response).await,
        }
    }

    /// The orders still `pending` (left by a crash between the charge and its record).
    pub async fn pending_orders(&self) -> StoreResult<Vec<OrderRecord>> {
        match self {
            Store::Sqlite(s) => s.read(sqlite::pending_orders).await,
            Store::Postgres(s) => s.pending_orders().await,
        }
    }

    /// Keys still held with no response and no order (a crash before the order was written).
    pub async fn release_orphan_keys(&self) -> StoreResult<()> {
        match self {
            Store::Sqlite(s) => s.write(sqlite::release_orphan_keys).await,
            Store::Postgres(s) => s.release_orphan_keys().await,
        }
    }

    /// One of the account's orders.
    pub async fn order(&self, account_id: &str, number: i64) -> StoreResult<Option<OrderRecord>> {
        let account_id = account_id.to_owned();
        match self {
            Store::Sqlite(s) => s.read(move |c| sqlite::order(c, &account_id, number)).await,
            Store::Postgres(s) => s.order(&account_id, number).await,
        }
    }

    /// The account's orders, newest first: at most `limit` with a number below `before`.
    pub async fn orders(
        &self,
        account_id: &str,
        before: Option<i64>,
        limit: u32,
    ) -> StoreResult<Vec<OrderRecord>> {
        let account_id = account_id.to_owned();
        match self {
            Store::Sqlite(s) => {
                s.read(move |c| sqlite::orders(c, &account_id, before, limit))
                    .await
            }
            Store::Postgres(s) => s.orders(&account_id, before, limit).await,
        }
    }
}
