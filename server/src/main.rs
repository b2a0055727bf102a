//! The reference backend of credit-checkout: serves the built page, the catalog and the demo
//! accounts, and takes orders, recomputing each quote with the same crate the page runs as Wasm.
//! Payments are simulated (see `payment_gateway`).

mod accounts;
mod app;
#[cfg(test)]
mod app_tests;
mod invoice;
mod payment_gateway;
mod store;

use std::io::Read;
use std::path::PathBuf;
use std::sync::Arc;
use std::time::{SystemTime, UNIX_EPOCH};

use chrono::{DateTime, NaiveDate};
use credit_checkout::Checkout;

use app::{App, Request, Response, MAX_BODY};

const USAGE: &str = "usage: credit-checkout-server [--port 8080] [--data-dir data] [--www www/dist]
                            [--catalog catalog.json] [--today YYYY-MM-DD]";

struct Options {
    port: u16,
    data_dir: PathBuf,
    www: PathBuf,
    catalog: Option<PathBuf>,
    today: Option<NaiveDate>,
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options {
        port: 8080,
        data_dir: "data".into(),
        www: "www/dist".into(),
        catalog: None,
        today: None,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--port" => {
                o.port = value()?
                    .parse()
                    .map_err(|_| "--port takes a number".to_string())?
            }
            "--data-dir" => o.data_dir = value()?.into(),
            "--www" => o.www = value()?.into(),
            "--catalog" => o.catalog = Some(value()?.into()),
            "--today" => {
                o.today = Some(
                    value()?
                        .parse()
                        .map_err(|_| "--today takes YYYY-MM-DD".to_string())?,
                );
            }
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown option {other}\n{USAGE}")),
        }
    }
    Ok(o)
}

fn now() -> DateTime<chrono::Utc> {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    DateTime::from_timestamp(i64::try_from(secs).unwrap_or(0), 0).unwrap_or_default()
}

/// The accounts' date when none is fixed: the backend's UTC date, read on every request.
fn today_utc() -> NaiveDate {
    now().date_naive()
}

fn timestamp() -> String {
    now().format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn main() {
    if let Err(e) = run() {
        eprintln!("credit-checkout-server: {e}");
        std::process::exit(1);
    }
}

fn run() -> Result<(), String> {
    let o = parse_args()?;
    let checkout = match &o.catalog {
        None => Checkout::default(),
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            Checkout::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))?
        }
    };
    let today = o.today.unwrap_or_else(today_utc);
    let store = store::Store::open(&o.data_dir).map_err(|e| format!("{}: {e}", o.data_dir.display()))?;
    store.seed(&accounts::demo(today)).map_err(|e| e.to_string())?;
    let app = Arc::new(App {
        checkout,
        store,
        today: o.today,
        clock: today_utc,
        www: o.www,
        now: timestamp,
    });

    let server = tiny_http::Server::http(("127.0.0.1", o.port)).map_err(|e| e.to_string())?;
    let port = server.server_addr().to_ip().map_or(o.port, |a| a.port());
    let date = if o.today.is_some() {
        format!("fixed at {today}")
    } else {
        format!("today, {today}")
    };
    println!("credit-checkout demo on http://127.0.0.1:{port}/ (accounts' date: {date})");
    let server = Arc::new(server);
    let workers: Vec<_> = (0..8)
        .map(|_| {
            let (server, app) = (Arc::clone(&server), Arc::clone(&app));
            std::thread::spawn(move || {
                for request in server.incoming_requests() {
                    serve(&app, request);
                }
            })
        })
        .collect();
    for w in workers {
        let _ = w.join();
    }
    Ok(())
}

fn header(request: &tiny_http::Request, name: &str) -> Option<String> {
    request
        .headers()
        .iter()
        .find(|h| h.field.as_str().as_str().eq_ignore_ascii_case(name))
        .map(|h| h.value.as_str().to_owned())
}

fn serve(app: &App, mut request: tiny_http::Request) {
    let url = request.url().to_owned();
    let (path, query) = url.split_once('?').unwrap_or((&url, ""));
    let mut body = Vec::new();
    let within = request
        .as_reader()
        .take(MAX_BODY as u64 + 1)
        .read_to_end(&mut body)
        .is_ok_and(|n| n <= MAX_BODY);
    let req = Request {
        method: request.method().as_str().to_owned(),
        path: path.to_owned(),
        query: query.to_owned(),
        content_type: header(&request, "Content-Type"),
        idempotency_key: header(&request, "Idempotency-Key"),
        body: within.then_some(body),
    };
    let response: Response = app.handle(&req);
    let mut out = tiny_http::Response::from_data(response.body).with_status_code(response.status);
    let mut headers = response.headers;
    headers.push(("Content-Type", response.content_type.to_owned()));
    headers.push(("Cache-Control", "no-store".to_owned()));
    for (name, value) in headers {
        if let Ok(h) = tiny_http::Header::from_bytes(name.as_bytes(), value.as_bytes()) {
            out.add_header(h);
        }
    }
    let _ = request.respond(out);
}
