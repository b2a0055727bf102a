//! The text protocol between the npm package's JS and the Wasm module, kept apart from wasm32 so
//! that native tests can produce the same texts the browser must.
//!
//! Inputs are JSON text, which the package writes from JS values after checking them. Outputs
//! are text too, one string per call (a call across the boundary per field would cost more than
//! the quote):
//!
//! - a failure is `E` followed by the JSON of `{ message, problems }`;
//! - a quote is `Q`, a renewal preview `R` (`renewal.rs`) and an installment list `O`, each followed by its values in a fixed order,
//!   each value preceded by [`SEP`]. The package's decoder (js/checkout.js) reads them back in the
//!   same order into plain objects: this saves the JSON parse, which took longer than the quote.
//!   Numbers are written in decimal, booleans as `1` and `0`, an optional part as a `1` before it
//!   or a lone `0`, a list as its length before its items, line kinds and notice codes by their
//!   number, and a value equal to the one before in a list as `=`. No value can hold `SEP`:
//!   every text a quote carries is the engine's own or the catalog's, which refuses control
//!   characters;
//! - anything else (terms, problems, the catalog) is JSON.
//!
//! Display strings are left to the package, which writes them with `Intl.NumberFormat`.

use crate::checkout::{Checkout, InstallmentOption, TermOption};
use crate::error::{CheckoutError, Problem};
use crate::io::input::{parse_order, parse_renewal_request};
use crate::period::IsoDate;
use crate::quote::{Line, Notice, Quote};
use crate::rules::installments::Installments;
use crate::rules::money::Fixed;
use crate::text::{decimal, write_str};

mod renewal;

pub use renewal::renewal;

/// Precedes every value of a `Q` or `O` text.
pub const SEP: char = '\u{1}';

/// Stands for the value before, repeated: an installment amount, or a cycle's three credit
/// figures. A one-character value costs the decoder no new string.
const SAME: &str = "=";

/// Notice codes by number (js/checkout.js has the same list).
const NOTICES: [&str; 10] = [
    "USES_SAVED_CARD",
    "AUTO_RENEWAL_ENABLED",
    "UNUSED_CREDITS_EXPIRE",
    "USES_SAVED_PAYMENT",
    "PACKAGE_REPLACED",
    "PACKAGE_ENDS_BEFORE_RENEWAL",
    "PACKAGE_NOT_RENEWED",
    "AUTO_RENEWAL_OFF",
    "INSTALLMENTS_RESET",
    "PAYMENT_METHOD_UNAVAILABLE",
];

/// A checkout that speaks the text protocol.
#[derive(Clone, Debug, Default)]
pub struct Engine {
    checkout: Checkout,
}

impl Engine {
    /// An engine over the embedded default catalog.
    pub fn new() -> Engine {
        Engine::default()
    }

    /// Replaces the catalog with `catalog` (JSON text): `""` when it is valid, else the failure.
    pub fn load(&mut self, catalog: &str) -> String {
        match Checkout::from_json(catalog) {
            Ok(c) => {
                self.checkout = c;
                String::new()
            }
            Err(e) => failure(&e),
        }
    }

    pub fn quote(&self, order: &str) -> String {
        match parse_order(order).and_then(|o| self.checkout.quote(&o)) {
            Ok(q) => quote(&q),
            Err(e) => failure(&e),
        }
    }

    /// The problems as a JSON array, `[]` when there are none.
    pub fn validate(&self, order: &str) -> String {
        let problems = match parse_order(order) {
            Ok(o) => self.checkout.validate(&o),
            Err(e) => e.into_problems(),
        };
        let mut out = String::with_capacity(256);
        problems_json(&mut out, &problems);
        out
    }

    /// The terms as a JSON array, or the failure.
    pub fn package_terms(&self, order: &str) -> String {
        match parse_order(order).and_then(|o| self.checkout.package_terms(&o)) {
            Ok(terms) => terms_json(&terms),
            Err(e) => failure(&e),
        }
    }

    pub fn installment_options(&self, order: &str) -> String {
        match parse_order(order).and_then(|o| self.checkout.installment_options(&o)) {
            Ok(options) => options_text(&self.checkout.catalog().currency, &options),
            Err(e) => failure(&e),
        }
    }

    /// R17: the renewal preview of `request` (`{ asOf, account, locale }`), or the failure.
    pub fn renewal(&self, request: &str) -> String {
        match parse_renewal_request(request).and_then(|r| self.checkout.renewal(&r)) {
            Ok(r) => renewal(&r),
            Err(e) => failure(&e),
        }
    }

    /// `1` when `fingerprint` matches, `0` when not, or the failure.
    pub fn verify(&self, order: &str, fingerprint: &str) -> String {
        match parse_order(order).and_then(|o| self.checkout.verify(&o, fingerprint)) {
            Ok(true) => "1".into(),
            Ok(false) => "0".into(),
            Err(e) => failure(&e),
        }
    }
}

/// `E{"message":...,"problems":[...]}`.
pub fn failure(e: &CheckoutError) -> String {
    let mut out = String::with_capacity(256);
    out.push_str("E{\"message\":");
    write_str(&mut out, &e.to_string());
    out.push_str(",\"problems\":");
    problems_json(&mut out, e.problems());
    out.push('}');
    out
}

fn problems_json(out: &mut String, problems: &[Problem]) {
    out.push('[');
    for (i, p) in problems.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"code\":\"");
        out.push_str(p.code.as_str());
        out.push_str("\",\"field\":");
        write_str(out, &p.field);
        out.push_str(",\"message\":");
        write_str(out, &p.message);
        if let Some(details) = &p.details {
            out.push_str(",\"details\":");
            crate::io::json::Value::Object(details.clone()).write(out);
        }
        out.push('}');
    }
    out.push(']');
}

fn terms_json(terms: &[TermOption]) -> String {
    let mut out = String::with_capacity(16 + 80 * terms.len());
    out.push('[');
    for (i, t) in terms.iter().enumerate() {
        if i > 0 {
            out.push(',');
        }
        out.push_str("{\"months\":");
        out.push_str(decimal(u64::from(t.months), &mut [0; 20]));
        out.push_str(",\"start\":\"");
        out.push_str(t.start.ascii_str(&mut [0; 10]));
        out.push_str("\",\"end\":\"");
        out.push_str(t.end.ascii_str(&mut [0; 10]));
        out.push_str("\",\"price\":\"");
        out.push_str(t.price.write(&mut [0; 64]));
        out.push_str("\"}");
    }
    out.push(']');
    out
}

/// Values written for the decoder, each after [`SEP`], as bytes (one UTF-8 check at the end).
struct Tokens(Vec<u8>);

impl Tokens {
    fn new(kind: u8, capacity: usize) -> Tokens {
        let mut out = Vec::with_capacity(capacity);
        out.push(kind);
        Tokens(out)
    }

    #[inline(always)]
    fn sep(&mut self) {
        self.0.push(SEP as u8);
    }

    #[inline(always)]
    fn str(&mut self, v: &str) {
        self.sep();
        self.0.extend_from_slice(v.as_bytes());
    }

    #[inline(always)]
    fn num(&mut self, v: u64) {
        self.int(i64::try_from(v).unwrap_or(i64::MAX));
    }

    #[inline(always)]
    fn int(&mut self, v: i64) {
        self.sep();
        if v < 0 {
            self.0.push(b'-');
        }
        self.0
            .extend_from_slice(decimal(v.unsigned_abs(), &mut [0; 20]).as_bytes());
    }

    #[inline(always)]
    fn flag(&mut self, v: bool) {
        self.sep();
        self.0.push(if v { b'1' } else { b'0' });
    }

    #[inline(always)]
    fn fixed(&mut self, v: Fixed) {
        self.sep();
        self.0.extend_from_slice(v.ascii(&mut [0; 64]));
    }

    #[inline(always)]
    fn date(&mut self, d: IsoDate) {
        self.sep();
        self.0.extend_from_slice(&d.ascii());
    }

    fn done(self) -> String {
        String::from_utf8(self.0).unwrap_or_default()
    }

    /// The lines: their count, then each line's values.
    fn lines(&mut self, lines: &[Line]) {
        self.num(lines.len() as u64);
        for l in lines {
            self.num(l.kind as u64);
            self.str(&l.description);
            self.num(l.quantity);
            self.fixed(l.unit_price);
            self.num(u64::from(l.months));
            self.date(l.period_start);
            self.date(l.period_end);
            self.fixed(l.amount);
            self.flag(l.proration.is_some());
            if let Some(p) = l.proration {
                self.int(p.days);
                self.int(p.period_days);
            }
        }
    }

    /// The installments, their schedule numbered by the decoder.
    fn installments(&mut self, i: &Installments) {
        self.num(u64::from(i.count));
        self.flag(i.interest_free);
        self.fixed(i.commission_percent);
        self.flag(i.processor.is_some());
        if let Some(p) = &i.processor {
            self.str(p);
        }
        self.num(i.schedule.len() as u64);
        let mut last = None;
        for d in &i.schedule {
            self.date(d.due_date);
            if last == Some(d.amount) {
                self.str(SAME);
            } else {
                self.fixed(d.amount);
            }
            last = Some(d.amount);
        }
    }

    /// The notices, each code by its number in [`NOTICES`].
    fn notices(&mut self, notices: &[Notice]) {
        self.num(notices.len() as u64);
        for n in notices {
            self.num(NOTICES.iter().position(|c| *c == n.code).unwrap_or(NOTICES.len()) as u64);
            self.str(&n.message);
        }
    }
}

/// `Q` and the quote's values, in the order js/checkout.js reads them. Kept whole: it is the
/// protocol's field list, read side by side with the decoder.
pub fn quote(q: &Quote) -> String {
    let mut w = Tokens::new(b'Q', 1024);
    w.str(&q.currency);
    w.lines(&q.lines);
    w.fixed(q.subtotal);
    w.fixed(q.commission);
    w.fixed(q.total);
    w.installments(&q.installments);

    w.flag(q.credit_package.is_some());
    if let Some(p) = &q.credit_package {
        w.str(&p.id);
        w.num(p.credits_per_month);
        w.num(u64::from(p.months));
        w.date(p.start);
        w.date(p.end);
        w.flag(p.renews_with_subscription);
    }

    let c = &q.credits;
    w.num(c.included_per_month);
    w.num(c.package_per_month);
    w.num(c.total_per_month);
    w.date(c.next_reset);
    // Each cycle starts where the one before ended: the first start only.
    w.num(c.cycles.len() as u64);
    if let Some(first) = c.cycles.first() {
        w.date(first.start);
    }
    let mut last = None;
    for cy in &c.cycles {
        w.date(cy.end);
        let credits = (cy.included, cy.package, cy.total);
        if last == Some(credits) {
            w.str(SAME);
        } else {
            w.num(cy.included);
            w.num(cy.package);
            w.num(cy.total);
        }
        last = Some(credits);
    }

    w.str(&q.subscription.plan);
    w.num(u64::from(q.subscription.seats));
    w.date(q.subscription.period_end);
    w.flag(q.auto_renewal.before);
    w.flag(q.auto_renewal.after);
    w.flag(q.auto_renewal.reason == crate::quote::RenewalReason::SubscriptionAction);
    w.str(&q.payment.method);
    w.str(&q.payment.charged_to);
    w.notices(&q.notices);
    w.str(q.fingerprint.as_str());
    w.done()
}

/// `O`, the currency and the options' values, in the order js/checkout.js reads them; labels are
/// the package's.
pub fn options_text(currency: &str, options: &[InstallmentOption]) -> String {
    let mut w = Tokens::new(b'O', 16 + 48 * options.len());
    w.str(currency);
    w.num(options.len() as u64);
    for o in options {
        w.num(u64::from(o.count));
        w.fixed(o.amount);
        w.fixed(o.total);
        w.fixed(o.commission);
        w.flag(o.interest_free);
    }
    w.done()
}

#[cfg(test)]
mod tests;
