//! The backend's routes through its whole layer stack, without a socket (socket-level tests are
//! in `server/tests/`).

/// One test per store for each `async fn name(kind: Kind)` named: `name::sqlite`,
/// `name::postgres`.
macro_rules! both_stores {
    ($($name:ident),* $(,)?) => {$(
        mod $name {
            use crate::tests::support::Kind;
            #[tokio::test]
            async fn sqlite() {
                super::$name(Kind::Sqlite).await;
            }
            #[tokio::test]
            async fn postgres() {
                super::$name(Kind::Postgres).await;
            }
        }
    )*};
}

mod access;
mod instances;
mod orders;
mod payments;
#[path = "../../tests/common/pg.rs"]
mod pg;
mod recording;
mod renewals;
mod support;
mod tax_id;
