//! The canonical bytes and the hash, checked by hand.

use super::*;

/// A line of the kind `credit_package` (4).
struct PackageLine(Decimal);

impl PricedLine for PackageLine {
    fn kind(&self) -> u8 {
        4
    }
    fn amount(&self) -> Decimal {
        self.0
    }
}

fn sha(bytes: &[u8]) -> String {
    let mut h = Hashing(Sha256::new());
    h.bytes(bytes);
    h.finish().to_string()
}

#[test]
fn r15_sha256_of_known_texts() {
    // FIPS 180-2 examples: "abc", and 1,000 bytes that pass through the block buffer in pieces.
    assert_eq!(
        sha(b"abc"),
        "ba7816bf8f01cfea414140de5dae2223b00361a396177a9cb410ff61f20015ad"
    );
    let mut h = Hashing(Sha256::new());
    for chunk in [
        &[b'a'; 100][..],
        &[b'a'; 300][..],
        &[b'a'; 1][..],
        &[b'a'; 599][..],
    ] {
        h.bytes(chunk);
    }
    let mut whole = Hashing(Sha256::new());
    whole.bytes(&[b'a'; 1000]);
    assert_eq!(h.finish(), whole.finish());
    assert_eq!(
        sha(&[b'a'; 1000]),
        "41edece42d63e8d9bf515a9ba6932e1c20cbc9f5a5d134645adb5db1b9737ea3"
    );
}

#[test]
fn r15_the_anchor_day_is_normalized_and_every_account_field_counts() {
    let base = r#"{"asOf":"2026-07-03","account":{"country":"US","role":"admin","plan":"advanced","seats":1,
        "subscription":{"status":"active","termMonths":12,"periodStart":"2026-01-15","periodEnd":"2027-01-15"ANCHOR},
        "autoRenewal":false EXTRA},"creditPackage":{"id":"growth","months":4},"payment":{"method":"card"}}"#;
    let quote = |anchor: &str, extra: &str| {
        let order = crate::parse_order(&base.replace("ANCHOR", anchor).replace("EXTRA", extra)).unwrap();
        crate::Checkout::default()
            .quote(&order)
            .unwrap()
            .fingerprint
            .to_string()
    };
    let plain = quote("", "");
    assert_eq!(
        plain,
        quote(",\"anchorDay\":15", ""),
        "the same anchor, given or not"
    );
    let running = r#","creditPackage":{"id":"starter","creditsPerMonth":5000,"pricePerMonth":"10.00","start":"2026-05-20","end":"2026-10-15"}"#;
    let saved = r#","savedPayment":{"method":"card","installments":1}"#;
    let others = [
        quote("", running),
        quote("", saved),
        quote(",\"renewedUntil\":\"2028-01-15\"", ""),
    ];
    for (i, other) in others.iter().enumerate() {
        assert_ne!(&plain, other, "account field {i} is in the fingerprint");
    }
}

#[test]
fn r15_the_canonical_bytes_leave_the_locale_out() {
    let order = crate::parse_order(
        r#"{"asOf":"2026-07-03","account":{"country":"BR","role":"admin","plan":"advanced","seats":1,
        "subscription":{"status":"active","termMonths":12,"periodStart":"2026-01-15","periodEnd":"2027-01-15"},
        "autoRenewal":false},"creditPackage":{"id":"starter","months":3},
        "payment":{"method":"card","installments":1},
        "invoice":{"companyName":"Acme","country":"BR"},"locale":"pt-BR"}"#,
    )
    .unwrap();
    let d = |s: &str| s.parse::<Decimal>().unwrap();
    let day = crate::period::IsoDate::parse("2026-07-03").unwrap();
    let thirty = crate::rules::money::Fixed::new(d("30.00"), 2);
    let line = PackageLine(thirty.value());
    let due = Due {
        number: 1,
        due_date: day,
        amount: thirty,
    };
    let amounts = Amounts {
        minor_units: 2,
        lines: &[line],
        subtotal: d("30.00"),
        commission: d("-1.5"),
        total: d("150"),
        schedule: &[due],
    };
    let mut w = Canon(Vec::new());
    write_header(&mut w, "v1", 2);
    write(&mut w, &order, Some(5000), &amounts);
    let version = crate::version();
    let mut expected: Vec<u8> = b"CCFP\x04".to_vec();
    expected.push(version.len() as u8);
    expected.extend_from_slice(version.as_bytes());
    expected.extend_from_slice(b"\x02v1\x02");
    // The header is padded with zeros to 64 bytes.
    expected.resize(64, 0);
    // A quote; 20260703 in LEB128, seven bits at a time from the lowest: df ce d4 09.
    expected.extend_from_slice(&[b'Q', 0xdf, 0xce, 0xd4, 0x09]);
    expected.extend_from_slice(b"\x02BR\x00\x08advanced\x01");
    // Subscription present: active (0), term 12, 2026-01-15 (20260115: 93 ca d4 09),
    // 2027-01-15 (20270115: a3 98 d5 09), no renewedUntil, the anchor day in effect (15, from
    // periodStart); then autoRenewal false, no running package, no saved payment.
    expected.extend_from_slice(b"\x01\x00\x01\x0c\x01");
    expected.extend_from_slice(&[0x93, 0xca, 0xd4, 0x09, 0x01, 0xa3, 0x98, 0xd5, 0x09]);
    expected.extend_from_slice(&[0x00, 0x01, 0x0f, 0x00, 0x00, 0x00]);
    // No change, no new subscription; the package with its credits made explicit (5000 = 88 27).
    expected.extend_from_slice(b"\x00\x00\x01\x07starter\x01");
    expected.extend_from_slice(&[0x88, 0x27, 0x03]);
    expected.extend_from_slice(b"\x04card\x01\x01\x04Acme\x02BR\x00");
    // One line: 3000 minor units, zigzag 6000 = f0 2e; subtotal the same; commission -150,
    // zigzag 299 = ab 02; total 15000, zigzag 30000 = b0 ea 01; one installment of 3000.
    expected.extend_from_slice(b"\x01\x04");
    expected.extend_from_slice(&[
        0xf0, 0x2e, 0xf0, 0x2e, 0xab, 0x02, 0xb0, 0xea, 0x01, 0x01, 0xf0, 0x2e,
    ]);
    assert_eq!(w.0, expected);
    assert!(!w.0.windows(5).any(|s| s == b"pt-BR"));
    // Starting from the header's state is hashing the whole serialization.
    let header = Header::new("v1", 2);
    assert_eq!(
        fingerprint(&header, &order, Some(5000), &amounts).to_string(),
        sha(&expected)
    );
}
