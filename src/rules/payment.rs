//! R10 Payment: the method must be one of the catalog's `paymentMethods`
//! (`UNKNOWN_PAYMENT_METHOD`).
//! R11 Invoice: optional; `companyName` non-blank, at most 200 characters, `country` ISO 3166-1
//! alpha-2, `address` at most 500 characters (`INVALID_FIELD` with the field path).

use super::assessed::Skip;
use crate::catalog::Catalog;
use crate::country::is_iso_alpha2;
use crate::error::{invalid, ErrorCode, Problem};
use crate::order::Order;

const MAX_COMPANY_NAME: usize = 200;
const MAX_ADDRESS: usize = 500;

/// R10: the payment method (not looked at where the call lists terms).
pub(super) fn check_method(catalog: &Catalog, order: &Order, skip: Skip, problems: &mut Vec<Problem>) {
    if !skip.payment && !catalog.payment_methods.contains(&order.payment.method) {
        problems.push(
            Problem::new(
                ErrorCode::UnknownPaymentMethod,
                "payment.method",
                "choose one of the listed methods",
            )
            .with("methods", catalog.payment_methods.clone()),
        );
    }
}

/// R11: the invoice details, where the order has them.
pub(super) fn check_invoice(order: &Order, problems: &mut Vec<Problem>) {
    let Some(inv) = &order.invoice else { return };
    if inv.company_name.trim().is_empty() || inv.company_name.chars().count() > MAX_COMPANY_NAME {
        problems.push(invalid(
            "invoice.companyName",
            "must be a non-blank name of at most 200 characters",
        ));
    }
    if !is_iso_alpha2(&inv.country) {
        problems.push(invalid(
            "invoice.country",
            "must be an ISO 3166-1 alpha-2 code such as \"BR\"",
        ));
    }
    if inv
        .address
        .as_ref()
        .is_some_and(|a| a.chars().count() > MAX_ADDRESS)
    {
        problems.push(invalid("invoice.address", "must be at most 500 characters"));
    }
}
