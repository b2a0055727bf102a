//! The demo accounts, with billing periods placed around the backend's date so that the demo
//! works on any day, and one demo user for each (README lists their passwords).

use chrono::{Datelike, NaiveDate};
use credit_checkout::period::add_months;
use serde_json::{json, Value};

use crate::store::{AccountRecord, NewUser};

/// The 15th of the month four months before `today`: an anchor day with room on both sides.
fn period_start(today: NaiveDate) -> NaiveDate {
    let index = today.year() * 12 + today.month0() as i32 - 4;
    NaiveDate::from_ymd_opt(index.div_euclid(12), index.rem_euclid(12) as u32 + 1, 15).unwrap_or(today)
}

fn active(today: NaiveDate, term: u32) -> Value {
    let start = period_start(today);
    let end = add_months(start, term).unwrap_or(start);
    json!({ "status": "active", "termMonths": term, "periodStart": start.to_string(), "periodEnd": end.to_string() })
}

/// A Brazilian admin, a US admin, a US member and an account whose subscription expired.
pub fn demo(today: NaiveDate) -> Vec<AccountRecord> {
    let record = |id: &str, name: &str, locale: &str, account: Value| AccountRecord {
        id: id.into(),
        name: name.into(),
        locale: locale.into(),
        account,
        credit_package: Value::Null,
        renewed_until: None,
    };
    vec![
        record(
            "br-admin",
            "Acme Brasil Ltda · admin (BR)",
            "pt-BR",
            json!({ "country": "BR", "plan": "advanced", "seats": 3,
                    "subscription": active(today, 12), "autoRenewal": false }),
        ),
        record(
            "us-admin",
            "Northwind Inc. · admin (US)",
            "en-US",
            json!({ "country": "US", "plan": "advanced", "seats": 1,
                    "subscription": active(today, 12), "autoRenewal": true }),
        ),
        record(
            "us-member",
            "Northwind Inc. · member (US)",
            "en-US",
            json!({ "country": "US", "plan": "advanced", "seats": 1,
                    "subscription": active(today, 12), "autoRenewal": true }),
        ),
        record(
            "expired",
            "Globex LLC · admin, subscription expired (US)",
            "en-US",
            json!({ "country": "US", "plan": "base", "seats": 2,
                    "subscription": { "status": "expired" }, "autoRenewal": false }),
        ),
    ]
}

/// The demo users: `(email, name, password, account, role)`, one per demo account.
pub const DEMO_USERS: [(&str, &str, &str, &str, &str); 4] = [
    ("ana@acme.example", "Ana Souza", "demo-ana", "br-admin", "admin"),
    (
        "bob@northwind.example",
        "Bob Miller",
        "demo-bob",
        "us-admin",
        "admin",
    ),
    (
        "carol@northwind.example",
        "Carol Jones",
        "demo-carol",
        "us-member",
        "member",
    ),
    ("dan@globex.example", "Dan Smith", "demo-dan", "expired", "admin"),
];

/// The demo users with their passwords hashed (argon2: slow on purpose, so run off the async
/// workers).
pub fn demo_users() -> Vec<NewUser> {
    DEMO_USERS
        .iter()
        .map(|(email, name, password, account, role)| NewUser {
            email: (*email).into(),
            name: (*name).into(),
            password_hash: crate::auth::hash_password(password),
            account_id: (*account).into(),
            role: (*role).into(),
        })
        .collect()
}

/// The most load-test accounts `--bench-accounts` seeds.
pub const MAX_BENCH_ACCOUNTS: u32 = 10_000;

/// The password of every load-test user.
pub const BENCH_PASSWORD: &str = "bench-password";

/// `--bench-accounts N` (load tests only, never the demo): accounts `bench-1`..`bench-N`, each a
/// US Advanced subscription with one seat and auto-renewal on with a saved card, so that an order
/// adding a seat changes nothing on it but the seat count; and one admin for each,
/// `bench-I@bench.example` with `BENCH_PASSWORD`. The users share one argon2 hash (one password,
/// hashed once: hashing thousands would hold the start-up for minutes).
pub fn bench(today: NaiveDate, n: u32) -> (Vec<AccountRecord>, Vec<NewUser>) {
    let hash = crate::auth::hash_password(BENCH_PASSWORD);
    (1..=n.min(MAX_BENCH_ACCOUNTS))
        .map(|i| {
            let id = format!("bench-{i}");
            let account = AccountRecord {
                id: id.clone(),
                name: format!("Load test {i} · admin (US)"),
                locale: "en-US".into(),
                account: json!({ "country": "US", "plan": "advanced", "seats": 1,
                                 "subscription": active(today, 12), "autoRenewal": true,
                                 "savedPayment": { "method": "card", "installments": 1 } }),
                credit_package: Value::Null,
                renewed_until: None,
            };
            let user = NewUser {
                email: format!("bench-{i}@bench.example"),
                name: format!("Load test {i}"),
                password_hash: hash.clone(),
                account_id: id,
                role: "admin".into(),
            };
            (account, user)
        })
        .unzip()
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn periods_hold_today_on_any_day() {
        for (y, m, d) in [(2026, 7, 3), (2026, 1, 31), (2027, 12, 14), (2028, 2, 29)] {
            let today = NaiveDate::from_ymd_opt(y, m, d).unwrap();
            for a in demo(today) {
                let sub = &a.account["subscription"];
                if sub["status"] == "active" {
                    let start: NaiveDate = sub["periodStart"].as_str().unwrap().parse().unwrap();
                    let end: NaiveDate = sub["periodEnd"].as_str().unwrap().parse().unwrap();
                    assert!(start <= today && today < end, "{today}: {start}..{end}");
                }
            }
        }
    }
}
