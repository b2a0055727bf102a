//! R13 Money: decimal amounts, rounded once, half away from zero, written with exactly
//! `minorUnits` decimals. No floats anywhere.

use std::fmt;

use rust_decimal::{Decimal, RoundingStrategy};
use serde::{Serialize, Serializer};

/// The largest amount the library computes with: a quadrillion in the catalog currency. Anything
/// above is `AMOUNT_OVERFLOW` (R13), which also keeps every amount exact with 8 minor units and
/// safe to show in JavaScript.
pub const MAX_AMOUNT: Decimal = Decimal::from_parts(0x_a4c6_8000, 0x_0003_8d7e, 0, false, 0);

/// The largest `minorUnits` a catalog may declare.
pub const MAX_MINOR_UNITS: u32 = 8;

/// Arithmetic went past [`MAX_AMOUNT`] or past what a decimal can hold.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Overflow;

/// Checks that an intermediate or final amount stays within [`MAX_AMOUNT`].
pub fn bounded(value: Decimal) -> Result<Decimal, Overflow> {
    // A mantissa up to 10^15 is within bounds at any scale: the common case, without a decimal
    // comparison.
    if value.mantissa().unsigned_abs() <= 1_000_000_000_000_000 {
        return Ok(value);
    }
    if value.abs() > MAX_AMOUNT {
        Err(Overflow)
    } else {
        Ok(value)
    }
}

pub fn add(a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
    a.checked_add(b).ok_or(Overflow).and_then(bounded)
}

/// `a - b` as `a + (-b)`: one addition routine in the Wasm build, not two.
pub fn sub(a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
    add(a, -b)
}

/// Multiplies; the product may exceed [`MAX_AMOUNT`] only as an intermediate inside a rule, so
/// this checks the decimal range alone.
pub fn mul(a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
    a.checked_mul(b).ok_or(Overflow)
}

pub fn div(a: Decimal, b: Decimal) -> Result<Decimal, Overflow> {
    a.checked_div(b).ok_or(Overflow)
}

/// Rounds to `minor_units` decimals, half away from zero, and fixes the scale so that the
/// written form has exactly that many decimals.
pub fn round(value: Decimal, minor_units: u32) -> Result<Decimal, Overflow> {
    let mut r = bounded(value)?.round_dp_with_strategy(minor_units, RoundingStrategy::MidpointAwayFromZero);
    r.rescale(minor_units);
    Ok(r)
}

/// Writes a rounded amount with exactly `minor_units` decimals (`"12.50"`).
#[cfg(test)]
pub fn format(value: Decimal, minor_units: u32) -> String {
    Fixed::new(value, minor_units).to_string()
}

/// A decimal written with exactly a fixed number of decimals (`"12.50"`), rounded half away from
/// zero: every amount of a quote (R13), and the commission percent. It stays a number until it
/// is written (`Display`, serde), so a quote holds no string per amount.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Default)]
pub struct Fixed(Decimal);

impl Fixed {
    /// `value` rounded to `decimals` decimals, half away from zero.
    pub fn new(value: Decimal, decimals: u32) -> Fixed {
        if value.scale() == decimals {
            return Fixed(value);
        }
        let mut r = value.round_dp_with_strategy(decimals, RoundingStrategy::MidpointAwayFromZero);
        r.rescale(decimals);
        Fixed(r)
    }

    pub fn value(self) -> Decimal {
        self.0
    }

    /// The number of decimals written.
    pub fn decimals(self) -> u32 {
        self.0.scale()
    }

    /// The written form, in `buf`: the mantissa's digits with the point placed by the scale (the
    /// scale can be lower than asked for only for values near the decimal's limit, far beyond
    /// MAX_AMOUNT).
    pub(crate) fn write(self, buf: &mut [u8; 64]) -> &str {
        std::str::from_utf8(self.ascii(buf)).unwrap_or_default()
    }

    /// The written form as ASCII bytes, in `buf`.
    pub(crate) fn ascii(self, buf: &mut [u8; 64]) -> &[u8] {
        let scale = self.0.scale() as usize;
        let mantissa = self.0.mantissa();
        let mut i = buf.len();
        // Amounts fit in 64 bits, whose division is much faster than 128-bit division.
        let (mut small, mut wide) = match u64::try_from(mantissa.unsigned_abs()) {
            Ok(n) => (n, None),
            Err(_) => (0, Some(mantissa.unsigned_abs())),
        };
        let mut written = 0;
        while i > 1 {
            if written == scale && scale > 0 {
                i -= 1;
                if let Some(slot) = buf.get_mut(i) {
                    *slot = b'.';
                }
            }
            let digit = match wide.as_mut() {
                None => {
                    let d = small % 10;
                    small /= 10;
                    d
                }
                Some(n) => {
                    let d = (*n % 10) as u64;
                    *n /= 10;
                    d
                }
            };
            i -= 1;
            if let Some(slot) = buf.get_mut(i) {
                *slot = b'0' + digit as u8;
            }
            written += 1;
            let rest_zero = wide.map_or(small == 0, |n| n == 0);
            if rest_zero && written > scale {
                break;
            }
        }
        if mantissa < 0 && i > 0 {
            i -= 1;
            if let Some(slot) = buf.get_mut(i) {
                *slot = b'-';
            }
        }
        buf.get(i..).unwrap_or_default()
    }
}

impl fmt::Display for Fixed {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.write(&mut [0; 64]))
    }
}

impl Serialize for Fixed {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.write(&mut [0; 64]))
    }
}

/// An amount with its currency, written for people the plain way (`"USD 12.50"`): the quote's
/// `display` natively. The browser package writes the same amounts with `Intl.NumberFormat`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Money {
    /// The catalog's ISO 4217 code (three ASCII capitals, checked with the catalog).
    currency: [u8; 3],
    pub amount: Fixed,
}

impl Money {
    pub fn new(currency: &str, amount: Fixed) -> Money {
        let mut code = [b'?'; 3];
        for (slot, b) in code.iter_mut().zip(currency.bytes()) {
            *slot = b;
        }
        Money {
            currency: code,
            amount,
        }
    }

    pub fn currency(&self) -> &str {
        std::str::from_utf8(&self.currency).unwrap_or("???")
    }
}

impl fmt::Display for Money {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.currency())?;
        f.write_str(" ")?;
        f.write_str(self.amount.write(&mut [0; 64]))
    }
}

impl Serialize for Money {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(self)
    }
}

impl PartialEq<&str> for Fixed {
    fn eq(&self, other: &&str) -> bool {
        self.write(&mut [0; 64]) == *other
    }
}

/// The amount in minor units (cents for USD).
fn to_minor(value: Decimal, minor_units: u32) -> Result<i128, Overflow> {
    // `round` leaves exactly `minor_units` decimals, so the mantissa counts minor units.
    Ok(round(value, minor_units)?.mantissa())
}

/// R9: `total` split into `count` amounts that sum to it exactly and differ by at most one minor
/// unit, the larger ones first (100.00 in 3: 33.34, 33.33, 33.33). Amounts are worked out when
/// asked for, without a list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Split {
    base: i128,
    extra: i128,
    count: u32,
    minor_units: u32,
}

impl Split {
    /// `count` equal amounts of `each` (already rounded).
    pub fn even(each: Decimal, count: u32, minor_units: u32) -> Result<Split, Overflow> {
        Ok(Split {
            base: to_minor(each, minor_units)?,
            extra: 0,
            count: count.max(1),
            minor_units,
        })
    }

    pub fn count(self) -> u32 {
        self.count
    }

    /// The amount with index `i` (from 0).
    pub fn get(self, i: u32) -> Decimal {
        let minor = if i128::from(i) < self.extra {
            self.base + 1
        } else {
            self.base
        };
        Decimal::from_i128_with_scale(minor, self.minor_units)
    }

    pub fn first(self) -> Decimal {
        self.get(0)
    }
}

/// R9: splits `total` into `count` amounts (see [`Split`]).
pub fn split(total: Decimal, count: u32, minor_units: u32) -> Result<Split, Overflow> {
    let minor = to_minor(total, minor_units)?;
    let n = i128::from(count.max(1));
    Ok(Split {
        base: minor.div_euclid(n),
        extra: minor.rem_euclid(n),
        count: count.max(1),
        minor_units,
    })
}

/// A non-negative decimal written as a string in the catalog (`"15.00"`): digits, an optional
/// point and more digits. Exponents, signs, spaces and underscores are refused.
#[derive(Clone, Copy, Debug, PartialEq, Eq, PartialOrd, Ord, Default)]
pub struct Amount(pub Decimal);

impl Amount {
    pub fn parse(text: &str) -> Option<Amount> {
        let (int, frac) = match text.split_once('.') {
            Some((i, f)) => (i, Some(f)),
            None => (text, None),
        };
        let digits = |s: &str| !s.is_empty() && s.bytes().all(|b| b.is_ascii_digit());
        if !digits(int) || !frac.is_none_or(digits) || text.len() > 40 {
            return None;
        }
        // The digits as one whole number, the point placed by the scale: exact, and without the
        // general decimal parser (which weighs in the Wasm build).
        let mut mantissa: u128 = 0;
        for b in text.bytes().filter(|b| *b != b'.') {
            mantissa = mantissa.checked_mul(10)?.checked_add(u128::from(b - b'0'))?;
        }
        let scale = u32::try_from(frac.map_or(0, str::len)).ok()?;
        Decimal::try_from_i128_with_scale(i128::try_from(mantissa).ok()?, scale)
            .ok()
            .map(Amount)
    }

    pub fn value(self) -> Decimal {
        self.0
    }

    /// The number of decimals as written.
    pub fn scale(self) -> u32 {
        self.0.scale()
    }
}

impl fmt::Display for Amount {
    /// As written, through [`Fixed`]'s writer rather than the decimal's own (lighter in Wasm).
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(Fixed::new(self.0, self.0.scale()).write(&mut [0; 64]))
    }
}

impl Serialize for Amount {
    fn serialize<S: Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.collect_str(&self.0)
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn r13_max_amount_is_a_quadrillion() {
        assert_eq!(MAX_AMOUNT, d("1000000000000000"));
    }

    #[test]
    fn r13_rounds_half_away_from_zero() {
        assert_eq!(format(d("453.6986"), 2), "453.70");
        assert_eq!(format(d("0.125"), 2), "0.13");
        assert_eq!(format(d("-0.125"), 2), "-0.13");
        assert_eq!(format(d("12.5"), 2), "12.50");
        assert_eq!(format(d("7"), 0), "7");
        assert_eq!(format(d("1.5"), 0), "2");
        assert_eq!(format(d("0.05"), 2), "0.05");
        assert_eq!(format(d("-0.001"), 2), "0.00");
        assert_eq!(format(d("0"), 8), "0.00000000");
        assert_eq!(format(d("999999999999999.995"), 2), "1000000000000000.00");
    }

    #[test]
    fn r13_overflow_is_refused() {
        assert_eq!(round(d("1000000000000000.01"), 2), Err(Overflow));
        assert_eq!(mul(Decimal::MAX, d("2")), Err(Overflow));
        assert!(add(MAX_AMOUNT, d("0.01")).is_err());
    }

    #[test]
    fn r9_split_larger_first() {
        let parts3 = split(d("100.00"), 3, 2).unwrap();
        let parts: Vec<String> = (0..parts3.count()).map(|i| format(parts3.get(i), 2)).collect();
        assert_eq!(parts, ["33.34", "33.33", "33.33"]);
        let parts7 = split(d("0.05"), 7, 2).unwrap();
        let parts: Vec<String> = (0..parts7.count()).map(|i| format(parts7.get(i), 2)).collect();
        assert_eq!(parts, ["0.01", "0.01", "0.01", "0.01", "0.01", "0.00", "0.00"]);
    }

    #[test]
    fn amounts_parse_strictly() {
        assert_eq!(
            Amount::parse("15.00").map(|a| a.to_string()),
            Some("15.00".into())
        );
        for bad in ["", "-1", "+1", "1e3", " 1", "1.", ".5", "1_000", "1.2.3", "NaN"] {
            assert_eq!(Amount::parse(bad), None, "{bad:?}");
        }
        // Exact: 28 decimals at most, 96 bits of digits at most.
        assert_eq!(
            Amount::parse("0012.340").map(|a| a.value()),
            Some(Decimal::new(12340, 3))
        );
        assert_eq!(
            Amount::parse("0.0000000000000000000000000001").map(|a| a.value()),
            Some(Decimal::new(1, 28))
        );
        assert_eq!(Amount::parse("0.00000000000000000000000000001"), None);
        assert_eq!(
            Amount::parse("79228162514264337593543950335").map(|a| a.value()),
            Some(Decimal::MAX)
        );
        assert_eq!(Amount::parse("79228162514264337593543950336"), None);
    }
}
