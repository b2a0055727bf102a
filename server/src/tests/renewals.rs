//! The auto-renewal switch and the renewal run (SPEC R18): once per account and date, also with
//! two runs at once over one SQLite file or PostgreSQL database; each test on both stores. (A run killed in the middle: `server/tests/`.)

use axum::http::StatusCode;
use chrono::NaiveDate;
use serde_json::{json, Value};

use super::support::{app_in, fresh, new_app, today, Kind, Place, TestApp};
use crate::renewals;
use crate::store::{AccountRecord, Store};

fn date(s: &str) -> NaiveDate {
    s.parse().unwrap()
}

/// SPEC R17's example account as `br-admin`: BR, Advanced, 1 seat, 2026-01-15..2027-01-15,
/// Growth (50,000 credits, 100.00 a month) running to 2027-01-15, saved card in 10.
async fn spec_example_app(place: &Place) -> TestApp {
    let store = match &place.database {
        Some(url) => Store::open_postgres(url).await.unwrap(),
        None => Store::open_sqlite(&place.dir).unwrap(),
    };
    let record = AccountRecord {
        id: "br-admin".into(),
        name: "Acme Brasil Ltda · admin (BR)".into(),
        locale: "pt-BR".into(),
        account: json!({
            "country": "BR", "plan": "advanced", "seats": 1, "autoRenewal": true,
            "subscription": { "status": "active", "termMonths": 12,
                              "periodStart": "2026-01-15", "periodEnd": "2027-01-15" },
            "savedPayment": { "method": "card", "installments": 10 },
        }),
        credit_package: json!({ "id": "growth", "creditsPerMonth": 50000, "pricePerMonth": "100.00",
                                "start": "2026-01-15", "end": "2027-01-15" }),
        renewed_until: None,
    };
    store.seed(vec![record], Vec::new()).await.unwrap();
    drop(store);
    app_in(place, 0).await
}

async fn clock(t: &TestApp, cookie: &str, body: Value) -> Value {
    let r = t.call("POST", "/api/demo/clock", Some(cookie), Some(&body)).await;
    assert_eq!(r.status, StatusCode::OK, "{}", r.body);
    r.body
}

fn renewals_of(list: &Value) -> Vec<Value> {
    list["orders"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|o| o["kind"] == "renewal")
        .cloned()
        .collect()
}

async fn only_an_admin_switches_and_on_needs_a_saved_payment(kind: Kind) {
    let t = new_app(kind).await;
    let bob = t.sign_in("us-admin").await;
    let switch = |on: bool| json!({ "autoRenewal": on });
    let off = t
        .call(
            "PUT",
            "/api/account/auto-renewal",
            Some(&bob),
            Some(&switch(false)),
        )
        .await;
    assert_eq!(
        (off.status, &off.body["autoRenewal"]),
        (StatusCode::OK, &json!(false))
    );
    assert_eq!(t.get("/api/account", &bob).await.body["autoRenewal"], false);
    // The demo account has never paid with a subscription action: nothing to charge.
    let on = t
        .call(
            "PUT",
            "/api/account/auto-renewal",
            Some(&bob),
            Some(&switch(true)),
        )
        .await;
    assert_eq!(
        (on.status, on.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "NO_SAVED_PAYMENT")
    );
    // Adding a seat (a subscription action) paid by card saves the card, count 1.
    let mut order = t.starter_order(&bob).await;
    order.as_object_mut().unwrap().remove("creditPackage");
    order["subscription"] = json!({ "addSeats": 1 });
    order["account"] = t.get("/api/account", &bob).await.body["account"].clone();
    let paid = t.submit(&bob, &order, "seat").await;
    assert_eq!(paid.status, StatusCode::CREATED, "{}", paid.body);
    let account = t.get("/api/account", &bob).await.body;
    assert_eq!(
        account["savedPayment"],
        json!({ "method": "card", "installments": 1 })
    );
    // R6: the action turned auto-renewal back on; off, then on again with the saved card.
    let off = t
        .call(
            "POST",
            "/api/account/auto-renewal",
            Some(&bob),
            Some(&switch(false)),
        )
        .await;
    assert_eq!(off.status, StatusCode::OK);
    let on = t
        .call(
            "POST",
            "/api/account/auto-renewal",
            Some(&bob),
            Some(&switch(true)),
        )
        .await;
    assert_eq!(
        (on.status, &on.body["autoRenewal"]),
        (StatusCode::OK, &json!(true))
    );

    let carol = t.sign_in("us-member").await;
    let refused = t
        .call(
            "PUT",
            "/api/account/auto-renewal",
            Some(&carol),
            Some(&switch(false)),
        )
        .await;
    assert_eq!(
        (refused.status, refused.code()),
        (StatusCode::FORBIDDEN, "NOT_ADMIN")
    );
    assert_eq!(t.get("/api/account", &carol).await.body["autoRenewal"], true);
}

async fn the_run_renews_once_with_the_saved_installments(kind: Kind) {
    let t = spec_example_app(&fresh(kind).await).await;
    let ana = t.sign_in("br-admin").await;
    // The day before the period end: nothing is due.
    let before = clock(&t, &ana, json!({ "date": "2027-01-14" })).await;
    assert_eq!(
        (before["today"].as_str(), before["renewed"].as_u64()),
        (Some("2027-01-14"), Some(0))
    );
    let run = clock(&t, &ana, json!({ "days": 1 })).await;
    assert_eq!(
        (run["today"].as_str(), run["renewed"].as_u64()),
        (Some("2027-01-15"), Some(1))
    );
    // A second run the same day, and the next day's, find nothing to do.
    assert_eq!(
        renewals::run(&t.app).await.unwrap(),
        renewals::RunSummary::default()
    );
    clock(&t, &ana, json!({ "days": 1 })).await;

    let list = t.get("/api/orders", &ana).await.body;
    let found = renewals_of(&list);
    assert_eq!(found.len(), 1, "{list}");
    let order = &found[0];
    // SPEC R17: 300.00 + 1,200.00 = 1,500.00, commission 6.49 % = 97.35, 1,597.35 in 10.
    assert_eq!(
        (order["status"].as_str(), order["total"].as_str()),
        (Some("paid"), Some("1597.35"))
    );
    let n = order["number"].as_i64().unwrap();
    let full = t.get(&format!("/api/orders/{n}"), &ana).await.body;
    assert_eq!(full["kind"], "renewal");
    let quote = &full["quote"];
    assert_eq!(quote["subtotal"], "1500.00");
    assert_eq!(quote["installments"]["count"], 10);
    let schedule = quote["installments"]["schedule"].as_array().unwrap();
    assert_eq!(
        (schedule[0]["amount"].as_str(), schedule[9]["amount"].as_str()),
        (Some("159.74"), Some("159.73"))
    );
    assert_eq!(schedule[0]["dueDate"], "2027-01-15");
    assert_eq!(quote["lines"][1]["kind"], "credit_package_renewal");

    let account = t.get("/api/account", &ana).await.body;
    let sub = &account["account"]["subscription"];
    assert_eq!(
        (sub["periodStart"].as_str(), sub["periodEnd"].as_str()),
        (Some("2027-01-15"), Some("2028-01-15"))
    );
    assert_eq!(
        account["creditPackage"],
        json!({ "id": "growth", "creditsPerMonth": 50000, "pricePerMonth": "100.00",
                "start": "2027-01-15", "end": "2028-01-15" })
    );
    assert_eq!(
        account["savedPayment"],
        json!({ "method": "card", "installments": 10 })
    );
    // The renewal has its receipt.
    let pdf = t.get(&format!("/api/orders/{n}/invoice.pdf"), &ana).await;
    assert_eq!(pdf.status, StatusCode::OK, "{}", pdf.body);
    let text = pdf_extract::extract_text_from_mem(&pdf.bytes).unwrap();
    assert!(text.contains("1.597,35"), "{text}");
}

async fn auto_renewal_off_lets_the_subscription_expire(kind: Kind) {
    let t = spec_example_app(&fresh(kind).await).await;
    let ana = t.sign_in("br-admin").await;
    let off = json!({ "autoRenewal": false });
    assert_eq!(
        t.call("PUT", "/api/account/auto-renewal", Some(&ana), Some(&off))
            .await
            .status,
        StatusCode::OK
    );
    assert_eq!(
        clock(&t, &ana, json!({ "date": "2027-01-15" })).await["renewed"],
        0
    );
    let account = t.get("/api/account", &ana).await.body;
    assert_eq!(account["account"]["subscription"]["status"], "expired");
    assert_eq!(account["creditPackage"], Value::Null);
    assert!(renewals_of(&t.get("/api/orders", &ana).await.body).is_empty());
}

async fn the_demo_clock_only_moves_forward(kind: Kind) {
    let t = new_app(kind).await;
    let bob = t.sign_in("us-admin").await;
    for body in [json!({ "days": -1 }), json!({ "date": "2026-07-02" }), json!({})] {
        let r = t.call("POST", "/api/demo/clock", Some(&bob), Some(&body)).await;
        assert_eq!((r.status, r.code()), (StatusCode::BAD_REQUEST, "INVALID_CLOCK"));
    }
    assert_eq!(t.get("/api/account", &bob).await.body["today"], "2026-07-03");
}

/// Two runs at once, each with its own store on one SQLite file or PostgreSQL database (as two
/// processes):
/// each due account is renewed once.
async fn two_runs_at_once_renew_each_account_once(kind: Kind) {
    let place = fresh(kind).await;
    let (a, b) = (app_in(&place, 0).await, app_in(&place, 0).await);
    // The demo periods end on 2027-03-15; both backends' clocks move there.
    let days = (date("2027-03-15") - today()).num_days();
    for t in [&a, &b] {
        t.app
            .clock_offset
            .store(days, std::sync::atomic::Ordering::SeqCst);
    }
    let (ra, rb) = tokio::join!(renewals::run(&a.app), renewals::run(&b.app));
    let (ra, rb) = (ra.unwrap(), rb.unwrap());
    // us-admin and us-member have auto-renewal on; br-admin's is off (it expires).
    assert_eq!(ra.renewed + rb.renewed, 2, "{ra:?} {rb:?}");
    for account in ["us-admin", "us-member"] {
        let orders = a.app.store.orders(account, None, 100).await.unwrap();
        let renewed: Vec<_> = orders.iter().filter(|o| o.kind == "renewal").collect();
        assert_eq!(renewed.len(), 1, "{account}");
        assert_eq!(renewed[0].status, "paid");
        let record = a.app.store.account(account).await.unwrap().unwrap();
        assert_eq!(record.account["subscription"]["periodEnd"], "2028-03-15");
    }
    let br = a.app.store.account("br-admin").await.unwrap().unwrap();
    assert_eq!(br.account["subscription"]["status"], "expired");
}

async fn period_end(t: &TestApp) -> Value {
    let record = t.app.store.account("br-admin").await.unwrap().unwrap();
    record.account["subscription"]["periodEnd"].clone()
}

/// An order of the account pending when its run comes (a second confirmation step left open):
/// the run writes nothing, since the order's failure would undo the run's changes with its own;
/// once the order is settled, the held run renews the account.
async fn a_pending_order_holds_the_run_until_it_is_settled(kind: Kind) {
    let t = spec_example_app(&fresh(kind).await).await;
    let ana = t.sign_in("br-admin").await;
    clock(&t, &ana, json!({ "date": "2027-01-14" })).await;
    let held = super::recording::pending(&t, "br-admin", 6, "held").await;
    let run = clock(&t, &ana, json!({ "days": 1 })).await;
    assert_eq!(run["renewed"], 0);
    assert_eq!(period_end(&t).await, "2027-01-15");
    // Nothing to run again while the order is pending.
    let waiting = renewals::retry_held(&t.app).await.unwrap();
    assert_eq!((waiting.renewed, waiting.held), (0, 1));
    // The order fails (its seats undone); the held run then renews, once.
    t.app.store.settle(held.number, None, None).await.unwrap();
    let retried = renewals::retry_held(&t.app).await.unwrap();
    assert_eq!((retried.renewed, retried.held), (1, 0));
    assert_eq!(period_end(&t).await, "2028-01-15");
    let record = t.app.store.account("br-admin").await.unwrap().unwrap();
    assert_eq!(record.account["seats"], 1);
    assert_eq!(
        renewals::retry_held(&t.app).await.unwrap(),
        renewals::RunSummary::default()
    );
}

both_stores!(
    only_an_admin_switches_and_on_needs_a_saved_payment,
    the_run_renews_once_with_the_saved_installments,
    auto_renewal_off_lets_the_subscription_expire,
    the_demo_clock_only_moves_forward,
    two_runs_at_once_renew_each_account_once,
    a_pending_order_holds_the_run_until_it_is_settled,
);
