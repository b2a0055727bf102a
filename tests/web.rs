//! The shared vectors through the Wasm build in headless Chrome (`wasm-pack test --headless
//! --chrome -- --test web`): each goes through the JS skin with real JS objects, is checked
//! against its hand-worked expectation, and is compared field by field with the native outcome
//! (`target/vector-results/native.json`, written by `cargo test --test vectors`, which the
//! Makefile runs first).
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

mod common;

use common::{check, key, parse_all, same_but_display, Vector};
use credit_checkout::wasm::JsCheckout;
use js_sys::{Reflect, JSON};
use serde_json::{json, Value};
use wasm_bindgen::{JsCast, JsValue};
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
);
const NATIVE: &str = include_str!("../target/vector-results/native.json");

fn to_js(v: &Value) -> JsValue {
    JSON::parse(&v.to_string()).expect("JSON.parse")
}

fn to_json(v: &JsValue) -> Value {
    let text: String = JSON::stringify(v).expect("JSON.stringify").into();
    serde_json::from_str(&text).expect("JSON")
}

fn problems_of(error: &JsValue) -> Value {
    assert!(
        error.is_instance_of::<js_sys::Error>(),
        "a CheckoutError is an Error"
    );
    let code = Reflect::get(error, &"code".into()).expect("code");
    let problems = to_json(&Reflect::get(error, &"problems".into()).expect("problems"));
    assert_eq!(
        code.as_string().as_deref(),
        problems[0]["code"].as_str(),
        "code is the first problem's"
    );
    problems
}

/// The outcome of one vector through the JS skin, in the shape of `common::check`.
fn outcome(v: &Vector) -> Value {
    let checkout = match JsCheckout::new(Some(to_js(&v.catalog))) {
        Ok(c) => c,
        Err(e) => return json!({ "catalogProblems": problems_of(&e) }),
    };
    let order = to_js(&v.order);
    let result = match v.call.as_str() {
        "packageTerms" => checkout.package_terms(order.clone()),
        "installmentOptions" => checkout.installment_options(order.clone()),
        _ => checkout.quote(order.clone()),
    };
    match result {
        Ok(value) => json!({ "ok": to_json(&value) }),
        Err(e) => json!({
            "problems": problems_of(&e),
            "validate": to_json(&checkout.validate(order).expect("validate")),
        }),
    }
}

#[wasm_bindgen_test]
fn every_vector_passes_in_the_browser_and_matches_native() {
    let vectors = parse_all(FILES);
    let native: Value = serde_json::from_str(NATIVE).expect("native results");
    assert_eq!(
        native.as_object().map(|m| m.len()),
        Some(vectors.len()),
        "native results are current"
    );
    let mut failures = Vec::new();
    for v in &vectors {
        let got = outcome(v);
        if let Err(m) = check(v, &got) {
            failures.push(format!("{}: {m}", key(v)));
        }
        if let Err(m) = same_but_display(&native[key(v)], &got, "") {
            failures.push(format!("{}: differs from native: {m}", key(v)));
        }
    }
    assert!(
        failures.is_empty(),
        "{} failures:\n{}",
        failures.len(),
        failures.join("\n")
    );
}

fn seed_order() -> Value {
    json!({
        "asOf": "2026-07-03", "locale": "pt-BR",
        "account": { "country": "BR", "role": "admin", "plan": "advanced", "seats": 1,
                     "subscription": { "status": "active", "termMonths": 12,
                                       "periodStart": "2026-01-15", "periodEnd": "2027-01-15" },
                     "autoRenewal": false },
        "creditPackage": { "id": "starter", "months": 3 },
        "payment": { "method": "card", "installments": 1 }
    })
}

#[wasm_bindgen_test]
fn display_strings_come_from_intl() {
    let checkout = JsCheckout::new(None).expect("default catalog");
    let quote = to_json(&checkout.quote(to_js(&seed_order())).expect("quote"));
    // pt-BR writes US dollars as "US$ 30,00" (with a no-break space).
    assert_eq!(
        quote["display"]["total"]
            .as_str()
            .map(|s| s.replace('\u{a0}', " ")),
        Some("US$ 30,00".into())
    );
    let mut english = seed_order();
    english["locale"] = json!("en-US");
    let quote = to_json(&checkout.quote(to_js(&english)).expect("quote"));
    assert_eq!(quote["display"]["total"], json!("$30.00"));
    let options = to_json(
        &checkout
            .installment_options(to_js(&seed_order()))
            .expect("options"),
    );
    assert_eq!(
        options[6]["label"].as_str().map(|s| s.replace('\u{a0}', " ")),
        Some("7 × US$ 4,50".into())
    );
}

#[wasm_bindgen_test]
fn wrong_types_from_js_are_invalid_input_and_the_instance_keeps_working() {
    let checkout = JsCheckout::new(None).expect("default catalog");
    let cases: Vec<(&str, JsValue)> = vec![
        ("account.seats", JsValue::from_str("1")),
        ("account.seats", JsValue::from_f64(f64::NAN)),
        ("account.seats", JsValue::from_f64(1.5)),
        ("account.seats", js_sys::Function::new_no_args("return 1").into()),
        ("asOf", js_sys::Date::new_0().into()),
        ("account.autoRenewal", JsValue::UNDEFINED),
    ];
    for (path, value) in cases {
        let order = to_js(&seed_order());
        let (head, tail) = path.split_once('.').unwrap_or((path, ""));
        let target = if tail.is_empty() {
            order.clone()
        } else {
            Reflect::get(&order, &head.into()).unwrap()
        };
        let name = if tail.is_empty() { head } else { tail };
        Reflect::set(&target, &name.into(), &value).unwrap();
        let err = checkout.quote(order).expect_err(path);
        assert_eq!(
            Reflect::get(&err, &"code".into()).unwrap().as_string().as_deref(),
            Some("INVALID_INPUT"),
            "{path}"
        );
        assert_eq!(
            Reflect::get(&err, &"field".into())
                .unwrap()
                .as_string()
                .as_deref(),
            Some(path)
        );
    }
    for junk in [
        JsValue::NULL,
        JsValue::UNDEFINED,
        JsValue::from_f64(3.0),
        JsValue::from_str("{}"),
    ] {
        let err = checkout.quote(junk).expect_err("not an order");
        assert_eq!(
            Reflect::get(&err, &"code".into()).unwrap().as_string().as_deref(),
            Some("INVALID_INPUT")
        );
    }
    let bad_catalog = JsCheckout::new(Some(JsValue::from_str("catalog")))
        .err()
        .expect("refused");
    assert_eq!(
        Reflect::get(&bad_catalog, &"code".into())
            .unwrap()
            .as_string()
            .as_deref(),
        Some("INVALID_CATALOG")
    );
    // The same instance still quotes correctly.
    let quote = to_json(&checkout.quote(to_js(&seed_order())).expect("quote after errors"));
    assert_eq!(quote["total"], json!("30.00"));
    assert_eq!(quote["credits"]["totalPerMonth"], json!(6250));
}
