//! Property tests of the invariants: schedules sum to the total, totals add up, cycles are
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
// Test code: a failed expectation should stop the test loudly.
//! contiguous, nothing panics, and fingerprints are stable and sensitive.

use credit_checkout::catalog::DEFAULT_CATALOG_JSON;
use credit_checkout::{parse_order, Checkout, Quote};
use proptest::prelude::*;
use rust_decimal::Decimal;
use serde_json::{json, Value};
use std::str::FromStr;

const PACKAGES: [&str; 9] = [
    "starter",
    "growth",
    "scale",
    "scale_custom",
    "starter",
    "growth",
    "scale",
    "scale_custom",
    "nope",
];

/// A mostly plausible order: some quote, some break a rule.
fn order_strategy() -> impl Strategy<Value = Value> {
    (
        (
            2000i32..2100,
            1u32..=12,
            1u32..=31,
            prop::sample::select(vec![6u32, 12]),
            0u32..175,
        ),
        (
            prop::sample::select(vec![
                "base",
                "advanced",
                "advanced",
                "enterprise",
                "base",
                "advanced",
                "enterprise",
                "gold",
            ]),
            1u32..60,
            any::<bool>(),
            any::<bool>(),
        ),
        (
            prop::sample::select(PACKAGES.to_vec()),
            0u64..200,
            prop_oneof![9 => 3u32..7, 1 => 0u32..16],
            prop::bool::weighted(0.2),
        ),
        (
            prop::sample::select(vec!["BR", "BR", "US"]),
            prop::sample::select(vec!["card", "card", "paypal"]),
            prop_oneof![Just(1u32), 1u32..14],
        ),
        (
            any::<bool>(),
            prop::option::weighted(
                0.3,
                prop::sample::select(vec!["enterprise", "enterprise", "advanced", "gold"]),
            ),
            prop::option::weighted(0.3, 0u32..30),
        ),
    )
        .prop_filter_map(
            "a real start date",
            |(period, account, package, payment, change)| {
                let (y, m, d, term, offset) = period;
                let start = chrono::NaiveDate::from_ymd_opt(y, m, d)?;
                let end = credit_checkout::period::add_months(start, term)?;
                let as_of = start + chrono::Duration::days(i64::from(offset));
                let (plan, seats, auto, with_package) = account;
                let (id, steps, months, renew_only) = package;
                let (country, method, installments) = payment;
                let (renew, upgrade, add) = change;
                let mut order = json!({
                    "asOf": as_of.to_string(),
                    "account": {
                        "country": country, "role": "admin", "plan": plan, "seats": seats,
                        "subscription": { "status": "active", "termMonths": term,
                                          "periodStart": start.to_string(), "periodEnd": end.to_string() },
                        "autoRenewal": auto
                    },
                    "payment": { "method": method, "installments": installments },
                    "locale": "pt-BR"
                });
                if with_package || !renew_only {
                    order["creditPackage"] = json!({ "id": id, "months": months });
                    if id == "scale_custom" {
                        let credits = if steps % 10 == 0 {
                            95_000 + steps * 2_500
                        } else {
                            100_000 + steps * 5_000
                        };
                        order["creditPackage"]["creditsPerMonth"] = json!(credits);
                    }
                }
                if renew_only || upgrade.is_some() || add.is_some() {
                    let mut s = json!({ "renew": renew });
                    if let Some(u) = upgrade {
                        s["upgradeTo"] = json!(u);
                    }
                    if let Some(a) = add {
                        s["addSeats"] = json!(a);
                    }
                    order["subscription"] = s;
                }
                Some(order)
            },
        )
}

fn quote(checkout: &Checkout, order: &Value) -> Option<Quote> {
    let order = parse_order(&order.to_string()).ok()?;
    checkout.quote(&order).ok()
}

/// The written amount (`"12.50"`) read back.
fn dec(s: &(impl std::fmt::Display + ?Sized)) -> Decimal {
    Decimal::from_str(&s.to_string()).expect("decimal")
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(600))]

    #[test]
    fn r9_schedule_sums_to_the_total_and_differs_by_one_cent_at_most(order in order_strategy()) {
        let checkout = Checkout::default();
        if let Some(q) = quote(&checkout, &order) {
            let amounts: Vec<Decimal> = q.installments.schedule.iter().map(|d| dec(&d.amount)).collect();
            prop_assert_eq!(amounts.len() as u32, q.installments.count);
            prop_assert_eq!(amounts.iter().sum::<Decimal>(), dec(&q.total));
            let max = amounts.iter().max().copied().unwrap_or_default();
            let min = amounts.iter().min().copied().unwrap_or_default();
            prop_assert!(max - min <= dec("0.01"));
            prop_assert!(amounts.windows(2).all(|w| w[0] >= w[1]), "larger first");
        }
    }

    #[test]
    fn r8_r13_total_is_subtotal_plus_commission_and_never_negative(order in order_strategy()) {
        let checkout = Checkout::default();
        if let Some(q) = quote(&checkout, &order) {
            let lines: Decimal = q.lines.iter().map(|l| dec(&l.amount)).sum();
            prop_assert_eq!(lines, dec(&q.subtotal));
            prop_assert_eq!(dec(&q.subtotal) + dec(&q.commission), dec(&q.total));
            prop_assert!(dec(&q.total) >= Decimal::ZERO);
            prop_assert!(dec(&q.commission) >= Decimal::ZERO);
            for amount in [&q.subtotal, &q.commission, &q.total] {
                prop_assert_eq!(amount.to_string().split('.').nth(1).map(str::len), Some(2));
            }
        }
    }

    #[test]
    fn r3_cycles_are_contiguous_and_cover_as_of_to_the_package_end(order in order_strategy()) {
        let checkout = Checkout::default();
        if let Some(q) = quote(&checkout, &order) {
            let cycles = &q.credits.cycles;
            prop_assert_eq!(cycles[0].start.to_string(), order["asOf"].as_str().unwrap_or(""));
            prop_assert!(cycles.windows(2).all(|w| w[0].end == w[1].start));
            prop_assert!(cycles.iter().all(|c| c.start < c.end));
            prop_assert_eq!(cycles[0].end, q.credits.next_reset);
            if let Some(p) = &q.credit_package {
                prop_assert_eq!(cycles.len() as u32, p.months);
                prop_assert_eq!(cycles[cycles.len() - 1].end, p.end);
                prop_assert!(p.end.0 <= q.subscription.period_end.0, "ends by the period end");
            } else {
                prop_assert_eq!(cycles.len(), 1);
            }
            prop_assert!(cycles.iter().all(|c| c.total == c.included + c.package));
        }
    }

    #[test]
    fn r15_the_same_order_gives_the_same_fingerprint_and_verifies(order in order_strategy()) {
        let checkout = Checkout::default();
        if let Some(q) = quote(&checkout, &order) {
            let again = quote(&checkout, &order).expect("quotes twice");
            prop_assert_eq!(&q.fingerprint, &again.fingerprint);
            prop_assert_eq!(q.fingerprint.len(), 64);
            let parsed = parse_order(&order.to_string()).expect("order");
            prop_assert!(checkout.verify(&parsed, &q.fingerprint).expect("verify"));
            // A different locale changes display strings only, never the fingerprint.
            let mut english = order.clone();
            english["locale"] = json!("en-US");
            prop_assert_eq!(&quote(&checkout, &english).expect("quote").fingerprint, &q.fingerprint);
        }
    }

    #[test]
    fn r15_a_changed_amount_changes_the_fingerprint(order in order_strategy(), cents in 1u32..500) {
        let checkout = Checkout::default();
        if let Some(q) = quote(&checkout, &order) {
            // Same order, prices raised unevenly (so that upgrade differences change too): a different total must give a different fingerprint.
            let mut catalog: Value = serde_json::from_str(DEFAULT_CATALOG_JSON).expect("catalog");
            for list in ["plans", "creditPackages"] {
                for (i, item) in catalog[list].as_array_mut().expect("list").iter_mut().enumerate() {
                    let key = if list == "plans" { "seatPricePerMonth" } else { "pricePerMonth" };
                    let price = dec(item[key].as_str().expect("price")) + Decimal::new(i64::from(cents) * (i as i64 + 1), 2);
                    item[key] = json!(price.to_string());
                }
            }
            let dearer = Checkout::from_json(&catalog.to_string()).expect("catalog");
            let q2 = quote(&dearer, &order).expect("still quotes");
            prop_assert_ne!(&q.total, &q2.total);
            prop_assert_ne!(&q.fingerprint, &q2.fingerprint);
            let parsed = parse_order(&order.to_string()).expect("order");
            prop_assert!(!checkout.verify(&parsed, &q2.fingerprint).expect("verify"));
        }
    }

    #[test]
    fn no_generated_order_makes_any_call_panic(order in order_strategy(), path in 0usize..40, junk in junk_value()) {
        let checkout = Checkout::default();
        let mut order = order;
        // Replace one value somewhere with junk, to reach the error paths too.
        replace_nth(&mut order, path, junk);
        let text = order.to_string();
        if let Ok(o) = parse_order(&text) {
            let problems = checkout.validate(&o);
            let q = checkout.quote(&o);
            prop_assert_eq!(problems.is_empty(), q.is_ok());
            for p in &problems {
                prop_assert!(!p.message.is_empty());
            }
            let _ = checkout.package_terms(&o);
            let _ = checkout.installment_options(&o);
            let _ = checkout.verify(&o, "00");
        }
    }

    #[test]
    fn no_generated_catalog_makes_any_call_panic(path in 0usize..80, junk in junk_value(), order in order_strategy()) {
        let mut catalog: Value = serde_json::from_str(DEFAULT_CATALOG_JSON).expect("catalog");
        replace_nth(&mut catalog, path, junk);
        match Checkout::from_json(&catalog.to_string()) {
            Ok(checkout) => {
                if let Ok(o) = parse_order(&order.to_string()) {
                    let _ = checkout.quote(&o);
                    let _ = checkout.package_terms(&o);
                    let _ = checkout.installment_options(&o);
                }
            }
            Err(e) => prop_assert!(!e.problems().is_empty()),
        }
    }
}

fn junk_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        any::<u32>().prop_map(Value::from),
        Just(json!(0)),
        Just(json!(-1)),
        Just(json!(1.5)),
        Just(json!(1e308)),
        Just(json!("")),
        Just(json!("79228162514264337593543950335")),
        Just(json!("99999999999999.99")),
        Just(json!("0.00")),
        Just(json!("2026-02-29")),
        Just(json!("9999-12-31")),
        Just(json!([])),
        Just(json!({})),
        ".{0,12}".prop_map(Value::from),
    ]
}

/// Replaces the `n`-th value (depth first, wrapping around) with `junk`.
fn replace_nth(root: &mut Value, n: usize, junk: Value) {
    fn count(v: &Value) -> usize {
        1 + match v {
            Value::Object(m) => m.values().map(count).sum(),
            Value::Array(a) => a.iter().map(count).sum(),
            _ => 0,
        }
    }
    fn walk(v: &mut Value, n: &mut usize, junk: &Value) -> bool {
        if *n == 0 {
            *v = junk.clone();
            return true;
        }
        *n -= 1;
        match v {
            Value::Object(m) => m.values_mut().any(|c| walk(c, n, junk)),
            Value::Array(a) => a.iter_mut().any(|c| walk(c, n, junk)),
            _ => false,
        }
    }
    let total = count(root);
    let mut n = n % total.max(1);
    walk(root, &mut n, &junk);
}

/// The properties above only mean something if many generated orders do quote.
#[test]
fn the_generator_yields_orders_that_quote() {
    use proptest::strategy::ValueTree;
    use proptest::test_runner::TestRunner;
    let checkout = Checkout::default();
    let mut runner = TestRunner::deterministic();
    let strategy = order_strategy();
    let mut quoted = 0;
    let mut with_installments = 0;
    for _ in 0..500 {
        let order = strategy.new_tree(&mut runner).expect("tree").current();
        if let Some(q) = quote(&checkout, &order) {
            quoted += 1;
            if q.installments.count > 1 {
                with_installments += 1;
            }
        }
    }
    assert!(quoted >= 100, "only {quoted} of 500 generated orders quote");
    assert!(
        with_installments >= 20,
        "only {with_installments} quote with installments"
    );
}
