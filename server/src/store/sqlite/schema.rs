//! The SQLite schema, versioned: `PRAGMA user_version` counts the migrations applied, each runs
//! once, in its own transaction.

use rusqlite::Connection;

/// Version 1 is the schema of the first releases (created with `IF NOT EXISTS`, so their files
/// open as they are); each later entry moves one version up.
const MIGRATIONS: &[&str] = &[
    "CREATE TABLE IF NOT EXISTS accounts (
       id TEXT PRIMARY KEY, name TEXT NOT NULL, locale TEXT NOT NULL,
       account TEXT NOT NULL, credit_package TEXT NOT NULL, renewed_until TEXT);
     CREATE TABLE IF NOT EXISTS orders (
       number INTEGER PRIMARY KEY, created_at TEXT NOT NULL, account_id TEXT NOT NULL,
       total TEXT NOT NULL, currency TEXT NOT NULL, status TEXT NOT NULL,
       description TEXT NOT NULL, invoice INTEGER NOT NULL, order_json TEXT NOT NULL,
       quote_json TEXT NOT NULL, payment_json TEXT NOT NULL DEFAULT 'null',
       idempotency_key TEXT UNIQUE);",
    "ALTER TABLE orders ADD COLUMN account_before TEXT;
     CREATE INDEX orders_by_account ON orders (account_id, number);
     CREATE INDEX orders_pending ON orders (status) WHERE status = 'pending';
     CREATE TABLE users (
       id INTEGER PRIMARY KEY, email TEXT NOT NULL UNIQUE COLLATE NOCASE, name TEXT NOT NULL,
       password_hash TEXT NOT NULL, account_id TEXT NOT NULL REFERENCES accounts (id),
       role TEXT NOT NULL CHECK (role IN ('admin', 'member')));
     CREATE TABLE sessions (
       id_hash TEXT PRIMARY KEY, user_id INTEGER NOT NULL REFERENCES users (id) ON DELETE CASCADE,
       created_at INTEGER NOT NULL, last_seen INTEGER NOT NULL);
     CREATE TABLE idempotency_keys (
       user_id INTEGER NOT NULL REFERENCES users (id), key TEXT NOT NULL,
       request_hash TEXT NOT NULL, created_at INTEGER NOT NULL,
       order_number INTEGER REFERENCES orders (number), status INTEGER, response TEXT,
       PRIMARY KEY (user_id, key));
     CREATE INDEX idempotency_by_order ON idempotency_keys (order_number);",
    // Invoices and receipts count in their own series, apart from the order numbers; the paid
    // orders of older files get theirs in order-number order.
    "ALTER TABLE orders ADD COLUMN document_number INTEGER;
     UPDATE orders SET document_number = (SELECT COUNT(*) FROM orders AS o
       WHERE o.invoice = orders.invoice AND o.status = 'paid' AND o.number <= orders.number)
     WHERE status = 'paid';",
    // Automatic renewals (R18): an order's kind, and one row per account and run date, written in
    // the same transaction as what the run did to the account: a run happens once per date.
    "ALTER TABLE orders ADD COLUMN kind TEXT NOT NULL DEFAULT 'order';
     CREATE TABLE renewal_runs (
       account_id TEXT NOT NULL REFERENCES accounts (id), run_date TEXT NOT NULL,
       period_end TEXT NOT NULL, outcome TEXT NOT NULL, order_number INTEGER REFERENCES orders (number),
       PRIMARY KEY (account_id, run_date));",
    // The next invoice or receipt number is one step down this index, not a scan of every order;
    // whether an account has a pending order (one at a time), a step down the second.
    "CREATE INDEX orders_documents ON orders (invoice, document_number) WHERE document_number IS NOT NULL;
     CREATE INDEX orders_pending_by_account ON orders (account_id) WHERE status = 'pending';",
];

pub fn migrate(conn: &mut Connection) -> rusqlite::Result<()> {
    let done: usize = conn.query_row("PRAGMA user_version", [], |r| r.get(0))?;
    for (i, sql) in MIGRATIONS.iter().enumerate().skip(done) {
        let tx = conn.transaction()?;
        tx.execute_batch(sql)?;
        tx.pragma_update(None, "user_version", i + 1)?;
        tx.commit()?;
    }
    Ok(())
}
