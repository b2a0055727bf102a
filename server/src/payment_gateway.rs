//! The payment boundary, SIMULATED: no card network, PayPal or Ebury call is made. A real
//! deployment replaces this module (and only this module) with the processors' clients.
//!
//! Like a real processor, the simulated one keeps its own record of the charges it made
//! (`gateway.sqlite3` in the data directory, apart from the orders), keyed by the order number
//! the backend sends as the idempotency reference: charging the same order twice returns the
//! first charge, and the backend can ask what happened to an order whose answer it lost.

use std::path::Path;
use std::sync::{Arc, Mutex};

use rusqlite::{params, Connection, OptionalExtension};
use serde::{Deserialize, Serialize};

/// What the order asks the processor to charge.
pub struct ChargeRequest {
    /// The idempotency reference: one order, at most one charge.
    pub order_number: i64,
    pub method: String,
    /// `"saved_card"` when a package-only order goes to the card on file (R6).
    pub charged_to: String,
    pub amount: String,
    pub currency: String,
    pub installments: u32,
    /// The installment processor (Ebury) when paid in more than one installment.
    pub processor: Option<String>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Charge {
    pub reference: String,
    pub status: String,
    pub simulated: bool,
}

pub struct Gateway {
    conn: Arc<Mutex<Connection>>,
}

impl Gateway {
    /// Opens (or creates) the processor's record in `dir`. Instances on one machine that share
    /// a database share it too, by sharing the directory (SQLite's file locks order them).
    pub fn open(dir: &Path) -> rusqlite::Result<Gateway> {
        let _ = std::fs::create_dir_all(dir);
        let conn = Connection::open(dir.join("gateway.sqlite3"))?;
        conn.execute_batch(
            "PRAGMA busy_timeout = 5000; PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL;
             CREATE TABLE IF NOT EXISTS charges (
               order_number INTEGER PRIMARY KEY, charge TEXT NOT NULL);",
        )?;
        Ok(Gateway {
            conn: Arc::new(Mutex::new(conn)),
        })
    }

    async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Connection) -> rusqlite::Result<T> + Send + 'static,
    ) -> Result<T, String> {
        let conn = Arc::clone(&self.conn);
        tokio::task::spawn_blocking(move || f(&conn.lock().unwrap_or_else(|p| p.into_inner())))
            .await
            .map_err(|e| e.to_string())?
            .map_err(|e| e.to_string())
    }

    /// Approves every charge with a deterministic reference; a second charge for the same order
    /// returns the first.
    pub async fn charge(&self, request: ChargeRequest) -> Result<Charge, String> {
        self.run(move |c| {
            if let Some(first) = find(c, request.order_number)? {
                return Ok(first);
            }
            let charge = approve(&request);
            let text = serde_json::to_string(&charge).unwrap_or_default();
            c.execute(
                "INSERT INTO charges (order_number, charge) VALUES (?1, ?2)",
                params![request.order_number, text],
            )?;
            Ok(charge)
        })
        .await
    }

    /// The charge made for an order, if any.
    pub async fn lookup(&self, order_number: i64) -> Result<Option<Charge>, String> {
        self.run(move |c| find(c, order_number)).await
    }
}

fn find(c: &Connection, order_number: i64) -> rusqlite::Result<Option<Charge>> {
    let text: Option<String> = c
        .query_row(
            "SELECT charge FROM charges WHERE order_number = ?1",
            [order_number],
            |r| r.get(0),
        )
        .optional()?;
    Ok(text.and_then(|t| serde_json::from_str(&t).ok()))
}

fn approve(request: &ChargeRequest) -> Charge {
    let via = request.processor.as_deref().unwrap_or(&request.charged_to);
    Charge {
        reference: format!(
            "SIM-{}-{}-{}-{}x-{}{}",
            request.order_number, request.method, via, request.installments, request.amount, request.currency
        ),
        status: "paid".into(),
        simulated: true,
    }
}
