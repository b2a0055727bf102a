//! The renewal run's units of work (SPEC R18) and the auto-renewal switch. The run's row in
//! `renewal_runs` (primary key account and date) is written in the transaction that moves the
//! account and records its renewal order: one run per account and date.

use rusqlite::{params, Connection, TransactionBehavior};

use super::{account, insert_order, order_by_number, pending_of, write_account};
use crate::store::{AccountRecord, RenewalRun, RenewalStep};

pub fn account_ids(c: &Connection) -> rusqlite::Result<Vec<String>> {
    let mut stmt = c.prepare_cached("SELECT id FROM accounts ORDER BY id")?;
    let rows = stmt.query_map([], |r| r.get(0))?;
    rows.collect()
}

/// Sets the account's auto-renewal when `allow` accepts the account as it is; `None`: no such
/// account.
pub fn set_auto_renewal<E>(
    c: &mut Connection,
    id: &str,
    on: bool,
    allow: impl FnOnce(&AccountRecord, Option<i64>) -> Result<(), E>,
) -> rusqlite::Result<Option<Result<AccountRecord, E>>> {
    let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let Some(mut record) = account(&tx, id)? else {
        return Ok(None);
    };
    if let Err(refused) = allow(&record, pending_of(&tx, id)?) {
        return Ok(Some(Err(refused)));
    }
    if let Some(map) = record.account.as_object_mut() {
        map.insert("autoRenewal".into(), on.into());
    }
    write_account(&tx, &record)?;
    tx.commit()?;
    Ok(Some(Ok(record)))
}

/// One account's renewal run for `run_date`: nothing when the account already had its run that
/// date; else `decide` says what to do (given the earlier charge tries for the same period end)
/// and it is written with the run's row in one transaction.
pub fn run_renewal<F>(c: &mut Connection, id: &str, run_date: &str, decide: F) -> rusqlite::Result<RenewalRun>
where
    F: FnOnce(&AccountRecord, u32) -> RenewalStep,
{
    let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let done: bool = tx
        .prepare_cached("SELECT EXISTS (SELECT 1 FROM renewal_runs WHERE account_id = ?1 AND run_date = ?2)")?
        .query_row(params![id, run_date], |r| r.get(0))?;
    let Some(before) = account(&tx, id)?.filter(|_| !done) else {
        return Ok(RenewalRun::Nothing);
    };
    let period_end = before.period_end();
    let tries: u32 = tx
        .prepare_cached(
            "SELECT COUNT(*) FROM renewal_runs WHERE account_id = ?1 AND period_end = ?2 AND order_number IS NOT NULL",
        )?
        .query_row(params![id, period_end], |r| r.get(0))?;
    let step = decide(&before, tries);
    if matches!(step, RenewalStep::Skip) {
        return Ok(RenewalRun::Nothing);
    }
    if pending_of(&tx, id)?.is_some() {
        return Ok(RenewalRun::Held);
    }
    let (outcome, number) = match step {
        RenewalStep::Skip => return Ok(RenewalRun::Nothing),
        RenewalStep::Move {
            account_after,
            outcome,
        } => {
            write_account(&tx, &account_after)?;
            (outcome, None)
        }
        RenewalStep::Charge(new) => ("charged", Some(insert_order(&tx, &before, &new)?)),
    };
    tx.prepare_cached(
        "INSERT INTO renewal_runs (account_id, run_date, period_end, outcome, order_number)
         VALUES (?1, ?2, ?3, ?4, ?5)",
    )?
    .execute(params![id, run_date, period_end, outcome, number])?;
    let order = number.map(|n| order_by_number(&tx, n)).transpose()?;
    tx.commit()?;
    Ok(RenewalRun::Done(order.map(Box::new)))
}
