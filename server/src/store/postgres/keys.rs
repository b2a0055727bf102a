//! Idempotency keys on PostgreSQL: the primary key `(user_id, key)` decides which request
//! holds a key, whichever instance it reached. Expired sessions and keys are forgotten here too.

use deadpool_postgres::GenericClient;
use serde_json::Value;

use super::{err, Postgres};
use crate::store::{Claim, KeyUse, StoreResult};

impl Postgres {
    /// Holds the key for the request alone (the first step of `begin_order`).
    #[cfg(test)]
    pub async fn claim_key(&self, key: &KeyUse) -> StoreResult<Claim> {
        let mut c = self.client().await?;
        let tx = c.transaction().await.map_err(err)?;
        let claimed = claim(&tx, key, self.instance).await?;
        tx.commit().await.map_err(err)?;
        Ok(claimed)
    }

    #[cfg(test)]
    pub async fn finish_key(&self, user_id: i64, key: &str, status: u16, body: &Value) -> StoreResult<()> {
        self.execute(
            "UPDATE idempotency_keys SET status = $3, response = $4 WHERE user_id = $1 AND key = $2",
            &[&user_id, &key, &i32::from(status), &body.to_string()],
        )
        .await
    }

    pub async fn forget_expired(
        &self,
        idle_before: i64,
        created_before: i64,
        keys_before: i64,
    ) -> StoreResult<()> {
        let mut c = self.client().await?;
        let tx = c.transaction().await.map_err(err)?;
        tx.execute(
            "DELETE FROM sessions WHERE last_seen < $1 OR created_at < $2",
            &[&idle_before, &created_before],
        )
        .await
        .map_err(err)?;
        tx.execute(
            "DELETE FROM idempotency_keys WHERE created_at < $1 AND status IS NOT NULL",
            &[&keys_before],
        )
        .await
        .map_err(err)?;
        tx.commit().await.map_err(err)
    }
}

/// The key is inserted or found, in the caller's transaction: the primary key decides which of
/// two instances claiming it at once holds it (the second waits for the first's commit, then
/// finds its row, or inserts its own when the first rolled back).
pub(super) async fn claim<C: GenericClient>(c: &C, k: &KeyUse, instance: i32) -> StoreResult<Claim> {
    c.execute(
        "DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND created_at < $3",
        &[&k.user_id, &k.key, &k.expired_before],
    )
    .await
    .map_err(err)?;
    let inserted = c
        .execute(
            "INSERT INTO idempotency_keys (user_id, key, request_hash, created_at, instance)
             VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
            &[&k.user_id, &k.key, &k.request_hash, &k.now, &instance],
        )
        .await
        .map_err(err)?;
    if inserted == 1 {
        return Ok(Claim::New);
    }
    let found = c
        .query_opt(
            "SELECT request_hash, status, response FROM idempotency_keys WHERE user_id = $1 AND key = $2",
            &[&k.user_id, &k.key],
        )
        .await
        .map_err(err)?;
    let Some(row) = found else {
        return Ok(Claim::InFlight);
    };
    let stored: String = row.try_get(0).map_err(err)?;
    let status: Option<i32> = row.try_get(1).map_err(err)?;
    let body: Option<String> = row.try_get(2).map_err(err)?;
    Ok(match (stored == k.request_hash, status) {
        (false, _) => Claim::Mismatch,
        (true, Some(s)) => Claim::Done(
            u16::try_from(s).unwrap_or(500),
            body.and_then(|b| serde_json::from_str(&b).ok())
                .unwrap_or(Value::Null),
        ),
        (true, None) => Claim::InFlight,
    })
}
