//! The shared vectors through the Wasm build in headless Chrome (`wasm-pack test --headless
//! --chrome -- --test web`): every vector goes through the module's exported `Engine`, and each
//! answer must be byte for byte the native one (`target/vector-results/native-wire.json`,
//! written by `cargo test --test vectors`, which the Makefile runs first). The package's JS on
//! top (inputs, decoding, Intl) is tested in Node (test/node) and in Chrome (test/e2e).
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::{key, parse_all, wire_texts, WireEngine};
use credit_checkout::wasm::Engine;
use serde_json::Value;
use wasm_bindgen_test::*;

wasm_bindgen_test_configure!(run_in_browser);

/// Every file of tests/vectors; `vector_files_are_all_listed` (native) keeps the list whole.
macro_rules! vector_files {
    ($($name:literal),* $(,)?) => {
        &[$(($name, include_str!(concat!("vectors/", $name)))),*]
    };
}
const FILES: &[(&str, &str)] = vector_files!(
    "catalog.json",
    "input.json",
    "r01_access.json",
    "r02_r03_credits.json",
    "r04_packages.json",
    "r05_package_term.json",
    "r06_auto_renewal.json",
    "r07_r08_r09_installments.json",
    "r10_r11_payment_invoice.json",
    "r12_subscription.json",
    "r13_money.json",
    "r14_r15_misc.json",
    "r03_r12_anchor_prepaid.json",
    "r06_saved_payment.json",
    "r16_package_change.json",
    "r17_renewal.json",
    "s4_errors.json",
);
const NATIVE: &str = include_str!("../target/vector-results/native-wire.json");

struct Wasm(Engine);

forward_wire_engine!(Wasm);

#[wasm_bindgen_test]
fn every_vector_gives_the_native_answer_in_the_browser() {
    let vectors = parse_all(FILES);
    let native: Value = serde_json::from_str(NATIVE).expect("native results");
    assert_eq!(
        native.as_object().map(|m| m.len()),
        Some(vectors.len()),
        "native results are current"
    );
    let mut failures = Vec::new();
    for v in &vectors {
        let got = wire_texts(v, &mut Wasm(Engine::new()));
        if got != native[key(v)] {
            failures.push(format!(
                "{}:\n  wasm   {got}\n  native {}",
                key(v),
                native[key(v)]
            ));
        }
    }
    assert!(
        failures.is_empty(),
        "{} differ:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

#[wasm_bindgen_test]
fn one_engine_keeps_working_after_every_failure() {
    let vectors = parse_all(FILES);
    let mut engine = Wasm(Engine::new());
    let seed = r#"{"asOf":"2026-07-03","account":{"country":"BR","role":"admin","plan":"advanced","seats":1,
        "subscription":{"status":"active","termMonths":12,"periodStart":"2026-01-15","periodEnd":"2027-01-15"},
        "autoRenewal":false},"creditPackage":{"id":"starter","months":3},"payment":{"method":"card","installments":1}}"#;
    let first = engine.quote(seed);
    // Every vector's order and catalog through the same instance, then the seed order again.
    for v in &vectors {
        let _ = engine.load(&v.catalog.to_string());
        let order = v.order.to_string();
        let _ = (
            engine.quote(&order),
            engine.validate(&order),
            engine.package_terms(&order),
        );
        let _ = (engine.installment_options(&order), engine.renewal(&order));
        for junk in ["", "{", "null", "[1,2", "\"\\ud800\"", &"[".repeat(10_000)] {
            assert!(engine.quote(junk).starts_with('E'), "{junk:?} is refused");
        }
    }
    let _ = engine.load(credit_checkout::catalog::DEFAULT_CATALOG_JSON);
    assert_eq!(engine.quote(seed), first);
    // The seed example: Starter for 3 months, 30.00 in total; one line, of kind 4
    // (credit_package).
    assert!(first.starts_with("Q\u{1}USD\u{1}1\u{1}4\u{1}"), "{first}");
    assert!(first.contains("\u{1}30.00\u{1}0.00\u{1}30.00\u{1}"), "{first}");
}
