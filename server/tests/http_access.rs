//! Access and payments over real sockets: a foreign `Host`, anonymous and cross-account
//! requests, a retried idempotency key, and a crash between the charge and its record.

mod common;

use common::{start, temp_dir};
use serde_json::Value;

#[tokio::test]
async fn a_foreign_host_anonymous_and_cross_account_requests_are_refused() {
    let server = start(&temp_dir(), &[], None, &[]);
    let r = server
        .raw("GET /api/catalog HTTP/1.1\r\nHost: rebound.attacker.example\r\nConnection: close\r\n\r\n")
        .await;
    assert_eq!(r.status, 421);
    let r = server.raw("GET / HTTP/1.0\r\n\r\n").await;
    assert_eq!(r.status, 400, "no Host at all");

    assert_eq!(server.call("GET", "/api/account", "", "", None).await.status, 401);
    assert_eq!(server.call("GET", "/api/orders", "", "", None).await.status, 401);
    assert_eq!(
        server
            .call("GET", "/api/orders/1/invoice.pdf", "", "", None)
            .await
            .status,
        401
    );

    let bob = server.sign_in("bob@northwind.example", "demo-bob").await;
    let body = server.starter_order(&bob).await;
    let created = server
        .call("POST", "/api/orders", &bob, "Idempotency-Key: a\r\n", Some(&body))
        .await;
    assert_eq!(created.status, 201, "{}", created.text);
    let number = created.json()["number"].as_i64().unwrap();
    let ana = server.sign_in("ana@acme.example", "demo-ana").await;
    let path = format!("/api/orders/{number}");
    assert_eq!(server.call("GET", &path, &ana, "", None).await.status, 404);
    assert_eq!(server.call("GET", &path, &bob, "", None).await.status, 200);
    let theirs = server.call("GET", "/api/orders", &ana, "", None).await.json();
    assert_eq!(theirs["orders"], Value::Array(vec![]));
}

#[tokio::test]
async fn a_retried_key_makes_one_order_with_the_same_status() {
    let server = start(&temp_dir(), &[], None, &[]);
    let bob = server.sign_in("bob@northwind.example", "demo-bob").await;
    let body = server.starter_order(&bob).await;
    let key = "Idempotency-Key: 6f1c1b9e-retry\r\n";
    let first = server.call("POST", "/api/orders", &bob, key, Some(&body)).await;
    let again = server.call("POST", "/api/orders", &bob, key, Some(&body)).await;
    assert_eq!((first.status, again.status), (201, 201));
    assert_eq!(again.header("idempotent-replayed"), Some("true"));
    assert_eq!(first.json(), again.json());
    let list = server.call("GET", "/api/orders", &bob, "", None).await.json();
    assert_eq!(list["orders"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn a_crash_between_charge_and_commit_is_settled_on_restart_and_charged_once() {
    let dir = temp_dir();
    let fault = [("CREDIT_CHECKOUT_FAULT", "crash-after-charge")];
    let mut crashing = start(&dir, &[], None, &fault);
    let bob = crashing.sign_in("bob@northwind.example", "demo-bob").await;
    let body = crashing.starter_order(&bob).await;
    let key = "Idempotency-Key: crash-key\r\n";
    let lost = crashing.call("POST", "/api/orders", &bob, key, Some(&body)).await;
    assert_eq!(lost.status, 0, "no answer: {}", lost.head);
    let exit = crashing.child.wait().unwrap();
    assert_eq!(exit.code(), Some(70));
    drop(crashing);

    let server = start(&dir, &[], None, &[]);
    assert!(
        server.printed.iter().any(|l| l.starts_with("settled 1 order")),
        "{:?}",
        server.printed
    );
    // The session survived the crash; the retry gets the settled order, paid.
    let retry = server.call("POST", "/api/orders", &bob, key, Some(&body)).await;
    assert_eq!(
        (retry.status, retry.header("idempotent-replayed")),
        (201, Some("true")),
        "{}",
        retry.text
    );
    let order = retry.json();
    assert_eq!(
        (order["number"].as_i64(), order["status"].as_str()),
        (Some(1), Some("paid"))
    );
    let list = server.call("GET", "/api/orders", &bob, "", None).await.json();
    assert_eq!(list["orders"].as_array().unwrap().len(), 1);
    assert_eq!(list["orders"][0]["status"], "paid");

    let gateway = rusqlite::Connection::open(dir.join("gateway.sqlite3")).unwrap();
    let charges: i64 = gateway
        .query_row("SELECT COUNT(*) FROM charges", [], |r| r.get(0))
        .unwrap();
    assert_eq!(charges, 1, "charged once");
}
