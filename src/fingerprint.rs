//! R15 Fingerprint: SHA-256 over a canonical serialization, so that the browser's quote and the
//! backend's can be compared before charging.
//!
//! The canonical text is one JSON array, written by hand in a fixed order with no keys and no
//! spaces (strings escaped as JSON, absent values `null`):
//!
//! ```text
//! ["credit-checkout fingerprint",1,LIBRARY_VERSION,CATALOG_VERSION,
//!  [asOf,
//!   [country,role,plan,seats,[status,termMonths,periodStart,periodEnd]|null,autoRenewal],
//!   [renew,upgradeTo,addSeats]|null,           (null when the order asks for no change)
//!   [plan,seats,termMonths]|null,              (newSubscription)
//!   [id,creditsPerMonth,months]|null,          (creditPackage, its credits made explicit)
//!   [method,installments],
//!   [companyName,country,address]|null],       (invoice)
//!  [[[lineKind,amount]...],subtotal,commission,total,[scheduleAmount...]]]
//! ```
//!
//! Every amount is written with the catalog's minor units. `locale` is left out: it shapes only
//! display strings, so a browser in pt-BR and a backend in en-US hash the same bytes.

use std::fmt::Write;

use sha2::{Digest, Sha256};

use crate::order::Order;
use crate::quote::LineKind;

pub(crate) struct Amounts<'a> {
    pub lines: Vec<(LineKind, &'a str)>,
    pub subtotal: &'a str,
    pub commission: &'a str,
    pub total: &'a str,
    pub schedule: Vec<&'a str>,
}

/// A JSON array writer: values are separated by commas, arrays nest.
struct Canon(String);

impl Canon {
    fn sep(&mut self) {
        if !self.0.ends_with('[') {
            self.0.push(',');
        }
    }
    fn open(&mut self) {
        self.sep();
        self.0.push('[');
    }
    fn close(&mut self) {
        self.0.push(']');
    }
    fn null(&mut self) {
        self.sep();
        self.0.push_str("null");
    }
    fn bool(&mut self, v: bool) {
        self.sep();
        self.0.push_str(if v { "true" } else { "false" });
    }
    fn num(&mut self, v: u64) {
        self.sep();
        let _ = write!(self.0, "{v}");
    }
    fn str(&mut self, v: &str) {
        self.sep();
        self.0.push('"');
        for c in v.chars() {
            match c {
                '"' => self.0.push_str("\\\""),
                '\\' => self.0.push_str("\\\\"),
                c if u32::from(c) < 0x20 => {
                    let _ = write!(self.0, "\\u{:04x}", u32::from(c));
                }
                c => self.0.push(c),
            }
        }
        self.0.push('"');
    }
    fn opt_str(&mut self, v: Option<&str>) {
        match v {
            Some(s) => self.str(s),
            None => self.null(),
        }
    }
    fn opt_num(&mut self, v: Option<u64>) {
        match v {
            Some(n) => self.num(n),
            None => self.null(),
        }
    }
}

fn kind(k: LineKind) -> &'static str {
    match k {
        LineKind::SubscriptionNew => "subscription_new",
        LineKind::SubscriptionRenewal => "subscription_renewal",
        LineKind::SubscriptionUpgrade => "subscription_upgrade",
        LineKind::SubscriptionSeats => "subscription_seats",
        LineKind::CreditPackage => "credit_package",
    }
}

/// The canonical text the fingerprint hashes (see the module documentation); `package_credits`
/// is the package's credits a month, explicit even where the order left them out.
pub(crate) fn canonical(
    catalog_version: &str,
    o: &Order,
    package_credits: Option<u64>,
    amounts: &Amounts<'_>,
) -> String {
    let mut w = Canon(String::with_capacity(512));
    w.0.push('[');
    w.str("credit-checkout fingerprint");
    w.num(1);
    w.str(crate::version());
    w.str(catalog_version);

    w.open();
    w.str(&o.as_of.to_string());
    let a = &o.account;
    w.open();
    w.str(&a.country);
    w.str(a.role.as_str());
    w.str(&a.plan);
    w.num(u64::from(a.seats));
    match &a.subscription {
        Some(s) => {
            w.open();
            w.str(s.status.as_str());
            w.opt_num(s.term_months.map(u64::from));
            w.opt_str(s.period_start.map(|d| d.to_string()).as_deref());
            w.opt_str(s.period_end.map(|d| d.to_string()).as_deref());
            w.close();
        }
        None => w.null(),
    }
    w.bool(a.auto_renewal);
    w.close();
    match o.subscription.as_ref().filter(|s| s.is_action()) {
        Some(s) => {
            w.open();
            w.bool(s.renew == Some(true));
            w.opt_str(s.upgrade_to.as_deref());
            w.opt_num(s.add_seats.map(u64::from));
            w.close();
        }
        None => w.null(),
    }
    match &o.new_subscription {
        Some(n) => {
            w.open();
            w.str(&n.plan);
            w.num(u64::from(n.seats));
            w.num(u64::from(n.term_months));
            w.close();
        }
        None => w.null(),
    }
    match &o.credit_package {
        Some(p) => {
            w.open();
            w.str(&p.id);
            w.opt_num(package_credits.or(p.credits_per_month));
            w.num(u64::from(p.months));
            w.close();
        }
        None => w.null(),
    }
    w.open();
    w.str(&o.payment.method);
    w.num(u64::from(o.payment.installments));
    w.close();
    match &o.invoice {
        Some(i) => {
            w.open();
            w.str(&i.company_name);
            w.str(&i.country);
            w.opt_str(i.address.as_deref());
            w.close();
        }
        None => w.null(),
    }
    w.close();

    w.open();
    w.open();
    for (k, amount) in &amounts.lines {
        w.open();
        w.str(kind(*k));
        w.str(amount);
        w.close();
    }
    w.close();
    w.str(amounts.subtotal);
    w.str(amounts.commission);
    w.str(amounts.total);
    w.open();
    for amount in &amounts.schedule {
        w.str(amount);
    }
    w.close();
    w.close();
    w.close();
    w.0
}

/// Lowercase hex SHA-256.
pub(crate) fn hex_sha256(bytes: &[u8]) -> String {
    const HEX: &[u8; 16] = b"0123456789abcdef";
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        for nibble in [b >> 4, b & 15] {
            out.push(HEX.get(usize::from(nibble)).map_or('0', |c| char::from(*c)));
        }
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r15_sha256_of_a_known_text() {
        // FIPS 180-2 example "abc".
        assert_eq!(
            hex_sha256(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }

    #[test]
    fn r15_the_canonical_text_is_one_json_array_without_locale() {
        let order = crate::parse_order(
            r#"{"asOf":"2026-07-03","account":{"country":"BR","role":"admin","plan":"advanced","seats":1,
            "subscription":{"status":"active","termMonths":12,"periodStart":"2026-01-15","periodEnd":"2027-01-15"},
            "autoRenewal":false},"creditPackage":{"id":"starter","months":3},
            "payment":{"method":"card","installments":1},
            "invoice":{"companyName":"Acme \"Ltda\"\n","country":"BR"},"locale":"pt-BR"}"#,
        )
        .unwrap();
        let amounts = Amounts {
            lines: vec![(LineKind::CreditPackage, "30.00")],
            subtotal: "30.00",
            commission: "0.00",
            total: "30.00",
            schedule: vec!["30.00"],
        };
        let text = canonical("example-2026-11", &order, Some(5000), &amounts);
        let expected = format!(
            concat!(
                r#"["credit-checkout fingerprint",1,"{}","example-2026-11","#,
                r#"["2026-07-03",["BR","admin","advanced",1,["active",12,"2026-01-15","2027-01-15"],false],"#,
                r#"null,null,["starter",5000,3],["card",1],["Acme \"Ltda\"\u000a","BR",null]],"#,
                r#"[[["credit_package","30.00"]],"30.00","0.00","30.00",["30.00"]]]"#
            ),
            crate::version()
        );
        assert_eq!(text, expected);
        let parsed: serde_json::Value = serde_json::from_str(&text).unwrap();
        assert!(parsed.is_array());
        assert!(!text.contains("pt-BR"));
    }
}
