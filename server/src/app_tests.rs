//! The backend's routes and every error path, called without a socket.

use std::path::{Path, PathBuf};
use std::sync::atomic::{AtomicUsize, Ordering};

use chrono::NaiveDate;
use credit_checkout::{parse_order, Checkout};
use serde_json::{json, Value};

use crate::app::{App, Request, Response};
use crate::{accounts, store::Store};

static DIRS: AtomicUsize = AtomicUsize::new(0);

fn temp_dir() -> PathBuf {
    let n = DIRS.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("credit-checkout-server-test-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 7, 3).unwrap()
}

fn app_in(dir: &Path) -> App {
    let store = Store::open(dir).unwrap();
    store.seed(&accounts::demo(today())).unwrap();
    App {
        checkout: Checkout::default(),
        store,
        today: Some(today()),
        clock: || NaiveDate::from_ymd_opt(2000, 1, 1).unwrap(),
        www: dir.join("www"),
        now: || "2026-07-03T12:00:00Z".to_owned(),
    }
}

fn request(method: &str, path: &str, body: Option<&Value>) -> Request {
    let (path, query) = path.split_once('?').unwrap_or((path, ""));
    Request {
        method: method.into(),
        path: path.into(),
        query: query.into(),
        content_type: Some("application/json".into()),
        idempotency_key: None,
        body: Some(body.map(|b| b.to_string().into_bytes()).unwrap_or_default()),
    }
}

fn json_of(r: &Response) -> Value {
    serde_json::from_slice(&r.body).unwrap()
}

/// The US admin's order for Starter, 3 months, priced the way the page prices it.
fn us_order(app: &App) -> (Value, String) {
    let account = json_of(&app.handle(&request("GET", "/api/accounts/us-admin", None)));
    let order = json!({
        "asOf": account["today"], "account": account["account"], "locale": "en-US",
        "creditPackage": { "id": "starter", "months": 3 },
        "payment": { "method": "card", "installments": 1 },
        "invoice": { "companyName": "Northwind Inc.", "country": "US", "address": "1 Main St" }
    });
    let quote = app
        .checkout
        .quote(&parse_order(&order.to_string()).unwrap())
        .unwrap();
    (order, quote.fingerprint.to_string())
}

#[test]
fn catalog_and_accounts() {
    let dir = temp_dir();
    let app = app_in(&dir);
    let catalog = json_of(&app.handle(&request("GET", "/api/catalog", None)));
    assert_eq!(catalog["version"], "example-2026-11");
    let list = json_of(&app.handle(&request("GET", "/api/accounts", None)));
    let ids: Vec<&str> = list
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["id"].as_str().unwrap())
        .collect();
    assert_eq!(ids, ["br-admin", "us-admin", "us-member", "expired"]);
    let us = app.handle(&request("GET", "/api/accounts/us-admin", None));
    assert_eq!(us.status, 200);
    assert_eq!(json_of(&us)["today"], "2026-07-03");
    assert_eq!(
        app.handle(&request("GET", "/api/accounts/nobody", None)).status,
        404
    );
}

#[test]
fn an_order_is_recomputed_stored_and_applied() {
    let dir = temp_dir();
    let app = app_in(&dir);
    let (order, fingerprint) = us_order(&app);
    let body = json!({ "accountId": "us-admin", "order": order, "fingerprint": fingerprint });
    let r = app.handle(&request("POST", "/api/orders", Some(&body)));
    assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));
    let created = json_of(&r);
    assert_eq!(created["number"], 1);
    assert_eq!(created["total"], "30.00");
    assert_eq!(created["status"], "paid");
    assert_eq!(created["payment"]["simulated"], true);
    // The US admin has auto-renewal on: a package-only order goes to the saved card (R6).
    assert_eq!(created["quote"]["payment"]["chargedTo"], "saved_card");

    let list = json_of(&app.handle(&request("GET", "/api/orders?accountId=us-admin", None)));
    assert_eq!(list.as_array().unwrap().len(), 1);
    assert_eq!(list[0]["invoice"], true);
    assert!(
        json_of(&app.handle(&request("GET", "/api/orders?accountId=br-admin", None)))
            .as_array()
            .unwrap()
            .is_empty()
    );
    let account = json_of(&app.handle(&request("GET", "/api/accounts/us-admin", None)));
    assert_eq!(account["creditPackage"]["id"], "starter");
    // Demo period anchor: the 15th; Starter from 2026-07-03 for 3 cycles ends on 2026-09-15.
    assert_eq!(account["creditPackage"]["end"], "2026-09-15");

    let pdf = app.handle(&request("GET", "/api/orders/1/invoice.pdf", None));
    assert_eq!((pdf.status, pdf.content_type), (200, "application/pdf"));
    assert!(pdf.body.starts_with(b"%PDF-"));
    let text = pdf_extract::extract_text_from_mem(&pdf.body).unwrap();
    assert!(text.contains("Northwind Inc."), "{text}");

    // Kept across a restart: a new App over the same folder sees the order.
    drop(app);
    let again = app_in(&dir);
    let list = json_of(&again.handle(&request("GET", "/api/orders", None)));
    assert_eq!(list[0]["number"], 1);
}

#[test]
fn a_subscription_action_turns_auto_renewal_on_for_the_account() {
    let dir = temp_dir();
    let app = app_in(&dir);
    let account = json_of(&app.handle(&request("GET", "/api/accounts/br-admin", None)));
    assert_eq!(account["account"]["autoRenewal"], false);
    let order = json!({
        "asOf": account["today"], "account": account["account"],
        "subscription": { "addSeats": 2 }, "payment": { "method": "card", "installments": 1 }
    });
    let fingerprint = app
        .checkout
        .quote(&parse_order(&order.to_string()).unwrap())
        .unwrap()
        .fingerprint;
    let body = json!({ "accountId": "br-admin", "order": order, "fingerprint": fingerprint });
    assert_eq!(
        app.handle(&request("POST", "/api/orders", Some(&body))).status,
        201
    );
    let after = json_of(&app.handle(&request("GET", "/api/accounts/br-admin", None)));
    assert_eq!(after["account"]["autoRenewal"], true);
    assert_eq!(after["account"]["seats"], 5);
}

#[test]
fn a_tampered_fingerprint_is_refused_with_both_totals() {
    let dir = temp_dir();
    let app = app_in(&dir);
    let (order, fingerprint) = us_order(&app);
    let tampered = format!(
        "{}{}",
        if fingerprint.starts_with('0') { "1" } else { "0" },
        &fingerprint[1..]
    );
    let body = json!({ "accountId": "us-admin", "order": order, "fingerprint": tampered });
    let r = app.handle(&request("POST", "/api/orders", Some(&body)));
    assert_eq!(r.status, 409);
    let e = json_of(&r);
    assert_eq!(e["error"]["code"], "FINGERPRINT_MISMATCH");
    assert_eq!(
        (
            e["error"]["serverTotal"].as_str(),
            e["error"]["clientTotal"].as_str()
        ),
        (Some("30.00"), Some("30.00"))
    );

    // A client that lies about its account (the cheaper Base plan, so its added seat costs less)
    // prices other amounts: the backend prices with its own data and refuses.
    let mut lying = order.clone();
    lying["subscription"] = json!({ "addSeats": 1 });
    lying["account"]["plan"] = json!("base");
    let lie = app
        .checkout
        .quote(&parse_order(&lying.to_string()).unwrap())
        .unwrap();
    let body = json!({ "accountId": "us-admin", "order": lying, "fingerprint": lie.fingerprint });
    let e = json_of(&app.handle(&request("POST", "/api/orders", Some(&body))));
    assert_eq!(e["error"]["code"], "FINGERPRINT_MISMATCH");
    assert_ne!(e["error"]["serverTotal"], e["error"]["clientTotal"]);
    assert!(json_of(&app.handle(&request("GET", "/api/orders", None)))
        .as_array()
        .unwrap()
        .is_empty());
}

#[test]
fn every_error_path_answers_json() {
    let dir = temp_dir();
    let app = app_in(&dir);
    let (order, fingerprint) = us_order(&app);
    let code = |r: &Response| json_of(r)["error"]["code"].as_str().unwrap().to_owned();

    let mut r = request("POST", "/api/orders", None);
    r.body = Some(b"{ not json".to_vec());
    let resp = app.handle(&r);
    assert_eq!((resp.status, code(&resp).as_str()), (400, "MALFORMED_JSON"));

    r.body = Some(br#"{ "order": {} }"#.to_vec());
    let resp = app.handle(&r);
    assert_eq!((resp.status, code(&resp).as_str()), (400, "INVALID_BODY"));

    r.body = None; // larger than MAX_BODY
    let resp = app.handle(&r);
    assert_eq!((resp.status, code(&resp).as_str()), (413, "BODY_TOO_LARGE"));

    let mut wrong_type = request("POST", "/api/orders", Some(&json!({})));
    wrong_type.content_type = Some("text/plain".into());
    let resp = app.handle(&wrong_type);
    assert_eq!(
        (resp.status, code(&resp).as_str()),
        (415, "UNSUPPORTED_MEDIA_TYPE")
    );
    wrong_type.content_type = None;
    assert_eq!(app.handle(&wrong_type).status, 415);

    let body = json!({ "accountId": "nobody", "order": order, "fingerprint": fingerprint });
    let resp = app.handle(&request("POST", "/api/orders", Some(&body)));
    assert_eq!((resp.status, code(&resp).as_str()), (404, "UNKNOWN_ACCOUNT"));

    let mut bad = order.clone();
    bad["creditPackage"]["months"] = json!(2);
    let body = json!({ "accountId": "us-admin", "order": bad, "fingerprint": fingerprint });
    let resp = app.handle(&request("POST", "/api/orders", Some(&body)));
    assert_eq!((resp.status, code(&resp).as_str()), (422, "INVALID_ORDER"));
    assert_eq!(
        json_of(&resp)["error"]["problems"][0]["code"],
        "PACKAGE_TERM_TOO_SHORT"
    );

    let mut typo = order.clone();
    typo["payment"]["installment"] = json!(7);
    let body = json!({ "accountId": "us-admin", "order": typo, "fingerprint": fingerprint });
    let resp = app.handle(&request("POST", "/api/orders", Some(&body)));
    assert_eq!(
        json_of(&resp)["error"]["problems"][0]["field"],
        "payment.installment"
    );

    // The member may not buy, whatever the client claims about its role.
    let member = json_of(&app.handle(&request("GET", "/api/accounts/us-member", None)));
    let mut claims_admin = order.clone();
    claims_admin["account"] = member["account"].clone();
    claims_admin["account"]["role"] = json!("admin");
    let body = json!({ "accountId": "us-member", "order": claims_admin, "fingerprint": fingerprint });
    let resp = app.handle(&request("POST", "/api/orders", Some(&body)));
    assert_eq!((resp.status, code(&resp).as_str()), (422, "INVALID_ORDER"));
    assert_eq!(json_of(&resp)["error"]["problems"][0]["code"], "NOT_ADMIN");

    let resp = app.handle(&request("DELETE", "/api/orders", None));
    assert_eq!((resp.status, code(&resp).as_str()), (405, "METHOD_NOT_ALLOWED"));
    assert!(resp
        .headers
        .iter()
        .any(|(k, v)| *k == "Allow" && v == "GET, POST"));
    assert_eq!(app.handle(&request("POST", "/api/catalog", None)).status, 405);
    assert_eq!(app.handle(&request("GET", "/api/nothing", None)).status, 404);
    assert_eq!(app.handle(&request("GET", "/api/orders/99", None)).status, 404);
    assert_eq!(
        app.handle(&request("GET", "/api/orders/x/invoice.pdf", None))
            .status,
        404
    );
    assert_eq!(app.handle(&request("GET", "/../Cargo.toml", None)).status, 404);
    assert_eq!(app.handle(&request("GET", "/missing.js", None)).status, 404);
    assert!(json_of(&app.handle(&request("GET", "/api/orders", None)))
        .as_array()
        .unwrap()
        .is_empty());
}

/// An order without invoice details gets a receipt; invoices and receipts count in their own
/// series, apart from the order numbers (order 1 is receipt 1, order 2 invoice 1).
#[test]
fn an_order_without_invoice_details_gets_a_receipt() {
    let dir = temp_dir();
    let app = app_in(&dir);
    let (mut order, _) = us_order(&app);
    order.as_object_mut().unwrap().remove("invoice");
    let fingerprint = app
        .checkout
        .quote(&parse_order(&order.to_string()).unwrap())
        .unwrap()
        .fingerprint;
    let body = json!({ "accountId": "us-admin", "order": order, "fingerprint": fingerprint });
    assert_eq!(
        app.handle(&request("POST", "/api/orders", Some(&body))).status,
        201
    );
    let account = json_of(&app.handle(&request("GET", "/api/accounts/br-admin", None)));
    let mut order = us_order(&app).0;
    order["account"] = account["account"].clone();
    order["locale"] = json!("pt-BR");
    let fingerprint = app
        .checkout
        .quote(&parse_order(&order.to_string()).unwrap())
        .unwrap()
        .fingerprint;
    let body = json!({ "accountId": "br-admin", "order": order, "fingerprint": fingerprint });
    let r = app.handle(&request("POST", "/api/orders", Some(&body)));
    assert_eq!(r.status, 201, "{}", String::from_utf8_lossy(&r.body));

    let list = json_of(&app.handle(&request("GET", "/api/orders", None)));
    assert_eq!(
        (list[0]["number"].clone(), list[0]["documentNumber"].clone()),
        (json!(2), json!(1))
    );
    assert_eq!(
        (list[1]["number"].clone(), list[1]["documentNumber"].clone()),
        (json!(1), json!(1))
    );
    let receipt = app.handle(&request("GET", "/api/orders/1/invoice.pdf", None));
    assert_eq!(receipt.status, 200);
    let disposition = |r: &Response| {
        r.headers
            .iter()
            .find(|(k, _)| *k == "Content-Disposition")
            .unwrap()
            .1
            .clone()
    };
    assert_eq!(disposition(&receipt), "attachment; filename=\"RCT-000001.pdf\"");
    let text = pdf_extract::extract_text_from_mem(&receipt.body).unwrap();
    assert!(
        text.contains("Receipt") && text.contains("Card (saved)"),
        "{text}"
    );
    let invoice = app.handle(&request("GET", "/api/orders/2/invoice.pdf", None));
    assert_eq!(disposition(&invoice), "attachment; filename=\"INV-000001.pdf\"");
    let text = pdf_extract::extract_text_from_mem(&invoice.body).unwrap();
    assert!(
        text.contains("Nota fiscal") && text.contains("Northwind Inc."),
        "{text}"
    );
}

#[test]
fn a_replayed_idempotency_key_creates_one_order() {
    let dir = temp_dir();
    let app = app_in(&dir);
    let (order, fingerprint) = us_order(&app);
    let body = json!({ "accountId": "us-admin", "order": order, "fingerprint": fingerprint });
    let mut r = request("POST", "/api/orders", Some(&body));
    r.idempotency_key = Some("key-1".into());
    let first = app.handle(&r);
    let second = app.handle(&r);
    assert_eq!((first.status, second.status), (201, 200));
    assert_eq!(json_of(&first)["number"], json_of(&second)["number"]);
    r.idempotency_key = Some("key-2".into());
    assert_eq!(json_of(&app.handle(&r))["number"], 2);
    assert_eq!(
        json_of(&app.handle(&request("GET", "/api/orders", None)))
            .as_array()
            .unwrap()
            .len(),
        2
    );
}

/// Signs `order` the way the page does, and posts it for `account` with `key`.
fn submit(app: &App, account: &str, order: &Value, key: Option<&str>) -> Response {
    let fingerprint = app
        .checkout
        .quote(&parse_order(&order.to_string()).unwrap())
        .unwrap()
        .fingerprint;
    let mut r = request(
        "POST",
        "/api/orders",
        Some(&json!({ "accountId": account, "order": order, "fingerprint": fingerprint })),
    );
    r.idempotency_key = key.map(str::to_owned);
    app.handle(&r)
}

fn renewal_order(app: &App, account: &str) -> Value {
    let a = json_of(&app.handle(&request("GET", &format!("/api/accounts/{account}"), None)));
    json!({ "asOf": a["today"], "account": a["account"], "subscription": { "renew": true },
            "payment": { "method": "card", "installments": 1 } })
}

#[test]
fn a_renewal_is_recorded_and_not_sold_twice() {
    let dir = temp_dir();
    let app = app_in(&dir);
    assert_eq!(
        submit(&app, "br-admin", &renewal_order(&app, "br-admin"), None).status,
        201
    );
    let account = json_of(&app.handle(&request("GET", "/api/accounts/br-admin", None)));
    // Demo period 2026-03-15..2027-03-15 (12 months): renewed until 2028-03-15.
    assert_eq!(account["renewedUntil"], "2028-03-15");
    let again = submit(&app, "br-admin", &renewal_order(&app, "br-admin"), None);
    assert_eq!(
        (again.status, json_of(&again)["error"]["code"].as_str()),
        (422, Some("ALREADY_RENEWED"))
    );
}

#[test]
fn an_idempotency_key_is_bound_to_its_account_and_quote() {
    let dir = temp_dir();
    let app = app_in(&dir);
    let (order, _) = us_order(&app);
    assert_eq!(submit(&app, "us-admin", &order, Some("shared-key")).status, 201);
    let other = renewal_order(&app, "br-admin");
    let reused = submit(&app, "br-admin", &other, Some("shared-key"));
    assert_eq!(
        (reused.status, json_of(&reused)["error"]["code"].as_str()),
        (422, Some("IDEMPOTENCY_KEY_REUSED"))
    );
    assert_eq!(
        json_of(&app.handle(&request("GET", "/api/orders", None)))
            .as_array()
            .unwrap()
            .len(),
        1
    );
}

#[test]
fn an_order_priced_on_an_account_that_changed_meanwhile_stores_nothing() {
    use crate::store::{Inserted, NewOrder};
    let dir = temp_dir();
    let app = app_in(&dir);
    let before = app.store.account("br-admin").unwrap().unwrap();
    let mut after = before.clone();
    after.account["seats"] = json!(6);
    let (order, quote) = (json!({}), json!({ "fingerprint": "x" }));
    let new = |after| NewOrder {
        created_at: "2026-07-03T12:00:00Z",
        account_id: "br-admin",
        total: "1.00",
        currency: "USD",
        description: "test",
        invoice: false,
        order: &order,
        quote: &quote,
        idempotency_key: None,
        account_before: &before,
        account_after: after,
    };
    // The first order changes the account; the second was priced on the old one.
    assert!(matches!(
        app.store.insert_order(&new(&after), |_| Value::Null).unwrap(),
        Inserted::Created(_)
    ));
    let mut charged = false;
    let second = app.store.insert_order(&new(&after), |_| {
        charged = true;
        Value::Null
    });
    assert!(matches!(second.unwrap(), Inserted::AccountChanged));
    assert!(!charged, "nothing is charged for an order that is not stored");
    assert_eq!(app.store.orders(None).unwrap().len(), 1);
}

#[test]
fn without_a_fixed_date_the_clock_is_read_on_every_request() {
    let dir = temp_dir();
    let mut app = app_in(&dir);
    app.today = None;
    app.clock = || NaiveDate::from_ymd_opt(2026, 8, 1).unwrap();
    let account = json_of(&app.handle(&request("GET", "/api/accounts/us-admin", None)));
    assert_eq!(account["today"], "2026-08-01");
}
