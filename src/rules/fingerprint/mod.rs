//! R15 Fingerprint: SHA-256 over a canonical serialization, so that the browser's quote and the
//! backend's can be compared before charging.
//!
//! The canonical serialization is a compact byte string written in a fixed order, streamed into
//! the hash without being kept (the fingerprint is computed on every keystroke, and fewer bytes
//! mean fewer SHA-256 blocks, which count in the browser):
//!
//! ```text
//! "CCFP" 4                                   magic and format version    } the header, zero-
//! LIBRARY_VERSION CATALOG_VERSION minorUnits                             } padded to 64 bytes
//! "Q" asOf                                   ("R" for a renewal preview)
//! country role plan seats
//! ?[status ?termMonths ?periodStart ?periodEnd ?renewedUntil ?anchorDay] autoRenewal
//! ?[id creditsPerMonth pricePerMonth start end]  (the account's running package)
//! ?[method installments]                     (savedPayment)
//! ---- a renewal preview ends its order here, with the amounts below ----
//! ?[renew ?upgradeTo ?addSeats]              (absent when the order asks for no change)
//! ?[plan seats termMonths]                   (newSubscription)
//! ?[id ?creditsPerMonth months]              (creditPackage, its credits made explicit)
//! method installments
//! ?[companyName country ?address]            (invoice)
//! #lines [lineKind amount]... subtotal commission total #schedule [amount]...
//! ```
//!
//! - `?x` is one byte, 0 when `x` is absent, 1 followed by `x` when present; a boolean is one
//!   byte, 0 or 1.
//! - Strings are their UTF-8 length as a varint, then the bytes. An enumeration is one byte, its
//!   position in its list: role `admin` 0, `member` 1; status `active` 0, `none` 1, `expired` 2;
//!   line kind `subscription_new` 0, `subscription_renewal` 1, `subscription_upgrade` 2,
//!   `subscription_seats` 3, `credit_package` 4.
//! - Whole numbers and counts (`#`) are unsigned LEB128 varints; a date is the varint of
//!   `year × 10000 + month × 100 + day`.
//! - An amount is its count of minor units (`12.50` is 1250 in USD), zigzag-encoded as a varint;
//!   the account package's `pricePerMonth`, which may have more decimals, is its text.
//! - Format 4 added every account field (the running package, the saved payment, `renewedUntil`,
//!   `anchorDay`, written as the day in effect: given, else `periodStart`'s), and the leading `Q`
//!   or `R`.
//!
//! The header depends on the catalog alone and fills whole SHA-256 blocks, so a checkout hashes
//! it once and each quote starts from that state: the typical order's body then takes two blocks.
//!
//! `locale` is left out: it shapes only display strings, so a browser in pt-BR and a backend in
//! en-US hash the same bytes.

mod sha256;

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;
use sha256::Sha256;

use crate::order::{Account, Order};
use crate::rules::installments::Due;

/// A priced line as the fingerprint reads it: its kind, as its position in the list of line
/// kinds, and its amount. The quote's lines implement it, so that this module needs nothing of
/// the quote.
pub(crate) trait PricedLine {
    fn kind(&self) -> u8;
    fn amount(&self) -> Decimal;
}

/// The quote's amounts that go into the fingerprint, rounded to the catalog's minor units.
pub(crate) struct Amounts<'a, L> {
    pub minor_units: u32,
    pub lines: &'a [L],
    pub subtotal: Decimal,
    pub commission: Decimal,
    pub total: Decimal,
    pub schedule: &'a [Due],
}

/// Where the canonical bytes go: the hash, or (in tests) a vector to look at.
pub(crate) trait Sink {
    fn bytes(&mut self, bytes: &[u8]);
    fn byte(&mut self, b: u8) {
        self.bytes(&[b]);
    }
}

impl Sink for Vec<u8> {
    fn bytes(&mut self, bytes: &[u8]) {
        self.extend_from_slice(bytes);
    }
}

/// Bytes on their way into the hash.
struct Hashing(Sha256);

impl Sink for Hashing {
    #[inline]
    fn byte(&mut self, b: u8) {
        self.0.byte(b);
    }

    fn bytes(&mut self, bytes: &[u8]) {
        self.0.update(bytes);
    }
}

impl Hashing {
    /// Lowercase hex SHA-256 of everything written.
    fn finish(self) -> Fingerprint {
        Fingerprint::of(&self.0.finalize())
    }
}

/// The encodings of the module documentation.
struct Canon<S>(S);

impl<S: Sink> Canon<S> {
    fn bytes(&mut self, bytes: &[u8]) {
        self.0.bytes(bytes);
    }

    /// Unsigned LEB128, seven bits at a time from the lowest.
    #[inline]
    fn num(&mut self, mut n: u64) {
        while n >= 0x80 {
            self.0.byte((n & 0x7f) as u8 | 0x80);
            n >>= 7;
        }
        self.0.byte(n as u8);
    }

    fn wide(&mut self, mut n: u128) {
        while u64::try_from(n).is_err() {
            self.0.byte((n & 0x7f) as u8 | 0x80);
            n >>= 7;
        }
        self.num(u64::try_from(n).unwrap_or_default());
    }

    #[inline]
    fn byte(&mut self, b: u8) {
        self.0.byte(b);
    }

    #[inline]
    fn flag(&mut self, v: bool) {
        self.0.byte(u8::from(v));
    }

    #[inline]
    fn str(&mut self, s: &str) {
        self.num(s.len() as u64);
        self.bytes(s.as_bytes());
    }

    fn date(&mut self, d: NaiveDate) {
        let (y, m, day) = (d.year().clamp(0, 9999) as u32, d.month(), d.day());
        self.num(u64::from(y * 10_000 + m * 100 + day));
    }

    /// An amount as zigzag minor units.
    fn amount(&mut self, value: Decimal, minor_units: u32) {
        let mut v = value;
        if v.scale() != minor_units {
            v.rescale(minor_units);
        }
        let m = v.mantissa();
        match i64::try_from(m) {
            Ok(small) => self.num(((small << 1) ^ (small >> 63)) as u64),
            Err(_) => self.wide(((m << 1) ^ (m >> 127)) as u128),
        }
    }

    fn opt<T>(&mut self, v: Option<T>, write: impl FnOnce(&mut Self, T)) {
        self.flag(v.is_some());
        if let Some(v) = v {
            write(self, v);
        }
    }
}

/// Writes the canonical serialization (see the module documentation) into `w`;
/// `package_credits` is the package's credits a month, explicit even where the order left them
/// out.
/// The header: magic, versions and minor units, zero-padded to a multiple of 64 bytes.
fn write_header<S: Sink>(w: &mut Canon<S>, catalog_version: &str, minor_units: u32) {
    let mut header = Canon(Vec::with_capacity(64));
    header.bytes(b"CCFP\x04");
    header.str(crate::version());
    header.str(catalog_version);
    header.num(u64::from(minor_units));
    let mut bytes = header.0;
    bytes.resize(bytes.len().div_ceil(64) * 64, 0);
    w.bytes(&bytes);
}

/// The body: the order and the quote's amounts.
fn write<S: Sink, L: PricedLine>(
    w: &mut Canon<S>,
    o: &Order,
    package_credits: Option<u64>,
    amounts: &Amounts<'_, L>,
) {
    w.byte(b'Q');
    w.date(o.as_of.date());
    write_account(w, &o.account);
    w.opt(o.subscription.as_ref().filter(|s| s.is_action()), |w, s| {
        w.flag(s.renew == Some(true));
        w.opt(s.upgrade_to.as_deref(), Canon::str);
        w.opt(s.add_seats, |w, n| w.num(u64::from(n)));
    });
    w.opt(o.new_subscription.as_ref(), |w, n| {
        w.str(&n.plan);
        w.num(u64::from(n.seats));
        w.num(u64::from(n.term_months));
    });
    w.opt(o.credit_package.as_ref(), |w, p| {
        w.str(&p.id);
        w.opt(package_credits.or(p.credits_per_month), Canon::num);
        w.num(u64::from(p.months));
    });
    w.str(&o.payment.method);
    w.num(u64::from(o.payment.installments));
    w.opt(o.invoice.as_ref(), |w, i| {
        w.str(&i.company_name);
        w.str(&i.country);
        w.opt(i.address.as_deref(), Canon::str);
    });

    write_amounts(w, amounts);
}

/// Every account field (R15: every field that can change an amount or an outcome).
fn write_account<S: Sink>(w: &mut Canon<S>, a: &Account) {
    w.str(&a.country);
    w.byte(a.role as u8);
    w.str(&a.plan);
    w.num(u64::from(a.seats));
    w.opt(a.subscription.as_ref(), |w, s| {
        w.byte(s.status as u8);
        w.opt(s.term_months, |w, t| w.num(u64::from(t)));
        w.opt(s.period_start, |w, d| w.date(d.date()));
        w.opt(s.period_end, |w, d| w.date(d.date()));
        w.opt(s.renewed_until, |w, d| w.date(d.date()));
        // Normalized: the anchor day in effect, given or `periodStart`'s.
        let anchor = s.anchor_day.or(s.period_start.map(|d| d.date().day()));
        w.opt(anchor, |w, d| w.num(u64::from(d)));
    });
    w.flag(a.auto_renewal);
    w.opt(a.credit_package.as_ref(), |w, p| {
        w.str(&p.id);
        w.num(p.credits_per_month);
        w.str(&p.price_per_month.to_string());
        w.date(p.start.date());
        w.date(p.end.date());
    });
    w.opt(a.saved_payment.as_ref(), |w, p| {
        w.str(&p.method);
        w.num(u64::from(p.installments));
    });
}

fn write_amounts<S: Sink, L: PricedLine>(w: &mut Canon<S>, amounts: &Amounts<'_, L>) {
    let mu = amounts.minor_units;
    w.num(amounts.lines.len() as u64);
    for line in amounts.lines {
        w.byte(line.kind());
        w.amount(line.amount(), mu);
    }
    w.amount(amounts.subtotal, mu);
    w.amount(amounts.commission, mu);
    w.amount(amounts.total, mu);
    w.num(amounts.schedule.len() as u64);
    for due in amounts.schedule {
        w.amount(due.amount.value(), mu);
    }
}

/// R17: the fingerprint of a renewal preview, over its date, the account and its amounts.
pub(crate) fn renewal_fingerprint<L: PricedLine>(
    header: &Header,
    as_of: NaiveDate,
    account: &Account,
    amounts: &Amounts<'_, L>,
) -> Fingerprint {
    let mut w = Canon(Hashing(header.0.clone()));
    w.byte(b'R');
    w.date(as_of);
    write_account(&mut w, account);
    write_amounts(&mut w, amounts);
    w.0.finish()
}

/// R15: the fingerprint of a quote, lowercase hex SHA-256 of its canonical serialization.
pub(crate) fn fingerprint<L: PricedLine>(
    header: &Header,
    order: &Order,
    package_credits: Option<u64>,
    amounts: &Amounts<'_, L>,
) -> Fingerprint {
    let mut w = Canon(Hashing(header.0.clone()));
    write(&mut w, order, package_credits, amounts);
    w.0.finish()
}

/// The hash state after a catalog's header (whole blocks, nothing buffered).
#[derive(Clone)]
pub(crate) struct Header(Sha256);

impl Header {
    pub(crate) fn new(catalog_version: &str, minor_units: u32) -> Header {
        let mut w = Canon(Hashing(Sha256::new()));
        write_header(&mut w, catalog_version, minor_units);
        Header(w.0 .0)
    }
}

impl std::fmt::Debug for Header {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str("Header")
    }
}

/// A quote's fingerprint: 64 lowercase hex digits, read as a `&str`.
#[derive(Clone, Copy, PartialEq, Eq, Hash)]
pub struct Fingerprint([u8; 64]);

impl Fingerprint {
    fn of(digest: &[u8]) -> Fingerprint {
        const HEX: &[u8; 16] = b"0123456789abcdef";
        let mut out = [b'0'; 64];
        for (pair, b) in out.chunks_exact_mut(2).zip(digest) {
            for (slot, nibble) in pair.iter_mut().zip([b >> 4, b & 15]) {
                *slot = HEX.get(usize::from(nibble)).copied().unwrap_or(b'0');
            }
        }
        Fingerprint(out)
    }

    pub fn as_str(&self) -> &str {
        std::str::from_utf8(&self.0).unwrap_or_default()
    }
}

impl std::ops::Deref for Fingerprint {
    type Target = str;
    fn deref(&self) -> &str {
        self.as_str()
    }
}

impl std::fmt::Display for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.write_str(self.as_str())
    }
}

impl std::fmt::Debug for Fingerprint {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "Fingerprint({})", self.as_str())
    }
}

impl serde::Serialize for Fingerprint {
    fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
        s.serialize_str(self.as_str())
    }
}

#[cfg(test)]
mod tests;
