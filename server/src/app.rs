//! The state every route shares and the routes that read: the catalog, the signed-in user's
//! account, its orders (a page at a time) and their invoices. Orders are taken in `orders.rs`.

use std::collections::HashMap;
use std::num::NonZeroU32;
use std::sync::atomic::{AtomicI64, Ordering};
use std::sync::{Arc, OnceLock};

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::header::{CONTENT_DISPOSITION, CONTENT_TYPE, RETRY_AFTER};
use axum::http::{HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use chrono::NaiveDate;
use credit_checkout::Checkout;
use governor::clock::{Clock, DefaultClock};
use governor::{DefaultKeyedRateLimiter, NotUntil, Quota, RateLimiter};
use serde_json::{json, Map, Value};

use crate::auth::{SessionCache, SignInGuard, SignedIn};
use crate::invoice;
use crate::payment_gateway::Gateway;
use crate::store::{AccountRecord, OrderRecord, Store, StoreError};

/// The largest request body accepted; an order is a few hundred bytes.
pub const MAX_BODY: usize = 64 * 1024;

/// The most orders one page of `GET /api/orders` holds.
pub const MAX_PAGE: u32 = 100;

/// Who may reach the backend, and how sessions and orders are limited.
pub struct Policy {
    /// The `Host` values served (`name` or `name:port`); anything else is refused.
    pub hosts: Vec<String>,
    /// The origins whose pages may send unsafe requests (`Origin` is checked on them).
    pub origins: Vec<String>,
    /// Served over TLS (behind a proxy): cookies are `Secure`.
    pub secure_cookies: bool,
    /// Seconds a session may go unused.
    pub session_idle: i64,
    /// Seconds a session lasts at most.
    pub session_absolute: i64,
    /// Seconds an idempotency key is remembered.
    pub key_lifetime: i64,
    /// Test only: exit between the charge and its record (`CREDIT_CHECKOUT_FAULT=crash-after-charge`).
    pub crash_after_charge: bool,
    /// Test only: exit after the first renewal charge of a run, before its record
    /// (`CREDIT_CHECKOUT_FAULT=crash-mid-renewal`).
    pub crash_mid_renewal: bool,
}

pub struct App {
    pub checkout: Checkout,
    pub store: Store,
    pub gateway: Gateway,
    /// The accounts' local date: read from `clock` on every request unless fixed (tests, demos).
    pub today: Option<NaiveDate>,
    pub clock: fn() -> NaiveDate,
    /// Days the demo clock was moved forward (`POST /api/demo/clock`, only with `demo_clock`).
    pub clock_offset: AtomicI64,
    /// Whether the demo clock may be moved (`--demo-clock`; off by default).
    pub demo_clock: bool,
    /// The time stamp of new orders (the wall clock; fixed in tests).
    pub now: fn() -> String,
    /// Seconds since the epoch, for sessions and keys.
    pub unix_now: fn() -> i64,
    pub policy: Policy,
    /// Orders a user may place a second (`None`: no limit).
    pub order_limiter: Option<DefaultKeyedRateLimiter<i64>>,
    /// The catalog as JSON, once it was asked for.
    pub catalog_json: OnceLock<Bytes>,
    pub sessions: SessionCache,
    /// Sign-in attempts per email and password checks at a time.
    pub sign_ins: SignInGuard,
    /// Accounts whose renewal run a pending order held, to run again once it is settled.
    pub held_renewals: std::sync::Mutex<std::collections::BTreeSet<String>>,
}

/// A per-user limiter allowing `per_second` orders a second, in bursts of twice that.
pub fn order_limiter(per_second: u32) -> Option<DefaultKeyedRateLimiter<i64>> {
    let rate = NonZeroU32::new(per_second)?;
    let burst = NonZeroU32::new(per_second.saturating_mul(2)).unwrap_or(rate);
    Some(RateLimiter::keyed(Quota::per_second(rate).allow_burst(burst)))
}

impl App {
    pub fn today(&self) -> NaiveDate {
        let base = self.today.unwrap_or_else(self.clock);
        let offset = self.clock_offset.load(Ordering::SeqCst);
        base.checked_add_signed(chrono::Duration::days(offset))
            .unwrap_or(base)
    }
}

/// An error answer: `{ error: { code, message, ...extra } }`.
pub fn error_value(code: &str, message: &str, mut extra: Map<String, Value>) -> Value {
    extra.insert("code".into(), code.into());
    extra.insert("message".into(), message.into());
    json!({ "error": Value::Object(extra) })
}

pub fn error(status: StatusCode, code: &str, message: &str) -> Response {
    (status, Json(error_value(code, message, Map::new()))).into_response()
}

/// An error answer that says when to come back (`Retry-After`, in whole seconds).
pub fn retry_later(status: StatusCode, code: &str, message: &str, seconds: u64) -> Response {
    let mut r = error(status, code, message);
    r.headers_mut().insert(RETRY_AFTER, HeaderValue::from(seconds));
    r
}

/// Whole seconds, at least one, until a rate limiter lets the next request through.
pub fn seconds_until(wait: &NotUntil<<DefaultClock as Clock>::Instant>) -> u64 {
    wait.wait_time_from(DefaultClock::default().now()).as_secs() + 1
}

pub fn storage_error(e: &StoreError) -> Response {
    error(
        StatusCode::INTERNAL_SERVER_ERROR,
        "STORAGE",
        &format!("the order store failed: {e}"),
    )
}

/// The account as the signed-in user sees and orders for it (SPEC 2.2): the role is the user's;
/// the running package and the prepaid period come from their own columns. A package stored
/// without its monthly price (files from before R16) is left out.
pub fn account_for(record: &AccountRecord, role: &str) -> Value {
    let mut account = record.account.clone();
    if let Some(map) = account.as_object_mut() {
        map.insert("role".into(), role.into());
        let package = &record.credit_package;
        if package.get("pricePerMonth").is_some_and(Value::is_string) {
            map.insert("creditPackage".into(), package.clone());
        }
        if let (Some(until), Some(sub)) = (
            &record.renewed_until,
            map.get_mut("subscription").and_then(Value::as_object_mut),
        ) {
            sub.insert("renewedUntil".into(), until.clone().into());
        }
    }
    account
}

/// `GET /api/catalog`: the same bytes every time, serialized once.
pub async fn catalog(State(app): State<Arc<App>>) -> Response {
    let json = app.catalog_json.get_or_init(|| {
        let text = serde_json::to_string(app.checkout.catalog()).unwrap_or_default();
        Bytes::from(text)
    });
    ([(CONTENT_TYPE, "application/json")], json.clone()).into_response()
}

/// `GET /api/account`: the signed-in user's account, with the user.
pub async fn account(State(app): State<Arc<App>>, signed: SignedIn) -> Response {
    let u = &signed.user;
    match app.store.account(&u.account_id).await {
        Ok(Some(a)) => Json(json!({
            "id": a.id, "name": a.name, "today": app.today().to_string(), "locale": a.locale,
            "account": account_for(&a, &u.role), "creditPackage": a.credit_package,
            "renewedUntil": a.renewed_until,
            "savedPayment": a.account.get("savedPayment").cloned().unwrap_or(Value::Null),
            "autoRenewal": a.account.get("autoRenewal").cloned().unwrap_or(Value::Null),
            "savedCard": crate::payment_methods::saved_card(&a.id),
            "user": { "email": u.email, "name": u.name, "role": u.role },
        }))
        .into_response(),
        Ok(None) => error(StatusCode::NOT_FOUND, "UNKNOWN_ACCOUNT", "no such account"),
        Err(e) => storage_error(&e),
    }
}

/// `GET /api/orders?limit=&cursor=`: `{ orders, next }`, newest first; `next` is the cursor of
/// the following page, or null after the last.
pub async fn orders(
    State(app): State<Arc<App>>,
    signed: SignedIn,
    Query(q): Query<HashMap<String, String>>,
) -> Response {
    let limit = match q.get("limit").map(|l| l.parse::<u32>()) {
        None => 20,
        Some(Ok(l)) if (1..=MAX_PAGE).contains(&l) => l,
        Some(_) => {
            return error(
                StatusCode::BAD_REQUEST,
                "INVALID_LIMIT",
                &format!("limit is a number from 1 to {MAX_PAGE}"),
            )
        }
    };
    let before = match q
        .get("cursor")
        .filter(|c| !c.is_empty())
        .map(|c| c.parse::<i64>())
    {
        None => None,
        Some(Ok(c)) => Some(c),
        Some(Err(_)) => return error(StatusCode::BAD_REQUEST, "INVALID_CURSOR", "no such cursor"),
    };
    match app.store.orders(&signed.user.account_id, before, limit + 1).await {
        Ok(mut list) => {
            let more = list.len() > limit as usize;
            list.truncate(limit as usize);
            let next = list.last().filter(|_| more).map(|o| o.number.to_string());
            Json(json!({ "orders": list, "next": next })).into_response()
        }
        Err(e) => storage_error(&e),
    }
}

/// The account's order `n`; another account's is 404 like a missing one.
pub async fn find_order(app: &App, signed: &SignedIn, n: &str) -> Result<OrderRecord, Response> {
    let unknown = || error(StatusCode::NOT_FOUND, "UNKNOWN_ORDER", "no such order");
    let number: i64 = n.parse().map_err(|_| unknown())?;
    match app.store.order(&signed.user.account_id, number).await {
        Ok(Some(o)) => Ok(o),
        Ok(None) => Err(unknown()),
        Err(e) => Err(storage_error(&e)),
    }
}

/// The order as the API shows it: its record, quote and payment (and the order, when asked).
pub fn order_value(o: &OrderRecord, with_order: bool) -> Value {
    let mut value = serde_json::to_value(o).unwrap_or(Value::Null);
    if let Some(map) = value.as_object_mut() {
        map.insert("quote".into(), o.quote.clone());
        map.insert("payment".into(), o.payment.clone());
        if with_order {
            map.insert("order".into(), o.order.clone());
        }
    }
    value
}

/// `GET /api/orders/{n}`.
pub async fn order(State(app): State<Arc<App>>, signed: SignedIn, Path(n): Path<String>) -> Response {
    match find_order(&app, &signed, &n).await {
        Ok(o) => Json(order_value(&o, true)).into_response(),
        Err(r) => r,
    }
}

/// `GET /api/orders/{n}/invoice.pdf`: the invoice (an order placed with invoice details) or the
/// receipt (every other order) of a paid order, in the order's language.
pub async fn invoice(State(app): State<Arc<App>>, signed: SignedIn, Path(n): Path<String>) -> Response {
    let o = match find_order(&app, &signed, &n).await {
        Ok(o) => o,
        Err(r) => return r,
    };
    if o.status != "paid" {
        return error(
            StatusCode::NOT_FOUND,
            "NO_DOCUMENT",
            "only a paid order has an invoice or a receipt",
        );
    }
    let account_name = match app.store.account(&o.account_id).await {
        Ok(a) => a.map(|a| a.name).unwrap_or_default(),
        Err(e) => return storage_error(&e),
    };
    let document = match invoice::from_order::document(&o, &account_name, app.checkout.catalog()) {
        Ok(d) => d,
        Err(e) => {
            return error(
                StatusCode::INTERNAL_SERVER_ERROR,
                "ORDER_DATA",
                &format!("stored order unreadable: {e}"),
            )
        }
    };
    match invoice::pdf(&document) {
        Ok(body) => (
            [
                (CONTENT_TYPE, "application/pdf".to_owned()),
                (
                    CONTENT_DISPOSITION,
                    format!("attachment; filename=\"{}.pdf\"", document.number),
                ),
            ],
            body,
        )
            .into_response(),
        Err(e) => error(StatusCode::INTERNAL_SERVER_ERROR, "PDF", &e.to_string()),
    }
}
