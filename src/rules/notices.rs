//! The quote's notices, in the order they are listed: how the order is charged, what it turns
//! on, the package it replaces, what does not renew, when credits reset. Each is a code the page
//! can translate and a message in English.

use std::borrow::Cow;

use super::assessed::Assessed;
use crate::describe::{self, Part};
use crate::period::IsoDate;
use crate::quote::{AutoRenewal, Notice, PackageSummary};

fn notice(code: &'static str, message: impl Into<Cow<'static, str>>) -> Notice {
    Notice {
        code,
        message: message.into(),
    }
}

impl Assessed<'_> {
    /// Every notice of the quote.
    pub(crate) fn notices(
        &self,
        auto_renewal: AutoRenewal,
        package: Option<&PackageSummary>,
        next_reset: IsoDate,
    ) -> Vec<Notice> {
        let mut out = Vec::with_capacity(3);
        match self.saved_method {
            Some("card") => out.push(notice(
                "USES_SAVED_CARD",
                "Auto-renewal is on: this package is charged to the saved card.",
            )),
            Some(_) => out.push(notice(
                "USES_SAVED_PAYMENT",
                "Auto-renewal is on: this package is charged to the saved payment method.",
            )),
            None => {}
        }
        if auto_renewal.after && !auto_renewal.before {
            out.push(notice(
                "AUTO_RENEWAL_ENABLED",
                "This order includes a subscription action: auto-renewal turns on after payment.",
            ));
        }
        self.package_notices(auto_renewal, package, &mut out);
        if package.is_some() {
            out.push(notice(
                "UNUSED_CREDITS_EXPIRE",
                describe::credits_reset(next_reset),
            ));
        }
        out
    }

    /// R16's replaced package, R6's package that ends before the renewal, R12's running package
    /// an early renewal does not renew.
    fn package_notices(
        &self,
        auto_renewal: AutoRenewal,
        package: Option<&PackageSummary>,
        out: &mut Vec<Notice>,
    ) {
        if let (Some(r), Some(_)) = (self.running, package) {
            out.push(notice(
                "PACKAGE_REPLACED",
                describe::notice(&[
                    Part::S("This package replaces "),
                    Part::S(&r.package.id),
                    Part::S(" (until "),
                    Part::D(r.package.end),
                    Part::S(") at once; its unused part is credited."),
                ]),
            ));
        }
        if let Some(p) = package.filter(|p| auto_renewal.after && !p.renews_with_subscription) {
            out.push(notice(
                "PACKAGE_ENDS_BEFORE_RENEWAL",
                describe::notice(&[
                    Part::S("This package ends on "),
                    Part::D(p.end),
                    Part::S(", before the subscription renews: it does not renew with it."),
                ]),
            ));
        }
        if let (Some(a), Some(r), true, None) = (self.active, self.running, self.renew, package) {
            if self.renewed_package(a).is_none() {
                out.push(notice(
                    "PACKAGE_NOT_RENEWED",
                    describe::notice(&[
                        Part::S("The running package ("),
                        Part::S(&r.package.id),
                        Part::S(") ends on "),
                        Part::D(r.package.end),
                        Part::S(" and does not renew."),
                    ]),
                ));
            }
        }
    }
}
