//! R2 Credits: plan credits per seat x seats (after the order) + the package's credits (the
//! running one where the order buys none), shared by the whole workspace.
//! R3 Credit cycles: credits reset monthly on the anchor day (`anchorDay`, else `periodStart`'s
//! day; a new subscription's, `asOf`'s), 29-31 clamped to the month's end; unused credits expire.

use chrono::NaiveDate;
use serde::Serialize;

use super::assessed::Assessed;
use crate::period::{Anchor, IsoDate};

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Credits {
    pub included_per_month: u64,
    pub package_per_month: u64,
    pub total_per_month: u64,
    pub next_reset: IsoDate,
    pub cycles: Vec<Cycle>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Cycle {
    pub start: IsoDate,
    pub end: IsoDate,
    pub included: u64,
    pub package: u64,
    pub total: u64,
}

/// R2: plan credits x seats (after the order) + package credits, shared by the whole workspace.
/// R3: one cycle from `as_of` to the next reset, then one per reset up to `package_months`
/// resets after `as_of` (at least the current cycle). At each reset the balance becomes plan +
/// package; unused credits expire.
///
/// `None` when a figure leaves the range of exact JavaScript numbers or a date passes year 9999.
pub fn summarize(
    included_per_seat: u64,
    seats: u32,
    package_per_month: u64,
    anchor: Anchor,
    as_of: NaiveDate,
    package_months: u32,
) -> Option<Credits> {
    let included = included_per_seat.checked_mul(u64::from(seats))?;
    let total = included.checked_add(package_per_month)?;
    let cycle_count = package_months.max(1);
    let mut cycles = Vec::with_capacity(cycle_count as usize);
    let mut start = as_of;
    let mut resets = anchor.resets_after(as_of)?;
    let mut next_reset = None;
    for n in 1..=cycle_count {
        let end = resets.next()??;
        next_reset = next_reset.or(Some(end));
        let package = if n <= package_months { package_per_month } else { 0 };
        cycles.push(Cycle {
            start: start.into(),
            end: end.into(),
            included,
            package,
            total: included.checked_add(package)?,
        });
        start = end;
    }
    Some(Credits {
        included_per_month: included,
        package_per_month,
        total_per_month: total,
        next_reset: next_reset?.into(),
        cycles,
    })
}

impl Assessed<'_> {
    /// The order's credits: the plan and seats after the order, the package, the cycles. Without
    /// a package in the order, the running one counts (R16), its cycles up to its end.
    pub fn credits(&self) -> Option<Credits> {
        let (package_credits, months) = match (self.package, self.running) {
            (Some(p), _) => (p.credits, p.months),
            (None, Some(r)) => (
                r.package.credits_per_month,
                self.frame.anchor.resets_between(self.as_of, r.end),
            ),
            (None, None) => (0, 0),
        };
        summarize(
            self.plan_after.credits_per_seat_per_month,
            self.seats_after,
            package_credits,
            self.frame.anchor,
            self.as_of,
            months,
        )
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r2_r3_seed_example() {
        let as_of = NaiveDate::from_ymd_opt(2026, 7, 3).unwrap();
        let c = summarize(1250, 1, 5000, Anchor { day: 15 }, as_of, 3).unwrap();
        assert_eq!(c.total_per_month, 6250);
        assert_eq!(c.next_reset.to_string(), "2026-07-15");
        let spans: Vec<String> = c
            .cycles
            .iter()
            .map(|c| format!("{}..{}", c.start, c.end))
            .collect();
        assert_eq!(
            spans,
            [
                "2026-07-03..2026-07-15",
                "2026-07-15..2026-08-15",
                "2026-08-15..2026-09-15"
            ]
        );
    }
}
