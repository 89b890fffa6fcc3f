//! Excel: one sheet that prints like the Word file (A4, one page wide), but whose numbers
//! stay numbers and dates stay dates, shown in Thai digits (and the Buddhist calendar) by
//! their number formats, so the figures look official and still add up.

use super::{Align, Cell, Document, FONT, FONT_SIZE_PT, NO_DATA, Section, Signature, Table};
use crate::thai::to_thai_digits;
use rust_xlsxwriter::{
    ExcelDateTime, Format, FormatAlign, FormatBorder, Workbook, Worksheet, XlsxError,
};

/// Thai digits (0D), Thai language (041E). LibreOffice drops a number format that also
/// names the Buddhist calendar (07), so numbers and dates get one each.
const THAI_NUMBER: &str = "[$-D00041E]";
const THAI_DATE: &str = "[$-D07041E]";
/// Points per printed line of TH Sarabun 16.
const LINE_PT: f64 = 25.0;

fn base() -> Format {
    Format::new()
        .set_font_name(FONT)
        .set_font_size(FONT_SIZE_PT as f64)
        .set_align(FormatAlign::Top)
}

fn align(f: Format, a: Align) -> Format {
    f.set_align(match a {
        Align::Left => FormatAlign::Left,
        Align::Centre => FormatAlign::Center,
        Align::Right => FormatAlign::Right,
    })
}

/// The text a cell shows, for sizing columns and rows.
fn shown(c: &Cell) -> String {
    match c {
        Cell::Text(s) => s.clone(),
        Cell::Int(n) => super::int_text(*n),
        Cell::Baht(st) => crate::thai::format_baht(*st),
        Cell::Percent(p) => format!("{}%", super::percent_text(*p)),
        Cell::Date(_) => "๒๔ ก.พ. ๒๕๖๖".into(),
        Cell::Empty => String::new(),
    }
}

/// Characters across an A4 portrait page inside the margins, in TH Sarabun 16.
const PAGE_CHARS: f64 = 80.0;

/// Column widths in characters: one sheet holds every table, so a column serves them all.
fn widths(doc: &Document, ncols: usize) -> Vec<f64> {
    let mut needs = vec![super::Need::default(); ncols];
    for s in &doc.sections {
        if let Section::Table(t) = s {
            for (i, c) in t.columns.iter().enumerate() {
                let cells: Vec<&Cell> = t
                    .rows
                    .iter()
                    .chain(t.total.iter())
                    .filter_map(|r| r.get(i))
                    .collect();
                let n = &mut needs[i];
                n.title = n.title.max(super::ems(&c.title));
                n.content = cells
                    .iter()
                    .map(|c| super::ems(&shown(c)))
                    .fold(n.content, f64::max);
                n.text |= cells.iter().any(|c| matches!(c, Cell::Text(_)));
                if t.rows.is_empty() && t.columns.len() == 1 {
                    n.content = n.content.max(super::ems(NO_DATA));
                }
            }
        }
    }
    super::fit(&needs, PAGE_CHARS)
}

/// Lines a text needs in a cell this wide, for the row height (merged and wrapped cells are
/// not measured by the spreadsheet itself).
fn lines(text: &str, width: f64) -> f64 {
    // a Thai letter is a little wider than the digit that Excel's width unit is made of
    let chars = super::ems(text) * 1.35;
    (chars / (width - 1.0).max(1.0)).ceil().max(1.0)
}

struct Sheet<'a> {
    ws: &'a mut Worksheet,
    widths: Vec<f64>,
    row: u32,
}

impl Sheet<'_> {
    fn last_col(&self) -> u16 {
        self.widths.len() as u16 - 1
    }

    /// Text across columns `first..=last`, wrapped, the row tall enough for it.
    fn span(&mut self, first: u16, last: u16, text: &str, f: &Format) -> Result<(), XlsxError> {
        let text = to_thai_digits(text);
        let width: f64 = self.widths[first as usize..=last as usize].iter().sum();
        let f = f.clone().set_text_wrap();
        if first == last {
            self.ws
                .write_string_with_format(self.row, first, &text, &f)?;
        } else {
            self.ws
                .merge_range(self.row, first, self.row, last, &text, &f)?;
        }
        self.grow(lines(&text, width))
    }

    fn grow(&mut self, lines: f64) -> Result<(), XlsxError> {
        if lines > 1.0 {
            self.ws.set_row_height(self.row, lines * LINE_PT)?;
        }
        Ok(())
    }

    fn facts(&mut self, list: &[(String, String)]) -> Result<(), XlsxError> {
        // the label spans as many columns as its longest entry needs
        let longest = list.iter().map(|(k, _)| super::ems(k)).fold(0.0, f64::max);
        let mut split = 0u16;
        let mut acc = 0.0;
        while split < self.last_col() {
            acc += self.widths[split as usize];
            if acc >= longest {
                break;
            }
            split += 1;
        }
        let split = split.min(self.last_col().saturating_sub(1));
        for (k, v) in list {
            self.span(0, split, k, &base().set_bold())?;
            let value_from = (split + 1).min(self.last_col());
            self.span(value_from, self.last_col(), v, &base())?;
            self.row += 1;
        }
        Ok(())
    }

    fn table(&mut self, t: &Table) -> Result<(), XlsxError> {
        let border = |f: Format| f.set_border(FormatBorder::Thin);
        let head = border(base())
            .set_bold()
            .set_text_wrap()
            .set_background_color("#D9D9D9")
            .set_align(FormatAlign::Center)
            .set_align(FormatAlign::VerticalCenter);
        let mut tallest = 1.0f64;
        for (i, c) in t.columns.iter().enumerate() {
            let title = to_thai_digits(&c.title);
            self.ws
                .write_string_with_format(self.row, i as u16, &title, &head)?;
            tallest = tallest.max(lines(&title, self.widths[i]));
        }
        self.grow(tallest)?;
        self.row += 1;
        if t.rows.is_empty() {
            let last = (t.columns.len().max(1) - 1) as u16;
            let f = align(border(base()), Align::Centre);
            self.span(0, last, NO_DATA, &f)?;
            self.row += 1;
        }
        for r in &t.rows {
            self.cells(t, r, false)?;
        }
        if let Some(total) = &t.total {
            self.cells(t, total, true)?;
        }
        Ok(())
    }

    fn cells(&mut self, t: &Table, cells: &[Cell], strong: bool) -> Result<(), XlsxError> {
        let mut tallest = 1.0f64;
        for (i, col) in t.columns.iter().enumerate() {
            let mut f = align(base().set_border(FormatBorder::Thin), col.align);
            if strong {
                f = f.set_bold();
            }
            let (r, c) = (self.row, i as u16);
            match cells.get(i).unwrap_or(&Cell::Empty) {
                Cell::Text(s) => {
                    let s = to_thai_digits(s);
                    tallest = tallest.max(lines(&s, self.widths[i]));
                    self.ws
                        .write_string_with_format(r, c, &s, &f.set_text_wrap())?;
                }
                Cell::Int(n) => {
                    let f = f.set_num_format(format!("{THAI_NUMBER}#,##0"));
                    self.ws.write_number_with_format(r, c, *n as f64, &f)?;
                }
                Cell::Baht(st) => {
                    let f = f.set_num_format(format!("{THAI_NUMBER}#,##0.00"));
                    self.ws
                        .write_number_with_format(r, c, *st as f64 / 100.0, &f)?;
                }
                Cell::Percent(p) => {
                    let f = f.set_num_format(format!("{THAI_NUMBER}0.00%"));
                    self.ws
                        .write_number_with_format(r, c, *p as f64 / 10_000.0, &f)?;
                }
                Cell::Date(d) => {
                    let f = f.set_num_format(format!("{THAI_DATE}d mmm yyyy"));
                    let when = ExcelDateTime::from_ymd(d.year() as u16, d.month() as u8, d.day())?;
                    self.ws.write_datetime_with_format(r, c, &when, &f)?;
                }
                Cell::Empty => {
                    self.ws.write_blank(r, c, &f)?;
                }
            }
        }
        self.grow(tallest)?;
        self.row += 1;
        Ok(())
    }

    fn signature(&mut self, s: &Signature) -> Result<(), XlsxError> {
        let dots = "................................";
        let or = |v: &str, d: String| {
            if v.trim().is_empty() {
                d
            } else {
                v.to_string()
            }
        };
        let lines = [
            format!("(ลงชื่อ) {dots} {}", s.role).trim_end().to_string(),
            format!("({})", or(&s.name, dots.to_string())),
            or(&s.position, format!("ตำแหน่ง {dots}")),
            match s.date {
                Some(d) => format!(
                    "วันที่ {}",
                    crate::thai::format_date_long(d, crate::thai::dates::Digits::Thai)
                ),
                None => "วันที่ ...... เดือน ................ พ.ศ. ......".into(),
            },
        ];
        self.row += 1;
        let (first, last) = ((self.widths.len() / 2) as u16, self.last_col());
        let f = base().set_align(FormatAlign::Center);
        for l in lines {
            // short lines: no wrapping, so dotted lines stay one line
            let l = to_thai_digits(&l);
            if first == last {
                self.ws.write_string_with_format(self.row, first, &l, &f)?;
            } else {
                self.ws
                    .merge_range(self.row, first, self.row, last, &l, &f)?;
            }
            self.row += 1;
        }
        Ok(())
    }
}

/// Excel refuses some characters in sheet names, and more than 31 of them.
fn sheet_name(title: &str) -> String {
    let name: String = title
        .chars()
        .filter(|c| !matches!(c, '[' | ']' | ':' | '*' | '?' | '/' | '\\' | '\''))
        .take(31)
        .collect();
    if name.trim().is_empty() {
        "เอกสาร".into()
    } else {
        name.trim().to_string()
    }
}

pub fn xlsx(doc: &Document) -> anyhow::Result<Vec<u8>> {
    build(doc).map_err(|e| anyhow::anyhow!("writing the Excel file: {e}"))
}

fn build(doc: &Document) -> Result<Vec<u8>, XlsxError> {
    let ncols = doc
        .sections
        .iter()
        .filter_map(|s| match s {
            Section::Table(t) => Some(t.columns.len()),
            _ => None,
        })
        .max()
        .unwrap_or(0)
        .max(2);
    let mut wb = Workbook::new();
    // every cell, even an empty one, in TH Sarabun 16 with rows tall enough for Thai marks
    wb.set_default_format(&base(), 32, 80)?;
    let ws = wb.add_worksheet();
    ws.set_name(sheet_name(&doc.title))?;
    ws.set_paper_size(9);
    if doc.landscape {
        ws.set_landscape();
    } else {
        ws.set_portrait();
    }
    ws.set_margins(0.98, 0.79, 0.98, 0.79, 0.3, 0.3)
        .set_print_fit_to_pages(1, 0)
        .set_print_center_horizontally(true);
    let widths = widths(doc, ncols);
    for (i, w) in widths.iter().enumerate() {
        ws.set_column_width(i as u16, *w)?;
    }
    let mut s = Sheet { ws, widths, row: 0 };
    let last = s.last_col();
    let centred = base().set_align(FormatAlign::Center);
    s.span(0, last, &doc.title, &centred.clone().set_bold())?;
    s.row += 1;
    for line in &doc.subtitle {
        s.span(0, last, line, &centred)?;
        s.row += 1;
    }
    s.row += 1;
    if doc.sections.is_empty() {
        s.span(0, last, NO_DATA, &centred)?;
        s.row += 1;
    }
    for section in &doc.sections {
        match section {
            Section::Heading(h) => {
                s.span(0, last, h, &base().set_bold())?;
                s.row += 1;
            }
            Section::Paragraph(p) | Section::Image(super::Image { caption: p, .. }) => {
                s.span(0, last, p, &base())?;
                s.row += 1;
            }
            Section::Facts(list) => s.facts(list)?,
            Section::Table(t) => {
                s.table(t)?;
                s.row += 1;
            }
        }
    }
    if let Some(sig) = &doc.signature {
        s.signature(sig)?;
    }
    wb.save_to_buffer()
}
