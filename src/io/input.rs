//! Reading inputs into the typed order and catalog: JSON text, parsed strictly by `json` (a key
//! given twice is refused with its path), then read field by field by `read`.

use crate::catalog::{
    Catalog, Commission, CommissionModel, CurrentCycle, InstallmentPolicy, PackageTerm, Percent,
    PercentTable, DEFAULT_CATALOG_JSON,
};
use crate::error::{CheckoutError, ErrorCode, Problem};
use crate::io::json;
pub use crate::io::json::Value;
use crate::io::read;
use crate::order::{Account, Order, RenewalRequest};
pub use crate::text::{join_key, push_key};

/// Reads an order from JSON data.
///
/// # Errors
/// `INVALID_INPUT` with the path of the first value of the wrong type or shape.
pub fn order_from_value(value: &Value) -> Result<Order, CheckoutError> {
    read::order(value)
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
pub fn catalog_from_value(value: &Value) -> Result<Catalog, CheckoutError> {
    validated(read::catalog(value)?)
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
    read::order(&parse_json(json, ErrorCode::InvalidInput)?)
}

/// Parses an account (the `account` object of an order) from JSON text.
///
/// # Errors
/// `INVALID_INPUT` with the path of the first value of the wrong type or shape.
pub fn parse_account(json: &str) -> Result<Account, CheckoutError> {
    read::account(&parse_json(json, ErrorCode::InvalidInput)?)
}

/// Parses what `renewal()` is asked (R17), `{ asOf, account, locale }`, from JSON text.
///
/// # Errors
/// `INVALID_INPUT` with the path of the first value of the wrong type or shape.
pub fn parse_renewal_request(json: &str) -> Result<RenewalRequest, CheckoutError> {
    read::renewal_request(&parse_json(json, ErrorCode::InvalidInput)?)
}

/// Parses and validates a catalog from JSON text.
///
/// # Errors
/// `INVALID_CATALOG` naming every field that breaks the catalog's rules.
pub fn parse_catalog(json: &str) -> Result<Catalog, CheckoutError> {
    validated(read::catalog(&parse_json(json, ErrorCode::InvalidCatalog)?)?)
}

/// JSON text to JSON data; what is not JSON is `code` at the path where reading stopped.
///
/// # Errors
/// `code` with the path and the reason.
pub fn parse_json(json: &str, code: ErrorCode) -> Result<Value<'_>, CheckoutError> {
    json::parse(json).map_err(|e| CheckoutError::single(Problem::new(code, e.path, e.message)))
}

impl Catalog {
    /// The embedded default catalog (example prices).
    pub fn default_catalog() -> Catalog {
        // The embedded file is checked by a test; should it ever fail to parse, an empty catalog
        // that `validate` rejects is safer than a panic. Read through JSON data, the way the
        // browser build reads every input, so that it carries no second typed JSON reader.
        json::parse(DEFAULT_CATALOG_JSON)
            .ok()
            .and_then(|v| read::catalog(&v).ok())
            .unwrap_or_else(Catalog::empty)
    }

    fn empty() -> Catalog {
        Catalog {
            version: String::new(),
            note: None,
            currency: String::new(),
            minor_units: 0,
            plans: Vec::new(),
            subscription_terms: Vec::new(),
            credit_packages: Vec::new(),
            package_term: PackageTerm {
                min_months: 0,
                current_cycle: CurrentCycle::ChargeFull,
            },
            payment_methods: Vec::new(),
            installments: InstallmentPolicy {
                countries: Vec::new(),
                methods: Vec::new(),
                processor: String::new(),
                max_count: 0,
                commission_from: 0,
                commission: Commission {
                    model: CommissionModel::PercentByCount,
                    percent: Percent::ByCount(PercentTable::default()),
                },
            },
        }
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
    fn the_default_catalog_is_valid_and_says_it_holds_examples() {
        let c: Catalog = crate::parse_catalog(DEFAULT_CATALOG_JSON).unwrap();
        assert_eq!(c.validate(), vec![]);
        assert!(c.note.as_deref().unwrap_or("").contains("Example"));
        assert_eq!(c.plan("advanced").unwrap().credits_per_seat_per_month, 1250);
        assert_eq!(
            c.package("scale_custom").unwrap().step.as_ref().unwrap().credits,
            5000
        );
    }

    #[test]
    fn catalog_shape_problems_are_invalid_catalog() {
        let json =
            DEFAULT_CATALOG_JSON.replace(r#""seatPricePerMonth": "25.00""#, r#""seatPricePerMonth": 25"#);
        let e = parse_catalog(&json).unwrap_err();
        assert_eq!(
            (e.code(), e.field()),
            (ErrorCode::InvalidCatalog, "plans[1].seatPricePerMonth")
        );
    }
}
