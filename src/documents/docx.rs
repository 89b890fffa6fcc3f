//! Word: A4 portrait, TH Sarabun New 16 pt, Thai digits throughout, bordered tables, the
//! signature block bottom right — the look of a Thai government paper.

use super::{Align, Cell, Document, FONT, FONT_SIZE_PT, NO_DATA, Section, Signature, Table};
use crate::thai::dates::Digits;
use crate::thai::{format_baht, format_date_long, format_date_short, to_thai_digits};
use docx_rs::{
    AlignmentType, Docx, LineSpacing, PageMargin, Paragraph, Run, RunFonts, Shading,
    SpecialIndentType, Table as DocxTable, TableAlignmentType, TableCell, TableLayoutType,
    TableRow, VAlignType, WidthType,
};

/// Twips: A4 is 210 × 297 mm; 1 cm ≈ 567 twips.
const A4: (u32, u32) = (11906, 16838);
/// 2.5 cm at the top and the binding (left) edge, 2 cm at the others.
const MARGIN_WIDE: i32 = 1418;
const MARGIN_NARROW: i32 = 1134;
/// The width between the margins, portrait or landscape.
fn text_width(landscape: bool) -> usize {
    let page = if landscape { A4.1 } else { A4.0 };
    page as usize - (MARGIN_WIDE + MARGIN_NARROW) as usize
}
const HALF_POINTS: usize = FONT_SIZE_PT * 2;
const DOTS: &str = "........................................";

/// Every run names the font for all four scripts: Word picks `cs` for Thai, and without it
/// Thai falls back to another face.
fn fonts() -> RunFonts {
    RunFonts::new()
        .ascii(FONT)
        .hi_ansi(FONT)
        .east_asia(FONT)
        .cs(FONT)
}

fn run(text: &str) -> Run {
    Run::new()
        .add_text(to_thai_digits(text))
        .fonts(fonts())
        .size(HALF_POINTS)
}

/// Tight spacing: TH Sarabun's own line height is already generous.
fn para() -> Paragraph {
    Paragraph::new().line_spacing(LineSpacing::new().before(0).after(0))
}

fn line(text: &str) -> Paragraph {
    para().add_run(run(text))
}

fn bold(text: &str) -> Paragraph {
    para().add_run(run(text).bold())
}

/// A cell as printed: Thai digits, baht with separators, short BE dates to keep columns narrow.
fn cell_text(c: &Cell) -> String {
    to_thai_digits(&match c {
        Cell::Text(s) => s.clone(),
        Cell::Int(n) => super::int_text(*n),
        Cell::Baht(st) => format_baht(*st),
        Cell::Percent(p) => super::percent_text(*p),
        Cell::Date(d) => format_date_short(*d, Digits::Thai),
        Cell::Empty => String::new(),
    })
}

fn alignment(a: Align) -> AlignmentType {
    match a {
        Align::Left => AlignmentType::Left,
        Align::Centre => AlignmentType::Center,
        Align::Right => AlignmentType::Right,
    }
}

/// An average Thai letter of TH Sarabun 16 pt, in twips.
const CHAR: f64 = 160.0;

/// Column widths in twips: figures whole, text columns sharing the rest.
fn widths(t: &Table, text_width: usize) -> Vec<usize> {
    let needs: Vec<super::Need> = t
        .columns
        .iter()
        .enumerate()
        .map(|(i, c)| {
            let cells: Vec<&Cell> = t
                .rows
                .iter()
                .chain(t.total.iter())
                .filter_map(|r| r.get(i))
                .collect();
            super::Need {
                title: super::ems(&c.title),
                content: cells
                    .iter()
                    .map(|c| super::ems(&cell_text(c)))
                    .fold(0.0, f64::max),
                text: cells.iter().any(|c| matches!(c, Cell::Text(_))),
            }
        })
        .collect();
    let w = super::fit(&needs, text_width as f64 / CHAR);
    w.iter().map(|x| (x * CHAR) as usize).collect()
}

fn table(t: &Table, text_width: usize) -> DocxTable {
    let widths = widths(t, text_width);
    let head = TableRow::new(
        t.columns
            .iter()
            .zip(&widths)
            .map(|(c, w)| {
                TableCell::new()
                    .width(*w, WidthType::Dxa)
                    .shading(Shading::new().fill("D9D9D9"))
                    .vertical_align(VAlignType::Center)
                    .add_paragraph(bold(&c.title).align(AlignmentType::Center))
            })
            .collect(),
    )
    .cant_split();
    let row = |cells: &[Cell], strong: bool| {
        TableRow::new(
            t.columns
                .iter()
                .zip(&widths)
                .enumerate()
                .map(|(i, (c, w))| {
                    let text = cells.get(i).map(cell_text).unwrap_or_default();
                    let p = if strong { bold(&text) } else { line(&text) };
                    TableCell::new()
                        .width(*w, WidthType::Dxa)
                        .add_paragraph(p.align(alignment(c.align)))
                })
                .collect(),
        )
        .cant_split()
    };
    let mut rows = vec![head];
    if t.rows.is_empty() {
        rows.push(TableRow::new(vec![
            TableCell::new()
                .grid_span(t.columns.len().max(1))
                .width(text_width, WidthType::Dxa)
                .add_paragraph(line(NO_DATA).align(AlignmentType::Center)),
        ]));
    }
    rows.extend(t.rows.iter().map(|r| row(r, false)));
    if let Some(total) = &t.total {
        rows.push(row(total, true));
    }
    DocxTable::new(rows)
        .set_grid(widths)
        .width(text_width, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
        .align(TableAlignmentType::Center)
}

/// Label and value side by side, without borders.
fn facts(list: &[(String, String)], text_width: usize) -> DocxTable {
    let longest = list.iter().map(|(k, _)| super::ems(k)).fold(0.0, f64::max);
    // bold letters are a little wider
    let label = (((longest * 1.15 + 2.0) * CHAR) as usize).min(text_width * 45 / 100);
    let rows = list
        .iter()
        .map(|(k, v)| {
            TableRow::new(vec![
                TableCell::new()
                    .width(label, WidthType::Dxa)
                    .add_paragraph(bold(k)),
                TableCell::new()
                    .width(text_width - label, WidthType::Dxa)
                    .add_paragraph(line(v)),
            ])
        })
        .collect();
    DocxTable::without_borders(rows)
        .set_grid(vec![label, text_width - label])
        .width(text_width, WidthType::Dxa)
        .layout(TableLayoutType::Fixed)
}

/// Centred in the right half of the page, as signatures sit on Thai official papers.
fn signature(s: &Signature, text_width: usize) -> Vec<Paragraph> {
    let or_dots = |v: &str, dots: String| {
        if v.trim().is_empty() {
            dots
        } else {
            v.to_string()
        }
    };
    let lines = [
        format!("(ลงชื่อ) {DOTS} {}", s.role).trim_end().to_string(),
        format!("({})", or_dots(&s.name, DOTS.to_string())),
        or_dots(&s.position, format!("ตำแหน่ง {DOTS}")),
        match s.date {
            Some(d) => format!("วันที่ {}", format_date_long(d, Digits::Thai)),
            None => "วันที่ ........ เดือน .................... พ.ศ. ........".to_string(),
        },
    ];
    let half = (text_width / 2) as i32;
    let mut out = vec![line("").keep_next(true)];
    out.extend(lines.iter().enumerate().map(|(i, l)| {
        line(l)
            .indent(Some(half), None, None, None)
            .align(AlignmentType::Center)
            .keep_next(i + 1 < lines.len())
    }));
    out
}

pub fn docx(doc: &Document) -> anyhow::Result<Vec<u8>> {
    let width = text_width(doc.landscape);
    let (w, h) = if doc.landscape { (A4.1, A4.0) } else { A4 };
    let mut d = Docx::new()
        .page_size(w, h)
        .page_margin(PageMargin {
            top: MARGIN_WIDE,
            left: MARGIN_WIDE,
            bottom: MARGIN_NARROW,
            right: MARGIN_NARROW,
            header: 709,
            footer: 709,
            gutter: 0,
        })
        .page_orient(if doc.landscape {
            docx_rs::PageOrientationType::Landscape
        } else {
            docx_rs::PageOrientationType::Portrait
        })
        .default_fonts(fonts())
        .default_size(HALF_POINTS)
        .add_paragraph(bold(&doc.title).align(AlignmentType::Center));
    for s in &doc.subtitle {
        d = d.add_paragraph(line(s).align(AlignmentType::Center));
    }
    d = d.add_paragraph(line(""));
    if doc.sections.is_empty() {
        d = d.add_paragraph(line(NO_DATA).align(AlignmentType::Center));
    }
    for section in &doc.sections {
        d = match section {
            Section::Heading(h) => d.add_paragraph(
                bold(h)
                    .keep_next(true)
                    .line_spacing(LineSpacing::new().before(120).after(0)),
            ),
            Section::Paragraph(p) => d.add_paragraph(line(p).indent(
                None,
                Some(SpecialIndentType::FirstLine(MARGIN_WIDE)),
                None,
                None,
            )),
            Section::Facts(list) => d.add_table(facts(list, width)),
            // an empty paragraph after a table keeps the next table from joining it
            Section::Table(t) => d.add_table(table(t, width)).add_paragraph(line("")),
            Section::Image(i) => d
                .add_paragraph(picture(i).align(AlignmentType::Center).keep_next(true))
                .add_paragraph(line(&i.caption).align(AlignmentType::Center)),
        };
    }
    if let Some(s) = &doc.signature {
        for p in signature(s, width) {
            d = d.add_paragraph(p);
        }
    }
    let mut out = std::io::Cursor::new(Vec::new());
    d.pack(&mut out)
        .map_err(|e| anyhow::anyhow!("writing the Word file: {e}"))?;
    deflate(out.into_inner())
}

/// EMUs per centimetre.
const EMU_CM: u32 = 360_000;

/// A photograph at most 12 cm wide and 9 cm high, keeping its shape.
fn picture(i: &super::Image) -> Paragraph {
    let (w, h) = (i.width_px.max(1) as f64, i.height_px.max(1) as f64);
    let scale = (12.0 * EMU_CM as f64 / w).min(9.0 * EMU_CM as f64 / h);
    let pic = docx_rs::Pic::new_with_dimensions(i.bytes.to_vec(), i.width_px, i.height_px)
        .size((w * scale) as u32, (h * scale) as u32);
    para().add_run(Run::new().add_image(pic))
}

/// docx-rs stores its parts uncompressed; deflated, a plan book is about a tenth of the size
/// to download on a slow link and to keep.
fn deflate(stored: Vec<u8>) -> anyhow::Result<Vec<u8>> {
    use zip::write::SimpleFileOptions;
    let mut archive = zip::ZipArchive::new(std::io::Cursor::new(stored))?;
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    let options = SimpleFileOptions::default()
        .compression_method(zip::CompressionMethod::Deflated)
        .compression_level(Some(1));
    // docx-rs names every picture .png; a JPEG is renamed .jpeg, its link and type with it
    let mut jpegs: Vec<String> = Vec::new();
    for i in 0..archive.len() {
        let mut part = archive.by_index(i)?;
        let name = part.name().to_string();
        if name.starts_with("word/media/") && name.ends_with(".png") {
            let mut bytes = Vec::new();
            std::io::Read::read_to_end(&mut part, &mut bytes)?;
            if bytes.starts_with(&[0xFF, 0xD8, 0xFF]) {
                jpegs.push(name["word/".len()..].to_string());
            }
        }
    }
    let renamed = |name: &str| match name.strip_suffix(".png") {
        Some(stem) if jpegs.iter().any(|j| format!("word/{j}") == name) => format!("{stem}.jpeg"),
        _ => name.to_string(),
    };
    for i in 0..archive.len() {
        let mut part = archive.by_index(i)?;
        let name = part.name().to_string();
        out.start_file(renamed(&name), options)?;
        if jpegs.is_empty()
            || !(name == "[Content_Types].xml" || name == "word/_rels/document.xml.rels")
        {
            std::io::copy(&mut part, &mut out)?;
            continue;
        }
        let mut xml = String::new();
        std::io::Read::read_to_string(&mut part, &mut xml)?;
        if name == "[Content_Types].xml" {
            xml = xml.replacen(
                "<Default Extension=\"png\"",
                "<Default Extension=\"jpeg\" ContentType=\"image/jpeg\"/><Default Extension=\"png\"",
                1,
            );
        } else {
            for j in &jpegs {
                let target = format!("Target=\"{j}\"");
                let to = format!("Target=\"{}.jpeg\"", j.trim_end_matches(".png"));
                xml = xml.replace(&target, &to);
            }
        }
        std::io::Write::write_all(&mut out, xml.as_bytes())?;
    }
    Ok(out.finish()?.into_inner())
}
