//! The payment boundary, SIMULATED: no card network, PayPal or Ebury call is made. A real
//! deployment replaces this module (and only this module) with the processors' clients.

use serde::Serialize;

/// What the order asks the processor to charge.
pub struct ChargeRequest<'a> {
    pub order_number: i64,
    pub method: &'a str,
    /// `"saved_card"` when a package-only order goes to the card on file (R6).
    pub charged_to: &'a str,
    pub amount: &'a str,
    pub currency: &'a str,
    pub installments: u32,
    /// The installment processor (Ebury) when paid in more than one installment.
    pub processor: Option<&'a str>,
}

#[derive(Clone, Debug, Serialize)]
#[serde(rename_all = "camelCase")]
pub struct Charge {
    pub reference: String,
    pub status: &'static str,
    pub simulated: bool,
}

/// Approves every charge with a deterministic reference.
pub fn charge(request: &ChargeRequest<'_>) -> Charge {
    let via = request.processor.unwrap_or(request.charged_to);
    Charge {
        reference: format!(
            "SIM-{}-{}-{}-{}x-{}{}",
            request.order_number, request.method, via, request.installments, request.amount, request.currency
        ),
        status: "paid",
        simulated: true,
    }
}
