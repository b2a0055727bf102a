//! Errors are data: a flat list of codes, and problems that name the field they are about.

use std::fmt;

use crate::io::json::{Map, Value};
use serde::Serialize;

/// Every problem code of SPEC section 4, plus `UNKNOWN_PLAN` (see docs/READING.md).
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, Serialize)]
#[serde(rename_all = "SCREAMING_SNAKE_CASE")]
pub enum ErrorCode {
    InvalidInput,
    InvalidField,
    InvalidCatalog,
    NotAdmin,
    NoActiveSubscription,
    SubscriptionAlreadyActive,
    CustomCreditsTooLow,
    CustomCreditsNotAStep,
    CustomCreditsTooHigh,
    UnknownPackage,
    UnknownPlan,
    PackageTermTooShort,
    PackageTermExceedsSubscription,
    InstallmentsNotAvailable,
    InstallmentsTooMany,
    UnknownPaymentMethod,
    PlanNotAnUpgrade,
    AmountOverflow,
    EmptyOrder,
    PackageNotAnUpgrade,
    AlreadyRenewed,
}

impl ErrorCode {
    /// Every code, for tests and for the TypeScript union.
    pub const ALL: [ErrorCode; 21] = [
        ErrorCode::InvalidInput,
        ErrorCode::InvalidField,
        ErrorCode::InvalidCatalog,
        ErrorCode::NotAdmin,
        ErrorCode::NoActiveSubscription,
        ErrorCode::SubscriptionAlreadyActive,
        ErrorCode::CustomCreditsTooLow,
        ErrorCode::CustomCreditsNotAStep,
        ErrorCode::CustomCreditsTooHigh,
        ErrorCode::UnknownPackage,
        ErrorCode::UnknownPlan,
        ErrorCode::PackageTermTooShort,
        ErrorCode::PackageTermExceedsSubscription,
        ErrorCode::InstallmentsNotAvailable,
        ErrorCode::InstallmentsTooMany,
        ErrorCode::UnknownPaymentMethod,
        ErrorCode::PlanNotAnUpgrade,
        ErrorCode::AmountOverflow,
        ErrorCode::EmptyOrder,
        ErrorCode::PackageNotAnUpgrade,
        ErrorCode::AlreadyRenewed,
    ];

    /// The wire name, such as `"NOT_ADMIN"`.
    pub fn as_str(self) -> &'static str {
        match self {
            ErrorCode::InvalidInput => "INVALID_INPUT",
            ErrorCode::InvalidField => "INVALID_FIELD",
            ErrorCode::InvalidCatalog => "INVALID_CATALOG",
            ErrorCode::NotAdmin => "NOT_ADMIN",
            ErrorCode::NoActiveSubscription => "NO_ACTIVE_SUBSCRIPTION",
            ErrorCode::SubscriptionAlreadyActive => "SUBSCRIPTION_ALREADY_ACTIVE",
            ErrorCode::CustomCreditsTooLow => "CUSTOM_CREDITS_TOO_LOW",
            ErrorCode::CustomCreditsNotAStep => "CUSTOM_CREDITS_NOT_A_STEP",
            ErrorCode::CustomCreditsTooHigh => "CUSTOM_CREDITS_TOO_HIGH",
            ErrorCode::UnknownPackage => "UNKNOWN_PACKAGE",
            ErrorCode::UnknownPlan => "UNKNOWN_PLAN",
            ErrorCode::PackageTermTooShort => "PACKAGE_TERM_TOO_SHORT",
            ErrorCode::PackageTermExceedsSubscription => "PACKAGE_TERM_EXCEEDS_SUBSCRIPTION",
            ErrorCode::InstallmentsNotAvailable => "INSTALLMENTS_NOT_AVAILABLE",
            ErrorCode::InstallmentsTooMany => "INSTALLMENTS_TOO_MANY",
            ErrorCode::UnknownPaymentMethod => "UNKNOWN_PAYMENT_METHOD",
            ErrorCode::PlanNotAnUpgrade => "PLAN_NOT_AN_UPGRADE",
            ErrorCode::AmountOverflow => "AMOUNT_OVERFLOW",
            ErrorCode::EmptyOrder => "EMPTY_ORDER",
            ErrorCode::PackageNotAnUpgrade => "PACKAGE_NOT_AN_UPGRADE",
            ErrorCode::AlreadyRenewed => "ALREADY_RENEWED",
        }
    }
}

impl fmt::Display for ErrorCode {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.as_str())
    }
}

/// One problem with an order or a catalog: what, where, and in plain words.
#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Problem {
    pub code: ErrorCode,
    /// A path such as `creditPackage.months`; empty for whole-order problems.
    pub field: String,
    pub message: String,
    /// Machine-readable facts for the user interface (nearest valid values, `maxMonths`...).
    #[serde(skip_serializing_if = "Option::is_none")]
    pub details: Option<Map<'static>>,
}

impl Problem {
    pub fn new(code: ErrorCode, field: impl Into<String>, message: impl Into<String>) -> Self {
        Problem {
            code,
            field: field.into(),
            message: message.into(),
            details: None,
        }
    }

    /// Adds one detail; details keep the order they were added in.
    pub fn with(self, key: &str, value: impl Into<Value<'static>>) -> Self {
        self.with_value(key, value.into())
    }

    /// [`Problem::with`] past the conversion: one copy, not one for each type of value.
    #[inline(never)]
    fn with_value(mut self, key: &str, value: Value<'static>) -> Self {
        self.details
            .get_or_insert_with(Map::new)
            .insert(key.to_owned(), value);
        self
    }
}

/// `INVALID_FIELD` at `field`.
pub(crate) fn invalid(field: &str, message: &str) -> Problem {
    Problem::new(ErrorCode::InvalidField, field, message)
}

impl fmt::Display for Problem {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.field.is_empty() {
            write!(f, "{}: {}", self.code, self.message)
        } else {
            write!(f, "{} at {}: {}", self.code, self.field, self.message)
        }
    }
}

/// The failure of a public call: every problem found, never empty.
#[derive(Clone, Debug, PartialEq)]
pub struct CheckoutError {
    problems: Vec<Problem>,
}

impl CheckoutError {
    /// Builds the error; an empty list becomes one whole-order `INVALID_INPUT` so that the first
    /// problem always exists.
    pub fn new(mut problems: Vec<Problem>) -> Self {
        if problems.is_empty() {
            problems.push(Problem::new(ErrorCode::InvalidInput, "", "invalid input"));
        }
        CheckoutError { problems }
    }

    pub fn single(problem: Problem) -> Self {
        CheckoutError {
            problems: vec![problem],
        }
    }

    /// The first problem, whose code and field the error carries.
    pub fn first(&self) -> &Problem {
        // `new` and `single` never leave the list empty.
        match self.problems.first() {
            Some(p) => p,
            None => &FALLBACK,
        }
    }

    pub fn code(&self) -> ErrorCode {
        self.first().code
    }

    pub fn field(&self) -> &str {
        &self.first().field
    }

    pub fn problems(&self) -> &[Problem] {
        &self.problems
    }

    pub fn into_problems(self) -> Vec<Problem> {
        self.problems
    }
}

static FALLBACK: Problem = Problem {
    code: ErrorCode::InvalidInput,
    field: String::new(),
    message: String::new(),
    details: None,
};

impl fmt::Display for CheckoutError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{}", self.first())?;
        if self.problems.len() > 1 {
            write!(f, " (and {} more)", self.problems.len() - 1)?;
        }
        Ok(())
    }
}

impl std::error::Error for CheckoutError {}

impl From<Problem> for CheckoutError {
    fn from(p: Problem) -> Self {
        CheckoutError::single(p)
    }
}
