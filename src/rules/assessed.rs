//! What the checks work out for an order that passes them all: the plans, seats and periods
//! before and after, the package picked and the billing frame it lives in. The rule modules add
//! their pricing to [`Assessed`] (`impl Assessed` in `subscription`, `package`, `credits`,
//! `renewal`).

use chrono::NaiveDate;

use crate::catalog::{Catalog, CreditPackage, Plan};
use crate::order::Order;
use crate::period::Anchor;
use crate::rules::package_change::Running;

/// Which checks a call leaves out: `packageTerms` lists the valid months itself and looks at no
/// payment, and `installmentOptions` lists the counts.
#[derive(Clone, Copy, Debug, Default)]
pub(crate) struct Skip {
    pub months: bool,
    pub installments: bool,
    pub payment: bool,
}

/// The active subscription's period, checked (R12).
#[derive(Clone, Copy, Debug)]
pub(crate) struct ActivePeriod {
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub term: u32,
    /// R3: the day credits reset on.
    pub anchor: Anchor,
    /// Where a renewal ordered now would end.
    pub renewed_end: Option<NaiveDate>,
    /// The end of the next period, already paid.
    pub renewed_until: Option<NaiveDate>,
}

impl ActivePeriod {
    /// The end of the last paid period.
    pub fn paid_end(self) -> NaiveDate {
        self.renewed_until.unwrap_or(self.end)
    }
}

#[derive(Clone, Copy, Debug)]
pub(super) struct NewPeriod<'a> {
    pub plan: &'a Plan,
    pub seats: u32,
    pub term: u32,
    pub end: NaiveDate,
}

/// The billing frame a package lives in (R3, R5).
#[derive(Clone, Copy, Debug)]
pub(crate) struct Frame {
    pub anchor: Anchor,
    /// Where the package must end by.
    pub limit: NaiveDate,
    /// Whether the limit is already the renewed period's end.
    pub renews: bool,
}

#[derive(Clone, Copy, Debug)]
pub(crate) struct PackagePick<'a> {
    pub def: &'a CreditPackage,
    pub credits: u64,
    /// Custom packages: the number of steps above the base.
    pub steps: u64,
    pub months: u32,
}

/// An order that passed every check, with what the checks worked out.
#[derive(Clone, Copy, Debug)]
pub(crate) struct Assessed<'a> {
    pub catalog: &'a Catalog,
    pub order: &'a Order,
    pub as_of: NaiveDate,
    pub(super) plan_before: &'a Plan,
    pub(super) plan_after: &'a Plan,
    pub(super) seats_before: u32,
    pub(super) seats_after: u32,
    pub(super) active: Option<ActivePeriod>,
    pub(super) new_sub: Option<NewPeriod<'a>>,
    pub(super) upgrade: Option<&'a Plan>,
    pub(super) add_seats: Option<u32>,
    pub(super) renew: bool,
    pub(super) has_action: bool,
    pub frame: Frame,
    pub package: Option<PackagePick<'a>>,
    /// R16: the account's running package.
    pub(crate) running: Option<Running<'a>>,
    /// R6: the method a charge to the saved payment uses, where the order is one.
    pub saved_method: Option<&'a str>,
}
