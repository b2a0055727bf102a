//! A renewal run killed in the middle (SPEC R18): the process exits after its first renewal
//! charge, before recording it; the next start settles that order and finishes the run, and
//! every due account is renewed exactly once.
#![allow(clippy::unwrap_used, clippy::indexing_slicing, clippy::panic)]

mod common;

use std::process::{Command, Stdio};

use common::{start, temp_dir};

/// `(account, kind, status)` of every order in the store.
fn orders(dir: &std::path::Path) -> Vec<(String, String, String)> {
    let db = rusqlite::Connection::open(dir.join("checkout.db")).unwrap();
    let mut stmt = db
        .prepare("SELECT account_id, kind, status FROM orders ORDER BY number")
        .unwrap();
    let rows = stmt
        .query_map([], |r| Ok((r.get(0)?, r.get(1)?, r.get(2)?)))
        .unwrap();
    rows.collect::<Result<_, _>>().unwrap()
}

fn renewals_of(all: &[(String, String, String)], account: &str) -> Vec<String> {
    all.iter()
        .filter(|o| o.0 == account && o.1 == "renewal")
        .map(|o| o.2.clone())
        .collect()
}

#[test]
fn a_run_killed_in_the_middle_renews_each_account_once() {
    let dir = temp_dir();
    // Seeded on 2026-07-03: the demo periods run 2026-03-15..2027-03-15.
    drop(start(&dir, &[], None, &[]));
    // On 2027-03-15 two accounts are due with auto-renewal on: the run dies after the first charge.
    let status = Command::new(env!("CARGO_BIN_EXE_credit-checkout-server"))
        .args(["--port", "0", "--today", "2027-03-15", "--data-dir"])
        .arg(&dir)
        .arg("--www")
        .arg(dir.join("www"))
        .env("CREDIT_CHECKOUT_FAULT", "crash-mid-renewal")
        .stdout(Stdio::null())
        .stderr(Stdio::null())
        .status()
        .unwrap();
    assert_eq!(status.code(), Some(70));
    let after_crash = orders(&dir);
    assert_eq!(after_crash.len(), 1, "{after_crash:?}");
    assert_eq!(after_crash[0].2, "pending");

    // Started again the same day, and once more: the start-up run finishes before it listens.
    for _ in 0..2 {
        drop(start(&dir, &["--today", "2027-03-15"], None, &[]));
    }
    let all = orders(&dir);
    for account in ["us-admin", "us-member"] {
        assert_eq!(renewals_of(&all, account), ["paid"], "{account}: {all:?}");
    }
    assert!(renewals_of(&all, "br-admin").is_empty());
    assert_eq!(all.len(), 2, "{all:?}");
}
