//! The reference backend of credit-checkout: serves the built page and the catalog, signs users
//! in, and takes their accounts' orders, recomputing each quote with the same crate the page
//! runs as Wasm. Payments are simulated (see `payment_gateway`).

mod accounts;
mod app;
mod auth;
mod billing;
mod invoice;
mod orders;
mod payment_gateway;
mod payment_methods;
mod renewals;
mod routes;
mod serve;
mod settlement;
mod store;
#[cfg(test)]
mod tests;

use std::path::PathBuf;
use std::sync::Arc;
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use chrono::{DateTime, NaiveDate};
use credit_checkout::Checkout;

use app::{App, Policy};

/// mimalloc: every request allocates its JSON on one thread and frees it on another; glibc's
/// allocator spent a third of an order's time doing that under load.
#[global_allocator]
static ALLOCATOR: mimalloc::MiMalloc = mimalloc::MiMalloc;

const USAGE: &str = "usage: credit-checkout-server [--port 8080] [--data-dir data] [--www www/dist]
         [--database postgres://USER@HOST/DB (default: $DATABASE_URL, else SQLite in --data-dir)]
         [--catalog catalog.json] [--today YYYY-MM-DD] [--host NAME[:PORT]]...
         [--public-origin https://shop.example] [--order-rate PER_SECOND (0: no limit)]
         [--idle-timeout SECONDS] [--body-timeout SECONDS]
         [--demo-clock (POST /api/demo/clock moves the date forward)]
         [--bench-accounts N (load tests: accounts bench-1..N, users bench-I@bench.example)]";

struct Options {
    port: u16,
    data_dir: PathBuf,
    database: Option<String>,
    www: PathBuf,
    catalog: Option<PathBuf>,
    today: Option<NaiveDate>,
    hosts: Vec<String>,
    public_origin: Option<String>,
    order_rate: u32,
    idle_timeout: u64,
    body_timeout: u64,
    demo_clock: bool,
    bench_accounts: u32,
}

fn number<T: std::str::FromStr>(flag: &str, value: String) -> Result<T, String> {
    value.parse().map_err(|_| format!("{flag} takes a number"))
}

fn parse_args() -> Result<Options, String> {
    let mut o = Options {
        port: 8080,
        data_dir: "data".into(),
        database: std::env::var("DATABASE_URL").ok().filter(|u| !u.is_empty()),
        www: "www/dist".into(),
        catalog: None,
        today: None,
        hosts: Vec::new(),
        public_origin: None,
        order_rate: 10,
        idle_timeout: 10,
        body_timeout: 10,
        demo_clock: false,
        bench_accounts: 0,
    };
    let mut args = std::env::args().skip(1);
    while let Some(flag) = args.next() {
        let mut value = || args.next().ok_or(format!("{flag} needs a value"));
        match flag.as_str() {
            "--port" => o.port = number(&flag, value()?)?,
            "--data-dir" => o.data_dir = value()?.into(),
            "--database" => o.database = Some(value()?),
            "--www" => o.www = value()?.into(),
            "--catalog" => o.catalog = Some(value()?.into()),
            "--today" => {
                let v = value()?;
                o.today = Some(v.parse().map_err(|_| "--today takes YYYY-MM-DD".to_string())?);
            }
            "--host" => o.hosts.push(value()?),
            "--public-origin" => o.public_origin = Some(value()?.trim_end_matches('/').to_owned()),
            "--order-rate" => o.order_rate = number(&flag, value()?)?,
            "--idle-timeout" => o.idle_timeout = number(&flag, value()?)?,
            "--body-timeout" => o.body_timeout = number(&flag, value()?)?,
            "--demo-clock" => o.demo_clock = true,
            "--bench-accounts" => {
                o.bench_accounts = number(&flag, value()?)?;
                if o.bench_accounts > accounts::MAX_BENCH_ACCOUNTS {
                    return Err(format!(
                        "--bench-accounts is at most {}",
                        accounts::MAX_BENCH_ACCOUNTS
                    ));
                }
            }
            "-h" | "--help" => return Err(USAGE.into()),
            other => return Err(format!("unknown option {other}\n{USAGE}")),
        }
    }
    Ok(o)
}

fn unix_now() -> i64 {
    let secs = SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map_or(0, |d| d.as_secs());
    i64::try_from(secs).unwrap_or(0)
}

/// The accounts' date when none is fixed: the backend's UTC date, read on every request.
fn today_utc() -> NaiveDate {
    DateTime::from_timestamp(unix_now(), 0)
        .unwrap_or_default()
        .date_naive()
}

/// The orders' time stamp of `secs` since the epoch.
fn timestamp_at(secs: i64) -> String {
    let at = DateTime::from_timestamp(secs, 0).unwrap_or_default();
    at.format("%Y-%m-%dT%H:%M:%SZ").to_string()
}

fn timestamp() -> String {
    timestamp_at(unix_now())
}

fn main() {
    let runtime = tokio::runtime::Builder::new_multi_thread().enable_all().build();
    let result = match runtime {
        Ok(rt) => rt.block_on(run()),
        Err(e) => Err(e.to_string()),
    };
    if let Err(e) = result {
        eprintln!("credit-checkout-server: {e}");
        std::process::exit(1);
    }
}

/// Whether the test fault `name` is set (`CREDIT_CHECKOUT_FAULT`).
fn fault(name: &str) -> bool {
    std::env::var("CREDIT_CHECKOUT_FAULT").is_ok_and(|f| f == name)
}

/// Every `Host` the server answers to, and the origins of its page.
fn policy(o: &Options, port: u16) -> Policy {
    let mut hosts: Vec<String> = ["127.0.0.1", "localhost", "[::1]"]
        .iter()
        .flat_map(|h| [format!("{h}:{port}"), (*h).to_owned()])
        .collect();
    hosts.extend(o.hosts.iter().cloned());
    let mut origins: Vec<String> = hosts.iter().map(|h| format!("http://{h}")).collect();
    let secure = o
        .public_origin
        .as_deref()
        .is_some_and(|p| p.starts_with("https://"));
    if let Some(public) = &o.public_origin {
        origins.push(public.clone());
        if let Some(host) = public.split("://").nth(1) {
            hosts.push(host.to_owned());
        }
    }
    Policy {
        hosts,
        origins,
        secure_cookies: secure,
        session_idle: 2 * 3600,
        session_absolute: 12 * 3600,
        key_lifetime: 24 * 3600,
        crash_after_charge: fault("crash-after-charge"),
        crash_mid_renewal: fault("crash-mid-renewal"),
    }
}

async fn run() -> Result<(), String> {
    let o = parse_args()?;
    let checkout = match &o.catalog {
        None => Checkout::default(),
        Some(path) => {
            let text = std::fs::read_to_string(path).map_err(|e| format!("{}: {e}", path.display()))?;
            Checkout::from_json(&text).map_err(|e| format!("{}: {e}", path.display()))?
        }
    };
    let today = o.today.unwrap_or_else(today_utc);
    let dir = o.data_dir.display().to_string();
    // The orders in PostgreSQL when a database is given (any number of instances), else in
    // SQLite in the data directory; the simulated gateway's record stays in the data directory.
    let store = match &o.database {
        Some(url) => store::Store::open_postgres(url)
            .await
            .map_err(|e| format!("database: {e}"))?,
        None => store::Store::open_sqlite(&o.data_dir).map_err(|e| format!("{dir}: {e}"))?,
    };
    let gateway = payment_gateway::Gateway::open(&o.data_dir).map_err(|e| format!("{dir}: {e}"))?;
    let users = tokio::task::spawn_blocking(accounts::demo_users)
        .await
        .map_err(|e| e.to_string())?;
    store
        .seed(accounts::demo(today), users)
        .await
        .map_err(|e| e.to_string())?;
    if o.bench_accounts > 0 {
        let n = o.bench_accounts;
        let (records, users) = tokio::task::spawn_blocking(move || accounts::bench(today, n))
            .await
            .map_err(|e| e.to_string())?;
        store.seed(records, users).await.map_err(|e| e.to_string())?;
    }

    let listener = tokio::net::TcpListener::bind(("127.0.0.1", o.port))
        .await
        .map_err(|e| e.to_string())?;
    let port = listener.local_addr().map_or(o.port, |a| a.port());
    let app = Arc::new(App {
        checkout,
        store,
        gateway,
        today: o.today,
        clock: today_utc,
        clock_offset: std::sync::atomic::AtomicI64::new(0),
        demo_clock: o.demo_clock,
        now: timestamp,
        unix_now,
        policy: policy(&o, port),
        order_limiter: app::order_limiter(o.order_rate),
        catalog_json: std::sync::OnceLock::new(),
        sessions: crate::auth::SessionCache::default(),
        sign_ins: crate::auth::SignInGuard::default(),
        held_renewals: std::sync::Mutex::default(),
    });
    let settled = settlement::settle_pending(&app).await?;
    if settled > 0 {
        println!("settled {settled} order(s) left pending by the last run");
    }
    // The start-up run finishes before the server answers; then one each day.
    let summary = renewals::run(&app).await?;
    if summary != renewals::RunSummary::default() {
        println!("renewal run at start-up: {summary:?}");
    }
    renewals::schedule(Arc::clone(&app));
    let timeouts = routes::Timeouts {
        body: Duration::from_secs(o.body_timeout),
        request: Duration::from_secs(30),
    };
    tokio::spawn(housekeeping(Arc::clone(&app)));
    tokio::spawn(sweeper(Arc::clone(&app)));
    let router = routes::router(app, &o.www, &timeouts);
    let date = if o.today.is_some() {
        format!("fixed at {today}")
    } else {
        format!("today, {today}")
    };
    println!("credit-checkout demo on http://127.0.0.1:{port}/ (accounts' date: {date})");
    let limits = serve::Limits {
        connections: serve::connection_cap(),
        head: Duration::from_secs(o.idle_timeout.max(1)),
        drain: Duration::from_secs(30),
    };
    serve::serve(listener, router, limits, shutdown_signal()).await;
    Ok(())
}

/// Every ten minutes: expired sessions and idempotency keys are deleted (they are refused
/// anyway; this keeps the tables small).
async fn housekeeping(app: Arc<App>) {
    let mut every = tokio::time::interval(Duration::from_secs(600));
    loop {
        every.tick().await;
        let (now, p) = ((app.unix_now)(), &app.policy);
        let forgotten = app
            .store
            .forget_expired(
                now - p.session_idle,
                now - p.session_absolute,
                now - p.key_lifetime,
            )
            .await;
        if let Err(e) = forgotten {
            eprintln!("credit-checkout-server: housekeeping: {e}");
        }
    }
}

/// Every few seconds: the orders no request will settle (`settlement::sweep`): those of stopped
/// instances, and those still `pending` after the confirmation time; then the renewal runs that
/// pending orders held.
async fn sweeper(app: Arc<App>) {
    let mut every = tokio::time::interval(Duration::from_secs(5));
    loop {
        every.tick().await;
        let created_before = timestamp_at(unix_now() - settlement::CONFIRMATION_MINUTES * 60);
        match settlement::sweep(&app, created_before).await {
            Ok(0) => {}
            Ok(n) => println!("settled {n} order(s) no request was settling"),
            Err(e) => eprintln!("credit-checkout-server: settling: {e}"),
        }
        app.sign_ins.forget_idle();
        match renewals::retry_held(&app).await {
            Ok(summary) if summary.renewed + summary.declined > 0 => {
                println!("renewal run, after a pending order was settled: {summary:?}");
            }
            Ok(_) => {}
            Err(e) => eprintln!("credit-checkout-server: renewal run: {e}"),
        }
    }
}

/// Ctrl-C or SIGTERM.
async fn shutdown_signal() {
    let mut term = tokio::signal::unix::signal(tokio::signal::unix::SignalKind::terminate()).ok();
    tokio::select! {
        _ = tokio::signal::ctrl_c() => {}
        _ = async { match term.as_mut() { Some(t) => { t.recv().await; } None => std::future::pending().await } } => {}
    }
}
