//! The PostgreSQL backend, for more than one backend instance on one database. Everything that
//! must happen once is enforced by the database, never by a lock in one process: the order
//! numbers and each document series come from a counter row updated in the transaction that
//! uses the number, an order locks its account's row (`SELECT ... FOR UPDATE`) from its pricing
//! to its record, and an idempotency key is the primary key `(user_id, key)`.

use std::str::FromStr;

use deadpool_postgres::{GenericClient, Manager, ManagerConfig, Object, Pool, RecyclingMethod};
use serde_json::Value;
use tokio_postgres::NoTls;

use super::{AccountRecord, NewUser, OrderRecord, SessionRecord, StoreError, StoreResult, UserRecord};

mod keys;
mod orders;
mod renewals;
mod rows;
mod schema;

use rows::{account_row, order_row, user_row};

/// Connections per instance: enough to keep PostgreSQL busy, few enough that several
/// instances stay within its default `max_connections` (100).
const CONNECTIONS: usize = 16;

pub struct Postgres {
    pool: Pool,
    /// This instance's id: it holds the advisory lock `(INSTANCE_LOCKS, id)` on a connection of
    /// its own for as long as it runs, so another instance can tell a live instance's pending
    /// orders and held keys (in flight, left alone) from a dead one's (settled, released).
    instance: i32,
    _holder: tokio_postgres::Client,
}

/// The first key of the instances' advisory locks.
const INSTANCE_LOCKS: i32 = 0x00c0_ffee;

/// Rows of `table` (aliased `t`) written by this instance or by one that no longer runs.
fn abandoned() -> String {
    format!(
        "(t.instance IS NULL OR t.instance = $1 OR NOT EXISTS (
           SELECT 1 FROM pg_locks l WHERE l.locktype = 'advisory' AND l.granted
             AND l.database = (SELECT oid FROM pg_database WHERE datname = current_database())
             AND l.classid::bigint = {INSTANCE_LOCKS} AND l.objid::bigint = t.instance
             AND l.objsubid = 2))"
    )
}

/// Connects a client of its own (outside the pool) and takes a free instance id on it.
async fn hold_instance(config: &tokio_postgres::Config) -> StoreResult<(tokio_postgres::Client, i32)> {
    let (holder, connection) = config.connect(NoTls).await.map_err(err)?;
    tokio::spawn(connection);
    loop {
        let id = i32::try_from(rand_core::RngCore::next_u32(&mut rand_core::OsRng) >> 1).unwrap_or(1);
        let row = holder
            .query_one("SELECT pg_try_advisory_lock($1, $2)", &[&INSTANCE_LOCKS, &id])
            .await
            .map_err(err)?;
        if row.try_get::<_, bool>(0).map_err(err)? {
            return Ok((holder, id));
        }
    }
}

fn err(e: impl std::fmt::Display) -> StoreError {
    StoreError(e.to_string())
}

const ACCOUNT_SELECT: &str = "SELECT id, name, locale, account, credit_package, renewed_until FROM accounts";
const USER_COLUMNS: &str = "u.id, u.email, u.name, u.password_hash, u.account_id, u.role";
const ORDER_SELECT: &str =
    "SELECT number, created_at, account_id, total, currency, status, description, invoice,
        order_json, quote_json, payment_json, document_number, kind FROM orders";

impl Postgres {
    /// Connects to `url` (`postgres://user:password@host:port/database`, or
    /// `postgres:///database?host=/socket/dir`) and runs the migrations.
    pub async fn open(url: &str) -> StoreResult<Postgres> {
        let config = tokio_postgres::Config::from_str(url).map_err(err)?;
        let (holder, instance) = hold_instance(&config).await?;
        let manager = Manager::from_config(
            config,
            NoTls,
            ManagerConfig {
                recycling_method: RecyclingMethod::Fast,
            },
        );
        let pool = Pool::builder(manager)
            .max_size(CONNECTIONS)
            .build()
            .map_err(err)?;
        let mut client = pool.get().await.map_err(err)?;
        schema::migrate(&mut client).await.map_err(err)?;
        Ok(Postgres {
            pool,
            instance,
            _holder: holder,
        })
    }

    async fn client(&self) -> StoreResult<Object> {
        self.pool.get().await.map_err(err)
    }

    pub async fn seed(&self, accounts: &[AccountRecord], users: &[NewUser]) -> StoreResult<()> {
        let mut c = self.client().await?;
        let tx = c.transaction().await.map_err(err)?;
        for a in accounts {
            tx.execute(
                "INSERT INTO accounts (id, name, locale, account, credit_package, renewed_until)
                 VALUES ($1, $2, $3, $4, $5, $6) ON CONFLICT DO NOTHING",
                &[
                    &a.id,
                    &a.name,
                    &a.locale,
                    &a.account.to_string(),
                    &a.credit_package.to_string(),
                    &a.renewed_until,
                ],
            )
            .await
            .map_err(err)?;
        }
        for u in users {
            tx.execute(
                "INSERT INTO users (email, name, password_hash, account_id, role)
                 VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
                &[&u.email, &u.name, &u.password_hash, &u.account_id, &u.role],
            )
            .await
            .map_err(err)?;
        }
        tx.commit().await.map_err(err)
    }

    pub async fn account(&self, id: &str) -> StoreResult<Option<AccountRecord>> {
        let c = self.client().await?;
        account(&c, id, "").await
    }

    pub async fn user_by_email(&self, email: &str) -> StoreResult<Option<UserRecord>> {
        let c = self.client().await?;
        let sql = format!("SELECT {USER_COLUMNS} FROM users u WHERE lower(u.email) = lower($1)");
        let stmt = c.prepare_cached(&sql).await.map_err(err)?;
        let row = c.query_opt(&stmt, &[&email]).await.map_err(err)?;
        row.as_ref().map(user_row).transpose().map_err(err)
    }

    pub async fn create_session(&self, id_hash: &str, user_id: i64, now: i64) -> StoreResult<()> {
        self.execute(
            "INSERT INTO sessions (id_hash, user_id, created_at, last_seen) VALUES ($1, $2, $3, $3)",
            &[&id_hash, &user_id, &now],
        )
        .await
    }

    pub async fn session(&self, id_hash: &str) -> StoreResult<Option<SessionRecord>> {
        let c = self.client().await?;
        let sql = format!(
            "SELECT {USER_COLUMNS}, s.created_at, s.last_seen FROM sessions s
             JOIN users u ON u.id = s.user_id WHERE s.id_hash = $1"
        );
        let stmt = c.prepare_cached(&sql).await.map_err(err)?;
        let Some(row) = c.query_opt(&stmt, &[&id_hash]).await.map_err(err)? else {
            return Ok(None);
        };
        Ok(Some(SessionRecord {
            user: user_row(&row).map_err(err)?,
            created_at: row.try_get(6).map_err(err)?,
            last_seen: row.try_get(7).map_err(err)?,
        }))
    }

    pub async fn touch_session(&self, id_hash: &str, now: i64) -> StoreResult<()> {
        self.execute(
            "UPDATE sessions SET last_seen = $2 WHERE id_hash = $1",
            &[&id_hash, &now],
        )
        .await
    }

    pub async fn delete_session(&self, id_hash: &str) -> StoreResult<()> {
        self.execute("DELETE FROM sessions WHERE id_hash = $1", &[&id_hash])
            .await
    }

    async fn execute(
        &self,
        sql: &str,
        params: &[&(dyn tokio_postgres::types::ToSql + Sync)],
    ) -> StoreResult<()> {
        let c = self.client().await?;
        let stmt = c.prepare_cached(sql).await.map_err(err)?;
        c.execute(&stmt, params).await.map(drop).map_err(err)
    }

    /// The order's row is locked while it is settled, so two instances settling it at once
    /// (a restart's recovery and a late request) settle it once.
    pub async fn settle(
        &self,
        number: i64,
        payment: Option<&Value>,
        response: Option<(u16, Value)>,
    ) -> StoreResult<()> {
        let mut c = self.client().await?;
        let tx = c.transaction().await.map_err(err)?;
        let row = tx
            .query_one(
                "SELECT status, account_before, invoice FROM orders WHERE number = $1 FOR UPDATE",
                &[&number],
            )
            .await
            .map_err(err)?;
        let status: String = row.try_get(0).map_err(err)?;
        let before: Option<String> = row.try_get(1).map_err(err)?;
        let invoice: bool = row.try_get(2).map_err(err)?;
        if status != "pending" {
            return Ok(());
        }
        match payment {
            Some(p) => {
                // The document number comes with the payment: a failed order takes none.
                let series = if invoice { "invoice" } else { "receipt" };
                let document = next(&tx, series).await?;
                tx.execute(
                    "UPDATE orders SET status = 'paid', payment_json = $2, document_number = $3
                     WHERE number = $1",
                    &[&number, &p.to_string(), &document],
                )
                .await
                .map_err(err)?;
            }
            None => {
                tx.execute(
                    "UPDATE orders SET status = 'failed' WHERE number = $1",
                    &[&number],
                )
                .await
                .map_err(err)?;
                // Nothing was charged: the order's account changes are undone.
                if let Some(before) = before.and_then(|b| serde_json::from_str::<AccountRecord>(&b).ok()) {
                    write_account(&tx, &before).await?;
                }
            }
        }
        if let Some((status, body)) = response {
            tx.execute(
                "UPDATE idempotency_keys SET status = $2, response = $3 WHERE order_number = $1",
                &[&number, &i32::from(status), &body.to_string()],
            )
            .await
            .map_err(err)?;
        }
        tx.commit().await.map_err(err)
    }

    /// The pending orders of this instance and of instances that no longer run: another live
    /// instance's are in flight (its charge may be on its way).
    pub async fn pending_orders(&self) -> StoreResult<Vec<OrderRecord>> {
        let c = self.client().await?;
        let sql = format!(
            "{ORDER_SELECT} t WHERE status = 'pending' AND {} ORDER BY number",
            abandoned()
        );
        let rows = c.query(&sql, &[&self.instance]).await.map_err(err)?;
        rows.iter().map(order_row).collect::<Result<_, _>>().map_err(err)
    }

    pub async fn orphaned_orders(&self) -> StoreResult<Vec<OrderRecord>> {
        let c = self.client().await?;
        let sql = format!(
            "{ORDER_SELECT} t WHERE status = 'pending' AND t.instance IS NOT NULL AND t.instance <> $1 AND {}
             ORDER BY number",
            abandoned()
        );
        let rows = c.query(&sql, &[&self.instance]).await.map_err(err)?;
        rows.iter().map(order_row).collect::<Result<_, _>>().map_err(err)
    }

    pub async fn pending_since(&self, created_before: &str) -> StoreResult<Vec<OrderRecord>> {
        let c = self.client().await?;
        let sql = format!("{ORDER_SELECT} WHERE status = 'pending' AND created_at < $1 ORDER BY number");
        let rows = c.query(&sql, &[&created_before]).await.map_err(err)?;
        rows.iter().map(order_row).collect::<Result<_, _>>().map_err(err)
    }

    pub async fn order(&self, account_id: &str, number: i64) -> StoreResult<Option<OrderRecord>> {
        let c = self.client().await?;
        let sql = format!("{ORDER_SELECT} WHERE number = $1 AND account_id = $2");
        let stmt = c.prepare_cached(&sql).await.map_err(err)?;
        let row = c.query_opt(&stmt, &[&number, &account_id]).await.map_err(err)?;
        row.as_ref().map(order_row).transpose().map_err(err)
    }

    pub async fn orders(
        &self,
        account_id: &str,
        before: Option<i64>,
        limit: u32,
    ) -> StoreResult<Vec<OrderRecord>> {
        let c = self.client().await?;
        let sql =
            format!("{ORDER_SELECT} WHERE account_id = $1 AND number < $2 ORDER BY number DESC LIMIT $3");
        let stmt = c.prepare_cached(&sql).await.map_err(err)?;
        let (before, limit) = (before.unwrap_or(i64::MAX), i64::from(limit));
        let rows = c
            .query(&stmt, &[&account_id, &before, &limit])
            .await
            .map_err(err)?;
        rows.iter().map(order_row).collect::<Result<_, _>>().map_err(err)
    }
}

async fn account<C: GenericClient>(c: &C, id: &str, lock: &str) -> StoreResult<Option<AccountRecord>> {
    let stmt = c
        .prepare_cached(&format!("{ACCOUNT_SELECT} WHERE id = $1{lock}"))
        .await
        .map_err(err)?;
    let row = c.query_opt(&stmt, &[&id]).await.map_err(err)?;
    row.as_ref().map(account_row).transpose().map_err(err)
}

async fn order_by_number<C: GenericClient>(
    c: &C,
    number: i64,
    lock: &str,
) -> StoreResult<Option<OrderRecord>> {
    let stmt = c
        .prepare_cached(&format!("{ORDER_SELECT} WHERE number = $1{lock}"))
        .await
        .map_err(err)?;
    let row = c.query_opt(&stmt, &[&number]).await.map_err(err)?;
    row.as_ref().map(order_row).transpose().map_err(err)
}

/// The next number of a series: its counter row is locked until the transaction ends, so the
/// numbers are contiguous (a rolled-back transaction gives its number back).
async fn next<C: GenericClient>(c: &C, series: &str) -> StoreResult<i64> {
    let stmt = c
        .prepare_cached("UPDATE counters SET value = value + 1 WHERE name = $1 RETURNING value")
        .await
        .map_err(err)?;
    c.query_one(&stmt, &[&series])
        .await
        .map_err(err)?
        .try_get(0)
        .map_err(err)
}

async fn write_account<C: GenericClient>(c: &C, a: &AccountRecord) -> StoreResult<()> {
    let stmt = c
        .prepare_cached(
            "UPDATE accounts SET account = $2, credit_package = $3, renewed_until = $4 WHERE id = $1",
        )
        .await
        .map_err(err)?;
    c.execute(
        &stmt,
        &[
            &a.id,
            &a.account.to_string(),
            &a.credit_package.to_string(),
            &a.renewed_until,
        ],
    )
    .await
    .map(drop)
    .map_err(err)
}
