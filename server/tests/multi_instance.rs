//! Two backend processes on one PostgreSQL database, as behind a load balancer: everything that
//! must happen once happens once across both, and killing one mid-write loses no answered order.

// A failed step is a failed test.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

mod common;

use std::collections::HashSet;
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

/// One more seat for the account: an order that can be bought again and again, each priced on
/// the account its predecessor left.
async fn seat_order(server: &Server, cookie: &str) -> Value {
    let account = server.call("GET", "/api/account", cookie, "", None).await.json();
    let order = json!({
        "asOf": account["today"], "account": account["account"],
        "subscription": { "addSeats": 1 }, "payment": { "method": "card", "installments": 1 }
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

/// A buyer of one seat for bob: each try sends its key to both instances at once (one order per
/// key whichever answers); a try that finds the account changed under its quote (another
/// buyer's seat) prices again on the account as it is now, under a new key. Its order's number.
async fn buy_seat(servers: Arc<[Server; 2]>, bob: String, buyer: usize) -> i64 {
    for attempt in 0..500 {
        let body = seat_order(&servers[attempt % 2], &bob).await;
        let key = format!("k{buyer}-{attempt}");
        let (x, y) = tokio::join!(
            post(&servers[0], &bob, &key, &body),
            post(&servers[1], &bob, &key, &body)
        );
        let mut number = None;
        for (status, answer) in [x, y] {
            match status {
                201 => {
                    let n = answer["number"].as_i64().unwrap();
                    // Both answers of one key are the same order.
                    assert_eq!(*number.get_or_insert(n), n, "{key}");
                }
                409 => {
                    let code = answer["error"]["code"].as_str().unwrap_or("");
                    assert!(
                        ["IDEMPOTENCY_KEY_IN_USE", "FINGERPRINT_MISMATCH"].contains(&code),
                        "{key}: {answer}"
                    );
                }
                other => panic!("{key}: {other} {answer}"),
            }
        }
        if let Some(n) = number {
            return n;
        }
    }
    panic!("buyer {buyer} never bought");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_instances_take_concurrent_orders_once_each() {
    let (url, _dir, a, b) = two_instances().await;
    // A session made on one instance is good on the other: sessions are in the database.
    let bob = a.sign_in("bob@northwind.example", "demo-bob").await;
    let ana = b.sign_in("ana@acme.example", "demo-ana").await;
    let renewal = renewal_order(&b, &ana).await;
    let servers = Arc::new([a, b]);
    // 20 buyers of a seat on one account at once, and 60 renewals of another account under 60
    // keys, half on each instance: only one renewal can be sold.
    let buyers: Vec<_> = (0..20)
        .map(|i| tokio::spawn(buy_seat(Arc::clone(&servers), bob.clone(), i)))
        .collect();
    let renewals: Vec<_> = (0..60)
        .map(|r| {
            let (servers, ana, renewal) = (Arc::clone(&servers), ana.clone(), renewal.clone());
            tokio::spawn(async move { post(&servers[r % 2], &ana, &format!("r{r}"), &renewal).await })
        })
        .collect();
    let mut renewals_sold = 0;
    for task in renewals {
        let (status, body) = task.await.unwrap();
        match status {
            201 => renewals_sold += 1,
            422 => assert_eq!(body["error"]["problems"][0]["code"], "ALREADY_RENEWED", "{body}"),
            409 => assert_eq!(body["error"]["code"], "FINGERPRINT_MISMATCH"),
            other => panic!("{other:?} {body}"),
        }
    }
    assert_eq!(renewals_sold, 1);
    let mut numbers = HashSet::new();
    for task in buyers {
        assert!(numbers.insert(task.await.unwrap()));
    }
    // Each buyer's key made exactly one order.
    assert_eq!(numbers.len(), 20);
    let keyed = count(
        &url,
        "SELECT COUNT(DISTINCT order_number) FROM idempotency_keys WHERE key LIKE 'k%'",
    )
    .await;
    assert_eq!(keyed, 20);
    // 21 orders numbered 1..=21, all paid; receipts (no invoice details) 1..=21 as well.
    let stats = pg::query(
        &url,
        "SELECT COUNT(*), MIN(number), MAX(number), COUNT(*) FILTER (WHERE status = 'paid'),
                COUNT(DISTINCT document_number), MAX(document_number) FROM orders",
    )
    .await;
    let row: Vec<&str> = stats[0].iter().map(|c| c.as_deref().unwrap()).collect();
    assert_eq!(row, ["21", "1", "21", "21", "21", "21"]);
    // The account state: ana renewed once (2027-03-15 + 12 months), and her one order is it.
    let ana_orders = count(&url, "SELECT COUNT(*) FROM orders WHERE account_id = 'br-admin'").await;
    assert_eq!(ana_orders, 1);
    let renewed = pg::query(&url, "SELECT renewed_until FROM accounts WHERE id = 'br-admin'").await;
    assert_eq!(renewed[0][0].as_deref(), Some("2028-03-15"));
    // Every order of bob's was priced on the account its predecessor left: 20 seats more.
    let before = count(
        &url,
        "SELECT (account_before::jsonb -> 'account' -> 'seats')::bigint FROM orders WHERE account_id = 'us-admin' \
         ORDER BY number LIMIT 1",
    )
    .await;
    let seats = count(
        &url,
        "SELECT (account::jsonb -> 'seats')::bigint FROM accounts WHERE id = 'us-admin'",
    )
    .await;
    assert_eq!(seats, before + 20);
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
    let b = Arc::new(b);
    // 120 orders, one every 2.5 ms on average, alternately to each instance, each priced on the
    // account as the running instance shows it (a quote the account outgrew answers 409).
    let tasks: Vec<_> = (0..120u64)
        .map(|i| {
            let port = if i % 2 == 0 { b.port } else { a.port };
            let (bob, b) = (bob.clone(), Arc::clone(&b));
            tokio::spawn(async move {
                tokio::time::sleep(Duration::from_millis(5 * (i / 2))).await;
                let body = seat_order(&b, &bob).await;
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
        } else if status == 409 && body["error"]["code"] == "FINGERPRINT_MISMATCH" {
            from_b += usize::from(i % 2 == 0);
        } else {
            assert_eq!(i % 2, 1, "the instance left running refused {i}: {status} {body}");
            lost += 1;
        }
    }
    // The other instance served all of its share, and more after the kill.
    assert_eq!(from_b, 60);
    assert!(lost > 0, "the kill came after every request");
    let body = seat_order(&b, &bob).await;
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
