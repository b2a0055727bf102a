//! The renewal run (SPEC R18): each day, and at start-up, every active account whose period end
//! has come moves on. A prepaid next period starts without a charge; with auto-renewal on, the
//! renewal that `Checkout::renewal` prices at the period end is charged to the saved payment and
//! recorded as an order of kind `renewal`; with it off, or after three declined daily tries, the
//! subscription expires and the package ends.
//!
//! Exactly once per account and date: the store writes the run's row (`renewal_runs`) in the
//! transaction that moves the account and records the renewal order, so a rerun, a second
//! process or a restart after a crash finds the row (or the moved period) and does nothing. The
//! charge follows the commit, with the order number as the gateway's idempotency reference; a
//! crash before its record is settled at the next start like any pending order.

use std::collections::BTreeSet;
use std::sync::Arc;
use std::time::Duration;

use chrono::NaiveDate;
use credit_checkout::input::parse_renewal_request;
use credit_checkout::quote::{LineKind, Renewal};
use serde_json::{json, Value};

use crate::app::{account_for, App};
use crate::store::{AccountRecord, OrderRecord, PendingOrder, RenewalRun, RenewalStep};

/// Declined charges after which a subscription expires.
const TRIES: u32 = 3;

/// What one run did.
#[derive(Debug, Default, PartialEq, Eq)]
pub struct RunSummary {
    pub renewed: usize,
    pub declined: usize,
    /// Accounts whose run waits for a pending order to be settled.
    pub held: usize,
}

/// Runs the renewals due on the backend's date: each account at most once per date.
pub async fn run(app: &Arc<App>) -> Result<RunSummary, String> {
    let ids = app.store.account_ids().await.map_err(|e| e.to_string())?;
    run_accounts(app, ids).await
}

/// Runs again the renewals a pending order held (`settlement`'s sweep, every few seconds).
pub async fn retry_held(app: &Arc<App>) -> Result<RunSummary, String> {
    let held = std::mem::take(&mut *held_renewals(app));
    if held.is_empty() {
        return Ok(RunSummary::default());
    }
    run_accounts(app, held.into_iter().collect()).await
}

fn held_renewals(app: &App) -> std::sync::MutexGuard<'_, BTreeSet<String>> {
    app.held_renewals
        .lock()
        .unwrap_or_else(std::sync::PoisonError::into_inner)
}

/// The renewal runs of the accounts `ids` on the backend's date; an account held by a pending
/// order, or whose run failed (the store or the gateway unreachable), is kept for
/// [`retry_held`], and the others still run. The first failure, after all of them.
async fn run_accounts(app: &Arc<App>, ids: Vec<String>) -> Result<RunSummary, String> {
    let today = app.today();
    let date = today.to_string();
    let mut summary = RunSummary::default();
    let mut failure = None;
    for id in ids {
        match run_account(app, &id, today, &date).await {
            Ok(RenewalRun::Held) => {
                summary.held += 1;
                held_renewals(app).insert(id);
            }
            Ok(RenewalRun::Done(Some(_))) => summary.renewed += 1,
            Ok(RenewalRun::Done(None) | RenewalRun::Nothing) => {}
            Err(Declined) => summary.declined += 1,
            Err(Failed(e)) => {
                held_renewals(app).insert(id);
                failure.get_or_insert(e);
            }
        }
    }
    failure.map_or(Ok(summary), Err)
}

/// Why one account's run did not renew it.
enum Missed {
    Declined,
    Failed(String),
}
use Missed::{Declined, Failed};

/// One account's run: what came of it (a renewal charged and paid is `Done(Some(_))`).
async fn run_account(app: &Arc<App>, id: &str, today: NaiveDate, date: &str) -> Result<RenewalRun, Missed> {
    let pricer = Arc::clone(app);
    let decided = app
        .store
        .run_renewal(id, date, move |record, tries| {
            decide(&pricer, record, today, tries)
        })
        .await
        .map_err(|e| Failed(e.to_string()))?;
    let RenewalRun::Done(Some(order)) = decided else {
        return Ok(decided);
    };
    if charge_renewal(app, &order).await.map_err(Failed)? {
        Ok(RenewalRun::Done(Some(order)))
    } else {
        Err(Declined)
    }
}

/// Charges an automatic renewal order and records the outcome; whether it was paid.
pub async fn charge_renewal(app: &App, pending: &OrderRecord) -> Result<bool, String> {
    // A renewal is charged to the saved payment: no token of a chosen method.
    let charge = app
        .gateway
        .charge(crate::settlement::charge_request(pending, None))
        .await;
    if app.policy.crash_mid_renewal {
        eprintln!("credit-checkout-server: crash-mid-renewal fault: exiting in the middle of a renewal run");
        std::process::exit(70);
    }
    let payment = crate::payment_methods::paid(charge.ok().as_ref());
    let paid = payment.is_some();
    app.store
        .settle(pending.number, payment, None)
        .await
        .map_err(|e| e.to_string())?;
    Ok(paid)
}

/// What R18 does to `record` on `today`, given the earlier declined tries for its period end.
pub fn decide(app: &App, record: &AccountRecord, today: NaiveDate, tries: u32) -> RenewalStep {
    let sub = record.account.get("subscription").unwrap_or(&Value::Null);
    let period_end = sub["periodEnd"]
        .as_str()
        .and_then(|d| d.parse::<NaiveDate>().ok());
    let Some(period_end) = period_end.filter(|end| sub["status"] == "active" && *end <= today) else {
        return RenewalStep::Skip;
    };
    let mut after = record.clone();
    if let Some(until) = &record.renewed_until {
        if let Some(s) = after
            .account
            .pointer_mut("/subscription")
            .and_then(Value::as_object_mut)
        {
            s.insert("periodStart".into(), period_end.to_string().into());
            s.insert("periodEnd".into(), until.clone().into());
        }
        after.renewed_until = None;
        return RenewalStep::Move {
            account_after: after,
            outcome: "prepaid",
        };
    }
    let auto = record
        .account
        .get("autoRenewal")
        .and_then(Value::as_bool)
        .unwrap_or(false);
    if auto && tries < TRIES {
        if let Some(order) = renewal_order(app, record, period_end) {
            return RenewalStep::Charge(Box::new(order));
        }
    }
    if let Some(s) = after
        .account
        .pointer_mut("/subscription")
        .and_then(Value::as_object_mut)
    {
        s.insert("status".into(), "expired".into());
    }
    after.credit_package = Value::Null;
    RenewalStep::Move {
        account_after: after,
        outcome: "expired",
    }
}

/// The automatic renewal order: the `Renewal` priced at the period end, and the account moved to
/// the period it pays for. `None` when the account cannot be priced.
fn renewal_order(app: &App, record: &AccountRecord, period_end: NaiveDate) -> Option<PendingOrder> {
    let request = json!({
        "asOf": period_end.to_string(), "account": account_for(record, "admin"), "locale": record.locale,
    });
    let parsed = parse_renewal_request(&request.to_string()).ok()?;
    let renewal = app.checkout.renewal(&parsed).ok()?;
    let quote = serde_json::to_value(&renewal).ok()?;
    renewal.date?;
    let mut after = record.clone();
    let new_end = quote.pointer("/subscription/periodEnd").cloned()?;
    if let Some(s) = after
        .account
        .pointer_mut("/subscription")
        .and_then(Value::as_object_mut)
    {
        s.insert("periodStart".into(), period_end.to_string().into());
        s.insert("periodEnd".into(), new_end);
    }
    // A package that does not renew keeps running to its own end.
    if let Some(renewed) = renewed_package(&renewal) {
        after.credit_package = renewed;
    }
    if let Some(a) = after.account.as_object_mut() {
        a.insert(
            "savedPayment".into(),
            json!({ "method": renewal.payment.method, "installments": renewal.installments.count }),
        );
    }
    let description: Vec<&str> = renewal.lines.iter().map(|l| l.description.as_str()).collect();
    Some(PendingOrder {
        created_at: (app.now)(),
        total: renewal.total.to_string(),
        currency: renewal.currency.clone(),
        description: description.join("; "),
        invoice: false,
        order: request,
        quote,
        account_after: after,
        kind: "renewal".into(),
    })
}

/// The running package after its renewal: the period paid for, at the renewal line's price.
fn renewed_package(renewal: &Renewal) -> Option<Value> {
    let p = renewal.credit_package.as_ref()?;
    let price = renewal
        .lines
        .iter()
        .find(|l| l.kind == LineKind::CreditPackageRenewal)?
        .unit_price
        .to_string();
    Some(json!({
        "id": p.id, "creditsPerMonth": p.credits_per_month, "pricePerMonth": price,
        "start": p.start.to_string(), "end": p.end.to_string(),
    }))
}

/// Runs the renewals now and then whenever the backend's date changes (checked each minute).
pub fn schedule(app: Arc<App>) {
    tokio::spawn(async move {
        let mut last = None;
        loop {
            let today = app.today();
            if last != Some(today) {
                match run(&app).await {
                    Ok(s) if s != RunSummary::default() => println!("renewal run {today}: {s:?}"),
                    Ok(_) => {}
                    Err(e) => eprintln!("credit-checkout-server: renewal run {today}: {e}"),
                }
                last = Some(today);
            }
            tokio::time::sleep(Duration::from_secs(60)).await;
        }
    });
}
