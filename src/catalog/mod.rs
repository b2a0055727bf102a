//! The catalog (SPEC 2.1): plans, terms, packages, payment methods and the installment policy,
//! served by the backend. A catalog that breaks its own rules is `INVALID_CATALOG` naming the
//! field.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::rules::money::Amount;
use crate::text::decimal;

mod validate;

/// The embedded default catalog: example prices and commission rates, marked as such in its
/// `note`. The backend serves the real one.
pub const DEFAULT_CATALOG_JSON: &str = include_str!("../../catalog/default.json");

/// The largest credit figure a catalog may declare, so that credits x seats stays an exact
/// JavaScript number.
pub const MAX_CREDITS: u64 = 1_000_000_000;
/// The longest term, in months, anywhere in the library.
pub const MAX_TERM_MONTHS: u32 = 120;
/// The most installments a catalog may offer.
pub const MAX_INSTALLMENTS: u32 = 60;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Catalog {
    /// Goes into every fingerprint (R15).
    pub version: String,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub note: Option<String>,
    pub currency: String,
    pub minor_units: u32,
    pub plans: Vec<Plan>,
    pub subscription_terms: Vec<u32>,
    pub credit_packages: Vec<CreditPackage>,
    pub package_term: PackageTerm,
    pub payment_methods: Vec<String>,
    pub installments: InstallmentPolicy,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Plan {
    pub id: String,
    pub name: String,
    pub seat_price_per_month: Amount,
    pub credits_per_seat_per_month: u64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct CreditPackage {
    pub id: String,
    pub name: String,
    /// For a custom package, the base (the least a buyer can take).
    pub credits_per_month: u64,
    pub price_per_month: Amount,
    /// Present on custom packages (Scale Custom): what one more step adds.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub step: Option<PackageStep>,
    #[serde(skip_serializing_if = "Option::is_none")]
    pub max_credits_per_month: Option<u64>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PackageStep {
    pub credits: u64,
    pub price_per_month: Amount,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PackageTerm {
    pub min_months: u32,
    pub current_cycle: CurrentCycle,
}

/// R5: how the current, already started credit cycle is charged.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CurrentCycle {
    ChargeFull,
    Prorate,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct InstallmentPolicy {
    pub countries: Vec<String>,
    pub methods: Vec<String>,
    pub processor: String,
    pub max_count: u32,
    pub commission_from: u32,
    pub commission: Commission,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Commission {
    pub model: CommissionModel,
    pub percent: Percent,
}

/// R8: the two commission models.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum CommissionModel {
    /// A percent of the subtotal per installment count.
    PercentByCount,
    /// Tabela Price: a compound monthly rate.
    MonthlyRate,
}

/// One percent (`monthly_rate`) or one per installment count (`percent_by_count`).
#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(untagged)]
pub enum Percent {
    Flat(Amount),
    ByCount(PercentTable),
}

/// Percents keyed by installment count as written (`"7"`), in the catalog's order.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct PercentTable(pub Vec<(String, Amount)>);

impl PercentTable {
    pub fn get(&self, count: &str) -> Option<Amount> {
        self.0.iter().find(|(k, _)| k == count).map(|(_, p)| *p)
    }

    pub fn contains_key(&self, count: &str) -> bool {
        self.get(count).is_some()
    }

    pub fn remove(&mut self, count: &str) {
        self.0.retain(|(k, _)| k != count);
    }
}

impl Serialize for PercentTable {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        use serde::ser::SerializeMap;
        let mut map = s.serialize_map(Some(self.0.len()))?;
        for (k, v) in &self.0 {
            map.serialize_entry(k, v)?;
        }
        map.end()
    }
}

impl Catalog {
    pub fn plan(&self, id: &str) -> Option<&Plan> {
        self.plans.iter().find(|p| p.id == id)
    }

    pub fn package(&self, id: &str) -> Option<&CreditPackage> {
        self.credit_packages.iter().find(|p| p.id == id)
    }

    /// R8: the commission percent for `count` installments under `percent_by_count`, or the
    /// monthly rate under `monthly_rate`.
    pub fn commission_percent(&self, count: u32) -> Option<Decimal> {
        match &self.installments.commission.percent {
            Percent::Flat(p) => Some(p.value()),
            Percent::ByCount(map) => {
                // The map's keys are counts written in decimal; find one without allocating.
                map.get(decimal(u64::from(count), &mut [0; 20]))
                    .map(Amount::value)
            }
        }
    }
}
