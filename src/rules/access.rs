//! R1 Access: `account.role` must be `admin` (`NOT_ADMIN`). The subscription must be `active`
//! unless the order has `newSubscription` (`NO_ACTIVE_SUBSCRIPTION`); `newSubscription` with an
//! active subscription is `SUBSCRIPTION_ALREADY_ACTIVE`.

use crate::catalog::{Catalog, Plan};
use crate::country::is_iso_alpha2;
use crate::error::{invalid, ErrorCode, Problem};
use crate::order::{Account, NewSubscription, Order, Role};

/// The most seats an account may hold.
pub const MAX_ACCOUNT_SEATS: u32 = 1_000_000;

/// The account: an admin's, in a country, on a plan of the catalog, with its seats. Returns the
/// plan.
pub(super) fn check<'a>(
    catalog: &'a Catalog,
    account: &Account,
    problems: &mut Vec<Problem>,
) -> Option<&'a Plan> {
    if account.role != Role::Admin {
        problems.push(Problem::new(
            ErrorCode::NotAdmin,
            "account.role",
            "only an account admin can buy AI credits",
        ));
    }
    check_account(catalog, account, problems)
}

/// The account whatever its role (R17 lets any role look): in a country, on a plan of the
/// catalog, with its seats. Returns the plan.
pub(super) fn check_account<'a>(
    catalog: &'a Catalog,
    account: &Account,
    problems: &mut Vec<Problem>,
) -> Option<&'a Plan> {
    if !is_iso_alpha2(&account.country) {
        problems.push(invalid(
            "account.country",
            "must be an ISO 3166-1 alpha-2 code such as \"BR\"",
        ));
    }
    let plan = catalog.plan(&account.plan);
    if plan.is_none() {
        problems.push(Problem::new(
            ErrorCode::UnknownPlan,
            "account.plan",
            "no such plan in the catalog",
        ));
    }
    if !(1..=MAX_ACCOUNT_SEATS).contains(&account.seats) {
        problems.push(invalid("account.seats", "must be 1 to 1,000,000"));
    }
    plan
}

/// A new subscription only without an active one, and an active one without a new one: the
/// order's `newSubscription` where it may be bought.
pub(super) fn new_subscription<'o>(
    order: &'o Order,
    is_active: bool,
    problems: &mut Vec<Problem>,
) -> Option<&'o NewSubscription> {
    match &order.new_subscription {
        Some(_) if is_active => {
            problems.push(Problem::new(
                ErrorCode::SubscriptionAlreadyActive,
                "newSubscription",
                "the account already has an active subscription: renew, upgrade or add seats instead",
            ));
            None
        }
        Some(ns) => Some(ns),
        None => {
            if !is_active {
                problems.push(Problem::new(
                    ErrorCode::NoActiveSubscription,
                    "account.subscription.status",
                    "an active subscription is needed: buy a new one in the same order",
                ));
            }
            None
        }
    }
}
