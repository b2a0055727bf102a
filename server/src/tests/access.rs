//! Who may reach what: sessions (sign-in, sign-out, expiry), the account scope, `Host` and
//! `Origin` checks, pages of orders, the order rate limit, error answers and the page's files.

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::json;

use super::support::{app_in, fresh, new_app, Kind, HOST, NOW, ORIGIN};

async fn the_catalog_is_public_and_everything_else_needs_a_session(kind: Kind) {
    let t = new_app(kind).await;
    let catalog = t.call("GET", "/api/catalog", None, None).await;
    assert_eq!(catalog.body["version"], "example-2026-11");
    for path in [
        "/api/account",
        "/api/orders",
        "/api/orders/1",
        "/api/orders/1/invoice.pdf",
        "/api/session",
    ] {
        let r = t.call("GET", path, None, None).await;
        assert_eq!(
            (r.status, r.code()),
            (StatusCode::UNAUTHORIZED, "UNAUTHENTICATED"),
            "{path}"
        );
    }
    let r = t
        .call("POST", "/api/orders", Some("session=forged"), Some(&json!({})))
        .await;
    assert_eq!(r.status, StatusCode::UNAUTHORIZED);
}

async fn signing_in_and_out(kind: Kind) {
    let t = new_app(kind).await;
    let wrong = json!({ "email": "bob@northwind.example", "password": "demo-ana" });
    let r = t.call("POST", "/api/session", None, Some(&wrong)).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::UNAUTHORIZED, "INVALID_CREDENTIALS")
    );
    assert!(r.header("set-cookie").is_none());
    let nobody = json!({ "email": "nobody@example.com", "password": "demo-ana" });
    assert_eq!(
        t.call("POST", "/api/session", None, Some(&nobody)).await.code(),
        "INVALID_CREDENTIALS"
    );

    let right = json!({ "email": "Bob@Northwind.example", "password": "demo-bob" });
    let r = t.call("POST", "/api/session", None, Some(&right)).await;
    let cookie = r.header("set-cookie").unwrap().to_owned();
    assert!(cookie.contains("HttpOnly") && cookie.contains("SameSite=Strict") && cookie.contains("Path=/"));
    assert!(!cookie.contains("Secure"), "no TLS here: {cookie}");
    let session = cookie.split(';').next().unwrap();
    // The id is 32 random bytes; the store keeps only its hash.
    assert_eq!(session.len(), "session=".len() + 64);
    let me = t.get("/api/session", session).await.body;
    assert_eq!(
        (me["user"]["email"].as_str(), me["user"]["role"].as_str()),
        (Some("bob@northwind.example"), Some("admin"))
    );
    let account = t.get("/api/account", session).await.body;
    assert_eq!(
        (account["id"].as_str(), account["today"].as_str()),
        (Some("us-admin"), Some("2026-07-03"))
    );

    let out = t.call("DELETE", "/api/session", Some(session), None).await;
    assert_eq!(out.status, StatusCode::NO_CONTENT);
    assert!(out.header("set-cookie").unwrap().contains("Max-Age=0"));
    assert_eq!(
        t.get("/api/account", session).await.status,
        StatusCode::UNAUTHORIZED
    );
}

async fn sessions_expire_when_idle_and_after_their_lifetime(kind: Kind) {
    let t = new_app(kind).await;
    let start = NOW.with(|n| n.get());
    let s = t.sign_in("us-admin").await;
    // Used every 50 minutes (idle limit 1 h) it lives, up to its 8 hours.
    for i in 1..=9 {
        NOW.with(|n| n.set(start + i * 3000));
        assert_eq!(
            t.get("/api/account", &s).await.status,
            StatusCode::OK,
            "after {}s",
            i * 3000
        );
    }
    NOW.with(|n| n.set(start + 8 * 3600 + 1));
    assert_eq!(t.get("/api/account", &s).await.status, StatusCode::UNAUTHORIZED);
    let s = t.sign_in("us-admin").await;
    NOW.with(|n| n.set(start + 8 * 3600 + 3602));
    assert_eq!(t.get("/api/account", &s).await.status, StatusCode::UNAUTHORIZED);
    // Housekeeping forgets expired sessions: a live one stays.
    let live = t.sign_in("us-admin").await;
    let now = NOW.with(|n| n.get());
    t.app
        .store
        .forget_expired(now - 3600, now - 8 * 3600, now - 86_400)
        .await
        .unwrap();
    assert_eq!(t.get("/api/account", &live).await.status, StatusCode::OK);
    NOW.with(|n| n.set(start));
}

async fn a_foreign_host_or_origin_is_refused(kind: Kind) {
    let t = new_app(kind).await;
    let s = t.sign_in("us-admin").await;
    let request = |host: Option<&str>, origin: Option<&str>| {
        let mut r = Request::post("/api/orders")
            .header("Content-Type", "application/json")
            .header("Cookie", &s);
        if let Some(h) = host {
            r = r.header("Host", h);
        }
        if let Some(o) = origin {
            r = r.header("Origin", o);
        }
        r.header("Idempotency-Key", "k").body(Body::from("{}")).unwrap()
    };
    let r = t.send(request(Some("attacker.example"), Some(ORIGIN))).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::MISDIRECTED_REQUEST, "UNKNOWN_HOST")
    );
    assert_eq!(
        t.send(request(None, Some(ORIGIN))).await.status,
        StatusCode::BAD_REQUEST
    );
    let r = t
        .send(request(Some(HOST), Some("https://attacker.example")))
        .await;
    assert_eq!((r.status, r.code()), (StatusCode::FORBIDDEN, "FOREIGN_ORIGIN"));
    assert_eq!(
        t.send(request(Some(HOST), None)).await.status,
        StatusCode::FORBIDDEN
    );
    // The page's own origin gets through to the order checks.
    assert_eq!(
        t.send(request(Some(HOST), Some(ORIGIN))).await.code(),
        "INVALID_BODY"
    );
}

async fn orders_come_a_page_at_a_time(kind: Kind) {
    let t = new_app(kind).await;
    let bob = t.sign_in("us-admin").await;
    for i in 0..5 {
        let order = t.seat_order(&bob).await;
        assert_eq!(
            t.submit(&bob, &order, &format!("p{i}")).await.status,
            StatusCode::CREATED
        );
    }
    let first = t.get("/api/orders?limit=2", &bob).await.body;
    let numbers = |v: &serde_json::Value| {
        v["orders"]
            .as_array()
            .unwrap()
            .iter()
            .map(|o| o["number"].as_i64().unwrap())
            .collect::<Vec<_>>()
    };
    assert_eq!((numbers(&first), first["next"].as_str()), (vec![5, 4], Some("4")));
    let second = t.get("/api/orders?limit=2&cursor=4", &bob).await.body;
    assert_eq!(
        (numbers(&second), second["next"].as_str()),
        (vec![3, 2], Some("2"))
    );
    let last = t.get("/api/orders?limit=2&cursor=2", &bob).await.body;
    assert_eq!((numbers(&last), last["next"].as_str()), (vec![1], None));
    for bad in ["limit=0", "limit=101", "limit=x", "cursor=x"] {
        let r = t.get(&format!("/api/orders?{bad}"), &bob).await;
        assert_eq!(r.status, StatusCode::BAD_REQUEST, "{bad}");
    }
    assert_eq!(numbers(&t.get("/api/orders?limit=100", &bob).await.body).len(), 5);
}

async fn orders_are_rate_limited_per_user(kind: Kind) {
    let t = app_in(&fresh(kind).await, 1).await;
    let bob = t.sign_in("us-admin").await;
    let ana = t.sign_in("br-admin").await;
    // One a second in bursts of two: the third at once waits.
    let order = t.seat_order(&bob).await;
    assert_eq!(t.submit(&bob, &order, "a").await.status, StatusCode::CREATED);
    let order = t.seat_order(&bob).await;
    assert_eq!(t.submit(&bob, &order, "b").await.status, StatusCode::CREATED);
    let r = t.submit(&bob, &t.seat_order(&bob).await, "c").await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::TOO_MANY_REQUESTS, "TOO_MANY_ORDERS")
    );
    assert!(r.header("retry-after").unwrap().parse::<u64>().unwrap() >= 1);
    // Another user is not slowed down.
    assert_eq!(
        t.submit(&ana, &t.renewal_order(&ana).await, "a").await.status,
        StatusCode::CREATED
    );
}

async fn every_error_path_answers_json(kind: Kind) {
    let t = new_app(kind).await;
    let bob = t.sign_in("us-admin").await;
    let order = t.starter_order(&bob).await;
    let fingerprint = t.fingerprint(&order);
    let raw = |body: &str, ctype: &str| {
        Request::post("/api/orders")
            .header("Host", HOST)
            .header("Origin", ORIGIN)
            .header("Cookie", &bob)
            .header("Content-Type", ctype)
            .header("Idempotency-Key", format!("raw-{}-{ctype}", body.len()))
            .body(Body::from(body.to_owned()))
            .unwrap()
    };
    let cases = [
        (
            raw("{ not json", "application/json"),
            StatusCode::BAD_REQUEST,
            "MALFORMED_JSON",
        ),
        (
            raw(r#"{ "order": {} }"#, "application/json"),
            StatusCode::BAD_REQUEST,
            "INVALID_BODY",
        ),
        (
            raw(&"x".repeat(70_000), "application/json"),
            StatusCode::PAYLOAD_TOO_LARGE,
            "BODY_TOO_LARGE",
        ),
        (
            raw("{}", "text/plain"),
            StatusCode::UNSUPPORTED_MEDIA_TYPE,
            "UNSUPPORTED_MEDIA_TYPE",
        ),
    ];
    for (request, status, code) in cases {
        let r = t.send(request).await;
        assert_eq!((r.status, r.code()), (status, code));
    }
    // The order names no account: the session says whose it is.
    let named = json!({ "accountId": "br-admin", "order": order, "fingerprint": fingerprint });
    assert_eq!(
        t.post_order(&bob, &named, Some("named")).await.code(),
        "INVALID_BODY"
    );
    let mut bad = order.clone();
    bad["creditPackage"]["months"] = json!(2);
    let body = json!({ "order": bad, "fingerprint": fingerprint });
    let r = t.post_order(&bob, &body, Some("bad")).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::UNPROCESSABLE_ENTITY, "INVALID_ORDER")
    );
    assert_eq!(r.body["error"]["problems"][0]["code"], "PACKAGE_TERM_TOO_SHORT");
    let mut typo = order.clone();
    typo["payment"]["installment"] = json!(7);
    let body = json!({ "order": typo, "fingerprint": fingerprint });
    let r = t.post_order(&bob, &body, Some("typo")).await;
    assert_eq!(r.body["error"]["problems"][0]["field"], "payment.installment");

    let r = t.call("DELETE", "/api/orders", Some(&bob), None).await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::METHOD_NOT_ALLOWED, "METHOD_NOT_ALLOWED")
    );
    assert_eq!(r.header("allow"), Some("GET,HEAD,POST"));
    assert_eq!(
        t.call("POST", "/api/catalog", None, None).await.status,
        StatusCode::METHOD_NOT_ALLOWED
    );
    for path in [
        "/api/nothing",
        "/api/orders/99",
        "/api/orders/x/invoice.pdf",
        "/../Cargo.toml",
        "/missing.js",
    ] {
        let r = t.get(path, &bob).await;
        assert_eq!(
            (r.status, r.code().is_empty()),
            (StatusCode::NOT_FOUND, false),
            "{path}"
        );
    }
    assert_eq!(t.order_count(&bob).await, 0);
}

async fn the_page_is_revalidated_hashed_assets_are_immutable_and_both_compress(kind: Kind) {
    let place = fresh(kind).await;
    let t = app_in(&place, 0).await;
    let page = format!("<!doctype html><title>x</title>{}", "<p>text</p>".repeat(100));
    std::fs::write(place.dir.join("www/index.html"), &page).unwrap();
    std::fs::write(
        place.dir.join("www/assets/index-AbC123.js"),
        "export const x = 1;\n".repeat(100),
    )
    .unwrap();
    let get = |path: &str, encoding: &str| {
        Request::get(path)
            .header("Host", HOST)
            .header("Accept-Encoding", encoding)
            .body(Body::empty())
            .unwrap()
    };
    let r = t.send(get("/", "identity")).await;
    assert_eq!(
        (r.status, r.header("cache-control")),
        (StatusCode::OK, Some("no-cache"))
    );
    assert_eq!(r.bytes, page.as_bytes());
    let csp = r.header("content-security-policy").unwrap();
    assert!(
        csp.contains("'wasm-unsafe-eval'") && csp.contains("frame-ancestors 'none'"),
        "{csp}"
    );
    assert_eq!(r.header("x-content-type-options"), Some("nosniff"));
    let r = t.send(get("/assets/index-AbC123.js", "br")).await;
    assert_eq!(
        r.header("cache-control"),
        Some("public, max-age=31536000, immutable")
    );
    assert_eq!(r.header("content-encoding"), Some("br"));
    assert!(r.bytes.len() < 200, "{} bytes", r.bytes.len());
    // A file compressed beside it is sent as it is, in the encoding asked for.
    std::fs::write(place.dir.join("www/assets/index-AbC123.js.br"), b"brotli bytes").unwrap();
    let r = t.send(get("/assets/index-AbC123.js", "gzip, br")).await;
    assert_eq!(
        (r.header("content-encoding"), r.bytes.as_slice()),
        (Some("br"), b"brotli bytes".as_slice())
    );
    assert_eq!(r.header("content-type"), Some("text/javascript"));
    let r = t.send(get("/assets/index-AbC123.js", "gzip")).await;
    assert_eq!(r.header("content-encoding"), Some("gzip"));
    assert!(
        r.bytes.len() < 200 && r.bytes.starts_with(&[0x1f, 0x8b]),
        "compressed on the way"
    );
    let r = t.send(get("/api/catalog", "gzip")).await;
    assert_eq!(
        (r.header("content-encoding"), r.header("cache-control")),
        (Some("gzip"), Some("no-store"))
    );
}

async fn sign_in_attempts_are_limited_per_email(kind: Kind) {
    let t = new_app(kind).await;
    let attempt = |email: &str, password: &str| {
        let body = json!({ "email": email, "password": password });
        let t = &t;
        async move { t.call("POST", "/api/session", None, Some(&body)).await }
    };
    // 20 guesses at once are answered (wrong password); the 21st is not checked at all, even
    // with the right password, and says when to come back.
    for guess in 0..20 {
        let r = attempt("ana@acme.example", &format!("guess-{guess}")).await;
        assert_eq!(
            (r.status, r.code()),
            (StatusCode::UNAUTHORIZED, "INVALID_CREDENTIALS")
        );
    }
    let r = attempt("ANA@acme.example", "demo-ana").await;
    assert_eq!(
        (r.status, r.code()),
        (StatusCode::TOO_MANY_REQUESTS, "TOO_MANY_SIGN_INS")
    );
    // 10 a minute come back: the next in about 6 seconds.
    let wait: u64 = r.header("retry-after").unwrap().parse().unwrap();
    assert!((1..=7).contains(&wait), "{wait}");
    // An email longer than any real one is wrong credentials, never a key of the table.
    let long = format!("{}@acme.example", "a".repeat(300));
    assert_eq!(attempt(&long, "demo-ana").await.code(), "INVALID_CREDENTIALS");
    // Another email is not held back.
    assert_eq!(
        attempt("bob@northwind.example", "demo-bob").await.status,
        StatusCode::CREATED
    );
}

both_stores!(
    the_catalog_is_public_and_everything_else_needs_a_session,
    signing_in_and_out,
    sessions_expire_when_idle_and_after_their_lifetime,
    a_foreign_host_or_origin_is_refused,
    orders_come_a_page_at_a_time,
    orders_are_rate_limited_per_user,
    sign_in_attempts_are_limited_per_email,
    every_error_path_answers_json,
    the_page_is_revalidated_hashed_assets_are_immutable_and_both_compress,
);
