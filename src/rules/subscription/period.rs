//! The active subscription's period as the account gives it: whole, on its anchor day, holding
//! `asOf`, with the next period possibly already paid.

use chrono::NaiveDate;

use super::super::assessed::ActivePeriod;
use crate::catalog::MAX_TERM_MONTHS;
use crate::error::{invalid, ErrorCode, Problem};
use crate::order::AccountSubscription;
use crate::period::{Anchor, IsoDate};

/// R12: an active subscription's period is whole, on its anchor day (R3), and holds `asOf`:
/// in `[periodStart, periodEnd)` for an order, in `[periodStart, last paid end]` for a renewal
/// preview (`through_paid_end`).
pub(crate) fn check_active(
    sub: &AccountSubscription,
    as_of: NaiveDate,
    through_paid_end: bool,
    renew: bool,
    problems: &mut Vec<Problem>,
) -> Option<ActivePeriod> {
    let base = "account.subscription";
    let term = check_fields(sub, problems);
    let (term, start, end) = (term?, sub.period_start?.date(), sub.period_end?.date());
    let anchor = check_anchor(sub, start, problems)?;
    let expected = anchor.months_after(start, term);
    if expected != Some(end) {
        problems.push(expected_date(
            &format!("{base}.periodEnd"),
            "must be termMonths after periodStart, on the anchor day",
            expected,
        ));
        return None;
    }
    let renewed_end = anchor.months_after(start, term.saturating_mul(2));
    if let Some(until) = sub.renewed_until {
        if renewed_end != Some(until.date()) {
            problems.push(expected_date(
                &format!("{base}.renewedUntil"),
                "must be twice termMonths after periodStart, on the anchor day",
                renewed_end,
            ));
            return None;
        }
    }
    let renewed_until = sub.renewed_until.map(IsoDate::date);
    let after = if through_paid_end {
        as_of > renewed_until.unwrap_or(end)
    } else {
        as_of >= end
    };
    if as_of < start || after {
        problems.push(invalid(
            "asOf",
            "must lie within the subscription's current period",
        ));
        return None;
    }
    if renew && renewed_end.is_none() {
        problems.push(invalid(
            &format!("{base}.periodEnd"),
            "a renewal would end after the year 9999",
        ));
        return None;
    }
    Some(ActivePeriod {
        start,
        end,
        term,
        anchor,
        renewed_end,
        renewed_until,
    })
}

/// The fields an active subscription needs: its term (1 to 120 months, returned), its period's
/// start and end.
fn check_fields(sub: &AccountSubscription, problems: &mut Vec<Problem>) -> Option<u32> {
    let base = "account.subscription";
    let missing = |name: &str| invalid(&format!("{base}.{name}"), "required for an active subscription");
    let term = match sub.term_months {
        None => {
            problems.push(missing("termMonths"));
            None
        }
        Some(t) if !(1..=MAX_TERM_MONTHS).contains(&t) => {
            problems.push(invalid(&format!("{base}.termMonths"), "must be 1 to 120"));
            None
        }
        Some(t) => Some(t),
    };
    if sub.period_start.is_none() {
        problems.push(missing("periodStart"));
    }
    if sub.period_end.is_none() {
        problems.push(missing("periodEnd"));
    }
    term
}

/// R3: the anchor day, 1 to 31 (`periodStart`'s day where absent), on which `periodStart` falls.
fn check_anchor(sub: &AccountSubscription, start: NaiveDate, problems: &mut Vec<Problem>) -> Option<Anchor> {
    let field = "account.subscription.anchorDay";
    let Some(day) = sub.anchor_day else {
        return Some(Anchor::of(start));
    };
    if !(1..=31).contains(&day) {
        problems.push(invalid(field, "must be a day of the month, 1 to 31"));
        return None;
    }
    let anchor = Anchor { day };
    if !anchor.is_reset(start) {
        problems.push(invalid(
            field,
            "periodStart must fall on the anchor day (29-31 clamp to the month's end)",
        ));
        return None;
    }
    Some(anchor)
}

fn expected_date(field: &str, message: &str, expected: Option<NaiveDate>) -> Problem {
    let p = invalid(field, message);
    match expected {
        Some(e) => p.with("expected", IsoDate(e).to_string()),
        None => p,
    }
}

/// R12: `renew` on an account whose next period is already paid.
pub(crate) fn check_renew(active: Option<ActivePeriod>, renew: bool, problems: &mut Vec<Problem>) {
    if let (true, Some(until)) = (renew, active.and_then(|a| a.renewed_until)) {
        problems.push(
            Problem::new(
                ErrorCode::AlreadyRenewed,
                "subscription.renew",
                "the next period is already paid",
            )
            .with("renewedUntil", IsoDate(until).to_string()),
        );
    }
}
