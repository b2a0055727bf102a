//! The quote's outputs (SPEC 5): every type a quote is made of, apart from the credits and the
//! installments, which their rules' modules define.

use std::borrow::Cow;

use rust_decimal::Decimal;
use serde::Serialize;

use crate::period::IsoDate;
use crate::rules::credits::Credits;
use crate::rules::fingerprint::{Fingerprint, PricedLine};
use crate::rules::installments::Installments;
use crate::rules::money::{Fixed, Money};

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Quote {
    pub currency: String,
    pub lines: Vec<Line>,
    pub subtotal: Fixed,
    pub commission: Fixed,
    pub total: Fixed,
    pub installments: Installments,
    pub credit_package: Option<PackageSummary>,
    pub credits: Credits,
    pub subscription: SubscriptionAfter,
    pub auto_renewal: AutoRenewal,
    pub payment: PaymentSummary,
    pub notices: Vec<Notice>,
    pub display: Display,
    pub fingerprint: Fingerprint,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    SubscriptionNew,
    SubscriptionRenewal,
    SubscriptionUpgrade,
    SubscriptionSeats,
    CreditPackage,
    CreditPackageUnused,
    CreditPackageRenewal,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Line {
    pub kind: LineKind,
    pub description: String,
    pub quantity: u64,
    pub unit_price: Fixed,
    pub months: u32,
    pub period_start: IsoDate,
    pub period_end: IsoDate,
    pub amount: Fixed,
    /// R12 and R5 `prorate`: the share of a period the amount covers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proration: Option<Proration>,
}

impl PricedLine for Line {
    #[inline]
    fn kind(&self) -> u8 {
        self.kind as u8
    }

    #[inline]
    fn amount(&self) -> Decimal {
        self.amount.value()
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Proration {
    pub days: i64,
    pub period_days: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PackageSummary {
    pub id: String,
    pub credits_per_month: u64,
    pub months: u32,
    pub start: IsoDate,
    pub end: IsoDate,
    pub renews_with_subscription: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SubscriptionAfter {
    pub plan: String,
    pub seats: u32,
    pub period_end: IsoDate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AutoRenewal {
    pub before: bool,
    pub after: bool,
    pub reason: RenewalReason,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RenewalReason {
    SubscriptionAction,
    Unchanged,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentSummary {
    pub method: String,
    pub charged_to: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Notice {
    pub code: &'static str,
    pub message: Cow<'static, str>,
}

/// The totals written for people: natively `"USD 12.50"`; the browser package writes them with
/// `Intl.NumberFormat` for the order's locale.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Display {
    pub subtotal: Money,
    pub commission: Money,
    pub total: Money,
    /// The first installment.
    pub installment: Money,
}

/// R17: what the next automatic charge will be (SPEC 5 `Renewal`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Renewal {
    /// The renewal date; `None` when auto-renewal is off.
    pub date: Option<IsoDate>,
    pub currency: String,
    pub lines: Vec<Line>,
    pub subtotal: Fixed,
    pub commission: Fixed,
    pub total: Fixed,
    pub installments: Installments,
    pub subscription: Option<RenewedSubscription>,
    pub credit_package: Option<RenewedPackage>,
    pub credits: RenewedCredits,
    pub payment: PaymentSummary,
    pub notices: Vec<Notice>,
    pub display: Display,
    pub fingerprint: Fingerprint,
}

/// The subscription period a renewal pays for.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RenewedSubscription {
    pub plan: String,
    pub seats: u32,
    pub period_start: IsoDate,
    pub period_end: IsoDate,
}

/// The package a renewal renews.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RenewedPackage {
    pub id: String,
    pub credits_per_month: u64,
    pub months: u32,
    pub start: IsoDate,
    pub end: IsoDate,
}

/// The monthly credits of the period a renewal pays for.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RenewedCredits {
    pub included_per_month: u64,
    pub package_per_month: u64,
    pub total_per_month: u64,
}
