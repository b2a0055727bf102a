//! The documents rendered and read back: the text extracted from the PDF (pdf-extract) must hold
//! what a customer checks on an invoice, in both languages, every character as written.

use std::str::FromStr;

use chrono::NaiveDate;
use rust_decimal::Decimal;

use super::words::{self, LineFacts};
use super::*;

fn day(y: i32, m: u32, d: u32) -> NaiveDate {
    NaiveDate::from_ymd_opt(y, m, d).unwrap()
}

fn dec(s: &str) -> Decimal {
    Decimal::from_str(s).unwrap()
}

/// A Brazilian company's renewal with Growth, in 12 installments through Ebury. The figures
/// are worked by hand: 300.00 + 1,200.00 = 1,500.00; 7.49 % of it is 112.35; 1,612.35 in 12 is
/// three of 134.37 and nine of 134.36 (3 x 134.37 + 9 x 134.36 = 403.11 + 1,209.24).
fn brazilian_invoice(language: Language) -> Document {
    let schedule = (1..=12)
        .map(|n| Installment {
            number: n,
            due: day(2026 + i32::from(n > 6), (6 + n - 1) % 12 + 1, 3),
            amount: dec(if n <= 3 { "134.37" } else { "134.36" }),
        })
        .collect();
    Document {
        kind: Kind::Invoice,
        language,
        number: "INV-000007".into(),
        order_number: "42".into(),
        issued: day(2026, 7, 3),
        seller: from_order::seller(),
        buyer: Party {
            name: "Ação Soluções – “Conexão” Ltda — São Paulo".into(),
            address: vec!["Rua Três Corações, 1.001 – 5º andar, São José dos Campos".into()],
            country: "BR".into(),
            tax_id: Some("12.345.678/0001-90".into()),
            email: None,
        },
        currency: "USD".into(),
        lines: vec![
            Line {
                description: "Advanced renewal · 1 seat · 12 months".into(),
                period_start: day(2027, 1, 15),
                period_end: day(2028, 1, 15),
                amount: dec("300.00"),
            },
            Line {
                description: "Growth · 50,000 credits a month · 4 months".into(),
                period_start: day(2026, 7, 3),
                period_end: day(2026, 10, 15),
                amount: dec("1200.00"),
            },
        ],
        subtotal: dec("1500.00"),
        commission: dec("112.35"),
        commission_percent: dec("7.49"),
        total: dec("1612.35"),
        schedule,
        payment: Payment {
            method: Method::SavedCard,
            installments: 12,
            processor: Some("Ebury".into()),
        },
    }
}

/// The PDF of `doc`; with `INVOICE_PDF_DIR` set, kept there to be looked at.
fn rendered(doc: &Document) -> Vec<u8> {
    let bytes = pdf(doc).unwrap();
    assert!(bytes.starts_with(b"%PDF-"));
    if let Some(dir) = std::env::var_os("INVOICE_PDF_DIR") {
        let name = format!("{}-{}-{}.pdf", doc.number, doc.language.tag(), doc.lines.len());
        std::fs::write(std::path::Path::new(&dir).join(name), &bytes).unwrap();
    }
    bytes
}

/// The PDF's text without blanks: the extractor joins a wrapped line to the next without one.
fn text_of(doc: &Document) -> String {
    squash(&pdf_extract::extract_text_from_mem(&rendered(doc)).unwrap())
}

fn squash(text: &str) -> String {
    text.chars().filter(|c| !c.is_whitespace()).collect()
}

fn assert_has(text: &str, expected: &str) {
    assert!(text.contains(&squash(expected)), "{expected:?} not in {text}");
}

#[test]
fn the_english_invoice_says_who_what_when_and_how() {
    let text = text_of(&brazilian_invoice(Language::En));
    for expected in [
        "Example CRM, Inc.",
        "EIN 00-0000000",
        "Invoice",
        "INV-000007",
        "Issue date",
        "Jul 3, 2026",
        "BILL TO",
        "Ação Soluções – “Conexão” Ltda — São Paulo",
        "Rua Três Corações, 1.001 – 5º andar, São José dos Campos",
        "Brazil",
        "Tax ID: 12.345.678/0001-90",
        "Jan 15, 2027 – Jan 15, 2028",
        "Jul 3, 2026 – Oct 15, 2026",
        "Growth · 50,000 credits a month · 4 months",
        "$1,200.00",
        "Subtotal",
        "$1,500.00",
        "Installment commission (7.49%)",
        "$112.35",
        "$1,612.35",
        "Card (saved)",
        "12 installments via Ebury",
        "Installment schedule",
        "1/12",
        "12/12",
        "Jun 3, 2027",
        "$134.37",
        "$134.36",
    ] {
        assert_has(&text, expected);
    }
    assert!(!text.contains("saved_card"));
    assert!(!text.contains('?'), "a character did not print: {text}");
}

#[test]
fn the_portuguese_invoice_writes_dates_and_money_the_brazilian_way() {
    let text = text_of(&brazilian_invoice(Language::PtBr));
    for expected in [
        "Nota fiscal",
        "INV-000007",
        "Data de emissão",
        "3 de jul. de 2026",
        "Brasil",
        "Identificação fiscal: 12.345.678/0001-90",
        "Ação Soluções – “Conexão” Ltda — São Paulo",
        "15 de jan. de 2027",
        "US$ 1.200,00",
        "Comissão de parcelamento (7,49%)",
        "US$ 1.612,35",
        "Cartão (salvo)",
        "12 parcelas via Ebury",
        "3 de jun. de 2027",
        "US$ 134,37",
    ] {
        assert_has(&text, expected);
    }
    for english in ["Invoice", "Card", "Total due", "installments", "Jul "] {
        assert!(!text.contains(&squash(english)), "{english:?} in {text}");
    }
}

#[test]
fn a_receipt_paid_in_full_by_paypal_has_no_commission_row() {
    let mut doc = brazilian_invoice(Language::En);
    doc.kind = Kind::Receipt;
    doc.number = "RCT-000003".into();
    doc.buyer = Party {
        name: "Zoë’s Café".into(),
        address: vec![],
        country: "US".into(),
        tax_id: None,
        email: None,
    };
    doc.commission = Decimal::ZERO;
    doc.total = dec("1500.00");
    doc.schedule = vec![Installment {
        number: 1,
        due: day(2026, 7, 3),
        amount: dec("1500.00"),
    }];
    doc.payment = Payment {
        method: Method::PayPal,
        installments: 1,
        processor: None,
    };
    let text = text_of(&doc);
    for expected in [
        "Receipt",
        "RCT-000003",
        "CUSTOMER",
        "Zoë’s Café",
        "United States",
        "PayPal",
        "Paid in full",
        "1/1",
    ] {
        assert_has(&text, expected);
    }
    assert!(!text.contains("commission"), "{text}");
    assert_eq!(text.matches("TaxID").count(), 1, "the seller's only: {text}");
}

#[test]
fn a_long_order_flows_onto_a_second_page() {
    let mut doc = brazilian_invoice(Language::En);
    let line = doc.lines[1].clone();
    doc.lines = vec![line; 40];
    let text = pdf_extract::extract_text_from_mem(&rendered(&doc)).unwrap();
    assert!(text.contains("Page 2/2"), "{text}");
    // The lines' table goes on under its header again.
    assert_eq!(text.matches("Service period").count(), 2, "{text}");
    assert!(text.contains("12/12"));
}

#[test]
fn money_dates_and_counts_as_intl_writes_them() {
    use Language::{En, PtBr};
    assert_eq!(words::money(dec("1234.50"), "USD", En), "$1,234.50");
    assert_eq!(words::money(dec("1234.50"), "USD", PtBr), "US$\u{a0}1.234,50");
    assert_eq!(words::money(dec("-34.00"), "USD", En), "-$34.00");
    assert_eq!(words::money(dec("-34.00"), "USD", PtBr), "-US$\u{a0}34,00");
    assert_eq!(
        words::money(dec("1000000.00"), "BRL", PtBr),
        "R$\u{a0}1.000.000,00"
    );
    assert_eq!(words::money(dec("10.00"), "CHF", En), "CHF\u{a0}10.00");
    assert_eq!(words::money(dec("0.00"), "USD", En), "$0.00");
    assert_eq!(words::percent(dec("4.99"), PtBr), "4,99%");
    assert_eq!(words::count(115_000, PtBr), "115.000");
    assert_eq!(words::count(999, En), "999");
    assert_eq!(words::date(day(2026, 5, 31), En), "May 31, 2026");
    assert_eq!(words::date(day(2026, 5, 31), PtBr), "31 de mai. de 2026");
    assert_eq!(words::country("CI", PtBr), "Costa do Marfim");
    assert_eq!(words::country("XX", En), "XX");
    assert_eq!(Language::from_locale("pt-BR"), PtBr);
    assert_eq!(Language::from_locale("en-US"), En);
    assert_eq!(Language::from_locale(""), En);
    let facts = LineFacts {
        kind: "credit_package",
        plan: "",
        package: "Scale Custom",
        quantity: 1,
        credits: 115_000,
        months: 1,
    };
    assert_eq!(
        words::line(&facts, PtBr),
        "Scale Custom · 115.000 créditos por mês · 1\u{a0}mês"
    );
    let seats = LineFacts {
        kind: "subscription_seats",
        quantity: 3,
        ..facts
    };
    assert_eq!(words::line(&seats, En), "3 more seats, rest of the period");
    assert_eq!(
        words::line(&seats, PtBr),
        "3\u{a0}licenças a mais, resto do período"
    );
    let renewal = LineFacts {
        kind: "subscription_renewal",
        plan: "Advanced",
        quantity: 1,
        months: 12,
        ..seats
    };
    assert_eq!(
        words::line(&renewal, En),
        "Advanced renewal · 1\u{a0}seat · 12\u{a0}months"
    );
}

/// A store written before documents had numbers: opening it numbers its orders, invoices and
/// receipts apart, in order-number order (orders 1 and 3 are invoices 1 and 2, order 2 receipt 1).
#[tokio::test]
async fn an_older_store_gets_its_document_numbers() {
    let dir = std::env::temp_dir().join(format!("credit-checkout-doc-numbers-{}", std::process::id()));
    let _ = std::fs::remove_dir_all(&dir);
    std::fs::create_dir_all(&dir).unwrap();
    let conn = rusqlite::Connection::open(dir.join("checkout.db")).unwrap();
    conn.execute_batch(
        "CREATE TABLE orders (
           number INTEGER PRIMARY KEY, created_at TEXT NOT NULL, account_id TEXT NOT NULL,
           total TEXT NOT NULL, currency TEXT NOT NULL, status TEXT NOT NULL,
           description TEXT NOT NULL, invoice INTEGER NOT NULL, order_json TEXT NOT NULL,
           quote_json TEXT NOT NULL, payment_json TEXT NOT NULL DEFAULT 'null',
           idempotency_key TEXT UNIQUE);
         INSERT INTO orders VALUES (1, 't', 'a', '1.00', 'USD', 'paid', 'd', 1, '{}', '{}', 'null', NULL);
         INSERT INTO orders VALUES (2, 't', 'a', '1.00', 'USD', 'paid', 'd', 0, '{}', '{}', 'null', NULL);
         INSERT INTO orders VALUES (3, 't', 'a', '1.00', 'USD', 'paid', 'd', 1, '{}', '{}', 'null', NULL);",
    )
    .unwrap();
    drop(conn);
    let store = crate::store::Store::open_sqlite(&dir).unwrap();
    let numbers: Vec<(i64, i64)> = store
        .orders("a", None, 100)
        .await
        .unwrap()
        .iter()
        .map(|o| (o.number, o.document_number))
        .collect();
    assert_eq!(numbers, [(3, 2), (2, 1), (1, 1)]);
    drop(store);
    // Opened again: nothing renumbered.
    let store = crate::store::Store::open_sqlite(&dir).unwrap();
    assert_eq!(store.order("a", 3).await.unwrap().unwrap().document_number, 2);
    let _ = std::fs::remove_dir_all(&dir);
}

#[test]
fn wrapping_breaks_at_spaces_and_never_at_a_no_break_space() {
    let fonts = draw::Fonts::load().unwrap();
    let one = fonts.width("Scale Custom", 10.0, page::Style::Regular);
    let lines = page::wrap(
        &fonts,
        "Scale Custom 3\u{a0}meses",
        one + 1.0,
        10.0,
        page::Style::Regular,
    );
    assert_eq!(lines, ["Scale Custom", "3\u{a0}meses"]);
    let narrow = page::wrap(
        &fonts,
        "abcdef",
        fonts.width("abc", 10.0, page::Style::Regular) + 0.5,
        10.0,
        page::Style::Regular,
    );
    assert_eq!(narrow, ["abc", "def"]);
}
