//! The PostgreSQL schema, versioned: `schema_migrations` lists the versions applied. Every
//! instance runs the migrations at start-up under one advisory lock, in one transaction, so two
//! instances starting at once apply each version once (the second waits, then finds nothing to do).

use tokio_postgres::Client;

/// The advisory lock key of the migrations (any constant shared by every instance).
const MIGRATION_LOCK: i64 = 0x00c0_ffee_c4ec_0001;

/// Each entry moves one version up. Everything that must happen once has its row or constraint:
/// `counters` gives the order numbers and each document series (updated in the transaction that
/// uses the number, so the numbers are contiguous), `idempotency_keys` is keyed by user and key,
/// `renewal_runs` holds one row per account and run date (SPEC R18). `instance` says which
/// running instance wrote a pending order or holds a key (see `Postgres::open`).
const MIGRATIONS: &[&str] = &[
    "CREATE TABLE accounts (
       id TEXT PRIMARY KEY, name TEXT NOT NULL, locale TEXT NOT NULL,
       account TEXT NOT NULL, credit_package TEXT NOT NULL, renewed_until TEXT);
     CREATE TABLE users (
       id BIGSERIAL PRIMARY KEY, email TEXT NOT NULL, name TEXT NOT NULL,
       password_hash TEXT NOT NULL, account_id TEXT NOT NULL REFERENCES accounts (id),
       role TEXT NOT NULL CHECK (role IN ('admin', 'member')));
     CREATE UNIQUE INDEX users_by_email ON users (lower(email));
     CREATE TABLE sessions (
       id_hash TEXT PRIMARY KEY, user_id BIGINT NOT NULL REFERENCES users (id) ON DELETE CASCADE,
       created_at BIGINT NOT NULL, last_seen BIGINT NOT NULL);
     CREATE TABLE counters (name TEXT PRIMARY KEY, value BIGINT NOT NULL);
     INSERT INTO counters (name, value) VALUES ('order', 0), ('invoice', 0), ('receipt', 0);
     CREATE TABLE orders (
       number BIGINT PRIMARY KEY, created_at TEXT NOT NULL,
       account_id TEXT NOT NULL REFERENCES accounts (id),
       total TEXT NOT NULL, currency TEXT NOT NULL,
       status TEXT NOT NULL CHECK (status IN ('pending', 'paid', 'failed')),
       description TEXT NOT NULL, invoice BOOLEAN NOT NULL, order_json TEXT NOT NULL,
       quote_json TEXT NOT NULL, payment_json TEXT NOT NULL DEFAULT 'null',
       account_before TEXT, document_number BIGINT, instance INTEGER);
     CREATE INDEX orders_by_account ON orders (account_id, number);
     CREATE INDEX orders_pending ON orders (number) WHERE status = 'pending';
     CREATE UNIQUE INDEX orders_by_document ON orders (invoice, document_number)
       WHERE document_number IS NOT NULL;
     CREATE TABLE idempotency_keys (
       user_id BIGINT NOT NULL REFERENCES users (id), key TEXT NOT NULL,
       request_hash TEXT NOT NULL, created_at BIGINT NOT NULL,
       order_number BIGINT REFERENCES orders (number), status INTEGER, response TEXT,
       instance INTEGER, PRIMARY KEY (user_id, key));
     CREATE INDEX idempotency_by_order ON idempotency_keys (order_number);
     CREATE TABLE renewal_runs (
       account_id TEXT NOT NULL REFERENCES accounts (id), run_date DATE NOT NULL,
       PRIMARY KEY (account_id, run_date));",
    // Automatic renewals (R18): an order's kind, and what each run did (the period end it
    // charged for, its outcome, its renewal order), the run date as the backend's ISO date.
    "ALTER TABLE orders ADD COLUMN kind TEXT NOT NULL DEFAULT 'order';
     ALTER TABLE renewal_runs ALTER COLUMN run_date TYPE TEXT;
     ALTER TABLE renewal_runs ADD COLUMN period_end TEXT NOT NULL DEFAULT '',
       ADD COLUMN outcome TEXT NOT NULL DEFAULT '',
       ADD COLUMN order_number BIGINT REFERENCES orders (number);",
    // One pending order per account: whether an account has one is a step down this index.
    "CREATE INDEX orders_pending_by_account ON orders (account_id) WHERE status = 'pending';",
];

pub async fn migrate(client: &mut Client) -> Result<(), tokio_postgres::Error> {
    let tx = client.transaction().await?;
    tx.execute("SELECT pg_advisory_xact_lock($1)", &[&MIGRATION_LOCK])
        .await?;
    tx.batch_execute(
        "CREATE TABLE IF NOT EXISTS schema_migrations (
           version INTEGER PRIMARY KEY, applied_at TIMESTAMPTZ NOT NULL DEFAULT now())",
    )
    .await?;
    let done: i32 = tx
        .query_one("SELECT COALESCE(MAX(version), 0) FROM schema_migrations", &[])
        .await?
        .get(0);
    for (i, sql) in MIGRATIONS.iter().enumerate() {
        let version = i32::try_from(i + 1).unwrap_or(i32::MAX);
        if version <= done {
            continue;
        }
        tx.batch_execute(sql).await?;
        tx.execute("INSERT INTO schema_migrations (version) VALUES ($1)", &[&version])
            .await?;
    }
    tx.commit().await
}
