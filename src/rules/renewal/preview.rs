//! R17 Renewal preview: `renewal({ asOf, account, locale })` says what the next automatic charge
//! will be. The account is checked as a quote checks it (any role may look), `asOf` anywhere in
//! [periodStart, renewal date]. Auto-renewal off: nothing renews (`AUTO_RENEWAL_OFF`). On: on the
//! renewal date, the next term at the catalog's current prices, a `subscription_renewal` line and,
//! for a package ending on the renewal date that the catalog still sells, a
//! `credit_package_renewal` line (else `PACKAGE_NOT_RENEWED`); charged to the saved payment with
//! the saved installments where they are still allowed (`INSTALLMENTS_RESET`,
//! `PAYMENT_METHOD_UNAVAILABLE`), with commission, the schedule monthly on the anchor day.

use std::borrow::Cow;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::super::assessed::ActivePeriod;
use super::super::lines::{Draft, Priced};
use super::super::package_change::{self, Running};
use super::{charged_to, package_line, package_price, saved_method};
use crate::catalog::{Catalog, Plan};
use crate::describe::{self, Part};
use crate::error::{CheckoutError, ErrorCode, Problem};
use crate::order::{RenewalRequest, SavedPayment, SubscriptionStatus};
use crate::period::IsoDate;
use crate::quote::{
    Display, LineKind, Notice, PaymentSummary, Renewal, RenewedCredits, RenewedPackage, RenewedSubscription,
};
use crate::rules::fingerprint::{self, Amounts, Header};
use crate::rules::installments::{self, check_count, Installments};
use crate::rules::money::{self, Fixed, Money, Overflow};
use crate::rules::{access, subscription};

/// An account checked for a renewal preview.
struct Checked<'a> {
    plan: &'a Plan,
    active: ActivePeriod,
    running: Option<Running<'a>>,
}

/// The account's checks (R17: those of a quote, R1's role aside).
fn check<'a>(catalog: &'a Catalog, request: &'a RenewalRequest) -> Result<Checked<'a>, CheckoutError> {
    let mut problems = Vec::new();
    let account = &request.account;
    let as_of = request.as_of.date();
    let plan = access::check_account(catalog, account, &mut problems);
    let sub = account
        .subscription
        .as_ref()
        .filter(|s| s.status == SubscriptionStatus::Active);
    if sub.is_none() {
        problems.push(Problem::new(
            ErrorCode::NoActiveSubscription,
            "account.subscription.status",
            "only an active subscription renews",
        ));
    }
    let active = sub.and_then(|s| subscription::check_active(s, as_of, true, false, &mut problems));
    let running = package_change::running(account, active, as_of, true, &mut problems);
    super::check_saved(account, &mut problems);
    match (plan, active) {
        (Some(plan), Some(active)) if problems.is_empty() => Ok(Checked {
            plan,
            active,
            running,
        }),
        _ if problems.is_empty() => Err(CheckoutError::single(Problem::new(
            ErrorCode::InvalidInput,
            "",
            "the account could not be read",
        ))),
        _ => Err(CheckoutError::new(problems)),
    }
}

fn notice(code: &'static str, message: impl Into<Cow<'static, str>>) -> Notice {
    Notice {
        code,
        message: message.into(),
    }
}

/// R17: the next automatic charge of `request.account`.
///
/// # Errors
/// Every problem of the account, or `AMOUNT_OVERFLOW`.
pub(crate) fn preview(
    catalog: &Catalog,
    header: &Header,
    request: &RenewalRequest,
) -> Result<Renewal, CheckoutError> {
    let c = check(catalog, request)?;
    let account = &request.account;
    let date = c.active.paid_end();
    let method = saved_method(catalog, account);
    if !account.auto_renewal {
        let notices = vec![off_notice(date, c.running.as_ref())];
        return finish(catalog, header, request, Charge::none(method), notices);
    }
    let mut notices = Vec::new();
    let term = c.active.term;
    let end = c.active.anchor.months_after(date, term).ok_or(Overflow)?;
    let seats = account.seats;
    let mut priced = Priced::new();
    priced.push(
        catalog.minor_units,
        subscription_line(c.plan, seats, term, (date, end))?,
    )?;
    let package = match c.running {
        Some(r) => renew_package(catalog, r, term, (date, end), &mut priced, &mut notices)?,
        None => None,
    };
    let count = saved_count(catalog, request, method, &mut notices);
    let included = c.plan.credits_per_seat_per_month.saturating_mul(u64::from(seats));
    let package_credits = package.as_ref().map_or(0, |p| p.credits_per_month);
    let charge = Charge {
        date: Some(date),
        priced,
        count,
        method,
        subscription: Some(RenewedSubscription {
            plan: c.plan.id.clone(),
            seats,
            period_start: IsoDate(date),
            period_end: IsoDate(end),
        }),
        package,
        credits: RenewedCredits {
            included_per_month: included,
            package_per_month: package_credits,
            total_per_month: included.saturating_add(package_credits),
        },
        anchor: c.active.anchor,
    };
    finish(catalog, header, request, charge, notices)
}

/// `AUTO_RENEWAL_OFF`: when the subscription (and the running package) end.
fn off_notice(date: NaiveDate, running: Option<&Running<'_>>) -> Notice {
    let mut parts = vec![
        Part::S("Auto-renewal is off: the subscription ends on "),
        Part::D(IsoDate(date)),
    ];
    if let Some(r) = running {
        parts.extend([Part::S(" and the credit package on "), Part::D(r.package.end)]);
    }
    parts.push(Part::S("; nothing renews."));
    notice("AUTO_RENEWAL_OFF", describe::notice(&parts))
}

/// The `subscription_renewal` line: the next term at the plan's current seat price.
fn subscription_line(
    plan: &Plan,
    seats: u32,
    term: u32,
    (start, end): (NaiveDate, NaiveDate),
) -> Result<Draft, Overflow> {
    let unit = plan.seat_price_per_month.value();
    let raw = money::mul(money::mul(unit, Decimal::from(seats))?, Decimal::from(term))?;
    Ok(Draft {
        kind: LineKind::SubscriptionRenewal,
        description: describe::renewal(&plan.name, seats, term),
        quantity: seats,
        unit,
        months: term,
        start,
        end,
        raw,
        proration: None,
    })
}

/// The running package's `credit_package_renewal` line, where it ends on the renewal date and the
/// catalog still sells it; else `PACKAGE_NOT_RENEWED`.
fn renew_package(
    catalog: &Catalog,
    r: Running<'_>,
    term: u32,
    (date, end): (NaiveDate, NaiveDate),
    priced: &mut Priced,
    notices: &mut Vec<Notice>,
) -> Result<Option<RenewedPackage>, Overflow> {
    let Some((def, per_month)) = package_price(catalog, r.package).filter(|_| r.end == date) else {
        notices.push(notice(
            "PACKAGE_NOT_RENEWED",
            describe::notice(&[
                Part::S("The credit package ("),
                Part::S(&r.package.id),
                Part::S(") ends on "),
                Part::D(r.package.end),
                Part::S(" and does not renew."),
            ]),
        ));
        return Ok(None);
    };
    let credits = r.package.credits_per_month;
    priced.push(
        catalog.minor_units,
        package_line(def, credits, per_month, term, (date, end))?,
    )?;
    Ok(Some(RenewedPackage {
        id: r.package.id.clone(),
        credits_per_month: credits,
        months: term,
        start: IsoDate(date),
        end: IsoDate(end),
    }))
}

/// The saved number of installments where `method` still allows it, else 1
/// (`INSTALLMENTS_RESET`); `PAYMENT_METHOD_UNAVAILABLE` when the saved method is not `method`.
fn saved_count(catalog: &Catalog, request: &RenewalRequest, method: &str, notices: &mut Vec<Notice>) -> u32 {
    let account = &request.account;
    let saved = SavedPayment::method_of(account.saved_payment.as_ref());
    if saved != method {
        notices.push(notice(
            "PAYMENT_METHOD_UNAVAILABLE",
            "The saved payment method is no longer offered: the renewal is charged to the card.",
        ));
    }
    let count = account.saved_payment.as_ref().map_or(1, |s| s.installments);
    if check_count(catalog, &account.country, method, count).is_none() {
        return count;
    }
    notices.push(notice(
        "INSTALLMENTS_RESET",
        "The saved number of installments is no longer available: the renewal is paid in full.",
    ));
    1
}

/// What a renewal charges, before installments.
struct Charge<'a> {
    date: Option<NaiveDate>,
    priced: Priced,
    count: u32,
    method: &'a str,
    subscription: Option<RenewedSubscription>,
    package: Option<RenewedPackage>,
    credits: RenewedCredits,
    anchor: crate::period::Anchor,
}

impl<'a> Charge<'a> {
    /// Nothing renews: no lines, zero amounts.
    fn none(method: &'a str) -> Charge<'a> {
        Charge {
            date: None,
            priced: Priced::new(),
            count: 1,
            method,
            subscription: None,
            package: None,
            credits: RenewedCredits::default(),
            anchor: crate::period::Anchor { day: 1 },
        }
    }
}

/// The commission, the total and the installments of `charge` (R7-R9 on the renewal date); a
/// charge without a date (auto-renewal off) has none.
fn charge_plan(
    catalog: &Catalog,
    request: &RenewalRequest,
    charge: &Charge<'_>,
) -> Result<(Decimal, Decimal, Installments), Overflow> {
    let subtotal = charge.priced.subtotal;
    match charge.date {
        Some(date) => {
            let plan = installments::plan_on(catalog, subtotal, charge.count, date, charge.anchor)?;
            Ok((plan.commission, plan.total, plan.installments))
        }
        None => {
            let mut plan = installments::plan(catalog, Decimal::ZERO, 1, request.as_of.date())?;
            plan.installments.schedule.clear();
            Ok((Decimal::ZERO, Decimal::ZERO, plan.installments))
        }
    }
}

/// Installments, display and fingerprint.
fn finish(
    catalog: &Catalog,
    header: &Header,
    request: &RenewalRequest,
    charge: Charge<'_>,
    notices: Vec<Notice>,
) -> Result<Renewal, CheckoutError> {
    let mu = catalog.minor_units;
    let subtotal = charge.priced.subtotal;
    let (commission, total, installments) = charge_plan(catalog, request, &charge)?;
    let amounts = Amounts {
        minor_units: mu,
        lines: &charge.priced.lines,
        subtotal,
        commission,
        total,
        schedule: &installments.schedule,
    };
    let fingerprint =
        fingerprint::renewal_fingerprint(header, request.as_of.date(), &request.account, &amounts);
    let currency = &catalog.currency;
    let (subtotal, commission, total) = (
        Fixed::new(subtotal, mu),
        Fixed::new(commission, mu),
        Fixed::new(total, mu),
    );
    let first = installments.schedule.first().map_or(total, |d| d.amount);
    Ok(Renewal {
        date: charge.date.map(IsoDate),
        currency: currency.clone(),
        lines: charge.priced.lines,
        subtotal,
        commission,
        total,
        installments,
        subscription: charge.subscription,
        credit_package: charge.package,
        credits: charge.credits,
        payment: PaymentSummary {
            method: charge.method.to_owned(),
            charged_to: charged_to(charge.method),
        },
        notices,
        display: Display {
            subtotal: Money::new(currency, subtotal),
            commission: Money::new(currency, commission),
            total: Money::new(currency, total),
            installment: Money::new(currency, first),
        },
        fingerprint,
    })
}
