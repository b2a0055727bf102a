//! `R`: a renewal preview in the text protocol, its values in the order js/checkout.js
//! reads them; lines, installments and notices as in a quote.

use super::Tokens;
use crate::quote::Renewal;

/// `R` and the renewal's values. Optional parts are a `1` before them or a lone `0`.
pub fn renewal(r: &Renewal) -> String {
    let mut w = Tokens::new(b'R', 512);
    w.flag(r.date.is_some());
    if let Some(d) = r.date {
        w.date(d);
    }
    w.str(&r.currency);
    w.lines(&r.lines);
    w.fixed(r.subtotal);
    w.fixed(r.commission);
    w.fixed(r.total);
    w.installments(&r.installments);
    w.flag(r.subscription.is_some());
    if let Some(s) = &r.subscription {
        w.str(&s.plan);
        w.num(u64::from(s.seats));
        w.date(s.period_start);
        w.date(s.period_end);
    }
    w.flag(r.credit_package.is_some());
    if let Some(p) = &r.credit_package {
        w.str(&p.id);
        w.num(p.credits_per_month);
        w.num(u64::from(p.months));
        w.date(p.start);
        w.date(p.end);
    }
    let c = r.credits;
    w.num(c.included_per_month);
    w.num(c.package_per_month);
    w.num(c.total_per_month);
    w.str(&r.payment.method);
    w.str(&r.payment.charged_to);
    w.notices(&r.notices);
    w.str(r.fingerprint.as_str());
    w.done()
}
