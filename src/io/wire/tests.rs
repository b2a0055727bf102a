//! The protocol's texts, checked by hand.

use super::*;

const ORDER: &str = r#"{"asOf":"2026-07-03","account":{"country":"US","role":"admin","plan":"advanced","seats":1,
    "subscription":{"status":"active","termMonths":12,"periodStart":"2026-01-15","periodEnd":"2027-01-15"},
    "autoRenewal":false},"creditPackage":{"id":"starter","months":3},"payment":{"method":"card","installments":1}}"#;

#[test]
fn a_quote_is_q_and_its_values() {
    let text = Engine::new().quote(ORDER);
    let t: Vec<&str> = text.split(SEP).collect();
    // The seed example: Starter for 3 months at 10.00 a month, one line, paid in full.
    assert_eq!(&t[..3], ["Q", "USD", "1"]);
    assert_eq!(
        &t[3..13],
        [
            "4",
            "Starter AI credits, 5,000 credits a month, 3 months",
            "1",
            "10.00",
            "3",
            "2026-07-03",
            "2026-09-15",
            "30.00",
            "0",
            "30.00"
        ]
    );
    // commission, total; 1 installment, interest-free, 0.00 %, no processor, one due on
    // 2026-07-03 of 30.00.
    assert_eq!(
        &t[13..22],
        ["0.00", "30.00", "1", "1", "0.00", "0", "1", "2026-07-03", "30.00"]
    );
    assert_eq!(t.last().map(|f| f.len()), Some(64));
}

#[test]
fn failures_are_e_and_json() {
    let e = Engine::new();
    let text = e.quote(&ORDER.replace("\"seats\":1", "\"seats\":\"1\""));
    let v: serde_json::Value = serde_json::from_str(&text[1..]).unwrap();
    assert!(text.starts_with('E'));
    assert_eq!(v["problems"][0]["code"], "INVALID_INPUT");
    assert_eq!(v["problems"][0]["field"], "account.seats");
    assert_eq!(
        e.validate("[]"),
        r#"[{"code":"INVALID_INPUT","field":"","message":"must be an object, not an array"}]"#
    );
    assert_eq!(e.validate(ORDER), "[]");
    let mut bad = Engine::new();
    assert!(bad.load("{}").starts_with("E{"));
    assert_eq!(
        bad.quote(ORDER),
        e.quote(ORDER),
        "a refused catalog leaves the engine as it was"
    );
}

#[test]
fn terms_and_options() {
    let e = Engine::new();
    let terms: serde_json::Value = serde_json::from_str(&e.package_terms(ORDER)).unwrap();
    // From 2026-07-03, anchor day 15, to the period end 2027-01-15: seven resets (Jul 15 ..
    // Jan 15), so 3 to 7 cycles.
    assert_eq!(
        terms[0],
        serde_json::json!({"months":3,"start":"2026-07-03","end":"2026-09-15","price":"30.00"})
    );
    assert_eq!(terms.as_array().map(Vec::len), Some(5));
    assert_eq!(terms[4]["end"], "2027-01-15");
    // A US account pays in full only.
    assert_eq!(
        e.installment_options(ORDER),
        "O\u{1}USD\u{1}1\u{1}1\u{1}30.00\u{1}30.00\u{1}0.00\u{1}1"
    );
    assert_eq!(e.verify(ORDER, "00"), "0");
}
