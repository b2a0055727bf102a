//! A throwaway PostgreSQL cluster per test process (`scripts/pg-cluster.sh`: a Unix socket in a
//! temp folder, stopped and removed once the process is gone), and a fresh database per test.
// Test support: a failed step is a failed test.
#![allow(dead_code, clippy::unwrap_used, clippy::panic)]

use std::process::Command;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::OnceLock;

static CLUSTER: OnceLock<String> = OnceLock::new();
static DATABASES: AtomicUsize = AtomicUsize::new(0);

/// The URL of the cluster's `postgres` database, the cluster started on first use.
pub fn cluster() -> &'static str {
    CLUSTER.get_or_init(|| {
        let pid = std::process::id();
        let dir = std::env::temp_dir().join(format!("credit-checkout-pg-{pid}"));
        let script = concat!(env!("CARGO_MANIFEST_DIR"), "/../scripts/pg-cluster.sh");
        let out = Command::new(script)
            .arg("start")
            .arg(&dir)
            .arg(pid.to_string())
            .output()
            .unwrap();
        assert!(
            out.status.success(),
            "pg-cluster.sh: {}",
            String::from_utf8_lossy(&out.stderr)
        );
        String::from_utf8(out.stdout).unwrap().trim().to_owned()
    })
}

/// A new, empty database in the cluster: its URL.
pub async fn database() -> String {
    let admin = cluster();
    let name = format!("test_{}", DATABASES.fetch_add(1, Ordering::SeqCst));
    let (client, connection) = tokio_postgres::connect(admin, tokio_postgres::NoTls)
        .await
        .unwrap();
    let task = tokio::spawn(connection);
    client
        .batch_execute(&format!("CREATE DATABASE {name}"))
        .await
        .unwrap();
    drop(client);
    let _ = task.await;
    admin.replacen("postgres:///postgres?", &format!("postgres:///{name}?"), 1)
}

/// Runs `sql` on the database at `url`; the rows' first columns as text.
pub async fn query(url: &str, sql: &str) -> Vec<Vec<Option<String>>> {
    let (client, connection) = tokio_postgres::connect(url, tokio_postgres::NoTls).await.unwrap();
    tokio::spawn(connection);
    let rows = client.simple_query(sql).await.unwrap();
    rows.iter()
        .filter_map(|m| match m {
            tokio_postgres::SimpleQueryMessage::Row(r) => {
                Some((0..r.len()).map(|i| r.get(i).map(str::to_owned)).collect())
            }
            _ => None,
        })
        .collect()
}
