//! R7 installments, R8 commission, R9 schedule.

use chrono::NaiveDate;
use rust_decimal::Decimal;
use serde::Serialize;

use super::assessed::Skip;
use crate::catalog::{Catalog, CommissionModel};
use crate::error::{invalid, ErrorCode, Problem};
use crate::order::Order;
use crate::period::{add_months, Anchor, IsoDate};
use crate::rules::money::{self, Fixed, Overflow};

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Installments {
    pub count: u32,
    pub interest_free: bool,
    pub commission_percent: Fixed,
    pub processor: Option<String>,
    pub schedule: Vec<Due>,
}

#[derive(Clone, Debug, PartialEq, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Due {
    pub number: u32,
    pub due_date: IsoDate,
    pub amount: Fixed,
}

/// What paying `subtotal` in `count` installments comes to.
#[derive(Clone, Debug, PartialEq)]
pub struct Plan {
    pub commission: Decimal,
    pub total: Decimal,
    pub installments: Installments,
    /// The schedule's amounts, unformatted.
    pub amounts: money::Split,
}

/// R7: why installments are refused, if they are. Checks the country first, then the method.
pub fn unavailable_reason(catalog: &Catalog, country: &str, method: &str) -> Option<&'static str> {
    let policy = &catalog.installments;
    if !policy.countries.iter().any(|c| c == country) {
        Some("country")
    } else if !policy.methods.iter().any(|m| m == method) {
        Some("method")
    } else {
        None
    }
}

/// R7: the order's installment count (not looked at where the call lists the counts or terms),
/// judged for `method`, the method charged (the saved one where R6 says so). One problem at most
/// (SPEC 4): the count's own, else a schedule that would pass the year 9999.
pub(super) fn check(catalog: &Catalog, order: &Order, method: &str, skip: Skip, problems: &mut Vec<Problem>) {
    if skip.installments || skip.payment {
        return;
    }
    let count = order.payment.installments;
    if let Some(p) = check_count(catalog, &order.account.country, method, count) {
        problems.push(p);
    } else if add_months(order.as_of.date(), count.saturating_sub(1)).is_none() {
        problems.push(invalid(
            "payment.installments",
            "the last installment would fall after the year 9999",
        ));
    }
}

/// R7: the problems with the chosen installment count, if any.
pub fn check_count(catalog: &Catalog, country: &str, method: &str, count: u32) -> Option<Problem> {
    const FIELD: &str = "payment.installments";
    let policy = &catalog.installments;
    if count == 0 {
        return Some(Problem::new(
            ErrorCode::InvalidField,
            FIELD,
            "choose 1 to pay in full, or more installments",
        ));
    }
    if count == 1 {
        return None;
    }
    if let Some(reason) = unavailable_reason(catalog, country, method) {
        let message = if reason == "country" {
            "installments are available only for accounts based in the listed countries"
        } else {
            "installments are available only with the listed payment methods"
        };
        return Some(
            Problem::new(ErrorCode::InstallmentsNotAvailable, FIELD, message)
                .with("reason", reason)
                .with("countries", policy.countries.clone())
                .with("methods", policy.methods.clone()),
        );
    }
    if count > policy.max_count {
        return Some(
            Problem::new(
                ErrorCode::InstallmentsTooMany,
                FIELD,
                format!("at most {} installments", policy.max_count),
            )
            .with("maxCount", policy.max_count),
        );
    }
    None
}

/// R8 and R9: commission, total and schedule for `count` installments starting on `first_due`.
///
/// # Errors
/// [`Overflow`] when an amount leaves the range the library computes with.
pub fn plan(
    catalog: &Catalog,
    subtotal: Decimal,
    count: u32,
    first_due: NaiveDate,
) -> Result<Plan, Overflow> {
    plan_on(catalog, subtotal, count, first_due, Anchor::of(first_due))
}

/// [`plan`] with the installments due monthly on `day`'s anchor day (clamped) from `first_due`
/// (R17: a renewal's schedule follows the subscription's anchor day).
///
/// # Errors
/// [`Overflow`] when an amount leaves the range the library computes with.
pub fn plan_on(
    catalog: &Catalog,
    subtotal: Decimal,
    count: u32,
    first_due: NaiveDate,
    day: Anchor,
) -> Result<Plan, Overflow> {
    let mu = catalog.minor_units;
    let policy = &catalog.installments;
    let count = count.max(1);
    let with_commission = count > 1 && count >= policy.commission_from;

    let (commission, total, amounts, percent) = if with_commission {
        with_commission_of(catalog, subtotal, count)?
    } else {
        let amounts = money::split(subtotal, count, mu)?;
        (Decimal::ZERO, subtotal, amounts, Decimal::ZERO)
    };
    let schedule = schedule(&amounts, first_due, day, mu)?;
    Ok(Plan {
        commission,
        total,
        installments: Installments {
            count,
            interest_free: !with_commission,
            commission_percent: Fixed::new(percent, 2),
            processor: (count > 1).then(|| policy.processor.clone()),
            schedule,
        },
        amounts,
    })
}

/// R8: the commission, the total, the installment amounts and the commission percent of paying
/// `subtotal` in `count` installments, by the catalog's commission model.
fn with_commission_of(
    catalog: &Catalog,
    subtotal: Decimal,
    count: u32,
) -> Result<(Decimal, Decimal, money::Split, Decimal), Overflow> {
    let mu = catalog.minor_units;
    Ok(match catalog.installments.commission.model {
        CommissionModel::PercentByCount => {
            let percent = catalog.commission_percent(count).unwrap_or(Decimal::ZERO);
            let raw = money::div(money::mul(subtotal, percent)?, Decimal::ONE_HUNDRED)?;
            let commission = money::round(raw, mu)?;
            let total = money::add(subtotal, commission)?;
            (commission, total, money::split(total, count, mu)?, percent)
        }
        CommissionModel::MonthlyRate => {
            let rate = catalog.commission_percent(count).unwrap_or(Decimal::ZERO);
            // Rounding a small installment down could make the total less than the
            // subtotal: never less than the subtotal split evenly, rounded up.
            let even = money::split(subtotal, count, mu)?.first();
            let installment = money::round(tabela_price(subtotal, rate, count)?, mu)?.max(even);
            let total = money::round(money::mul(installment, Decimal::from(count))?, mu)?;
            let commission = money::sub(total, subtotal)?;
            let percent = if subtotal.is_zero() {
                Decimal::ZERO
            } else {
                money::mul(money::div(commission, subtotal)?, Decimal::ONE_HUNDRED)?
            };
            (
                commission,
                total,
                money::Split::even(installment, count, mu)?,
                percent,
            )
        }
    })
}

/// R9: the installments of `amounts`, the first due on `first_due`, the others monthly on `day`.
fn schedule(
    amounts: &money::Split,
    first_due: NaiveDate,
    day: Anchor,
    mu: u32,
) -> Result<Vec<Due>, Overflow> {
    let mut schedule = Vec::with_capacity(amounts.count() as usize);
    for number in 1..=amounts.count() {
        let due = if number == 1 {
            first_due
        } else {
            day.months_after(first_due, number - 1).ok_or(Overflow)?
        };
        schedule.push(Due {
            number,
            due_date: due.into(),
            amount: Fixed::new(amounts.get(number - 1), mu),
        });
    }
    Ok(schedule)
}

/// R8 Tabela Price: the level installment paying `principal` over `n` months at `percent` a month,
/// `principal x i / (1 - (1 + i)^-n)`, unrounded.
fn tabela_price(principal: Decimal, percent: Decimal, n: u32) -> Result<Decimal, Overflow> {
    let i = money::div(percent, Decimal::ONE_HUNDRED)?;
    if i.is_zero() {
        return money::div(principal, Decimal::from(n));
    }
    let base = money::add(Decimal::ONE, i)?;
    let growth = (0..n).try_fold(Decimal::ONE, |acc, _| money::mul(acc, base))?;
    let discount = money::sub(Decimal::ONE, money::div(Decimal::ONE, growth)?)?;
    money::div(money::mul(principal, i)?, discount)
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::str::FromStr;

    fn d(s: &str) -> Decimal {
        Decimal::from_str(s).unwrap()
    }

    #[test]
    fn r8_tabela_price_never_gives_a_negative_commission() {
        let mut catalog = Catalog::default_catalog();
        catalog.minor_units = 0;
        catalog.installments.commission = crate::catalog::Commission {
            model: CommissionModel::MonthlyRate,
            percent: crate::catalog::Percent::Flat(crate::rules::money::Amount(d("1.99"))),
        };
        // 3 at 1.99 % over 12: the exact installment is 0.28, which rounds to 0; the even split
        // rounded up, 1, is the least it can be.
        let first = NaiveDate::from_ymd_opt(2026, 7, 3).unwrap();
        let p = plan(&catalog, d("3"), 12, first).unwrap();
        assert_eq!(p.amounts.first(), d("1"));
        assert_eq!((p.total, p.commission), (d("12"), d("9")));
    }

    #[test]
    fn r8_tabela_price_check_value() {
        let installment = money::round(tabela_price(d("5000.00"), d("2"), 10).unwrap(), 2).unwrap();
        assert_eq!(installment.to_string(), "556.63");
    }
}
