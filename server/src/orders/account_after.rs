//! What a recorded order does to its account: the auto-renewal outcome (R6), the plan, seats and
//! new subscription, a renewal, the credit package, and the saved payment (R18).

use credit_checkout::quote::LineKind;
use credit_checkout::{Order, Quote};
use serde_json::json;

use crate::store::AccountRecord;

/// R6 and the order's subscription changes, applied to the stored account with the order.
pub fn apply(record: &AccountRecord, order: &Order, quote: &Quote) -> AccountRecord {
    let mut after = record.clone();
    if let Some(account) = after.account.as_object_mut() {
        account.insert("autoRenewal".into(), quote.auto_renewal.after.into());
        account.insert("plan".into(), quote.subscription.plan.clone().into());
        account.insert("seats".into(), quote.subscription.seats.into());
        if let Some(new) = &order.new_subscription {
            account.insert(
                "subscription".into(),
                json!({
                    "status": "active", "termMonths": new.term_months,
                    "periodStart": order.as_of.to_string(), "periodEnd": quote.subscription.period_end.to_string(),
                }),
            );
        }
        // The role is the signed-in user's, never the account's.
        account.remove("role");
    }
    let renewal = quote
        .lines
        .iter()
        .any(|l| l.kind == LineKind::SubscriptionRenewal);
    if order.subscription.is_some() && renewal {
        after.renewed_until = Some(quote.subscription.period_end.to_string());
    }
    if let Some(p) = &quote.credit_package {
        // What the account pays for it a month: the package line's unit price (R16).
        let price = quote
            .lines
            .iter()
            .find(|l| l.kind == LineKind::CreditPackage)
            .map(|l| l.unit_price.to_string());
        after.credit_package = json!({
            "id": p.id, "creditsPerMonth": p.credits_per_month, "pricePerMonth": price,
            "start": p.start.to_string(), "end": p.end.to_string(),
        });
    }
    // The saved payment (R18): what a paid order with a subscription action, or charged to the
    // saved payment, used, while auto-renewal stays on.
    let action =
        order.new_subscription.is_some() || order.subscription.as_ref().is_some_and(|s| s.is_action());
    let saved_charge = quote.payment.charged_to.starts_with("saved_");
    if quote.auto_renewal.after && (action || saved_charge) {
        if let Some(account) = after.account.as_object_mut() {
            account.insert(
                "savedPayment".into(),
                json!({ "method": quote.payment.method, "installments": quote.installments.count }),
            );
        }
    }
    after
}
