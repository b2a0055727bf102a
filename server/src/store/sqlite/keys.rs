//! Idempotency keys (claimed, answered, forgotten after their lifetime) and expired sessions.

#[cfg(test)]
use rusqlite::TransactionBehavior;
use rusqlite::{params, Connection, OptionalExtension};
use serde_json::Value;

use crate::store::{Claim, KeyUse};

pub fn forget_expired(
    c: &mut Connection,
    idle_before: i64,
    created_before: i64,
    keys_before: i64,
) -> rusqlite::Result<()> {
    let tx = c.transaction()?;
    tx.execute(
        "DELETE FROM sessions WHERE last_seen < ?1 OR created_at < ?2",
        params![idle_before, created_before],
    )?;
    tx.execute(
        "DELETE FROM idempotency_keys WHERE created_at < ?1 AND status IS NOT NULL",
        [keys_before],
    )?;
    tx.commit()
}

#[cfg(test)]
pub fn claim_key(c: &mut Connection, key: &KeyUse) -> rusqlite::Result<Claim> {
    let tx = c.transaction_with_behavior(TransactionBehavior::Immediate)?;
    let claim = claim(&tx, key)?;
    tx.commit()?;
    Ok(claim)
}

/// Holds the key for this request (`New`), or says what an earlier use left.
pub fn claim(tx: &Connection, k: &KeyUse) -> rusqlite::Result<Claim> {
    tx.prepare_cached("DELETE FROM idempotency_keys WHERE user_id = ?1 AND key = ?2 AND created_at < ?3")?
        .execute(params![k.user_id, k.key, k.expired_before])?;
    let found = tx
        .prepare_cached(
            "SELECT request_hash, status, response FROM idempotency_keys WHERE user_id = ?1 AND key = ?2",
        )?
        .query_row(params![k.user_id, k.key], |r| {
            Ok((
                r.get::<_, String>(0)?,
                r.get::<_, Option<u16>>(1)?,
                r.get::<_, Option<String>>(2)?,
            ))
        })
        .optional()?;
    Ok(match found {
        Some((stored, _, _)) if stored != k.request_hash => Claim::Mismatch,
        Some((_, Some(status), body)) => Claim::Done(
            status,
            body.and_then(|b| serde_json::from_str(&b).ok())
                .unwrap_or(Value::Null),
        ),
        Some(_) => Claim::InFlight,
        None => {
            tx.prepare_cached(
                "INSERT INTO idempotency_keys (user_id, key, request_hash, created_at) VALUES (?1, ?2, ?3, ?4)",
            )?
            .execute(params![k.user_id, k.key, k.request_hash, k.now])?;
            Claim::New
        }
    })
}

#[cfg(test)]
pub fn finish_key(
    c: &mut Connection,
    user_id: i64,
    key: &str,
    status: u16,
    body: &Value,
) -> rusqlite::Result<()> {
    c.prepare_cached(
        "UPDATE idempotency_keys SET status = ?3, response = ?4 WHERE user_id = ?1 AND key = ?2",
    )?
    .execute(params![user_id, key, status, body.to_string()])
    .map(drop)
}
