//! A catalog's own rules: a catalog that breaks them is `INVALID_CATALOG` naming the field.

use rust_decimal::Decimal;

use super::{Catalog, CommissionModel, Percent, MAX_CREDITS, MAX_INSTALLMENTS, MAX_TERM_MONTHS};
use crate::country::is_iso_alpha2;
use crate::error::{ErrorCode, Problem};
use crate::rules::money::{Amount, MAX_AMOUNT, MAX_MINOR_UNITS};
use crate::text::{join_key, repeated};

impl Catalog {
    /// Every way this catalog breaks its own rules, each `INVALID_CATALOG` with its path.
    pub fn validate(&self) -> Vec<Problem> {
        let mut v = CatalogCheck::default();
        self.check_header(&mut v);
        self.check_plans(&mut v);
        self.check_packages(&mut v);
        self.check_installments(&mut v);
        self.check_commission(&mut v);
        v.problems
    }

    /// Version, currency and minor units.
    fn check_header(&self, v: &mut CatalogCheck) {
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
    }

    /// Plans and subscription terms.
    fn check_plans(&self, v: &mut CatalogCheck) {
        let mu = self.minor_units;
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
    }

    /// Credit packages and their term.
    fn check_packages(&self, v: &mut CatalogCheck) {
        let mu = self.minor_units;
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
    }

    /// Payment methods and the installment policy.
    fn check_installments(&self, v: &mut CatalogCheck) {
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
    }

    /// The commission model and its percents.
    fn check_commission(&self, v: &mut CatalogCheck) {
        let inst = &self.installments;
        let hundred = Decimal::ONE_HUNDRED;
        match (inst.commission.model, &inst.commission.percent) {
            (CommissionModel::PercentByCount, Percent::ByCount(map)) => {
                for (key, p) in &map.0 {
                    let at = join_key("installments.commission.percent", key);
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
