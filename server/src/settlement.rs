//! Charging a `pending` order and recording what came of it: the gateway is asked with the
//! order's number as its idempotency reference, then the order is marked `paid` or `failed`
//! (its account changes undone). Orders left `pending` are settled from the gateway's record:
//! at start-up every one a crash left, and while running, those of instances that stopped
//! (PostgreSQL) and any still `pending` after [`CONFIRMATION_MINUTES`] (a second confirmation
//! step the customer never finished is cancelled, so the account is not held by it).

use axum::response::Response;
use serde_json::Value;

use crate::app::{storage_error, App};
use crate::orders::Answer;
use crate::payment_gateway::{ChargeRequest, Outcome};
use crate::payment_methods::{paid, settled_answer};
use crate::store::OrderRecord;

/// How long a charge may wait for the customer's confirmation before it is cancelled.
pub const CONFIRMATION_MINUTES: i64 = 15;

/// What the gateway is asked to charge for a pending order: `outcome` is what the order's payment
/// method does (a charge to the card on file does not use the token of the chosen method).
pub(crate) fn charge_request(pending: &OrderRecord, outcome: Option<Outcome>) -> ChargeRequest {
    let text = |k: &str| {
        pending
            .quote
            .pointer(k)
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned()
    };
    let charged_to = text("/payment/chargedTo");
    let outcome = outcome.filter(|_| !charged_to.starts_with("saved_"));
    ChargeRequest {
        order_number: pending.number,
        method: text("/payment/method"),
        charged_to,
        amount: pending.total.clone(),
        currency: pending.currency.clone(),
        installments: pending
            .quote
            .pointer("/installments/count")
            .and_then(Value::as_u64)
            .and_then(|n| u32::try_from(n).ok())
            .unwrap_or(1),
        processor: pending
            .quote
            .pointer("/installments/processor")
            .and_then(Value::as_str)
            .map(str::to_owned),
        outcome,
    }
}

/// Charges a pending order (its number is the gateway's idempotency reference) and records the
/// outcome with the answer its key will replay.
pub async fn charge_and_settle(
    app: &App,
    pending: &OrderRecord,
    outcome: Option<Outcome>,
) -> Result<Answer, Response> {
    let charge = app.gateway.charge(charge_request(pending, outcome)).await;
    if app.policy.crash_after_charge {
        eprintln!(
            "credit-checkout-server: crash-after-charge fault: exiting before the order is marked paid"
        );
        std::process::exit(70);
    }
    let charge = charge.ok();
    let answer = settled_answer(pending, charge.as_ref());
    if charge
        .as_ref()
        .is_some_and(|c| c.status == "requires_confirmation")
    {
        // Pending until the customer's confirmation: the key keeps the 202.
        return match app.store.answer_pending(pending.number, answer.clone()).await {
            Ok(()) => Ok(answer),
            Err(e) => Err(storage_error(&e)),
        };
    }
    let payment = paid(charge.as_ref());
    match app
        .store
        .settle(pending.number, payment, Some(answer.clone()))
        .await
    {
        Ok(()) => Ok(answer),
        Err(e) => Err(storage_error(&e)),
    }
}

/// Settles every order a crash left `pending`: `paid` when the gateway holds its charge,
/// `failed` when it does not (its charge voided first); the keys that started them get the
/// answer to replay.
pub async fn settle_pending(app: &App) -> Result<usize, String> {
    let pending = app.store.pending_orders().await.map_err(|e| e.to_string())?;
    for order in &pending {
        settle_from_gateway(app, order, false).await?;
    }
    Ok(pending.len())
}

/// Settles, while running, what no request will: the `pending` orders of instances that stopped
/// (unless the customer may still confirm them), and every order still `pending` since before
/// `created_before` (no request runs that long), cancelling a confirmation the customer never
/// gave. How many it settled.
pub async fn sweep(app: &App, created_before: String) -> Result<usize, String> {
    let stale = app
        .store
        .pending_since(created_before)
        .await
        .map_err(|e| e.to_string())?;
    let mut due: Vec<(OrderRecord, bool)> = stale.into_iter().map(|o| (o, true)).collect();
    for o in app.store.orphaned_orders().await.map_err(|e| e.to_string())? {
        if !due.iter().any(|(d, _)| d.number == o.number) {
            due.push((o, false));
        }
    }
    let mut settled = 0;
    for (order, stale) in &due {
        settled += usize::from(settle_from_gateway(app, order, *stale).await?);
    }
    Ok(settled)
}

/// Settles `order` as the gateway's record has it, its charge voided first when there is none
/// (so that one still on its way takes nothing). A charge waiting for the customer's
/// confirmation is left to wait, or cancelled when `cancel_waiting`. Whether it was settled.
async fn settle_from_gateway(app: &App, order: &OrderRecord, cancel_waiting: bool) -> Result<bool, String> {
    let mut charge = Some(app.gateway.charge_or_void(order.number).await?);
    if charge
        .as_ref()
        .is_some_and(|c| c.status == "requires_confirmation")
    {
        if !cancel_waiting {
            return Ok(false);
        }
        charge = app.gateway.confirm(order.number, false).await?;
    }
    let answer = settled_answer(order, charge.as_ref());
    app.store
        .settle(order.number, paid(charge.as_ref()), Some(answer))
        .await
        .map_err(|e| e.to_string())?;
    Ok(true)
}
