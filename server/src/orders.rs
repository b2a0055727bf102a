//! `POST /api/orders`, with retries that never charge twice (as Stripe's idempotency keys): the
//! key is the user's; the first response, errors included, is kept once processing starts and
//! replayed with its status; the same key with another body is refused (422), a key whose
//! request is still running answers 409, keys are forgotten after a day.
//!
//! No charge without a stored order: the order is written `pending` (its account changes with
//! it), charged with its number as the gateway's idempotency reference, then marked `paid` (or
//! `failed`; `settlement`). While an order is `pending`, its account takes no other order
//! (409 `ORDER_IN_PROGRESS`).

use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::header::CONTENT_TYPE;
use axum::http::{HeaderMap, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use credit_checkout::input::{parse_account, parse_order};
use credit_checkout::{CheckoutError, Order, Quote};
use serde_json::{Map, Value};

use crate::app::{account_for, error, error_value, retry_later, seconds_until, storage_error, App};
use crate::auth::{sha256_hex, SignedIn};
use crate::payment_gateway::Outcome;
use crate::payment_methods::token_outcome;
use crate::settlement::{self, charge_and_settle};
use crate::store::{AccountRecord, Begun, Claim, KeyUse, PendingOrder, UserRecord};

mod account_after;
mod tax_id;

use account_after::apply;

/// An answer to keep and replay: status and JSON body.
pub type Answer = (u16, Value);

pub fn refusal(status: u16, code: &str, message: &str) -> Answer {
    (status, error_value(code, message, Map::new()))
}

/// 409 `ORDER_IN_PROGRESS`: the account's order `number` is still pending; `then` says what to do.
pub fn order_in_progress(number: i64, then: &str) -> Answer {
    let mut extra = Map::new();
    extra.insert("orderNumber".into(), number.into());
    let message = format!("order {number} of this account is still waiting for its payment: {then}");
    (409, error_value("ORDER_IN_PROGRESS", &message, extra))
}

fn respond((status, body): Answer, replayed: bool) -> Response {
    let status = StatusCode::from_u16(status).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    let mut r = (status, Json(body)).into_response();
    if replayed {
        r.headers_mut()
            .insert("Idempotent-Replayed", HeaderValue::from_static("true"));
    }
    r
}

/// `POST /api/orders`.
pub async fn create(
    State(app): State<Arc<App>>,
    signed: SignedIn,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let json_type = headers
        .get(CONTENT_TYPE)
        .and_then(|t| t.to_str().ok())
        .and_then(|t| t.split(';').next())
        .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"));
    if !json_type {
        return error(
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "UNSUPPORTED_MEDIA_TYPE",
            "send the order as application/json",
        );
    }
    let key = headers
        .get("Idempotency-Key")
        .and_then(|k| k.to_str().ok())
        .unwrap_or("");
    if key.is_empty() || key.len() > 200 {
        return error(
            StatusCode::BAD_REQUEST,
            "IDEMPOTENCY_KEY_REQUIRED",
            "send an Idempotency-Key header (1 to 200 characters), the same for every retry",
        );
    }
    if let Some(limiter) = &app.order_limiter {
        if let Err(wait) = limiter.check_key(&signed.user.id) {
            return retry_later(
                StatusCode::TOO_MANY_REQUESTS,
                "TOO_MANY_ORDERS",
                "too many orders: wait a moment",
                seconds_until(&wait),
            );
        }
    }
    let now = (app.unix_now)();
    let key = KeyUse {
        user_id: signed.user.id,
        key: key.to_owned(),
        request_hash: sha256_hex(&body),
        now,
        expired_before: now - app.policy.key_lifetime,
    };
    // On its own task: a client that leaves does not stop an order half way.
    let (app, user) = (Arc::clone(&app), signed.user);
    let task = tokio::spawn(async move { place(&app, &user, key, &body).await });
    task.await.unwrap_or_else(|e| {
        error(
            StatusCode::INTERNAL_SERVER_ERROR,
            "SERVER_ERROR",
            &format!("the order stopped: {e}"),
        )
    })
}

/// What a body `{ order, fingerprint, taxId? }` asks, priced on the account as it reads now: by the
/// time it is recorded, the account may have changed (then it is priced again).
enum Prepared {
    Refused(Answer),
    Order {
        order: Value,
        fingerprint: String,
        tax_id: Option<String>,
        seen: Option<Box<(AccountRecord, Result<PendingOrder, Answer>)>>,
    },
}

/// The order read from a body `{ order, fingerprint, paymentMethod?, taxId? }` (the token of
/// the gateway's `POST /api/payment-methods`, never card details; the buyer's tax id for the
/// invoice), with what its payment method does when charged.
async fn prepare(app: &App, user: &UserRecord, body: &[u8]) -> Result<(Prepared, Option<Outcome>), Response> {
    let body: Value = match serde_json::from_slice(body) {
        Ok(v) => v,
        Err(e) => {
            let message = format!("the body is not JSON: {e}");
            return Ok((Prepared::Refused(refusal(400, "MALFORMED_JSON", &message)), None));
        }
    };
    let fields = body.as_object().map(|m| {
        m.keys()
            .all(|k| ["order", "fingerprint", "paymentMethod", "taxId"].contains(&k.as_str()))
    });
    let (Some(true), Some(order), Some(fingerprint)) = (
        fields,
        body.get("order").cloned(),
        body.get("fingerprint").and_then(Value::as_str).map(str::to_owned),
    ) else {
        let message =
            "the body must be { order: Order, fingerprint: string, paymentMethod?: string, taxId?: string }";
        return Ok((Prepared::Refused(refusal(400, "INVALID_BODY", message)), None));
    };
    let tax_id = match tax_id::read(&body) {
        Ok(t) => t,
        Err(answer) => return Ok((Prepared::Refused(answer), None)),
    };
    let outcome = match token_outcome(app, user.id, &body, &order).await {
        Ok(o) => o,
        Err(answer) => return Ok((Prepared::Refused(answer), None)),
    };
    let seen = match app.store.account(&user.account_id).await {
        Ok(Some(record)) => {
            let early = price(app, &record, &user.role, &order, &fingerprint)
                .map(|p| pending_order(app, &record, &p, tax_id.as_deref()));
            Some(Box::new((record, early)))
        }
        Ok(None) => None,
        Err(e) => return Err(storage_error(&e)),
    };
    Ok((
        Prepared::Order {
            order,
            fingerprint,
            tax_id,
            seen,
        },
        outcome,
    ))
}

/// The order of a request: its key held, priced, recorded, charged and settled; or the answer
/// an earlier use of its key left.
async fn place(app: &Arc<App>, user: &UserRecord, key: KeyUse, body: &[u8]) -> Response {
    let (prepared, outcome) = match prepare(app, user, body).await {
        Ok(p) => p,
        Err(r) => return r,
    };
    let (pricer, role) = (Arc::clone(app), user.role.clone());
    let begun = app
        .store
        .begin_order(key, &user.account_id, move |current| match prepared {
            Prepared::Refused(answer) => Err(answer),
            Prepared::Order {
                order,
                fingerprint,
                tax_id,
                seen,
            } => match seen.map(|b| *b) {
                Some((record, early)) if record == *current => early,
                _ => price(&pricer, current, &role, &order, &fingerprint)
                    .map(|p| pending_order(&pricer, current, &p, tax_id.as_deref())),
            },
        })
        .await;
    match begun {
        Err(e) => storage_error(&e),
        Ok(Begun::Claimed(Claim::Done(status, body))) => respond((status, body), true),
        Ok(Begun::Claimed(Claim::InFlight)) => respond(
            refusal(
                409,
                "IDEMPOTENCY_KEY_IN_USE",
                "a request with this Idempotency-Key is still being processed",
            ),
            false,
        ),
        Ok(Begun::Claimed(_)) => respond(
            refusal(
                422,
                "IDEMPOTENCY_KEY_REUSED",
                "this Idempotency-Key was used for another request",
            ),
            false,
        ),
        Ok(Begun::Refused(status, body)) => respond((status, body), false),
        Ok(Begun::Busy(number)) => {
            let then = format!(
                "confirm or cancel it first (an unconfirmed payment is cancelled after {} minutes)",
                settlement::CONFIRMATION_MINUTES
            );
            respond(order_in_progress(number, &then), false)
        }
        Ok(Begun::Pending(order)) => match charge_and_settle(app, &order, outcome).await {
            Ok(answer) => respond(answer, false),
            Err(r) => r,
        },
    }
}

struct Priced {
    order: Order,
    quote: Quote,
}

fn price(
    app: &App,
    record: &AccountRecord,
    role: &str,
    order: &Value,
    fingerprint: &str,
) -> Result<Priced, Answer> {
    let client_order = parse_order(&order.to_string()).map_err(|e| invalid_order(&e))?;
    let mut server_order = client_order.clone();
    server_order.as_of = app.today().into();
    server_order.account = parse_account(&account_for(record, role).to_string())
        .map_err(|e| refusal(500, "ACCOUNT_DATA", &format!("stored account unreadable: {e}")))?;
    let quote = app.checkout.quote(&server_order).map_err(|e| invalid_order(&e))?;
    if !quote.fingerprint.eq_ignore_ascii_case(fingerprint) {
        // What the browser priced, for the 409 answer.
        let client_quote = app.checkout.quote(&client_order);
        let mut extra = Map::new();
        extra.insert("serverTotal".into(), quote.total.to_string().into());
        extra.insert(
            "clientTotal".into(),
            client_quote
                .as_ref()
                .map_or(Value::Null, |q| Value::from(q.total.to_string())),
        );
        extra.insert("currency".into(), quote.currency.clone().into());
        let message = "the quote changed: review the new total before paying";
        return Err((409, error_value("FINGERPRINT_MISMATCH", message, extra)));
    }
    Ok(Priced {
        order: server_order,
        quote,
    })
}

/// The order to record: the one priced, with the buyer's tax id in its invoice details.
fn pending_order(app: &App, record: &AccountRecord, p: &Priced, tax_id: Option<&str>) -> PendingOrder {
    let description: Vec<&str> = p.quote.lines.iter().map(|l| l.description.as_str()).collect();
    let mut order = serde_json::to_value(&p.order).unwrap_or(Value::Null);
    tax_id::record(&mut order, tax_id);
    PendingOrder {
        created_at: (app.now)(),
        total: p.quote.total.to_string(),
        currency: p.quote.currency.clone(),
        description: description.join("; "),
        invoice: p.order.invoice.is_some(),
        order,
        quote: serde_json::to_value(&p.quote).unwrap_or(Value::Null),
        account_after: apply(record, &p.order, &p.quote),
        kind: "order".into(),
    }
}

fn invalid_order(e: &CheckoutError) -> Answer {
    let mut extra = Map::new();
    extra.insert(
        "problems".into(),
        serde_json::to_value(e.problems()).unwrap_or(Value::Null),
    );
    extra.insert("field".into(), e.field().into());
    (422, error_value("INVALID_ORDER", &e.to_string(), extra))
}
