//! The auto-renewal switch (`PUT`/`POST /api/account/auto-renewal`, admins only; turning it on
//! needs a saved payment) and the demo clock (`POST /api/demo/clock`, only with `--demo-clock`),
//! which moves the backend's date forward and runs the renewals due at once.

use std::sync::atomic::Ordering;
use std::sync::Arc;

use axum::extract::State;
use axum::http::StatusCode;
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::NaiveDate;
use serde_json::{json, Value};

use crate::app::{error, storage_error, App};
use crate::auth::SignedIn;
use crate::renewals;

/// Why the switch was refused.
enum Refused {
    NoSavedPayment,
    /// The account's pending order (its number).
    OrderInProgress(i64),
}

/// `PUT /api/account/auto-renewal` `{ "autoRenewal": bool }`: the account's auto-renewal.
pub async fn auto_renewal(
    State(app): State<Arc<App>>,
    signed: SignedIn,
    Json(body): Json<Value>,
) -> Response {
    if signed.user.role != "admin" {
        return error(
            StatusCode::FORBIDDEN,
            "NOT_ADMIN",
            "only an admin of the account can change auto-renewal",
        );
    }
    let Some(on) = body.get("autoRenewal").and_then(Value::as_bool) else {
        return error(
            StatusCode::BAD_REQUEST,
            "INVALID_BODY",
            "the body must be { autoRenewal: boolean }",
        );
    };
    let result = app
        .store
        .set_auto_renewal(&signed.user.account_id, on, move |record, pending| {
            let saved = record.account.get("savedPayment").is_some_and(Value::is_object);
            // A pending order's failure writes back the account as it was before it: the switch
            // would be undone with it.
            if let Some(number) = pending {
                Err(Refused::OrderInProgress(number))
            } else if on && !saved {
                Err(Refused::NoSavedPayment)
            } else {
                Ok(())
            }
        })
        .await;
    match result {
        Ok(Some(Ok(a))) => Json(json!({ "autoRenewal": a.account.get("autoRenewal") })).into_response(),
        Ok(Some(Err(Refused::NoSavedPayment))) => error(
            StatusCode::UNPROCESSABLE_ENTITY,
            "NO_SAVED_PAYMENT",
            "auto-renewal needs a saved payment: pay an order with a subscription action first",
        ),
        Ok(Some(Err(Refused::OrderInProgress(number)))) => {
            let (_, body) =
                crate::orders::order_in_progress(number, "the switch can change once it is settled");
            (StatusCode::CONFLICT, Json(body)).into_response()
        }
        Ok(None) => error(StatusCode::NOT_FOUND, "UNKNOWN_ACCOUNT", "no such account"),
        Err(e) => storage_error(&e),
    }
}

/// `POST /api/demo/clock` `{ "days": n }` or `{ "date": "YYYY-MM-DD" }`: moves the backend's date
/// forward (never back) and runs the renewals due. 404 unless the demo clock is on.
pub async fn demo_clock(State(app): State<Arc<App>>, _signed: SignedIn, Json(body): Json<Value>) -> Response {
    if !app.demo_clock {
        return error(StatusCode::NOT_FOUND, "NOT_FOUND", "no such API route");
    }
    let today = app.today();
    let days = match (
        body.get("days").and_then(Value::as_i64),
        body.get("date").and_then(Value::as_str),
    ) {
        (Some(d), None) => Some(d),
        (None, Some(date)) => date.parse::<NaiveDate>().ok().map(|d| (d - today).num_days()),
        _ => None,
    };
    let Some(days) = days.filter(|d| (0..=3660).contains(d)) else {
        return error(
            StatusCode::BAD_REQUEST,
            "INVALID_CLOCK",
            "send { days } (0 to 3660) or a { date } on or after today",
        );
    };
    app.clock_offset.fetch_add(days, Ordering::SeqCst);
    match renewals::run(&app).await {
        Ok(s) => Json(json!({
            "today": app.today().to_string(), "renewed": s.renewed, "declined": s.declined,
        }))
        .into_response(),
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, "RENEWAL_RUN", &e),
    }
}
