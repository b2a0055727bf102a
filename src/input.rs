//! Reading inputs of any serde format (JSON text natively, JS values in the browser) into the
//! typed order and catalog, turning the first shape error into a problem with its field path.

use serde::de::DeserializeOwned;
use serde::Deserializer;
use serde_json::Value;
use serde_path_to_error::{Path, Segment};

use crate::catalog::Catalog;
use crate::error::{CheckoutError, ErrorCode, Problem};
use crate::order::Order;

/// Deserializes `T`; a value of the wrong type or shape, or an unknown field, becomes one problem
/// with `code` and the path of the offending value.
pub fn read<'de, T, D>(de: D, code: ErrorCode) -> Result<T, CheckoutError>
where
    T: DeserializeOwned,
    D: Deserializer<'de>,
{
    serde_path_to_error::deserialize(de).map_err(|e| {
        let message = e.inner().to_string();
        CheckoutError::single(Problem::new(code, field_path(e.path(), &message), tidy(&message)))
    })
}

/// Where the input must hold JSON objects. serde would also read a struct from an array, by
/// position; an order or a catalog written that way is the wrong shape, not a second format.
enum Shape {
    Object(&'static [(&'static str, Shape)]),
    ArrayOf(&'static Shape),
}

const LEAF: Shape = Shape::Object(&[]);
const ORDER_SHAPE: Shape = Shape::Object(&[
    ("account", Shape::Object(&[("subscription", LEAF)])),
    ("subscription", LEAF),
    ("newSubscription", LEAF),
    ("creditPackage", LEAF),
    ("payment", LEAF),
    ("invoice", LEAF),
]);
const CATALOG_SHAPE: Shape = Shape::Object(&[
    ("plans", Shape::ArrayOf(&LEAF)),
    (
        "creditPackages",
        Shape::ArrayOf(&Shape::Object(&[("step", LEAF)])),
    ),
    ("packageTerm", LEAF),
    ("installments", Shape::Object(&[("commission", LEAF)])),
]);

/// The first place where `value` holds an array or a scalar where an object belongs; `null`
/// and absent values are left to the typed reading.
fn check_shape(
    value: &Value,
    shape: &Shape,
    path: &mut String,
    code: ErrorCode,
) -> Result<(), CheckoutError> {
    match (shape, value) {
        (_, Value::Null) => Ok(()),
        (Shape::Object(fields), Value::Object(map)) => {
            for (name, inner) in *fields {
                if let Some(v) = map.get(*name) {
                    let mark = path.len();
                    push_key(path, name);
                    check_shape(v, inner, path, code)?;
                    path.truncate(mark);
                }
            }
            Ok(())
        }
        (Shape::ArrayOf(inner), Value::Array(items)) => {
            for (i, v) in items.iter().enumerate() {
                let mark = path.len();
                path.push_str(&format!("[{i}]"));
                check_shape(v, inner, path, code)?;
                path.truncate(mark);
            }
            Ok(())
        }
        (Shape::Object(_), _) => Err(shape_error(code, path, "must be an object")),
        (Shape::ArrayOf(_), _) => Err(shape_error(code, path, "must be an array")),
    }
}

fn shape_error(code: ErrorCode, path: &str, message: &str) -> CheckoutError {
    CheckoutError::single(Problem::new(code, path, message))
}

/// Reads an order from JSON data.
///
/// # Errors
/// `INVALID_INPUT` with the path of the first value of the wrong type or shape.
pub fn order_from_value(value: Value) -> Result<Order, CheckoutError> {
    check_shape(&value, &ORDER_SHAPE, &mut String::new(), ErrorCode::InvalidInput)?;
    read(value, ErrorCode::InvalidInput)
}

/// Reads and validates a catalog from JSON data.
///
/// # Errors
/// `INVALID_CATALOG` naming every field that breaks the catalog's rules.
pub fn catalog_from_value(value: Value) -> Result<Catalog, CheckoutError> {
    check_shape(
        &value,
        &CATALOG_SHAPE,
        &mut String::new(),
        ErrorCode::InvalidCatalog,
    )?;
    validated(read(value, ErrorCode::InvalidCatalog)?)
}

fn validated(catalog: Catalog) -> Result<Catalog, CheckoutError> {
    let problems = catalog.validate();
    if problems.is_empty() {
        Ok(catalog)
    } else {
        Err(CheckoutError::new(problems))
    }
}

/// Reads JSON text twice: as data for the shape, then typed straight from the text, so that a
/// key given twice is refused (JSON data would silently keep the last one).
fn parse_text<T: DeserializeOwned>(json: &str, shape: &Shape, code: ErrorCode) -> Result<T, CheckoutError> {
    let value: Value = serde_json::from_str(json).map_err(|e| invalid_json(code, &e))?;
    check_shape(&value, shape, &mut String::new(), code)?;
    let mut de = serde_json::Deserializer::from_str(json);
    let typed = read(&mut de, code)?;
    de.end().map_err(|e| invalid_json(code, &e))?;
    Ok(typed)
}

/// Parses an order from JSON text.
///
/// # Errors
/// `INVALID_INPUT` with the path of the first value of the wrong type or shape.
pub fn parse_order(json: &str) -> Result<Order, CheckoutError> {
    parse_text(json, &ORDER_SHAPE, ErrorCode::InvalidInput)
}

/// Parses and validates a catalog from JSON text.
///
/// # Errors
/// `INVALID_CATALOG` naming every field that breaks the catalog's rules.
pub fn parse_catalog(json: &str) -> Result<Catalog, CheckoutError> {
    validated(parse_text(json, &CATALOG_SHAPE, ErrorCode::InvalidCatalog)?)
}

fn invalid_json(code: ErrorCode, e: &serde_json::Error) -> CheckoutError {
    CheckoutError::single(Problem::new(code, "", tidy(&e.to_string())))
}

/// `a.b[0].c`; a missing or unknown field names the field itself, not its parent.
fn field_path(path: &Path, message: &str) -> String {
    let mut out = String::new();
    for segment in path.iter() {
        match segment {
            Segment::Seq { index } => out.push_str(&format!("[{index}]")),
            Segment::Map { key } | Segment::Enum { variant: key } => push_key(&mut out, key),
            Segment::Unknown => {}
        }
    }
    for prefix in ["missing field `", "unknown field `", "duplicate field `"] {
        if let Some(rest) = message.strip_prefix(prefix) {
            if let Some((name, _)) = rest.split_once('`') {
                if !ends_with_key(&out, name) {
                    push_key(&mut out, name);
                }
            }
        }
    }
    out
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
        format!("[{}]", serde_json::Value::from(key))
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

/// Whether `path` already ends with the segment of `key`.
fn ends_with_key(path: &str, key: &str) -> bool {
    let seg = segment(key);
    path == seg || path.ends_with(&format!(".{seg}")) || (seg.starts_with('[') && path.ends_with(&seg))
}

/// serde's messages name Rust types; the caller knows JSON.
fn tidy(message: &str) -> String {
    let msg = message
        .replace("u32", "a whole number from 0 to 4294967295")
        .replace("u64", "a whole number")
        .replace("a boolean", "true or false");
    match msg.split_once(" at line ") {
        Some((head, _)) => head.to_owned(),
        None => msg,
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
