//! The catalog (SPEC 2.1): plans, terms, packages, payment methods and the installment policy,
//! served by the backend. A catalog that breaks its own rules is `INVALID_CATALOG` naming the
//! field.

use rust_decimal::Decimal;
use serde::Serialize;

use crate::country::is_iso_alpha2;
use crate::error::{ErrorCode, Problem};
use crate::json::repeated;
use crate::money::{Amount, MAX_AMOUNT, MAX_MINOR_UNITS};

/// The embedded default catalog: example prices and commission rates, marked as such in its
/// `note`. The backend serves the real one.
pub const DEFAULT_CATALOG_JSON: &str = include_str!("../catalog/default.json");

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
    /// The embedded default catalog (example prices).
    pub fn default_catalog() -> Catalog {
        // The embedded file is checked by a test; should it ever fail to parse, an empty catalog
        // that `validate` rejects is safer than a panic. Read through JSON data, the way the
        // browser build reads every input, so that it carries no second typed JSON reader.
        crate::json::parse(DEFAULT_CATALOG_JSON)
            .ok()
            .and_then(|v| crate::read::catalog(&v).ok())
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
                map.get(crate::json::decimal(u64::from(count), &mut [0; 20]))
                    .map(Amount::value)
            }
        }
    }

    /// Every way this catalog breaks its own rules, each `INVALID_CATALOG` with its path.
    pub fn validate(&self) -> Vec<Problem> {
        let mut v = CatalogCheck::default();
        let mu = self.minor_units;

        if self.version.trim().is_empty()
            || self.version.chars().count() > 100
            || self.version.chars().any(char::is_control)
        {
            v.fail(
                "version",
                "must be a non-blank text of at most 100 characters, without control characters",
            );
        }
        if self.currency.len() != 3 || !self.currency.bytes().all(|b| b.is_ascii_uppercase()) {
            v.fail("currency", "must be an ISO 4217 code such as \"USD\"");
        }
        if mu > MAX_MINOR_UNITS {
            v.fail("minorUnits", "must be 0 to 8");
        }

        if self.plans.is_empty() {
            v.fail("plans", "must list at least one plan");
        }
        let ids: Vec<&[u8]> = self.plans.iter().map(|p| p.id.as_bytes()).collect();
        for ((i, plan), twice) in self.plans.iter().enumerate().zip(repeated(&ids)) {
            let at = format!("plans[{i}]");
            v.id(&at, &plan.id, twice);
            v.text(&format!("{at}.name"), &plan.name);
            v.price(&format!("{at}.seatPricePerMonth"), plan.seat_price_per_month, mu);
            v.credits(
                &format!("{at}.creditsPerSeatPerMonth"),
                plan.credits_per_seat_per_month,
                false,
            );
        }

        if self.subscription_terms.is_empty() {
            v.fail("subscriptionTerms", "must list at least one term");
        }
        let written: Vec<[u8; 4]> = self.subscription_terms.iter().map(|t| t.to_be_bytes()).collect();
        let terms = repeated(&written.iter().map(|t| &t[..]).collect::<Vec<_>>());
        for ((i, t), twice) in self.subscription_terms.iter().enumerate().zip(terms) {
            if !(1..=MAX_TERM_MONTHS).contains(t) || twice {
                v.fail(
                    &format!("subscriptionTerms[{i}]"),
                    "must be 1 to 120 months, each once",
                );
            }
        }

        let ids: Vec<&[u8]> = self.credit_packages.iter().map(|p| p.id.as_bytes()).collect();
        for ((i, pkg), twice) in self.credit_packages.iter().enumerate().zip(repeated(&ids)) {
            let at = format!("creditPackages[{i}]");
            v.id(&at, &pkg.id, twice);
            v.text(&format!("{at}.name"), &pkg.name);
            v.credits(&format!("{at}.creditsPerMonth"), pkg.credits_per_month, true);
            v.price(&format!("{at}.pricePerMonth"), pkg.price_per_month, mu);
            match (&pkg.step, pkg.max_credits_per_month) {
                (Some(step), max) => {
                    v.credits(&format!("{at}.step.credits"), step.credits, true);
                    v.price(&format!("{at}.step.pricePerMonth"), step.price_per_month, mu);
                    if let Some(max) = max {
                        if max < pkg.credits_per_month || max > MAX_CREDITS {
                            v.fail(
                                &format!("{at}.maxCreditsPerMonth"),
                                "must lie between the base credits and 1,000,000,000",
                            );
                        }
                    }
                }
                (None, Some(_)) => v.fail(
                    &format!("{at}.maxCreditsPerMonth"),
                    "only a package with a step has a maximum",
                ),
                (None, None) => {}
            }
        }

        if !(1..=MAX_TERM_MONTHS).contains(&self.package_term.min_months) {
            v.fail("packageTerm.minMonths", "must be 1 to 120");
        }

        if self.payment_methods.is_empty() {
            v.fail("paymentMethods", "must list at least one method");
        }
        let methods = repeated(
            &self
                .payment_methods
                .iter()
                .map(|m| m.as_bytes())
                .collect::<Vec<_>>(),
        );
        for ((i, m), twice) in self.payment_methods.iter().enumerate().zip(methods) {
            v.id(&format!("paymentMethods[{i}]"), m, twice);
        }

        let inst = &self.installments;
        for (i, c) in inst.countries.iter().enumerate() {
            if !is_iso_alpha2(c) {
                v.fail(
                    &format!("installments.countries[{i}]"),
                    "must be an ISO 3166-1 alpha-2 code",
                );
            }
        }
        for (i, m) in inst.methods.iter().enumerate() {
            if !self.payment_methods.contains(m) {
                v.fail(
                    &format!("installments.methods[{i}]"),
                    "must be one of paymentMethods",
                );
            }
        }
        v.text("installments.processor", &inst.processor);
        if !(1..=MAX_INSTALLMENTS).contains(&inst.max_count) {
            v.fail("installments.maxCount", "must be 1 to 60");
        }
        if inst.commission_from < 2 || inst.commission_from > inst.max_count.saturating_add(1) {
            v.fail("installments.commissionFrom", "must be 2 to maxCount + 1");
        }
        let hundred = Decimal::ONE_HUNDRED;
        match (inst.commission.model, &inst.commission.percent) {
            (CommissionModel::PercentByCount, Percent::ByCount(map)) => {
                for (key, p) in &map.0 {
                    let at = crate::input::join_key("installments.commission.percent", key);
                    let count = key.parse::<u32>().ok().filter(|n| n.to_string() == *key);
                    match count {
                        Some(n) if (2..=inst.max_count).contains(&n) => {}
                        _ => v.fail(&at, "must be keyed by an installment count from 2 to maxCount"),
                    }
                    if p.value() > hundred {
                        v.fail(&at, "must be a percent from 0 to 100");
                    }
                }
                for n in inst.commission_from..=inst.max_count.min(MAX_INSTALLMENTS) {
                    if !map.contains_key(&n.to_string()) {
                        v.fail(
                            &format!("installments.commission.percent.{n}"),
                            "a percent is missing for this installment count",
                        );
                    }
                }
            }
            (CommissionModel::MonthlyRate, Percent::Flat(p)) => {
                if p.value().is_zero() || p.value() > hundred {
                    v.fail(
                        "installments.commission.percent",
                        "must be a monthly percent above 0, at most 100",
                    );
                }
            }
            (CommissionModel::PercentByCount, Percent::Flat(_)) => v.fail(
                "installments.commission.percent",
                "percent_by_count needs an object of percents by installment count",
            ),
            (CommissionModel::MonthlyRate, Percent::ByCount(_)) => v.fail(
                "installments.commission.percent",
                "monthly_rate needs one percent as a decimal string",
            ),
        }
        v.problems
    }
}

#[derive(Default)]
struct CatalogCheck {
    problems: Vec<Problem>,
}

impl CatalogCheck {
    fn fail(&mut self, field: &str, message: &str) {
        self.problems
            .push(Problem::new(ErrorCode::InvalidCatalog, field, message));
    }

    /// Names shown to people: no control characters (they reach descriptions and labels, and
    /// the browser package's wire format uses one as its separator).
    fn text(&mut self, field: &str, text: &str) {
        if text.trim().is_empty() || text.chars().count() > 200 || text.chars().any(char::is_control) {
            self.fail(
                field,
                "must be a non-blank text of at most 200 characters, without control characters",
            );
        }
    }

    fn id(&mut self, at: &str, id: &str, twice: bool) {
        let field = if at.starts_with("paymentMethods") {
            at.to_owned()
        } else {
            format!("{at}.id")
        };
        let well_formed = !id.is_empty()
            && id.len() <= 64
            && id
                .bytes()
                .all(|b| b.is_ascii_lowercase() || b.is_ascii_digit() || b == b'_' || b == b'-');
        if !well_formed {
            self.fail(&field, "must be 1 to 64 characters of a-z, 0-9, _ and -");
        } else if twice {
            self.fail(&field, "is used twice");
        }
    }

    fn price(&mut self, field: &str, price: Amount, minor_units: u32) {
        if price.scale() > minor_units {
            self.fail(field, "has more decimals than minorUnits");
        } else if price.value() > MAX_AMOUNT {
            self.fail(field, "is larger than the library computes with");
        }
    }

    fn credits(&mut self, field: &str, credits: u64, positive: bool) {
        if credits > MAX_CREDITS || (positive && credits == 0) {
            self.fail(field, "must be 1 to 1,000,000,000 credits");
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

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
    fn a_catalog_that_breaks_its_rules_names_each_field() {
        let mut c = Catalog::default_catalog();
        c.minor_units = 9;
        c.credit_packages[1].id = "starter".into();
        if let Percent::ByCount(map) = &mut c.installments.commission.percent {
            map.remove("9");
        }
        let fields: Vec<String> = c.validate().into_iter().map(|p| p.field).collect();
        assert_eq!(
            fields,
            [
                "minorUnits",
                "creditPackages[1].id",
                "installments.commission.percent.9"
            ]
        );
    }
}
