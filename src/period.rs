//! Dates and periods: strict ISO dates, months added from an anchor day and clamped (credit
//! cycles, package terms, schedules, subscription periods). Intervals are half-open: a period ends
//! on the day the next one starts.

use std::fmt;

use chrono::{Datelike, NaiveDate};
use serde::{Serialize, Serializer};

/// A calendar date written `YYYY-MM-DD`, years 0001..=9999.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Hash)]
pub struct IsoDate(pub NaiveDate);

impl IsoDate {
    /// Parses exactly `YYYY-MM-DD`; `2026-7-3`, `2026-02-30` and datetimes are refused.
    pub fn parse(text: &str) -> Option<IsoDate> {
        let b = text.as_bytes();
        if b.len() != 10 || b.get(4) != Some(&b'-') || b.get(7) != Some(&b'-') {
            return None;
        }
        let num = |range: std::ops::Range<usize>| -> Option<u32> {
            let part = b.get(range)?;
            part.iter().try_fold(0u32, |acc, c| {
                c.is_ascii_digit().then(|| acc * 10 + u32::from(c - b'0'))
            })
        };
        let year = i32::try_from(num(0..4)?).ok()?;
        let (month, day) = (num(5..7)?, num(8..10)?);
        if year < 1 {
            return None;
        }
        NaiveDate::from_ymd_opt(year, month, day).map(IsoDate)
    }

    pub fn date(self) -> NaiveDate {
        self.0
    }
}

impl From<NaiveDate> for IsoDate {
    fn from(d: NaiveDate) -> Self {
        IsoDate(d)
    }
}

impl IsoDate {
    /// The written form, in `buf`.
    pub(crate) fn ascii_str(self, buf: &mut [u8; 10]) -> &str {
        *buf = self.ascii();
        std::str::from_utf8(buf).unwrap_or_default()
    }

    /// `YYYY-MM-DD` written digit by digit: dates are in every quote many times over, and the
    /// formatting machinery costs more than the date.
    pub(crate) fn ascii(self) -> [u8; 10] {
        let d = self.0;
        let (y, m, day) = (d.year().clamp(0, 9999) as u32, d.month(), d.day());
        let digit = |n: u32| b'0' + (n % 10) as u8;
        [
            digit(y / 1000),
            digit(y / 100),
            digit(y / 10),
            digit(y),
            b'-',
            digit(m / 10),
            digit(m),
            b'-',
            digit(day / 10),
            digit(day),
        ]
    }
}

impl fmt::Display for IsoDate {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        let bytes = self.ascii();
        f.write_str(std::str::from_utf8(&bytes).unwrap_or("0000-00-00"))
    }
}

impl Serialize for IsoDate {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        let bytes = self.ascii();
        s.serialize_str(std::str::from_utf8(&bytes).unwrap_or("0000-00-00"))
    }
}

/// Months counted from year 0, so that month arithmetic is integer arithmetic.
fn month_index(d: NaiveDate) -> i64 {
    i64::from(d.year()) * 12 + i64::from(d.month0())
}

fn days_in_month(year: i32, month: u32) -> u32 {
    let leap = year % 4 == 0 && (year % 100 != 0 || year % 400 == 0);
    match month {
        2 if leap => 29,
        2 => 28,
        4 | 6 | 9 | 11 => 30,
        _ => 31,
    }
}

/// The date on `anchor_day` of the month with index `index`, clamped to that month's last day.
fn on_anchor(index: i64, anchor_day: u32) -> Option<NaiveDate> {
    let year = i32::try_from(index.div_euclid(12)).ok()?;
    let month = u32::try_from(index.rem_euclid(12)).ok()? + 1;
    if !(1..=9999).contains(&year) {
        return None;
    }
    NaiveDate::from_ymd_opt(year, month, anchor_day.min(days_in_month(year, month)))
}

/// `start` plus `months`, keeping `start`'s day of month, clamped (Jan 31 + 1 = Feb 28).
/// `None` past year 9999.
pub fn add_months(start: NaiveDate, months: u32) -> Option<NaiveDate> {
    on_anchor(month_index(start) + i64::from(months), start.day())
}

/// R3 credit cycles: reset dates fall on the anchor day of every month, clamped.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Anchor {
    pub day: u32,
}

impl Anchor {
    pub fn of(date: NaiveDate) -> Anchor {
        Anchor { day: date.day() }
    }

    /// Whether `date` is a reset date (on the anchor day, clamped).
    pub fn is_reset(self, date: NaiveDate) -> bool {
        on_anchor(month_index(date), self.day) == Some(date)
    }

    /// `months` after `date`'s month, on the anchor day (clamped): a period's end (R12, R17).
    /// `None` past year 9999.
    pub fn months_after(self, date: NaiveDate, months: u32) -> Option<NaiveDate> {
        on_anchor(month_index(date) + i64::from(months), self.day)
    }

    /// The latest reset date on or before `date`: the start of the cycle that holds it.
    pub fn cycle_start(self, date: NaiveDate) -> Option<NaiveDate> {
        let here = on_anchor(month_index(date), self.day)?;
        if here <= date {
            Some(here)
        } else {
            on_anchor(month_index(date) - 1, self.day)
        }
    }

    /// The `n`-th reset date strictly after `date` (`n` = 1: the next reset).
    pub fn reset_after(self, date: NaiveDate, n: u32) -> Option<NaiveDate> {
        self.resets_after(date)?.nth(n.max(1) as usize - 1)?
    }

    /// The reset dates strictly after `date`, in order (`None` past the year 9999).
    pub fn resets_after(self, date: NaiveDate) -> Option<impl Iterator<Item = Option<NaiveDate>>> {
        let index = month_index(date);
        let first = if on_anchor(index, self.day)? > date {
            index
        } else {
            index + 1
        };
        Some((first..).map(move |i| on_anchor(i, self.day)))
    }

    /// How many reset dates fall in `(after, until]`.
    pub fn resets_between(self, after: NaiveDate, until: NaiveDate) -> u32 {
        let (Some(first), Some(last)) = (self.reset_after(after, 1), self.cycle_start(until)) else {
            return 0;
        };
        u32::try_from(month_index(last) - month_index(first) + 1).unwrap_or(0)
    }
}

/// Days from `a` to `b` (negative when `b` is earlier).
pub fn days_between(a: NaiveDate, b: NaiveDate) -> i64 {
    (b - a).num_days()
}

#[cfg(test)]
mod tests {
    use super::*;

    fn d(s: &str) -> NaiveDate {
        IsoDate::parse(s).unwrap().0
    }

    #[test]
    fn dates_parse_strictly() {
        assert_eq!(
            IsoDate::parse("2028-02-29").map(|x| x.to_string()),
            Some("2028-02-29".into())
        );
        for bad in [
            "2026-7-3",
            "2026-02-30",
            "2027-02-29",
            "0000-01-01",
            "2026-07-03T00:00:00",
            "20260703",
            "2026/07/03",
            "+026-07-03",
            "",
        ] {
            assert_eq!(IsoDate::parse(bad), None, "{bad}");
        }
    }

    #[test]
    fn r3_anchor_31_clamps_each_month_from_the_anchor() {
        let a = Anchor { day: 31 };
        let jan = d("2027-01-31");
        let resets: Vec<String> = (1..=4)
            .map(|n| a.reset_after(jan, n).unwrap().to_string())
            .collect();
        assert_eq!(resets, ["2027-02-28", "2027-03-31", "2027-04-30", "2027-05-31"]);
        assert_eq!(a.reset_after(d("2028-02-10"), 1), Some(d("2028-02-29")));
    }

    #[test]
    fn r3_cycle_start_and_next_reset() {
        let a = Anchor { day: 15 };
        assert_eq!(a.cycle_start(d("2026-07-03")), Some(d("2026-06-15")));
        assert_eq!(a.cycle_start(d("2026-07-15")), Some(d("2026-07-15")));
        assert_eq!(a.reset_after(d("2026-07-15"), 1), Some(d("2026-08-15")));
        assert_eq!(a.reset_after(d("2026-07-03"), 3), Some(d("2026-09-15")));
        let a = Anchor { day: 30 };
        assert_eq!(a.cycle_start(d("2027-03-01")), Some(d("2027-02-28")));
    }

    #[test]
    fn r3_days_in_month_follow_the_gregorian_calendar() {
        for (y, m, days) in [
            (2027, 2, 28),
            (2028, 2, 29),
            (1900, 2, 28),
            (2000, 2, 29),
            (2026, 4, 30),
            (2026, 12, 31),
        ] {
            assert_eq!(days_in_month(y, m), days, "{y}-{m}");
        }
    }

    #[test]
    fn r12_add_months_clamps() {
        assert_eq!(add_months(d("2026-08-31"), 6), Some(d("2027-02-28")));
        assert_eq!(add_months(d("2026-01-15"), 12), Some(d("2027-01-15")));
        assert_eq!(add_months(d("9999-12-01"), 1), None);
    }

    #[test]
    fn r5_resets_between_counts_half_open() {
        let a = Anchor { day: 15 };
        assert_eq!(a.resets_between(d("2026-07-03"), d("2027-01-15")), 7);
        assert_eq!(a.resets_between(d("2026-12-01"), d("2027-01-15")), 2);
    }
}
