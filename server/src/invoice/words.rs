//! What the documents say in each language, and how they write money, dates, counts and
//! percentages: as the page writes them with `Intl` for `en-US` and `pt-BR` ("$1,234.50",
//! "US$ 1.234,50"; "Jul 3, 2026", "3 de jul. de 2026").

use chrono::{Datelike, NaiveDate};
use rust_decimal::Decimal;

use super::{countries, Kind, Language, Method};

/// The fixed words of a document.
pub struct Labels {
    pub number: &'static str,
    pub issued: &'static str,
    pub order: &'static str,
    pub bill_to: &'static str,
    pub customer: &'static str,
    pub tax_id: &'static str,
    pub description: &'static str,
    pub period: &'static str,
    pub amount: &'static str,
    pub subtotal: &'static str,
    pub commission: &'static str,
    pub total: &'static str,
    pub schedule: &'static str,
    pub installment: &'static str,
    pub due: &'static str,
    pub payment: &'static str,
    pub paid: &'static str,
    pub simulated: &'static str,
    pub page: &'static str,
}

const EN: Labels = Labels {
    number: "No.",
    issued: "Issue date",
    order: "Order",
    bill_to: "Bill to",
    customer: "Customer",
    tax_id: "Tax ID",
    description: "Description",
    period: "Service period",
    amount: "Amount",
    subtotal: "Subtotal",
    commission: "Installment commission",
    total: "Total",
    schedule: "Installment schedule",
    installment: "Installment",
    due: "Due date",
    payment: "Payment",
    paid: "Paid",
    simulated: "Payment simulated by the credit-checkout reference backend: no card, PayPal or Ebury charge was made.",
    page: "Page",
};

const PT_BR: Labels = Labels {
    number: "Nº",
    issued: "Data de emissão",
    order: "Pedido",
    bill_to: "Cliente",
    customer: "Cliente",
    tax_id: "Identificação fiscal",
    description: "Descrição",
    period: "Período do serviço",
    amount: "Valor",
    subtotal: "Subtotal",
    commission: "Comissão de parcelamento",
    total: "Total",
    schedule: "Parcelas",
    installment: "Parcela",
    due: "Vencimento",
    payment: "Pagamento",
    paid: "Pago",
    simulated: "Pagamento simulado pelo backend de referência do credit-checkout: nenhuma cobrança de cartão, PayPal ou Ebury foi feita.",
    page: "Página",
};

pub fn labels(language: Language) -> &'static Labels {
    match language {
        Language::En => &EN,
        Language::PtBr => &PT_BR,
    }
}

/// "Invoice", "Receipt"; "Nota fiscal", "Recibo".
pub fn title(kind: Kind, language: Language) -> &'static str {
    match (kind, language) {
        (Kind::Invoice, Language::En) => "Invoice",
        (Kind::Receipt, Language::En) => "Receipt",
        (Kind::Invoice, Language::PtBr) => "Nota fiscal",
        (Kind::Receipt, Language::PtBr) => "Recibo",
    }
}

/// The payment method in words: "Card (saved)", "PayPal"; "Cartão (salvo)".
pub fn method(method: Method, language: Language) -> &'static str {
    match (method, language) {
        (Method::Card, Language::En) => "Card",
        (Method::SavedCard, Language::En) => "Card (saved)",
        (Method::PayPal, Language::En) => "PayPal",
        (Method::SavedPayPal, Language::En) => "PayPal (saved)",
        (Method::Card, Language::PtBr) => "Cartão",
        (Method::SavedCard, Language::PtBr) => "Cartão (salvo)",
        (Method::PayPal, Language::PtBr) => "PayPal",
        (Method::SavedPayPal, Language::PtBr) => "PayPal (salvo)",
    }
}

/// "Paid in full", "12 installments via Ebury"; "À vista", "12 parcelas via Ebury".
pub fn installments(count: u32, processor: Option<&str>, language: Language) -> String {
    let via = processor.map(|p| format!(" via {p}")).unwrap_or_default();
    match (count, language) {
        (0 | 1, Language::En) => "Paid in full".into(),
        (0 | 1, Language::PtBr) => "À vista".into(),
        (n, Language::En) => format!("{n} installments{via}"),
        (n, Language::PtBr) => format!("{n} parcelas{via}"),
    }
}

/// The country's name, or the code itself when it is not an assigned one.
pub fn country(code: &str, language: Language) -> String {
    countries::NAMES
        .binary_search_by(|(c, _, _)| (*c).cmp(code))
        .ok()
        .and_then(|i| countries::NAMES.get(i))
        .map_or_else(
            || code.to_owned(),
            |(_, en, pt)| match language {
                Language::En => (*en).to_owned(),
                Language::PtBr => (*pt).to_owned(),
            },
        )
}

fn separators(language: Language) -> (char, char) {
    match language {
        Language::En => (',', '.'),
        Language::PtBr => ('.', ','),
    }
}

/// Digits grouped by thousands ("1234567" -> "1,234,567" or "1.234.567").
fn group(digits: &str, sep: char) -> String {
    let mut out = String::with_capacity(digits.len() + digits.len() / 3);
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(sep);
        }
        out.push(c);
    }
    out
}

/// A decimal as written in the language, every fraction digit kept ("-1234.50" -> "-1,234.50").
pub fn decimal(value: Decimal, language: Language) -> String {
    let (thousands, point) = separators(language);
    let text = value.abs().to_string();
    let (whole, fraction) = text.split_once('.').unwrap_or((&text, ""));
    let mut out = String::new();
    if value.is_sign_negative() && !value.is_zero() {
        out.push('-');
    }
    out.push_str(&group(whole, thousands));
    if !fraction.is_empty() {
        out.push(point);
        out.push_str(fraction);
    }
    out
}

/// A whole number with the language's grouping ("115,000", "115.000").
pub fn count(n: u64, language: Language) -> String {
    group(&n.to_string(), separators(language).0)
}

/// "7.49%", "7,49%".
pub fn percent(value: Decimal, language: Language) -> String {
    format!("{}%", decimal(value, language))
}

/// Money as `Intl.NumberFormat(locale, { style: "currency" })` writes it: "$1,234.50", "-$34.00",
/// "US$ 1.234,50", "R$ 10,00"; a currency without a symbol here: "CHF 10.00".
pub fn money(amount: Decimal, currency: &str, language: Language) -> String {
    let symbol = match (currency, language) {
        ("USD", Language::En) => "$",
        ("USD", Language::PtBr) => "US$",
        ("BRL", _) => "R$",
        ("EUR", _) => "€",
        ("GBP", _) => "£",
        (code, _) => code,
    };
    let number = decimal(amount.abs(), language);
    let sign = if amount.is_sign_negative() && !amount.is_zero() {
        "-"
    } else {
        ""
    };
    let glued = language == Language::En && !symbol.chars().all(|c| c.is_ascii_uppercase());
    if glued {
        format!("{sign}{symbol}{number}")
    } else {
        format!("{sign}{symbol}\u{a0}{number}")
    }
}

const MONTHS_EN: [&str; 12] = [
    "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
];
const MONTHS_PT: [&str; 12] = [
    "jan.", "fev.", "mar.", "abr.", "mai.", "jun.", "jul.", "ago.", "set.", "out.", "nov.", "dez.",
];

/// A calendar day, medium style: "Jul 3, 2026", "3 de jul. de 2026".
pub fn date(day: NaiveDate, language: Language) -> String {
    let index = day.month0() as usize;
    match language {
        Language::En => {
            let month = MONTHS_EN.get(index).copied().unwrap_or("");
            format!("{month} {}, {}", day.day(), day.year())
        }
        Language::PtBr => {
            let month = MONTHS_PT.get(index).copied().unwrap_or("");
            format!("{} de {month} de {}", day.day(), day.year())
        }
    }
}

/// A period, an en dash between its days: "Jul 3, 2026 – Oct 3, 2026".
pub fn period(start: NaiveDate, end: NaiveDate, language: Language) -> String {
    format!("{} – {}", date(start, language), date(end, language))
}

/// "3 months", "1 month"; "3 meses", "1 mês" (a no-break space: never wrapped apart).
pub fn months(n: u32, language: Language) -> String {
    match (n, language) {
        (1, Language::En) => "1\u{a0}month".into(),
        (1, Language::PtBr) => "1\u{a0}mês".into(),
        (n, Language::En) => format!("{n}\u{a0}months"),
        (n, Language::PtBr) => format!("{n}\u{a0}meses"),
    }
}

/// What a quote line says, from its kind and figures, as the page's order history says it.
pub struct LineFacts<'a> {
    pub kind: &'a str,
    pub plan: &'a str,
    pub package: &'a str,
    pub quantity: u64,
    pub credits: u64,
    pub months: u32,
}

pub fn line(f: &LineFacts<'_>, language: Language) -> String {
    let n = count(f.quantity, language);
    let seats = match (f.quantity, language) {
        (1, Language::En) => "1\u{a0}seat".to_owned(),
        (1, Language::PtBr) => "1\u{a0}licença".to_owned(),
        (_, Language::En) => format!("{n}\u{a0}seats"),
        (_, Language::PtBr) => format!("{n}\u{a0}licenças"),
    };
    let credits = count(f.credits, language);
    let months = months(f.months, language);
    let (plan, package) = (f.plan, f.package);
    match (f.kind, language) {
        ("subscription_new", Language::En) => format!("{plan} subscription · {seats} · {months}"),
        ("subscription_new", Language::PtBr) => format!("Assinatura {plan} · {seats} · {months}"),
        ("subscription_renewal", Language::En) => format!("{plan} renewal · {seats} · {months}"),
        ("subscription_renewal", Language::PtBr) => format!("Renovação {plan} · {seats} · {months}"),
        ("subscription_upgrade", Language::En) => format!("Upgrade to {plan} · {seats}, rest of the period"),
        ("subscription_upgrade", Language::PtBr) => {
            format!("Mudança para {plan} · {seats}, resto do período")
        }
        ("subscription_seats", Language::En) => {
            let unit = if f.quantity == 1 { "seat" } else { "seats" };
            format!("{n} more {unit}, rest of the period")
        }
        ("subscription_seats", Language::PtBr) => format!("{seats} a mais, resto do período"),
        ("credit_package", Language::En) => format!("{package} · {credits} credits a month · {months}"),
        ("credit_package", Language::PtBr) => format!("{package} · {credits} créditos por mês · {months}"),
        ("credit_package_unused", Language::En) => format!("{package}: unused months of the current package"),
        ("credit_package_unused", Language::PtBr) => format!("{package}: meses não usados do pacote atual"),
        ("credit_package_renewal", Language::En) => {
            format!("{package} renewal · {credits} credits a month · {months}")
        }
        ("credit_package_renewal", Language::PtBr) => {
            format!("Renovação {package} · {credits} créditos por mês · {months}")
        }
        (_, Language::En) => "Order line".into(),
        (_, Language::PtBr) => "Item do pedido".into(),
    }
}
