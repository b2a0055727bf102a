//! The backend binary as a child process, and raw HTTP/1.1 over a socket: what a hostile or
//! broken client sends, byte for byte.
// Test support: a failed step is a failed test.
#![allow(dead_code, clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

use std::io::{BufRead, BufReader};
use std::path::{Path, PathBuf};
use std::process::{Child, Command, Stdio};
use std::sync::atomic::{AtomicUsize, Ordering};
use std::time::Duration;

use serde_json::{json, Value};
use tokio::io::{AsyncReadExt, AsyncWriteExt};
use tokio::net::TcpStream;

pub mod pg;

static DIRS: AtomicUsize = AtomicUsize::new(0);

pub fn temp_dir() -> PathBuf {
    let n = DIRS.fetch_add(1, Ordering::SeqCst);
    let dir = std::env::temp_dir().join(format!("credit-checkout-http-{}-{n}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(dir.join("www")).unwrap();
    std::fs::write(
        dir.join("www/index.html"),
        "<!doctype html><title>checkout</title>",
    )
    .unwrap();
    dir
}

pub struct Server {
    pub child: Child,
    pub port: u16,
    pub dir: PathBuf,
    /// What the server printed before its address line.
    pub printed: Vec<String>,
}

impl Drop for Server {
    fn drop(&mut self) {
        let _ = self.child.kill();
        let _ = self.child.wait();
    }
}

/// Starts the backend over `dir`; `nofile` lowers its open-file limit, `env` adds variables.
pub fn start(dir: &Path, args: &[&str], nofile: Option<u32>, env: &[(&str, &str)]) -> Server {
    let bin = env!("CARGO_BIN_EXE_credit-checkout-server");
    let www = dir.join("www");
    let mut all: Vec<String> = ["--port", "0", "--today", "2026-07-03", "--data-dir"]
        .iter()
        .map(|s| (*s).to_owned())
        .collect();
    all.push(dir.display().to_string());
    all.push("--www".into());
    all.push(www.display().to_string());
    all.extend(args.iter().map(|s| (*s).to_owned()));
    let mut command = match nofile {
        Some(n) => {
            let mut c = Command::new("sh");
            c.arg("-c")
                .arg(format!("ulimit -n {n} && exec \"$0\" \"$@\""))
                .arg(bin);
            c
        }
        None => Command::new(bin),
    };
    command.args(&all).stdout(Stdio::piped()).stderr(Stdio::inherit());
    for (k, v) in env {
        command.env(k, v);
    }
    let mut child = command.spawn().unwrap();
    let mut output = BufReader::new(child.stdout.take().unwrap());
    let mut printed = Vec::new();
    let port = loop {
        let mut line = String::new();
        assert!(
            output.read_line(&mut line).unwrap() > 0,
            "the server exited before listening"
        );
        if let Some(rest) = line.split("http://127.0.0.1:").nth(1) {
            break rest.split('/').next().unwrap().parse().unwrap();
        }
        printed.push(line);
    };
    // Whatever it prints later goes nowhere (the pipe stays drained).
    std::thread::spawn(move || std::io::copy(&mut output, &mut std::io::sink()));
    Server {
        child,
        port,
        dir: dir.to_path_buf(),
        printed,
    }
}

impl Server {
    pub fn host(&self) -> String {
        format!("127.0.0.1:{}", self.port)
    }

    pub async fn connect(&self) -> TcpStream {
        TcpStream::connect(("127.0.0.1", self.port)).await.unwrap()
    }

    pub fn alive(&mut self) -> bool {
        self.child.try_wait().unwrap().is_none()
    }

    /// Resident memory of the server, in kB.
    pub fn rss_kb(&self) -> u64 {
        let status = std::fs::read_to_string(format!("/proc/{}/status", self.child.id())).unwrap();
        let line = status.lines().find(|l| l.starts_with("VmRSS:")).unwrap();
        line.split_whitespace().nth(1).unwrap().parse().unwrap()
    }

    /// One request on its own connection (`Connection: close`); the whole answer.
    pub async fn raw(&self, request: &str) -> Reply {
        let mut s = self.connect().await;
        s.write_all(request.as_bytes()).await.unwrap();
        read_reply(&mut s).await
    }

    /// A request as the page sends it: Host, Origin, the session cookie, a JSON body.
    pub async fn call(
        &self,
        method: &str,
        path: &str,
        cookie: &str,
        extra: &str,
        body: Option<&Value>,
    ) -> Reply {
        let body = body.map(Value::to_string).unwrap_or_default();
        let host = self.host();
        self.raw(&format!(
            "{method} {path} HTTP/1.1\r\nHost: {host}\r\nOrigin: http://{host}\r\nCookie: {cookie}\r\n\
             Content-Type: application/json\r\nContent-Length: {}\r\n{extra}Connection: close\r\n\r\n{body}",
            body.len()
        ))
        .await
    }

    pub async fn sign_in(&self, email: &str, password: &str) -> String {
        let r = self
            .call(
                "POST",
                "/api/session",
                "",
                "",
                Some(&json!({ "email": email, "password": password })),
            )
            .await;
        assert_eq!(r.status, 201, "{}", r.text);
        r.header("set-cookie")
            .unwrap()
            .split(';')
            .next()
            .unwrap()
            .to_owned()
    }

    /// The signed-in user's order for Starter, 3 months, with the page's fingerprint.
    pub async fn starter_order(&self, cookie: &str) -> Value {
        let account = self.call("GET", "/api/account", cookie, "", None).await.json();
        let order = json!({
            "asOf": account["today"], "account": account["account"],
            "creditPackage": { "id": "starter", "months": 3 },
            "payment": { "method": "card", "installments": 1 }
        });
        let parsed = credit_checkout::parse_order(&order.to_string()).unwrap();
        let quote = credit_checkout::Checkout::default().quote(&parsed).unwrap();
        json!({ "order": order, "fingerprint": quote.fingerprint.to_string() })
    }
}

pub struct Reply {
    pub status: u16,
    pub head: String,
    pub text: String,
}

impl Reply {
    pub fn header(&self, name: &str) -> Option<&str> {
        self.head.lines().find_map(|l| {
            let (k, v) = l.split_once(':')?;
            k.eq_ignore_ascii_case(name).then(|| v.trim())
        })
    }

    pub fn json(&self) -> Value {
        serde_json::from_str(&self.text).unwrap_or(Value::Null)
    }
}

/// Reads until the server closes (or 10 s pass); an empty reply when it closed at once.
pub async fn read_reply(s: &mut TcpStream) -> Reply {
    let mut bytes = Vec::new();
    let _ = tokio::time::timeout(Duration::from_secs(10), s.read_to_end(&mut bytes)).await;
    parse_reply(&bytes)
}

pub fn parse_reply(bytes: &[u8]) -> Reply {
    let text = String::from_utf8_lossy(bytes);
    let (head, body) = text.split_once("\r\n\r\n").unwrap_or((&text, ""));
    let status = head
        .split_whitespace()
        .nth(1)
        .and_then(|s| s.parse().ok())
        .unwrap_or(0);
    Reply {
        status,
        head: head.to_owned(),
        text: body.to_owned(),
    }
}

/// Reads one keep-alive answer with a Content-Length.
pub async fn read_one(s: &mut TcpStream) {
    let mut buf = Vec::new();
    let mut chunk = [0u8; 8192];
    loop {
        let n = s.read(&mut chunk).await.unwrap();
        assert!(n > 0, "closed");
        buf.extend_from_slice(&chunk[..n]);
        let text = String::from_utf8_lossy(&buf);
        if let Some((head, body)) = text.split_once("\r\n\r\n") {
            let length: usize = head
                .lines()
                .find_map(|l| {
                    l.to_ascii_lowercase()
                        .strip_prefix("content-length:")
                        .map(|v| v.trim().parse().unwrap())
                })
                .unwrap();
            if body.len() >= length {
                return;
            }
        }
    }
}
