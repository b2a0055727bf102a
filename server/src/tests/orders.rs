//! Orders: recomputed with the backend's data, stored, applied; refused when tampered; retried
//! safely with idempotency keys. (As the store records them: `recording.rs`.)

use axum::http::StatusCode;
use serde_json::{json, Value};

use super::support::{app_in, fresh, new_app, Kind};
use crate::store::{Claim, KeyUse};

async fn an_order_is_recomputed_stored_and_applied(kind: Kind) {
    let place = fresh(kind).await;
    let t = app_in(&place, 0).await;
    let bob = t.sign_in("us-admin").await;
    let order = t.starter_order(&bob).await;
    let r = t.submit(&bob, &order, "k1").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    assert_eq!(r.body["number"], 1);
    assert_eq!(r.body["total"], "30.00");
    assert_eq!(r.body["status"], "paid");
    assert_eq!(r.body["payment"]["simulated"], true);
    // The US admin has auto-renewal on: a package-only order goes to the saved card (R6).
    assert_eq!(r.body["quote"]["payment"]["chargedTo"], "saved_card");

    let list = t.get("/api/orders", &bob).await.body;
    assert_eq!(list["orders"].as_array().unwrap().len(), 1);
    assert_eq!(list["orders"][0]["invoice"], true);
    assert_eq!(list["next"], Value::Null);
    let account = t.get("/api/account", &bob).await.body;
    assert_eq!(account["creditPackage"]["id"], "starter");
    // Demo period anchor: the 15th; Starter from 2026-07-03 for 3 cycles ends on 2026-09-15.
    assert_eq!(account["creditPackage"]["end"], "2026-09-15");

    let pdf = t.get("/api/orders/1/invoice.pdf", &bob).await;
    assert_eq!(
        (pdf.status, pdf.header("content-type")),
        (StatusCode::OK, Some("application/pdf"))
    );
    assert!(pdf.bytes.starts_with(b"%PDF-"));
    let text = pdf_extract::extract_text_from_mem(&pdf.bytes).unwrap();
    assert!(
        text.contains("Northwind Inc.") && text.contains("INV-000001"),
        "{text}"
    );

    // Another account sees none of it.
    let ana = t.sign_in("br-admin").await;
    assert_eq!(t.order_count(&ana).await, 0);
    assert_eq!(t.get("/api/orders/1", &ana).await.status, StatusCode::NOT_FOUND);
    assert_eq!(
        t.get("/api/orders/1/invoice.pdf", &ana).await.status,
        StatusCode::NOT_FOUND
    );

    // Kept across a restart: a new backend over the same folder sees the order.
    drop(t);
    let again = app_in(&place, 0).await;
    let bob = again.sign_in("us-admin").await;
    assert_eq!(
        again.get("/api/orders", &bob).await.body["orders"][0]["number"],
        1
    );
}

async fn a_subscription_action_turns_auto_renewal_on_for_the_account(kind: Kind) {
    let t = new_app(kind).await;
    let ana = t.sign_in("br-admin").await;
    let account = t.get("/api/account", &ana).await.body;
    assert_eq!(account["account"]["autoRenewal"], false);
    let order = json!({
        "asOf": account["today"], "account": account["account"],
        "subscription": { "addSeats": 2 }, "payment": { "method": "card", "installments": 1 }
    });
    assert_eq!(t.submit(&ana, &order, "seats").await.status, StatusCode::CREATED);
    let after = t.get("/api/account", &ana).await.body;
    assert_eq!(after["account"]["autoRenewal"], true);
    assert_eq!(after["account"]["seats"], 5);
    assert_eq!(after["account"]["role"], "admin");
}

async fn a_tampered_fingerprint_is_refused_with_both_totals(kind: Kind) {
    let t = new_app(kind).await;
    let bob = t.sign_in("us-admin").await;
    let order = t.starter_order(&bob).await;
    let fingerprint = t.fingerprint(&order);
    let tampered = format!(
        "{}{}",
        if fingerprint.starts_with('0') { "1" } else { "0" },
        &fingerprint[1..]
    );
    let body = json!({ "order": order, "fingerprint": tampered });
    let r = t.post_order(&bob, &body, Some("t1")).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::CONFLICT, "FINGERPRINT_MISMATCH")
    );
    let e = &r.body["error"];
    assert_eq!(
        (e["serverTotal"].as_str(), e["clientTotal"].as_str()),
        (Some("30.00"), Some("30.00"))
    );

    // A client that lies about its account (the cheaper Base plan, so its added seat costs less)
    // prices other amounts: the backend prices with its own data and refuses.
    let mut lying = order.clone();
    lying["subscription"] = json!({ "addSeats": 1 });
    lying["account"]["plan"] = json!("base");
    let r = t.submit(&bob, &lying, "t2").await;
    assert_eq!(r.code(), "FINGERPRINT_MISMATCH");
    assert_ne!(r.body["error"]["serverTotal"], r.body["error"]["clientTotal"]);
    assert_eq!(t.order_count(&bob).await, 0);
}

async fn the_role_comes_from_the_membership_whatever_the_client_claims(kind: Kind) {
    let t = new_app(kind).await;
    let carol = t.sign_in("us-member").await;
    let mut order = t.starter_order(&carol).await;
    assert_eq!(order["account"]["role"], "member");
    order["account"]["role"] = json!("admin");
    let r = t.submit(&carol, &order, "claims-admin").await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "INVALID_ORDER")
    );
    assert_eq!(r.body["error"]["problems"][0]["code"], "NOT_ADMIN");
}

/// An order without invoice details gets a receipt; invoices and receipts count in their own
/// series, apart from the order numbers (order 1 is receipt 1, order 2 invoice 1).
async fn an_order_without_invoice_details_gets_a_receipt(kind: Kind) {
    let t = new_app(kind).await;
    let bob = t.sign_in("us-admin").await;
    let with_invoice = t.starter_order(&bob).await;
    let mut order = with_invoice.clone();
    order.as_object_mut().unwrap().remove("invoice");
    assert_eq!(t.submit(&bob, &order, "k1").await.status, StatusCode::CREATED);
    let with_invoice = {
        let mut seats = t.seat_order(&bob).await;
        seats["invoice"] = with_invoice["invoice"].clone();
        seats
    };
    assert_eq!(
        t.submit(&bob, &with_invoice, "k2").await.status,
        StatusCode::CREATED
    );

    let list = t.get("/api/orders", &bob).await.body;
    let numbers = |i: usize| {
        (
            list["orders"][i]["number"].clone(),
            list["orders"][i]["documentNumber"].clone(),
        )
    };
    assert_eq!(numbers(0), (json!(2), json!(1)));
    assert_eq!(numbers(1), (json!(1), json!(1)));

    let receipt = t.get("/api/orders/1/invoice.pdf", &bob).await;
    assert_eq!(receipt.status, StatusCode::OK);
    assert_eq!(
        receipt.header("content-disposition"),
        Some("attachment; filename=\"RCT-000001.pdf\"")
    );
    let text = pdf_extract::extract_text_from_mem(&receipt.bytes).unwrap();
    assert!(
        text.contains("Receipt") && text.contains("Card (saved)"),
        "{text}"
    );
    let invoice = t.get("/api/orders/2/invoice.pdf", &bob).await;
    assert_eq!(
        invoice.header("content-disposition"),
        Some("attachment; filename=\"INV-000001.pdf\"")
    );
}

async fn a_retried_key_makes_one_order_and_replays_its_status(kind: Kind) {
    let t = new_app(kind).await;
    let bob = t.sign_in("us-admin").await;
    let order = t.starter_order(&bob).await;
    let first = t.submit(&bob, &order, "key-1").await;
    let second = t.submit(&bob, &order, "key-1").await;
    assert_eq!(
        (first.status, second.status),
        (StatusCode::CREATED, StatusCode::CREATED)
    );
    assert_eq!(
        (
            first.header("idempotent-replayed"),
            second.header("idempotent-replayed")
        ),
        (None, Some("true"))
    );
    assert_eq!(first.body, second.body);
    let seats = t.seat_order(&bob).await;
    assert_eq!(t.submit(&bob, &seats, "key-2").await.body["number"], 2);
    assert_eq!(t.order_count(&bob).await, 2);

    // Errors are kept too: a refused body replays its refusal, even once it would pass.
    let bad = json!({ "order": seats, "fingerprint": "0".repeat(64) });
    let refused = t.post_order(&bob, &bad, Some("key-3")).await;
    assert_eq!(refused.code(), "FINGERPRINT_MISMATCH");
    let again = t.post_order(&bob, &bad, Some("key-3")).await;
    assert_eq!(
        (again.status, again.header("idempotent-replayed")),
        (StatusCode::CONFLICT, Some("true"))
    );
    // The same key with another body is refused, and stores nothing.
    let other = t.submit(&bob, &order, "key-3").await;
    assert_eq!(
        (other.status, other.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "IDEMPOTENCY_KEY_REUSED")
    );
    assert_eq!(t.order_count(&bob).await, 2);
}

async fn a_key_belongs_to_its_user_and_is_required(kind: Kind) {
    let t = new_app(kind).await;
    let bob = t.sign_in("us-admin").await;
    let ana = t.sign_in("br-admin").await;
    assert_eq!(
        t.submit(&bob, &t.starter_order(&bob).await, "shared")
            .await
            .status,
        StatusCode::CREATED
    );
    let r = t.submit(&ana, &t.renewal_order(&ana).await, "shared").await;
    assert_eq!(
        (r.status, r.header("idempotent-replayed")),
        (StatusCode::CREATED, None)
    );
    assert_eq!((t.order_count(&bob).await, t.order_count(&ana).await), (1, 1));
    let order = t.seat_order(&bob).await;
    let body = json!({ "order": order, "fingerprint": t.fingerprint(&order) });
    let r = t.post_order(&bob, &body, None).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::BAD_REQUEST, "IDEMPOTENCY_KEY_REQUIRED")
    );
}

pub(super) fn use_key(hash: &str, now: i64) -> KeyUse {
    KeyUse {
        user_id: 1,
        key: "k".into(),
        request_hash: hash.into(),
        now,
        expired_before: now - 24 * 3600,
    }
}

async fn a_key_in_flight_answers_409_and_keys_expire_after_a_day(kind: Kind) {
    let t = new_app(kind).await;
    let store = &t.app.store;
    let day = 24 * 3600;
    assert_eq!(store.claim_key(use_key("h", 100)).await.unwrap(), Claim::New);
    assert_eq!(store.claim_key(use_key("h", 101)).await.unwrap(), Claim::InFlight);
    assert_eq!(
        store.claim_key(use_key("other", 101)).await.unwrap(),
        Claim::Mismatch
    );
    store.finish_key(1, "k", 201, json!({ "n": 1 })).await.unwrap();
    assert_eq!(
        store.claim_key(use_key("h", 102)).await.unwrap(),
        Claim::Done(201, json!({ "n": 1 }))
    );
    // A day and a second later the key is new again.
    let later = 101 + day;
    assert_eq!(store.claim_key(use_key("h", later)).await.unwrap(), Claim::New);
}

async fn a_renewal_is_recorded_and_not_sold_twice(kind: Kind) {
    let t = new_app(kind).await;
    let ana = t.sign_in("br-admin").await;
    assert_eq!(
        t.submit(&ana, &t.renewal_order(&ana).await, "r1").await.status,
        StatusCode::CREATED
    );
    // Demo period 2026-03-15..2027-03-15 (12 months): renewed until 2028-03-15.
    assert_eq!(
        t.get("/api/account", &ana).await.body["renewedUntil"],
        "2028-03-15"
    );
    // The account now says so (SPEC 2.2 `renewedUntil`): the engine refuses a second renewal,
    // and the answer carries its problem.
    let order = t.renewal_order(&ana).await;
    assert_eq!(order["account"]["subscription"]["renewedUntil"], "2028-03-15");
    let again = t
        .post_order(&ana, &json!({ "order": order, "fingerprint": "0" }), Some("r2"))
        .await;
    assert_eq!(
        (again.status, again.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "INVALID_ORDER")
    );
    assert_eq!(
        again.body["error"]["problems"][0]["code"], "ALREADY_RENEWED",
        "{}",
        again.body
    );
    assert_eq!(again.body["error"]["problems"][0]["field"], "subscription.renew");
}

both_stores!(
    an_order_is_recomputed_stored_and_applied,
    a_subscription_action_turns_auto_renewal_on_for_the_account,
    a_tampered_fingerprint_is_refused_with_both_totals,
    the_role_comes_from_the_membership_whatever_the_client_claims,
    an_order_without_invoice_details_gets_a_receipt,
    a_retried_key_makes_one_order_and_replays_its_status,
    a_key_belongs_to_its_user_and_is_required,
    a_key_in_flight_answers_409_and_keys_expire_after_a_day,
    a_renewal_is_recorded_and_not_sold_twice,
);
