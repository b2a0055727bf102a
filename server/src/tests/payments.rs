//! The payment step: card tokens from the gateway, the test cards' decline and second
//! confirmation step, PayPal's token, and the saved card the account shows.

use axum::http::StatusCode;
use serde_json::{json, Value};

use super::support::{new_app, Kind, TestApp};

async fn token(t: &TestApp, cookie: &str, details: &Value) -> String {
    let r = t
        .call("POST", "/api/payment-methods", Some(cookie), Some(details))
        .await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
    r.body["id"].as_str().unwrap().to_owned()
}

fn card(number: &str) -> Value {
    json!({ "type": "card", "number": number, "expMonth": 12, "expYear": 2030, "cvc": "123" })
}

/// Ana's (auto-renewal off: the chosen method is charged) Starter order paid with `token`.
async fn pay(t: &TestApp, ana: &str, token: &str, key: &str) -> super::support::Answer {
    let body = pay_body(t, ana, token).await;
    t.post_order(ana, &body, Some(key)).await
}

/// The body of [`pay`], priced on the account as it is now.
async fn pay_body(t: &TestApp, ana: &str, token: &str) -> Value {
    let mut order = t.starter_order(ana).await;
    order["account"] = t.get("/api/account", ana).await.body["account"].clone();
    let fingerprint = t.fingerprint(&order);
    json!({ "order": order, "fingerprint": fingerprint, "paymentMethod": token })
}

async fn cards_are_checked_and_tokenized_without_their_number(kind: Kind) {
    let t = new_app(kind).await;
    let ana = t.sign_in("br-admin").await;
    let r = t
        .call(
            "POST",
            "/api/payment-methods",
            Some(&ana),
            Some(&card("4242 4242 4242 4242")),
        )
        .await;
    assert_eq!(r.status, StatusCode::CREATED);
    assert!(r.body["id"].as_str().unwrap().starts_with("pm_"));
    assert_eq!(
        (r.body["brand"].as_str(), r.body["last4"].as_str()),
        (Some("visa"), Some("4242"))
    );
    assert!(!r.body.to_string().contains("4242424242424242"));
    for (details, code, field) in [
        (card("4242 4242 4242 4241"), "CARD_NUMBER_INVALID", "number"),
        (
            json!({ "type": "card", "number": "4242424242424242", "expMonth": 6, "expYear": 2026, "cvc": "123" }),
            "CARD_EXPIRED",
            "expiry",
        ),
        (
            json!({ "type": "card", "number": "4242424242424242", "expMonth": 7, "expYear": 2026, "cvc": "1" }),
            "CARD_CVC_INVALID",
            "cvc",
        ),
    ] {
        let r = t
            .call("POST", "/api/payment-methods", Some(&ana), Some(&details))
            .await;
        assert_eq!(
            (r.status, r.code(), r.body["error"]["field"].as_str()),
            (StatusCode::UNPROCESSABLE_ENTITY, code, Some(field))
        );
    }
}

async fn a_declined_card_fails_the_order_and_its_key_replays_the_decline(kind: Kind) {
    let t = new_app(kind).await;
    let ana = t.sign_in("br-admin").await;
    let declining = token(&t, &ana, &card("4000 0000 0000 0002")).await;
    let r = pay(&t, &ana, &declining, "d1").await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::PAYMENT_REQUIRED, "CARD_DECLINED"),
        "{}",
        r.body
    );
    let number = r.body["error"]["orderNumber"].as_i64().unwrap();
    let order = t.get(&format!("/api/orders/{number}"), &ana).await.body;
    assert_eq!(order["status"], "failed");
    let again = pay(&t, &ana, &declining, "d1").await;
    assert_eq!(
        (again.status, again.header("idempotent-replayed")),
        (StatusCode::PAYMENT_REQUIRED, Some("true"))
    );
    assert_eq!(t.order_count(&ana).await, 1);
    // A new attempt with a card that pays.
    let paying = token(&t, &ana, &card("4242424242424242")).await;
    assert_eq!(pay(&t, &ana, &paying, "d2").await.status, StatusCode::CREATED);
}

async fn the_second_confirmation_step_pays_when_confirmed_and_fails_when_cancelled(kind: Kind) {
    for (key, confirmed) in [("c1", true), ("c2", false)] {
        // A backend each: the package is sold once per account (R16).
        let t = new_app(kind).await;
        let ana = t.sign_in("br-admin").await;
        let confirming = token(&t, &ana, &card("4000 0027 6000 3184")).await;
        let body = pay_body(&t, &ana, &confirming).await;
        let r = t.post_order(&ana, &body, Some(key)).await;
        assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.body);
        assert_eq!(r.body["status"], "requires_confirmation");
        let number = r.body["number"].as_i64().unwrap();
        assert_eq!(
            t.get(&format!("/api/orders/{number}"), &ana).await.body["status"],
            "pending"
        );
        let path = format!("/api/orders/{number}/confirm");
        let c = t
            .call(
                "POST",
                &path,
                Some(&ana),
                Some(&json!({ "confirmed": confirmed })),
            )
            .await;
        let after = t.get(&format!("/api/orders/{number}"), &ana).await.body;
        // The same request again: the key replays the final answer.
        let replay = t.post_order(&ana, &body, Some(key)).await;
        if confirmed {
            assert_eq!(
                (c.status, c.body["status"].as_str()),
                (StatusCode::OK, Some("paid")),
                "{}",
                c.body
            );
            assert_eq!(after["status"], "paid");
            assert_eq!(replay.status, StatusCode::CREATED);
        } else {
            assert_eq!(
                (c.status, c.code()),
                (StatusCode::PAYMENT_REQUIRED, "CARD_AUTHENTICATION_FAILED")
            );
            assert_eq!(after["status"], "failed");
            assert_eq!(replay.code(), "CARD_AUTHENTICATION_FAILED");
        }
        // Confirming again answers what the first confirmation settled.
        let twice = t
            .call("POST", &path, Some(&ana), Some(&json!({ "confirmed": true })))
            .await;
        assert_eq!(twice.status, c.status);
    }
}

/// A second confirmation step the customer leaves open holds the account (its order's changes
/// are written with it): other orders are refused with its number until it is confirmed, or
/// cancelled by the sweep once it is older than the confirmation time.
async fn an_unconfirmed_payment_holds_its_account_until_swept(kind: Kind) {
    let t = new_app(kind).await;
    let ana = t.sign_in("br-admin").await;
    let before = t.get("/api/account", &ana).await.body["account"].clone();
    let confirming = token(&t, &ana, &card("4000 0027 6000 3184")).await;
    let body = pay_body(&t, &ana, &confirming).await;
    let r = t.post_order(&ana, &body, Some("3ds")).await;
    assert_eq!(r.status, StatusCode::ACCEPTED, "{}", r.body);
    let number = r.body["number"].as_i64().unwrap();
    // A renewal priced on the account the pending order left: refused with its number.
    let renewal = t.renewal_order(&ana).await;
    let busy = t.submit(&ana, &renewal, "renew").await;
    assert_eq!(
        (busy.status, busy.code()),
        (StatusCode::CONFLICT, "ORDER_IN_PROGRESS")
    );
    assert_eq!(busy.body["error"]["orderNumber"], number);
    // So is the auto-renewal switch: the order's failure would undo it.
    let switch = t
        .call(
            "PUT",
            "/api/account/auto-renewal",
            Some(&ana),
            Some(&json!({ "autoRenewal": false })),
        )
        .await;
    assert_eq!(
        (switch.status, switch.code()),
        (StatusCode::CONFLICT, "ORDER_IN_PROGRESS")
    );
    // The sweep leaves it while it is younger than the cut-off (the tests' orders are stamped
    // 2026-07-03), and cancels it once older.
    let sweep = |before: &str| crate::settlement::sweep(&t.app, before.to_owned());
    assert_eq!(sweep("2026-07-01T00:00:00Z").await.unwrap(), 0);
    assert_eq!(sweep("2026-07-04T00:00:00Z").await.unwrap(), 1);
    let order = t.get(&format!("/api/orders/{number}"), &ana).await.body;
    assert_eq!(order["status"], "failed");
    assert_eq!(t.get("/api/account", &ana).await.body["account"], before);
    // Its key replays the cancellation; a late confirmation changes nothing.
    let replay = t.post_order(&ana, &body, Some("3ds")).await;
    assert_eq!(replay.code(), "CARD_AUTHENTICATION_FAILED");
    let late = t
        .call(
            "POST",
            &format!("/api/orders/{number}/confirm"),
            Some(&ana),
            Some(&json!({ "confirmed": true })),
        )
        .await;
    assert_eq!(late.status, StatusCode::PAYMENT_REQUIRED);
    // The refused renewal's key was not kept: the same request now goes through.
    let renewal = t.renewal_order(&ana).await;
    assert_eq!(
        t.submit(&ana, &renewal, "renew").await.status,
        StatusCode::CREATED
    );
}

async fn tokens_belong_to_their_user_and_method(kind: Kind) {
    let t = new_app(kind).await;
    let ana = t.sign_in("br-admin").await;
    let bob = t.sign_in("us-admin").await;
    let bobs = token(&t, &bob, &card("4242424242424242")).await;
    assert_eq!(pay(&t, &ana, &bobs, "u1").await.code(), "PAYMENT_METHOD_UNKNOWN");
    let paypal = token(&t, &ana, &json!({ "type": "paypal" })).await;
    assert_eq!(
        pay(&t, &ana, &paypal, "u2").await.code(),
        "PAYMENT_METHOD_MISMATCH"
    );
    assert_eq!(t.order_count(&ana).await, 0);
}

async fn the_account_shows_its_saved_card(kind: Kind) {
    let t = new_app(kind).await;
    let bob = t.sign_in("us-admin").await;
    let saved = &t.get("/api/account", &bob).await.body["savedCard"];
    assert_eq!(
        (saved["brand"].as_str(), saved["last4"].as_str()),
        (Some("visa"), Some("4242"))
    );
    let dan = t.sign_in("expired").await;
    assert!(t.get("/api/account", &dan).await.body["savedCard"].is_null());
}

both_stores!(
    cards_are_checked_and_tokenized_without_their_number,
    a_declined_card_fails_the_order_and_its_key_replays_the_decline,
    the_second_confirmation_step_pays_when_confirmed_and_fails_when_cancelled,
    an_unconfirmed_payment_holds_its_account_until_swept,
    tokens_belong_to_their_user_and_method,
    the_account_shows_its_saved_card,
);
