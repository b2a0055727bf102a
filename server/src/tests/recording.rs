//! Orders as the store records them: priced on the account as it is when recorded, one pending
//! order per account, concurrent purchases of one package, and settled after a crash between the
//! charge and its record.

use axum::http::StatusCode;
use serde_json::json;

use super::orders::use_key;
use super::support::{new_app, Kind};
use crate::payment_gateway::ChargeRequest;
use crate::settlement::settle_pending;
use crate::store::{Begun, Claim, KeyUse, OrderRecord, PendingOrder};

/// A pending order for `account` that sets its seats, as written just before its charge.
pub(super) async fn pending(
    t: &super::support::TestApp,
    account: &str,
    seats: i64,
    key: &str,
) -> OrderRecord {
    let begun = t
        .app
        .store
        .begin_order(
            KeyUse {
                key: key.into(),
                ..use_key("h", 1)
            },
            account,
            move |before| {
                let mut after = before.clone();
                after.account["seats"] = json!(seats);
                Ok(PendingOrder {
                    created_at: "2026-07-03T12:00:00Z".into(),
                    total: "1.00".into(),
                    currency: "USD".into(),
                    description: "test".into(),
                    invoice: false,
                    order: json!({}),
                    quote: json!({ "fingerprint": "x" }),
                    account_after: after,
                    kind: "order".into(),
                })
            },
        )
        .await;
    match begun.unwrap() {
        Begun::Pending(order) => *order,
        other => panic!("{other:?}"),
    }
}

async fn an_order_is_priced_on_the_account_as_it_is_when_recorded(kind: Kind) {
    let t = new_app(kind).await;
    let first = pending(&t, "br-admin", 6, "first").await;
    let refuse = |before: &crate::store::AccountRecord| Err((422, before.account["seats"].clone()));
    // While the first is pending, the account takes no other order, and the key stays free.
    let busy = t
        .app
        .store
        .begin_order(use_key("h", 1), "br-admin", refuse)
        .await
        .unwrap();
    assert!(matches!(busy, Begun::Busy(n) if n == first.number), "{busy:?}");
    let paid = json!({ "status": "paid" });
    t.app.store.settle(first.number, Some(paid), None).await.unwrap();
    // The next pricing sees the first order's change; a refusal is kept for its key and
    // stores no order.
    let begun = t
        .app
        .store
        .begin_order(use_key("h", 1), "br-admin", refuse)
        .await
        .unwrap();
    assert!(
        matches!(begun, Begun::Refused(422, ref seats) if *seats == json!(6)),
        "{begun:?}"
    );
    let again = t
        .app
        .store
        .begin_order(use_key("h", 2), "br-admin", refuse)
        .await
        .unwrap();
    assert!(matches!(again, Begun::Claimed(Claim::Done(422, _))), "{again:?}");
    assert_eq!(t.app.store.orders("br-admin", None, 10).await.unwrap().len(), 1);
}

/// Twenty purchases of the same package at once on one account: each is priced on the account
/// as it is when recorded, so the first makes Starter the running package and the others, no
/// longer upgrades (R16) or arriving while it is charged, are refused: never two packages
/// charged.
async fn concurrent_package_orders_on_one_account_sell_one_package(kind: Kind) {
    let t = std::sync::Arc::new(new_app(kind).await);
    let bob = t.sign_in("us-admin").await;
    let order = t.starter_order(&bob).await;
    let tasks: Vec<_> = (0..20)
        .map(|i| {
            let (t, bob, order) = (std::sync::Arc::clone(&t), bob.clone(), order.clone());
            tokio::spawn(async move {
                let r = t.submit(&bob, &order, &format!("c{i}")).await;
                let code = match r.status {
                    StatusCode::UNPROCESSABLE_ENTITY => r.body["error"]["problems"][0]["code"].clone(),
                    _ => r.body["error"]["code"].clone(),
                };
                (r.status, code)
            })
        })
        .collect();
    let mut statuses = Vec::new();
    for task in tasks {
        statuses.push(task.await.unwrap());
    }
    let created = statuses.iter().filter(|s| s.0 == StatusCode::CREATED).count();
    assert_eq!(created, 1, "{statuses:?}");
    // Refused as no longer an upgrade, or, while the first is being charged, as one order of
    // the account at a time.
    let refused = [
        (StatusCode::UNPROCESSABLE_ENTITY, json!("PACKAGE_NOT_AN_UPGRADE")),
        (StatusCode::CONFLICT, json!("ORDER_IN_PROGRESS")),
    ];
    assert_eq!(
        statuses.iter().filter(|s| refused.contains(s)).count(),
        19,
        "{statuses:?}"
    );
    assert_eq!(t.order_count(&bob).await, 1);
}

/// A card charge of 1.00 USD, paid in full, for the order `number` (the test orders' total).
fn card_charge(number: i64) -> ChargeRequest {
    ChargeRequest {
        order_number: number,
        method: "card".into(),
        charged_to: "card".into(),
        amount: "1.00".into(),
        currency: "USD".into(),
        installments: 1,
        processor: None,
        outcome: None,
    }
}

async fn a_restart_settles_pending_orders_with_the_gateways_record(kind: Kind) {
    let t = new_app(kind).await;
    // Order 1 was charged, order 2 was not, and the process died before recording either.
    let charged = pending(&t, "br-admin", 6, "a").await;
    let lost = pending(&t, "us-admin", 7, "b").await;
    t.app.gateway.charge(card_charge(charged.number)).await.unwrap();
    assert_eq!(settle_pending(&t.app).await.unwrap(), 2);
    let paid = t
        .app
        .store
        .order("br-admin", charged.number)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(
        (paid.status.as_str(), paid.payment["reference"].as_str()),
        ("paid", Some("SIM-1-card-card-1x-1.00USD"))
    );
    let failed = t.app.store.order("us-admin", lost.number).await.unwrap().unwrap();
    assert_eq!(failed.status, "failed");
    // The paid order's account change stays (3 seats to 6); the failed one's is undone (bob's
    // one seat, not 7).
    let seats = |a: crate::store::AccountRecord| a.account["seats"].clone();
    let ana = t.app.store.account("br-admin").await.unwrap().unwrap();
    let bob = t.app.store.account("us-admin").await.unwrap().unwrap();
    assert_eq!((seats(ana), seats(bob)), (json!(6), json!(1)));
    assert!(t.app.store.pending_orders().await.unwrap().is_empty());
}

/// An order the sweep finds pending with no charge (its instance thought stopped, or stale):
/// voided at the gateway before it is marked failed, so a charge still on its way for it takes
/// nothing.
async fn the_sweep_voids_a_charge_still_on_its_way(kind: Kind) {
    let t = new_app(kind).await;
    let order = pending(&t, "br-admin", 6, "late").await;
    assert_eq!(
        crate::settlement::sweep(&t.app, "9999-12-31T00:00:00Z".into())
            .await
            .unwrap(),
        1
    );
    let failed = t
        .app
        .store
        .order("br-admin", order.number)
        .await
        .unwrap()
        .unwrap();
    assert_eq!(failed.status, "failed");
    let charge = t.app.gateway.charge(card_charge(order.number)).await.unwrap();
    assert_eq!(charge.status, "voided");
    // The account is as it was before the order (3 seats, not 6).
    let account = t.app.store.account("br-admin").await.unwrap().unwrap();
    assert_eq!(account.account["seats"], 3);
}

both_stores!(
    an_order_is_priced_on_the_account_as_it_is_when_recorded,
    concurrent_package_orders_on_one_account_sell_one_package,
    a_restart_settles_pending_orders_with_the_gateways_record,
    the_sweep_voids_a_charge_still_on_its_way,
);
