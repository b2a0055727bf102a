//! The routes, independent of the HTTP library: a request in, a response out.

use std::path::{Component, Path, PathBuf};

use chrono::NaiveDate;
use credit_checkout::input::parse_order;
use credit_checkout::quote::LineKind;
use credit_checkout::{Checkout, CheckoutError, Order, Quote};
use serde_json::{json, Map, Value};

use crate::invoice;
use crate::payment_gateway::{self, ChargeRequest};
use crate::store::{AccountRecord, Inserted, NewOrder, OrderRecord, Store};

/// The largest request body accepted; an order is a few hundred bytes.
pub const MAX_BODY: usize = 64 * 1024;

pub struct Request {
    pub method: String,
    /// The path without the query string.
    pub path: String,
    pub query: String,
    pub content_type: Option<String>,
    pub idempotency_key: Option<String>,
    /// `None` when the body was larger than [`MAX_BODY`].
    pub body: Option<Vec<u8>>,
}

#[derive(Debug)]
pub struct Response {
    pub status: u16,
    pub content_type: &'static str,
    pub body: Vec<u8>,
    pub headers: Vec<(&'static str, String)>,
}

impl Response {
    fn json(status: u16, value: &Value) -> Response {
        Response {
            status,
            content_type: "application/json; charset=utf-8",
            body: value.to_string().into_bytes(),
            headers: Vec::new(),
        }
    }

    fn error(status: u16, code: &str, message: &str) -> Response {
        Self::error_with(status, code, message, Map::new())
    }

    fn error_with(status: u16, code: &str, message: &str, mut extra: Map<String, Value>) -> Response {
        extra.insert("code".into(), code.into());
        extra.insert("message".into(), message.into());
        Self::json(status, &json!({ "error": Value::Object(extra) }))
    }
}

pub struct App {
    pub checkout: Checkout,
    pub store: Store,
    /// The accounts' local date: read from `clock` on every request unless fixed (tests, demos).
    pub today: Option<NaiveDate>,
    pub clock: fn() -> NaiveDate,
    pub www: PathBuf,
    /// The time stamp of new orders (the wall clock; fixed in tests).
    pub now: fn() -> String,
}

impl App {
    fn today(&self) -> NaiveDate {
        self.today.unwrap_or_else(self.clock)
    }

    pub fn handle(&self, req: &Request) -> Response {
        let segments: Vec<&str> = req.path.trim_matches('/').split('/').collect();
        let get = req.method == "GET" || req.method == "HEAD";
        match segments.as_slice() {
            ["api", "catalog"] if get => self.catalog(),
            ["api", "accounts"] if get => self.accounts(),
            ["api", "accounts", id] if get => self.account(id),
            ["api", "orders"] if req.method == "POST" => self.create_order(req),
            ["api", "orders"] if get => self.orders(&req.query),
            ["api", "orders", n] if get => self.order(n),
            ["api", "orders", n, "invoice.pdf"] if get => self.invoice(n),
            ["api", "catalog"] | ["api", "accounts", ..] | ["api", "orders", ..] => {
                let mut r = Response::error(405, "METHOD_NOT_ALLOWED", "this method is not allowed here");
                let allow = if req.path.trim_matches('/') == "api/orders" {
                    "GET, POST"
                } else {
                    "GET"
                };
                r.headers.push(("Allow", allow.into()));
                r
            }
            ["api", ..] => Response::error(404, "NOT_FOUND", "no such API route"),
            _ if get => self.static_file(&req.path),
            _ => Response::error(405, "METHOD_NOT_ALLOWED", "this method is not allowed here"),
        }
    }

    fn catalog(&self) -> Response {
        Response::json(
            200,
            &serde_json::to_value(self.checkout.catalog()).unwrap_or(Value::Null),
        )
    }

    fn account_json(&self, a: &AccountRecord) -> Value {
        json!({
            "id": a.id, "name": a.name, "today": self.today().to_string(), "locale": a.locale,
            "account": a.account, "creditPackage": a.credit_package, "renewedUntil": a.renewed_until,
        })
    }

    fn accounts(&self) -> Response {
        match self.store.accounts() {
            Ok(list) => Response::json(
                200,
                &Value::Array(list.iter().map(|a| self.account_json(a)).collect()),
            ),
            Err(e) => storage_error(&e),
        }
    }

    fn account(&self, id: &str) -> Response {
        match self.store.account(id) {
            Ok(Some(a)) => Response::json(200, &self.account_json(&a)),
            Ok(None) => Response::error(404, "UNKNOWN_ACCOUNT", "no such account"),
            Err(e) => storage_error(&e),
        }
    }

    fn orders(&self, query: &str) -> Response {
        let account = query
            .split('&')
            .filter_map(|kv| kv.split_once('='))
            .find(|(k, _)| *k == "accountId")
            .map(|(_, v)| v.to_owned());
        match self.store.orders(account.as_deref()) {
            Ok(list) => Response::json(200, &serde_json::to_value(list).unwrap_or(Value::Null)),
            Err(e) => storage_error(&e),
        }
    }

    fn find_order(&self, n: &str) -> Result<OrderRecord, Response> {
        let number: i64 = n
            .parse()
            .map_err(|_| Response::error(404, "UNKNOWN_ORDER", "no such order"))?;
        match self.store.order(number) {
            Ok(Some(o)) => Ok(o),
            Ok(None) => Err(Response::error(404, "UNKNOWN_ORDER", "no such order")),
            Err(e) => Err(storage_error(&e)),
        }
    }

    fn order(&self, n: &str) -> Response {
        match self.find_order(n) {
            Ok(o) => {
                let mut value = serde_json::to_value(&o).unwrap_or(Value::Null);
                if let Some(map) = value.as_object_mut() {
                    map.insert("quote".into(), o.quote.clone());
                    map.insert("order".into(), o.order.clone());
                    map.insert("payment".into(), o.payment.clone());
                }
                Response::json(200, &value)
            }
            Err(r) => r,
        }
    }

    /// The order's invoice (placed with invoice details) or receipt, as a PDF in its language.
    fn invoice(&self, n: &str) -> Response {
        let o = match self.find_order(n) {
            Ok(o) => o,
            Err(r) => return r,
        };
        let account_name = match self.store.account(&o.account_id) {
            Ok(a) => a.map(|a| a.name).unwrap_or_default(),
            Err(e) => return storage_error(&e),
        };
        let document = match invoice::from_order::document(&o, &account_name, self.checkout.catalog()) {
            Ok(d) => d,
            Err(e) => return Response::error(500, "ORDER_DATA", &format!("stored order unreadable: {e}")),
        };
        match invoice::pdf(&document) {
            Ok(body) => Response {
                status: 200,
                content_type: "application/pdf",
                body,
                headers: vec![(
                    "Content-Disposition",
                    format!("attachment; filename=\"{}.pdf\"", document.number),
                )],
            },
            Err(e) => Response::error(500, "PDF", &e.to_string()),
        }
    }

    /// `POST /api/orders`: recompute the quote from the backend's own account data, refuse a
    /// fingerprint that does not match, charge (simulated), store, apply the auto-renewal outcome.
    fn create_order(&self, req: &Request) -> Response {
        let json_type = req
            .content_type
            .as_deref()
            .and_then(|t| t.split(';').next())
            .is_some_and(|t| t.trim().eq_ignore_ascii_case("application/json"));
        if !json_type {
            return Response::error(
                415,
                "UNSUPPORTED_MEDIA_TYPE",
                "send the order as application/json",
            );
        }
        let Some(body) = &req.body else {
            return Response::error(
                413,
                "BODY_TOO_LARGE",
                &format!("the body is larger than {MAX_BODY} bytes"),
            );
        };
        let body: Value = match serde_json::from_slice(body) {
            Ok(v) => v,
            Err(e) => return Response::error(400, "MALFORMED_JSON", &format!("the body is not JSON: {e}")),
        };
        let (Some(account_id), Some(order_value), Some(fingerprint)) = (
            body.get("accountId").and_then(Value::as_str),
            body.get("order"),
            body.get("fingerprint").and_then(Value::as_str),
        ) else {
            return Response::error(
                400,
                "INVALID_BODY",
                "the body must be { accountId: string, order: Order, fingerprint: string }",
            );
        };
        let key = req.idempotency_key.as_deref().filter(|k| !k.is_empty());
        if let Some(k) = key {
            if k.len() > 200 {
                return Response::error(
                    400,
                    "INVALID_IDEMPOTENCY_KEY",
                    "the Idempotency-Key is longer than 200 characters",
                );
            }
            match self.store.order_by_key(k) {
                Ok(Some(o)) => return self.replayed(&o, account_id, fingerprint),
                Ok(None) => {}
                Err(e) => return storage_error(&e),
            }
        }
        let account = match self.store.account(account_id) {
            Ok(Some(a)) => a,
            Ok(None) => return Response::error(404, "UNKNOWN_ACCOUNT", "no such account"),
            Err(e) => return storage_error(&e),
        };
        let client_order = match parse_order(&order_value.to_string()) {
            Ok(o) => o,
            Err(e) => return invalid_order(&e),
        };
        // What the browser priced, for the 409 answer.
        let client_quote = self.checkout.quote(&client_order);

        // The backend prices with its own account data and date, never the client's.
        let mut server_order = client_order.clone();
        server_order.as_of = self.today().into();
        server_order.account = match credit_checkout::input::parse_account(&account.account.to_string()) {
            Ok(a) => a,
            Err(e) => {
                return Response::error(500, "ACCOUNT_DATA", &format!("stored account unreadable: {e}"))
            }
        };
        let quote = match self.checkout.quote(&server_order) {
            Ok(q) => q,
            Err(e) => return invalid_order(&e),
        };
        if !quote.fingerprint.eq_ignore_ascii_case(fingerprint) {
            let mut extra = Map::new();
            extra.insert("serverTotal".into(), quote.total.to_string().into());
            extra.insert(
                "clientTotal".into(),
                client_quote
                    .as_ref()
                    .map_or(Value::Null, |q| Value::from(q.total.to_string())),
            );
            extra.insert("currency".into(), quote.currency.clone().into());
            return Response::error_with(
                409,
                "FINGERPRINT_MISMATCH",
                "the quote changed: review the new total before paying",
                extra,
            );
        }

        let renews = server_order
            .subscription
            .as_ref()
            .is_some_and(|c| c.renew == Some(true));
        if let (true, Some(until)) = (renews, &account.renewed_until) {
            return Response::error(
                422,
                "ALREADY_RENEWED",
                &format!("the subscription is already renewed until {until}"),
            );
        }
        let account_after = apply(&account, &server_order, &quote);
        let quote_json = serde_json::to_value(&quote).unwrap_or(Value::Null);
        let order_json = serde_json::to_value(&server_order).unwrap_or(Value::Null);
        let description: Vec<&str> = quote.lines.iter().map(|l| l.description.as_str()).collect();
        let created_at = (self.now)();
        let total = quote.total.to_string();
        let new = NewOrder {
            created_at: &created_at,
            account_id: &account.id,
            total: &total,
            currency: &quote.currency,
            description: &description.join("; "),
            invoice: server_order.invoice.is_some(),
            order: &order_json,
            quote: &quote_json,
            idempotency_key: key,
            account_before: &account,
            account_after: &account_after,
        };
        let charge = |number| {
            let charge = payment_gateway::charge(&ChargeRequest {
                order_number: number,
                method: &quote.payment.method,
                charged_to: &quote.payment.charged_to,
                amount: &total,
                currency: &quote.currency,
                installments: quote.installments.count,
                processor: quote.installments.processor.as_deref(),
            });
            serde_json::to_value(charge).unwrap_or(Value::Null)
        };
        match self.store.insert_order(&new, charge) {
            Ok(Inserted::Created(order)) => self.accepted(201, &order),
            Ok(Inserted::Replayed(order)) => self.replayed(&order, account_id, fingerprint),
            Ok(Inserted::AccountChanged) => Response::error(
                409,
                "ACCOUNT_CHANGED",
                "the account changed while this order was priced: review the quote and submit again",
            ),
            Err(e) => storage_error(&e),
        }
    }

    /// A replayed idempotency key answers with the order it created, but only for the same
    /// account and the same quote: a key reused for another order is refused.
    fn replayed(&self, o: &OrderRecord, account_id: &str, fingerprint: &str) -> Response {
        let same_quote = o
            .quote
            .get("fingerprint")
            .and_then(Value::as_str)
            .is_some_and(|f| f.eq_ignore_ascii_case(fingerprint));
        if o.account_id == account_id && same_quote {
            self.accepted(200, o)
        } else {
            Response::error(
                422,
                "IDEMPOTENCY_KEY_REUSED",
                "this Idempotency-Key was used for another order",
            )
        }
    }

    fn accepted(&self, status: u16, o: &OrderRecord) -> Response {
        let mut value = serde_json::to_value(o).unwrap_or(Value::Null);
        if let Some(map) = value.as_object_mut() {
            map.insert("quote".into(), o.quote.clone());
            map.insert("payment".into(), o.payment.clone());
        }
        Response::json(status, &value)
    }

    fn static_file(&self, path: &str) -> Response {
        let relative = path.trim_start_matches('/');
        let relative = if relative.is_empty() {
            "index.html"
        } else {
            relative
        };
        let safe = Path::new(relative)
            .components()
            .all(|c| matches!(c, Component::Normal(_)));
        if !safe {
            return Response::error(404, "NOT_FOUND", "no such file");
        }
        match std::fs::read(self.www.join(relative)) {
            Ok(body) => Response {
                status: 200,
                content_type: content_type(relative),
                body,
                headers: Vec::new(),
            },
            Err(_) => Response::error(404, "NOT_FOUND", "no such file"),
        }
    }
}

/// R6 and the order's subscription changes, applied to the stored account after payment.
fn apply(record: &AccountRecord, order: &Order, quote: &Quote) -> AccountRecord {
    let mut after = record.clone();
    if let Some(account) = after.account.as_object_mut() {
        account.insert("autoRenewal".into(), quote.auto_renewal.after.into());
        account.insert("plan".into(), quote.subscription.plan.clone().into());
        account.insert("seats".into(), quote.subscription.seats.into());
        if let Some(new) = &order.new_subscription {
            account.insert(
                "subscription".into(),
                json!({
                    "status": "active", "termMonths": new.term_months,
                    "periodStart": order.as_of.to_string(), "periodEnd": quote.subscription.period_end.to_string(),
                }),
            );
        }
    }
    if let (Some(_), true) = (
        &order.subscription,
        quote
            .lines
            .iter()
            .any(|l| l.kind == LineKind::SubscriptionRenewal),
    ) {
        after.renewed_until = Some(quote.subscription.period_end.to_string());
    }
    if let Some(p) = &quote.credit_package {
        after.credit_package = json!({
            "id": p.id, "creditsPerMonth": p.credits_per_month, "start": p.start.to_string(), "end": p.end.to_string(),
        });
    }
    after
}

fn invalid_order(e: &CheckoutError) -> Response {
    let mut extra = Map::new();
    extra.insert(
        "problems".into(),
        serde_json::to_value(e.problems()).unwrap_or(Value::Null),
    );
    extra.insert("field".into(), e.field().into());
    Response::error_with(422, "INVALID_ORDER", &e.to_string(), extra)
}

fn storage_error(e: &rusqlite::Error) -> Response {
    Response::error(500, "STORAGE", &format!("the order store failed: {e}"))
}

fn content_type(path: &str) -> &'static str {
    match path.rsplit('.').next().unwrap_or("") {
        "html" => "text/html; charset=utf-8",
        "js" | "mjs" => "text/javascript; charset=utf-8",
        "css" => "text/css; charset=utf-8",
        "wasm" => "application/wasm",
        "json" => "application/json",
        "svg" => "image/svg+xml",
        "png" => "image/png",
        "ico" => "image/x-icon",
        "txt" => "text/plain; charset=utf-8",
        _ => "application/octet-stream",
    }
}
