//! The rules of SPEC 3, one module per rule family.

pub mod credits;
pub mod fingerprint;
pub mod installments;
pub mod money;
