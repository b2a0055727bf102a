//! `POST /api/payment-methods`: card details (or a PayPal approval) go to the simulated
//! gateway, never into an order; the answer is a token (`pm_...`) with the brand and the last
//! four digits, which the order then names. `POST /api/orders/{n}/confirm` completes (or
//! cancels) the second confirmation step a charge asked for.
//!
//! Test cards (any future expiry, any CVC): 4242 4242 4242 4242 pays, 4000 0000 0000 0002 is
//! declined, 4000 0027 6000 3184 asks for a second confirmation step (3-D Secure).

use std::sync::Arc;

use axum::extract::{Path, State};
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::Datelike;
use serde::Deserialize;
use serde_json::{json, Map, Value};

use crate::app::{error, error_value, find_order, order_value, storage_error, App};
use crate::auth::SignedIn;
use crate::orders::{refusal, Answer};
use crate::payment_gateway::{Charge, Outcome, PaymentMethod};
use crate::store::OrderRecord;

pub const DECLINING_CARD: &str = "4000000000000002";
pub const CONFIRMING_CARD: &str = "4000002760003184";

#[derive(Deserialize)]
#[serde(tag = "type", rename_all = "lowercase", deny_unknown_fields)]
pub enum NewMethod {
    #[serde(rename_all = "camelCase")]
    Card {
        number: String,
        exp_month: u32,
        exp_year: i32,
        cvc: String,
    },
    Paypal {},
}

/// True when `digits` (ASCII digits only) pass the Luhn check.
pub fn luhn(digits: &str) -> bool {
    let sum: u32 = digits
        .bytes()
        .rev()
        .enumerate()
        .map(|(i, b)| {
            let d = u32::from(b - b'0');
            if i % 2 == 1 {
                if d > 4 {
                    d * 2 - 9
                } else {
                    d * 2
                }
            } else {
                d
            }
        })
        .sum();
    sum.is_multiple_of(10)
}

/// The card network, from the number's leading digits.
pub fn brand(digits: &str) -> &'static str {
    let prefix = |n: usize| digits.get(..n).and_then(|p| p.parse::<u32>().ok()).unwrap_or(0);
    match (prefix(1), prefix(2), prefix(4)) {
        (4, _, _) => "visa",
        (_, 34 | 37, _) => "amex",
        (_, 51..=55, _) | (_, _, 2221..=2720) => "mastercard",
        (_, 65, _) | (_, _, 6011) => "discover",
        _ => "card",
    }
}

/// The card's problem, as `(code, field, message)`, for a card paid on `today`.
pub fn check_card(
    number: &str,
    exp_month: u32,
    exp_year: i32,
    cvc: &str,
    today: chrono::NaiveDate,
) -> Result<String, (&'static str, &'static str, &'static str)> {
    let digits: String = number.chars().filter(|c| *c != ' ' && *c != '-').collect();
    let all_digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
    if !all_digits(&digits) || !(12..=19).contains(&digits.len()) || !luhn(&digits) {
        return Err(("CARD_NUMBER_INVALID", "number", "the card number is not valid"));
    }
    if !(1..=12).contains(&exp_month) {
        return Err(("CARD_EXPIRY_INVALID", "expiry", "the expiry month is 1 to 12"));
    }
    if (exp_year, exp_month) < (today.year(), today.month()) {
        return Err(("CARD_EXPIRED", "expiry", "the card has expired"));
    }
    let cvc_len = if brand(&digits) == "amex" { 4..=4 } else { 3..=4 };
    if !all_digits(cvc) || !cvc_len.contains(&cvc.len()) {
        return Err(("CARD_CVC_INVALID", "cvc", "the security code is 3 or 4 digits"));
    }
    Ok(digits)
}

/// `POST /api/payment-methods`.
pub async fn create(State(app): State<Arc<App>>, signed: SignedIn, body: axum::body::Bytes) -> Response {
    let Ok(new) = serde_json::from_slice::<NewMethod>(&body) else {
        return error(
            StatusCode::BAD_REQUEST,
            "INVALID_BODY",
            "send { type: \"card\", number, expMonth, expYear, cvc } or { type: \"paypal\" }",
        );
    };
    let method = match new {
        NewMethod::Card {
            number,
            exp_month,
            exp_year,
            cvc,
        } => match check_card(&number, exp_month, exp_year, &cvc, app.today()) {
            Ok(digits) => card(signed.user.id, &digits),
            Err((code, field, message)) => {
                let mut extra = Map::new();
                extra.insert("field".into(), field.into());
                let body = error_value(code, message, extra);
                return (StatusCode::UNPROCESSABLE_ENTITY, Json(body)).into_response();
            }
        },
        NewMethod::Paypal {} => PaymentMethod {
            id: String::new(),
            kind: "paypal".into(),
            brand: "paypal".into(),
            last4: String::new(),
            user_id: signed.user.id,
            outcome: Some(Outcome::Approve),
        },
    };
    match app.gateway.save_method(method).await {
        Ok(m) => (StatusCode::CREATED, Json(json!(m))).into_response(),
        Err(e) => error(StatusCode::BAD_GATEWAY, "GATEWAY", &e),
    }
}

fn card(user_id: i64, digits: &str) -> PaymentMethod {
    let outcome = match digits {
        DECLINING_CARD => Outcome::Decline,
        CONFIRMING_CARD => Outcome::RequireConfirmation,
        _ => Outcome::Approve,
    };
    PaymentMethod {
        id: String::new(),
        kind: "card".into(),
        brand: brand(digits).into(),
        last4: digits.get(digits.len().saturating_sub(4)..).unwrap_or("").into(),
        user_id,
        outcome: Some(outcome),
    }
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
pub struct Confirmation {
    confirmed: bool,
}

/// `POST /api/orders/{n}/confirm` with `{ confirmed }`: the second step of a charge that asked
/// for one. Confirming again answers what the first confirmation settled.
pub async fn confirm(
    State(app): State<Arc<App>>,
    signed: SignedIn,
    Path(n): Path<String>,
    body: axum::body::Bytes,
) -> Response {
    let Ok(Confirmation { confirmed }) = serde_json::from_slice(&body) else {
        return error(
            StatusCode::BAD_REQUEST,
            "INVALID_BODY",
            "send { confirmed: true | false }",
        );
    };
    let order = match find_order(&app, &signed, &n).await {
        Ok(o) => o,
        Err(r) => return r,
    };
    if order.status == "paid" {
        return (StatusCode::OK, Json(order_value(&order, false))).into_response();
    }
    let charge = match app.gateway.confirm(order.number, confirmed).await {
        Ok(c) => c,
        Err(e) => return error(StatusCode::BAD_GATEWAY, "GATEWAY", &e),
    };
    let Some(charge) = charge else {
        return error(
            StatusCode::CONFLICT,
            "NOTHING_TO_CONFIRM",
            "this order has no charge to confirm",
        );
    };
    let (status, body) = settled_answer(&order, Some(&charge));
    if order.status == "pending" {
        let payment = (charge.status == "paid").then(|| json!(charge));
        if let Err(e) = app
            .store
            .settle(order.number, payment, Some((status, body.clone())))
            .await
        {
            return storage_error(&e);
        }
    }
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (
        if status == StatusCode::CREATED {
            StatusCode::OK
        } else {
            status
        },
        Json(body),
    )
        .into_response()
}

/// What the body's `paymentMethod` token does when charged (`None` without a token: the
/// simulation's default approving method): it must be the user's, of the order's method.
pub async fn token_outcome(
    app: &App,
    user_id: i64,
    body: &Value,
    order: &Value,
) -> Result<Option<Outcome>, Answer> {
    let Some(token) = body.get("paymentMethod") else {
        return Ok(None);
    };
    let unknown = || {
        refusal(
            422,
            "PAYMENT_METHOD_UNKNOWN",
            "paymentMethod is not a token of this user",
        )
    };
    let token = token.as_str().ok_or_else(unknown)?.to_owned();
    let method = app
        .gateway
        .method(token, user_id)
        .await
        .map_err(|e| refusal(502, "GATEWAY", &e))?
        .ok_or_else(unknown)?;
    if order.pointer("/payment/method").and_then(Value::as_str) != Some(method.kind.as_str()) {
        let message = "paymentMethod is not of the order's payment method";
        return Err(refusal(422, "PAYMENT_METHOD_MISMATCH", message));
    }
    Ok(method.outcome)
}

/// The charge as the order's payment, when it was paid.
pub fn paid(charge: Option<&Charge>) -> Option<Value> {
    charge
        .filter(|c| c.status == "paid")
        .map(|c| serde_json::to_value(c).unwrap_or(Value::Null))
}

/// The answer for a charged order: 201 with the order when paid, 202 when the charge asks for
/// a second confirmation step, 402 when not charged (`CARD_DECLINED`,
/// `CARD_AUTHENTICATION_FAILED`, or `PAYMENT_FAILED`).
pub fn settled_answer(pending: &OrderRecord, charge: Option<&Charge>) -> Answer {
    let mut extra = Map::new();
    extra.insert("orderNumber".into(), pending.number.into());
    let (code, message) = match charge.map(|c| c.status.as_str()) {
        Some("paid") => {
            let mut paid = pending.clone();
            paid.status = "paid".into();
            paid.payment = serde_json::to_value(charge).unwrap_or(Value::Null);
            return (201, order_value(&paid, false));
        }
        Some("requires_confirmation") => {
            let body = json!({ "status": "requires_confirmation", "number": pending.number,
                               "total": pending.total, "currency": pending.currency });
            return (202, body);
        }
        Some("declined") => ("CARD_DECLINED", "the card was declined: nothing was charged"),
        Some("authentication_failed") => (
            "CARD_AUTHENTICATION_FAILED",
            "the payment was not confirmed: nothing was charged",
        ),
        _ => ("PAYMENT_FAILED", "the payment was not made: nothing was charged"),
    };
    (402, error_value(code, message, extra))
}

/// The card on file of a demo account (what R6's `saved_card` charges go to), as the page shows
/// it: `{ brand, last4 }`, or null.
pub fn saved_card(account_id: &str) -> Value {
    match account_id {
        "us-admin" | "us-member" => json!({ "brand": "visa", "last4": "4242" }),
        "br-admin" => json!({ "brand": "mastercard", "last4": "4444" }),
        _ => Value::Null,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn luhn_and_brands() {
        // 4242...4242: doubled digits 8,8,...: worked by hand, sum 80.
        assert!(luhn("4242424242424242"));
        assert!(!luhn("4242424242424241"));
        assert!(luhn(DECLINING_CARD) && luhn(CONFIRMING_CARD));
        assert_eq!(brand("4242424242424242"), "visa");
        assert_eq!(brand("5555555555554444"), "mastercard");
        assert_eq!(brand("2221000000000009"), "mastercard");
        assert_eq!(brand("378282246310005"), "amex");
        assert_eq!(brand("6011111111111117"), "discover");
        assert_eq!(brand("9999999999999995"), "card");
    }

    #[test]
    fn card_checks() {
        let today = chrono::NaiveDate::from_ymd_opt(2026, 7, 3).unwrap_or_default();
        let code = |n: &str, m: u32, y: i32, cvc: &str| check_card(n, m, y, cvc, today).err().map(|e| e.0);
        assert_eq!(code("4242 4242 4242 4242", 7, 2026, "123"), None);
        assert_eq!(
            code("4242 4242 4242 4241", 7, 2026, "123"),
            Some("CARD_NUMBER_INVALID")
        );
        assert_eq!(code("4242", 7, 2026, "123"), Some("CARD_NUMBER_INVALID"));
        assert_eq!(code("4242 4242 4242 4242", 6, 2026, "123"), Some("CARD_EXPIRED"));
        assert_eq!(
            code("4242 4242 4242 4242", 13, 2030, "123"),
            Some("CARD_EXPIRY_INVALID")
        );
        assert_eq!(
            code("4242 4242 4242 4242", 1, 2027, "12"),
            Some("CARD_CVC_INVALID")
        );
        assert_eq!(code("378282246310005", 1, 2027, "123"), Some("CARD_CVC_INVALID"));
        assert_eq!(code("378282246310005", 1, 2027, "1234"), None);
    }
}
