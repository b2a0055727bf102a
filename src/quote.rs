//! The quote: every rule applied to one order, R1..R14, and its outputs (SPEC 5).

use std::borrow::Cow;

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use crate::catalog::{Catalog, CreditPackage, CurrentCycle, Plan, MAX_TERM_MONTHS};
use crate::country::is_iso_alpha2;
use crate::error::{ErrorCode, Problem};
use crate::order::{Order, Role, SubscriptionStatus};
use crate::period::{add_months, days_between, Anchor, IsoDate};
use crate::rules::credits::{self, Credits};
use crate::rules::fingerprint::Fingerprint;
use crate::rules::installments::{self, Installments};
use crate::rules::money::{self, Fixed, Money, Overflow};

/// The most seats an account may hold.
pub const MAX_ACCOUNT_SEATS: u32 = 1_000_000;
/// R12: seats one order may add, or a new subscription may start with.
pub const MAX_ORDER_SEATS: u32 = 10_000;
const MAX_COMPANY_NAME: usize = 200;
const MAX_ADDRESS: usize = 500;

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Quote {
    pub currency: String,
    pub lines: Vec<Line>,
    pub subtotal: Fixed,
    pub commission: Fixed,
    pub total: Fixed,
    pub installments: Installments,
    pub credit_package: Option<PackageSummary>,
    pub credits: Credits,
    pub subscription: SubscriptionAfter,
    pub auto_renewal: AutoRenewal,
    pub payment: PaymentSummary,
    pub notices: Vec<Notice>,
    pub display: Display,
    pub fingerprint: Fingerprint,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum LineKind {
    SubscriptionNew,
    SubscriptionRenewal,
    SubscriptionUpgrade,
    SubscriptionSeats,
    CreditPackage,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Line {
    pub kind: LineKind,
    pub description: String,
    pub quantity: u64,
    pub unit_price: Fixed,
    pub months: u32,
    pub period_start: IsoDate,
    pub period_end: IsoDate,
    pub amount: Fixed,
    /// R12 and R5 `prorate`: the share of a period the amount covers.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub proration: Option<Proration>,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Proration {
    pub days: i64,
    pub period_days: i64,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PackageSummary {
    pub id: String,
    pub credits_per_month: u64,
    pub months: u32,
    pub start: IsoDate,
    pub end: IsoDate,
    pub renews_with_subscription: bool,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct SubscriptionAfter {
    pub plan: String,
    pub seats: u32,
    pub period_end: IsoDate,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct AutoRenewal {
    pub before: bool,
    pub after: bool,
    pub reason: RenewalReason,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq, Serialize)]
#[serde(rename_all = "snake_case")]
pub enum RenewalReason {
    SubscriptionAction,
    Unchanged,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct PaymentSummary {
    pub method: String,
    pub charged_to: String,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
pub struct Notice {
    pub code: &'static str,
    pub message: Cow<'static, str>,
}

/// The totals written for people: natively `"USD 12.50"`; the browser package writes them with
/// `Intl.NumberFormat` for the order's locale.
#[derive(Clone, Copy, Debug, PartialEq, Serialize)]
pub struct Display {
    pub subtotal: Money,
    pub commission: Money,
    pub total: Money,
    /// The first installment.
    pub installment: Money,
}

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
struct ActivePeriod {
    start: NaiveDate,
    end: NaiveDate,
    term: u32,
    renewed_end: Option<NaiveDate>,
}

#[derive(Clone, Copy, Debug)]
struct NewPeriod<'a> {
    plan: &'a Plan,
    seats: u32,
    term: u32,
    end: NaiveDate,
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
    plan_before: &'a Plan,
    plan_after: &'a Plan,
    seats_before: u32,
    seats_after: u32,
    active: Option<ActivePeriod>,
    new_sub: Option<NewPeriod<'a>>,
    upgrade: Option<&'a Plan>,
    add_seats: Option<u32>,
    renew: bool,
    has_action: bool,
    pub frame: Frame,
    pub package: Option<PackagePick<'a>>,
}

fn invalid(field: &str, message: &str) -> Problem {
    Problem::new(ErrorCode::InvalidField, field, message)
}

/// Applies every rule's checks, collecting all problems (SPEC 4: `validate` returns them all).
pub(crate) fn assess<'a>(
    catalog: &'a Catalog,
    order: &'a Order,
    skip: Skip,
) -> Result<Assessed<'a>, Vec<Problem>> {
    let mut problems = Vec::new();
    let as_of = order.as_of.date();
    let account = &order.account;

    // R1 Access.
    if account.role != Role::Admin {
        problems.push(Problem::new(
            ErrorCode::NotAdmin,
            "account.role",
            "only an account admin can buy AI credits",
        ));
    }
    if !is_iso_alpha2(&account.country) {
        problems.push(invalid(
            "account.country",
            "must be an ISO 3166-1 alpha-2 code such as \"BR\"",
        ));
    }
    let plan_before = catalog.plan(&account.plan);
    if plan_before.is_none() {
        problems.push(Problem::new(
            ErrorCode::UnknownPlan,
            "account.plan",
            "no such plan in the catalog",
        ));
    }
    if !(1..=MAX_ACCOUNT_SEATS).contains(&account.seats) {
        problems.push(invalid("account.seats", "must be 1 to 1,000,000"));
    }

    let status = account
        .subscription
        .as_ref()
        .map_or(SubscriptionStatus::None, |s| s.status);
    let is_active = status == SubscriptionStatus::Active;
    let change = order.subscription.as_ref().filter(|s| s.is_action());
    let renew = change.is_some_and(|c| c.renew == Some(true));
    let active = if is_active {
        check_active(order, renew, &mut problems)
    } else {
        None
    };

    // R1 and R12: a new subscription only without an active one.
    let mut new_sub = None;
    if let Some(ns) = &order.new_subscription {
        if is_active {
            problems.push(Problem::new(
                ErrorCode::SubscriptionAlreadyActive,
                "newSubscription",
                "the account already has an active subscription: renew, upgrade or add seats instead",
            ));
        } else {
            let plan = catalog.plan(&ns.plan);
            if plan.is_none() {
                problems.push(Problem::new(
                    ErrorCode::UnknownPlan,
                    "newSubscription.plan",
                    "no such plan in the catalog",
                ));
            }
            if !(1..=MAX_ORDER_SEATS).contains(&ns.seats) {
                problems.push(invalid("newSubscription.seats", "must be 1 to 10,000"));
            }
            let end = add_months(as_of, ns.term_months);
            if !catalog.subscription_terms.contains(&ns.term_months) {
                problems.push(
                    invalid(
                        "newSubscription.termMonths",
                        "must be one of the catalog's subscription terms",
                    )
                    .with("terms", catalog.subscription_terms.clone()),
                );
            } else if end.is_none() {
                problems.push(invalid("asOf", "the term would end after the year 9999"));
            }
            if let (Some(plan), Some(end)) = (plan, end) {
                new_sub = Some(NewPeriod {
                    plan,
                    seats: ns.seats,
                    term: ns.term_months,
                    end,
                });
            }
        }
    } else if !is_active {
        problems.push(Problem::new(
            ErrorCode::NoActiveSubscription,
            "account.subscription.status",
            "an active subscription is needed: buy a new one in the same order",
        ));
    }

    // R12 Subscription changes.
    let mut upgrade = None;
    let mut add_seats = None;
    let applicable = change.filter(|_| {
        if order.new_subscription.is_some() {
            problems.push(invalid(
                "subscription",
                "a new subscription cannot be renewed, upgraded or given seats in the same order",
            ));
        }
        // Without an active subscription (already reported) there is nothing to change.
        is_active && order.new_subscription.is_none()
    });
    if let Some(ch) = applicable {
        if let Some(id) = &ch.upgrade_to {
            match (catalog.plan(id), plan_before) {
                (None, _) => problems.push(Problem::new(
                    ErrorCode::UnknownPlan,
                    "subscription.upgradeTo",
                    "no such plan in the catalog",
                )),
                (Some(new), Some(old)) if new.seat_price_per_month <= old.seat_price_per_month => {
                    problems.push(
                        Problem::new(
                            ErrorCode::PlanNotAnUpgrade,
                            "subscription.upgradeTo",
                            format!("{} does not cost more per seat than {}", new.name, old.name),
                        )
                        .with("currentPlan", old.id.clone()),
                    );
                }
                (Some(new), _) => upgrade = Some(new),
            }
        }
        if let Some(n) = ch.add_seats {
            if (1..=MAX_ORDER_SEATS).contains(&n) {
                add_seats = Some(n);
            } else {
                problems.push(invalid("subscription.addSeats", "must be 1 to 10,000"));
            }
        }
    }
    let has_action = change.is_some() || order.new_subscription.is_some();

    // R14 Empty.
    if !has_action && order.credit_package.is_none() {
        problems.push(Problem::new(
            ErrorCode::EmptyOrder,
            "",
            "choose a credit package or a subscription change",
        ));
    }

    let frame = match (new_sub, active) {
        (Some(ns), _) => Some(Frame {
            anchor: Anchor::of(as_of),
            limit: ns.end,
            renews: false,
        }),
        (None, Some(a)) => Some(match a.renewed_end {
            Some(limit) if renew => Frame {
                anchor: Anchor::of(a.start),
                limit,
                renews: true,
            },
            _ => Frame {
                anchor: Anchor::of(a.start),
                limit: a.end,
                renews: false,
            },
        }),
        _ => None,
    };

    let package = check_package(catalog, order, frame, skip, &mut problems);

    // R10 Payment.
    if !skip.payment && !catalog.payment_methods.contains(&order.payment.method) {
        problems.push(
            Problem::new(
                ErrorCode::UnknownPaymentMethod,
                "payment.method",
                "choose one of the listed methods",
            )
            .with("methods", catalog.payment_methods.clone()),
        );
    }
    // R7 Installments.
    if !skip.installments && !skip.payment {
        problems.extend(installments::check_count(
            catalog,
            &account.country,
            &order.payment.method,
            order.payment.installments,
        ));
        if add_months(as_of, order.payment.installments.saturating_sub(1)).is_none() {
            problems.push(invalid(
                "payment.installments",
                "the last installment would fall after the year 9999",
            ));
        }
    }
    check_invoice(order, &mut problems);
    if let Some(locale) = &order.locale {
        let ok = !locale.is_empty()
            && locale.len() <= 35
            && locale
                .split('-')
                .all(|part| !part.is_empty() && part.bytes().all(|b| b.is_ascii_alphanumeric()));
        if !ok {
            problems.push(invalid("locale", "must be a language tag such as \"pt-BR\""));
        }
    }

    if !problems.is_empty() {
        return Err(problems);
    }
    let (Some(plan_before), Some(frame)) = (plan_before, frame) else {
        return Err(vec![Problem::new(
            ErrorCode::InvalidInput,
            "",
            "the order could not be read",
        )]);
    };
    let plan_after = new_sub.map(|n| n.plan).or(upgrade).unwrap_or(plan_before);
    let seats_after = match new_sub {
        Some(n) => n.seats,
        None => account.seats.saturating_add(add_seats.unwrap_or(0)),
    };
    Ok(Assessed {
        catalog,
        order,
        as_of,
        plan_before,
        plan_after,
        seats_before: account.seats,
        seats_after,
        active,
        new_sub,
        upgrade,
        add_seats,
        renew,
        has_action,
        frame,
        package,
    })
}

/// R12: an active subscription's period is whole and holds `asOf`.
fn check_active(order: &Order, renew: bool, problems: &mut Vec<Problem>) -> Option<ActivePeriod> {
    let sub = order.account.subscription.as_ref()?;
    let base = "account.subscription";
    let missing = |name: &str| invalid(&format!("{base}.{name}"), "required for an active subscription");
    let term = match sub.term_months {
        None => {
            problems.push(missing("termMonths"));
            None
        }
        Some(t) if !(1..=MAX_TERM_MONTHS).contains(&t) => {
            problems.push(invalid(&format!("{base}.termMonths"), "must be 1 to 120"));
            None
        }
        Some(t) => Some(t),
    };
    if sub.period_start.is_none() {
        problems.push(missing("periodStart"));
    }
    if sub.period_end.is_none() {
        problems.push(missing("periodEnd"));
    }
    let (term, start, end) = (term?, sub.period_start?.date(), sub.period_end?.date());
    let expected = add_months(start, term);
    if expected != Some(end) {
        let mut p = invalid(
            &format!("{base}.periodEnd"),
            "must be periodStart plus termMonths",
        );
        if let Some(e) = expected {
            p = p.with("expected", IsoDate(e).to_string());
        }
        problems.push(p);
        return None;
    }
    let as_of = order.as_of.date();
    if as_of < start || as_of >= end {
        problems.push(invalid(
            "asOf",
            "must lie within the subscription's current period",
        ));
        return None;
    }
    let renewed_end = add_months(start, term.saturating_mul(2));
    if renew && renewed_end.is_none() {
        problems.push(invalid(
            &format!("{base}.periodEnd"),
            "a renewal would end after the year 9999",
        ));
        return None;
    }
    Some(ActivePeriod {
        start,
        end,
        term,
        renewed_end,
    })
}

/// R4 packages and R5 package term.
fn check_package<'a>(
    catalog: &'a Catalog,
    order: &Order,
    frame: Option<Frame>,
    skip: Skip,
    problems: &mut Vec<Problem>,
) -> Option<PackagePick<'a>> {
    let choice = order.credit_package.as_ref()?;
    let Some(def) = catalog.package(&choice.id) else {
        let ids: Vec<String> = catalog.credit_packages.iter().map(|p| p.id.clone()).collect();
        problems.push(
            Problem::new(
                ErrorCode::UnknownPackage,
                "creditPackage.id",
                "no such credit package in the catalog",
            )
            .with("packages", ids),
        );
        return None;
    };
    let field = "creditPackage.creditsPerMonth";
    let credits = choice.credits_per_month.unwrap_or(def.credits_per_month);
    let base = def.credits_per_month;
    let mut steps = 0;
    let mut ok = true;
    match &def.step {
        None if credits != base => {
            ok = false;
            problems.push(
                invalid(field, &format!("{} has {base} credits a month", def.name)).with("expected", base),
            );
        }
        None => {}
        Some(step) => {
            let max = def.max_credits_per_month.unwrap_or(crate::catalog::MAX_CREDITS);
            let size = step.credits.max(1);
            ok = false;
            if credits < base {
                problems.push(
                    Problem::new(
                        ErrorCode::CustomCreditsTooLow,
                        field,
                        format!("{} starts at {base} credits a month", def.name),
                    )
                    .with("min", base),
                );
            } else if credits > max {
                problems.push(
                    Problem::new(
                        ErrorCode::CustomCreditsTooHigh,
                        field,
                        format!("{} goes up to {max} credits a month", def.name),
                    )
                    .with("max", max),
                );
            } else if (credits - base) % size != 0 {
                let below = credits - (credits - base) % size;
                let mut p = Problem::new(
                    ErrorCode::CustomCreditsNotAStep,
                    field,
                    format!("{} grows in steps of {size} credits a month", def.name),
                )
                .with("below", below);
                if let Some(above) = below.checked_add(size).filter(|a| *a <= max) {
                    p = p.with("above", above);
                }
                problems.push(p);
            } else {
                ok = true;
                steps = (credits - base) / size;
            }
        }
    }

    // R5 Package term.
    let min = catalog.package_term.min_months;
    let months = choice.months;
    if let (Some(frame), false) = (frame, skip.months) {
        let max = frame.anchor.resets_between(order.as_of.date(), frame.limit);
        let renewal_needed = max < min && !frame.renews;
        if months < min {
            problems.push(
                Problem::new(
                    ErrorCode::PackageTermTooShort,
                    "creditPackage.months",
                    format!("a credit package runs for at least {min} months"),
                )
                .with("minMonths", min)
                .with("maxMonths", max)
                .with("renewalNeeded", renewal_needed),
            );
        } else if months > max {
            let message = if renewal_needed {
                format!("only {max} credit cycles are left in this billing period: renew the subscription to buy a package")
            } else {
                format!("the package must end by the end of the billing period: at most {max} months")
            };
            problems.push(
                Problem::new(
                    ErrorCode::PackageTermExceedsSubscription,
                    "creditPackage.months",
                    message,
                )
                .with("maxMonths", max)
                .with("renewalNeeded", renewal_needed),
            );
        }
    }
    ok.then_some(PackagePick {
        def,
        credits,
        steps,
        months,
    })
}

/// R11 Invoice.
fn check_invoice(order: &Order, problems: &mut Vec<Problem>) {
    let Some(inv) = &order.invoice else { return };
    if inv.company_name.trim().is_empty() || inv.company_name.chars().count() > MAX_COMPANY_NAME {
        problems.push(invalid(
            "invoice.companyName",
            "must be a non-blank name of at most 200 characters",
        ));
    }
    if !is_iso_alpha2(&inv.country) {
        problems.push(invalid(
            "invoice.country",
            "must be an ISO 3166-1 alpha-2 code such as \"BR\"",
        ));
    }
    if inv
        .address
        .as_ref()
        .is_some_and(|a| a.chars().count() > MAX_ADDRESS)
    {
        problems.push(invalid("invoice.address", "must be at most 500 characters"));
    }
}

/// What the lines and the subtotal come to, before installments.
pub(crate) struct Priced {
    pub lines: Vec<Line>,
    pub subtotal: Decimal,
}

/// A line description or a notice put together piece by piece: quotes are built on every
/// keystroke, and the formatting machinery costs more than the text.
pub(crate) struct Text(String);

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
        let digits = crate::text::decimal(n.unsigned_abs(), &mut buf);
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

fn prorated(
    unit: Decimal,
    quantity: u32,
    term: u32,
    days: i64,
    period_days: i64,
) -> Result<Decimal, Overflow> {
    let full = money::mul(money::mul(unit, Decimal::from(quantity))?, Decimal::from(term))?;
    money::div(
        money::mul(full, Decimal::from(days))?,
        Decimal::from(period_days.max(1)),
    )
}

impl Assessed<'_> {
    /// The package's price per month (R4): base + steps x step price.
    pub fn package_price_per_month(&self, pick: &PackagePick<'_>) -> Result<Decimal, Overflow> {
        let base = pick.def.price_per_month.value();
        match &pick.def.step {
            Some(step) => money::add(
                base,
                money::mul(Decimal::from(pick.steps), step.price_per_month.value())?,
            ),
            None => Ok(base),
        }
    }

    /// R5: where a package of `months` cycles ends.
    pub fn package_end(&self, months: u32) -> Option<NaiveDate> {
        self.frame.anchor.reset_after(self.as_of, months)
    }

    /// R5: the price of `months` cycles, unrounded.
    pub fn package_price(&self, per_month: Decimal, months: u32) -> Result<Decimal, Overflow> {
        let rest = money::mul(per_month, Decimal::from(months.saturating_sub(1)))?;
        let first = match self.catalog.package_term.current_cycle {
            CurrentCycle::ChargeFull => per_month,
            CurrentCycle::Prorate => {
                let (start, end) = self.current_cycle().ok_or(Overflow)?;
                let days = days_between(self.as_of, end);
                money::div(
                    money::mul(per_month, Decimal::from(days))?,
                    Decimal::from(days_between(start, end).max(1)),
                )?
            }
        };
        money::add(first, rest)
    }

    /// R3: the cycle that holds `asOf`.
    fn current_cycle(&self) -> Option<(NaiveDate, NaiveDate)> {
        let anchor = self.frame.anchor;
        Some((
            anchor.cycle_start(self.as_of)?,
            anchor.reset_after(self.as_of, 1)?,
        ))
    }

    /// R12, R5, R13: the order's lines, each rounded once, and their sum.
    pub fn price(&self) -> Result<Priced, Overflow> {
        let mu = self.catalog.minor_units;
        let mut lines = Vec::with_capacity(4);
        let mut subtotal = Decimal::ZERO;
        let mut push =
            |kind, description: String, quantity: u32, unit: Decimal, months, start, end, raw, proration| {
                let amount = money::round(raw, mu)?;
                subtotal = money::add(subtotal, amount)?;
                lines.push(Line {
                    kind,
                    description,
                    quantity: u64::from(quantity),
                    unit_price: Fixed::new(unit, mu),
                    months,
                    period_start: IsoDate(start),
                    period_end: IsoDate(end),
                    amount: Fixed::new(amount, mu),
                    proration,
                });
                Ok::<(), Overflow>(())
            };

        if let Some(ns) = self.new_sub {
            let unit = ns.plan.seat_price_per_month.value();
            let raw = money::mul(money::mul(unit, Decimal::from(ns.seats))?, Decimal::from(ns.term))?;
            let description = Text::new()
                .s(&ns.plan.name)
                .s(" subscription, ")
                .n(ns.seats)
                .s(" seats, ")
                .n(ns.term)
                .s(" months")
                .done();
            push(
                LineKind::SubscriptionNew,
                description,
                ns.seats,
                unit,
                ns.term,
                self.as_of,
                ns.end,
                raw,
                None,
            )?;
        }
        if let Some(a) = self.active {
            let days = days_between(self.as_of, a.end);
            let period_days = days_between(a.start, a.end);
            let proration = Some(Proration { days, period_days });
            let old = self.plan_before.seat_price_per_month.value();
            if let Some(new) = self.upgrade {
                let unit = money::sub(new.seat_price_per_month.value(), old)?;
                let raw = prorated(unit, self.seats_before, a.term, days, period_days)?;
                let description = Text::new()
                    .s("Upgrade from ")
                    .s(&self.plan_before.name)
                    .s(" to ")
                    .s(&new.name)
                    .prorated(days, period_days)
                    .done();
                push(
                    LineKind::SubscriptionUpgrade,
                    description,
                    self.seats_before,
                    unit,
                    a.term,
                    self.as_of,
                    a.end,
                    raw,
                    proration,
                )?;
            }
            if let Some(n) = self.add_seats {
                let unit = self.plan_after.seat_price_per_month.value();
                let raw = prorated(unit, n, a.term, days, period_days)?;
                let description = Text::new()
                    .n(n)
                    .s(" added seats on ")
                    .s(&self.plan_after.name)
                    .prorated(days, period_days)
                    .done();
                push(
                    LineKind::SubscriptionSeats,
                    description,
                    n,
                    unit,
                    a.term,
                    self.as_of,
                    a.end,
                    raw,
                    proration,
                )?;
            }
            if let (true, Some(renewed_end)) = (self.renew, a.renewed_end) {
                let unit = self.plan_after.seat_price_per_month.value();
                let raw = money::mul(
                    money::mul(unit, Decimal::from(self.seats_after))?,
                    Decimal::from(a.term),
                )?;
                let description = Text::new()
                    .s("Renewal: ")
                    .s(&self.plan_after.name)
                    .s(", ")
                    .n(self.seats_after)
                    .s(" seats, ")
                    .n(a.term)
                    .s(" months")
                    .done();
                push(
                    LineKind::SubscriptionRenewal,
                    description,
                    self.seats_after,
                    unit,
                    a.term,
                    a.end,
                    renewed_end,
                    raw,
                    None,
                )?;
            }
        }
        if let Some(pick) = &self.package {
            let per_month = self.package_price_per_month(pick)?;
            let raw = self.package_price(per_month, pick.months)?;
            let end = self.package_end(pick.months).ok_or(Overflow)?;
            let proration = match self.catalog.package_term.current_cycle {
                CurrentCycle::ChargeFull => None,
                CurrentCycle::Prorate => self.current_cycle().map(|(start, end)| Proration {
                    days: days_between(self.as_of, end),
                    period_days: days_between(start, end),
                }),
            };
            let description = Text::new()
                .s(&pick.def.name)
                .s(" AI credits, ")
                .grouped(pick.credits)
                .s(" credits a month, ")
                .n(pick.months)
                .s(" months")
                .done();
            push(
                LineKind::CreditPackage,
                description,
                1,
                per_month,
                pick.months,
                self.as_of,
                end,
                raw,
                proration,
            )?;
        }
        Ok(Priced { lines, subtotal })
    }

    /// R2, R3.
    pub fn credits(&self) -> Option<Credits> {
        let (package_credits, months) = self.package.map_or((0, 0), |p| (p.credits, p.months));
        credits::summarize(
            self.plan_after.credits_per_seat_per_month,
            self.seats_after,
            package_credits,
            self.frame.anchor,
            self.as_of,
            months,
        )
    }

    /// R6: the auto-renewal state after payment and why.
    pub fn auto_renewal(&self) -> AutoRenewal {
        let before = self.order.account.auto_renewal;
        AutoRenewal {
            before,
            after: before || self.has_action,
            reason: if self.has_action {
                RenewalReason::SubscriptionAction
            } else {
                RenewalReason::Unchanged
            },
        }
    }

    /// R6: a package-only order on an account with auto-renewal on goes to the saved card.
    pub fn uses_saved_card(&self) -> bool {
        !self.has_action && self.order.account.auto_renewal
    }

    pub fn subscription_after(&self) -> SubscriptionAfter {
        let period_end = match (self.new_sub, self.active) {
            (Some(ns), _) => ns.end,
            (None, Some(a)) if self.renew => a.renewed_end.unwrap_or(a.end),
            (None, Some(a)) => a.end,
            (None, None) => self.as_of,
        };
        SubscriptionAfter {
            plan: self.plan_after.id.clone(),
            seats: self.seats_after,
            period_end: IsoDate(period_end),
        }
    }
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
