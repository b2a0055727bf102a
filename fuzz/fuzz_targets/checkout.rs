//! Arbitrary JSON orders and catalogs through every public call, checking the invariants: no
//! panic, schedules sum to the total, total = subtotal + commission, every problem has a known
//! code and a well-formed field path.
#![no_main]

use std::str::FromStr;

use credit_checkout::order::RenewalRequest;
use credit_checkout::{parse_catalog, parse_order, Checkout, CheckoutError, ErrorCode, Problem};
use libfuzzer_sys::fuzz_target;
use rust_decimal::Decimal;

/// `a.b[0]["any key"].c`: names of letters, digits, `_` and `$` joined by dots, indices, and
/// quoted keys.
fn well_formed_path(field: &str) -> bool {
    let mut rest = field;
    let mut first = true;
    while !rest.is_empty() {
        if let Some(after) = rest.strip_prefix("[\"") {
            // A JSON string up to its closing quote, then "]".
            let mut de = serde_json::Deserializer::from_str(&rest[1..]).into_iter::<String>();
            if de.next().and_then(Result::ok).is_none() {
                return false;
            }
            let used = de.byte_offset();
            let Some(tail) = rest[1 + used..].strip_prefix(']') else { return false };
            let _ = after;
            rest = tail;
        } else if let Some(after) = rest.strip_prefix('[') {
            let Some((digits, tail)) = after.split_once(']') else { return false };
            if digits.is_empty() || !digits.bytes().all(|b| b.is_ascii_digit()) {
                return false;
            }
            rest = tail;
        } else {
            let body = if first { rest } else { match rest.strip_prefix('.') { Some(r) => r, None => return false } };
            let end = body.find(['.', '[']).unwrap_or(body.len());
            let name = &body[..end];
            let identifier = !name.is_empty() && name.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
            if !identifier {
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

/// A written amount (`"12.50"`) read back.
fn dec(s: &impl std::fmt::Display) -> Decimal {
    Decimal::from_str(&s.to_string()).expect("amounts are decimals")
}

fn exercise(checkout: &Checkout, order_text: &str) {
    // The browser's path: the text protocol answers a quote or a failure, never anything else.
    let answer = credit_checkout::wire::Engine::new().quote(order_text);
    assert!(answer.starts_with('Q') || answer.starts_with("E{"), "{answer}");
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
    // R17: the order's account through the renewal preview.
    let request = RenewalRequest { as_of: order.as_of, account: order.account.clone(), locale: None };
    match checkout.renewal(&request) {
        Ok(r) => {
            let sum: Decimal = r.installments.schedule.iter().map(|d| dec(&d.amount)).sum();
            assert_eq!(sum, dec(&r.total));
            assert_eq!(r.date.is_none(), !request.account.auto_renewal);
            if r.date.is_none() {
                assert!(r.lines.is_empty() && r.installments.schedule.is_empty());
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
