//! Where each piece of text goes: the document laid out on A4 pages as positioned items, with
//! text wrapped to its column and amounts aligned right. Measuring only; [`super::draw`] paints.

use super::draw::Fonts;
use super::page::{wrap, Cursor, Item, Pages, Style, LEFT, MIDDLE, PAGE_HEIGHT, RIGHT, TOP};
use super::words::{self, Labels};
use super::{Document, Kind, Party};

/// The whole document, page by page.
pub fn pages(doc: &Document, fonts: &Fonts) -> Pages {
    let mut c = Cursor {
        fonts,
        done: Vec::new(),
        page: Vec::new(),
        y: TOP,
    };
    let labels = words::labels(doc.language);
    header(&mut c, doc, labels);
    parties(&mut c, doc, labels);
    lines(&mut c, doc, labels);
    totals(&mut c, doc, labels);
    schedule(&mut c, doc, labels);
    let mut pages = c.done;
    pages.push(c.page);
    footer(&mut pages, fonts, doc, labels);
    pages
}

/// The seller on the left; the title, number and dates on the right.
fn header(c: &mut Cursor<'_>, doc: &Document, labels: &Labels) {
    let top = c.y;
    c.text(LEFT, top, 15.0, Style::Bold, doc.seller.name.clone());
    let seller = party_lines(&doc.seller, doc, labels);
    let mut y = top + 16.0;
    for line in &seller {
        y += 11.5 * c.wrapped(LEFT, y, MIDDLE - LEFT - 16.0, 8.5, Style::Muted, line) as f32;
    }
    c.text_right(
        RIGHT,
        top + 6.0,
        22.0,
        Style::Title,
        words::title(doc.kind, doc.language),
    );
    let facts = [
        (labels.number, doc.number.clone()),
        (labels.issued, words::date(doc.issued, doc.language)),
        (labels.order, doc.order_number.clone()),
    ];
    let mut right_y = top + 30.0;
    for (label, value) in facts {
        c.text_right(RIGHT, right_y, 9.5, Style::Regular, value);
        c.text_right(RIGHT - 110.0, right_y, 9.5, Style::Muted, label);
        right_y += 13.0;
    }
    c.y = y.max(right_y) + 8.0;
    c.rule(LEFT, RIGHT - LEFT, 0.8);
    c.y += 22.0;
}

/// A party's address lines, country and tax id, as printed under its name.
fn party_lines(party: &Party, doc: &Document, labels: &Labels) -> Vec<String> {
    let mut lines: Vec<String> = party
        .address
        .iter()
        .filter(|l| !l.trim().is_empty())
        .cloned()
        .collect();
    lines.push(words::country(&party.country, doc.language));
    if let Some(id) = party.tax_id.as_deref().filter(|t| !t.trim().is_empty()) {
        lines.push(format!("{}: {id}", labels.tax_id));
    }
    lines.extend(party.email.clone());
    lines
}

/// The buyer on the left, the payment on the right.
fn parties(c: &mut Cursor<'_>, doc: &Document, labels: &Labels) {
    let top = c.y;
    let heading = match doc.kind {
        Kind::Invoice => labels.bill_to,
        Kind::Receipt => labels.customer,
    };
    c.text(LEFT, top, 8.5, Style::Muted, heading.to_uppercase());
    let width = MIDDLE - LEFT - 20.0;
    let mut y = top + 16.0;
    y += 14.0 * c.wrapped(LEFT, y, width, 11.0, Style::Bold, &doc.buyer.name) as f32;
    for line in party_lines(&doc.buyer, doc, labels) {
        y += 12.5 * c.wrapped(LEFT, y, width, 9.5, Style::Regular, &line) as f32;
    }
    c.text(MIDDLE, top, 8.5, Style::Muted, labels.payment.to_uppercase());
    let p = &doc.payment;
    let mut right_y = top + 16.0;
    c.text(
        MIDDLE,
        right_y,
        11.0,
        Style::Bold,
        words::method(p.method, doc.language),
    );
    right_y += 14.0;
    let split = words::installments(p.installments, p.processor.as_deref(), doc.language);
    let paid = format!("{} {}", labels.paid, words::date(doc.issued, doc.language));
    for line in [split, paid] {
        c.text(MIDDLE, right_y, 9.5, Style::Regular, line);
        right_y += 12.5;
    }
    c.y = y.max(right_y) + 18.0;
}

/// The items: description, service period, amount.
fn lines(c: &mut Cursor<'_>, doc: &Document, labels: &Labels) {
    const PERIOD: f32 = 300.0;
    let columns = [(LEFT + 6.0, labels.description), (PERIOD, labels.period)];
    table_header(c, &columns, labels.amount);
    for line in &doc.lines {
        let description = wrap(
            c.fonts,
            &line.description,
            PERIOD - LEFT - 18.0,
            9.5,
            Style::Regular,
        );
        let period = period_lines(c.fonts, line, doc, RIGHT - PERIOD - 96.0);
        let rows = description.len().max(period.len()).max(1) as f32;
        if c.room(rows * 12.5 + 10.0) {
            table_header(c, &columns, labels.amount);
        }
        let y = c.y + 12.0;
        for (i, text) in description.into_iter().enumerate() {
            c.text(LEFT + 6.0, y + i as f32 * 12.5, 9.5, Style::Regular, text);
        }
        for (i, text) in period.into_iter().enumerate() {
            c.text(PERIOD, y + i as f32 * 12.5, 9.0, Style::Regular, text);
        }
        c.text_right(
            RIGHT - 6.0,
            y,
            9.5,
            Style::Regular,
            words::money(line.amount, &doc.currency, doc.language),
        );
        c.y += rows * 12.5 + 8.0;
        c.rule(LEFT, RIGHT - LEFT, 0.3);
    }
    c.y += 6.0;
}

/// The service period on one line, or broken after its dash when it does not fit.
fn period_lines(fonts: &Fonts, line: &super::Line, doc: &Document, width: f32) -> Vec<String> {
    let whole = words::period(line.period_start, line.period_end, doc.language);
    if fonts.width(&whole, 9.0, Style::Regular) <= width {
        return vec![whole];
    }
    let start = format!("{} –", words::date(line.period_start, doc.language));
    vec![start, words::date(line.period_end, doc.language)]
}

/// A table's header band: the column titles, the last one aligned right.
fn table_header(c: &mut Cursor<'_>, columns: &[(f32, &str)], right_title: &str) {
    // Never alone at the foot of a page.
    c.room(60.0);
    let y = c.y;
    c.items().push(Item::Band {
        x: LEFT,
        y,
        width: RIGHT - LEFT,
        height: 18.0,
    });
    for (x, title) in columns {
        c.text(*x, y + 12.5, 8.5, Style::Bold, *title);
    }
    c.text_right(RIGHT - 6.0, y + 12.5, 8.5, Style::Bold, right_title);
    c.y += 18.0;
}

/// Subtotal, commission (when there is one) and total, aligned under the amounts.
fn totals(c: &mut Cursor<'_>, doc: &Document, labels: &Labels) {
    let (lang, cur) = (doc.language, doc.currency.as_str());
    let mut rows = vec![(labels.subtotal.to_owned(), words::money(doc.subtotal, cur, lang))];
    if !doc.commission.is_zero() {
        let label = format!(
            "{} ({})",
            labels.commission,
            words::percent(doc.commission_percent, lang)
        );
        rows.push((label, words::money(doc.commission, cur, lang)));
    }
    c.room(rows.len() as f32 * 27.0 + 30.0);
    let label_x = MIDDLE - 20.0;
    for (label, value) in rows {
        c.y += 15.0;
        // The label wraps before it reaches the amount.
        let room = RIGHT - 18.0 - c.fonts.width(&value, 9.5, Style::Regular) - label_x;
        let lines = c.wrapped(label_x, c.y, room, 9.5, Style::Regular, &label);
        c.text_right(RIGHT - 6.0, c.y, 9.5, Style::Regular, value);
        c.y += lines.saturating_sub(1) as f32 * 9.5 * 1.3;
    }
    c.y += 8.0;
    c.rule(label_x, RIGHT - label_x, 0.8);
    c.y += 16.0;
    c.text(label_x, c.y, 12.0, Style::Bold, labels.total);
    c.text_right(
        RIGHT - 6.0,
        c.y,
        12.0,
        Style::Bold,
        words::money(doc.total, cur, lang),
    );
    c.y += 28.0;
}

/// The installments: number, due date, amount.
fn schedule(c: &mut Cursor<'_>, doc: &Document, labels: &Labels) {
    c.room(40.0 + 14.0 * doc.schedule.len().min(4) as f32);
    c.y += 4.0;
    c.text(LEFT, c.y, 11.0, Style::Bold, labels.schedule);
    c.y += 10.0;
    let split = words::installments(
        doc.payment.installments,
        doc.payment.processor.as_deref(),
        doc.language,
    );
    c.text_right(RIGHT, c.y - 10.0, 9.0, Style::Muted, split);
    let columns = [(LEFT + 6.0, labels.installment), (LEFT + 90.0, labels.due)];
    table_header(c, &columns, labels.amount);
    for installment in &doc.schedule {
        if c.room(14.0) {
            table_header(c, &columns, labels.amount);
        }
        c.y += 14.0;
        c.text(
            LEFT + 6.0,
            c.y,
            9.5,
            Style::Regular,
            format!("{}/{}", installment.number, doc.schedule.len()),
        );
        c.text(
            LEFT + 90.0,
            c.y,
            9.5,
            Style::Regular,
            words::date(installment.due, doc.language),
        );
        let amount = words::money(installment.amount, &doc.currency, doc.language);
        c.text_right(RIGHT - 6.0, c.y, 9.5, Style::Regular, amount);
    }
    c.y += 8.0;
    c.rule(LEFT, RIGHT - LEFT, 0.3);
}

/// The note under every page, and the page number when there is more than one.
fn footer(pages: &mut Pages, fonts: &Fonts, doc: &Document, labels: &Labels) {
    let count = pages.len();
    let note = wrap(fonts, labels.simulated, RIGHT - LEFT - 60.0, 7.5, Style::Muted);
    for (index, page) in pages.iter_mut().enumerate() {
        let y = PAGE_HEIGHT - 46.0;
        page.push(Item::Rule {
            x: LEFT,
            y: y - 14.0,
            width: RIGHT - LEFT,
            thickness: 0.3,
        });
        for (i, line) in note.iter().enumerate() {
            let text = line.clone();
            page.push(Item::Text {
                x: LEFT,
                y: y + i as f32 * 10.0,
                size: 7.5,
                style: Style::Muted,
                text,
            });
        }
        if count > 1 {
            let text = format!("{} {}/{count} · {}", labels.page, index + 1, doc.number);
            let x = RIGHT - fonts.width(&text, 7.5, Style::Muted);
            page.push(Item::Text {
                x,
                y,
                size: 7.5,
                style: Style::Muted,
                text,
            });
        }
    }
}
