//! Official documents: one small, format-neutral model that every report of the product
//! builds, and three renderers — Word (`docx`) for the printed book, Excel (`xlsx`) for figures
//! people keep working on, and CSV (`csv`) for other systems. A report builds a `Document`
//! once; the renderers decide the Thai conventions (digits, Buddhist-era dates, TH Sarabun).
//!
//! ```no_run
//! use oneplan::documents::{Align, Cell, Column, Document, Section, Table};
//! let doc = Document {
//!     title: "รายงานตัวอย่าง".into(),
//!     sections: vec![Section::Table(Table {
//!         columns: vec![Column::new("โครงการ", Align::Left), Column::new("งบประมาณ (บาท)", Align::Right)],
//!         rows: vec![vec![Cell::text("ถนน คสล."), Cell::Baht(49_500_000)]],
//!         total: None,
//!     })],
//!     ..Default::default()
//! };
//! let word: Vec<u8> = oneplan::documents::docx(&doc).unwrap();
//! ```

mod csv;
mod docx;
mod xlsx;

pub use self::csv::csv;
pub use self::docx::docx;
pub use self::xlsx::xlsx;

use time::Date;

/// The font of Thai official documents (ONEPLAN.md section 11), 16 pt.
pub const FONT: &str = "TH Sarabun New";
pub const FONT_SIZE_PT: usize = 16;
/// What a table without rows says, so an empty report still reads as a report.
pub const NO_DATA: &str = "ไม่มีข้อมูล";

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Document {
    pub title: String,
    /// Lines under the title: the area, the fiscal year.
    pub subtitle: Vec<String>,
    pub sections: Vec<Section>,
    pub signature: Option<Signature>,
    /// A4 landscape, for registers whose tables have many columns.
    pub landscape: bool,
}

#[derive(Debug, Clone, PartialEq)]
pub enum Section {
    Heading(String),
    Paragraph(String),
    /// Label and value pairs: "ตำบล" → "แม่ใส".
    Facts(Vec<(String, String)>),
    Table(Table),
    /// A photograph with its caption (date and place); Excel and CSV keep only the caption.
    Image(Image),
}

/// A JPEG or PNG as stored, with its size in pixels.
#[derive(Debug, Clone, PartialEq)]
pub struct Image {
    pub bytes: std::sync::Arc<Vec<u8>>,
    pub width_px: u32,
    pub height_px: u32,
    pub caption: String,
}

#[derive(Debug, Clone, Default, PartialEq)]
pub struct Table {
    pub columns: Vec<Column>,
    pub rows: Vec<Vec<Cell>>,
    /// The closing row ("รวม"), printed bold.
    pub total: Option<Vec<Cell>>,
}

#[derive(Debug, Clone, PartialEq)]
pub struct Column {
    pub title: String,
    pub align: Align,
}

impl Column {
    pub fn new(title: &str, align: Align) -> Column {
        Column {
            title: title.to_string(),
            align,
        }
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Align {
    Left,
    Centre,
    Right,
}

/// A value, kept typed so that each format writes it its own way: a real number or date in
/// Excel, Thai digits in Word, plain Arabic digits in CSV.
#[derive(Debug, Clone, PartialEq)]
pub enum Cell {
    Text(String),
    /// A count or a rank, printed with thousands separators; years belong in `Text`.
    Int(i64),
    /// Satang.
    Baht(i64),
    /// Hundredths of a percent: 3333 = 33.33 %.
    Percent(i64),
    Date(Date),
    Empty,
}

impl Cell {
    pub fn text(s: impl Into<String>) -> Cell {
        Cell::Text(s.into())
    }
}

/// The signature block: (ลงชื่อ) …, (name), position, date. Empty parts print as dotted
/// lines, so an unsigned document can be signed by hand.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Signature {
    pub name: String,
    pub position: String,
    pub date: Option<Date>,
    /// What the signer is on the form, after the dotted line: "ผู้รายงาน" ("" for none).
    pub role: String,
}

/// The three renderers by file type, for code that offers a document in each.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Format {
    Docx,
    Xlsx,
    Csv,
}

impl Format {
    pub fn extension(self) -> &'static str {
        match self {
            Format::Docx => "docx",
            Format::Xlsx => "xlsx",
            Format::Csv => "csv",
        }
    }

    pub fn content_type(self) -> &'static str {
        match self {
            Format::Docx => {
                "application/vnd.openxmlformats-officedocument.wordprocessingml.document"
            }
            Format::Xlsx => "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
            Format::Csv => "text/csv; charset=utf-8",
        }
    }

    pub fn render(self, doc: &Document) -> anyhow::Result<Vec<u8>> {
        match self {
            Format::Docx => docx(doc),
            Format::Xlsx => xlsx(doc),
            Format::Csv => csv(doc),
        }
    }
}

/// How wide a text looks, in average Thai letters: vowels and tone marks above or below the
/// line take no width, digits are wider, dots and spaces narrower.
pub(crate) fn ems(s: &str) -> f64 {
    s.chars()
        .map(|c| match c {
            '\u{0E31}' | '\u{0E34}'..='\u{0E3A}' | '\u{0E47}'..='\u{0E4E}' => 0.0,
            '0'..='9' | '๐'..='๙' => 1.4,
            '.' | ',' | ' ' | ':' | ';' | '(' | ')' | '/' | '-' => 0.5,
            _ => 1.0,
        })
        .sum()
}

/// What a column needs, in characters: its title, its widest cell, and whether it holds text
/// that may wrap (numbers and dates must not).
#[derive(Debug, Clone, Copy, Default)]
pub(crate) struct Need {
    pub title: f64,
    pub content: f64,
    pub text: bool,
}

impl Need {
    /// The column's title wraps onto two or three lines rather than squeezing the figures.
    fn least(&self) -> f64 {
        self.title.clamp(3.0, 4.0) * 1.2 + 2.5
    }
}

/// Widths, in characters, of columns sharing `total`: numbers, dates and short columns get
/// what they need; text columns share the rest and wrap; a table too wide for the page
/// shrinks evenly.
pub(crate) fn fit(needs: &[Need], total: f64) -> Vec<f64> {
    let fixed = |n: &Need| (n.content + 2.0).max(n.least());
    let wish = |n: &Need| (n.content.min(40.0) + 2.0).max(n.least());
    let taken: f64 = needs.iter().filter(|n| !n.text).map(fixed).sum();
    let wished: f64 = needs.iter().filter(|n| n.text).map(wish).sum();
    let left = (total - taken).max(0.0);
    let mut w: Vec<f64> = needs
        .iter()
        .map(|n| if n.text { wish(n) } else { fixed(n) })
        .collect();
    if wished > 0.0 && wished <= left {
        // room to spare: text columns stretch to the page width
        for (n, x) in needs.iter().zip(w.iter_mut()) {
            if n.text {
                *x *= left / wished;
            }
        }
    } else if wished > 0.0 {
        // not enough: shares in proportion to the square root of each wish, so a long title
        // gets more than a short label but not all; a wish smaller than its share is met
        let mut open: Vec<usize> = (0..needs.len()).filter(|i| needs[*i].text).collect();
        let mut remaining = left;
        loop {
            let weights: f64 = open.iter().map(|i| w[*i].sqrt()).sum();
            let share = |i: usize| remaining * w[i].sqrt() / weights;
            let met: Vec<usize> = open
                .iter()
                .copied()
                .filter(|i| w[*i] <= share(*i))
                .collect();
            if met.is_empty() {
                let shares: Vec<(usize, f64)> = open.iter().map(|i| (*i, share(*i))).collect();
                for (i, x) in shares {
                    w[i] = x;
                }
                break;
            }
            for i in met {
                remaining -= w[i];
                open.retain(|j| *j != i);
            }
        }
    } else if taken < total {
        // only figures: spread them over the page
        w.iter_mut().for_each(|x| *x *= total / taken.max(1.0));
    }
    let sum: f64 = w.iter().sum();
    if sum > total {
        w.iter_mut().for_each(|x| *x *= total / sum);
    }
    w
}

/// "33.33" from hundredths of a percent.
pub(crate) fn percent_text(hundredths: i64) -> String {
    let sign = if hundredths < 0 { "-" } else { "" };
    let a = hundredths.unsigned_abs();
    format!("{sign}{}.{:02}", a / 100, a % 100)
}

/// "1,234" — whole numbers with thousands separators.
pub(crate) fn int_text(n: i64) -> String {
    let digits = n.unsigned_abs().to_string();
    let mut out = String::from(if n < 0 { "-" } else { "" });
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i) % 3 == 0 {
            out.push(',');
        }
        out.push(c);
    }
    out
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn widths_and_numbers() {
        assert_eq!(ems("ที่"), 1.0);
        assert_eq!(ems("ก่อสร้าง"), 6.0);
        assert!((ems("๑,๐๐๐") - 6.1).abs() < 1e-9);
        assert_eq!(percent_text(3333), "33.33");
        assert_eq!(percent_text(-5), "-0.05");
        assert_eq!(int_text(1_234_567), "1,234,567");
        assert_eq!(int_text(-7), "-7");
    }

    #[test]
    fn figures_keep_their_width_and_text_takes_the_rest() {
        let n = |title, content, text| Need {
            title,
            content,
            text,
        };
        let w = fit(
            &[
                n(5.0, 1.0, false),
                n(14.0, 60.0, true),
                n(14.0, 12.0, false),
            ],
            55.0,
        );
        assert!((w[0] - 7.3).abs() < 1e-9, "{w:?}");
        assert_eq!(w[2], 14.0);
        assert!((w.iter().sum::<f64>() - 55.0).abs() < 1e-9);
        // six columns on a narrow page: the figures stay whole, text wraps
        let w = fit(
            &[
                n(12.0, 1.0, false),
                n(13.0, 50.0, true),
                n(14.0, 10.0, true),
                n(13.0, 12.2, false),
                n(10.0, 20.0, true),
                n(6.0, 17.0, true),
            ],
            58.0,
        );
        assert!((w[0] - 7.3).abs() < 1e-9 && w[3] == 14.2, "{w:?}");
        assert!(
            w[1] > w[4] && w[4] > w[2],
            "the longest text gets the most: {w:?}"
        );
        assert!((w.iter().sum::<f64>() - 58.0).abs() < 1e-9);
        let narrow = fit(&[n(5.0, 30.0, false), n(5.0, 30.0, false)], 40.0);
        assert!((narrow.iter().sum::<f64>() - 40.0).abs() < 1e-9);
    }
}
