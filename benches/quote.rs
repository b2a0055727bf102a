//! Native throughput of the typical order (`make bench` reads the median from
//! target/criterion/quote_typical/new/estimates.json).
#![allow(clippy::unwrap_used, clippy::expect_used)]
// Native only: criterion is not a wasm32 dependency (clippy --all-targets builds this there).

#[cfg(target_arch = "wasm32")]
fn main() {}

#[cfg(not(target_arch = "wasm32"))]
mod native {

    use credit_checkout::{parse_order, Checkout};
    use criterion::{criterion_group, Criterion};
    use std::hint::black_box;

    /// Scale Custom 115,000 credits for 6 months, a renewal, 10 installments, pt-BR.
    const TYPICAL: &str = include_str!("../bench/typical-order.json");

    fn quote(c: &mut Criterion) {
        let checkout = Checkout::default();
        let order = parse_order(TYPICAL).unwrap();
        c.bench_function("quote_typical", |b| {
            b.iter(|| checkout.quote(black_box(&order)).unwrap())
        });
        c.bench_function("installment_options_typical", |b| {
            b.iter(|| checkout.installment_options(black_box(&order)).unwrap())
        });
        c.bench_function("parse_and_quote_typical", |b| {
            b.iter(|| checkout.quote(&parse_order(black_box(TYPICAL)).unwrap()).unwrap())
        });
    }

    criterion_group!(benches, quote);
}

#[cfg(not(target_arch = "wasm32"))]
fn main() {
    native::benches();
    criterion::Criterion::default()
        .configure_from_args()
        .final_summary();
}
