//! The page model: A4 pages of positioned items (text, rules, bands), and the cursor that fills
//! them top to bottom, measuring and wrapping text and moving to a new page at the footer.

use super::draw::Fonts;

pub const PAGE_WIDTH: f32 = 595.28;
pub const PAGE_HEIGHT: f32 = 841.89;
pub const LEFT: f32 = 48.0;
pub const RIGHT: f32 = PAGE_WIDTH - 48.0;
pub const TOP: f32 = 64.0;
/// Below this the footer begins: content that would cross it goes to the next page.
pub const BOTTOM: f32 = PAGE_HEIGHT - 70.0;
/// The right half of the two-column blocks (parties, payment).
pub const MIDDLE: f32 = 320.0;

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Style {
    Regular,
    Bold,
    Muted,
    Title,
}

#[derive(Clone, Debug, PartialEq)]
pub enum Item {
    /// Text whose baseline starts at (x, y), y from the top of the page.
    Text {
        x: f32,
        y: f32,
        size: f32,
        style: Style,
        text: String,
    },
    /// A horizontal line.
    Rule {
        x: f32,
        y: f32,
        width: f32,
        thickness: f32,
    },
    /// A light background behind a table's header.
    Band { x: f32, y: f32, width: f32, height: f32 },
}

/// The items of each page, in order.
pub type Pages = Vec<Vec<Item>>;

pub struct Cursor<'a> {
    pub fonts: &'a Fonts,
    /// The pages filled so far, and the one being filled.
    pub done: Pages,
    pub page: Vec<Item>,
    /// Where the next item goes, from the top of the page.
    pub y: f32,
}

impl Cursor<'_> {
    pub fn items(&mut self) -> &mut Vec<Item> {
        &mut self.page
    }

    /// Moves to a new page when `height` more points would cross the footer.
    /// Whether it did: a table then repeats its header.
    pub fn room(&mut self, height: f32) -> bool {
        let new_page = self.y + height > BOTTOM && self.y > TOP;
        if new_page {
            self.done.push(std::mem::take(&mut self.page));
            self.y = TOP;
        }
        new_page
    }

    pub fn text(&mut self, x: f32, y: f32, size: f32, style: Style, text: impl Into<String>) {
        let text = text.into();
        if !text.is_empty() {
            self.items().push(Item::Text {
                x,
                y,
                size,
                style,
                text,
            });
        }
    }

    /// Text ending at `right`.
    pub fn text_right(&mut self, right: f32, y: f32, size: f32, style: Style, text: impl Into<String>) {
        let text = text.into();
        let x = right - self.fonts.width(&text, size, style);
        self.text(x, y, size, style, text);
    }

    pub fn rule(&mut self, x: f32, width: f32, thickness: f32) {
        let y = self.y;
        self.items().push(Item::Rule {
            x,
            y,
            width,
            thickness,
        });
    }

    /// `text` wrapped to `width` from `x`, one line every `leading` from `y`; the lines drawn.
    pub fn wrapped(&mut self, x: f32, y: f32, width: f32, size: f32, style: Style, text: &str) -> usize {
        let lines = wrap(self.fonts, text, width, size, style);
        for (i, line) in lines.iter().enumerate() {
            self.text(x, y + i as f32 * size * 1.3, size, style, line.clone());
        }
        lines.len()
    }
}

/// Greedy word wrap at breaking spaces; a word wider than the column is cut where it must be.
pub fn wrap(fonts: &Fonts, text: &str, width: f32, size: f32, style: Style) -> Vec<String> {
    let mut lines = Vec::new();
    let mut line = String::new();
    // A no-break space joins its neighbours into one word.
    let breaks = |c: char| c.is_whitespace() && c != '\u{a0}';
    for word in text.split(breaks).filter(|w| !w.is_empty()) {
        let candidate = if line.is_empty() {
            word.to_owned()
        } else {
            format!("{line} {word}")
        };
        if fonts.width(&candidate, size, style) <= width {
            line = candidate;
            continue;
        }
        if !line.is_empty() {
            lines.push(std::mem::take(&mut line));
        }
        for c in word.chars() {
            line.push(c);
            if fonts.width(&line, size, style) > width && line.chars().count() > 1 {
                line.pop();
                lines.push(std::mem::replace(&mut line, c.to_string()));
            }
        }
    }
    if !line.is_empty() {
        lines.push(line);
    }
    lines
}
