//! The SQLite backend: one file in the data directory. Writes go through one connection (SQLite
//! has one writer at a time; queuing here is cheaper than its busy handler), reads through a few
//! more; all of it on Tokio's blocking threads, never on the async workers.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde_json::Value;

use super::{
    AccountRecord, Claim, NewUser, OrderRecord, PendingOrder, SessionRecord, StoreError, StoreResult,
    UserRecord,
};

mod renewals;
mod rows;
mod schema;

pub use renewals::{account_ids, run_renewal, set_auto_renewal};
use rows::{account_row, order_row, user_row};

const READERS: usize = 4;

struct Pool {
    writer: Mutex<Connection>,
    readers: Vec<Mutex<Connection>>,
    next: AtomicUsize,
}

pub struct Sqlite {
    pool: Arc<Pool>,
}

fn err(e: impl std::fmt::Display) -> StoreError {
    StoreError(e.to_string())
}

/// A panicking holder cannot leave SQLite half-written (transactions roll back), so a poisoned
/// lock is still safe to use.
fn lock(m: &Mutex<Connection>) -> MutexGuard<'_, Connection> {
    m.lock().unwrap_or_else(|p| p.into_inner())
}

fn connect(file: &Path) -> StoreResult<Connection> {
    let conn = Connection::open(file).map_err(err)?;
    // WAL with synchronous=NORMAL: a commit survives the process being killed (it is in the
    // log, in the kernel's hands); only a power cut can lose the last commits.
    conn.execute_batch(
        "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;
         PRAGMA foreign_keys = ON;",
    )
    .map_err(err)?;
    Ok(conn)
}

impl Sqlite {
    pub fn open(dir: &Path) -> StoreResult<Sqlite> {
        std::fs::create_dir_all(dir).map_err(|e| err(format!("{}: {e}", dir.display())))?;
        let file = dir.join("checkout.db");
        let mut writer = connect(&file)?;
        schema::migrate(&mut writer).map_err(err)?;
        let readers = (0..READERS)
            .map(|_| connect(&file).map(Mutex::new))
            .collect::<StoreResult<_>>()?;
        Ok(Sqlite {
            pool: Arc::new(Pool {
                writer: Mutex::new(writer),
                readers,
                next: AtomicUsize::new(0),
            }),
        })
    }

    /// Runs `f` on the writer connection, on a blocking thread.
    pub async fn write<T, F>(&self, f: F) -> StoreResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> rusqlite::Result<T> + Send + 'static,
    {
        let pool = Arc::clone(&self.pool);
        tokio::task::spawn_blocking(move || f(&mut lock(&pool.writer)).map_err(err))
            .await
            .map_err(err)?
    }

    /// Runs `f` on one of the reader connections, on a blocking thread.
    pub async fn read<T, F>(&self, f: F) -> StoreResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&Connection) -> rusqlite::Result<T> + Send + 'static,
    {
        let pool = Arc::clone(&self.pool);
        tokio::task::spawn_blocking(move || {
            let start = pool.next.fetch_add(1, Ordering::Relaxed);
            let count = pool.readers.len();
            // The first free reader, else wait for the one after the last taken.
            let free = (0..count).find_map(|i| pool.readers.get((start + i) % count)?.try_lock().ok());
            match free {
                Some(conn) => f(&conn),
                None => match pool.readers.get(start % count.max(1)) {
                    Some(m) => f(&lock(m)),
                    None => f(&lock(&pool.writer)),
                },
            }
            .map_err(err)
        })
        .await
        .map_err(err)?
    }
}

pub fn seed(c: &mut Connection, accounts: &[AccountRecord], users: &[NewUser]) -> rusqlite::Result<()> {
    let tx = c.transaction()?;
    for a in accounts {
        tx.execute(
            "INSERT OR IGNORE INTO accounts (id, name, locale, account, credit_package, renewed_until)
             VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
            params![
                a.id,
                a.name,
                a.locale,
                a.account.to_string(),
                a.credit_package.to_string(),
                a.renewed_until
            ],
        )?;
    }
    for u in users {
        tx.execute(
            "INSERT OR IGNORE INTO users (email, name, password_hash, account_id, role) VALUES (?1, ?2, ?3, ?4, ?5)",
            params![u.email, u.name, u.password_hash, u.account_id, u.role],
        )?;
    }
    tx.commit()
}

const ACCOUNT_SELECT: &str = "SELECT id, name, locale, account, credit_package, renewed_until FROM accounts";

pub fn account(c: &Connection, id: &str) -> rusqlite::Result<Option<AccountRecord>> {
    c.prepare_cached(&format!("{ACCOUNT_SELECT} WHERE id = ?1"))?
        .query_row([id], account_row)
        .optional()
}

const USER_COLUMNS: &str = "u.id, u.email, u.name, u.password_hash, u.account_id, u.role";

pub fn user_by_email(c: &Connection, email: &str) -> rusqlite::Result<Option<UserRecord>> {
    c.prepare_cached(&format!(
        "SELECT {USER_COLUMNS} FROM users u WHERE u.email = ?1 COLLATE NOCASE"
    ))?
    .query_row([email], user_row)
    .optional()
}

pub fn create_session(c: &mut Connection, id_hash: &str, user_id: i64, now: i64) -> rusqlite::Result<()> {
    c.prepare_cached(
        "INSERT INTO sessions (id_hash, user_id, created_at, last_seen) VALUES (?1, ?2, ?3, ?3)",
    )?
    .execute(params![id_hash, user_id, now])
    .map(drop)
}

pub fn session(c: &Connection, id_hash: &str) -> rusqlite::Result<Option<SessionRecord>> {
    c.prepare_cached(&format!(
        "SELECT {USER_COLUMNS}, s.created_at, s.last_seen FROM sessions s JOIN users u ON u.id = s.user_id
         WHERE s.id_hash = ?1"
    ))?
    .query_row([id_hash], |r| {
        Ok(SessionRecord {
            user: user_row(r)?,
            created_at: r.get(6)?,
            last_seen: r.get(7)?,
        })
    })
    .optional()
}

pub fn touch_session(c: &mut Connection, id_hash: &str, now: i64) -> rusqlite::Result<()> {
    c.prepare_cached("UPDATE sessions SET last_seen = ?2 WHERE id_hash = ?1")?
        .execute(params![id_hash, now])
        .map(drop)
}

pub fn delete_session(c: &mut Connection, id_hash: &str) -> rusqlite::Result<()> {
    c.prepare_cached("DELETE FROM sessions WHERE id_hash = ?1")?
        .execute([id_hash])
        .map(drop)
}

pub fn claim_key(
    c: &mut Connection,
    user_id: i64,
    key: &str,
    hash: &str,
    now: i64,
    expired_before: i64,
) -> rusqlite::Result<Claim> {
    let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
    tx.prepare_cached("DELETE FROM idempotency_keys WHERE user_id = ?1 AND key = ?2 AND created_at < ?3")?
        .execute(params![user_id, key, expired_before])?;
    let found = tx
        .prepare_cached(
            "SELECT request_hash, status, response FROM idempotency_keys WHERE user_id = ?1 AND key = ?2",
        )?
        .query_row(params![user_id, key], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<u16>>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })
        .optional()?;
    let claim = match found {
        Some((stored, _, _)) if stored != hash => Claim::Mismatch,
        Some((_, Some(status), body)) => Claim::Done(
            status,
            body.and_then(|b| serde_json::from_str(&b).ok())
                .unwrap_or(Value::Null),
        ),
        Some(_) => Claim::InFlight,
        None => {
            tx.prepare_cached(
                "INSERT INTO idempotency_keys (user_id, key, request_hash, created_at) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![user_id, key, hash, now])?;
            Claim::New
        }
    };
    tx.commit()?;
    Ok(claim)
}

pub fn finish_key(
    c: &mut Connection,
    user_id: i64,
    key: &str,
    status: u16,
    body: &Value,
) -> rusqlite::Result<()> {
    c.prepare_cached(
        "UPDATE idempotency_keys SET status = ?3, response = ?4 WHERE user_id = ?1 AND key = ?2",
    )?
    .execute(params![user_id, key, status, body.to_string()])
    .map(drop)
}

pub fn release_key(c: &mut Connection, user_id: i64, key: &str) -> rusqlite::Result<()> {
    c.prepare_cached("DELETE FROM idempotency_keys WHERE user_id = ?1 AND key = ?2 AND status IS NULL")?
        .execute(params![user_id, key])
        .map(drop)
}

pub fn release_orphan_keys(c: &mut Connection) -> rusqlite::Result<()> {
    c.execute(
        "DELETE FROM idempotency_keys WHERE status IS NULL AND order_number IS NULL",
        [],
    )
    .map(drop)
}

pub fn insert_pending<E, F>(
    c: &mut Connection,
    account_id: &str,
    price: F,
) -> rusqlite::Result<Result<OrderRecord, E>>
where
    F: FnOnce(&AccountRecord) -> Result<PendingOrder, E>,
{
    let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let before = account(&tx, account_id)?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
    let new = match price(&before) {
        Ok(new) => new,
        Err(refused) => return Ok(Err(refused)),
    };
    let number = insert_order(&tx, &before, &new)?;
    if let Some((user, key)) = &new.key {
        tx.prepare_cached("UPDATE idempotency_keys SET order_number = ?3 WHERE user_id = ?1 AND key = ?2")?
            .execute(params![user, key, number])?;
    }
    let order = order_by_number(&tx, number)?;
    tx.commit()?;
    Ok(Ok(order))
}

/// Writes `new` as a `pending` order of the account `before` under the next number, with the
/// account as it is after the order.
pub(super) fn insert_order(
    tx: &Connection,
    before: &AccountRecord,
    new: &PendingOrder,
) -> rusqlite::Result<i64> {
    let number: i64 = tx.query_row("SELECT COALESCE(MAX(number), 0) + 1 FROM orders", [], |r| {
        r.get(0)
    })?;
    tx.prepare_cached(
        "INSERT INTO orders (number, created_at, account_id, total, currency, status, description, invoice,
                             order_json, quote_json, account_before, kind)
         VALUES (?1, ?2, ?3, ?4, ?5, 'pending', ?6, ?7, ?8, ?9, ?10, ?11)",
    )?
    .execute(params![
        number,
        new.created_at,
        before.id,
        new.total,
        new.currency,
        new.description,
        new.invoice,
        new.order.to_string(),
        new.quote.to_string(),
        serde_json::to_string(before).unwrap_or_default(),
        new.kind
    ])?;
    write_account(tx, &new.account_after)?;
    Ok(number)
}

pub(super) fn write_account(c: &Connection, a: &AccountRecord) -> rusqlite::Result<()> {
    c.prepare_cached(
        "UPDATE accounts SET account = ?2, credit_package = ?3, renewed_until = ?4 WHERE id = ?1",
    )?
    .execute(params![
        a.id,
        a.account.to_string(),
        a.credit_package.to_string(),
        a.renewed_until
    ])
    .map(drop)
}

pub fn settle(
    c: &mut Connection,
    number: i64,
    payment: Option<&Value>,
    response: Option<(u16, Value)>,
) -> rusqlite::Result<Option<OrderRecord>> {
    let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let order = order_by_number(&tx, number)?;
    if order.status != "pending" {
        return Ok(Some(order));
    }
    match payment {
        Some(p) => {
            // The document number comes with the payment: a failed order takes none, so each
            // series stays contiguous.
            tx.prepare_cached(
                "UPDATE orders SET status = 'paid', payment_json = ?2,
                   document_number = (SELECT COALESCE(MAX(document_number), 0) + 1 FROM orders
                                      WHERE invoice = ?3 AND status = 'paid')
                 WHERE number = ?1",
            )?
            .execute(params![number, p.to_string(), order.invoice])?;
        }
        None => {
            tx.prepare_cached("UPDATE orders SET status = 'failed' WHERE number = ?1")?
                .execute([number])?;
            // Nothing was charged: the order's account changes are undone.
            if let Some(before) = &order.account_before {
                write_account(&tx, before)?;
            }
        }
    }
    let settled = order_by_number(&tx, number)?;
    if let Some((status, body)) = response {
        tx.prepare_cached("UPDATE idempotency_keys SET status = ?2, response = ?3 WHERE order_number = ?1")?
            .execute(params![number, status, body.to_string()])?;
    }
    tx.commit()?;
    Ok(Some(settled))
}

const ORDER_SELECT: &str =
    "SELECT number, created_at, account_id, total, currency, status, description, invoice,
                                   order_json, quote_json, payment_json, account_before,
                                   document_number, kind FROM orders";

pub(super) fn order_by_number(c: &Connection, number: i64) -> rusqlite::Result<OrderRecord> {
    c.prepare_cached(&format!("{ORDER_SELECT} WHERE number = ?1"))?
        .query_row([number], order_row)
}

pub fn pending_orders(c: &Connection) -> rusqlite::Result<Vec<OrderRecord>> {
    let mut stmt = c.prepare_cached(&format!(
        "{ORDER_SELECT} WHERE status = 'pending' ORDER BY number"
    ))?;
    let rows = stmt.query_map([], order_row)?;
    rows.collect()
}

pub fn order(c: &Connection, account_id: &str, number: i64) -> rusqlite::Result<Option<OrderRecord>> {
    c.prepare_cached(&format!("{ORDER_SELECT} WHERE number = ?1 AND account_id = ?2"))?
        .query_row(params![number, account_id], order_row)
        .optional()
}

pub fn orders(
    c: &Connection,
    account_id: &str,
    before: Option<i64>,
    limit: u32,
) -> rusqlite::Result<Vec<OrderRecord>> {
    let mut stmt = c.prepare_cached(&format!(
        "{ORDER_SELECT} WHERE account_id = ?1 AND number < ?2 ORDER BY number DESC LIMIT ?3"
    ))?;
    let rows = stmt.query_map(params![account_id, before.unwrap_or(i64::MAX), limit], order_row)?;
    rows.collect()
}
