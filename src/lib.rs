//! credit-checkout: the pricing and credit rules of the AI-credit checkout (SPEC.md section 3,
//! one module each under `rules/`), written once in plain Rust. The browser runs it as
//! WebAssembly to preview every keystroke; the backend runs it natively to recompute the same
//! quote and compare fingerprints before charging.
//!
//! No floats for money, no clock (the caller passes `asOf`), no network, no panics.

pub mod catalog;
pub mod checkout;
pub mod country;
mod describe;
pub mod error;
pub mod io;
pub mod order;
pub mod period;
pub mod quote;
pub mod rules;
mod text;
#[cfg(target_arch = "wasm32")]
pub mod wasm;

// The paths the library had before `rules/` and `io/`, kept for the code that uses them.
pub use io::{input, json, wire};
pub use rules::{credits, fingerprint, installments, money};

pub use catalog::Catalog;
pub use checkout::{Checkout, InstallmentOption, TermOption};
pub use error::{CheckoutError, ErrorCode, Problem};
pub use input::{parse_catalog, parse_order};
pub use order::Order;
pub use quote::Quote;

/// The library's version, part of every fingerprint (R15).
pub fn version() -> &'static str {
    env!("CARGO_PKG_VERSION")
}

/// The README's Rust example runs as a doctest.
#[cfg(doctest)]
#[doc = include_str!("../README.md")]
pub struct ReadmeDoctests;
