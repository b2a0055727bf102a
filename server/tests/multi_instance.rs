//! Two backend processes on one PostgreSQL database, as behind a load balancer: everything that
//! must happen once happens once across both, and killing one mid-write loses no answered order.

// A failed step is a failed test.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

mod common;

use std::collections::{HashMap, HashSet};
use std::sync::Arc;
use std::time::Duration;

use common::{pg, start, temp_dir, Server};
use serde_json::{json, Value};
use tokio::io::AsyncWriteExt;

/// Two instances on a fresh database, sharing a data directory (the simulated gateway's record,
/// as a real processor is shared); no per-user order rate limit.
async fn two_instances() -> (String, std::path::PathBuf, Server, Server) {
    let url = pg::database().await;
    let dir = temp_dir();
    let args = ["--database", url.as_str(), "--order-rate", "0"];
    let a = start(&dir, &args, None, &[]);
    let b = start(&dir, &args, None, &[]);
    (url, dir, a, b)
}

/// ana's renewal of her subscription, with the page's fingerprint.
async fn renewal_order(server: &Server, cookie: &str) -> Value {
    let account = server.call("GET", "/api/account", cookie, "", None).await.json();
    let order = json!({
        "asOf": account["today"], "account": account["account"],
        "subscription": { "renew": true }, "payment": { "method": "card", "installments": 1 }
    });
    let parsed = credit_checkout::parse_order(&order.to_string()).unwrap();
    let quote = credit_checkout::Checkout::default().quote(&parsed).unwrap();
    json!({ "order": order, "fingerprint": quote.fingerprint.to_string() })
}

async fn post(server: &Server, cookie: &str, key: &str, body: &Value) -> (u16, Value) {
    let extra = format!("Idempotency-Key: {key}\r\n");
    let r = server
        .call("POST", "/api/orders", cookie, &extra, Some(body))
        .await;
    (r.status, r.json())
}

async fn count(url: &str, sql: &str) -> i64 {
    pg::query(url, sql).await[0][0]
        .as_deref()
        .unwrap()
        .parse()
        .unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_take_200_concurrent_orders_once_each() {
    let (url, _dir, a, b) = two_instances().await;
    // A session made on one instance is good on the other: sessions are in the database.
    let bob = a.sign_in("bob@northwind.example", "demo-bob").await;
    let ana = b.sign_in("ana@acme.example", "demo-ana").await;
    let starter = a.starter_order(&bob).await;
    let renewal = renewal_order(&b, &ana).await;
    let servers = Arc::new([a, b]);
    // 140 submissions of 70 keys (each key sent to both instances at once), and 60 renewals of
    // one account under 60 keys, half on each instance: only one renewal can be sold.
    let mut jobs: Vec<(usize, String, String, Value)> = Vec::new();
    for k in 0..70 {
        for s in 0..2 {
            jobs.push((s, bob.clone(), format!("k{k}"), starter.clone()));
        }
    }
    for r in 0..60 {
        jobs.push((r % 2, ana.clone(), format!("r{r}"), renewal.clone()));
    }
    let tasks: Vec<_> = jobs
        .into_iter()
        .map(|(s, cookie, key, body)| {
            let servers = Arc::clone(&servers);
            tokio::spawn(async move {
                let answer = post(&servers[s], &cookie, &key, &body).await;
                (key, answer)
            })
        })
        .collect();
    let mut numbers: HashMap<String, i64> = HashMap::new();
    let mut renewals_sold = 0;
    for task in tasks {
        let (key, (status, body)) = task.await.unwrap();
        match (key.starts_with('k'), status) {
            (true, 201) => {
                let n = body["number"].as_i64().unwrap();
                // A replay answers the same order.
                assert_eq!(*numbers.entry(key.clone()).or_insert(n), n, "{key}");
            }
            (true, 409) => assert_eq!(body["error"]["code"], "IDEMPOTENCY_KEY_IN_USE"),
            (false, 201) => renewals_sold += 1,
            (false, 422) => assert_eq!(body["error"]["code"], "ALREADY_RENEWED"),
            (false, 409) => assert_eq!(body["error"]["code"], "FINGERPRINT_MISMATCH"),
            other => panic!("{key}: {other:?} {body}"),
        }
    }
    assert_eq!(renewals_sold, 1);
    // Each key made exactly one order, answered 201 at least once.
    assert_eq!(numbers.len(), 70);
    let keyed = count(
        &url,
        "SELECT COUNT(DISTINCT order_number) FROM idempotency_keys WHERE key LIKE 'k%'",
    )
    .await;
    assert_eq!(keyed, 70);
    // 71 orders numbered 1..=71, all paid; receipts (no invoice details) 1..=71 as well.
    let stats = pg::query(
        &url,
        "SELECT COUNT(*), MIN(number), MAX(number), COUNT(*) FILTER (WHERE status = 'paid'),
                COUNT(DISTINCT document_number), MAX(document_number) FROM orders",
    )
    .await;
    let row: Vec<&str> = stats[0].iter().map(|c| c.as_deref().unwrap()).collect();
    assert_eq!(row, ["71", "1", "71", "71", "71", "71"]);
    // The account state: ana renewed once (2027-03-15 + 12 months), and her one order is it.
    let ana_orders = count(&url, "SELECT COUNT(*) FROM orders WHERE account_id = 'br-admin'").await;
    assert_eq!(ana_orders, 1);
    let renewed = pg::query(&url, "SELECT renewed_until FROM accounts WHERE id = 'br-admin'").await;
    assert_eq!(renewed[0][0].as_deref(), Some("2028-03-15"));
    // Every order of bob's was priced on the account its predecessor left: each one's
    // "account before" is the account as the one before it wrote it (here: the same package).
    let chain = count(
        &url,
        "SELECT COUNT(DISTINCT account_before) FROM orders WHERE account_id = 'us-admin' AND number > \
         (SELECT MIN(number) FROM orders WHERE account_id = 'us-admin')",
    )
    .await;
    assert_eq!(chain, 1);
}

/// An order posted to the instance on `port` on its own connection; status 0 when the
/// connection is refused or broken.
async fn post_to(port: u16, cookie: &str, key: &str, body: &Value) -> (u16, Value) {
    let Ok(mut s) = tokio::net::TcpStream::connect(("127.0.0.1", port)).await else {
        return (0, Value::Null);
    };
    let (host, body) = (format!("127.0.0.1:{port}"), body.to_string());
    let request = format!(
        "POST /api/orders HTTP/1.1\r\nHost: {host}\r\nOrigin: http://{host}\r\nCookie: {cookie}\r\n\
         Content-Type: application/json\r\nIdempotency-Key: {key}\r\nContent-Length: {}\r\n\
         Connection: close\r\n\r\n{body}",
        body.len()
    );
    if s.write_all(request.as_bytes()).await.is_err() {
        return (0, Value::Null);
    }
    let r = common::read_reply(&mut s).await;
    (r.status, r.json())
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn killing_one_instance_mid_write_loses_no_answered_order() {
    let (url, dir, mut a, b) = two_instances().await;
    let bob = a.sign_in("bob@northwind.example", "demo-bob").await;
    let body = a.starter_order(&bob).await;
    // 120 orders, one every 2.5 ms on average, alternately to each instance.
    let tasks: Vec<_> = (0..120u64)
        .map(|i| {
            let port = if i % 2 == 0 { b.port } else { a.port };
            let (bob, body) = (bob.clone(), body.clone());
            tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(5 * (i / 2))).await;
                (i, post_to(port, &bob, &format!("s{i}"), &body).await)
            })
        })
        .collect();
    tokio::time::sleep(Duration::from_millis(150)).await;
    // SIGKILL, in the middle of the writes.
    a.child.kill().unwrap();
    a.child.wait().unwrap();
    let mut answered = HashSet::new();
    let (mut from_b, mut lost) = (0, 0);
    for task in tasks {
        let (i, (status, body)) = task.await.unwrap();
        if (200..300).contains(&status) {
            answered.insert(body["number"].as_i64().unwrap());
            from_b += usize::from(i % 2 == 0);
        } else {
            assert_eq!(i % 2, 1, "the instance left running refused {i}: {status} {body}");
            lost += 1;
        }
    }
    // The other instance served all of its share, and more after the kill.
    assert_eq!(from_b, 60);
    assert!(lost > 0, "the kill came after every request");
    let after = post_to(b.port, &bob, "after", &body).await;
    assert_eq!(after.0, 201, "{}", after.1);
    answered.insert(after.1["number"].as_i64().unwrap());
    let paid: HashSet<i64> = pg::query(&url, "SELECT number FROM orders WHERE status = 'paid'")
        .await
        .iter()
        .map(|r| r[0].as_deref().unwrap().parse().unwrap())
        .collect();
    assert!(answered.is_subset(&paid), "answered {answered:?}, paid {paid:?}");
    // A restart settles what the killed instance left pending, from the gateway's record.
    let c = start(
        &dir,
        &["--database", url.as_str(), "--order-rate", "0"],
        None,
        &[],
    );
    let pending = count(&url, "SELECT COUNT(*) FROM orders WHERE status = 'pending'").await;
    assert_eq!(pending, 0);
    let numbers = pg::query(&url, "SELECT COUNT(*), MAX(number) FROM orders").await;
    assert_eq!(numbers[0][0], numbers[0][1], "order numbers are contiguous");
    drop(c);
}
