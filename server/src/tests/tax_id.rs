//! The buyer's tax id beside the order: checked (422 at the field `taxId`), recorded with the
//! order, printed in the invoice's buyer block, and part of what an Idempotency-Key stands for.

use axum::http::StatusCode;
use serde_json::{json, Value};

use super::support::{new_app, Kind, TestApp};

fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

async fn post(t: &TestApp, cookie: &str, order: &Value, tax_id: &Value, key: &str) -> super::support::Answer {
    let body = json!({ "order": order, "fingerprint": t.fingerprint(order), "taxId": tax_id });
    t.post_order(cookie, &body, Some(key)).await
}

async fn a_bad_tax_id_is_refused_at_its_field(kind: Kind) {
    let t = new_app(kind).await;
    let bob = t.sign_in("us-admin").await;
    let order = t.starter_order(&bob).await;
    let refused = |r: &super::support::Answer| {
        (
            r.status,
            r.code().to_owned(),
            r.body["error"]["field"].clone(),
            r.body["error"]["problems"][0]["field"].clone(),
        )
    };
    let too_long = post(&t, &bob, &order, &json!("1".repeat(41)), "long").await;
    assert_eq!(
        refused(&too_long),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "INVALID_TAX_ID".into(),
            json!("taxId"),
            json!("taxId")
        )
    );
    let line_break = post(&t, &bob, &order, &json!("12\n34"), "break").await;
    assert_eq!(line_break.code(), "INVALID_TAX_ID");
    let not_text = post(&t, &bob, &order, &json!(1234), "number").await;
    assert_eq!(not_text.code(), "INVALID_TAX_ID");

    let mut no_invoice = order.clone();
    no_invoice.as_object_mut().unwrap().remove("invoice");
    let alone = post(&t, &bob, &no_invoice, &json!("123"), "alone").await;
    assert_eq!(
        refused(&alone),
        (
            StatusCode::UNPROCESSABLE_ENTITY,
            "TAX_ID_WITHOUT_INVOICE".into(),
            json!("taxId"),
            json!("taxId")
        )
    );
    assert_eq!(t.order_count(&bob).await, 0, "nothing was ordered");
}

async fn a_tax_id_is_printed_in_the_buyer_block(kind: Kind) {
    let t = new_app(kind).await;
    let bob = t.sign_in("us-admin").await;
    let order = t.starter_order(&bob).await;
    // Forty characters once trimmed: the longest taken.
    let tax_id = "EIN 12-3456789 / VAT DE123456789 – Nº 77";
    assert_eq!(tax_id.chars().count(), 40);
    let r = post(&t, &bob, &order, &json!(format!("  {tax_id}  ")), "k1").await;
    assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);

    // Another tax id under the same key is another request.
    let other = post(&t, &bob, &order, &json!("EIN 98-7654321"), "k1").await;
    assert_eq!(other.code(), "IDEMPOTENCY_KEY_REUSED");
    assert_eq!(t.order_count(&bob).await, 1);

    let stored = t.get("/api/orders/1", &bob).await.body;
    assert_eq!(stored["order"]["invoice"]["taxId"], tax_id, "{stored}");
    let pdf = t.get("/api/orders/1/invoice.pdf", &bob).await;
    let text = squash(&pdf_extract::extract_text_from_mem(&pdf.bytes).unwrap());
    let buyer = text.find("Northwind").expect("the buyer's name");
    assert!(
        text[buyer..].contains(&squash(&format!("Tax ID: {tax_id}"))),
        "the buyer's tax id under its name: {text}"
    );
}

both_stores!(
    a_bad_tax_id_is_refused_at_its_field,
    a_tax_id_is_printed_in_the_buyer_block
);
