//! The order (SPEC 2.2): what the checkout form sends. Unknown fields are refused so that a typo
//! never silently changes a quote.

use serde::Serialize;

use crate::period::IsoDate;
use crate::rules::money::Amount;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Order {
    /// The account's local date; the library reads no clock.
    pub as_of: IsoDate,
    pub account: Account,
    pub subscription: Option<SubscriptionChange>,
    pub new_subscription: Option<NewSubscription>,
    pub credit_package: Option<PackageChoice>,
    pub payment: Payment,
    pub invoice: Option<Invoice>,
    /// Display strings only: never part of the fingerprint.
    pub locale: Option<String>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Account {
    pub country: String,
    pub role: Role,
    pub plan: String,
    pub seats: u32,
    /// Absent means no subscription (status `none`).
    pub subscription: Option<AccountSubscription>,
    pub auto_renewal: bool,
    /// The package the account runs now (R16), or one that has ended.
    pub credit_package: Option<RunningPackage>,
    /// What charges to the saved payment use (R6, R17).
    pub saved_payment: Option<SavedPayment>,
}

/// The account's package (R16): its id and credits may be ones the catalog no longer sells.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RunningPackage {
    pub id: String,
    pub credits_per_month: u64,
    /// What the account pays for it a month.
    pub price_per_month: Amount,
    pub start: IsoDate,
    pub end: IsoDate,
}

/// The method and installment count that charges to the saved payment use (R6, R17).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SavedPayment {
    pub method: String,
    /// 1 where the account left it out.
    pub installments: u32,
}

impl SavedPayment {
    /// The method charges to the saved payment use: card where the account has none saved.
    pub fn method_of(saved: Option<&SavedPayment>) -> &str {
        saved.map_or("card", |s| s.method.as_str())
    }
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum Role {
    Admin,
    Member,
}

impl Role {
    pub const ALL: [Role; 2] = [Role::Admin, Role::Member];

    /// The wire name, as read and as fingerprinted.
    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Member => "member",
        }
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountSubscription {
    pub status: SubscriptionStatus,
    pub term_months: Option<u32>,
    pub period_start: Option<IsoDate>,
    pub period_end: Option<IsoDate>,
    /// The end of the next period, already paid (R12).
    pub renewed_until: Option<IsoDate>,
    /// R3: the day of month credits reset on; `periodStart`'s day where absent.
    pub anchor_day: Option<u32>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum SubscriptionStatus {
    Active,
    None,
    Expired,
}

impl SubscriptionStatus {
    pub const ALL: [SubscriptionStatus; 3] = [
        SubscriptionStatus::Active,
        SubscriptionStatus::None,
        SubscriptionStatus::Expired,
    ];

    /// The wire name, as read and as fingerprinted.
    pub fn as_str(self) -> &'static str {
        match self {
            SubscriptionStatus::Active => "active",
            SubscriptionStatus::None => "none",
            SubscriptionStatus::Expired => "expired",
        }
    }
}

/// Changes to the active subscription; any subset.
#[derive(Clone, Debug, Default, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SubscriptionChange {
    pub renew: Option<bool>,
    pub upgrade_to: Option<String>,
    pub add_seats: Option<u32>,
}

impl SubscriptionChange {
    /// Whether this asks for anything (R6, R14).
    pub fn is_action(&self) -> bool {
        self.renew == Some(true) || self.upgrade_to.is_some() || self.add_seats.is_some()
    }
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct NewSubscription {
    pub plan: String,
    pub seats: u32,
    pub term_months: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PackageChoice {
    pub id: String,
    /// Optional for fixed packages (their own value); a custom package's chosen credits.
    pub credits_per_month: Option<u64>,
    pub months: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Payment {
    pub method: String,
    /// 1 = pay in full.
    pub installments: u32,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Invoice {
    pub company_name: String,
    pub country: String,
    pub address: Option<String>,
}

/// What `renewal()` is asked (R17): a date and an account.
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct RenewalRequest {
    pub as_of: IsoDate,
    pub account: Account,
    /// Display strings only: never part of the fingerprint.
    pub locale: Option<String>,
}
