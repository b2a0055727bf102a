//! R16 Package change: `account.creditPackage` is the package the account runs now; one that has
//! ended (`end` on or before `asOf`, or no active subscription) plays no part. A running one
//! starts on or before `asOf` and ends on a reset date no later than the last paid period end.
//! An order with a package on an account with a running one is a change, and only an upgrade
//! (`PACKAGE_NOT_AN_UPGRADE`: more credits and a higher price a month) that does not end before
//! the current one (the effective minimum term); the unused part of the current package is
//! credited on a `credit_package_unused` line, -(pricePerMonth x (remaining days / cycle days +
//! whole cycles)), rounded once.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::assessed::{ActivePeriod, Assessed, Frame, PackagePick};
use super::lines::{Draft, Priced};
use super::package::MinTerm;
use crate::catalog::Catalog;
use crate::describe;
use crate::error::{invalid, ErrorCode, Problem};
use crate::order::{Account, RunningPackage};
use crate::period::{days_between, IsoDate};
use crate::quote::{LineKind, Proration};
use crate::rules::money::{self, Overflow};

/// The account's running package, checked.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Running<'a> {
    pub package: &'a RunningPackage,
    pub end: NaiveDate,
    pub price_per_month: Decimal,
}

/// R16: the account's package where it is running (checked), else `None`. `through_paid_end`
/// (R17): on the last paid period end itself, a package ending then still counts as running.
pub(crate) fn running<'a>(
    account: &'a Account,
    active: Option<ActivePeriod>,
    as_of: NaiveDate,
    through_paid_end: bool,
    problems: &mut Vec<Problem>,
) -> Option<Running<'a>> {
    let package = account.credit_package.as_ref()?;
    if package.credits_per_month == 0 {
        problems.push(invalid(
            "account.creditPackage.creditsPerMonth",
            "must be at least 1",
        ));
    }
    let active = active?;
    let end = package.end.date();
    let paid_end = active.paid_end();
    let runs = end > as_of || (through_paid_end && end == as_of && as_of == paid_end);
    if !runs {
        return None;
    }
    let mut ok = package.credits_per_month > 0;
    if package.start.date() > as_of {
        problems.push(invalid(
            "account.creditPackage.start",
            "a running package starts on or before asOf",
        ));
        ok = false;
    }
    if !active.anchor.is_reset(end) || end > paid_end {
        problems.push(
            invalid(
                "account.creditPackage.end",
                "must be a credit reset date no later than the last paid period end",
            )
            .with("paidEnd", IsoDate(paid_end).to_string()),
        );
        ok = false;
    }
    ok.then_some(Running {
        package,
        end,
        price_per_month: package.price_per_month.value(),
    })
}

/// R16: the effective minimum term of a package bought on an account with a running one.
pub(super) fn min_term(
    catalog: &Catalog,
    running: Option<Running<'_>>,
    frame: Option<Frame>,
    as_of: NaiveDate,
) -> MinTerm {
    let min = catalog.package_term.min_months;
    match (running, frame) {
        (Some(r), Some(f)) => MinTerm {
            months: min.max(f.anchor.resets_between(as_of, r.end)),
            current_end: Some(r.end),
        },
        _ => MinTerm {
            months: min,
            current_end: None,
        },
    }
}

/// R16: a change only to a package with more credits and a higher price a month.
pub(super) fn check_upgrade(
    pick: Option<&PackagePick<'_>>,
    running: Option<Running<'_>>,
    problems: &mut Vec<Problem>,
) {
    let (Some(pick), Some(r)) = (pick, running) else {
        return;
    };
    let Ok(price) = super::package::price_per_month(pick.def, pick.steps) else {
        return;
    };
    if pick.credits > r.package.credits_per_month && price > r.price_per_month {
        return;
    }
    problems.push(
        Problem::new(
            ErrorCode::PackageNotAnUpgrade,
            "creditPackage.id",
            "a running package can only be replaced by one with more credits and a higher price a month; a smaller one can be bought when it ends",
        )
        .with("currentId", r.package.id.clone())
        .with("currentCreditsPerMonth", r.package.credits_per_month)
        .with("currentPricePerMonth", r.package.price_per_month.to_string())
        .with("currentEnd", r.package.end.to_string()),
    );
}

impl Assessed<'_> {
    /// R16: the shortest term the order's package may be bought for.
    pub fn min_months(&self) -> u32 {
        min_term(self.catalog, self.running, Some(self.frame), self.as_of).months
    }

    /// R16: the credit for the unused part of the replaced package, right after the package line.
    pub(super) fn price_unused(&self, out: &mut Priced) -> Result<(), Overflow> {
        let (Some(_), Some(r)) = (&self.package, self.running) else {
            return Ok(());
        };
        let (start, next) = self.current_cycle().ok_or(Overflow)?;
        let proration = Proration {
            days: days_between(self.as_of, next),
            period_days: days_between(start, next),
        };
        let whole = self
            .frame
            .anchor
            .resets_between(self.as_of, r.end)
            .saturating_sub(1);
        let part = money::div(
            money::mul(r.price_per_month, Decimal::from(proration.days))?,
            Decimal::from(proration.period_days.max(1)),
        )?;
        let raw = money::add(part, money::mul(r.price_per_month, Decimal::from(whole))?)?;
        let name = self
            .catalog
            .package(&r.package.id)
            .map_or(r.package.id.as_str(), |p| p.name.as_str());
        out.push(
            self.catalog.minor_units,
            Draft {
                kind: LineKind::CreditPackageUnused,
                description: describe::unused(name, r.package.end),
                quantity: 1,
                unit: r.price_per_month,
                months: whole,
                start: self.as_of,
                end: r.end,
                raw: -money::bounded(raw)?,
                proration: Some(proration),
            },
        )
    }
}
