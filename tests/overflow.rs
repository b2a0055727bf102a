//! R13 overflow: amounts near the limits, seats and months at their maxima give AMOUNT_OVERFLOW
//! or the exact result (checked against integer arithmetic in cents), never a wrap or a panic.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use credit_checkout::catalog::DEFAULT_CATALOG_JSON;
use credit_checkout::{parse_order, Checkout, ErrorCode, Quote};
use proptest::prelude::*;
use serde_json::{json, Value};

/// The library's limit, in cents: 10^15 currency units.
const MAX_CENTS: i128 = 100_000_000_000_000_000;

fn checkout_with(edit: impl FnOnce(&mut Value)) -> Checkout {
    let mut catalog: Value = serde_json::from_str(DEFAULT_CATALOG_JSON).unwrap();
    edit(&mut catalog);
    Checkout::from_json(&catalog.to_string()).unwrap()
}

/// The written amount (`"12.50"`) in cents.
fn cents(amount: &(impl std::fmt::Display + ?Sized)) -> i128 {
    let amount = amount.to_string();
    let (units, fraction) = amount.split_once('.').unwrap();
    units.parse::<i128>().unwrap() * 100 + fraction.parse::<i128>().unwrap()
}

fn price(cents: i128) -> String {
    format!("{}.{:02}", cents / 100, cents % 100)
}

/// Half away from zero, for non-negative numerators.
fn div_round(num: i128, den: i128) -> i128 {
    (2 * num + den) / (2 * den)
}

fn quote(checkout: &Checkout, order: &Value) -> Result<Quote, ErrorCode> {
    checkout
        .quote(&parse_order(&order.to_string()).unwrap())
        .map_err(|e| e.code())
}

fn new_subscription(seats: u32, term: u32) -> Value {
    json!({
        "asOf": "2026-07-03",
        "account": { "country": "BR", "role": "admin", "plan": "base", "seats": 1,
                     "subscription": { "status": "none" }, "autoRenewal": false },
        "newSubscription": { "plan": "enterprise", "seats": seats, "termMonths": term },
        "payment": { "method": "card", "installments": 1 }
    })
}

/// An active subscription of `term` months at the largest seat count, with `change`.
fn active(seats: u32, term: u32, change: Value) -> Value {
    let end =
        credit_checkout::period::add_months(chrono::NaiveDate::from_ymd_opt(2026, 1, 15).unwrap(), term)
            .unwrap();
    json!({
        "asOf": "2026-07-03",
        "account": { "country": "BR", "role": "admin", "plan": "base", "seats": seats,
                     "subscription": { "status": "active", "termMonths": term,
                                       "periodStart": "2026-01-15", "periodEnd": end.to_string() },
                     "autoRenewal": false },
        "subscription": change,
        "payment": { "method": "card", "installments": 12 }
    })
}

#[test]
fn r13_seats_and_months_at_their_maxima_are_exact() {
    // 120-month term, 1,000,000 seats on Base (15.00), upgraded to Enterprise (45.00) with 10,000
    // more seats, renewed: every line against integer arithmetic.
    let checkout = Checkout::default();
    let order = active(
        1_000_000,
        120,
        json!({ "renew": true, "upgradeTo": "enterprise", "addSeats": 10_000 }),
    );
    let q = quote(&checkout, &order).unwrap();
    let date = |y, m, d| chrono::NaiveDate::from_ymd_opt(y, m, d).unwrap();
    let end = date(2036, 1, 15);
    let days = i128::from((end - date(2026, 7, 3)).num_days() as i32);
    let period_days = i128::from((end - date(2026, 1, 15)).num_days() as i32);
    let upgrade = div_round(3000 * 1_000_000 * 120 * days, period_days);
    let seats = div_round(4500 * 10_000 * 120 * days, period_days);
    let renewal = 4500 * 1_010_000 * 120;
    let amounts: Vec<i128> = q.lines.iter().map(|l| cents(&l.amount)).collect();
    assert_eq!(amounts, [upgrade, seats, renewal]);
    let subtotal = upgrade + seats + renewal;
    assert_eq!(cents(&q.subtotal), subtotal);
    // 12 installments: 7.49 % commission, rounded once.
    assert_eq!(cents(&q.commission), div_round(subtotal * 749, 10_000));
    assert_eq!(q.credits.included_per_month, 2500 * 1_010_000);
}

#[test]
fn r13_a_commission_that_pushes_the_total_past_the_limit_overflows() {
    // One seat at 9 × 10^13 a month for 12 months: a subtotal of 1.08 × 10^15 is already over.
    let checkout = checkout_with(|c| c["plans"][2]["seatPricePerMonth"] = json!("90000000000000.00"));
    assert_eq!(
        quote(&checkout, &new_subscription(1, 12)).map(|_| ()),
        Err(ErrorCode::AmountOverflow)
    );
    // 6 months: 5.4 × 10^14, and 12 installments add 7.49 %: 5.80446 × 10^14, within the limit.
    let mut order = new_subscription(1, 6);
    order["payment"]["installments"] = json!(12);
    let q = quote(&checkout, &order).unwrap();
    assert_eq!(
        cents(&q.total),
        54_000_000_000_000_000 + div_round(54_000_000_000_000_000 * 749, 10_000)
    );
    // 10 seats: 5.4 × 10^15, over.
    assert_eq!(
        quote(&checkout, &new_subscription(10, 6)).map(|_| ()),
        Err(ErrorCode::AmountOverflow)
    );
}

#[test]
fn r13_prices_at_the_catalog_limit() {
    let at_limit = checkout_with(|c| c["plans"][2]["seatPricePerMonth"] = json!("1000000000000000.00"));
    assert_eq!(
        quote(&at_limit, &new_subscription(1, 6)).map(|_| ()),
        Err(ErrorCode::AmountOverflow)
    );
    let mut catalog: Value = serde_json::from_str(DEFAULT_CATALOG_JSON).unwrap();
    catalog["plans"][2]["seatPricePerMonth"] = json!("1000000000000000.01");
    assert_eq!(
        Checkout::from_json(&catalog.to_string()).unwrap_err().code(),
        ErrorCode::InvalidCatalog
    );
    catalog["plans"][2]["seatPricePerMonth"] = json!("79228162514264337593543950335");
    assert_eq!(
        Checkout::from_json(&catalog.to_string()).unwrap_err().code(),
        ErrorCode::InvalidCatalog
    );
    catalog["plans"][2]["seatPricePerMonth"] = json!("792281625142643375935439503350");
    assert_eq!(
        Checkout::from_json(&catalog.to_string()).unwrap_err().code(),
        ErrorCode::InvalidCatalog
    );
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(400))]

    /// Any seat price up to the limit, any seats, any offered term: the exact amount, or
    /// AMOUNT_OVERFLOW exactly when it passes 10^15.
    #[test]
    fn r13_new_subscription_exact_or_overflow(price_cents in 0i128..=MAX_CENTS, seats in 1u32..=10_000, twelve in any::<bool>()) {
        let term = if twelve { 12 } else { 6 };
        let checkout = checkout_with(|c| c["plans"][2]["seatPricePerMonth"] = json!(price(price_cents)));
        let expected = price_cents * i128::from(seats) * i128::from(term);
        match quote(&checkout, &new_subscription(seats, term)) {
            Ok(q) => {
                prop_assert!(expected <= MAX_CENTS);
                prop_assert_eq!(cents(&q.total), expected);
            }
            Err(code) => {
                prop_assert_eq!(code, ErrorCode::AmountOverflow);
                prop_assert!(expected > MAX_CENTS);
            }
        }
    }
}
