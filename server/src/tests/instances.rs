//! PostgreSQL with more than one instance: an instance that starts leaves the pending orders
//! and held keys of an instance still running alone (they are in flight), and settles and
//! releases those of one that stopped.

use std::time::Duration;

use super::orders::pending;
use super::support::{app_in, fresh, Kind};
use crate::store::Claim;

#[tokio::test]
async fn a_live_instances_pending_orders_and_keys_are_left_alone() {
    let place = fresh(Kind::Postgres).await;
    let first = app_in(&place, 0).await;
    let order = pending(&first, "br-admin", 6).await;
    let held = first.app.store.claim_key(1, "held", "h", 0, -1).await.unwrap();
    assert_eq!(held, Claim::New);

    let second = app_in(&place, 0).await;
    assert!(second.app.store.pending_orders().await.unwrap().is_empty());
    second.app.store.release_orphan_keys().await.unwrap();
    let again = second.app.store.claim_key(1, "held", "h", 0, -1).await.unwrap();
    assert_eq!(again, Claim::InFlight);

    // The first instance stops: its connections close, and with them its instance lock.
    drop(first);
    let mut left = Vec::new();
    for _ in 0..50 {
        left = second.app.store.pending_orders().await.unwrap();
        if !left.is_empty() {
            break;
        }
        tokio::time::sleep(Duration::from_millis(100)).await;
    }
    assert_eq!(left.iter().map(|o| o.number).collect::<Vec<_>>(), [order.number]);
    second.app.store.release_orphan_keys().await.unwrap();
    let fresh_claim = second.app.store.claim_key(1, "held", "h", 0, -1).await.unwrap();
    assert_eq!(fresh_claim, Claim::New);
}
