//! The order of SPEC 2.2, and the account on its own.

use super::{Path, Reader, Res};
use crate::error::ErrorCode;
use crate::io::json::Value;
use crate::order::{
    Account, AccountSubscription, Invoice, NewSubscription, Order, PackageChoice, Payment, RenewalRequest,
    Role, RunningPackage, SavedPayment, SubscriptionChange, SubscriptionStatus,
};

/// R1..R14 inputs: the order of SPEC 2.2. Kept whole: a table of the order's fields.
pub(crate) fn order(v: &Value) -> Res<Order> {
    let r = Reader::new(ErrorCode::InvalidInput);
    let o = r.object(
        v,
        &Path::ROOT,
        &[
            "asOf",
            "account",
            "subscription",
            "newSubscription",
            "creditPackage",
            "payment",
            "invoice",
            "locale",
        ],
    )?;
    Ok(Order {
        as_of: r.req(&o, "asOf", Reader::date)?,
        account: r.req(&o, "account", account_at)?,
        subscription: r.opt(&o, "subscription", |r, v, p| {
            let s = r.object(v, p, &["renew", "upgradeTo", "addSeats"])?;
            Ok(SubscriptionChange {
                renew: r.opt(&s, "renew", Reader::bool)?,
                upgrade_to: r.opt(&s, "upgradeTo", Reader::string)?,
                add_seats: r.opt(&s, "addSeats", Reader::u32)?,
            })
        })?,
        new_subscription: r.opt(&o, "newSubscription", |r, v, p| {
            let n = r.object(v, p, &["plan", "seats", "termMonths"])?;
            Ok(NewSubscription {
                plan: r.req(&n, "plan", Reader::string)?,
                seats: r.req(&n, "seats", Reader::u32)?,
                term_months: r.req(&n, "termMonths", Reader::u32)?,
            })
        })?,
        credit_package: r.opt(&o, "creditPackage", |r, v, p| {
            let c = r.object(v, p, &["id", "creditsPerMonth", "months"])?;
            Ok(PackageChoice {
                id: r.req(&c, "id", Reader::string)?,
                credits_per_month: r.opt(&c, "creditsPerMonth", Reader::u64)?,
                months: r.req(&c, "months", Reader::u32)?,
            })
        })?,
        payment: r.req(&o, "payment", |r, v, p| {
            let pay = r.object(v, p, &["method", "installments"])?;
            Ok(Payment {
                method: r.req(&pay, "method", Reader::string)?,
                // Absent: pay in full; `null` is refused like any other non-number.
                installments: match pay.map.get("installments") {
                    None => 1,
                    Some(n) => r.u32(n, &p.key("installments"))?,
                },
            })
        })?,
        invoice: r.opt(&o, "invoice", |r, v, p| {
            let i = r.object(v, p, &["companyName", "country", "address"])?;
            Ok(Invoice {
                company_name: r.req(&i, "companyName", Reader::string)?,
                country: r.req(&i, "country", Reader::string)?,
                address: r.opt(&i, "address", Reader::string)?,
            })
        })?,
        locale: r.opt(&o, "locale", Reader::string)?,
    })
}

/// The account of SPEC 2.2 at `path`. Kept whole: a table of the account's fields.
fn account_at(r: Reader, v: &Value, path: &Path<'_>) -> Res<Account> {
    let a = r.object(
        v,
        path,
        &[
            "country",
            "role",
            "plan",
            "seats",
            "subscription",
            "autoRenewal",
            "creditPackage",
            "savedPayment",
        ],
    )?;
    Ok(Account {
        country: r.req(&a, "country", Reader::string)?,
        role: r.req(&a, "role", |r, v, p| {
            r.choice(v, p, &Role::ALL.map(|x| (x.as_str(), x)))
        })?,
        plan: r.req(&a, "plan", Reader::string)?,
        seats: r.req(&a, "seats", Reader::u32)?,
        subscription: r.opt(&a, "subscription", |r, v, p| {
            let s = r.object(
                v,
                p,
                &[
                    "status",
                    "termMonths",
                    "periodStart",
                    "periodEnd",
                    "renewedUntil",
                    "anchorDay",
                ],
            )?;
            let statuses = SubscriptionStatus::ALL.map(|x| (x.as_str(), x));
            Ok(AccountSubscription {
                status: r.req(&s, "status", |r, v, p| r.choice(v, p, &statuses))?,
                term_months: r.opt(&s, "termMonths", Reader::u32)?,
                period_start: r.opt(&s, "periodStart", Reader::date)?,
                period_end: r.opt(&s, "periodEnd", Reader::date)?,
                renewed_until: r.opt(&s, "renewedUntil", Reader::date)?,
                anchor_day: r.opt(&s, "anchorDay", Reader::u32)?,
            })
        })?,
        auto_renewal: r.req(&a, "autoRenewal", Reader::bool)?,
        credit_package: r.opt(&a, "creditPackage", |r, v, p| {
            let c = r.object(v, p, &["id", "creditsPerMonth", "pricePerMonth", "start", "end"])?;
            Ok(RunningPackage {
                id: r.req(&c, "id", Reader::string)?,
                credits_per_month: r.req(&c, "creditsPerMonth", Reader::u64)?,
                price_per_month: r.req(&c, "pricePerMonth", Reader::amount)?,
                start: r.req(&c, "start", Reader::date)?,
                end: r.req(&c, "end", Reader::date)?,
            })
        })?,
        saved_payment: r.opt(&a, "savedPayment", |r, v, p| {
            let s = r.object(v, p, &["method", "installments"])?;
            Ok(SavedPayment {
                method: r.req(&s, "method", Reader::string)?,
                installments: r.opt(&s, "installments", Reader::u32)?.unwrap_or(1),
            })
        })?,
    })
}

/// The account object of an order on its own (the backend keeps accounts in this shape).
pub(crate) fn account(v: &Value) -> Res<Account> {
    account_at(Reader::new(ErrorCode::InvalidInput), v, &Path::ROOT)
}

/// R17 inputs: `{ asOf, account, locale }`.
pub(crate) fn renewal_request(v: &Value) -> Res<RenewalRequest> {
    let r = Reader::new(ErrorCode::InvalidInput);
    let o = r.object(v, &Path::ROOT, &["asOf", "account", "locale"])?;
    Ok(RenewalRequest {
        as_of: r.req(&o, "asOf", Reader::date)?,
        account: r.req(&o, "account", account_at)?,
        locale: r.opt(&o, "locale", Reader::string)?,
    })
}
