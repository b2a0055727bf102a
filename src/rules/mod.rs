//! The rules of SPEC section 3, one module per rule family; each owns its checks (codes and field
//! paths) and its pricing, and opens with the rule it implements. [`assess`] applies the checks in
//! the order problems are reported, [`Assessed::price`] the pricing in the order of the lines.
//!
//! | rule | module |
//! |---|---|
//! | access | [`access`] |
//! | credits, credit cycles | [`credits`] |
//! | packages, package term | [`package`] |
//! | package change | [`package_change`] |
//! | auto-renewal, renewal preview | [`renewal`] |
//! | installments, commission, schedule | [`installments`] |
//! | payment, invoice | [`payment`] |
//! | subscription changes | [`subscription`] |
//! | money | [`money`] |
//! | empty order | [`empty`] |
//! | fingerprint | [`fingerprint`] |

pub mod access;
mod assessed;
pub mod credits;
pub mod empty;
pub mod fingerprint;
pub mod installments;
mod lines;
pub mod money;
mod notices;
pub mod package;
pub mod package_change;
pub mod payment;
pub mod renewal;
pub mod subscription;

use assessed::{ActivePeriod, NewPeriod};
pub(crate) use assessed::{Assessed, Skip};
pub(crate) use lines::Priced;
use package_change::Running;

use chrono::NaiveDate;

use crate::catalog::{Catalog, Plan};
use crate::error::{ErrorCode, Problem};
use crate::order::{Order, SubscriptionStatus};
use crate::rules::money::Overflow;

/// Applies every rule's checks, collecting all problems (SPEC 4: `validate` returns them all), in
/// the order the test vectors pin.
pub(crate) fn assess<'a>(
    catalog: &'a Catalog,
    order: &'a Order,
    skip: Skip,
) -> Result<Assessed<'a>, Vec<Problem>> {
    let mut problems = Vec::new();
    let as_of = order.as_of.date();
    let s = check_standing(catalog, order, as_of, &mut problems);

    let frame = package::frame(s.new_sub, s.active, s.renew, as_of);
    let min = package_change::min_term(catalog, s.running, frame, as_of);
    let package = package::check(catalog, order, frame, min, skip, &mut problems);
    package_change::check_upgrade(package.as_ref(), s.running, &mut problems);
    payment::check_method(catalog, order, skip, &mut problems);
    let saved_method = renewal::saved_charge(catalog, &order.account, s.has_action);
    let method = saved_method.unwrap_or(&order.payment.method);
    installments::check(catalog, order, method, skip, &mut problems);
    payment::check_invoice(order, &mut problems);

    if !problems.is_empty() {
        return Err(problems);
    }
    let (Some(plan_before), Some(frame)) = (s.plan_before, frame) else {
        return Err(vec![Problem::new(
            ErrorCode::InvalidInput,
            "",
            "the order could not be read",
        )]);
    };
    let seats_before = order.account.seats;
    Ok(Assessed {
        catalog,
        order,
        as_of,
        plan_before,
        plan_after: s.new_sub.map(|n| n.plan).or(s.upgrade).unwrap_or(plan_before),
        seats_before,
        seats_after: match s.new_sub {
            Some(n) => n.seats,
            None => seats_before.saturating_add(s.add_seats.unwrap_or(0)),
        },
        active: s.active,
        new_sub: s.new_sub,
        upgrade: s.upgrade,
        add_seats: s.add_seats,
        renew: s.renew,
        has_action: s.has_action,
        frame,
        package,
        running: s.running,
        saved_method,
    })
}

/// Where the account stands and what the order does to its subscription, as the first checks
/// work it out (R1, R3, R12, the running package of R16, the saved payment of R6).
struct Standing<'a> {
    plan_before: Option<&'a Plan>,
    active: Option<ActivePeriod>,
    renew: bool,
    running: Option<Running<'a>>,
    new_sub: Option<NewPeriod<'a>>,
    upgrade: Option<&'a Plan>,
    add_seats: Option<u32>,
    has_action: bool,
}

/// The account's and the subscription's checks, in the order their problems are reported.
fn check_standing<'a>(
    catalog: &'a Catalog,
    order: &'a Order,
    as_of: NaiveDate,
    problems: &mut Vec<Problem>,
) -> Standing<'a> {
    let account = &order.account;
    let plan_before = access::check(catalog, account, problems);
    let status = account
        .subscription
        .as_ref()
        .map_or(SubscriptionStatus::None, |s| s.status);
    let is_active = status == SubscriptionStatus::Active;
    let change = order.subscription.as_ref().filter(|s| s.is_action());
    let renew = change.is_some_and(|c| c.renew == Some(true));
    let active = match &account.subscription {
        Some(sub) if is_active => subscription::check_active(sub, as_of, false, renew, problems),
        _ => None,
    };
    subscription::check_renew(active, renew, problems);
    let running = package_change::running(account, active, as_of, false, problems);
    renewal::check_saved(account, problems);
    let new_sub = access::new_subscription(order, is_active, problems)
        .and_then(|ns| subscription::check_new(catalog, ns, as_of, problems));
    let (upgrade, add_seats) =
        subscription::check_change(catalog, order, change, is_active, plan_before, problems);
    let has_action = change.is_some() || order.new_subscription.is_some();
    empty::check(order, has_action, problems);
    Standing {
        plan_before,
        active,
        renew,
        running,
        new_sub,
        upgrade,
        add_seats,
        has_action,
    }
}

impl Assessed<'_> {
    /// The order's lines, each rounded once, and their sum: the subscription's lines, then the
    /// package's.
    pub fn price(&self) -> Result<Priced, Overflow> {
        let mut priced = Priced::new();
        self.price_subscription(&mut priced)?;
        self.price_package(&mut priced)?;
        self.price_unused(&mut priced)?;
        Ok(priced)
    }
}
