//! Idempotency keys on PostgreSQL: the primary key `(user_id, key)` decides which request
//! holds a key, whichever instance it reached.

use serde_json::Value;

use super::{abandoned, err, Postgres};
use crate::store::{Claim, StoreResult};

impl Postgres {
    /// The key is inserted or found: the primary key decides which of two instances claiming it
    /// at once holds it (the second waits for the first's commit, then finds its row).
    pub async fn claim_key(
        &self,
        user_id: i64,
        key: &str,
        hash: &str,
        now: i64,
        expired_before: i64,
    ) -> StoreResult<Claim> {
        let c = self.client().await?;
        c.execute(
            "DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND created_at < $3",
            &[&user_id, &key, &expired_before],
        )
        .await
        .map_err(err)?;
        // A row deleted between the insert and the read (its request released it) is retried.
        for _ in 0..3 {
            let inserted = c
                .execute(
                    "INSERT INTO idempotency_keys (user_id, key, request_hash, created_at, instance)
                     VALUES ($1, $2, $3, $4, $5) ON CONFLICT DO NOTHING",
                    &[&user_id, &key, &hash, &now, &self.instance],
                )
                .await
                .map_err(err)?;
            if inserted == 1 {
                return Ok(Claim::New);
            }
            let found = c
                .query_opt(
                    "SELECT request_hash, status, response FROM idempotency_keys
                     WHERE user_id = $1 AND key = $2",
                    &[&user_id, &key],
                )
                .await
                .map_err(err)?;
            if let Some(row) = found {
                let stored: String = row.try_get(0).map_err(err)?;
                let status: Option<i32> = row.try_get(1).map_err(err)?;
                let body: Option<String> = row.try_get(2).map_err(err)?;
                return Ok(match (stored == hash, status) {
                    (false, _) => Claim::Mismatch,
                    (true, Some(s)) => Claim::Done(
                        u16::try_from(s).unwrap_or(500),
                        body.and_then(|b| serde_json::from_str(&b).ok())
                            .unwrap_or(Value::Null),
                    ),
                    (true, None) => Claim::InFlight,
                });
            }
        }
        Ok(Claim::InFlight)
    }

    pub async fn finish_key(&self, user_id: i64, key: &str, status: u16, body: &Value) -> StoreResult<()> {
        self.execute(
            "UPDATE idempotency_keys SET status = $3, response = $4 WHERE user_id = $1 AND key = $2",
            &[&user_id, &key, &i32::from(status), &body.to_string()],
        )
        .await
    }

    pub async fn release_key(&self, user_id: i64, key: &str) -> StoreResult<()> {
        self.execute(
            "DELETE FROM idempotency_keys WHERE user_id = $1 AND key = $2 AND status IS NULL",
            &[&user_id, &key],
        )
        .await
    }

    /// Keys held with no order by this instance or by instances that no longer run; a live
    /// instance's are in flight.
    pub async fn release_orphan_keys(&self) -> StoreResult<()> {
        let sql = format!(
            "DELETE FROM idempotency_keys t WHERE status IS NULL AND order_number IS NULL AND {}",
            abandoned()
        );
        self.execute(&sql, &[&self.instance]).await
    }
}
