//! Reading inputs into the typed order and catalog: JSON text natively, JSON data from the
//! browser skin. The typed reading itself is in `read`; this module parses text strictly and
//! writes field paths.

use std::cell::RefCell;
use std::fmt;

use serde::de::{self, DeserializeSeed, MapAccess, SeqAccess, Visitor};
use serde_json::{Map, Number, Value};

use crate::catalog::Catalog;
use crate::error::{CheckoutError, ErrorCode, Problem};
use crate::order::{Account, Order};
use crate::read;

/// Reads an order from JSON data.
///
/// # Errors
/// `INVALID_INPUT` with the path of the first value of the wrong type or shape.
pub fn order_from_value(value: Value) -> Result<Order, CheckoutError> {
    read::order(&value)
}

/// Reads an account (the `account` object of an order) from JSON data.
///
/// # Errors
/// `INVALID_INPUT` with the path of the first value of the wrong type or shape.
pub fn account_from_value(value: &Value) -> Result<Account, CheckoutError> {
    read::account(value)
}

/// Reads and validates a catalog from JSON data.
///
/// # Errors
/// `INVALID_CATALOG` naming every field that breaks the catalog's rules.
pub fn catalog_from_value(value: Value) -> Result<Catalog, CheckoutError> {
    validated(read::catalog(&value)?)
}

fn validated(catalog: Catalog) -> Result<Catalog, CheckoutError> {
    let problems = catalog.validate();
    if problems.is_empty() {
        Ok(catalog)
    } else {
        Err(CheckoutError::new(problems))
    }
}

/// Parses an order from JSON text.
///
/// # Errors
/// `INVALID_INPUT` with the path of the first value of the wrong type or shape.
pub fn parse_order(json: &str) -> Result<Order, CheckoutError> {
    read::order(&parse_strict(json, ErrorCode::InvalidInput)?)
}

/// Parses and validates a catalog from JSON text.
///
/// # Errors
/// `INVALID_CATALOG` naming every field that breaks the catalog's rules.
pub fn parse_catalog(json: &str) -> Result<Catalog, CheckoutError> {
    validated(read::catalog(&parse_strict(json, ErrorCode::InvalidCatalog)?)?)
}

/// JSON text to JSON data, refusing a key given twice in one object (plain JSON data would keep
/// the last one silently, and the browser could then price what the backend does not).
fn parse_strict(json: &str, code: ErrorCode) -> Result<Value, CheckoutError> {
    let duplicate = RefCell::new(None);
    let mut de = serde_json::Deserializer::from_str(json);
    let value = Strict {
        path: String::new(),
        duplicate: &duplicate,
    }
    .deserialize(&mut de)
    .and_then(|v| de.end().map(|()| v))
    .map_err(|e| {
        let field = duplicate.borrow_mut().take().unwrap_or_default();
        CheckoutError::single(Problem::new(code, field, tidy(&e.to_string())))
    })?;
    Ok(value)
}

/// Builds JSON data, noting the path of a duplicate key.
struct Strict<'a> {
    path: String,
    duplicate: &'a RefCell<Option<String>>,
}

impl<'de> DeserializeSeed<'de> for Strict<'_> {
    type Value = Value;
    fn deserialize<D: de::Deserializer<'de>>(self, d: D) -> Result<Value, D::Error> {
        d.deserialize_any(self)
    }
}

impl<'de> Visitor<'de> for Strict<'_> {
    type Value = Value;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("JSON data")
    }
    fn visit_bool<E>(self, v: bool) -> Result<Value, E> {
        Ok(Value::Bool(v))
    }
    fn visit_i64<E>(self, v: i64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_u64<E>(self, v: u64) -> Result<Value, E> {
        Ok(Value::Number(v.into()))
    }
    fn visit_f64<E: de::Error>(self, v: f64) -> Result<Value, E> {
        Number::from_f64(v)
            .map(Value::Number)
            .ok_or_else(|| E::custom("not a finite number"))
    }
    fn visit_str<E>(self, v: &str) -> Result<Value, E> {
        Ok(Value::String(v.to_owned()))
    }
    fn visit_string<E>(self, v: String) -> Result<Value, E> {
        Ok(Value::String(v))
    }
    fn visit_unit<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_none<E>(self) -> Result<Value, E> {
        Ok(Value::Null)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Value, A::Error> {
        let mut items = Vec::new();
        loop {
            let path = format!("{}[{}]", self.path, items.len());
            match seq.next_element_seed(Strict {
                path,
                duplicate: self.duplicate,
            })? {
                Some(v) => items.push(v),
                None => return Ok(Value::Array(items)),
            }
        }
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Value, A::Error> {
        let mut out = Map::new();
        while let Some(key) = map.next_key::<String>()? {
            let path = join_key(&self.path, &key);
            if out.contains_key(&key) {
                *self.duplicate.borrow_mut() = Some(path);
                return Err(de::Error::custom(format!("duplicate field `{key}`")));
            }
            let value = map.next_value_seed(Strict {
                path,
                duplicate: self.duplicate,
            })?;
            out.insert(key, value);
        }
        Ok(Value::Object(out))
    }
}

/// One key as a path segment: `name` for keys of letters, digits, `_` and `$` (identifiers, and
/// counts such as the `9` of a commission table), `["any key"]` (a JSON string) for anything
/// else, so that every path reads unambiguously whatever keys the input holds.
fn segment(key: &str) -> String {
    if !key.is_empty()
        && key
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$')
    {
        key.to_owned()
    } else {
        format!("[{}]", Value::from(key))
    }
}

/// A path of `base` and one more key, quoted where needed.
pub fn join_key(base: &str, key: &str) -> String {
    let mut out = base.to_owned();
    push_key(&mut out, key);
    out
}

/// Appends `key` to a field path: `a.b`, `a["odd key"]`.
pub fn push_key(out: &mut String, key: &str) {
    let seg = segment(key);
    if !out.is_empty() && !seg.starts_with('[') {
        out.push('.');
    }
    out.push_str(&seg);
}

/// serde_json's messages end with a position the caller does not need.
fn tidy(message: &str) -> String {
    match message.split_once(" at line ") {
        Some((head, _)) => head.to_owned(),
        None => message.to_owned(),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    const ORDER: &str = r#"{"asOf":"2026-07-03","account":{"country":"US","role":"admin","plan":"advanced","seats":1,
        "subscription":{"status":"active","termMonths":12,"periodStart":"2026-01-15","periodEnd":"2027-01-15"},
        "autoRenewal":false},"creditPackage":{"id":"starter","months":3},"payment":{"method":"card","installments":1}}"#;

    fn field_of(json: &str) -> (ErrorCode, String) {
        let e = parse_order(json).unwrap_err();
        (e.code(), e.field().to_owned())
    }

    #[test]
    fn a_valid_order_reads() {
        let o = parse_order(ORDER).unwrap();
        assert_eq!(o.account.seats, 1);
        assert_eq!(o.payment.installments, 1);
    }

    #[test]
    fn unknown_fields_name_their_path() {
        let typo = ORDER.replace(r#""installments":1"#, r#""installment":7"#);
        assert_eq!(
            field_of(&typo),
            (ErrorCode::InvalidInput, "payment.installment".into())
        );
    }

    #[test]
    fn wrong_types_and_missing_fields_name_their_path() {
        let seats = ORDER.replace(r#""seats":1"#, r#""seats":"1""#);
        assert_eq!(field_of(&seats).1, "account.seats");
        let missing = ORDER.replace(r#""method":"card","#, "");
        assert_eq!(field_of(&missing).1, "payment.method");
        let date = ORDER.replace("2026-07-03", "2026-7-3");
        assert_eq!(field_of(&date).1, "asOf");
        assert_eq!(field_of("[]"), (ErrorCode::InvalidInput, String::new()));
        assert_eq!(field_of(&format!("{ORDER} 1")).0, ErrorCode::InvalidInput);
    }

    #[test]
    fn structs_are_objects_never_positional_arrays() {
        assert_eq!(field_of("[]"), (ErrorCode::InvalidInput, String::new()));
        let positional = ORDER.replace(
            r#""payment":{"method":"card","installments":1}"#,
            r#""payment":["card",1]"#,
        );
        assert_eq!(field_of(&positional), (ErrorCode::InvalidInput, "payment".into()));
        let dup = ORDER.replace(r#""seats":1,"#, r#""seats":1,"seats":2,"#);
        assert_eq!(field_of(&dup), (ErrorCode::InvalidInput, "account.seats".into()));
    }

    #[test]
    fn odd_keys_are_quoted_in_paths() {
        let odd = ORDER.replace(r#""payment""#, r#""p[yment""#);
        assert_eq!(field_of(&odd).1, r#"["p[yment"]"#);
        let odd = ORDER.replace(r#""installments":1"#, r#""a.b":1"#);
        assert_eq!(field_of(&odd).1, r#"payment["a.b"]"#);
        let odd = ORDER.replace(r#""installments":1"#, r#""":1"#);
        assert_eq!(field_of(&odd).1, r#"payment[""]"#);
    }

    #[test]
    fn catalog_shape_problems_are_invalid_catalog() {
        let json = crate::catalog::DEFAULT_CATALOG_JSON
            .replace(r#""seatPricePerMonth": "25.00""#, r#""seatPricePerMonth": 25"#);
        let e = parse_catalog(&json).unwrap_err();
        assert_eq!(
            (e.code(), e.field()),
            (ErrorCode::InvalidCatalog, "plans[1].seatPricePerMonth")
        );
    }
}
