//! The SQLite backend: one file in the data directory. Writes go through one connection (SQLite
//! has one writer at a time; queuing here is cheaper than its busy handler), reads through a few
//! more; all of it on Tokio's blocking threads, never on the async workers.

use std::path::Path;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};

use rusqlite::{params, Connection, OptionalExtension, TransactionBehavior};
use serde_json::Value;

use super::{
    AccountRecord, Begun, Claim, KeyUse, NewUser, OrderRecord, PendingOrder, SessionRecord, StoreError,
    StoreResult, UserRecord,
};

mod keys;
mod renewals;
mod rows;
mod schema;

use keys::claim;
pub use keys::forget_expired;
#[cfg(test)]
pub use keys::{claim_key, finish_key};
pub use renewals::{account_ids, run_renewal, set_auto_renewal};
use rows::{account_row, order_row, user_row};

const READERS: usize = 4;

struct Pool {
    /// Fair (first come, first served) and awaited on the async side: one blocking thread at a
    /// time works on the writer, the other writes wait their turn without a thread.
    writer: Arc<tokio::sync::Mutex<Connection>>,
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
         PRAGMA foreign_keys = ON; PRAGMA cache_size = -16000;",
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
        // Checkpoints (copying the log into the database, with its fsyncs) run on their own
        // thread, off the path of the writes.
        writer.pragma_update(None, "wal_autocheckpoint", 0).map_err(err)?;
        let readers = (0..READERS)
            .map(|_| connect(&file).map(Mutex::new))
            .collect::<StoreResult<_>>()?;
        let pool = Arc::new(Pool {
            writer: Arc::new(tokio::sync::Mutex::new(writer)),
            readers,
            next: AtomicUsize::new(0),
        });
        let checkpointer = connect(&file)?;
        let weak = Arc::downgrade(&pool);
        std::thread::spawn(move || checkpoints(&checkpointer, &weak));
        Ok(Sqlite { pool })
    }

    /// Runs `f` on the writer connection, on a blocking thread.
    pub async fn write<T, F>(&self, f: F) -> StoreResult<T>
    where
        T: Send + 'static,
        F: FnOnce(&mut Connection) -> rusqlite::Result<T> + Send + 'static,
    {
        let mut conn = Arc::clone(&self.pool.writer).lock_owned().await;
        tokio::task::spawn_blocking(move || f(&mut conn).map_err(err))
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
                Some(conn) => f(&conn).map_err(err),
                None => match pool.readers.get(start % count.max(1)) {
                    Some(m) => f(&lock(m)).map_err(err),
                    None => Err(err("no reader connection")),
                },
            }
        })
        .await
        .map_err(err)?
    }
}

/// Every 50 ms while the store is open: a passive checkpoint, which never blocks the writer or
/// the readers. Often and small: under load (orders at 64 connections) a checkpoint every 500 ms
/// copied a burst of log pages that held the writes behind it, p99 1.9 times the p50 (65-70 ms);
/// every 2 s, 4 times (151 ms); every 50-100 ms, 1.15-1.25 times (41-47 ms). An idle check of an
/// empty log costs a few system calls.
fn checkpoints(conn: &Connection, pool: &std::sync::Weak<Pool>) {
    while pool.strong_count() > 0 {
        std::thread::sleep(std::time::Duration::from_millis(50));
        let _ = conn.query_row("PRAGMA wal_checkpoint(PASSIVE)", [], |_| Ok(()));
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

pub fn begin_order<F>(c: &mut Connection, key: &KeyUse, account_id: &str, price: F) -> rusqlite::Result<Begun>
where
    F: FnOnce(&AccountRecord) -> Result<PendingOrder, (u16, Value)>,
{
    let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
    match claim(&tx, key)? {
        Claim::New => {}
        other => {
            tx.commit()?;
            return Ok(Begun::Claimed(other));
        }
    }
    let before = account(&tx, account_id)?.ok_or(rusqlite::Error::QueryReturnedNoRows)?;
    if let Some(number) = pending_of(&tx, account_id)? {
        // Dropped without a commit: the key's claim is undone with the rest.
        return Ok(Begun::Busy(number));
    }
    let new = match price(&before) {
        Ok(new) => new,
        Err((status, body)) => {
            tx.prepare_cached(
                "UPDATE idempotency_keys SET status = ?3, response = ?4 WHERE user_id = ?1 AND key = ?2",
            )?
            .execute(params![key.user_id, key.key, status, body.to_string()])?;
            tx.commit()?;
            return Ok(Begun::Refused(status, body));
        }
    };
    let number = insert_order(&tx, &before, &new)?;
    tx.prepare_cached("UPDATE idempotency_keys SET order_number = ?3 WHERE user_id = ?1 AND key = ?2")?
        .execute(params![key.user_id, key.key, number])?;
    let order = order_by_number(&tx, number)?;
    tx.commit()?;
    Ok(Begun::Pending(Box::new(order)))
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

/// The answer of the key that started the order `number`, kept while the order stays `pending`.
pub fn answer_pending(
    c: &mut Connection,
    number: i64,
    (status, body): &(u16, Value),
) -> rusqlite::Result<()> {
    c.prepare_cached("UPDATE idempotency_keys SET status = ?2, response = ?3 WHERE order_number = ?1")?
        .execute(params![number, status, body.to_string()])?;
    Ok(())
}

pub fn settle(
    c: &mut Connection,
    number: i64,
    payment: Option<&Value>,
    response: Option<(u16, Value)>,
) -> rusqlite::Result<()> {
    let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let (status, before, invoice): (String, Option<String>, bool) = tx
        .prepare_cached("SELECT status, account_before, invoice FROM orders WHERE number = ?1")?
        .query_row([number], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))?;
    if status != "pending" {
        return Ok(());
    }
    match payment {
        Some(p) => {
            // The document number comes with the payment: a failed order takes none, so each
            // series stays contiguous.
            tx.prepare_cached(
                "UPDATE orders SET status = 'paid', payment_json = ?2,
                   document_number = COALESCE((SELECT document_number FROM orders
                                               WHERE invoice = ?3 AND document_number IS NOT NULL
                                               ORDER BY document_number DESC LIMIT 1), 0) + 1
                 WHERE number = ?1",
            )?
            .execute(params![number, p.to_string(), invoice])?;
        }
        None => {
            tx.prepare_cached("UPDATE orders SET status = 'failed' WHERE number = ?1")?
                .execute([number])?;
            // Nothing was charged: the order's account changes are undone.
            if let Some(before) = before.and_then(|b| serde_json::from_str::<AccountRecord>(&b).ok()) {
                write_account(&tx, &before)?;
            }
        }
    }
    if let Some((status, body)) = response {
        tx.prepare_cached("UPDATE idempotency_keys SET status = ?2, response = ?3 WHERE order_number = ?1")?
            .execute(params![number, status, body.to_string()])?;
    }
    tx.commit()
}

const ORDER_SELECT: &str =
    "SELECT number, created_at, account_id, total, currency, status, description, invoice,
                                   order_json, quote_json, payment_json,
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

/// The number of the account's `pending` order, if it has one.
pub(super) fn pending_of(c: &Connection, account_id: &str) -> rusqlite::Result<Option<i64>> {
    c.prepare_cached("SELECT number FROM orders WHERE account_id = ?1 AND status = 'pending' LIMIT 1")?
        .query_row([account_id], |r| r.get(0))
        .optional()
}

pub fn pending_since(c: &Connection, created_before: &str) -> rusqlite::Result<Vec<OrderRecord>> {
    let mut stmt = c.prepare_cached(&format!(
        "{ORDER_SELECT} WHERE status = 'pending' AND created_at < ?1 ORDER BY number"
    ))?;
    let rows = stmt.query_map([created_before], order_row)?;
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
