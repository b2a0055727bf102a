//! The HTTP layer against hostile and broken clients, over real sockets: each test reproduces a
//! defect of the first backend (a synchronous server with eight workers) and shows it gone.

mod common;

use std::time::{Duration, Instant};

use common::{read_one, read_reply, start, temp_dir, Server};
use tokio::io::AsyncWriteExt;
use tokio::net::TcpStream;

/// `GET /api/catalog` on a new connection: its status and how long it took.
async fn timed_catalog(server: &Server) -> (u16, Duration) {
    let started = Instant::now();
    let host = server.host();
    let r = server
        .raw(&format!(
            "GET /api/catalog HTTP/1.1\r\nHost: {host}\r\nConnection: close\r\n\r\n"
        ))
        .await;
    (r.status, started.elapsed())
}

#[tokio::test]
async fn a_content_length_of_10_to_the_11_is_refused_before_anything_is_read() {
    let mut server = start(&temp_dir(), &[], None, &[]);
    let host = server.host();
    for path in ["/api/orders", "/api/session", "/"] {
        let r = server
            .raw(&format!(
                "POST {path} HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\n\
                 Content-Length: 100000000000\r\n\r\nx"
            ))
            .await;
        assert_eq!(r.status, 413, "{path}: {}", r.head);
    }
    assert!(server.alive());
    assert_eq!(timed_catalog(&server).await.0, 200);
    assert!(server.rss_kb() < 200_000, "{} kB", server.rss_kb());
}

#[tokio::test]
async fn slow_bodies_and_a_client_that_never_reads_stop_nobody_else() {
    let mut server = start(&temp_dir(), &[], None, &[]);
    let host = server.host();
    // Eight clients sending a body a byte every 100 ms...
    let mut slow = Vec::new();
    for _ in 0..8 {
        let mut s = server.connect().await;
        let head = format!(
            "POST /api/session HTTP/1.1\r\nHost: {host}\r\nContent-Type: application/json\r\nContent-Length: 1000\r\n\r\n"
        );
        slow.push(tokio::spawn(async move {
            s.write_all(head.as_bytes()).await.ok()?;
            for _ in 0..40 {
                s.write_all(b" ").await.ok()?;
                tokio::time::sleep(Duration::from_millis(100)).await;
            }
            Some(())
        }));
    }
    // ...and one that pipelines thousands of requests and never reads an answer.
    let mut pipeliner = server.connect().await;
    let request = format!("GET /api/catalog HTTP/1.1\r\nHost: {host}\r\n\r\n");
    let flood = tokio::spawn(async move {
        for _ in 0..20_000 {
            if pipeliner.write_all(request.as_bytes()).await.is_err() {
                break;
            }
        }
        pipeliner
    });
    tokio::time::sleep(Duration::from_millis(300)).await;
    for _ in 0..20 {
        let (status, took) = timed_catalog(&server).await;
        assert_eq!(status, 200);
        assert!(took < Duration::from_secs(1), "answered in {took:?}");
    }
    assert!(server.alive());
    flood.abort();
    for s in slow {
        s.abort();
    }
}

#[tokio::test]
async fn two_thousand_idle_connections_under_a_1024_file_limit_do_not_crash_it() {
    let mut server = start(&temp_dir(), &["--idle-timeout", "2"], Some(1024), &[]);
    let mut idle = Vec::new();
    let mut tries = Vec::new();
    for _ in 0..2000 {
        let port = server.port;
        tries.push(tokio::spawn(async move {
            tokio::time::timeout(Duration::from_secs(2), TcpStream::connect(("127.0.0.1", port))).await
        }));
    }
    for t in tries {
        if let Ok(Ok(Ok(s))) = t.await {
            idle.push(s);
        }
    }
    assert!(idle.len() > 1000, "{} connected", idle.len());
    // The idle ones are closed after 2 s; the server accepts the queued ones and then answers.
    let (status, took) = timed_catalog(&server).await;
    assert_eq!(status, 200);
    assert!(took < Duration::from_secs(20), "answered in {took:?}");
    assert!(server.alive(), "the server died");
    drop(idle);
}

#[tokio::test]
async fn ambiguous_framing_is_refused() {
    let server = start(&temp_dir(), &[], None, &[]);
    let host = server.host();
    let cases = [
        "Content-Length: 5\r\nTransfer-Encoding: chunked",
        "Transfer-Encoding: chunked\r\nContent-Length: 5",
        "Content-Length: 5\r\nContent-Length: 6",
        "Content-Length: +5",
        "Content-Length: -5",
        "Transfer-Encoding: xchunked",
        "Transfer-Encoding: chunked, identity",
        // Refused too: the API takes small bodies, sent whole.
        "Transfer-Encoding: chunked",
    ];
    for framing in cases {
        let r = server
            .raw(&format!(
                "POST /api/session HTTP/1.1\r\nHost: {host}\r\n{framing}\r\n\r\n0\r\n\r\n"
            ))
            .await;
        assert_eq!(r.status, 400, "{framing:?}: {}", r.head);
    }
}

#[tokio::test]
async fn a_1_mb_header_is_refused_with_431_and_memory_stays_flat() {
    let mut server = start(&temp_dir(), &[], None, &[]);
    let host = server.host();
    let before = server.rss_kb();
    for _ in 0..20 {
        let mut s = server.connect().await;
        let head = format!("GET / HTTP/1.1\r\nHost: {host}\r\nX-Big: ");
        let (mut read, mut write) = s.split();
        let send = async {
            write.write_all(head.as_bytes()).await.ok()?;
            for _ in 0..16 {
                write.write_all(&[b'a'; 65_536]).await.ok()?;
            }
            write.write_all(b"\r\n\r\n").await.ok()
        };
        let mut bytes = Vec::new();
        let receive = tokio::time::timeout(
            Duration::from_secs(10),
            tokio::io::AsyncReadExt::read_to_end(&mut read, &mut bytes),
        );
        let _ = tokio::join!(send, receive);
        let r = common::parse_reply(&bytes);
        assert_eq!(r.status, 431, "{}", r.head);
    }
    let grown = server.rss_kb().saturating_sub(before);
    assert!(grown < 16_000, "grew {grown} kB");
    assert!(server.alive());
    assert_eq!(timed_catalog(&server).await.0, 200);
}

#[tokio::test]
async fn keep_alive_requests_are_not_delayed() {
    let server = start(&temp_dir(), &[], None, &[]);
    let host = server.host();
    let mut s = server.connect().await;
    let started = Instant::now();
    for _ in 0..50 {
        s.write_all(format!("GET /api/catalog HTTP/1.1\r\nHost: {host}\r\n\r\n").as_bytes())
            .await
            .unwrap();
        read_one(&mut s).await;
    }
    // Forty-odd milliseconds each (Nagle and delayed ACKs) would take two seconds.
    assert!(
        started.elapsed() < Duration::from_secs(1),
        "{:?}",
        started.elapsed()
    );
}

#[tokio::test]
async fn graceful_shutdown_finishes_the_request_in_flight() {
    let mut server = start(&temp_dir(), &[], None, &[]);
    let host = server.host();
    let mut s = server.connect().await;
    // A request whose body is still coming when the signal arrives.
    let body = r#"{"email":"bob@northwind.example","password":"demo-bob"}"#;
    let head = format!(
        "POST /api/session HTTP/1.1\r\nHost: {host}\r\nOrigin: http://{host}\r\nContent-Type: application/json\r\n\
         Content-Length: {}\r\nConnection: close\r\n\r\n",
        body.len()
    );
    s.write_all(head.as_bytes()).await.unwrap();
    s.write_all(&body.as_bytes()[..10]).await.unwrap();
    tokio::time::sleep(Duration::from_millis(200)).await;
    let pid = i32::try_from(server.child.id()).unwrap();
    assert_eq!(
        std::process::Command::new("kill")
            .arg("-TERM")
            .arg(pid.to_string())
            .status()
            .unwrap()
            .code(),
        Some(0)
    );
    tokio::time::sleep(Duration::from_millis(200)).await;
    s.write_all(&body.as_bytes()[10..]).await.unwrap();
    let r = read_reply(&mut s).await;
    assert_eq!(r.status, 201, "{}", r.head);
    let status = server.child.wait().unwrap();
    assert!(status.success(), "{status:?}");
    assert!(!server.alive());
}
