//! PostgreSQL with more than one instance: an instance that starts leaves the pending orders
//! of an instance still running alone (they are in flight), and settles those of one that
//! stopped.

use std::time::Duration;

use super::recording::pending;
use super::support::{app_in, fresh, Kind};

#[tokio::test]
async fn a_live_instances_pending_orders_are_left_alone() {
    let place = fresh(Kind::Postgres).await;
    let first = app_in(&place, 0).await;
    let order = pending(&first, "br-admin", 6, "held").await;

    let second = app_in(&place, 0).await;
    assert!(second.app.store.pending_orders().await.unwrap().is_empty());

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
}

#[tokio::test(flavor = "multi_thread", worker_threads = 4)]
async fn instances_starting_at_once_migrate_and_seed_once() {
    let place = fresh(Kind::Postgres).await;
    let url = place.database.clone().unwrap();
    let opened = open_at_once(&url).await;
    assert!(opened.iter().all(Result::is_ok));
    let versions = super::pg::query(&url, "SELECT COUNT(*), MAX(version) FROM schema_migrations").await;
    assert_eq!(versions[0], [Some("3".to_owned()), Some("3".to_owned())]);
    // Seeded by both at once: the demo users once each.
    let t = app_in(&place, 0).await;
    let users = super::pg::query(&url, "SELECT COUNT(*) FROM users").await;
    assert_eq!(users[0][0].as_deref(), Some("4"));
    drop(t);
}

/// Four stores opened on one database at once, each seeding the demo accounts.
async fn open_at_once(url: &str) -> Vec<crate::store::StoreResult<()>> {
    let users = tokio::task::spawn_blocking(crate::accounts::demo_users)
        .await
        .unwrap();
    let tasks: Vec<_> = (0..4)
        .map(|_| {
            let (url, users) = (url.to_owned(), users.clone());
            tokio::spawn(async move {
                let store = crate::store::Store::open_postgres(&url).await?;
                store
                    .seed(crate::accounts::demo(super::support::today()), users)
                    .await
            })
        })
        .collect();
    let mut results = Vec::new();
    for t in tasks {
        results.push(t.await.unwrap());
    }
    results
}
