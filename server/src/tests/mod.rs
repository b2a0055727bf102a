//! The backend's routes through its whole layer stack, without a socket (socket-level tests are
//! in `server/tests/`).

mod access;
mod orders;
mod payments;
mod renewals;
mod support;
