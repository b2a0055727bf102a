//! `R`: a renewal preview in the text protocol, its values in the order js/checkout.js
//! reads them; lines, installments and notices as in a quote.

use super::Tokens;
use crate::period::IsoDate;
use crate::quote::Renewal;
use crate::rules::money::Fixed;

/// The token writers out of line: a renewal is written once per preview, not per keystroke, and
/// the quote's inlined writers would make this function several times larger.
#[inline(never)]
fn str(w: &mut Tokens, v: &str) {
    w.str(v);
}

#[inline(never)]
fn num(w: &mut Tokens, v: u64) {
    w.num(v);
}

#[inline(never)]
fn flag(w: &mut Tokens, v: bool) {
    w.flag(v);
}

#[inline(never)]
fn fixed(w: &mut Tokens, v: Fixed) {
    w.fixed(v);
}

#[inline(never)]
fn date(w: &mut Tokens, v: IsoDate) {
    w.date(v);
}

/// `R` and the renewal's values. Optional parts are a `1` before them or a lone `0`.
pub fn renewal(r: &Renewal) -> String {
    let mut w = Tokens::new(b'R', 512);
    flag(&mut w, r.date.is_some());
    if let Some(d) = r.date {
        date(&mut w, d);
    }
    str(&mut w, &r.currency);
    w.lines(&r.lines);
    fixed(&mut w, r.subtotal);
    fixed(&mut w, r.commission);
    fixed(&mut w, r.total);
    w.installments(&r.installments);
    flag(&mut w, r.subscription.is_some());
    if let Some(s) = &r.subscription {
        str(&mut w, &s.plan);
        num(&mut w, u64::from(s.seats));
        date(&mut w, s.period_start);
        date(&mut w, s.period_end);
    }
    flag(&mut w, r.credit_package.is_some());
    if let Some(p) = &r.credit_package {
        str(&mut w, &p.id);
        num(&mut w, p.credits_per_month);
        num(&mut w, u64::from(p.months));
        date(&mut w, p.start);
        date(&mut w, p.end);
    }
    let c = r.credits;
    num(&mut w, c.included_per_month);
    num(&mut w, c.package_per_month);
    num(&mut w, c.total_per_month);
    str(&mut w, &r.payment.method);
    str(&mut w, &r.payment.charged_to);
    w.notices(&r.notices);
    str(&mut w, r.fingerprint.as_str());
    w.done()
}
