//! Accounts and orders in SQLite, one file in the data directory, kept across restarts.

use std::path::Path;
use std::sync::{Mutex, MutexGuard};

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// A demo account: what the page shows and what the backend trusts.
#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountRecord {
    pub id: String,
    pub name: String,
    pub locale: String,
    /// Exactly the `account` object of an order (SPEC 2.2).
    pub account: Value,
    /// The active credit package `{ id, creditsPerMonth, start, end }`, or null.
    pub credit_package: Value,
    /// Where a paid renewal takes the subscription (it starts at the period's end).
    pub renewed_until: Option<String>,
}

/// An accepted order.
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
    /// The number of the order's invoice (orders with invoice details) or receipt (the others):
    /// one contiguous series per kind, apart from the order numbers.
    pub document_number: i64,
    #[serde(skip)]
    pub order: Value,
    #[serde(skip)]
    pub quote: Value,
    #[serde(skip)]
    pub payment: Value,
}

/// What an accepted order writes, all at once.
pub struct NewOrder<'a> {
    pub created_at: &'a str,
    pub account_id: &'a str,
    pub total: &'a str,
    pub currency: &'a str,
    pub description: &'a str,
    pub invoice: bool,
    pub order: &'a Value,
    pub quote: &'a Value,
    pub idempotency_key: Option<&'a str>,
    /// The account the order was priced against: if it changed meanwhile, nothing is stored.
    pub account_before: &'a AccountRecord,
    /// The account as it is after the order (auto-renewal, plan, seats, package, renewal).
    pub account_after: &'a AccountRecord,
}

/// What `insert_order` did.
pub enum Inserted {
    Created(OrderRecord),
    /// The idempotency key was used before: the order it created.
    Replayed(OrderRecord),
    /// Another order changed the account after this one was priced.
    AccountChanged,
}

pub struct Store {
    conn: Mutex<Connection>,
}

pub type DbResult<T> = Result<T, rusqlite::Error>;

impl Store {
    /// Opens (or creates) `dir/checkout.db`.
    pub fn open(dir: &Path) -> DbResult<Store> {
        std::fs::create_dir_all(dir).map_err(|e| rusqlite::Error::InvalidPath(dir.join(e.to_string())))?;
        let conn = Connection::open(dir.join("checkout.db"))?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL;
             PRAGMA synchronous = FULL;
             CREATE TABLE IF NOT EXISTS accounts (
               id TEXT PRIMARY KEY, name TEXT NOT NULL, locale TEXT NOT NULL,
               account TEXT NOT NULL, credit_package TEXT NOT NULL, renewed_until TEXT);
             CREATE TABLE IF NOT EXISTS orders (
               number INTEGER PRIMARY KEY, created_at TEXT NOT NULL, account_id TEXT NOT NULL,
               total TEXT NOT NULL, currency TEXT NOT NULL, status TEXT NOT NULL,
               description TEXT NOT NULL, invoice INTEGER NOT NULL, order_json TEXT NOT NULL,
               quote_json TEXT NOT NULL, payment_json TEXT NOT NULL DEFAULT 'null',
               idempotency_key TEXT UNIQUE, document_number INTEGER);",
        )?;
        add_document_numbers(&conn)?;
        Ok(Store {
            conn: Mutex::new(conn),
        })
    }

    fn conn(&self) -> MutexGuard<'_, Connection> {
        // A panicking holder cannot leave SQLite half-written (transactions roll back), so a
        // poisoned lock is still safe to use.
        self.conn.lock().unwrap_or_else(|p| p.into_inner())
    }

    /// Adds the accounts that are not there yet; existing ones keep their state.
    pub fn seed(&self, accounts: &[AccountRecord]) -> DbResult<()> {
        let conn = self.conn();
        for a in accounts {
            conn.execute(
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
        Ok(())
    }

    pub fn accounts(&self) -> DbResult<Vec<AccountRecord>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(
            "SELECT id, name, locale, account, credit_package, renewed_until FROM accounts ORDER BY rowid",
        )?;
        let rows = stmt.query_map([], account_row)?;
        rows.collect()
    }

    pub fn account(&self, id: &str) -> DbResult<Option<AccountRecord>> {
        let conn = self.conn();
        conn.query_row(
            "SELECT id, name, locale, account, credit_package, renewed_until FROM accounts WHERE id = ?1",
            [id],
            account_row,
        )
        .optional()
    }

    pub fn order_by_key(&self, key: &str) -> DbResult<Option<OrderRecord>> {
        let conn = self.conn();
        conn.query_row(
            &format!("{ORDER_SELECT} WHERE idempotency_key = ?1"),
            [key],
            order_row,
        )
        .optional()
    }

    pub fn order(&self, number: i64) -> DbResult<Option<OrderRecord>> {
        let conn = self.conn();
        conn.query_row(&format!("{ORDER_SELECT} WHERE number = ?1"), [number], order_row)
            .optional()
    }

    pub fn orders(&self, account_id: Option<&str>) -> DbResult<Vec<OrderRecord>> {
        let conn = self.conn();
        let mut stmt = conn.prepare(&format!(
            "{ORDER_SELECT} WHERE (?1 IS NULL OR account_id = ?1) ORDER BY number DESC"
        ))?;
        let rows = stmt.query_map([account_id], order_row)?;
        rows.collect()
    }

    /// Stores the order under the next number and updates the account, in one transaction;
    /// `charge` runs inside it with the number, so nothing is charged for an order that is not
    /// stored. A replayed idempotency key returns the order it created the first time; an account
    /// that changed since the order was priced stores nothing.
    pub fn insert_order<F>(&self, new: &NewOrder<'_>, charge: F) -> DbResult<Inserted>
    where
        F: FnOnce(i64) -> Value,
    {
        let mut conn = self.conn();
        let tx = conn.transaction()?;
        if let Some(key) = new.idempotency_key {
            let existing = tx
                .query_row(
                    &format!("{ORDER_SELECT} WHERE idempotency_key = ?1"),
                    [key],
                    order_row,
                )
                .optional()?;
            if let Some(order) = existing {
                return Ok(Inserted::Replayed(order));
            }
        }
        let before = new.account_before;
        let current = tx.query_row(
            "SELECT account, credit_package, renewed_until FROM accounts WHERE id = ?1",
            [&before.id],
            |r| {
                Ok((
                    json_column(r, 0)?,
                    json_column(r, 1)?,
                    r.get::<_, Option<String>>(2)?,
                ))
            },
        )?;
        if current
            != (
                before.account.clone(),
                before.credit_package.clone(),
                before.renewed_until.clone(),
            )
        {
            return Ok(Inserted::AccountChanged);
        }
        let number: i64 = tx.query_row("SELECT COALESCE(MAX(number), 0) + 1 FROM orders", [], |r| {
            r.get(0)
        })?;
        let payment = charge(number);
        tx.execute(
            "INSERT INTO orders (number, created_at, account_id, total, currency, status, description, invoice,
                                 order_json, quote_json, payment_json, idempotency_key, document_number)
             VALUES (?1, ?2, ?3, ?4, ?5, 'paid', ?6, ?7, ?8, ?9, ?10, ?11,
                     (SELECT COALESCE(MAX(document_number), 0) + 1 FROM orders WHERE invoice = ?7))",
            params![
                number,
                new.created_at,
                new.account_id,
                new.total,
                new.currency,
                new.description,
                new.invoice,
                new.order.to_string(),
                new.quote.to_string(),
                payment.to_string(),
                new.idempotency_key
            ],
        )?;
        let a = new.account_after;
        tx.execute(
            "UPDATE accounts SET account = ?2, credit_package = ?3, renewed_until = ?4 WHERE id = ?1",
            params![
                a.id,
                a.account.to_string(),
                a.credit_package.to_string(),
                a.renewed_until
            ],
        )?;
        let order = tx.query_row(&format!("{ORDER_SELECT} WHERE number = ?1"), [number], order_row)?;
        tx.commit()?;
        Ok(Inserted::Created(order))
    }
}

const ORDER_SELECT: &str =
    "SELECT number, created_at, account_id, total, currency, status, description, invoice,
                                   order_json, quote_json, payment_json, document_number FROM orders";

/// A store written before documents had numbers gets the column, and its orders their numbers
/// in order-number order, each kind its own series.
fn add_document_numbers(conn: &Connection) -> DbResult<()> {
    let has: bool = conn.query_row(
        "SELECT COUNT(*) > 0 FROM pragma_table_info('orders') WHERE name = 'document_number'",
        [],
        |r| r.get(0),
    )?;
    if !has {
        conn.execute_batch(
            "ALTER TABLE orders ADD COLUMN document_number INTEGER;
             UPDATE orders SET document_number = (SELECT COUNT(*) FROM orders AS o
               WHERE o.invoice = orders.invoice AND o.number <= orders.number);",
        )?;
    }
    Ok(())
}

fn json_column(row: &rusqlite::Row<'_>, i: usize) -> rusqlite::Result<Value> {
    let text: String = row.get(i)?;
    Ok(serde_json::from_str(&text).unwrap_or(Value::Null))
}

fn account_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<AccountRecord> {
    Ok(AccountRecord {
        id: row.get(0)?,
        name: row.get(1)?,
        locale: row.get(2)?,
        account: json_column(row, 3)?,
        credit_package: json_column(row, 4)?,
        renewed_until: row.get(5)?,
    })
}

fn order_row(row: &rusqlite::Row<'_>) -> rusqlite::Result<OrderRecord> {
    Ok(OrderRecord {
        number: row.get(0)?,
        created_at: row.get(1)?,
        account_id: row.get(2)?,
        total: row.get(3)?,
        currency: row.get(4)?,
        status: row.get(5)?,
        description: row.get(6)?,
        invoice: row.get(7)?,
        order: json_column(row, 8)?,
        quote: json_column(row, 9)?,
        payment: json_column(row, 10)?,
        document_number: row.get::<_, Option<i64>>(11)?.unwrap_or(0),
    })
}
