//! A stored order as the document it gets: an invoice when the order carries invoice details, a
//! receipt otherwise. The only part of the invoice module that knows the stored order's shape
//! (the order and quote JSON of `store::OrderRecord`); the HTTP layer just calls [`document`].

use std::str::FromStr;

use chrono::NaiveDate;
use credit_checkout::Catalog;
use rust_decimal::Decimal;
use serde_json::Value;

use super::words::{self, LineFacts};
use super::{Document, Installment, Kind, Language, Line, Method, Party, Payment};
use crate::store::OrderRecord;

/// The seller of the reference backend (example details: the payments are simulated too).
pub fn seller() -> Party {
    Party {
        name: "Example CRM, Inc.".into(),
        address: vec![
            "100 Example Avenue, Suite 200".into(),
            "Wilmington, DE 19801".into(),
        ],
        country: "US".into(),
        tax_id: Some("EIN 00-0000000".into()),
        email: Some("billing@example.com".into()),
    }
}

/// The document's number: its own series per kind, apart from the order numbers
/// ("INV-000001", "RCT-000001").
pub fn number(kind: Kind, series_number: i64) -> String {
    match kind {
        Kind::Invoice => format!("INV-{series_number:06}"),
        Kind::Receipt => format!("RCT-{series_number:06}"),
    }
}

/// Whether the order gets an invoice (it was placed with invoice details) or a receipt.
pub fn kind(order: &Value) -> Kind {
    if order.get("invoice").is_some_and(Value::is_object) {
        Kind::Invoice
    } else {
        Kind::Receipt
    }
}

fn text<'a>(v: &'a Value, key: &str) -> &'a str {
    v.get(key).and_then(Value::as_str).unwrap_or("")
}

fn day(v: &Value, key: &str) -> Result<NaiveDate, String> {
    NaiveDate::from_str(text(v, key)).map_err(|_| format!("`{key}` is not a date"))
}

fn amount(v: &Value, key: &str) -> Result<Decimal, String> {
    Decimal::from_str(text(v, key)).map_err(|_| format!("`{key}` is not an amount"))
}

fn whole(v: &Value, key: &str) -> u64 {
    v.get(key).and_then(Value::as_u64).unwrap_or(0)
}

/// The document of a paid order, in the order's language. `account_name` names the buyer of a
/// receipt; `catalog` names the plans and packages.
///
/// # Errors
/// A message when the stored order or quote lacks a figure the document needs.
pub fn document(o: &OrderRecord, account_name: &str, catalog: &Catalog) -> Result<Document, String> {
    let (order, quote) = (&o.order, &o.quote);
    let language = Language::from_locale(text(order, "locale"));
    let kind = kind(order);
    let installments = quote.get("installments").unwrap_or(&Value::Null);
    Ok(Document {
        kind,
        language,
        number: number(kind, o.document_number),
        order_number: o.number.to_string(),
        issued: day(order, "asOf")?,
        seller: seller(),
        buyer: buyer(order, account_name),
        currency: o.currency.clone(),
        lines: lines(order, quote, catalog, language)?,
        subtotal: amount(quote, "subtotal")?,
        commission: amount(quote, "commission")?,
        commission_percent: amount(installments, "commissionPercent").unwrap_or_default(),
        total: amount(quote, "total")?,
        schedule: schedule(installments)?,
        payment: payment(quote)?,
    })
}

/// The invoice's company; for a receipt, the account and its country.
fn buyer(order: &Value, account_name: &str) -> Party {
    match order.get("invoice").filter(|v| v.is_object()) {
        Some(invoice) => Party {
            name: text(invoice, "companyName").to_owned(),
            address: text(invoice, "address").lines().map(str::to_owned).collect(),
            country: text(invoice, "country").to_owned(),
            tax_id: invoice.get("taxId").and_then(Value::as_str).map(str::to_owned),
            email: None,
        },
        // A demo account's name notes its role after a middle dot ("Northwind Inc. · admin
        // (US)"): the customer is the part before it.
        None => Party {
            name: account_name
                .split(" · ")
                .next()
                .unwrap_or(account_name)
                .trim()
                .to_owned(),
            address: Vec::new(),
            country: order
                .pointer("/account/country")
                .and_then(Value::as_str)
                .unwrap_or("")
                .to_owned(),
            tax_id: None,
            email: None,
        },
    }
}

fn lines(order: &Value, quote: &Value, catalog: &Catalog, language: Language) -> Result<Vec<Line>, String> {
    let plan_id = quote
        .pointer("/subscription/plan")
        .and_then(Value::as_str)
        .unwrap_or("");
    let plan = catalog
        .plans
        .iter()
        .find(|p| p.id == plan_id)
        .map_or(plan_id, |p| p.name.as_str());
    let package_name = |package: &Value| {
        let id = text(package, "id");
        catalog
            .credit_packages
            .iter()
            .find(|p| p.id == id)
            .map_or(id, |p| p.name.as_str())
            .to_owned()
    };
    let ordered = quote.get("creditPackage").filter(|p| p.is_object());
    let running = order.pointer("/account/creditPackage").filter(|p| p.is_object());
    let mut out = Vec::new();
    for line in quote.get("lines").and_then(Value::as_array).into_iter().flatten() {
        let kind = text(line, "kind");
        // The unused credit is for the running package; the others name the ordered one.
        let package = if kind == "credit_package_unused" {
            running.or(ordered)
        } else {
            ordered.or(running)
        };
        let package = package.unwrap_or(&Value::Null);
        let facts = LineFacts {
            kind,
            plan,
            package: &package_name(package),
            quantity: whole(line, "quantity"),
            credits: whole(package, "creditsPerMonth"),
            months: u32::try_from(whole(line, "months")).unwrap_or(0),
        };
        out.push(Line {
            description: words::line(&facts, language),
            period_start: day(line, "periodStart")?,
            period_end: day(line, "periodEnd")?,
            amount: amount(line, "amount")?,
        });
    }
    Ok(out)
}

fn schedule(installments: &Value) -> Result<Vec<Installment>, String> {
    let mut out = Vec::new();
    for item in installments
        .get("schedule")
        .and_then(Value::as_array)
        .into_iter()
        .flatten()
    {
        out.push(Installment {
            number: u32::try_from(whole(item, "number")).unwrap_or(0),
            due: day(item, "dueDate")?,
            amount: amount(item, "amount")?,
        });
    }
    Ok(out)
}

fn payment(quote: &Value) -> Result<Payment, String> {
    let charged_to = quote
        .pointer("/payment/chargedTo")
        .and_then(Value::as_str)
        .unwrap_or("");
    let method =
        Method::from_charged_to(charged_to).ok_or_else(|| format!("unknown payment `{charged_to}`"))?;
    let installments = quote.get("installments").unwrap_or(&Value::Null);
    let count = u32::try_from(whole(installments, "count")).unwrap_or(1).max(1);
    Ok(Payment {
        method,
        installments: count,
        processor: installments
            .get("processor")
            .and_then(Value::as_str)
            .filter(|_| count > 1)
            .map(str::to_owned),
    })
}
