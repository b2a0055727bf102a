//! The shared test vectors (`tests/vectors/*.json`) and how a result is matched against them.
//! Used by the native runner (`tests/vectors.rs`) and the browser runner (`tests/web.rs`).

#![allow(dead_code, clippy::expect_used, clippy::indexing_slicing, clippy::panic)]

use credit_checkout::catalog::DEFAULT_CATALOG_JSON;
use credit_checkout::{CheckoutError, Problem};
use serde_json::{Map, Value};

/// One vector: `{ name, rule, catalog?, order, call?, expect }`.
pub struct Vector {
    pub file: String,
    pub name: String,
    pub rule: String,
    pub catalog: Value,
    pub order: Value,
    pub call: String,
    pub expect: Value,
}

/// Every vector, parsed from the JSON texts of the vector files.
pub fn parse_all(files: &[(&str, &str)]) -> Vec<Vector> {
    let default: Value = serde_json::from_str(DEFAULT_CATALOG_JSON).expect("default catalog");
    let mut out = Vec::new();
    for (file, text) in files {
        let list: Vec<Value> = serde_json::from_str(text).unwrap_or_else(|e| panic!("{file}: {e}"));
        for v in list {
            let mut catalog = default.clone();
            if let (Some(base), Some(over)) = (
                catalog.as_object_mut(),
                v.get("catalog").and_then(Value::as_object),
            ) {
                for (k, val) in over {
                    base.insert(k.clone(), val.clone());
                }
            }
            out.push(Vector {
                file: (*file).to_owned(),
                name: v["name"].as_str().expect("name").to_owned(),
                rule: v["rule"].as_str().expect("rule").to_owned(),
                catalog,
                order: v.get("order").cloned().unwrap_or(Value::Null),
                call: v
                    .get("call")
                    .and_then(Value::as_str)
                    .unwrap_or("quote")
                    .to_owned(),
                expect: v["expect"].clone(),
            });
        }
    }
    out
}

/// `expected` is found in `actual`: objects by subset, arrays by length and element, scalars equal.
/// Returns the path of the first difference.
pub fn subset(expected: &Value, actual: &Value, path: &str) -> Result<(), String> {
    match (expected, actual) {
        (Value::Object(e), Value::Object(a)) => {
            for (k, ev) in e {
                let p = format!("{path}.{k}");
                match a.get(k) {
                    Some(av) => subset(ev, av, &p)?,
                    None => return Err(format!("{p}: missing, expected {ev}")),
                }
            }
            Ok(())
        }
        (Value::Array(e), Value::Array(a)) => {
            if e.len() != a.len() {
                return Err(format!(
                    "{path}: {} items, expected {}: {actual}",
                    a.len(),
                    e.len()
                ));
            }
            for (i, (ev, av)) in e.iter().zip(a).enumerate() {
                subset(ev, av, &format!("{path}[{i}]"))?;
            }
            Ok(())
        }
        _ if expected == actual => Ok(()),
        _ => Err(format!("{path}: got {actual}, expected {expected}")),
    }
}

/// The problems as JSON values (`code`, `field`, `details`).
pub fn problems_json(problems: &[Problem]) -> Vec<Value> {
    problems
        .iter()
        .map(|p| serde_json::to_value(p).expect("problem"))
        .collect()
}

/// Each expected problem matches a distinct actual one, and there are as many of each.
pub fn same_problems(expected: &Value, actual: &[Value]) -> Result<(), String> {
    let expected = expected.as_array().ok_or("expect.problems must be an array")?;
    if expected.len() != actual.len() {
        return Err(format!(
            "{} problems, expected {}: {actual:?}",
            actual.len(),
            expected.len()
        ));
    }
    let mut used = vec![false; actual.len()];
    for e in expected {
        let hit = actual
            .iter()
            .enumerate()
            .position(|(i, a)| !used[i] && subset(e, a, "").is_ok());
        match hit {
            Some(i) => used[i] = true,
            None => return Err(format!("no problem matches {e}; got {actual:?}")),
        }
    }
    Ok(())
}

/// Each expected problem matches one of the actual ones (catalog problems may be more).
pub fn contains_problems(expected: &Value, actual: &[Value]) -> Result<(), String> {
    for e in expected.as_array().ok_or("expect must be an array")? {
        if !actual.iter().any(|a| subset(e, a, "").is_ok()) {
            return Err(format!("no problem matches {e}; got {actual:?}"));
        }
    }
    Ok(())
}

pub fn error_json(e: &CheckoutError) -> Vec<Value> {
    problems_json(e.problems())
}

/// Every code that the vectors expect, for the coverage check.
pub fn codes(vectors: &[Vector]) -> Vec<String> {
    let mut out = Vec::new();
    for v in vectors {
        for key in ["problems", "catalogProblems"] {
            for p in v.expect.get(key).and_then(Value::as_array).into_iter().flatten() {
                if let Some(c) = p.get("code").and_then(Value::as_str) {
                    out.push(c.to_owned());
                }
            }
        }
    }
    out
}

/// The vector's key in the results files: `file.json / name`.
pub fn key(v: &Vector) -> String {
    let file = v.file.rsplit('/').next().unwrap_or(&v.file);
    format!("{file} / {}", v.name)
}

/// Checks an outcome against the vector's `expect`. An outcome is `{"ok": result}`,
/// `{"problems": [...], "validate": [...]}` or `{"catalogProblems": [...]}`.
pub fn check(v: &Vector, outcome: &Value) -> Result<(), String> {
    let e = &v.expect;
    if let Some(expected) = e.get("catalogProblems") {
        return match outcome.get("catalogProblems").and_then(Value::as_array) {
            Some(actual) => contains_problems(expected, actual),
            None => Err(format!("the catalog was accepted: {outcome}")),
        };
    }
    if let Some(problems) = outcome.get("catalogProblems") {
        return Err(format!("catalog refused: {problems}"));
    }
    if let Some(expected) = e.get("problems") {
        let actual = outcome
            .get("problems")
            .and_then(Value::as_array)
            .ok_or(format!("succeeded: {outcome}"))?;
        same_problems(expected, actual)?;
        let all = outcome
            .get("validate")
            .and_then(Value::as_array)
            .ok_or("no validate() result")?;
        return same_problems(expected, all).map_err(|m| format!("validate(): {m}"));
    }
    let Some(result) = outcome.get("ok") else {
        return Err(format!("failed with {outcome}"));
    };
    match (e.get("quote"), e.get("result")) {
        (Some(q), _) => subset(q, result, "quote"),
        (None, Some(r)) => subset(r, result, "result"),
        (None, None) => Err("expect holds no quote, result or problems".into()),
    }
}

/// `a` and `b` are the same JSON but for keys that are runtime-specific by design (`display`
/// strings and option `label`s: Intl in the browser, plain natively). Returns the first path
/// that differs.
pub fn same_but_display(a: &Value, b: &Value, path: &str) -> Result<(), String> {
    const RUNTIME_SPECIFIC: [&str; 2] = ["display", "label"];
    match (a, b) {
        (Value::Object(x), Value::Object(y)) => {
            let keys = |m: &Map<String, Value>| -> Vec<String> {
                m.keys()
                    .filter(|k| !RUNTIME_SPECIFIC.contains(&k.as_str()))
                    .cloned()
                    .collect()
            };
            if keys(x) != keys(y) {
                return Err(format!("{path}: keys {:?} vs {:?}", keys(x), keys(y)));
            }
            for k in keys(x) {
                same_but_display(&x[&k], &y[&k], &format!("{path}.{k}"))?;
            }
            Ok(())
        }
        (Value::Array(x), Value::Array(y)) if x.len() == y.len() => {
            for (i, (p, q)) in x.iter().zip(y).enumerate() {
                same_but_display(p, q, &format!("{path}[{i}]"))?;
            }
            Ok(())
        }
        _ if a == b => Ok(()),
        _ => Err(format!("{path}: {a} vs {b}")),
    }
}

/// The texts the engine's wire protocol (src/wire.rs) gives for one vector, through `call`:
/// `(catalog, order) -> text` per method. The same function runs natively and in the browser,
/// whose texts must be identical.
pub fn wire_texts(v: &Vector, engine: &mut dyn WireEngine) -> Value {
    let refused = engine.load(&v.catalog.to_string());
    if !refused.is_empty() {
        return serde_json::json!({ "load": refused });
    }
    let order = v.order.to_string();
    if v.call == "renewal" {
        return serde_json::json!({ "main": engine.renewal(&order) });
    }
    let main = match v.call.as_str() {
        "packageTerms" => engine.package_terms(&order),
        "installmentOptions" => engine.installment_options(&order),
        _ => engine.quote(&order),
    };
    serde_json::json!({ "main": main, "validate": engine.validate(&order) })
}

/// The wire protocol's calls, natively (`credit_checkout::wire::Engine`) and in Wasm
/// (`credit_checkout::wasm::Engine`), each wrapped in a one-field struct by
/// [`forward_wire_engine!`].
pub trait WireEngine {
    fn load(&mut self, catalog: &str) -> String;
    fn quote(&mut self, order: &str) -> String;
    fn validate(&mut self, order: &str) -> String;
    fn package_terms(&mut self, order: &str) -> String;
    fn installment_options(&mut self, order: &str) -> String;
    fn renewal(&mut self, request: &str) -> String;
}

/// Implements [`WireEngine`] for a one-field struct whose field has the protocol's methods.
#[macro_export]
macro_rules! forward_wire_engine {
    ($wrapper:ty) => {
        impl common::WireEngine for $wrapper {
            fn load(&mut self, catalog: &str) -> String {
                self.0.load(catalog)
            }
            fn quote(&mut self, order: &str) -> String {
                self.0.quote(order)
            }
            fn validate(&mut self, order: &str) -> String {
                self.0.validate(order)
            }
            fn package_terms(&mut self, order: &str) -> String {
                self.0.package_terms(order)
            }
            fn installment_options(&mut self, order: &str) -> String {
                self.0.installment_options(order)
            }
            fn renewal(&mut self, request: &str) -> String {
                self.0.renewal(request)
            }
        }
    };
}
