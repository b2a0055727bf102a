//! Paints the laid-out pages with krilla: DejaVu Sans (regular and bold) embedded as subset
//! TrueType fonts with their ToUnicode maps, so every character prints and extracts as written.

use krilla::color::rgb;
use krilla::geom::{PathBuilder, Point, Rect};
use krilla::metadata::Metadata;
use krilla::num::NormalizedF32;
use krilla::page::PageSettings;
use krilla::paint::{Fill, Stroke};
use krilla::surface::Surface;
use krilla::text::{Font, TextDirection};
use rustybuzz::{Face, UnicodeBuffer};

use super::page::{Item, Style, PAGE_HEIGHT, PAGE_WIDTH};
use super::{words, Document, PdfError};

/// The two faces, for krilla to embed and for the layout to measure with the same shaping.
pub struct Fonts {
    regular: Font,
    bold: Font,
    regular_face: Face<'static>,
    bold_face: Face<'static>,
}

impl Fonts {
    pub fn load() -> Result<Fonts, PdfError> {
        let (regular, bold) = (dejavu::sans::regular(), dejavu::sans::bold());
        let missing = || PdfError("the embedded DejaVu Sans font could not be read".into());
        Ok(Fonts {
            regular: Font::new(regular.into(), 0).ok_or_else(missing)?,
            bold: Font::new(bold.into(), 0).ok_or_else(missing)?,
            regular_face: Face::from_slice(regular, 0).ok_or_else(missing)?,
            bold_face: Face::from_slice(bold, 0).ok_or_else(missing)?,
        })
    }

    fn bold(style: Style) -> bool {
        matches!(style, Style::Bold | Style::Title)
    }

    /// The advance width of `text` in points, shaped as krilla shapes it (kerning included).
    pub fn width(&self, text: &str, size: f32, style: Style) -> f32 {
        let face = if Self::bold(style) {
            &self.bold_face
        } else {
            &self.regular_face
        };
        let mut buffer = UnicodeBuffer::new();
        buffer.push_str(text);
        buffer.guess_segment_properties();
        let shaped = rustybuzz::shape(face, &[], buffer);
        let units: i64 = shaped
            .glyph_positions()
            .iter()
            .map(|p| i64::from(p.x_advance))
            .sum();
        units as f32 / face.units_per_em().max(1) as f32 * size
    }

    fn font(&self, style: Style) -> Font {
        if Self::bold(style) {
            self.bold.clone()
        } else {
            self.regular.clone()
        }
    }
}

fn fill(red: u8, green: u8, blue: u8) -> Fill {
    Fill {
        paint: rgb::Color::new(red, green, blue).into(),
        opacity: NormalizedF32::ONE,
        ..Fill::default()
    }
}

fn color(style: Style) -> Fill {
    match style {
        Style::Regular | Style::Bold => fill(17, 24, 39),
        Style::Muted => fill(85, 92, 104),
        Style::Title => fill(22, 58, 110),
    }
}

fn paint(surface: &mut Surface<'_>, fonts: &Fonts, item: &Item) {
    match item {
        Item::Text {
            x,
            y,
            size,
            style,
            text,
        } => {
            surface.set_fill(Some(color(*style)));
            let at = Point::from_xy(*x, *y);
            surface.draw_text(
                at,
                fonts.font(*style),
                *size,
                text,
                false,
                TextDirection::LeftToRight,
            );
        }
        Item::Rule {
            x,
            y,
            width,
            thickness,
        } => {
            let mut path = PathBuilder::new();
            path.move_to(*x, *y);
            path.line_to(x + width, *y);
            if let Some(path) = path.finish() {
                surface.set_fill(None);
                let paint = rgb::Color::new(170, 176, 186).into();
                surface.set_stroke(Some(Stroke {
                    paint,
                    width: *thickness,
                    ..Stroke::default()
                }));
                surface.draw_path(&path);
                surface.set_stroke(None);
            }
        }
        Item::Band { x, y, width, height } => {
            let mut path = PathBuilder::new();
            if let Some(rect) = Rect::from_xywh(*x, *y, *width, *height) {
                path.push_rect(rect);
            }
            if let Some(path) = path.finish() {
                surface.set_fill(Some(fill(238, 241, 245)));
                surface.draw_path(&path);
            }
        }
    }
}

/// The PDF of the laid-out `pages`, with the document's title and language in its metadata.
pub fn render(doc: &Document, fonts: &Fonts, pages: &[Vec<Item>]) -> Result<Vec<u8>, PdfError> {
    let mut document = krilla::Document::new();
    let title = format!("{} {}", words::title(doc.kind, doc.language), doc.number);
    document.set_metadata(
        Metadata::new()
            .title(title)
            .language(doc.language.tag().into())
            .creator("credit-checkout".into()),
    );
    let settings = PageSettings::from_wh(PAGE_WIDTH, PAGE_HEIGHT)
        .ok_or_else(|| PdfError("the page size was refused".into()))?;
    for items in pages {
        let mut page = document.start_page_with(settings.clone());
        let mut surface = page.surface();
        for item in items {
            paint(&mut surface, fonts, item);
        }
        surface.finish();
        page.finish();
    }
    document.finish().map_err(|e| PdfError(e.to_string()))
}
