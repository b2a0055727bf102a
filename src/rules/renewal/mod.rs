//! R6 Auto-renewal: after payment it is on when the order has a subscription action (renew,
//! upgrade, add seats, new subscription), else unchanged. A package-only order on an account whose
//! auto-renewal is on is charged to the saved payment (`savedPayment.method`, card where absent:
//! `saved_card` or `saved_paypal`), and the installments are judged for that method. `renewsWithSubscription` only for a
//! package that ends on the last paid period end while auto-renewal is on; one that ends earlier
//! simply ends (`PACKAGE_ENDS_BEFORE_RENEWAL`).
//!
//! The renewal preview is [`preview`]; both price a package's renewal the same way
//! ([`package_price`]).

pub mod preview;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::assessed::{ActivePeriod, Assessed};
use super::lines::{Draft, Priced};
use crate::catalog::{Catalog, CreditPackage};
use crate::describe;
use crate::error::{invalid, Problem};
use crate::order::{Account, RunningPackage, SavedPayment};
use crate::quote::{AutoRenewal, LineKind, RenewalReason};
use crate::rules::money::{self, Overflow};

/// `savedPayment.installments` is at least 1 (SPEC 3, details settled for R6).
pub(super) fn check_saved(account: &Account, problems: &mut Vec<Problem>) {
    if account
        .saved_payment
        .as_ref()
        .is_some_and(|s| s.installments == 0)
    {
        problems.push(invalid("account.savedPayment.installments", "must be at least 1"));
    }
}

/// The method a charge to the saved payment uses: the saved one, card where there is none or the
/// catalog no longer lists it.
pub(crate) fn saved_method<'a>(catalog: &Catalog, account: &'a Account) -> &'a str {
    let method = SavedPayment::method_of(account.saved_payment.as_ref());
    if catalog.payment_methods.iter().any(|m| m == method) {
        method
    } else {
        "card"
    }
}

/// R6: where the order is charged to the saved payment, the method it uses.
pub(super) fn saved_charge<'a>(catalog: &Catalog, account: &'a Account, has_action: bool) -> Option<&'a str> {
    (!has_action && account.auto_renewal).then(|| saved_method(catalog, account))
}

/// `chargedTo` of a charge to the saved payment made with `method`: `saved_card`, `saved_paypal`.
pub(crate) fn charged_to(method: &str) -> String {
    let mut out = String::with_capacity(6 + method.len());
    out.push_str("saved_");
    out.push_str(method);
    out
}

/// R17 (and R12's early renewal): the package's price a month at the catalog's current prices,
/// where the catalog still sells its id with its credits (R4); `None` where it does not renew.
pub(crate) fn package_price<'c>(
    catalog: &'c Catalog,
    package: &RunningPackage,
) -> Option<(&'c CreditPackage, Decimal)> {
    let def = catalog.package(&package.id)?;
    let steps = super::package::check_credits(def, package.credits_per_month, &mut Vec::new())?;
    let per_month = super::package::price_per_month(def, steps).ok()?;
    Some((def, per_month))
}

/// A package's renewal line for `term` months from `start` to `end`.
pub(super) fn package_line(
    def: &CreditPackage,
    credits: u64,
    per_month: Decimal,
    term: u32,
    (start, end): (NaiveDate, NaiveDate),
) -> Result<Draft, Overflow> {
    Ok(Draft {
        kind: LineKind::CreditPackageRenewal,
        description: describe::package_renewal(&def.name, credits, term),
        quantity: 1,
        unit: per_month,
        months: term,
        start,
        end,
        raw: money::mul(per_month, Decimal::from(term))?,
        proration: None,
    })
}

impl Assessed<'_> {
    /// The auto-renewal state after payment and why.
    pub fn auto_renewal(&self) -> AutoRenewal {
        let before = self.order.account.auto_renewal;
        AutoRenewal {
            before,
            after: before || self.has_action,
            reason: if self.has_action {
                RenewalReason::SubscriptionAction
            } else {
                RenewalReason::Unchanged
            },
        }
    }

    /// R6: whether a package ending on `end` renews with the subscription: auto-renewal on after
    /// payment, and `end` the last paid period end after the order.
    pub fn renews_with_subscription(&self, end: NaiveDate) -> bool {
        (self.order.account.auto_renewal || self.has_action) && end == self.paid_end_after()
    }

    /// R12: a `renew` order renews the running package that ends on `periodEnd` and that the order
    /// does not change, right after the subscription's renewal line.
    pub(crate) fn price_package_renewal(
        &self,
        a: ActivePeriod,
        renewed_end: NaiveDate,
        out: &mut Priced,
    ) -> Result<(), Overflow> {
        let Some((running, def, per_month)) = self.renewed_package(a) else {
            return Ok(());
        };
        let credits = running.package.credits_per_month;
        let line = package_line(def, credits, per_month, a.term, (a.end, renewed_end))?;
        out.push(self.catalog.minor_units, line)
    }

    /// The running package a `renew` order carries into the next period, with its price.
    pub(crate) fn renewed_package(
        &self,
        a: ActivePeriod,
    ) -> Option<(super::package_change::Running<'_>, &CreditPackage, Decimal)> {
        let running = self.running.filter(|r| r.end == a.end)?;
        if !self.renew || self.package.is_some() {
            return None;
        }
        let (def, per_month) = package_price(self.catalog, running.package)?;
        Some((running, def, per_month))
    }
}
