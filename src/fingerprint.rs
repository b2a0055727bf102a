//! R15 Fingerprint: SHA-256 over a canonical serialization, so that the browser's quote and the
//! backend's can be compared before charging.
//!
//! The canonical text is the compact JSON (serde_json, no spaces) of
//! `{"fingerprint":1,"library":VERSION,"catalog":CATALOG_VERSION,"order":ORDER,"amounts":AMOUNTS}`
//! where ORDER is [`Order::normalized`] with fields in declaration order, `null` for absent ones,
//! and AMOUNTS is `{"lines":[[kind,amount]...],"subtotal","commission","total","schedule":[...]}`
//! with every amount written with the catalog's minor units. Nothing in it depends on the locale
//! or the runtime, so native, Node and browser builds hash the same bytes.

use std::fmt::Write;

use serde::Serialize;
use sha2::{Digest, Sha256};

use crate::order::Order;
use crate::quote::LineKind;

#[derive(Serialize)]
struct Canonical<'a> {
    fingerprint: u32,
    library: &'a str,
    catalog: &'a str,
    order: &'a Order,
    amounts: Amounts<'a>,
}

#[derive(Serialize)]
pub(crate) struct Amounts<'a> {
    pub lines: Vec<(LineKind, &'a str)>,
    pub subtotal: &'a str,
    pub commission: &'a str,
    pub total: &'a str,
    pub schedule: Vec<&'a str>,
}

/// The canonical bytes the fingerprint hashes (see the module documentation).
pub(crate) fn canonical(catalog_version: &str, order: &Order, amounts: Amounts<'_>) -> Vec<u8> {
    let text = Canonical {
        fingerprint: 1,
        library: crate::version(),
        catalog: catalog_version,
        order,
        amounts,
    };
    // Serializing these plain structs to memory cannot fail; an empty text would still hash.
    serde_json::to_vec(&text).unwrap_or_default()
}

/// Lowercase hex SHA-256.
pub(crate) fn hex_sha256(bytes: &[u8]) -> String {
    let digest = Sha256::digest(bytes);
    let mut out = String::with_capacity(64);
    for b in digest {
        // Writing to a String cannot fail.
        let _ = write!(out, "{b:02x}");
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn r15_sha256_of_a_known_text() {
        // FIPS 180-2 example "abc".
        assert_eq!(
            hex_sha256(b"abc"),
            "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
        );
    }
}
