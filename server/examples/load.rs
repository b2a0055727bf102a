//! A small HTTP/1.1 load generator for `make bench` (bench/server.sh): N keep-alive connections
//! send the same request for a while, each waiting for its answer before the next; prints one
//! JSON line with requests a second, p50, p99 and errors (any status but 2xx, or a broken
//! connection).
//!
//! `load ADDRS get PATH CONNECTIONS SECONDS` or `load ADDRS orders CONNECTIONS SECONDS`, ADDRS
//! one address or several separated by commas (connection `c` goes to the `c % n`-th). `orders`
//! needs a backend started with `--bench-accounts` at least CONNECTIONS: connection `c` signs in
//! as `bench-{c+1}@bench.example` before the measured seconds, then buys one seat at a time for
//! its own account, each order priced with the crate on the account the last one left (as the
//! page does) and posted with a new Idempotency-Key. Every valid order changes the account, so
//! one account cannot be sold the same order twice: one account per connection.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::sync::Arc;
use std::time::{Duration, Instant};

use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

/// Reads one answer (with a Content-Length) from `s` into `buf`; its status.
async fn answer(s: &mut TcpStream, buf: &mut Vec<u8>) -> Option<(u16, Vec<u8>)> {
    loop {
        if let Some(end) = buf.windows(4).position(|w| w == b"\r\n\r\n") {
            let head = String::from_utf8_lossy(&buf[..end]).to_ascii_lowercase();
            let status = head.split_whitespace().nth(1)?.parse().ok()?;
            let length: usize = head
                .lines()
                .find_map(|l| l.strip_prefix("content-length:"))
                .map_or(0, |v| v.trim().parse().unwrap_or(0));
            if buf.len() >= end + 4 + length {
                let body = buf[end + 4..end + 4 + length].to_vec();
                let rest = buf.split_off(end + 4 + length);
                *buf = rest;
                return Some((status, body));
            }
        }
        let mut chunk = [0u8; 16384];
        let n = s.read(&mut chunk).await.ok()?;
        if n == 0 {
            return None;
        }
        buf.extend_from_slice(&chunk[..n]);
    }
}

async fn once(addr: &str, request: String) -> (u16, String, Vec<u8>) {
    let mut s = TcpStream::connect(addr).await.unwrap();
    s.write_all(request.as_bytes()).await.unwrap();
    let mut buf = Vec::new();
    let mut all = Vec::new();
    s.read_to_end(&mut all).await.unwrap();
    buf.extend_from_slice(&all);
    let text = String::from_utf8_lossy(&buf).to_string();
    let (head, body) = text.split_once("\r\n\r\n").unwrap();
    (
        head.split_whitespace().nth(1).unwrap().parse().unwrap(),
        head.to_owned(),
        body.as_bytes().to_vec(),
    )
}

/// A signed-in load-test user: the session cookie, the accounts' date and the account as the
/// page sees it (`GET /api/account`).
struct Buyer {
    cookie: String,
    today: Value,
    account: Value,
}

/// Signs `email` in on `addr` and reads its account.
async fn sign_in(addr: &str, email: &str, password: &str) -> Buyer {
    let body = json!({ "email": email, "password": password }).to_string();
    // Password checks run one per core: hundreds at once may be told to come back (503).
    let mut tries = 0;
    let (status, head) = loop {
        let (status, head, _) = once(
            addr,
            format!(
                "POST /api/session HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\nContent-Type: application/json\r\n\
                 Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
                body.len()
            ),
        )
        .await;
        tries += 1;
        if status != 503 || tries == 10 {
            break (status, head);
        }
        tokio::time::sleep(Duration::from_secs(1)).await;
    };
    assert_eq!(status, 201, "sign-in of {email}");
    let cookie = head
        .lines()
        .find_map(|l| {
            l.to_ascii_lowercase()
                .starts_with("set-cookie:")
                .then(|| l[11..].trim().to_owned())
        })
        .unwrap();
    let cookie = cookie.split(';').next().unwrap().to_owned();
    let (_, _, body) = once(
        addr,
        format!("GET /api/account HTTP/1.1\r\nHost: {addr}\r\nCookie: {cookie}\r\nConnection: close\r\n\r\n"),
    )
    .await;
    let page: Value = serde_json::from_slice(&body).unwrap();
    Buyer {
        cookie,
        today: page["today"].clone(),
        account: page["account"].clone(),
    }
}

/// One more seat on the buyer's account, priced with the crate as the page does: the body of
/// `POST /api/orders`.
fn seat_order(buyer: &Buyer) -> String {
    let order = json!({
        "asOf": buyer.today, "account": buyer.account,
        "subscription": { "addSeats": 1 }, "payment": { "method": "card", "installments": 1 }
    });
    let quote = credit_checkout::Checkout::default()
        .quote(&credit_checkout::parse_order(&order.to_string()).unwrap())
        .unwrap();
    json!({ "order": order, "fingerprint": quote.fingerprint.to_string() }).to_string()
}

/// What a connection asks again and again.
enum Work {
    Get(String),
    /// Connection `c` is `bench-{c+1}@bench.example`.
    Orders,
}

/// One keep-alive connection to `addr` until `deadline`: each request's latency (µs) and the
/// errors. An order connection buys a seat at a time for its own user, each priced on the
/// account its last order left (seats + 1; the bench accounts change in nothing else).
async fn connection(
    c: usize,
    addr: String,
    work: Arc<Work>,
    mut buyer: Option<Buyer>,
    deadline: Instant,
) -> (Vec<u32>, Vec<u16>) {
    let mut latencies = Vec::new();
    // The status of each answer that was not 2xx (0: the connection broke).
    let mut errors = Vec::new();
    let Ok(mut s) = TcpStream::connect(addr.as_str()).await else {
        return (latencies, vec![0]);
    };
    let _ = s.set_nodelay(true);
    let mut buf = Vec::new();
    // Keys unique across runs: a user's key comes back with its first answer for 24 hours.
    let run = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map_or(0, |d| d.as_nanos());
    let mut i = 0u64;
    while Instant::now() < deadline {
        i += 1;
        let request = match (&*work, &buyer) {
            (Work::Get(path), _) => format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n"),
            (Work::Orders, Some(b)) => {
                let body = seat_order(b);
                format!(
                    "POST /api/orders HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\nCookie: {}\r\n\
                     Content-Type: application/json\r\nIdempotency-Key: bench-{run}-{c}-{i}\r\n\
                     Content-Length: {}\r\n\r\n{body}",
                    b.cookie,
                    body.len()
                )
            }
            (Work::Orders, None) => unreachable!(),
        };
        let started = Instant::now();
        if s.write_all(request.as_bytes()).await.is_err() {
            errors.push(0);
            break;
        }
        match answer(&mut s, &mut buf).await {
            Some((status, _)) if (200..300).contains(&status) => {
                if let Some(b) = &mut buyer {
                    let seats = b.account["seats"].as_u64().unwrap();
                    b.account["seats"] = (seats + 1).into();
                }
            }
            Some((status, _)) => {
                errors.push(status);
                // Read the account again: the next order is priced on what is stored.
                if let Some(b) = &mut buyer {
                    let (_, _, body) = once(
                        &addr,
                        format!(
                            "GET /api/account HTTP/1.1\r\nHost: {addr}\r\nCookie: {}\r\nConnection: close\r\n\r\n",
                            b.cookie
                        ),
                    )
                    .await;
                    b.account = serde_json::from_slice::<Value>(&body).unwrap()["account"].clone();
                }
            }
            None => {
                errors.push(0);
                break;
            }
        }
        latencies.push(u32::try_from(started.elapsed().as_micros()).unwrap_or(u32::MAX));
    }
    (latencies, errors)
}

#[tokio::main]
async fn main() {
    let args: Vec<String> = std::env::args().skip(1).collect();
    let addrs: Vec<String> = args[0].split(',').map(str::to_owned).collect();
    let (work, rest) = match args[1].as_str() {
        "get" => (Work::Get(args[2].clone()), &args[3..]),
        "orders" => (Work::Orders, &args[2..]),
        other => panic!("unknown work {other}: get PATH or orders"),
    };
    let connections: usize = rest[0].parse().unwrap();
    let seconds: u64 = rest[1].parse().unwrap();
    let route = match &work {
        Work::Get(path) => format!("GET {path}"),
        Work::Orders => "POST /api/orders".to_owned(),
    };
    let work = Arc::new(work);
    // Order connections sign in first (argon2 takes its time), outside the measured seconds.
    let mut signed: Vec<Option<Buyer>> = (0..connections).map(|_| None).collect();
    if let Work::Orders = &*work {
        let signing: Vec<_> = (0..connections)
            .map(|c| {
                let addr = addrs[c % addrs.len()].clone();
                tokio::spawn(async move {
                    sign_in(&addr, &format!("bench-{}@bench.example", c + 1), "bench-password").await
                })
            })
            .collect();
        for (slot, task) in signed.iter_mut().zip(signing) {
            *slot = Some(task.await.unwrap());
        }
    }
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let tasks: Vec<_> = signed
        .into_iter()
        .enumerate()
        .map(|(c, buyer)| {
            let (addr, work) = (addrs[c % addrs.len()].clone(), Arc::clone(&work));
            tokio::spawn(connection(c, addr, work, buyer, deadline))
        })
        .collect();
    let mut all = Vec::new();
    let mut errors = std::collections::BTreeMap::<String, u64>::new();
    for t in tasks {
        let (l, e) = t.await.unwrap();
        all.extend(l);
        for status in e {
            *errors.entry(status.to_string()).or_default() += 1;
        }
    }
    all.sort_unstable();
    let pct = |p: f64| {
        all.get(((all.len() as f64 * p) as usize).min(all.len().saturating_sub(1)))
            .copied()
            .unwrap_or(0)
    };
    println!(
        "{}",
        json!({
            "route": route, "instances": addrs.len(),
            "connections": connections, "requests": all.len(),
            "perSecond": (all.len() as f64 / seconds as f64).round(),
            "p50Ms": f64::from(pct(0.50)) / 1000.0, "p99Ms": f64::from(pct(0.99)) / 1000.0,
            "errors": errors.values().sum::<u64>(), "errorStatuses": errors,
        })
    );
}
