//! The texts a quote writes for people: each line's description and the credits notice, and the
//! builder that puts them together.

use crate::period::IsoDate;
use crate::quote::Proration;
use crate::text::decimal;

/// `Pro subscription, 3 seats, 12 months`.
pub(crate) fn new_subscription(plan: &str, seats: u32, term: u32) -> String {
    Text::new()
        .s(plan)
        .s(" subscription, ")
        .n(seats)
        .s(" seats, ")
        .n(term)
        .s(" months")
        .done()
}

/// `Upgrade from Advanced to Pro, prorated 120/365 days`.
pub(crate) fn upgrade(from: &str, to: &str, p: Proration) -> String {
    Text::new()
        .s("Upgrade from ")
        .s(from)
        .s(" to ")
        .s(to)
        .prorated(p.days, p.period_days)
        .done()
}

/// `3 added seats on Advanced, prorated 120/365 days`.
pub(crate) fn added_seats(n: u32, plan: &str, p: Proration) -> String {
    Text::new()
        .n(n)
        .s(" added seats on ")
        .s(plan)
        .prorated(p.days, p.period_days)
        .done()
}

/// `Renewal: Advanced, 4 seats, 12 months`.
pub(crate) fn renewal(plan: &str, seats: u32, term: u32) -> String {
    Text::new()
        .s("Renewal: ")
        .s(plan)
        .s(", ")
        .n(seats)
        .s(" seats, ")
        .n(term)
        .s(" months")
        .done()
}

/// `Starter AI credits, 5,000 credits a month, 3 months`.
pub(crate) fn package(name: &str, credits: u64, months: u32) -> String {
    Text::new()
        .s(name)
        .s(" AI credits, ")
        .grouped(credits)
        .s(" credits a month, ")
        .n(months)
        .s(" months")
        .done()
}

/// `Upgrade from Advanced to Pro, prepaid term` (R12): the next period, already paid.
pub(crate) fn upgrade_prepaid(from: &str, to: &str) -> String {
    Text::new()
        .s("Upgrade from ")
        .s(from)
        .s(" to ")
        .s(to)
        .s(", prepaid term")
        .done()
}

/// `3 added seats on Advanced, prepaid term` (R12).
pub(crate) fn seats_prepaid(n: u32, plan: &str) -> String {
    Text::new()
        .n(n)
        .s(" added seats on ")
        .s(plan)
        .s(", prepaid term")
        .done()
}

/// `Unused Starter AI credits until 2026-10-15` (R16).
pub(crate) fn unused(name: &str, end: IsoDate) -> String {
    Text::new()
        .s("Unused ")
        .s(name)
        .s(" AI credits until ")
        .date(end)
        .done()
}

/// `Renewal: Growth AI credits, 50,000 credits a month, 12 months` (R12, R17).
pub(crate) fn package_renewal(name: &str, credits: u64, months: u32) -> String {
    Text::new()
        .s("Renewal: ")
        .s(&package(name, credits, months))
        .done()
}

/// A notice put together from pieces: texts and dates.
pub(crate) fn notice(parts: &[Part<'_>]) -> String {
    let mut t = Text::new();
    for part in parts {
        t = match part {
            Part::S(s) => t.s(s),
            Part::D(d) => t.date(*d),
        };
    }
    t.done()
}

/// A piece of a notice.
pub(crate) enum Part<'a> {
    S(&'a str),
    D(IsoDate),
}

/// The `UNUSED_CREDITS_EXPIRE` notice.
pub(crate) fn credits_reset(next_reset: IsoDate) -> String {
    Text::new()
        .s("Credits reset on ")
        .date(next_reset)
        .s(": unused credits expire and do not carry over.")
        .done()
}

/// A line description or a notice put together piece by piece: quotes are built on every
/// keystroke, and the formatting machinery costs more than the text.
struct Text(String);

impl Text {
    pub fn new() -> Text {
        // Room for the longest usual description (a credit package's, some 70 bytes).
        Text(String::with_capacity(96))
    }

    pub fn s(mut self, part: &str) -> Text {
        self.0.push_str(part);
        self
    }

    /// A whole number, grouped by thousands when `grouped` (`115000` as `115,000`).
    fn number(mut self, n: i64, grouped: bool) -> Text {
        if n < 0 {
            self.0.push('-');
        }
        let mut buf = [0; 20];
        let digits = decimal(n.unsigned_abs(), &mut buf);
        if !grouped {
            self.0.push_str(digits);
            return self;
        }
        // The leading group holds what is left over from groups of three.
        let lead = match digits.len() % 3 {
            0 => 3,
            r => r,
        };
        let (first, mut rest) = digits.split_at_checked(lead).unwrap_or((digits, ""));
        self.0.push_str(first);
        while let Some((group, more)) = rest.split_at_checked(3) {
            self.0.push(',');
            self.0.push_str(group);
            rest = more;
        }
        self
    }

    pub fn n(self, n: impl Into<i64>) -> Text {
        self.number(n.into(), false)
    }

    pub fn grouped(self, n: u64) -> Text {
        self.number(i64::try_from(n).unwrap_or(i64::MAX), true)
    }

    /// `, prorated 120/365 days`.
    fn prorated(self, days: i64, period_days: i64) -> Text {
        self.s(", prorated ").n(days).s("/").n(period_days).s(" days")
    }

    pub fn date(mut self, d: IsoDate) -> Text {
        self.0.push_str(d.ascii_str(&mut [0; 10]));
        self
    }

    pub fn done(self) -> String {
        self.0
    }
}

/// `115000` as `115,000`, for descriptions.
#[cfg(test)]
fn grouped(n: u64) -> String {
    Text::new().grouped(n).done()
}

#[cfg(test)]
mod tests {
    use super::grouped;

    #[test]
    fn descriptions_group_thousands() {
        assert_eq!(grouped(0), "0");
        assert_eq!(grouped(999), "999");
        assert_eq!(grouped(5000), "5,000");
        assert_eq!(grouped(115_000), "115,000");
        assert_eq!(grouped(1_000_000), "1,000,000");
        assert_eq!(grouped(12), "12");
        assert_eq!(grouped(1234), "1,234");
        assert_eq!(grouped(12_345_678), "12,345,678");
    }
}
