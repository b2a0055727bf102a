//! What the store keeps and answers, as the backend sees it: the records (accounts, users,
//! sessions, orders) and the outcomes of its units of work (an order begun, a key claimed, a
//! renewal run).

use serde::{Deserialize, Serialize};
use serde_json::Value;

/// An account: what the page shows and what the backend trusts.
#[derive(Clone, Debug, PartialEq, Serialize, Deserialize)]
#[serde(rename_all = "camelCase")]
pub struct AccountRecord {
    pub id: String,
    pub name: String,
    pub locale: String,
    /// Exactly the `account` object of an order (SPEC 2.2), without the role: the role belongs
    /// to the membership of the user who signs in.
    pub account: Value,
    /// The active credit package `{ id, creditsPerMonth, start, end }`, or null.
    pub credit_package: Value,
    /// Where a paid renewal takes the subscription (it starts at the period's end).
    pub renewed_until: Option<String>,
}

impl AccountRecord {
    /// The subscription's current `periodEnd` as stored ("" without one): the period a renewal
    /// run's tries are counted for.
    pub fn period_end(&self) -> String {
        self.account
            .pointer("/subscription/periodEnd")
            .and_then(Value::as_str)
            .unwrap_or("")
            .to_owned()
    }
}

/// A person who signs in: a member of one account, as `admin` or `member`.
#[derive(Clone, Debug)]
pub struct UserRecord {
    pub id: i64,
    pub email: String,
    pub name: String,
    /// The argon2 hash, in the PHC string format.
    pub password_hash: String,
    pub account_id: String,
    pub role: String,
}

/// A user to create when the store is seeded.
#[derive(Clone)]
pub struct NewUser {
    pub email: String,
    pub name: String,
    pub password_hash: String,
    pub account_id: String,
    pub role: String,
}

/// An order: written `pending` before the charge, then `paid` or `failed`.
#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct OrderRecord {
    pub number: i64,
    pub created_at: String,
    pub account_id: String,
    pub total: String,
    pub currency: String,
    pub status: String,
    pub description: String,
    pub invoice: bool,
    #[serde(skip)]
    pub order: Value,
    #[serde(skip)]
    pub quote: Value,
    #[serde(skip)]
    pub payment: Value,
    /// The number of the order's invoice (orders with invoice details) or receipt (the others):
    /// one contiguous series per kind, apart from the order numbers, given when the order is paid
    /// (0 while it is not).
    pub document_number: i64,
    /// `order` (placed by a user) or `renewal` (an automatic renewal, R18).
    pub kind: String,
}

/// What a new order writes, as `pending`, built from the account it was priced on.
pub struct PendingOrder {
    pub created_at: String,
    pub total: String,
    pub currency: String,
    pub description: String,
    pub invoice: bool,
    pub order: Value,
    pub quote: Value,
    /// The account as it is after the order (auto-renewal, plan, seats, package, renewal).
    pub account_after: AccountRecord,
    /// `order` or `renewal`.
    pub kind: String,
}

/// A request's use of an idempotency key.
pub struct KeyUse {
    pub user_id: i64,
    pub key: String,
    /// The hash of the request body: the same key with another body is refused.
    pub request_hash: String,
    pub now: i64,
    /// Keys created before this are forgotten first.
    pub expired_before: i64,
}

/// How an order request began.
#[derive(Debug)]
pub enum Begun {
    /// The key was used before (or is in use, or was used with another body).
    Claimed(Claim),
    /// Refused when priced; the refusal is kept as the key's response.
    Refused(u16, Value),
    /// Written `pending`, the key holding it: next, the charge.
    Pending(Box<OrderRecord>),
    /// Another order of the account is `pending` (being charged, or waiting for the customer's
    /// confirmation): nothing was written, the key stays free for a retry. An order's account
    /// changes are written with it and undone if its charge fails, so a second order may not
    /// build on them before the first is settled.
    Busy(i64),
}

/// What came of one account's renewal run (R18).
pub enum RenewalRun {
    /// Nothing was due, or the account had its run that date.
    Nothing,
    /// Something was due, but an order of the account is `pending`: nothing was written; the
    /// run is tried again once it is settled (its failure would undo the run's changes with its
    /// own).
    Held,
    /// Done; the renewal order written `pending`, to charge, when there is one.
    Done(Option<Box<OrderRecord>>),
}

/// What one account's renewal run (R18) does, decided on the account inside the run's
/// transaction.
pub enum RenewalStep {
    /// Nothing is due: no run is recorded.
    Skip,
    /// The account moves without a charge (a prepaid period, an expiry); `outcome` names it.
    Move {
        account_after: AccountRecord,
        outcome: &'static str,
    },
    /// An automatic renewal order, to be charged.
    Charge(Box<PendingOrder>),
}

/// What a request's idempotency key finds.
#[derive(Debug, PartialEq)]
pub enum Claim {
    /// First use: the key is now held for this request.
    New,
    /// The first request with this key is still being processed.
    InFlight,
    /// The key was used with another request body.
    Mismatch,
    /// The first response, to replay: status and body.
    Done(u16, Value),
}

/// A session as stored: the hash of its id (the id itself is only ever in the cookie).
#[derive(Clone)]
pub struct SessionRecord {
    pub user: UserRecord,
    pub created_at: i64,
    pub last_seen: i64,
}
