//! Determinism across runtimes: 10,000 generated orders (a fixed seed) are quoted natively and
//! written with their outcomes to `target/determinism/`; the Node and Chrome runs quote the same
//! orders through the npm package and compare byte for byte (sorted-key JSON, `display` and
//! `label` aside: those are Intl strings in JS by design).
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::indexing_slicing,
    clippy::panic
)]

use std::fs;

use chrono::NaiveDate;
use credit_checkout::period::add_months;
use credit_checkout::{parse_order, Checkout};
use serde_json::{json, Value};

pub const COUNT: usize = 10_000;

/// xorshift64*: a fixed, dependency-free sequence.
struct Rng(u64);

impl Rng {
    fn next(&mut self) -> u64 {
        self.0 ^= self.0 >> 12;
        self.0 ^= self.0 << 25;
        self.0 ^= self.0 >> 27;
        self.0.wrapping_mul(0x2545_f491_4f6c_dd1d)
    }
    fn below(&mut self, n: u64) -> u64 {
        self.next() % n
    }
    fn pick<'a>(&mut self, items: &[&'a str]) -> &'a str {
        items[self.below(items.len() as u64) as usize]
    }
    fn chance(&mut self, percent: u64) -> bool {
        self.below(100) < percent
    }
}

/// One plausible order: most quote, some break a rule.
fn generate(rng: &mut Rng) -> Value {
    let (y, m) = (2025 + rng.below(4) as i32, 1 + rng.below(12) as u32);
    // Days 29 to 31 a quarter of the time, clamped to the month: the anchor-day edge cases.
    let wanted = if rng.chance(25) {
        29 + rng.below(3) as u32
    } else {
        1 + rng.below(28) as u32
    };
    let ps = (0..4)
        .find_map(|back| NaiveDate::from_ymd_opt(y, m, wanted - back))
        .unwrap();
    let term = if rng.chance(50) { 12 } else { 6 };
    let (period_start, period_end) = (ps.to_string(), add_months(ps, term).unwrap().to_string());
    let offset = rng.below(if term == 12 { 360 } else { 178 }) as i64;
    let as_of = (ps + chrono::Duration::days(offset)).to_string();
    let mut order = json!({
        "asOf": as_of,
        "account": {
            "country": rng.pick(&["BR", "BR", "US", "PT"]),
            "role": if rng.chance(95) { "admin" } else { "member" },
            "plan": rng.pick(&["base", "advanced", "advanced", "enterprise"]),
            "seats": 1 + rng.below(40),
            "subscription": { "status": "active", "termMonths": term, "periodStart": period_start, "periodEnd": period_end },
            "autoRenewal": rng.chance(50)
        },
        "payment": {
            "method": rng.pick(&["card", "card", "paypal"]),
            "installments": if rng.chance(50) { 1 } else { 1 + rng.below(13) }
        },
        "locale": rng.pick(&["pt-BR", "en-US", "es-AR"])
    });
    if rng.chance(85) {
        let id = rng.pick(&["starter", "growth", "scale", "scale_custom"]);
        let spread = if rng.chance(90) { 5 } else { 12 };
        order["creditPackage"] = json!({ "id": id, "months": 3 + rng.below(spread) });
        if id == "scale_custom" {
            order["creditPackage"]["creditsPerMonth"] = json!(100_000 + 5_000 * rng.below(60));
        }
    }
    if rng.chance(35) {
        let mut change = json!({});
        if rng.chance(60) {
            change["renew"] = json!(true);
        }
        if rng.chance(30) {
            change["upgradeTo"] = json!(rng.pick(&["advanced", "enterprise"]));
        }
        if rng.chance(40) {
            change["addSeats"] = json!(1 + rng.below(20));
        }
        order["subscription"] = change;
    }
    if rng.chance(20) {
        order["invoice"] = json!({ "companyName": "Acme Ltda", "country": "BR", "address": "Rua X, 1" });
    }
    order
}

/// The outcome as sorted-key JSON, runtime-specific strings aside.
pub fn canonical_outcome(checkout: &Checkout, order: &Value) -> String {
    let parsed = parse_order(&order.to_string()).expect("generated orders are well-typed");
    let mut value = match checkout.quote(&parsed) {
        Ok(q) => json!({ "ok": q }),
        Err(e) => json!({ "problems": e.problems() }),
    };
    if let Some(q) = value.get_mut("ok").and_then(Value::as_object_mut) {
        q.remove("display");
    }
    value.to_string()
}

#[test]
fn r15_generated_orders_quote_the_same_every_time_and_are_written_for_js() {
    let mut rng = Rng(0x5eed_c0de_2026_1126);
    let orders: Vec<Value> = (0..COUNT).map(|_| generate(&mut rng)).collect();
    let checkout = Checkout::default();
    let outcomes: Vec<String> = orders.iter().map(|o| canonical_outcome(&checkout, o)).collect();
    let again: Vec<String> = orders.iter().map(|o| canonical_outcome(&checkout, o)).collect();
    assert_eq!(outcomes, again, "the same order gives the same bytes");
    let quoted = outcomes.iter().filter(|o| o.starts_with("{\"ok\"")).count();
    assert!(
        quoted >= COUNT / 4,
        "only {quoted} of {COUNT} generated orders quote"
    );

    let dir = concat!(env!("CARGO_MANIFEST_DIR"), "/target/determinism");
    fs::create_dir_all(dir).unwrap();
    fs::write(
        format!("{dir}/orders.json"),
        serde_json::to_string(&orders).unwrap(),
    )
    .unwrap();
    fs::write(
        format!("{dir}/native.json"),
        serde_json::to_string(&outcomes).unwrap(),
    )
    .unwrap();
}
