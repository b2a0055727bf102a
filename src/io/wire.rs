//! The text protocol between the npm package's JS and the Wasm module, kept apart from wasm32 so
//! that native tests can produce the same texts the browser must.
//!
//! Inputs are JSON text, which the package writes from JS values after checking them. Outputs
//! are text too, one string per call (a call across the boundary per field would cost more than
//! the quote):
//!
//! - a failure is `E` followed by the JSON of `{ message, problems }`;
//! - a quote is `Q` and an installment list `O`, each followed by its values in a fixed order,
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
use crate::io::input::parse_order;
use crate::period::IsoDate;
use crate::quote::Quote;
use crate::rules::money::Fixed;
use crate::text::{decimal, write_str};

/// Precedes every value of a `Q` or `O` text.
pub const SEP: char = '\u{1}';

/// Stands for the value before, repeated: an installment amount, or a cycle's three credit
/// figures. A one-character value costs the decoder no new string.
const SAME: &str = "=";

/// Notice codes by number (js/checkout.js has the same list).
const NOTICES: [&str; 3] = ["USES_SAVED_CARD", "AUTO_RENEWAL_ENABLED", "UNUSED_CREDITS_EXPIRE"];

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
}

/// `Q` and the quote's values, in the order js/checkout.js reads them. Kept whole: it is the
/// protocol's field list, read side by side with the decoder.
pub fn quote(q: &Quote) -> String {
    let mut w = Tokens::new(b'Q', 1024);
    w.str(&q.currency);
    w.num(q.lines.len() as u64);
    for l in &q.lines {
        w.num(l.kind as u64);
        w.str(&l.description);
        w.num(l.quantity);
        w.fixed(l.unit_price);
        w.num(u64::from(l.months));
        w.date(l.period_start);
        w.date(l.period_end);
        w.fixed(l.amount);
        w.flag(l.proration.is_some());
        if let Some(p) = l.proration {
            w.int(p.days);
            w.int(p.period_days);
        }
    }
    w.fixed(q.subtotal);
    w.fixed(q.commission);
    w.fixed(q.total);

    let i = &q.installments;
    w.num(u64::from(i.count));
    w.flag(i.interest_free);
    w.fixed(i.commission_percent);
    w.flag(i.processor.is_some());
    if let Some(p) = &i.processor {
        w.str(p);
    }
    // Installments are numbered 1, 2...: the decoder numbers them.
    w.num(i.schedule.len() as u64);
    let mut last = None;
    for d in &i.schedule {
        w.date(d.due_date);
        if last == Some(d.amount) {
            w.str(SAME);
        } else {
            w.fixed(d.amount);
        }
        last = Some(d.amount);
    }

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
    w.num(q.notices.len() as u64);
    for n in &q.notices {
        w.num(NOTICES.iter().position(|c| *c == n.code).unwrap_or(NOTICES.len()) as u64);
        w.str(&n.message);
    }
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
mod tests {
    use super::*;

    const ORDER: &str = r#"{"asOf":"2026-07-03","account":{"country":"US","role":"admin","plan":"advanced","seats":1,
        "subscription":{"status":"active","termMonths":12,"periodStart":"2026-01-15","periodEnd":"2027-01-15"},
        "autoRenewal":false},"creditPackage":{"id":"starter","months":3},"payment":{"method":"card","installments":1}}"#;

    #[test]
    fn a_quote_is_q_and_its_values() {
        let text = Engine::new().quote(ORDER);
        let t: Vec<&str> = text.split(SEP).collect();
        // The seed example: Starter for 3 months at 10.00 a month, one line, paid in full.
        assert_eq!(&t[..3], ["Q", "USD", "1"]);
        assert_eq!(
            &t[3..13],
            [
                "4",
                "Starter AI credits, 5,000 credits a month, 3 months",
                "1",
                "10.00",
                "3",
                "2026-07-03",
                "2026-09-15",
                "30.00",
                "0",
                "30.00"
            ]
        );
        // commission, total; 1 installment, interest-free, 0.00 %, no processor, one due on
        // 2026-07-03 of 30.00.
        assert_eq!(
            &t[13..22],
            ["0.00", "30.00", "1", "1", "0.00", "0", "1", "2026-07-03", "30.00"]
        );
        assert_eq!(t.last().map(|f| f.len()), Some(64));
    }

    #[test]
    fn failures_are_e_and_json() {
        let e = Engine::new();
        let text = e.quote(&ORDER.replace("\"seats\":1", "\"seats\":\"1\""));
        let v: serde_json::Value = serde_json::from_str(&text[1..]).unwrap();
        assert!(text.starts_with('E'));
        assert_eq!(v["problems"][0]["code"], "INVALID_INPUT");
        assert_eq!(v["problems"][0]["field"], "account.seats");
        assert_eq!(
            e.validate("[]"),
            r#"[{"code":"INVALID_INPUT","field":"","message":"must be an object, not an array"}]"#
        );
        assert_eq!(e.validate(ORDER), "[]");
        let mut bad = Engine::new();
        assert!(bad.load("{}").starts_with("E{"));
        assert_eq!(
            bad.quote(ORDER),
            e.quote(ORDER),
            "a refused catalog leaves the engine as it was"
        );
    }

    #[test]
    fn terms_and_options() {
        let e = Engine::new();
        let terms: serde_json::Value = serde_json::from_str(&e.package_terms(ORDER)).unwrap();
        // From 2026-07-03, anchor day 15, to the period end 2027-01-15: seven resets (Jul 15 ..
        // Jan 15), so 3 to 7 cycles.
        assert_eq!(
            terms[0],
            serde_json::json!({"months":3,"start":"2026-07-03","end":"2026-09-15","price":"30.00"})
        );
        assert_eq!(terms.as_array().map(Vec::len), Some(5));
        assert_eq!(terms[4]["end"], "2027-01-15");
        // A US account pays in full only.
        assert_eq!(
            e.installment_options(ORDER),
            "O\u{1}USD\u{1}1\u{1}1\u{1}30.00\u{1}30.00\u{1}0.00\u{1}1"
        );
        assert_eq!(e.verify(ORDER, "00"), "0");
    }
}
