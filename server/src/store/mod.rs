//! Everything the backend keeps: accounts, users and their sessions, orders, idempotency keys.
//!
//! One interface, [`Store`], over two storage backends: SQLite, the default (`sqlite.rs`, one
//! file in the data directory, run on Tokio's blocking threads, one backend process), and
//! PostgreSQL (`postgres.rs`, any number of backend instances on one database: the order number
//! from a counter row in the same transaction, the idempotency key as a primary key, the
//! account's row locked by its order). The operations are the units a transactional database
//! gives atomically; both backends run their versioned migrations when they open.

mod postgres;
mod records;
mod sqlite;

use std::path::Path;

use serde_json::Value;

pub use records::*;

/// A storage failure, in words; the backend's own error stays inside the backend.
#[derive(Debug)]
pub struct StoreError(pub String);

impl std::fmt::Display for StoreError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(&self.0)
    }
}

pub type StoreResult<T> = Result<T, StoreError>;

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

    /// Holds the key for the request, or says what an earlier use left (the first step of
    /// [`Store::begin_order`], alone).
    #[cfg(test)]
    pub async fn claim_key(&self, key: KeyUse) -> StoreResult<Claim> {
        match self {
            Store::Sqlite(s) => s.write(move |c| sqlite::claim_key(c, &key)).await,
            Store::Postgres(s) => s.claim_key(&key).await,
        }
    }

    /// Records the response of the request that holds `key`, to be replayed from now on.
    #[cfg(test)]
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

    /// Begins an order request, in one transaction: holds its idempotency key (or answers what
    /// an earlier use of the key left), prices the order on the account as it is now (the
    /// account cannot change between the pricing and the record: SQLite has one writer;
    /// PostgreSQL locks the row with `SELECT ... FOR UPDATE` and takes the number from a
    /// counter row), then either keeps `price`'s refusal as the key's response or stores the
    /// order `pending` under the next number, with its account changes, the key pointing at it.
    pub async fn begin_order<F>(&self, key: KeyUse, account_id: &str, price: F) -> StoreResult<Begun>
    where
        F: FnOnce(&AccountRecord) -> Result<PendingOrder, (u16, Value)> + Send + 'static,
    {
        let account_id = account_id.to_owned();
        match self {
            Store::Sqlite(s) => {
                s.write(move |c| sqlite::begin_order(c, &key, &account_id, price))
                    .await
            }
            Store::Postgres(s) => s.begin_order(&key, &account_id, price).await,
        }
    }

    /// Keeps `response` as the answer of the key that started the `pending` order `number`
    /// (a charge waiting for the customer's confirmation), without settling it.
    pub async fn answer_pending(&self, number: i64, response: (u16, Value)) -> StoreResult<()> {
        match self {
            Store::Sqlite(s) => {
                s.write(move |c| sqlite::answer_pending(c, number, &response))
                    .await
            }
            Store::Postgres(s) => s.answer_pending(number, &response).await,
        }
    }

    /// Settles a pending order: `paid` with the gateway's charge, or `failed` (its account
    /// changes undone). The idempotency key that started it, if any, gets `response` to replay.
    pub async fn settle(
        &self,
        number: i64,
        payment: Option<Value>,
        response: Option<(u16, Value)>,
    ) -> StoreResult<()> {
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

    /// The `pending` orders of other instances that stopped (PostgreSQL; SQLite runs as one
    /// instance and has none): what a running instance settles without waiting for a restart.
    pub async fn orphaned_orders(&self) -> StoreResult<Vec<OrderRecord>> {
        match self {
            Store::Sqlite(_) => Ok(Vec::new()),
            Store::Postgres(s) => s.orphaned_orders().await,
        }
    }

    /// The orders `pending` since before `created_before` (an ISO time stamp like the orders'
    /// `created_at`), whichever instance wrote them.
    pub async fn pending_since(&self, created_before: String) -> StoreResult<Vec<OrderRecord>> {
        match self {
            Store::Sqlite(s) => s.read(move |c| sqlite::pending_since(c, &created_before)).await,
            Store::Postgres(s) => s.pending_since(&created_before).await,
        }
    }

    /// Forgets sessions unused since `idle_before` or created before `created_before`, and
    /// answered idempotency keys created before `keys_before`.
    pub async fn forget_expired(
        &self,
        idle_before: i64,
        created_before: i64,
        keys_before: i64,
    ) -> StoreResult<()> {
        match self {
            Store::Sqlite(s) => {
                s.write(move |c| sqlite::forget_expired(c, idle_before, created_before, keys_before))
                    .await
            }
            Store::Postgres(s) => s.forget_expired(idle_before, created_before, keys_before).await,
        }
    }

    /// Every account's id.
    pub async fn account_ids(&self) -> StoreResult<Vec<String>> {
        match self {
            Store::Sqlite(s) => s.read(sqlite::account_ids).await,
            Store::Postgres(s) => s.account_ids().await,
        }
    }

    /// Turns the account's auto-renewal on or off when `allow` accepts the account as it is and
    /// the number of its pending order, if any. `None`: no such account.
    pub async fn set_auto_renewal<E, F>(
        &self,
        id: &str,
        on: bool,
        allow: F,
    ) -> StoreResult<Option<Result<AccountRecord, E>>>
    where
        E: Send + 'static,
        F: FnOnce(&AccountRecord, Option<i64>) -> Result<(), E> + Send + 'static,
    {
        let id = id.to_owned();
        match self {
            Store::Sqlite(s) => {
                s.write(move |c| sqlite::set_auto_renewal(c, &id, on, allow))
                    .await
            }
            Store::Postgres(s) => s.set_auto_renewal(&id, on, allow).await,
        }
    }

    /// One account's renewal run for `run_date` (R18), at most once per account and date: the
    /// run's row (`renewal_runs`, primary key account and date) is written in the transaction
    /// that changes the account and records its renewal order. `decide` gets the account and the
    /// number of earlier charge tries for its current period end. Nothing is written while an
    /// order of the account is `pending`.
    pub async fn run_renewal<F>(&self, id: &str, run_date: &str, decide: F) -> StoreResult<RenewalRun>
    where
        F: FnOnce(&AccountRecord, u32) -> RenewalStep + Send + 'static,
    {
        let (id, run_date) = (id.to_owned(), run_date.to_owned());
        match self {
            Store::Sqlite(s) => {
                s.write(move |c| sqlite::run_renewal(c, &id, &run_date, decide))
                    .await
            }
            Store::Postgres(s) => s.run_renewal(&id, &run_date, decide).await,
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
