//! The invoice (for orders with invoice details) and the receipt (for every other paid order) as
//! a PDF: a plain [`Document`] in, the bytes out. Nothing here reads the store or HTTP; the
//! mapping from a stored order lives in [`from_order`], the words and formats of each language in
//! [`words`], the page model in [`page`], the layout in [`layout`], the drawing in [`draw`].
//!
//! Text is set in DejaVu Sans, embedded and subset, with a ToUnicode map: every character of the
//! inputs prints (accents, dashes, curly quotes) and the text can be copied or extracted.

use chrono::NaiveDate;
use rust_decimal::Decimal;

mod countries;
mod draw;
pub mod from_order;
mod layout;
mod page;
pub mod words;

/// Which document: an invoice was asked for with the order; a receipt otherwise.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Kind {
    Invoice,
    Receipt,
}

/// The document's language: the order's locale, English unless it is Portuguese.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Language {
    En,
    PtBr,
}

impl Language {
    /// `pt-BR` (and any `pt` tag) is Brazilian Portuguese; everything else English.
    pub fn from_locale(locale: &str) -> Language {
        let primary = locale.split(['-', '_']).next().unwrap_or("");
        if primary.eq_ignore_ascii_case("pt") {
            Language::PtBr
        } else {
            Language::En
        }
    }

    /// The BCP 47 tag written into the PDF's metadata.
    pub fn tag(self) -> &'static str {
        match self {
            Language::En => "en-US",
            Language::PtBr => "pt-BR",
        }
    }
}

/// The seller or the buyer.
#[derive(Clone, Debug, PartialEq)]
pub struct Party {
    pub name: String,
    /// Free text, one or more lines (wrapped to the column).
    pub address: Vec<String>,
    /// ISO 3166-1 alpha-2; printed as the country's name in the document's language.
    pub country: String,
    pub tax_id: Option<String>,
    pub email: Option<String>,
}

/// One item with the period it pays for.
#[derive(Clone, Debug, PartialEq)]
pub struct Line {
    pub description: String,
    pub period_start: NaiveDate,
    pub period_end: NaiveDate,
    pub amount: Decimal,
}

/// One installment of the payment schedule.
#[derive(Clone, Debug, PartialEq)]
pub struct Installment {
    pub number: u32,
    pub due: NaiveDate,
    pub amount: Decimal,
}

/// How the order was paid (what the quote calls `chargedTo`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Method {
    Card,
    PayPal,
    SavedCard,
    SavedPayPal,
}

impl Method {
    /// `card`, `paypal`, `saved_card` or `saved_paypal`.
    pub fn from_charged_to(charged_to: &str) -> Option<Method> {
        match charged_to {
            "card" => Some(Method::Card),
            "paypal" => Some(Method::PayPal),
            "saved_card" => Some(Method::SavedCard),
            "saved_paypal" => Some(Method::SavedPayPal),
            _ => None,
        }
    }
}

#[derive(Clone, Debug, PartialEq)]
pub struct Payment {
    pub method: Method,
    /// 1 when paid in full.
    pub installments: u32,
    /// Who splits the payment (Ebury) when paid in installments.
    pub processor: Option<String>,
}

/// Everything an invoice or a receipt says.
#[derive(Clone, Debug, PartialEq)]
pub struct Document {
    pub kind: Kind,
    pub language: Language,
    /// The document's own number (its series is apart from the order numbers).
    pub number: String,
    pub order_number: String,
    pub issued: NaiveDate,
    pub seller: Party,
    pub buyer: Party,
    /// ISO 4217 code of every amount.
    pub currency: String,
    pub lines: Vec<Line>,
    pub subtotal: Decimal,
    pub commission: Decimal,
    /// The commission as a percent of the subtotal ("7.49").
    pub commission_percent: Decimal,
    pub total: Decimal,
    /// The installments; a payment in full has one.
    pub schedule: Vec<Installment>,
    pub payment: Payment,
}

/// The document could not be written (a font the PDF writer refused: not expected with the
/// embedded font).
#[derive(Debug)]
pub struct PdfError(pub String);

impl std::fmt::Display for PdfError {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        write!(f, "the PDF could not be written: {}", self.0)
    }
}

/// The PDF bytes of `doc`: A4 pages (a second one only when the lines or the schedule need it).
///
/// # Errors
/// [`PdfError`] when the font cannot be read or the PDF writer fails.
pub fn pdf(doc: &Document) -> Result<Vec<u8>, PdfError> {
    let fonts = draw::Fonts::load()?;
    let pages = layout::pages(doc, &fonts);
    draw::render(doc, &fonts, &pages)
}

#[cfg(test)]
mod tests;
