//! Runs every shared vector (`tests/vectors/*.json`) through the native API.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]
// Test code: a failed expectation should stop the test loudly.

mod common;

use std::fs;

use common::{check, error_json, parse_all, Vector};
use credit_checkout::input::parse_renewal_request;
use credit_checkout::{parse_order, Checkout, ErrorCode};
use serde_json::{json, Value};

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

/// What the native API gives for one vector, in the shape of [`common::check`].
fn outcome(v: &Vector) -> Value {
    let checkout = match Checkout::from_json(&v.catalog.to_string()) {
        Ok(c) => c,
        Err(e) => return json!({ "catalogProblems": error_json(&e) }),
    };
    if v.call == "renewal" {
        return renewal_outcome(&checkout, v);
    }
    let order = match parse_order(&v.order.to_string()) {
        Ok(o) => o,
        Err(e) => return json!({ "problems": error_json(&e), "validate": error_json(&e) }),
    };
    let result = match v.call.as_str() {
        "packageTerms" => checkout
            .package_terms(&order)
            .map(|t| serde_json::to_value(t).expect("terms")),
        "installmentOptions" => checkout
            .installment_options(&order)
            .map(|t| serde_json::to_value(t).expect("options")),
        _ => checkout
            .quote(&order)
            .map(|q| serde_json::to_value(q).expect("quote")),
    };
    match result {
        Ok(value) => json!({ "ok": value }),
        Err(e) => json!({
            "problems": error_json(&e),
            "validate": common::problems_json(&checkout.validate(&order)),
        }),
    }
}

/// R17: a renewal vector's outcome; a renewal has no `validate`, its problems stand for both.
fn renewal_outcome(checkout: &Checkout, v: &Vector) -> Value {
    let result = parse_renewal_request(&v.order.to_string()).and_then(|r| checkout.renewal(&r));
    match result {
        Ok(r) => json!({ "ok": serde_json::to_value(r).expect("renewal") }),
        Err(e) => json!({ "problems": error_json(&e), "validate": error_json(&e) }),
    }
}

#[test]
fn r1_to_r18_every_vector_passes_natively() {
    let vectors = load();
    let failures: Vec<String> = vectors
        .iter()
        .filter_map(|v| {
            check(v, &outcome(v))
                .err()
                .map(|m| format!("{} / {}: {m}", v.file, v.name))
        })
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

/// Writes every native outcome to `target/vector-results/native.json`: the browser and Node runs
/// compare their results with it, field by field.
#[test]
fn native_outcomes_are_written_for_the_other_runtimes() {
    let vectors = load();
    let mut all = serde_json::Map::new();
    for v in &vectors {
        all.insert(common::key(v), outcome(v));
    }
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/target/vector-results");
    fs::create_dir_all(dir).expect("results folder");
    let text = serde_json::to_string_pretty(&Value::Object(all)).expect("json");
    fs::write(format!("{dir}/native.json"), text).expect("write");
}

struct Native(credit_checkout::wire::Engine);

forward_wire_engine!(Native);

/// Writes the wire texts of every vector to `target/vector-results/native-wire.json`: the Wasm
/// build in Chrome (tests/web.rs) must give the same texts, byte for byte.
#[test]
fn native_wire_texts_are_written_for_the_browser() {
    let vectors = load();
    let mut all = serde_json::Map::new();
    for v in &vectors {
        let texts = common::wire_texts(v, &mut Native(credit_checkout::wire::Engine::new()));
        let outcome = outcome(v);
        if let (Some(main), Some(fingerprint)) =
            (texts["main"].as_str(), outcome["ok"]["fingerprint"].as_str())
        {
            assert!(
                main.ends_with(fingerprint),
                "{}: the fingerprint ends the text",
                common::key(v)
            );
        }
        all.insert(common::key(v), texts);
    }
    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/target/vector-results");
    fs::create_dir_all(dir).expect("results folder");
    let text = serde_json::to_string_pretty(&Value::Object(all)).expect("json");
    fs::write(format!("{dir}/native-wire.json"), text).expect("write");
}

#[test]
fn the_vectors_cover_every_rule_and_every_code() {
    let vectors = load();
    assert!(vectors.len() >= 40, "only {} vectors", vectors.len());
    for n in (1..=14).chain(16..=17) {
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

/// tests/web.rs embeds the vector files one by one: none may be left out.
#[test]
fn vector_files_are_all_listed_for_the_browser_run() {
    let web = include_str!("web.rs");
    for entry in fs::read_dir(concat!(env!("CARGO_MANIFEST_DIR"), "/tests/vectors")).expect("folder") {
        let name = entry.expect("entry").file_name().to_string_lossy().into_owned();
        if name.ends_with(".json") {
            assert!(
                web.contains(&format!("\"{name}\"")),
                "tests/web.rs does not list {name}"
            );
        }
    }
}
