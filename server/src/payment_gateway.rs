//! The payment boundary, SIMULATED: no card network, PayPal or Ebury call is made. A real
//! deployment replaces this module (and only this module) with the processors' clients.
//!
//! Like a real processor, the simulated one keeps its own record of the charges it made
//! (`gateway.sqlite3` in the data directory, apart from the orders), keyed by the order number
//! the backend sends as the idempotency reference: charging the same order twice returns the
//! first charge, and the backend can ask what happened to an order whose answer it lost.
//!
//! As at Stripe, card details never reach the orders: the page sends them here
//! (`POST /api/payment-methods`) and gets a token (`pm_...`, with the brand and last four
//! digits); PayPal's approval gives one too. An order names only its token. What a test card
//! does is kept with its token: approve, decline, or ask for a second confirmation step (3-D
//! Secure), which the customer's `POST /api/orders/{n}/confirm` completes or cancels.

use std::path::Path;
use std::sync::Arc;

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
    /// The token's outcome (`None`: the simulation's default approving method).
    pub outcome: Option<Outcome>,
}

/// What a charge to a payment method does in the simulation.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Outcome {
    Approve,
    Decline,
    RequireConfirmation,
}

impl Outcome {
    fn as_str(self) -> &'static str {
        match self {
            Outcome::Approve => "approve",
            Outcome::Decline => "decline",
            Outcome::RequireConfirmation => "require_confirmation",
        }
    }

    fn parse(s: &str) -> Outcome {
        match s {
            "decline" => Outcome::Decline,
            "require_confirmation" => Outcome::RequireConfirmation,
            _ => Outcome::Approve,
        }
    }
}

/// A tokenized payment method: what the order may name and the page may show.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentMethod {
    pub id: String,
    /// `card` or `paypal`.
    pub kind: String,
    pub brand: String,
    pub last4: String,
    #[serde(skip)]
    pub user_id: i64,
    #[serde(skip)]
    pub outcome: Option<Outcome>,
}

#[derive(Clone, Debug, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct Charge {
    pub reference: String,
    pub status: String,
    pub simulated: bool,
}

pub struct Gateway {
    /// Fair, and awaited without holding a thread (as the store's writer).
    conn: Arc<tokio::sync::Mutex<Connection>>,
}

impl Gateway {
    /// Opens (or creates) the processor's record in `dir`. Instances on one machine that share
    /// a database share it too, by sharing the directory (SQLite's file locks order them).
    pub fn open(dir: &Path) -> rusqlite::Result<Gateway> {
        let _ = std::fs::create_dir_all(dir);
        let conn = Connection::open(dir.join("gateway.sqlite3"))?;
        conn.execute_batch(
            "PRAGMA journal_mode = WAL; PRAGMA synchronous = NORMAL; PRAGMA busy_timeout = 5000;
             CREATE TABLE IF NOT EXISTS charges (
               order_number INTEGER PRIMARY KEY, charge TEXT NOT NULL);
             CREATE TABLE IF NOT EXISTS payment_methods (
               id TEXT PRIMARY KEY, user_id INTEGER NOT NULL, kind TEXT NOT NULL,
               brand TEXT NOT NULL, last4 TEXT NOT NULL, outcome TEXT NOT NULL);",
        )?;
        Ok(Gateway {
            conn: Arc::new(tokio::sync::Mutex::new(conn)),
        })
    }

    async fn run<T: Send + 'static>(
        &self,
        f: impl FnOnce(&Connection) -> rusqlite::Result<T> + Send + 'static,
    ) -> Result<T, String> {
        let conn = Arc::clone(&self.conn).lock_owned().await;
        tokio::task::spawn_blocking(move || f(&conn))
            .await
            .map_err(|e| e.to_string())?
            .map_err(|e| e.to_string())
    }

    /// Keeps a tokenized method for `method.user_id` under a new random `pm_` id.
    pub async fn save_method(&self, mut method: PaymentMethod) -> Result<PaymentMethod, String> {
        let mut bytes = [0u8; 12];
        rand_core::RngCore::fill_bytes(&mut rand_core::OsRng, &mut bytes);
        let hex: String = bytes.iter().map(|b| format!("{b:02x}")).collect();
        method.id = format!("pm_{hex}");
        self.run(move |c| {
            c.execute(
                "INSERT INTO payment_methods (id, user_id, kind, brand, last4, outcome)
                 VALUES (?1, ?2, ?3, ?4, ?5, ?6)",
                params![
                    method.id,
                    method.user_id,
                    method.kind,
                    method.brand,
                    method.last4,
                    method.outcome.unwrap_or(Outcome::Approve).as_str()
                ],
            )?;
            Ok(method)
        })
        .await
    }

    /// The method `id`, when it is `user_id`'s.
    pub async fn method(&self, id: String, user_id: i64) -> Result<Option<PaymentMethod>, String> {
        self.run(move |c| {
            c.query_row(
                "SELECT id, user_id, kind, brand, last4, outcome FROM payment_methods
                 WHERE id = ?1 AND user_id = ?2",
                params![id, user_id],
                |r| {
                    Ok(PaymentMethod {
                        id: r.get(0)?,
                        user_id: r.get(1)?,
                        kind: r.get(2)?,
                        brand: r.get(3)?,
                        last4: r.get(4)?,
                        outcome: Some(Outcome::parse(&r.get::<_, String>(5)?)),
                    })
                },
            )
            .optional()
        })
        .await
    }

    /// Charges as the method's outcome says (`paid`, `declined` or `requires_confirmation`),
    /// with a deterministic reference; a second charge for the same order returns the first (or
    /// the void that came first).
    pub async fn charge(&self, request: ChargeRequest) -> Result<Charge, String> {
        self.run(move |c| {
            immediate(c, |c| {
                if let Some(first) = find(c, request.order_number)? {
                    return Ok(first);
                }
                let charge = approve(&request);
                store(c, request.order_number, &charge)?;
                Ok(charge)
            })
        })
        .await
    }

    /// The order's charge; when there is none, a `voided` record in its place, so that a charge
    /// still on its way for that order (an instance thought stopped) finds it and takes nothing.
    pub async fn charge_or_void(&self, order_number: i64) -> Result<Charge, String> {
        self.run(move |c| {
            immediate(c, |c| {
                if let Some(first) = find(c, order_number)? {
                    return Ok(first);
                }
                let void = Charge {
                    reference: format!("SIM-{order_number}-void"),
                    status: "voided".into(),
                    simulated: true,
                };
                store(c, order_number, &void)?;
                Ok(void)
            })
        })
        .await
    }

    /// The second step of a charge that asked for one: `paid` when the customer confirmed,
    /// `authentication_failed` when not. Any other charge is returned as it is.
    pub async fn confirm(&self, order_number: i64, confirmed: bool) -> Result<Option<Charge>, String> {
        self.run(move |c| {
            immediate(c, |c| {
                let Some(mut charge) = find(c, order_number)? else {
                    return Ok(None);
                };
                if charge.status == "requires_confirmation" {
                    charge.status = if confirmed {
                        "paid"
                    } else {
                        "authentication_failed"
                    }
                    .into();
                    c.execute(
                        "UPDATE charges SET charge = ?2 WHERE order_number = ?1",
                        params![order_number, serde_json::to_string(&charge).unwrap_or_default()],
                    )?;
                }
                Ok(Some(charge))
            })
        })
        .await
    }
}

/// `f` in one `BEGIN IMMEDIATE` transaction: a read and the write it decides are one step for
/// every process sharing the file (instances on one machine share the record).
fn immediate<T>(c: &Connection, f: impl FnOnce(&Connection) -> rusqlite::Result<T>) -> rusqlite::Result<T> {
    c.execute_batch("BEGIN IMMEDIATE")?;
    match f(c) {
        Ok(value) => c.execute_batch("COMMIT").map(|()| value),
        Err(e) => {
            let _ = c.execute_batch("ROLLBACK");
            Err(e)
        }
    }
}

fn store(c: &Connection, order_number: i64, charge: &Charge) -> rusqlite::Result<()> {
    let text = serde_json::to_string(charge).unwrap_or_default();
    c.execute(
        "INSERT INTO charges (order_number, charge) VALUES (?1, ?2)",
        params![order_number, text],
    )
    .map(drop)
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
        status: match request.outcome.unwrap_or(Outcome::Approve) {
            Outcome::Approve => "paid",
            Outcome::Decline => "declined",
            Outcome::RequireConfirmation => "requires_confirmation",
        }
        .into(),
        simulated: true,
    }
}
