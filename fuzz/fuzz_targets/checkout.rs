//! Arbitrary JSON orders and catalogs through every public call, checking the invariants: no
//! panic, schedules sum to the total, total = subtotal + commission, every problem has a known
//! code and a well-formed field path.
#![no_main]

use std::str::FromStr;

use credit_checkout::{parse_catalog, parse_order, Checkout, CheckoutError, ErrorCode, Problem};
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

fn well_formed_path(field: &str) -> bool {
    if field.is_empty() {
        return true;
    }
    let mut rest = field;
    let mut first = true;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix('[') {
            let Some((digits, tail)) = after.split_once(']') else { return false };
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return false;
            }
            rest = tail;
        } else {
            let body = if first { rest } else { match rest.strip_prefix('.') { Some(r) => r, None => return false } };
            let end = body.find(['.', '[']).unwrap_or(body.len());
            if end == 0 {
                return false;
            }
            rest = &body[end..];
        }
        first = false;
    }
    true
}

fn check_problems(problems: &[Problem]) {
    assert!(!problems.is_empty());
    for p in problems {
        assert!(ErrorCode::ALL.contains(&p.code));
        assert!(well_formed_path(&p.field), "field path {:?}", p.field);
        assert!(!p.message.is_empty());
    }
}

fn check_error(e: &CheckoutError) {
    check_problems(e.problems());
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).expect("amounts are decimals")
}

fn exercise(checkout: &Checkout, order_text: &str) {
    let order = match parse_order(order_text) {
        Ok(o) => o,
        Err(e) => return check_error(&e),
    };
    let problems = checkout.validate(&order);
    match checkout.quote(&order) {
        Ok(q) => {
            assert!(problems.is_empty());
            let sum: Decimal = q.installments.schedule.iter().map(|d| dec(&d.amount)).sum();
            assert_eq!(sum, dec(&q.total));
            assert_eq!(dec(&q.subtotal) + dec(&q.commission), dec(&q.total));
            let lines: Decimal = q.lines.iter().map(|l| dec(&l.amount)).sum();
            assert_eq!(lines, dec(&q.subtotal));
            assert!(checkout.verify(&order, &q.fingerprint).expect("verifies its own quote"));
        }
        Err(e) => {
            check_error(&e);
            assert_eq!(e.problems(), problems.as_slice());
        }
    }
    match checkout.package_terms(&order) {
        Ok(terms) => assert!(terms.windows(2).all(|w| w[0].months + 1 == w[1].months)),
        Err(e) => check_error(&e),
    }
    match checkout.installment_options(&order) {
        Ok(options) => {
            for o in options {
                assert!(dec(&o.total) >= dec(&o.amount));
            }
        }
        Err(e) => check_error(&e),
    }
}

fuzz_target!(|data: &[u8]| {
    let Ok(text) = std::str::from_utf8(data) else { return };
    // "catalog JSON \u{0} order JSON" exercises catalogs too; anything else is an order.
    match text.split_once('\u{0}') {
        Some((catalog, order)) => match parse_catalog(catalog) {
            Ok(c) => match Checkout::new(c) {
                Ok(checkout) => exercise(&checkout, order),
                Err(e) => check_error(&e),
            },
            Err(e) => check_error(&e),
        },
        None => exercise(&Checkout::default(), text),
    }
});
