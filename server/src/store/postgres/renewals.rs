//! The renewal run (SPEC R18) and the auto-renewal switch on PostgreSQL. The account's row is
//! locked for the run, and the run's row in `renewal_runs` (primary key account and date) is
//! written in the transaction that moves the account and records its renewal order: two
//! instances running one account's renewal for one date do it once.

use super::orders::{insert_order, pending_of};
use super::{account, err, order_by_number, write_account, Postgres};
use crate::store::{AccountRecord, RenewalRun, RenewalStep, StoreResult};

impl Postgres {
    pub async fn account_ids(&self) -> StoreResult<Vec<String>> {
        let c = self.client().await?;
        let rows = c
            .query("SELECT id FROM accounts ORDER BY id", &[])
            .await
            .map_err(err)?;
        rows.iter().map(|r| r.try_get(0).map_err(err)).collect()
    }

    /// Sets the account's auto-renewal when `allow` accepts the account as it is (its row
    /// locked); `None`: no such account.
    pub async fn set_auto_renewal<E, F>(
        &self,
        id: &str,
        on: bool,
        allow: F,
    ) -> StoreResult<Option<Result<AccountRecord, E>>>
    where
        F: FnOnce(&AccountRecord, Option<i64>) -> Result<(), E>,
    {
        let mut c = self.client().await?;
        let tx = c.transaction().await.map_err(err)?;
        let Some(mut record) = account(&tx, id, " FOR UPDATE").await? else {
            return Ok(None);
        };
        if let Err(refused) = allow(&record, pending_of(&tx, id).await?) {
            return Ok(Some(Err(refused)));
        }
        if let Some(map) = record.account.as_object_mut() {
            map.insert("autoRenewal".into(), on.into());
        }
        write_account(&tx, &record).await?;
        tx.commit().await.map_err(err)?;
        Ok(Some(Ok(record)))
    }

    /// One account's renewal run for `run_date`: nothing when the account already had its run
    /// that date; else `decide` says what to do (given the earlier charge tries for the same
    /// period end), written with the run's row in one transaction.
    pub async fn run_renewal<F>(&self, id: &str, run_date: &str, decide: F) -> StoreResult<RenewalRun>
    where
        F: FnOnce(&AccountRecord, u32) -> RenewalStep,
    {
        let mut c = self.client().await?;
        let tx = c.transaction().await.map_err(err)?;
        // The account's row first: a second run of the same account waits here, then sees the
        // first one's row in `renewal_runs`.
        let Some(before) = account(&tx, id, " FOR UPDATE").await? else {
            return Ok(RenewalRun::Nothing);
        };
        let done = tx
            .query_opt(
                "SELECT 1 FROM renewal_runs WHERE account_id = $1 AND run_date = $2",
                &[&id, &run_date],
            )
            .await
            .map_err(err)?;
        if done.is_some() {
            return Ok(RenewalRun::Nothing);
        }
        let period_end = before.period_end();
        let tries: i64 = tx
            .query_one(
                "SELECT COUNT(*) FROM renewal_runs
                 WHERE account_id = $1 AND period_end = $2 AND order_number IS NOT NULL",
                &[&id, &period_end],
            )
            .await
            .map_err(err)?
            .try_get(0)
            .map_err(err)?;
        let step = decide(&before, u32::try_from(tries).unwrap_or(u32::MAX));
        if matches!(step, RenewalStep::Skip) {
            return Ok(RenewalRun::Nothing);
        }
        if pending_of(&tx, id).await?.is_some() {
            return Ok(RenewalRun::Held);
        }
        let (outcome, number) = match step {
            RenewalStep::Skip => return Ok(RenewalRun::Nothing),
            RenewalStep::Move {
                account_after,
                outcome,
            } => {
                write_account(&tx, &account_after).await?;
                (outcome, None)
            }
            RenewalStep::Charge(new) => (
                "charged",
                Some(insert_order(&tx, &before, &new, self.instance).await?),
            ),
        };
        tx.execute(
            "INSERT INTO renewal_runs (account_id, run_date, period_end, outcome, order_number)
             VALUES ($1, $2, $3, $4, $5)",
            &[&id, &run_date, &period_end, &outcome, &number],
        )
        .await
        .map_err(err)?;
        let order = match number {
            Some(n) => order_by_number(&tx, n, "").await?,
            None => None,
        };
        tx.commit().await.map_err(err)?;
        Ok(RenewalRun::Done(order.map(Box::new)))
    }
}
