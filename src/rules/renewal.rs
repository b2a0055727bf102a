//! R6 Auto-renewal: after payment it is on when the order has a subscription action (renew,
//! upgrade, add seats, new subscription), else unchanged; a package-only order on an account whose
//! auto-renewal is on is charged to the saved card.

use super::assessed::Assessed;
use crate::quote::{AutoRenewal, RenewalReason};

impl Assessed<'_> {
    /// The auto-renewal state after payment and why.
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

    /// A package-only order on an account with auto-renewal on goes to the saved card.
    pub fn uses_saved_card(&self) -> bool {
        !self.has_action && self.order.account.auto_renewal
    }
}
