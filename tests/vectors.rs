//! Runs every shared vector (`tests/vectors/*.json`) through the native API.
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
// Test code: a failed expectation should stop the test loudly.

mod common;

use std::fs;

use common::{contains_problems, error_json, parse_all, same_problems, subset, Vector};
use credit_checkout::{parse_order, Checkout, ErrorCode};
use serde_json::Value;

fn load() -> Vec<Vector> {
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors");
    let mut names: Vec<_> = fs::read_dir(dir)
        .expect("vector folder")
        .map(|e| e.expect("entry").path())
        .filter(|p| p.extension().is_some_and(|x| x == "json"))
        .collect();
    names.sort();
    let texts: Vec<(String, String)> = names
        .iter()
        .map(|p| (p.display().to_string(), fs::read_to_string(p).expect("read")))
        .collect();
    let refs: Vec<(&str, &str)> = texts.iter().map(|(a, b)| (a.as_str(), b.as_str())).collect();
    parse_all(&refs)
}

/// Runs one vector; `Err` says what differs.
fn run(v: &Vector) -> Result<(), String> {
    let catalog_json = v.catalog.to_string();
    let checkout = match Checkout::from_json(&catalog_json) {
        Ok(c) => c,
        Err(e) => {
            return match v.expect.get("catalogProblems") {
                Some(expected) => contains_problems(expected, &error_json(&e)),
                None => Err(format!("catalog refused: {e}")),
            };
        }
    };
    if v.expect.get("catalogProblems").is_some() {
        return Err("the catalog was accepted".into());
    }
    let order = match parse_order(&v.order.to_string()) {
        Ok(o) => o,
        Err(e) => {
            return match v.expect.get("problems") {
                Some(expected) => same_problems(expected, &error_json(&e)),
                None => Err(format!("order refused: {e}")),
            };
        }
    };
    let result = match v.call.as_str() {
        "quote" => checkout
            .quote(&order)
            .map(|q| serde_json::to_value(q).expect("quote")),
        "packageTerms" => checkout
            .package_terms(&order)
            .map(|t| serde_json::to_value(t).expect("terms")),
        "installmentOptions" => checkout
            .installment_options(&order)
            .map(|t| serde_json::to_value(t).expect("options")),
        other => return Err(format!("unknown call {other}")),
    };
    match (result, &v.expect) {
        (Ok(q), e) if e.get("quote").is_some() => subset(&e["quote"], &q, "quote"),
        (Ok(r), e) if e.get("result").is_some() => subset(&e["result"], &r, "result"),
        (Err(err), e) if e.get("problems").is_some() => {
            same_problems(&e["problems"], &error_json(&err))?;
            if v.call == "quote" {
                let all = common::problems_json(&checkout.validate(&order));
                same_problems(&e["problems"], &all).map_err(|m| format!("validate(): {m}"))?;
            }
            Ok(())
        }
        (Ok(q), _) => Err(format!("succeeded with {q}")),
        (Err(err), _) => Err(format!("failed with {:?}", error_json(&err))),
    }
}

#[test]
fn r1_to_r15_every_vector_passes_natively() {
    let vectors = load();
    let failures: Vec<String> = vectors
        .iter()
        .filter_map(|v| run(v).err().map(|m| format!("{} / {}: {m}", v.file, v.name)))
        .collect();
    assert!(
        failures.is_empty(),
        "{} of {} vectors fail:\n{}",
        failures.len(),
        vectors.len(),
        failures.join("\n")
    );
    println!("{} vectors passed", vectors.len());
}

#[test]
fn the_vectors_cover_every_rule_and_every_code() {
    let vectors = load();
    assert!(vectors.len() >= 40, "only {} vectors", vectors.len());
    for n in 1..=14 {
        let rule = format!("R{n}");
        assert!(
            vectors
                .iter()
                .any(|v| v.rule.split([',', ' ', '/']).any(|r| r == rule)),
            "no vector for {rule}"
        );
    }
    let codes = common::codes(&vectors);
    for code in ErrorCode::ALL {
        assert!(
            codes.iter().any(|c| c == code.as_str()),
            "no vector expects {code}"
        );
    }
    let mut names: Vec<&str> = vectors.iter().map(|v| v.name.as_str()).collect();
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(before, names.len(), "vector names are unique");
}

#[test]
fn quotes_serialize_to_the_spec_shape() {
    let vectors = load();
    let v = vectors
        .iter()
        .find(|v| v.expect.get("quote").is_some())
        .expect("a quote vector");
    let checkout = Checkout::from_json(&v.catalog.to_string()).expect("catalog");
    let order = parse_order(&v.order.to_string()).expect("order");
    let q: Value = serde_json::to_value(checkout.quote(&order).expect("quote")).expect("json");
    for key in [
        "currency",
        "lines",
        "subtotal",
        "commission",
        "total",
        "installments",
        "creditPackage",
        "credits",
        "subscription",
        "autoRenewal",
        "payment",
        "notices",
        "display",
        "fingerprint",
    ] {
        assert!(q.get(key).is_some(), "quote.{key}");
    }
}
