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

/// What one submission was: a load-test account's seat sent three times under one key, ana's
/// renewal under a key of its own, or bob's seat quote under a key of its own.
#[derive(Clone, Copy)]
enum Sent {
    Seat(usize),
    Renewal,
    BobSeat,
}

/// The one order number the 2xx answers of a group of submissions share, or none; every other
/// answer must be one of `refusals` (an error code, or a problem code of a 422).
fn sold(answers: &[(u16, Value)], refusals: &[&str]) -> Option<i64> {
    let mut number = None;
    for (status, body) in answers {
        if *status == 201 {
            let n = body["number"].as_i64().unwrap();
            assert_eq!(*number.get_or_insert(n), n, "one order: {body}");
        } else {
            let code = match status {
                422 => &body["error"]["problems"][0]["code"],
                _ => &body["error"]["code"],
            };
            assert!(refusals.contains(&code.as_str().unwrap_or("")), "{status} {body}");
        }
    }
    number
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn two_hundred_submissions_at_once_across_two_instances() {
    let url = pg::database().await;
    let dir = temp_dir();
    let args = [
        "--database",
        url.as_str(),
        "--order-rate",
        "0",
        "--bench-accounts",
        "40",
    ];
    let servers = Arc::new([start(&dir, &args, None, &[]), start(&dir, &args, None, &[])]);
    // A session made on one instance is good on the other: sessions are in the database.
    let bob = servers[0].sign_in("bob@northwind.example", "demo-bob").await;
    let ana = servers[1].sign_in("ana@acme.example", "demo-ana").await;
    let renewal = renewal_order(&servers[0], &ana).await;
    let bob_seat = seat_order(&servers[1], &bob).await;
    let mut buyers = Vec::new();
    for i in 1..=40 {
        let server = &servers[i % 2];
        let cookie = server
            .sign_in(&format!("bench-{i}@bench.example"), "bench-password")
            .await;
        let body = seat_order(server, &cookie).await;
        buyers.push((cookie, body));
    }
    // 200 submissions let go at once, alternately on each instance: each of 40 accounts' seat
    // three times under one key (a retry, and a double click on the other instance), ana's
    // renewal under 60 keys (one renewal can be sold), bob's one seat quote under 20 keys (the
    // first sold changes the account under the other 19).
    let mut plan = Vec::new();
    for (i, (cookie, body)) in buyers.iter().enumerate() {
        for _ in 0..3 {
            plan.push((Sent::Seat(i), cookie.clone(), format!("seat-{i}"), body.clone()));
        }
    }
    for r in 0..60 {
        plan.push((Sent::Renewal, ana.clone(), format!("renew-{r}"), renewal.clone()));
    }
    for j in 0..20 {
        plan.push((Sent::BobSeat, bob.clone(), format!("bob-{j}"), bob_seat.clone()));
    }
    assert_eq!(plan.len(), 200);
    let gate = Arc::new(tokio::sync::Barrier::new(plan.len()));
    let tasks: Vec<_> = plan
        .into_iter()
        .enumerate()
        .map(|(n, (sent, cookie, key, body))| {
            let (servers, gate) = (Arc::clone(&servers), Arc::clone(&gate));
            tokio::spawn(async move {
                gate.wait().await;
                (sent, post(&servers[n % 2], &cookie, &key, &body).await)
            })
        })
        .collect();
    let (mut seats, mut renewals, mut bob_seats) = (vec![Vec::new(); 40], Vec::new(), Vec::new());
    for task in tasks {
        match task.await.unwrap() {
            (Sent::Seat(i), answer) => seats[i].push(answer),
            (Sent::Renewal, answer) => renewals.push(answer),
            (Sent::BobSeat, answer) => bob_seats.push(answer),
        }
    }
    // One order per key: the three sends of a key answer its one order, or that it is in flight.
    let mut numbers = HashSet::new();
    for answers in &seats {
        let n = sold(answers, &["IDEMPOTENCY_KEY_IN_USE"]).expect("every seat key sold its order");
        assert!(numbers.insert(n));
    }
    // Conflicts on one account: one renewal, one of bob's seats; the rest refused.
    // (ORDER_IN_PROGRESS: while the sold one is being charged.)
    let renewal = sold(
        &renewals,
        &["ALREADY_RENEWED", "FINGERPRINT_MISMATCH", "ORDER_IN_PROGRESS"],
    );
    let bob_seat = sold(&bob_seats, &["FINGERPRINT_MISMATCH", "ORDER_IN_PROGRESS"]);
    let sold_each = |answers: &[(u16, Value)]| answers.iter().filter(|(s, _)| *s == 201).count();
    assert_eq!((sold_each(&renewals), sold_each(&bob_seats)), (1, 1));
    numbers.extend([renewal.unwrap(), bob_seat.unwrap()]);
    assert_eq!(numbers.len(), 42);
    // 42 orders numbered 1..=42, all paid; receipts (no invoice details) 1..=42 as well.
    let stats = pg::query(
        &url,
        "SELECT COUNT(*), MIN(number), MAX(number), COUNT(*) FILTER (WHERE status = 'paid'),
                COUNT(DISTINCT document_number), MAX(document_number) FROM orders",
    )
    .await;
    let row: Vec<&str> = stats[0].iter().map(|c| c.as_deref().unwrap()).collect();
    assert_eq!(row, ["42", "1", "42", "42", "42", "42"]);
    let keyed = count(
        &url,
        "SELECT COUNT(DISTINCT order_number) FROM idempotency_keys WHERE key LIKE 'seat-%'",
    )
    .await;
    assert_eq!(keyed, 40);
    // The account state: each load-test account went from one seat to two, bob gained one
    // seat, ana renewed once (2027-03-15 + 12 months).
    let two_seats = count(
        &url,
        "SELECT COUNT(*) FROM accounts WHERE id LIKE 'bench-%' AND (account::jsonb -> 'seats')::int = 2",
    )
    .await;
    assert_eq!(two_seats, 40);
    let bob_seats = count(
        &url,
        "SELECT (account::jsonb -> 'seats')::bigint FROM accounts WHERE id = 'us-admin'",
    )
    .await;
    assert_eq!(bob_seats, 2);
    let renewed = pg::query(&url, "SELECT renewed_until FROM accounts WHERE id = 'br-admin'").await;
    assert_eq!(renewed[0][0].as_deref(), Some("2028-03-15"));
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
        } else if status == 409
            && ["FINGERPRINT_MISMATCH", "ORDER_IN_PROGRESS"]
                .contains(&body["error"]["code"].as_str().unwrap_or(""))
        {
            from_b += usize::from(i % 2 == 0);
        } else {
            assert_eq!(i % 2, 1, "the instance left running refused {i}: {status} {body}");
            lost += 1;
        }
    }
    // The other instance served all of its share, and more after the kill.
    assert_eq!(from_b, 60);
    assert!(lost > 0, "the kill came after every request");
    // The running instance settles what the killed one left pending within seconds, without a
    // restart (its sweep); until then bob's account answers ORDER_IN_PROGRESS.
    let mut after = (0, Value::Null);
    for attempt in 0..40 {
        let body = seat_order(&b, &bob).await;
        after = post_to(b.port, &bob, &format!("after-{attempt}"), &body).await;
        if after.1["error"]["code"] != "ORDER_IN_PROGRESS" {
            break;
        }
        tokio::time::sleep(Duration::from_millis(500)).await;
    }
    assert_eq!(after.0, 201, "{}", after.1);
    let pending = count(&url, "SELECT COUNT(*) FROM orders WHERE status = 'pending'").await;
    assert_eq!(pending, 0, "settled by the running instance");
    answered.insert(after.1["number"].as_i64().unwrap());
    let paid: HashSet<i64> = pg::query(&url, "SELECT number FROM orders WHERE status = 'paid'")
        .await
        .iter()
        .map(|r| r[0].as_deref().unwrap().parse().unwrap())
        .collect();
    assert!(answered.is_subset(&paid), "answered {answered:?}, paid {paid:?}");
    // A restart finds nothing left to settle.
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
