//! R14 Empty: an order with no subscription action and no package is `EMPTY_ORDER`.

use crate::error::{ErrorCode, Problem};
use crate::order::Order;

/// `has_action`: the order renews, upgrades, adds seats or buys a new subscription.
pub(super) fn check(order: &Order, has_action: bool, problems: &mut Vec<Problem>) {
    if !has_action && order.credit_package.is_none() {
        problems.push(Problem::new(
            ErrorCode::EmptyOrder,
            "",
            "choose a credit package or a subscription change",
        ));
    }
}
