//! R4 Packages: a fixed package takes its own `creditsPerMonth`; `scale_custom` takes its base plus
//! whole steps up to its maximum, priced base price + k x step price.
//! R5 Package term: `months` credit cycles from `asOf`, at least `minMonths`, ending by the last
//! paid period end (the renewed one where the order renews, `renewedUntil` where prepaid);
//! `charge_full` or `prorate` for the current cycle.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::assessed::{ActivePeriod, Assessed, Frame, NewPeriod, PackagePick, Skip};
use super::lines::{Draft, Priced};
use crate::catalog::{Catalog, CreditPackage, CurrentCycle, MAX_CREDITS};
use crate::describe;
use crate::error::{invalid, ErrorCode, Problem};
use crate::order::Order;
use crate::period::{days_between, Anchor, IsoDate};
use crate::quote::{LineKind, Proration};
use crate::rules::money::{self, Overflow};

/// The billing frame a package lives in: the new subscription's term, or the active period
/// (renewed where the order renews).
pub(super) fn frame(
    new_sub: Option<NewPeriod<'_>>,
    active: Option<ActivePeriod>,
    renew: bool,
    as_of: NaiveDate,
) -> Option<Frame> {
    match (new_sub, active) {
        (Some(ns), _) => Some(Frame {
            anchor: Anchor::of(as_of),
            limit: ns.end,
            renews: false,
        }),
        (None, Some(a)) => Some(match a.renewed_end {
            Some(limit) if renew => Frame {
                anchor: a.anchor,
                limit,
                renews: true,
            },
            // R5: with the next period already paid, its end is the limit; no renewal can add
            // to it.
            _ => Frame {
                anchor: a.anchor,
                limit: a.paid_end(),
                renews: a.renewed_until.is_some(),
            },
        }),
        _ => None,
    }
}

/// The order's package (R4) and its term (R5).
pub(super) fn check<'a>(
    catalog: &'a Catalog,
    order: &Order,
    frame: Option<Frame>,
    min: MinTerm,
    skip: Skip,
    problems: &mut Vec<Problem>,
) -> Option<PackagePick<'a>> {
    let choice = order.credit_package.as_ref()?;
    let Some(def) = catalog.package(&choice.id) else {
        let ids: Vec<String> = catalog.credit_packages.iter().map(|p| p.id.clone()).collect();
        problems.push(
            Problem::new(
                ErrorCode::UnknownPackage,
                "creditPackage.id",
                "no such credit package in the catalog",
            )
            .with("packages", ids),
        );
        return None;
    };
    let credits = choice.credits_per_month.unwrap_or(def.credits_per_month);
    let steps = check_credits(def, credits, problems);
    let months = choice.months;
    if let (Some(frame), false) = (frame, skip.months) {
        check_term(order, frame, min, months, problems);
    }
    steps.map(|steps| PackagePick {
        def,
        credits,
        steps,
        months,
    })
}

/// R4: the price a month of `steps` steps above the base: base + steps x step price.
pub(super) fn price_per_month(def: &CreditPackage, steps: u64) -> Result<Decimal, Overflow> {
    let base = def.price_per_month.value();
    match &def.step {
        Some(step) => money::add(
            base,
            money::mul(Decimal::from(steps), step.price_per_month.value())?,
        ),
        None => Ok(base),
    }
}

/// The shortest term a package may be bought for: `minMonths`, or (R16) the cycles up to the
/// end of the package it replaces, where that is more.
#[derive(Clone, Copy, Debug)]
pub(super) struct MinTerm {
    pub months: u32,
    pub current_end: Option<NaiveDate>,
}

/// R4: the credits a month, and for a custom package the number of steps above its base.
pub(super) fn check_credits(def: &CreditPackage, credits: u64, problems: &mut Vec<Problem>) -> Option<u64> {
    let field = "creditPackage.creditsPerMonth";
    let base = def.credits_per_month;
    let Some(step) = &def.step else {
        if credits != base {
            problems.push(
                invalid(field, &format!("{} has {base} credits a month", def.name)).with("expected", base),
            );
            return None;
        }
        return Some(0);
    };
    let max = def.max_credits_per_month.unwrap_or(MAX_CREDITS);
    let size = step.credits.max(1);
    if credits < base {
        problems.push(
            Problem::new(
                ErrorCode::CustomCreditsTooLow,
                field,
                format!("{} starts at {base} credits a month", def.name),
            )
            .with("min", base),
        );
    } else if credits > max {
        problems.push(
            Problem::new(
                ErrorCode::CustomCreditsTooHigh,
                field,
                format!("{} goes up to {max} credits a month", def.name),
            )
            .with("max", max),
        );
    } else if (credits - base) % size != 0 {
        let below = credits - (credits - base) % size;
        let mut p = Problem::new(
            ErrorCode::CustomCreditsNotAStep,
            field,
            format!("{} grows in steps of {size} credits a month", def.name),
        )
        .with("below", below);
        if let Some(above) = below.checked_add(size).filter(|a| *a <= max) {
            p = p.with("above", above);
        }
        problems.push(p);
    } else {
        return Some((credits - base) / size);
    }
    None
}

/// R5: at least `minMonths` (R16: the effective minimum), and no further than the frame's limit.
fn check_term(order: &Order, frame: Frame, min: MinTerm, months: u32, problems: &mut Vec<Problem>) {
    let max = frame.anchor.resets_between(order.as_of.date(), frame.limit);
    let renewal_needed = max < min.months && !frame.renews;
    let min_months = min.months;
    if months < min_months {
        let message = match min.current_end {
            Some(_) => format!(
                "the new package must run at least until the current one ends: at least {min_months} months"
            ),
            None => format!("a credit package runs for at least {min_months} months"),
        };
        let mut p = Problem::new(ErrorCode::PackageTermTooShort, "creditPackage.months", message)
            .with("minMonths", min_months)
            .with("maxMonths", max)
            .with("renewalNeeded", renewal_needed);
        if let Some(end) = min.current_end {
            p = p.with("currentEnd", IsoDate(end).to_string());
        }
        problems.push(p);
    } else if months > max {
        let message = if renewal_needed {
            format!("only {max} credit cycles are left in this billing period: renew the subscription to buy a package")
        } else {
            format!("the package must end by the end of the billing period: at most {max} months")
        };
        problems.push(
            Problem::new(
                ErrorCode::PackageTermExceedsSubscription,
                "creditPackage.months",
                message,
            )
            .with("maxMonths", max)
            .with("renewalNeeded", renewal_needed),
        );
    }
}

impl Assessed<'_> {
    /// The package's price per month (R4): base + steps x step price.
    pub fn package_price_per_month(&self, pick: &PackagePick<'_>) -> Result<Decimal, Overflow> {
        price_per_month(pick.def, pick.steps)
    }

    /// R5: where a package of `months` cycles ends.
    pub fn package_end(&self, months: u32) -> Option<NaiveDate> {
        self.frame.anchor.reset_after(self.as_of, months)
    }

    /// R5: the price of `months` cycles, unrounded.
    pub fn package_price(&self, per_month: Decimal, months: u32) -> Result<Decimal, Overflow> {
        let rest = money::mul(per_month, Decimal::from(months.saturating_sub(1)))?;
        let first = match self.catalog.package_term.current_cycle {
            CurrentCycle::ChargeFull => per_month,
            CurrentCycle::Prorate => {
                let (start, end) = self.current_cycle().ok_or(Overflow)?;
                let days = days_between(self.as_of, end);
                money::div(
                    money::mul(per_month, Decimal::from(days))?,
                    Decimal::from(days_between(start, end).max(1)),
                )?
            }
        };
        money::add(first, rest)
    }

    /// R3: the cycle that holds `asOf`.
    pub(super) fn current_cycle(&self) -> Option<(NaiveDate, NaiveDate)> {
        let anchor = self.frame.anchor;
        Some((
            anchor.cycle_start(self.as_of)?,
            anchor.reset_after(self.as_of, 1)?,
        ))
    }

    /// The package's line.
    pub(super) fn price_package(&self, out: &mut Priced) -> Result<(), Overflow> {
        let Some(pick) = &self.package else {
            return Ok(());
        };
        let per_month = self.package_price_per_month(pick)?;
        let raw = self.package_price(per_month, pick.months)?;
        let end = self.package_end(pick.months).ok_or(Overflow)?;
        let proration = match self.catalog.package_term.current_cycle {
            CurrentCycle::ChargeFull => None,
            CurrentCycle::Prorate => self.current_cycle().map(|(start, end)| Proration {
                days: days_between(self.as_of, end),
                period_days: days_between(start, end),
            }),
        };
        out.push(
            self.catalog.minor_units,
            Draft {
                kind: LineKind::CreditPackage,
                description: describe::package(&pick.def.name, pick.credits, pick.months),
                quantity: 1,
                unit: per_month,
                months: pick.months,
                start: self.as_of,
                end,
                raw,
                proration,
            },
        )
    }
}
