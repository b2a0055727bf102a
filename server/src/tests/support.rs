//! A backend over a fresh store (SQLite in a data directory, or a PostgreSQL database of the
//! tests' own cluster) with fixed clocks, and requests through its router.

use std::cell::Cell;
use std::path::PathBuf;
use std::sync::atomic::{AtomicUsize, Ordering};
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::http::{HeaderMap, Request, StatusCode};
use axum::Router;
use chrono::NaiveDate;
use credit_checkout::{parse_order, Checkout};
use http_body_util::BodyExt;
use serde_json::{json, Value};
use tower::ServiceExt;

use crate::app::{order_limiter, App, Policy};
use crate::payment_gateway::Gateway;
use crate::routes::{router, Timeouts};
use crate::{accounts, store::Store};

static DIRS: AtomicUsize = AtomicUsize::new(0);

thread_local! {
    /// The tests' wall clock (seconds), moved by the session tests. Each test runs its routes on
    /// its own thread, so one test's clock never moves another's.
    pub static NOW: Cell<i64> = const { Cell::new(1_000_000) };
}

pub const HOST: &str = "127.0.0.1:8080";
pub const ORIGIN: &str = "http://127.0.0.1:8080";

/// The store a test runs on; each test runs on both (see `both_stores!`).
#[derive(Clone, Copy, Debug, PartialEq)]
pub enum Kind {
    Sqlite,
    Postgres,
}

/// Where a backend keeps its state: the data directory (the SQLite store, the gateway's record,
/// the page) and, on PostgreSQL, the database.
#[derive(Clone)]
pub struct Place {
    pub dir: PathBuf,
    pub database: Option<String>,
}

/// A fresh, empty place for a backend on `kind`.
pub async fn fresh(kind: Kind) -> Place {
    let database = match kind {
        Kind::Sqlite => None,
        Kind::Postgres => Some(super::pg::database().await),
    };
    Place {
        dir: temp_dir(),
        database,
    }
}

pub fn temp_dir() -> PathBuf {
    let n = DIRS.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("credit-checkout-server-test-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    dir
}

pub fn today() -> NaiveDate {
    NaiveDate::from_ymd_opt(2026, 7, 3).unwrap()
}

pub struct TestApp {
    pub app: Arc<App>,
    pub router: Router,
}

pub async fn app_in(place: &Place, order_rate: u32) -> TestApp {
    let dir = place.dir.as_path();
    let store = match &place.database {
        Some(url) => Store::open_postgres(url).await.unwrap(),
        None => Store::open_sqlite(dir).unwrap(),
    };
    let users = tokio::task::spawn_blocking(accounts::demo_users).await.unwrap();
    store.seed(accounts::demo(today()), users).await.unwrap();
    let app = Arc::new(App {
        checkout: Checkout::default(),
        store,
        gateway: Gateway::open(dir).unwrap(),
        today: Some(today()),
        clock: || NaiveDate::from_ymd_opt(2000, 1, 1).unwrap(),
        clock_offset: std::sync::atomic::AtomicI64::new(0),
        demo_clock: true,
        now: || "2026-07-03T12:00:00Z".to_owned(),
        unix_now: || NOW.with(Cell::get),
        policy: Policy {
            hosts: vec![HOST.into()],
            origins: vec![ORIGIN.into()],
            secure_cookies: false,
            session_idle: 3600,
            session_absolute: 8 * 3600,
            key_lifetime: 24 * 3600,
            crash_after_charge: false,
            crash_mid_renewal: false,
        },
        order_limiter: order_limiter(order_rate),
        catalog_json: std::sync::OnceLock::new(),
        sessions: crate::auth::SessionCache::default(),
        sign_ins: crate::auth::SignInGuard::default(),
        held_renewals: std::sync::Mutex::default(),
    });
    let timeouts = Timeouts {
        body: Duration::from_secs(5),
        request: Duration::from_secs(10),
    };
    let www = dir.join("www");
    std::fs::create_dir_all(www.join("assets")).unwrap();
    let router = router(Arc::clone(&app), &www, &timeouts);
    TestApp { app, router }
}

pub async fn new_app(kind: Kind) -> TestApp {
    app_in(&fresh(kind).await, 0).await
}

/// An answer: status, headers and JSON body (null when not JSON).
pub struct Answer {
    pub status: StatusCode,
    pub headers: HeaderMap,
    pub body: Value,
    pub bytes: Vec<u8>,
}

impl Answer {
    pub fn code(&self) -> &str {
        self.body["error"]["code"].as_str().unwrap_or("")
    }

    pub fn header(&self, name: &str) -> Option<&str> {
        self.headers.get(name).and_then(|v| v.to_str().ok())
    }
}

impl TestApp {
    /// Sends a request as the page would (its Host and Origin), with `cookie` and `headers`.
    pub async fn send(&self, req: Request<Body>) -> Answer {
        let response = self.router.clone().oneshot(req).await.unwrap();
        let status = response.status();
        let headers = response.headers().clone();
        let bytes = response.into_body().collect().await.unwrap().to_bytes().to_vec();
        let body = serde_json::from_slice(&bytes).unwrap_or(Value::Null);
        Answer {
            status,
            headers,
            body,
            bytes,
        }
    }

    pub async fn call(&self, method: &str, path: &str, cookie: Option<&str>, body: Option<&Value>) -> Answer {
        let mut req = Request::builder()
            .method(method)
            .uri(path)
            .header("Host", HOST)
            .header("Origin", ORIGIN)
            .header("Content-Type", "application/json");
        if let Some(c) = cookie {
            req = req.header("Cookie", c);
        }
        let body = body.map_or_else(Body::empty, |b| Body::from(b.to_string()));
        self.send(req.body(body).unwrap()).await
    }

    /// Signs in as the demo user of `account`; the session cookie.
    pub async fn sign_in(&self, account: &str) -> String {
        let (email, _, password, _, _) = accounts::DEMO_USERS.iter().find(|u| u.3 == account).unwrap();
        let r = self
            .call(
                "POST",
                "/api/session",
                None,
                Some(&json!({ "email": email, "password": password })),
            )
            .await;
        assert_eq!(r.status, StatusCode::CREATED, "{}", r.body);
        r.header("set-cookie")
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned()
    }

    pub async fn get(&self, path: &str, cookie: &str) -> Answer {
        self.call("GET", path, Some(cookie), None).await
    }

    /// Posts `{ order, fingerprint }` (the page's fingerprint of `order`) with `key`.
    pub async fn submit(&self, cookie: &str, order: &Value, key: &str) -> Answer {
        let fingerprint = self.fingerprint(order);
        self.post_order(
            cookie,
            &json!({ "order": order, "fingerprint": fingerprint }),
            Some(key),
        )
        .await
    }

    pub async fn post_order(&self, cookie: &str, body: &Value, key: Option<&str>) -> Answer {
        let mut req = Request::post("/api/orders")
            .header("Host", HOST)
            .header("Origin", ORIGIN)
            .header("Content-Type", "application/json")
            .header("Cookie", cookie);
        if let Some(k) = key {
            req = req.header("Idempotency-Key", k);
        }
        self.send(req.body(Body::from(body.to_string())).unwrap()).await
    }

    pub fn fingerprint(&self, order: &Value) -> String {
        let quote = self
            .app
            .checkout
            .quote(&parse_order(&order.to_string()).unwrap())
            .unwrap();
        quote.fingerprint.to_string()
    }

    /// The signed-in user's order for Starter, 3 months, priced the way the page prices it.
    pub async fn starter_order(&self, cookie: &str) -> Value {
        let account = self.get("/api/account", cookie).await.body;
        json!({
            "asOf": account["today"], "account": account["account"], "locale": "en-US",
            "creditPackage": { "id": "starter", "months": 3 },
            "payment": { "method": "card", "installments": 1 },
            "invoice": { "companyName": "Northwind Inc.", "country": "US", "address": "1 Main St" }
        })
    }

    /// The signed-in user's order for one more seat, on the account as it is now: unlike a
    /// package (R16: only upgrades), it can be bought again and again.
    pub async fn seat_order(&self, cookie: &str) -> Value {
        let mut order = self.starter_order(cookie).await;
        if let Some(o) = order.as_object_mut() {
            o.remove("creditPackage");
            o.insert("subscription".into(), json!({ "addSeats": 1 }));
        }
        order
    }

    pub async fn renewal_order(&self, cookie: &str) -> Value {
        let a = self.get("/api/account", cookie).await.body;
        json!({ "asOf": a["today"], "account": a["account"], "subscription": { "renew": true },
                "payment": { "method": "card", "installments": 1 } })
    }

    pub async fn order_count(&self, cookie: &str) -> usize {
        let list = self.get("/api/orders?limit=100", cookie).await.body;
        list["orders"].as_array().unwrap().len()
    }
}
