//! An order's start on PostgreSQL: the key claim, the pricing on the locked account row and the
//! `pending` record under the next number from the counter row, in one transaction.

use deadpool_postgres::GenericClient;
use serde_json::Value;

use super::{account, err, keys::claim, next, order_by_number, write_account, Postgres};
use crate::store::{AccountRecord, Begun, Claim, KeyUse, PendingOrder, StoreResult};

impl Postgres {
    /// The account's row is locked from its read to the commit: another instance's order on the
    /// same account waits, then prices on the account as this one left it.
    pub async fn begin_order<F>(&self, key: &KeyUse, account_id: &str, price: F) -> StoreResult<Begun>
    where
        F: FnOnce(&AccountRecord) -> Result<PendingOrder, (u16, Value)>,
    {
        let mut c = self.client().await?;
        let tx = c.transaction().await.map_err(err)?;
        match claim(&tx, key, self.instance).await? {
            Claim::New => {}
            other => {
                tx.commit().await.map_err(err)?;
                return Ok(Begun::Claimed(other));
            }
        }
        let before = account(&tx, account_id, " FOR UPDATE")
            .await?
            .ok_or_else(|| err(format!("no account {account_id}")))?;
        if let Some(number) = pending_of(&tx, account_id).await? {
            // Dropped without a commit: the key's claim is undone with the rest.
            return Ok(Begun::Busy(number));
        }
        let new = match price(&before) {
            Ok(new) => new,
            Err((status, body)) => {
                tx.execute(
                    "UPDATE idempotency_keys SET status = $3, response = $4 WHERE user_id = $1 AND key = $2",
                    &[&key.user_id, &key.key, &i32::from(status), &body.to_string()],
                )
                .await
                .map_err(err)?;
                tx.commit().await.map_err(err)?;
                return Ok(Begun::Refused(status, body));
            }
        };
        let number = insert_order(&tx, &before, &new, self.instance).await?;
        tx.execute(
            "UPDATE idempotency_keys SET order_number = $3 WHERE user_id = $1 AND key = $2",
            &[&key.user_id, &key.key, &number],
        )
        .await
        .map_err(err)?;
        let order = order_by_number(&tx, number, "")
            .await?
            .ok_or_else(|| err("order lost"))?;
        tx.commit().await.map_err(err)?;
        Ok(Begun::Pending(Box::new(order)))
    }

    /// The answer of the key that started the order `number`, kept while the order stays `pending`.
    pub async fn answer_pending(&self, number: i64, (status, body): &(u16, Value)) -> StoreResult<()> {
        self.execute(
            "UPDATE idempotency_keys SET status = $2, response = $3 WHERE order_number = $1",
            &[&number, &i32::from(*status), &body.to_string()],
        )
        .await
    }
}

/// The number of the account's `pending` order, if it has one.
pub(super) async fn pending_of<C: GenericClient>(tx: &C, account_id: &str) -> StoreResult<Option<i64>> {
    let row = tx
        .query_opt(
            "SELECT number FROM orders WHERE account_id = $1 AND status = 'pending' LIMIT 1",
            &[&account_id],
        )
        .await
        .map_err(err)?;
    Ok(row.map(|r| r.get(0)))
}

/// Writes `new` as a `pending` order of the account `before` (locked by the caller) under the
/// next order number, with the account as it is after the order.
pub(super) async fn insert_order<C: GenericClient>(
    tx: &C,
    before: &AccountRecord,
    new: &PendingOrder,
    instance: i32,
) -> StoreResult<i64> {
    let number = next(tx, "order").await?;
    let stmt = tx
        .prepare_cached(
            "INSERT INTO orders (number, created_at, account_id, total, currency, status,
               description, invoice, order_json, quote_json, account_before, instance, kind)
             VALUES ($1, $2, $3, $4, $5, 'pending', $6, $7, $8, $9, $10, $11, $12)",
        )
        .await
        .map_err(err)?;
    let before_text = serde_json::to_string(before).unwrap_or_default();
    let params: [&(dyn tokio_postgres::types::ToSql + Sync); 12] = [
        &number,
        &new.created_at,
        &before.id,
        &new.total,
        &new.currency,
        &new.description,
        &new.invoice,
        &new.order.to_string(),
        &new.quote.to_string(),
        &before_text,
        &instance,
        &new.kind,
    ];
    tx.execute(&stmt, &params).await.map_err(err)?;
    write_account(tx, &new.account_after).await?;
    Ok(number)
}
