//! R12 Subscription changes: `upgradeTo` must cost more per seat than the current plan
//! (`PLAN_NOT_AN_UPGRADE`), `addSeats` 1..10,000, both prorated over the rest of the current
//! period; `renew` buys the next term, `newSubscription` plan x seats x termMonths from `asOf`.
//! Periods end on the anchor day (clamped); `renew` with the next period already paid
//! (`renewedUntil`) is `ALREADY_RENEWED`, and upgrade and seat lines then add the prepaid term in
//! full.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::assessed::{ActivePeriod, Assessed, NewPeriod};
use super::lines::{Draft, Priced};
use crate::catalog::{Catalog, Plan};
use crate::describe;
use crate::error::{invalid, ErrorCode, Problem};
use crate::order::{NewSubscription, Order, SubscriptionChange};
use crate::period::{add_months, days_between, IsoDate};
use crate::quote::{LineKind, Proration, SubscriptionAfter};
use crate::rules::money::{self, Overflow};

mod period;

pub(crate) use period::{check_active, check_renew};

/// Seats one order may add, or a new subscription may start with.
pub const MAX_ORDER_SEATS: u32 = 10_000;

/// A new subscription's plan, seats and term, and the period it runs for.
pub(super) fn check_new<'a>(
    catalog: &'a Catalog,
    ns: &NewSubscription,
    as_of: NaiveDate,
    problems: &mut Vec<Problem>,
) -> Option<NewPeriod<'a>> {
    let plan = catalog.plan(&ns.plan);
    if plan.is_none() {
        problems.push(Problem::new(
            ErrorCode::UnknownPlan,
            "newSubscription.plan",
            "no such plan in the catalog",
        ));
    }
    if !(1..=MAX_ORDER_SEATS).contains(&ns.seats) {
        problems.push(invalid("newSubscription.seats", "must be 1 to 10,000"));
    }
    let end = add_months(as_of, ns.term_months);
    if !catalog.subscription_terms.contains(&ns.term_months) {
        problems.push(
            invalid(
                "newSubscription.termMonths",
                "must be one of the catalog's subscription terms",
            )
            .with("terms", catalog.subscription_terms.clone()),
        );
    } else if end.is_none() {
        problems.push(invalid("asOf", "the term would end after the year 9999"));
    }
    match (plan, end) {
        (Some(plan), Some(end)) => Some(NewPeriod {
            plan,
            seats: ns.seats,
            term: ns.term_months,
            end,
        }),
        _ => None,
    }
}

/// The order's change to the active subscription: the plan it upgrades to and the seats it
/// adds. A change next to a new subscription is refused, and without an active subscription
/// (already reported) there is nothing to change.
pub(super) fn check_change<'a>(
    catalog: &'a Catalog,
    order: &Order,
    change: Option<&SubscriptionChange>,
    is_active: bool,
    plan_before: Option<&Plan>,
    problems: &mut Vec<Problem>,
) -> (Option<&'a Plan>, Option<u32>) {
    let mut upgrade = None;
    let mut add_seats = None;
    let applicable = change.filter(|_| {
        if order.new_subscription.is_some() {
            problems.push(invalid(
                "subscription",
                "a new subscription cannot be renewed, upgraded or given seats in the same order",
            ));
        }
        is_active && order.new_subscription.is_none()
    });
    if let Some(ch) = applicable {
        if let Some(id) = &ch.upgrade_to {
            match (catalog.plan(id), plan_before) {
                (None, _) => problems.push(Problem::new(
                    ErrorCode::UnknownPlan,
                    "subscription.upgradeTo",
                    "no such plan in the catalog",
                )),
                (Some(new), Some(old)) if new.seat_price_per_month <= old.seat_price_per_month => {
                    problems.push(
                        Problem::new(
                            ErrorCode::PlanNotAnUpgrade,
                            "subscription.upgradeTo",
                            format!("{} does not cost more per seat than {}", new.name, old.name),
                        )
                        .with("currentPlan", old.id.clone()),
                    );
                }
                (Some(new), _) => upgrade = Some(new),
            }
        }
        if let Some(n) = ch.add_seats {
            if (1..=MAX_ORDER_SEATS).contains(&n) {
                add_seats = Some(n);
            } else {
                problems.push(invalid("subscription.addSeats", "must be 1 to 10,000"));
            }
        }
    }
    (upgrade, add_seats)
}

fn prorated(
    unit: Decimal,
    quantity: u32,
    term: u32,
    days: i64,
    period_days: i64,
) -> Result<Decimal, Overflow> {
    let full = money::mul(money::mul(unit, Decimal::from(quantity))?, Decimal::from(term))?;
    money::div(
        money::mul(full, Decimal::from(days))?,
        Decimal::from(period_days.max(1)),
    )
}

impl Assessed<'_> {
    /// The subscription's lines, in this order: new subscription, upgrade, added seats, renewal.
    pub(super) fn price_subscription(&self, out: &mut Priced) -> Result<(), Overflow> {
        let mu = self.catalog.minor_units;
        if let Some(ns) = self.new_sub {
            out.push(mu, self.new_line(ns)?)?;
        }
        if let Some(a) = self.active {
            let proration = Proration {
                days: days_between(self.as_of, a.end),
                period_days: days_between(a.start, a.end),
            };
            if let Some(new) = self.upgrade {
                let line = self.upgrade_line(a, new, proration)?;
                let prepaid = self.prepaid(a, &line)?;
                out.push(mu, line)?;
                if let Some(line) = prepaid {
                    out.push(mu, line)?;
                }
            }
            if let Some(n) = self.add_seats {
                let line = self.seats_line(a, n, proration)?;
                let prepaid = self.prepaid(a, &line)?;
                out.push(mu, line)?;
                if let Some(line) = prepaid {
                    out.push(mu, line)?;
                }
            }
            if let (true, Some(renewed_end)) = (self.renew, a.renewed_end) {
                out.push(mu, self.renewal_line(a, renewed_end)?)?;
                self.price_package_renewal(a, renewed_end, out)?;
            }
        }
        Ok(())
    }

    fn new_line(&self, ns: NewPeriod<'_>) -> Result<Draft, Overflow> {
        let unit = ns.plan.seat_price_per_month.value();
        let raw = money::mul(money::mul(unit, Decimal::from(ns.seats))?, Decimal::from(ns.term))?;
        Ok(Draft {
            kind: LineKind::SubscriptionNew,
            description: describe::new_subscription(&ns.plan.name, ns.seats, ns.term),
            quantity: ns.seats,
            unit,
            months: ns.term,
            start: self.as_of,
            end: ns.end,
            raw,
            proration: None,
        })
    }

    /// The existing seats at the price difference, prorated.
    fn upgrade_line(&self, a: ActivePeriod, new: &Plan, p: Proration) -> Result<Draft, Overflow> {
        let old = self.plan_before.seat_price_per_month.value();
        let unit = money::sub(new.seat_price_per_month.value(), old)?;
        let raw = prorated(unit, self.seats_before, a.term, p.days, p.period_days)?;
        Ok(Draft {
            kind: LineKind::SubscriptionUpgrade,
            description: describe::upgrade(&self.plan_before.name, &new.name, p),
            quantity: self.seats_before,
            unit,
            months: a.term,
            start: self.as_of,
            end: a.end,
            raw,
            proration: Some(p),
        })
    }

    /// The new seats at the price after the order, prorated.
    fn seats_line(&self, a: ActivePeriod, n: u32, p: Proration) -> Result<Draft, Overflow> {
        let unit = self.plan_after.seat_price_per_month.value();
        let raw = prorated(unit, n, a.term, p.days, p.period_days)?;
        Ok(Draft {
            kind: LineKind::SubscriptionSeats,
            description: describe::added_seats(n, &self.plan_after.name, p),
            quantity: n,
            unit,
            months: a.term,
            start: self.as_of,
            end: a.end,
            raw,
            proration: Some(p),
        })
    }

    /// R12: with the next period already paid, an upgrade or seat line has a second line of the
    /// same kind for the prepaid term, in full at the same unit price, from `periodEnd`.
    fn prepaid(&self, a: ActivePeriod, line: &Draft) -> Result<Option<Draft>, Overflow> {
        let Some(until) = a.renewed_until else {
            return Ok(None);
        };
        let full = money::mul(
            money::mul(line.unit, Decimal::from(line.quantity))?,
            Decimal::from(a.term),
        )?;
        Ok(Some(Draft {
            kind: line.kind,
            description: match line.kind {
                LineKind::SubscriptionUpgrade => {
                    describe::upgrade_prepaid(&self.plan_before.name, &self.plan_after.name)
                }
                _ => describe::seats_prepaid(line.quantity, &self.plan_after.name),
            },
            quantity: line.quantity,
            unit: line.unit,
            months: a.term,
            start: a.end,
            end: until,
            raw: full,
            proration: None,
        }))
    }

    /// The next term at the plan and seats after the order, from the period's end.
    fn renewal_line(&self, a: ActivePeriod, renewed_end: NaiveDate) -> Result<Draft, Overflow> {
        let unit = self.plan_after.seat_price_per_month.value();
        let raw = money::mul(
            money::mul(unit, Decimal::from(self.seats_after))?,
            Decimal::from(a.term),
        )?;
        Ok(Draft {
            kind: LineKind::SubscriptionRenewal,
            description: describe::renewal(&self.plan_after.name, self.seats_after, a.term),
            quantity: self.seats_after,
            unit,
            months: a.term,
            start: a.end,
            end: renewed_end,
            raw,
            proration: None,
        })
    }

    pub fn subscription_after(&self) -> SubscriptionAfter {
        SubscriptionAfter {
            plan: self.plan_after.id.clone(),
            seats: self.seats_after,
            period_end: IsoDate(self.paid_end_after()),
        }
    }

    /// The end of the last paid period after the order: the new term's, the renewed one's, or
    /// the prepaid one's.
    pub fn paid_end_after(&self) -> NaiveDate {
        match (self.new_sub, self.active) {
            (Some(ns), _) => ns.end,
            (None, Some(a)) if self.renew => a.renewed_end.unwrap_or(a.end),
            (None, Some(a)) => a.paid_end(),
            (None, None) => self.as_of,
        }
    }
}
