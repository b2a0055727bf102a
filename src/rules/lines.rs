//! The order's lines as the rules price them, each rounded once as it is added, and their sum.

use chrono::NaiveDate;
use rust_decimal::Decimal;

use crate::period::IsoDate;
use crate::quote::{Line, LineKind, Proration};
use crate::rules::money::{self, Fixed, Overflow};

/// What the lines and the subtotal come to, before installments.
pub(crate) struct Priced {
    pub lines: Vec<Line>,
    pub subtotal: Decimal,
}

/// A line as a rule prices it, its amount not yet rounded.
pub(super) struct Draft {
    pub kind: LineKind,
    pub description: String,
    pub quantity: u32,
    pub unit: Decimal,
    pub months: u32,
    pub start: NaiveDate,
    pub end: NaiveDate,
    pub raw: Decimal,
    pub proration: Option<Proration>,
}

impl Priced {
    pub(super) fn new() -> Priced {
        Priced {
            lines: Vec::with_capacity(4),
            subtotal: Decimal::ZERO,
        }
    }

    /// Rounds the line's amount to `mu` minor units and adds it to the subtotal.
    pub(super) fn push(&mut self, mu: u32, line: Draft) -> Result<(), Overflow> {
        let amount = money::round(line.raw, mu)?;
        self.subtotal = money::add(self.subtotal, amount)?;
        self.lines.push(Line {
            kind: line.kind,
            description: line.description,
            quantity: u64::from(line.quantity),
            unit_price: Fixed::new(line.unit, mu),
            months: line.months,
            period_start: IsoDate(line.start),
            period_end: IsoDate(line.end),
            amount: Fixed::new(amount, mu),
            proration: line.proration,
        });
        Ok(())
    }
}
