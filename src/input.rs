//! Reading inputs of any serde format (JSON text natively, JS values in the browser) into the
//! typed order and catalog, turning the first shape error into a problem with its field path.

use serde::de::DeserializeOwned;
use serde::Deserializer;
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

/// Reads an order; shape problems are `INVALID_INPUT`.
pub fn read_order<'de, D: Deserializer<'de>>(de: D) -> Result<Order, CheckoutError> {
    read(de, ErrorCode::InvalidInput)
}

/// Reads and validates a catalog; every problem is `INVALID_CATALOG`.
pub fn read_catalog<'de, D: Deserializer<'de>>(de: D) -> Result<Catalog, CheckoutError> {
    let catalog: Catalog = read(de, ErrorCode::InvalidCatalog)?;
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
    let mut de = serde_json::Deserializer::from_str(json);
    let order = read_order(&mut de)?;
    de.end().map_err(|e| invalid_json(ErrorCode::InvalidInput, &e))?;
    Ok(order)
}

/// Parses and validates a catalog from JSON text.
///
/// # Errors
/// `INVALID_CATALOG` naming every field that breaks the catalog's rules.
pub fn parse_catalog(json: &str) -> Result<Catalog, CheckoutError> {
    let mut de = serde_json::Deserializer::from_str(json);
    let catalog = read_catalog(&mut de)?;
    de.end()
        .map_err(|e| invalid_json(ErrorCode::InvalidCatalog, &e))?;
    Ok(catalog)
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
    for prefix in ["missing field `", "unknown field `"] {
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

/// One key as a path segment: `name` for identifiers, `["any key"]` (a JSON string) for anything
/// else, so that every path reads unambiguously whatever keys the input holds.
fn segment(key: &str) -> String {
    let identifier = key.chars().next().is_some_and(|c| c.is_ascii_alphabetic() || c == '_' || c == '$')
        && key.chars().all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '$');
    if identifier {
        key.to_owned()
    } else {
        format!("[{}]", serde_json::Value::from(key))
    }
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
