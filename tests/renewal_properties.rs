//! Property tests of the package change (R16) and the renewal preview (R17): the credit never
//! exceeds the new package's line, a renewal's schedule sums to its total, and a renewal with
//! auto-renewal off is always empty.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use chrono::{Datelike, NaiveDate};
use credit_checkout::input::parse_renewal_request;
use credit_checkout::{parse_order, Checkout};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;

/// The date `months` after `start`'s month on `day`, clamped to the month's end.
fn on_day(start: NaiveDate, months: u32, day: u32) -> NaiveDate {
    let index = start.year() * 12 + start.month0() as i32 + months as i32;
    let (y, m) = (index.div_euclid(12), index.rem_euclid(12) as u32 + 1);
    (1..=day)
        .rev()
        .find_map(|d| NaiveDate::from_ymd_opt(y, m, d))
        .unwrap()
}

/// An active account: a period on its anchor day, `asOf` `offset` days into it, a running
/// package ending on one of its reset dates, a saved payment.
#[allow(clippy::too_many_arguments)]
fn account_and_date(
    (year, month, day, term, offset): (i32, u32, u32, u32, i64),
    (country, seats, auto): (&str, u32, bool),
    (id, credits, cents, end_cycles): (&str, u64, u64, u32),
    (method, installments): (&str, u32),
) -> Option<(Value, NaiveDate)> {
    let start = on_day(NaiveDate::from_ymd_opt(year, month, 1)?, 0, day);
    let end = on_day(start, term, day);
    let period_days = (end - start).num_days();
    let as_of = start + chrono::Duration::days(offset % period_days);
    // The running package ends on a reset date after asOf, by the period end.
    let first_reset = (0..=term).map(|k| on_day(start, k, day)).find(|d| *d > as_of)?;
    let months_left = (0..=term).filter(|k| on_day(start, *k, day) > as_of).count() as u32;
    let package_end = on_day(first_reset, end_cycles % months_left.max(1), day);
    let account = json!({
        "country": country, "role": "admin", "plan": "advanced", "seats": seats,
        "subscription": { "status": "active", "termMonths": term, "periodStart": start.to_string(),
                          "periodEnd": end.to_string(), "anchorDay": day },
        "autoRenewal": auto,
        "creditPackage": { "id": id, "creditsPerMonth": credits,
                           "pricePerMonth": format!("{}.{:02}", cents / 100, cents % 100),
                           "start": start.to_string(), "end": package_end.to_string() },
        "savedPayment": { "method": method, "installments": installments }
    });
    Some((account, as_of))
}

fn period() -> impl Strategy<Value = (i32, u32, u32, u32, i64)> {
    (
        2020i32..2090,
        1u32..=12,
        1u32..=31,
        prop::sample::select(vec![3u32, 6, 12]),
        0i64..400,
    )
}

fn running() -> impl Strategy<Value = (&'static str, u64, u64, u32)> {
    (
        prop::sample::select(vec!["starter", "growth", "scale", "scale_custom", "retired"]),
        prop::sample::select(vec![1u64, 5000, 40000, 50000, 100000, 105000, 150000]),
        1u64..50_000,
        0u32..12,
    )
}

fn saved() -> impl Strategy<Value = (&'static str, u32)> {
    (prop::sample::select(vec!["card", "card", "paypal"]), 1u32..14)
}

fn amount(v: &Value) -> Decimal {
    Decimal::from_str(v.as_str().unwrap()).unwrap()
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// R16: the unused part credited is never more than the new package's line.
    #[test]
    fn r16_the_credit_never_exceeds_the_new_package_line(
        p in period(),
        pkg in running(),
        new_id in prop::sample::select(vec!["starter", "growth", "scale", "scale_custom"]),
        steps in 0u64..40,
        months in 1u32..14,
        prorate in any::<bool>(),
    ) {
        let Some((account, as_of)) = account_and_date(p, ("US", 1, false), pkg, ("card", 1)) else {
            return Ok(());
        };
        let mut catalog: Value = serde_json::from_str(credit_checkout::catalog::DEFAULT_CATALOG_JSON).unwrap();
        if prorate {
            catalog["packageTerm"]["currentCycle"] = json!("prorate");
        }
        let checkout = Checkout::from_json(&catalog.to_string()).unwrap();
        let mut choice = json!({ "id": new_id, "months": months });
        if new_id == "scale_custom" {
            choice["creditsPerMonth"] = json!(100_000 + 5_000 * steps);
        }
        let order = json!({ "asOf": as_of.to_string(), "account": account, "creditPackage": choice,
                            "payment": { "method": "card", "installments": 1 } });
        let order = parse_order(&order.to_string()).unwrap();
        if let Ok(q) = checkout.quote(&order) {
            let q = serde_json::to_value(q).unwrap();
            let lines = q["lines"].as_array().unwrap();
            let line = |kind: &str| lines.iter().find(|l| l["kind"] == kind).map(|l| amount(&l["amount"]));
            if let Some(credit) = line("credit_package_unused") {
                let bought = line("credit_package").unwrap();
                prop_assert!(credit <= Decimal::ZERO);
                prop_assert!(-credit <= bought, "{credit} against {bought}");
                prop_assert!(amount(&q["subtotal"]) >= Decimal::ZERO);
            }
        }
    }

    /// R17: a renewal's schedule sums to its total, one amount per installment, the larger first.
    #[test]
    fn r17_a_renewal_schedule_sums_to_its_total(
        p in period(),
        country in prop::sample::select(vec!["BR", "BR", "US"]),
        seats in 1u32..500,
        pkg in running(),
        pay in saved(),
        at_end in any::<bool>(),
    ) {
        let Some((account, as_of)) = account_and_date(p, (country, seats, true), pkg, pay) else {
            return Ok(());
        };
        let date = if at_end { account["subscription"]["periodEnd"].as_str().unwrap().to_owned() } else { as_of.to_string() };
        let request = parse_renewal_request(&json!({ "asOf": date, "account": account }).to_string()).unwrap();
        let r = serde_json::to_value(Checkout::default().renewal(&request).unwrap()).unwrap();
        let schedule = r["installments"]["schedule"].as_array().unwrap();
        prop_assert_eq!(schedule.len() as u64, r["installments"]["count"].as_u64().unwrap());
        let sum: Decimal = schedule.iter().map(|d| amount(&d["amount"])).sum();
        prop_assert_eq!(sum, amount(&r["total"]));
        let amounts: Vec<Decimal> = schedule.iter().map(|d| amount(&d["amount"])).collect();
        prop_assert!(amounts.windows(2).all(|w| w[0] >= w[1]));
        prop_assert_eq!(r["date"].as_str(), Some(account["subscription"]["periodEnd"].as_str().unwrap()));
    }

    /// R17: with auto-renewal off nothing renews, whatever the account.
    #[test]
    fn r17_renewal_with_auto_renewal_off_is_always_empty(
        p in period(),
        country in prop::sample::select(vec!["BR", "US"]),
        seats in 1u32..500,
        pkg in running(),
        pay in saved(),
    ) {
        let Some((account, as_of)) = account_and_date(p, (country, seats, false), pkg, pay) else {
            return Ok(());
        };
        let request = parse_renewal_request(&json!({ "asOf": as_of.to_string(), "account": account }).to_string()).unwrap();
        let r = serde_json::to_value(Checkout::default().renewal(&request).unwrap()).unwrap();
        prop_assert_eq!(&r["date"], &Value::Null);
        prop_assert_eq!(&r["lines"], &json!([]));
        prop_assert_eq!((&r["subtotal"], &r["commission"], &r["total"]), (&json!("0.00"), &json!("0.00"), &json!("0.00")));
        prop_assert_eq!(&r["installments"]["schedule"], &json!([]));
        prop_assert_eq!(&r["installments"]["count"], &json!(1));
        prop_assert_eq!((&r["subscription"], &r["creditPackage"]), (&Value::Null, &Value::Null));
        prop_assert_eq!(&r["credits"], &json!({ "includedPerMonth": 0, "packagePerMonth": 0, "totalPerMonth": 0 }));
        prop_assert_eq!(&r["notices"][0]["code"], &json!("AUTO_RENEWAL_OFF"));
    }
}
