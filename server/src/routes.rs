//! The routes and the layers around them: the `Host` allow-list, security headers, compression
//! (of the page's files, done once by its build when it left them compressed beside them),
//! time limits, the body limit (checked against `Content-Length` before anything is read), a
//! concurrency limit, `Origin` checks on unsafe methods, and caching rules for the page's files.

use std::path::Path;
use std::sync::Arc;
use std::time::Duration;

use axum::body::Body;
use axum::extract::{DefaultBodyLimit, Request, State};
use axum::http::header::{CACHE_CONTROL, CONNECTION, CONTENT_TYPE, HOST, ORIGIN, TRANSFER_ENCODING};
use axum::http::{HeaderName, HeaderValue, Method, StatusCode};
use axum::middleware::{self, Next};
use axum::response::Response;
use axum::routing::{get, post, put};
use axum::Router;
use tower::limit::GlobalConcurrencyLimitLayer;
use tower_http::compression::CompressionLayer;
use tower_http::limit::RequestBodyLimitLayer;
use tower_http::services::ServeDir;
use tower_http::set_header::SetResponseHeaderLayer;
use tower_http::timeout::{RequestBodyTimeoutLayer, TimeoutLayer};

use crate::app::{self, error, App, MAX_BODY};
use crate::{auth, billing, orders, payment_methods};

/// The Content Security Policy of every answer: the page's own files only, Wasm compiled from
/// them (`'wasm-unsafe-eval'`), and never in a frame.
pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; \
     img-src 'self' data:; connect-src 'self'; object-src 'none'; base-uri 'none'; \
     form-action 'self'; frame-ancestors 'none'";

/// How long a request may take, in parts.
pub struct Timeouts {
    /// The body, from its first byte to its last.
    pub body: Duration,
    /// The whole request, from its head to the answer.
    pub request: Duration,
}

pub fn router(app: Arc<App>, www: &Path, timeouts: &Timeouts) -> Router {
    let api = Router::new()
        .route(
            "/session",
            get(auth::current).post(auth::sign_in).delete(auth::sign_out),
        )
        .route("/catalog", get(app::catalog))
        .route("/account", get(app::account))
        .route(
            "/account/auto-renewal",
            put(billing::auto_renewal).post(billing::auto_renewal),
        )
        .route("/demo/clock", post(billing::demo_clock))
        .route("/orders", get(app::orders).post(orders::create))
        .route("/orders/{n}", get(app::order))
        .route("/orders/{n}/confirm", post(payment_methods::confirm))
        .route("/payment-methods", post(payment_methods::create))
        .route("/orders/{n}/invoice.pdf", get(app::invoice))
        .fallback(|| async { error(StatusCode::NOT_FOUND, "NOT_FOUND", "no such API route") })
        .layer(middleware::from_fn_with_state(Arc::clone(&app), check_origin))
        .layer(SetResponseHeaderLayer::overriding(
            CACHE_CONTROL,
            HeaderValue::from_static("no-store"),
        ));
    // A file's `.br` or `.gz` beside it (the page's build writes them, at the best setting) is
    // sent as is to a browser that takes that encoding: compressed once, not on every request.
    let files = Router::new()
        .fallback_service(ServeDir::new(www).precompressed_br().precompressed_gzip())
        .layer(middleware::from_fn(cache_rules));
    // Each layer wraps all the ones listed before it: the Host check runs first.
    Router::new()
        .nest("/api", api)
        .merge(files)
        .layer(DefaultBodyLimit::max(MAX_BODY))
        .layer(RequestBodyLimitLayer::new(MAX_BODY))
        .layer(GlobalConcurrencyLimitLayer::new(1024))
        .layer(RequestBodyTimeoutLayer::new(timeouts.body))
        .layer(TimeoutLayer::with_status_code(
            StatusCode::REQUEST_TIMEOUT,
            timeouts.request,
        ))
        .layer(middleware::from_fn(json_errors))
        .layer(CompressionLayer::new().gzip(true).br(true))
        .layer(header("referrer-policy", "same-origin"))
        .layer(header("x-frame-options", "DENY"))
        .layer(header("x-content-type-options", "nosniff"))
        .layer(header("content-security-policy", CSP))
        .layer(middleware::from_fn_with_state(Arc::clone(&app), check_host))
        .layer(middleware::from_fn(check_framing))
        .with_state(app)
}

fn header(name: &'static str, value: &'static str) -> SetResponseHeaderLayer<HeaderValue> {
    SetResponseHeaderLayer::overriding(HeaderName::from_static(name), HeaderValue::from_static(value))
}

/// A body framed two ways (`Content-Length` and `Transfer-Encoding`) is how requests are
/// smuggled past a proxy that reads the other one (RFC 9112 6.3). hyper refuses duplicate,
/// signed and unknown framings itself; given both headers it drops the length, reads the chunks
/// and closes the connection after, so the conflict can no longer be told from a chunked body
/// here. Every body this API takes is small and sent whole, so any `Transfer-Encoding` is
/// refused: 400, and the connection closed.
async fn check_framing(request: Request, next: Next) -> Response {
    if request.headers().contains_key(TRANSFER_ENCODING) {
        let mut r = error(
            StatusCode::BAD_REQUEST,
            "CONTENT_LENGTH_REQUIRED",
            "send the body with a Content-Length (and no Transfer-Encoding)",
        );
        r.headers_mut()
            .insert(CONNECTION, HeaderValue::from_static("close"));
        return r;
    }
    next.run(request).await
}

/// Refuses a `Host` that is not served (DNS rebinding): 421, or 400 without one.
async fn check_host(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let host = request.headers().get(HOST).and_then(|h| h.to_str().ok());
    match host {
        None => error(StatusCode::BAD_REQUEST, "NO_HOST", "the request names no Host"),
        Some(h) if app.policy.hosts.iter().any(|a| a.eq_ignore_ascii_case(h)) => next.run(request).await,
        Some(_) => error(
            StatusCode::MISDIRECTED_REQUEST,
            "UNKNOWN_HOST",
            "this server does not serve that Host",
        ),
    }
}

/// Unsafe methods must come from one of the page's origins (cross-site request forgery).
async fn check_origin(State(app): State<Arc<App>>, request: Request, next: Next) -> Response {
    let safe = matches!(*request.method(), Method::GET | Method::HEAD | Method::OPTIONS);
    let origin = request.headers().get(ORIGIN).and_then(|o| o.to_str().ok());
    if safe || origin.is_some_and(|o| app.policy.origins.iter().any(|a| a.eq_ignore_ascii_case(o))) {
        return next.run(request).await;
    }
    error(
        StatusCode::FORBIDDEN,
        "FOREIGN_ORIGIN",
        "unsafe requests must come from the checkout page's origin",
    )
}

/// Hashed assets (`/assets/name-HASH.ext`, from the bundler) never change: cached for a year;
/// everything else (the page) is revalidated on every load.
async fn cache_rules(request: Request, next: Next) -> Response {
    let hashed = request.uri().path().starts_with("/assets/");
    let mut response = next.run(request).await;
    let value = if hashed && response.status().is_success() {
        "public, max-age=31536000, immutable"
    } else {
        "no-cache"
    };
    response
        .headers_mut()
        .insert(CACHE_CONTROL, HeaderValue::from_static(value));
    response
}

/// Errors the layers and extractors answer in plain text (405, 413, 408, a JSON body that does
/// not parse...) become the API's `{ error: { code, message } }`.
async fn json_errors(request: Request, next: Next) -> Response {
    let response = next.run(request).await;
    let status = response.status();
    let is_json = response
        .headers()
        .get(CONTENT_TYPE)
        .and_then(|t| t.to_str().ok())
        .is_some_and(|t| t.starts_with("application/json"));
    if !(status.is_client_error() || status.is_server_error()) || is_json {
        return response;
    }
    let code = match status {
        StatusCode::NOT_FOUND => "NOT_FOUND",
        StatusCode::METHOD_NOT_ALLOWED => "METHOD_NOT_ALLOWED",
        StatusCode::PAYLOAD_TOO_LARGE => "BODY_TOO_LARGE",
        StatusCode::REQUEST_TIMEOUT => "TIMEOUT",
        StatusCode::UNSUPPORTED_MEDIA_TYPE => "UNSUPPORTED_MEDIA_TYPE",
        s if s.is_client_error() => "BAD_REQUEST",
        _ => "SERVER_ERROR",
    };
    let message = status.canonical_reason().unwrap_or("error").to_lowercase();
    let (mut parts, _) = response.into_parts();
    parts.headers.remove(axum::http::header::CONTENT_LENGTH);
    let body = serde_json::json!({ "error": { "code": code, "message": message } });
    parts.headers.insert(
        CONTENT_TYPE,
        HeaderValue::from_static("application/json; charset=utf-8"),
    );
    Response::from_parts(parts, Body::from(body.to_string()))
}
