//! A small HTTP/1.1 load generator for `make bench` (bench/server.sh): N keep-alive connections
//! send the same request for a while, each waiting for its answer before the next; prints one
//! JSON line with requests a second, p50, p99 and errors (any status but 2xx, or a broken
//! connection).
//!
//! `load ADDR get PATH CONNECTIONS SECONDS` or `load ADDR order EMAIL PASSWORD CONNECTIONS SECONDS`
//! (signs in, prices a Starter order with the crate as the page does, and posts it with a new
//! Idempotency-Key every time).
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

/// Signs in; the session cookie and a signed Starter order body.
async fn order_setup(addr: &str, email: &str, password: &str) -> (String, String) {
    let body = json!({ "email": email, "password": password }).to_string();
    let (status, head, _) = once(
        addr,
        format!(
            "POST /api/session HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\nContent-Type: application/json\r\n\
             Content-Length: {}\r\nConnection: close\r\n\r\n{body}",
            body.len()
        ),
    )
    .await;
    assert_eq!(status, 201, "sign-in");
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
    let account: Value = serde_json::from_slice(&body).unwrap();
    let order = json!({
        "asOf": account["today"], "account": account["account"],
        "creditPackage": { "id": "starter", "months": 3 }, "payment": { "method": "card", "installments": 1 }
    });
    let quote = credit_checkout::Checkout::default()
        .quote(&credit_checkout::parse_order(&order.to_string()).unwrap())
        .unwrap();
    (
        cookie,
        json!({ "order": order, "fingerprint": quote.fingerprint.to_string() }).to_string(),
    )
}

/// One keep-alive connection until `deadline`: each request's latency (µs) and the errors.
async fn connection(
    c: usize,
    shared: Arc<(String, String, String, String)>,
    deadline: Instant,
) -> (Vec<u32>, u64) {
    let (addr, path, cookie, body) = &*shared;
    let mut latencies = Vec::new();
    let mut errors = 0u64;
    let Ok(mut s) = TcpStream::connect(addr.as_str()).await else {
        return (latencies, 1);
    };
    let _ = s.set_nodelay(true);
    let mut buf = Vec::new();
    let mut i = 0u64;
    while Instant::now() < deadline {
        i += 1;
        let request = if body.is_empty() {
            format!("GET {path} HTTP/1.1\r\nHost: {addr}\r\n\r\n")
        } else {
            format!(
                "POST {path} HTTP/1.1\r\nHost: {addr}\r\nOrigin: http://{addr}\r\nCookie: {cookie}\r\n\
                     Content-Type: application/json\r\nIdempotency-Key: bench-{c}-{i}\r\n\
                     Content-Length: {}\r\n\r\n{body}",
                body.len()
            )
        };
        let started = Instant::now();
        if s.write_all(request.as_bytes()).await.is_err() {
            errors += 1;
            break;
        }
        match answer(&mut s, &mut buf).await {
            Some((status, _)) if (200..300).contains(&status) => {}
            Some(_) => errors += 1,
            None => {
                errors += 1;
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
    let addr = args[0].clone();
    let (kind, path, connections, seconds) = match args[1].as_str() {
        "get" => (
            "get",
            args[2].clone(),
            args[3].parse::<usize>().unwrap(),
            args[4].parse::<u64>().unwrap(),
        ),
        _ => (
            "order",
            "/api/orders".to_owned(),
            args[4].parse().unwrap(),
            args[5].parse().unwrap(),
        ),
    };
    let (cookie, body) = if kind == "order" {
        order_setup(&addr, &args[2], &args[3]).await
    } else {
        (String::new(), String::new())
    };
    let shared = Arc::new((addr.clone(), path.clone(), cookie, body));
    let deadline = Instant::now() + Duration::from_secs(seconds);
    let tasks: Vec<_> = (0..connections)
        .map(|c| {
            let shared = Arc::clone(&shared);
            tokio::spawn(connection(c, shared, deadline))
        })
        .collect();
    let mut all = Vec::new();
    let mut errors = 0;
    for t in tasks {
        let (l, e) = t.await.unwrap();
        all.extend(l);
        errors += e;
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
            "route": if kind == "get" { format!("GET {path}") } else { "POST /api/orders".to_owned() },
            "connections": connections, "requests": all.len(),
            "perSecond": (all.len() as f64 / seconds as f64).round(),
            "p50Ms": f64::from(pct(0.50)) / 1000.0, "p99Ms": f64::from(pct(0.99)) / 1000.0, "errors": errors,
        })
    );
}
