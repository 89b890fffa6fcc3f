//! Property-based fuzzing of the uploaded-workbook reader (issue 13): workbooks generated with
//! rust_xlsxwriter (far cells, many rows, every kind of value), the same with their XML edited
//! or their bytes broken, and CSV files. The reader must never panic, never reserve memory out
//! of proportion to the file, and either return rows within the limits or refuse the file.
//!
//! Memory is measured by a counting allocator, installed for the whole unit-test binary but
//! counting only on a thread inside `measured`: the largest single request and the peak of
//! live bytes while the reader runs. Case counts: see `crate::thai::fuzz::config`.

use super::{IMPORT, Limits, MAX_PROBLEMS, at_most, first_sheet};
use crate::error::Problem;
use calamine::Data;
use proptest::prelude::*;
use proptest::sample::Index;
use rust_xlsxwriter::{Format, Formula, Workbook};
use std::alloc::{GlobalAlloc, Layout, System};
use std::cell::Cell;
use std::collections::BTreeMap;
use std::io::{Read, Write};

// ---- memory ----

/// The system allocator, counting what the current thread asks for while it is measured.
struct Counting;

#[global_allocator]
static COUNTING: Counting = Counting;

thread_local! {
    static MEASURING: Cell<bool> = const { Cell::new(false) };
    static LIVE: Cell<isize> = const { Cell::new(0) };
    static PEAK: Cell<isize> = const { Cell::new(0) };
    static LARGEST: Cell<usize> = const { Cell::new(0) };
}

fn allocated(size: usize) {
    let _ = MEASURING.try_with(|m| {
        if m.get() {
            LARGEST.set(LARGEST.get().max(size));
            let live = LIVE.get().saturating_add(size as isize);
            LIVE.set(live);
            PEAK.set(PEAK.get().max(live));
        }
    });
}

fn freed(size: usize) {
    let _ = MEASURING.try_with(|m| {
        if m.get() {
            LIVE.set(LIVE.get().saturating_sub(size as isize));
        }
    });
}

// SAFETY: every call is passed on to `System` unchanged; the counters are thread-local cells
// initialised by constants, which never allocate.
unsafe impl GlobalAlloc for Counting {
    unsafe fn alloc(&self, layout: Layout) -> *mut u8 {
        allocated(layout.size());
        unsafe { System.alloc(layout) }
    }

    unsafe fn alloc_zeroed(&self, layout: Layout) -> *mut u8 {
        allocated(layout.size());
        unsafe { System.alloc_zeroed(layout) }
    }

    unsafe fn dealloc(&self, ptr: *mut u8, layout: Layout) {
        freed(layout.size());
        unsafe { System.dealloc(ptr, layout) }
    }

    unsafe fn realloc(&self, ptr: *mut u8, layout: Layout, new_size: usize) -> *mut u8 {
        let p = unsafe { System.realloc(ptr, layout, new_size) };
        if !p.is_null() {
            freed(layout.size());
            allocated(new_size);
        }
        p
    }
}

/// What running `f` cost in memory: the largest single request and the peak of live bytes.
#[derive(Debug, Clone, Copy)]
pub(crate) struct Cost {
    pub(crate) largest: usize,
    pub(crate) peak: isize,
}

pub(crate) fn measured<T>(f: impl FnOnce() -> T) -> (T, Cost) {
    LIVE.set(0);
    PEAK.set(0);
    LARGEST.set(0);
    MEASURING.set(true);
    let out = f();
    MEASURING.set(false);
    let cost = Cost {
        largest: LARGEST.get(),
        peak: PEAK.get(),
    };
    (out, cost)
}

/// What a reader may ask for, whatever the file: the generated files are at most a few
/// hundred kilobytes, and the rows kept are limited to 5,000 × 64 cells.
pub(crate) const MAX_REQUEST: usize = 64 << 20;
pub(crate) const MAX_PEAK: isize = 256 << 20;

pub(crate) fn modest(cost: Cost) -> Result<(), TestCaseError> {
    prop_assert!(
        cost.largest <= MAX_REQUEST && cost.peak <= MAX_PEAK,
        "the reader asked for {} bytes at once, {} at its peak",
        cost.largest,
        cost.peak
    );
    Ok(())
}

// ---- what the reader returns ----

/// A cell as text, every kind told apart (the importers' own versions are fuzzed through
/// `sheet::rows` and the village form).
pub(crate) fn text(d: &Data) -> String {
    match d {
        Data::Empty => String::new(),
        Data::String(s) => s.clone(),
        Data::Float(f) => format!("{f}"),
        Data::Int(n) => format!("{n}"),
        Data::Bool(b) => b.to_string(),
        Data::DateTime(dt) => format!("date {}", dt.as_f64()),
        Data::DateTimeIso(s) => format!("iso {s}"),
        Data::DurationIso(s) => format!("duration {s}"),
        Data::Error(e) => format!("error {e:?}"),
    }
}

/// Rows within the limits: numbered from 1 and rising, each at most `columns` wide and holding
/// something.
fn within(rows: &[(usize, Vec<String>)], limits: Limits) -> Result<(), TestCaseError> {
    let mut last = 0;
    for (n, cells) in rows {
        prop_assert!(
            *n > last && *n <= limits.rows as usize,
            "row {n} after {last}"
        );
        prop_assert!(
            cells.len() <= limits.columns as usize,
            "row {n}: {} cells",
            cells.len()
        );
        prop_assert!(
            cells.iter().any(|c| !c.trim().is_empty()),
            "row {n} is empty"
        );
        last = *n;
    }
    Ok(())
}

/// Reads `bytes` every way an import does, checking limits and memory each time.
fn read_every_way(bytes: &[u8]) -> Result<(), TestCaseError> {
    let (read, cost) = measured(|| first_sheet(bytes, IMPORT, text));
    modest(cost)?;
    match read {
        Ok(rows) => within(&rows, IMPORT)?,
        Err(p) => prop_assert!(
            matches!(
                p,
                Problem::NotXlsx | Problem::SheetTooLong { .. } | Problem::SheetTooWide { .. }
            ),
            "{p:?}"
        ),
    }
    let (read, cost) = measured(|| super::sheet::rows(bytes));
    modest(cost)?;
    if let Ok(rows) = read {
        prop_assert!(rows.len() <= IMPORT.rows as usize);
    }
    Ok(())
}

// ---- generated workbooks ----

#[derive(Debug, Clone)]
pub(crate) enum Value {
    Text(String),
    Number(f64),
    /// A number shown as a date: Excel's serial day.
    Date(f64),
    /// A formula and the result Excel saved with it.
    Formula(String, f64),
    Bool(bool),
    /// A cell with a format and nothing in it.
    Blank,
}

#[derive(Debug, Clone)]
pub(crate) struct Put {
    pub(crate) row: u32,
    pub(crate) col: u16,
    pub(crate) value: Value,
}

#[derive(Debug, Clone)]
pub(crate) struct Book {
    /// The cells of each sheet; the first is the one read.
    pub(crate) sheets: Vec<Vec<Put>>,
    /// A block of numbered rows on the first sheet: first row, rows, columns.
    pub(crate) block: Option<(u32, u32, u16)>,
}

/// A row: near the top, around the limit, or (in a far book) anywhere down to the last.
/// A far book costs rust_xlsxwriter a look at every row between its first and its last.
fn row(far: bool) -> BoxedStrategy<u32> {
    if far {
        prop_oneof![
            4 => 0u32..40,
            2 => 4_990u32..5_010,
            2 => Just(1_048_575u32),
            1 => 0u32..1_048_576,
        ]
        .boxed()
    } else {
        prop_oneof![8 => 0u32..40, 1 => 4_990u32..5_010].boxed()
    }
}

fn col() -> impl Strategy<Value = u16> {
    prop_oneof![
        8 => 0u16..10,
        2 => 60u16..68,
        1 => Just(16_383u16),
        1 => 0u16..16_384,
    ]
}

fn number() -> impl Strategy<Value = f64> {
    prop_oneof![
        -1e6f64..1e6,
        (-1_000_000i64..1_000_000).prop_map(|n| n as f64),
        any::<f64>().prop_filter("finite", |f| f.is_finite()),
        prop::sample::select(vec![
            0.0,
            -0.0,
            1e15,
            1e300,
            -1e300,
            f64::MIN_POSITIVE,
            2958465.0
        ]),
    ]
}

fn value() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => "[ -~ก-๙]{0,12}".prop_map(Value::Text),
        1 => "[ \t]{0,3}".prop_map(Value::Text),
        3 => number().prop_map(Value::Number),
        2 => number().prop_map(Value::Date),
        1 => ("=[A-Z]{1,2}[1-9]\\+[0-9]", -1e6f64..1e6).prop_map(|(f, r)| Value::Formula(f, r)),
        1 => any::<bool>().prop_map(Value::Bool),
        1 => Just(Value::Blank),
    ]
}

fn cells(max: usize, far: bool) -> impl Strategy<Value = Vec<Put>> {
    prop::collection::vec(
        (row(far), col(), value()).prop_map(|(row, col, value)| Put { row, col, value }),
        0..max,
    )
}

/// Some books reach row 1,048,576; some have many rows, up to past the limit.
pub(crate) fn book() -> impl Strategy<Value = Book> {
    prop::bool::weighted(0.25)
        .prop_flat_map(|far| {
            (
                cells(40, far),
                prop::collection::vec(cells(8, far), 0..3),
                prop::option::weighted(
                    0.15,
                    prop_oneof![
                        (0u32..10, 4_985u32..5_010, 1u16..3),
                        (4_900u32..5_000, 1u32..200, 1u16..4),
                        (0u32..10, 1u32..50, 1u16..70),
                    ],
                ),
            )
        })
        .prop_map(|(first, others, block)| {
            let mut sheets = vec![first];
            sheets.extend(others);
            Book { sheets, block }
        })
}

fn all_cells(b: &Book) -> Vec<Vec<Put>> {
    let mut sheets = b.sheets.clone();
    if let Some((start, rows, cols)) = b.block {
        for r in start..start + rows {
            for c in 0..cols {
                sheets[0].push(Put {
                    row: r,
                    col: c,
                    value: Value::Number(f64::from(r)),
                });
            }
        }
    }
    sheets
}

pub(crate) fn xlsx(b: &Book) -> Vec<u8> {
    let date = Format::new().set_num_format("dd/mm/yyyy");
    let boxed = Format::new().set_bold();
    let mut wb = Workbook::new();
    for sheet in all_cells(b) {
        let ws = wb.add_worksheet();
        for c in sheet {
            let (r, k) = (c.row, c.col);
            match c.value {
                Value::Text(s) => ws.write_string(r, k, s),
                Value::Number(n) => ws.write_number(r, k, n),
                Value::Date(n) => ws.write_number_with_format(r, k, n, &date),
                Value::Formula(f, result) => {
                    ws.write_formula(r, k, Formula::new(f).set_result(result.to_string()))
                }
                Value::Bool(v) => ws.write_boolean(r, k, v),
                Value::Blank => ws.write_blank(r, k, &boxed),
            }
            .expect("a cell within Excel's grid");
        }
    }
    wb.save_to_buffer().expect("a workbook")
}

/// What `first_sheet` must return for a generated book: its first sheet's cells that hold
/// something, or the first cell beyond the limits, in the order Excel stores them.
fn expected(b: &Book, limits: Limits) -> Result<Vec<(usize, Vec<String>)>, Problem> {
    let mut grid: BTreeMap<(u32, u16), String> = BTreeMap::new();
    for c in &all_cells(b)[0] {
        let shown = match &c.value {
            // an empty string is no cell at all: rust_xlsxwriter writes nothing
            Value::Text(s) if s.is_empty() => continue,
            Value::Text(s) => s.clone(),
            Value::Number(n) | Value::Formula(_, n) => format!("{n}"),
            Value::Date(n) => format!("date {n}"),
            Value::Bool(v) => v.to_string(),
            Value::Blank => String::new(),
        };
        grid.insert((c.row, c.col), shown);
    }
    let mut rows: BTreeMap<u32, Vec<String>> = BTreeMap::new();
    for ((r, c), shown) in grid {
        if shown.trim().is_empty() {
            continue;
        }
        if r >= limits.rows {
            return Err(Problem::SheetTooLong {
                row: u64::from(r) + 1,
                max: limits.rows,
            });
        }
        if u32::from(c) >= limits.columns {
            return Err(Problem::SheetTooWide {
                row: u64::from(r) + 1,
                max: limits.columns,
            });
        }
        let line = rows.entry(r).or_default();
        line.resize(line.len().max(usize::from(c) + 1), String::new());
        line[usize::from(c)] = shown;
    }
    Ok(rows.into_iter().map(|(r, c)| (r as usize + 1, c)).collect())
}

// ---- broken workbooks ----

/// The parts of a workbook, as (name, bytes).
pub(crate) fn parts(bytes: &[u8]) -> Vec<(String, Vec<u8>)> {
    let mut zip = zip::ZipArchive::new(std::io::Cursor::new(bytes)).expect("a zip");
    (0..zip.len())
        .map(|i| {
            let mut f = zip.by_index(i).expect("a part");
            let mut data = Vec::new();
            f.read_to_end(&mut data).expect("a readable part");
            (f.name().to_string(), data)
        })
        .collect()
}

pub(crate) fn zipped(parts: &[(String, Vec<u8>)]) -> Vec<u8> {
    let options =
        zip::write::SimpleFileOptions::default().compression_method(zip::CompressionMethod::Stored);
    let mut out = zip::ZipWriter::new(std::io::Cursor::new(Vec::new()));
    for (name, data) in parts {
        out.start_file(name, options).expect("a part");
        out.write_all(data).expect("written");
    }
    out.finish().expect("a zip").into_inner()
}

/// The values that break readers that trust them: far or malformed references, huge counts.
const NASTY: [&str; 34] = [
    "XFD1048576",
    "A1048576",
    "XFD1",
    "A1:XFD1048576",
    "B2:A1",
    "XFD1048576:A1",
    "A0",
    "0",
    "",
    ":",
    "A1:B2:C3",
    "AAAAAAAAAAAAAAA1",
    "A99999999999",
    "A4294967296",
    "ZZZZZZZ4294967295",
    "$A$1",
    "a1",
    "A-1",
    "1048577",
    "4294967295",
    "4294967296",
    "18446744073709551615",
    "99999999999999999999999999",
    "-1",
    "1e308",
    "NaN",
    "s",
    "str",
    "inlineStr",
    "b",
    "e",
    "d",
    "&amp;",
    "ก",
];

fn nasty() -> impl Strategy<Value = String> {
    prop_oneof![
        3 => prop::sample::select(NASTY.to_vec()).prop_map(String::from),
        1 => "[ -~]{0,12}",
        1 => "[0-9]{1,25}",
    ]
}

const ATTRS: [&str; 12] = [
    "r",
    "ref",
    "uniqueCount",
    "count",
    "t",
    "s",
    "numFmtId",
    "formatCode",
    "spans",
    "date1904",
    "sheetId",
    "si",
];

const TAGS: [&str; 4] = ["v", "t", "f", "is"];

const PARTS: [&str; 6] = [
    "xl/worksheets/sheet1.xml",
    "xl/sharedStrings.xml",
    "xl/styles.xml",
    "xl/workbook.xml",
    "xl/_rels/workbook.xml.rels",
    "[Content_Types].xml",
];

#[derive(Debug, Clone)]
pub(crate) enum Edit {
    /// Sets an attribute (one occurrence, or all) to a value.
    Attr(usize, &'static str, String, Option<Index>),
    /// Sets the text of an element (one occurrence, or all).
    Text(usize, &'static str, String, Option<Index>),
    /// Adds markup somewhere in a part.
    Insert(usize, Index, String),
    /// Cuts a part short.
    Truncate(usize, Index),
}

pub(crate) fn edit() -> impl Strategy<Value = Edit> {
    let part = prop_oneof![3 => Just(0usize), 2 => Just(1usize), 1 => 0..PARTS.len()];
    let which = prop::option::of(any::<Index>());
    prop_oneof![
        4 => (part.clone(), prop::sample::select(ATTRS.to_vec()), nasty(), which.clone())
            .prop_map(|(p, a, v, w)| Edit::Attr(p, a, v, w)),
        2 => (part.clone(), prop::sample::select(TAGS.to_vec()), nasty(), which)
            .prop_map(|(p, t, v, w)| Edit::Text(p, t, v, w)),
        1 => (part.clone(), any::<Index>(), prop_oneof![
                Just(r#"<c r="XFD1048576" t="inlineStr"><is><t>far</t></is></c>"#.to_string()),
                Just(r#"<row r="1048576"><c r="A1048576"><v>1</v></c></row>"#.to_string()),
                Just(r#"<c r="A1"><f t="shared" si="4000000000" ref="A1:A2">1</f><v>1</v></c>"#.to_string()),
                Just(r#"<dimension ref="B2:A1"/>"#.to_string()),
                Just("<!--".to_string()),
                Just("]]>".to_string()),
                "[ -~]{0,20}",
            ])
            .prop_map(|(p, at, s)| Edit::Insert(p, at, s)),
        1 => (part, any::<Index>()).prop_map(|(p, at)| Edit::Truncate(p, at)),
    ]
}

/// The (start, end) of every value of `attr="…"` or text of `<tag>…</tag>` in `xml`.
fn spans(xml: &[u8], open: &[u8], close: u8) -> Vec<(usize, usize)> {
    let mut out = Vec::new();
    let mut from = 0;
    while let Some(at) = find(&xml[from..], open) {
        let start = from + at + open.len();
        // an attribute's name stands after a space, not inside another name
        let before = (from + at).checked_sub(1).map(|i| xml[i]);
        let Some(len) = xml[start..].iter().position(|b| *b == close) else {
            break;
        };
        if open[0] == b'<' || matches!(before, Some(b' ' | b'\t' | b'\n' | b'\r')) {
            out.push((start, start + len));
        }
        from = start + len;
    }
    out
}

fn find(hay: &[u8], needle: &[u8]) -> Option<usize> {
    hay.windows(needle.len()).position(|w| w == needle)
}

fn replace_all(xml: &[u8], spans: &[(usize, usize)], value: &str) -> Vec<u8> {
    let mut out = Vec::with_capacity(xml.len());
    let mut from = 0;
    for &(s, e) in spans {
        out.extend_from_slice(&xml[from..s]);
        out.extend_from_slice(value.as_bytes());
        from = e;
    }
    out.extend_from_slice(&xml[from..]);
    out
}

pub(crate) fn apply(parts: &mut [(String, Vec<u8>)], e: &Edit) {
    let (Edit::Attr(p, ..) | Edit::Text(p, ..) | Edit::Insert(p, ..) | Edit::Truncate(p, _)) = e;
    let Some((_, xml)) = parts.iter_mut().find(|(n, _)| n == PARTS[*p]) else {
        return;
    };
    let chosen = |all: Vec<(usize, usize)>, which: &Option<Index>| match which {
        Some(i) if !all.is_empty() => vec![all[i.index(all.len())]],
        _ => all,
    };
    *xml = match e {
        Edit::Attr(_, attr, value, which) => {
            let open = format!("{attr}=\"");
            replace_all(
                xml,
                &chosen(spans(xml, open.as_bytes(), b'"'), which),
                value,
            )
        }
        Edit::Text(_, tag, value, which) => {
            let open = format!("<{tag}>");
            replace_all(
                xml,
                &chosen(spans(xml, open.as_bytes(), b'<'), which),
                value,
            )
        }
        Edit::Insert(_, at, s) => {
            let at = at.index(xml.len() + 1);
            [&xml[..at], s.as_bytes(), &xml[at..]].concat()
        }
        Edit::Truncate(_, at) => xml[..at.index(xml.len() + 1)].to_vec(),
    };
}

/// Byte-level damage to a whole file.
#[derive(Debug, Clone)]
pub(crate) enum Damage {
    Truncate(Index),
    Flip(Vec<(Index, u8)>),
    Insert(Index, Vec<u8>),
    /// A zip whose parts, named as a workbook's, hold garbage.
    GarbageParts(Vec<(usize, Vec<u8>)>),
    /// A zip signature, then garbage.
    Signature(Vec<u8>),
}

pub(crate) fn damage() -> impl Strategy<Value = Damage> {
    let bytes = prop::collection::vec(any::<u8>(), 0..64);
    prop_oneof![
        2 => any::<Index>().prop_map(Damage::Truncate),
        3 => prop::collection::vec((any::<Index>(), 1u8..=255), 1..8).prop_map(Damage::Flip),
        1 => (any::<Index>(), bytes.clone()).prop_map(|(i, b)| Damage::Insert(i, b)),
        1 => prop::collection::vec((0..PARTS.len() + 2, bytes.clone()), 0..6)
            .prop_map(Damage::GarbageParts),
        1 => bytes.prop_map(Damage::Signature),
    ]
}

pub(crate) fn damaged(bytes: &[u8], d: &Damage) -> Vec<u8> {
    match d {
        Damage::Truncate(at) => bytes[..at.index(bytes.len() + 1)].to_vec(),
        Damage::Flip(flips) => {
            let mut out = bytes.to_vec();
            for (at, x) in flips {
                let i = at.index(out.len());
                out[i] ^= x;
            }
            out
        }
        Damage::Insert(at, b) => {
            let at = at.index(bytes.len() + 1);
            [&bytes[..at], b, &bytes[at..]].concat()
        }
        Damage::GarbageParts(list) => {
            let names = ["_rels/.rels", "docProps/app.xml"];
            let mut seen = Vec::new();
            let parts: Vec<(String, Vec<u8>)> = list
                .iter()
                .filter_map(|(i, data)| {
                    let name = PARTS.get(*i).copied().unwrap_or(names[i % 2]);
                    (!seen.contains(&name)).then(|| {
                        seen.push(name);
                        (name.to_string(), data.clone())
                    })
                })
                .collect();
            zipped(&parts)
        }
        Damage::Signature(b) => [b"PK\x03\x04".as_slice(), b].concat(),
    }
}

/// A small book to break: a few cells, always a string (so there is a shared-strings part).
pub(crate) fn small_book() -> impl Strategy<Value = Book> {
    prop::bool::weighted(0.25)
        .prop_flat_map(|far| cells(12, far))
        .prop_map(|mut first| {
            first.push(Put {
                row: 0,
                col: 0,
                value: Value::Text("ชื่อโครงการ".into()),
            });
            Book {
                sheets: vec![first],
                block: None,
            }
        })
}

// ---- CSV ----

fn csv_field() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => "[a-z0-9ก-๙ ]{0,8}",
        1 => "[\",\r\n a]{0,6}",
        1 => Just(String::new()),
    ]
}

proptest! {
    #![proptest_config(crate::thai::fuzz::config())]

    #[test]
    fn generated_workbooks_read_as_written(b in book()) {
        let bytes = xlsx(&b);
        let (read, cost) = measured(|| first_sheet(&bytes, IMPORT, text));
        modest(cost)?;
        prop_assert_eq!(read, expected(&b, IMPORT));
    }

    #[test]
    fn generated_workbooks_read_every_way(b in book()) {
        read_every_way(&xlsx(&b))?;
    }

    #[test]
    fn damaged_workbooks_are_refused_or_read_within_limits(b in small_book(), d in damage()) {
        read_every_way(&damaged(&xlsx(&b), &d))?;
    }

    #[test]
    fn edited_workbooks_are_refused_or_read_within_limits(
        b in small_book(),
        edits in prop::collection::vec(edit(), 1..4),
    ) {
        let mut p = parts(&xlsx(&b));
        for e in &edits {
            apply(&mut p, e);
        }
        read_every_way(&zipped(&p))?;
    }

    #[test]
    fn any_bytes_are_refused_or_read_within_limits(bytes in prop_oneof![
        prop::collection::vec(any::<u8>(), 0..300),
        any::<String>().prop_map(String::into_bytes),
    ]) {
        read_every_way(&bytes)?;
    }

    #[test]
    fn csv_files_read_as_written(
        records in prop::collection::vec(prop::collection::vec(csv_field(), 1..5), 0..20),
        crlf in any::<bool>(),
        bom in any::<bool>(),
        tis620 in any::<bool>(),
    ) {
        let terminator = if crlf { csv::Terminator::CRLF } else { csv::Terminator::Any(b'\n') };
        let written = |records: &[Vec<String>]| {
            let mut w = csv::WriterBuilder::new()
                .flexible(true)
                .terminator(terminator)
                .from_writer(Vec::new());
            for r in records {
                w.write_record(r).unwrap();
            }
            String::from_utf8(w.into_inner().unwrap()).unwrap()
        };
        let text = written(&records);
        let mut bytes = match crate::thai::fuzz::windows_874(&text) {
            // a legacy Thai file, unless its bytes happen to be UTF-8 too
            Some(b) if tis620 && std::str::from_utf8(&b).is_err() => b,
            _ => text.clone().into_bytes(),
        };
        if bom {
            bytes.splice(0..0, *b"\xEF\xBB\xBF");
        }
        let (read, cost) = measured(|| super::sheet::rows(&bytes));
        modest(cost)?;
        let read = read.unwrap();
        // line ends inside a field are read as "\n", as on the lines between records
        let fields: Vec<Vec<String>> = read.iter().map(|(_, r)| r.clone()).collect();
        let typed: Vec<Vec<String>> = records
            .iter()
            .map(|r| r.iter().map(|f| f.replace("\r\n", "\n")).collect())
            .collect();
        prop_assert_eq!(fields, typed);
        // each record numbered by the line where it starts, as an editor shows it
        let mut line = 1;
        let mut starts = Vec::new();
        for r in &records {
            starts.push(line);
            line += written(std::slice::from_ref(r)).replace("\r\n", "\n").matches('\n').count();
        }
        let lines: Vec<usize> = read.iter().map(|(n, _)| *n).collect();
        prop_assert_eq!(lines, starts);
    }

    #[test]
    fn at_most_keeps_the_first_problems(n in 0usize..300) {
        let list = at_most((0..n).collect::<Vec<_>>(), |more| 1_000_000 + more);
        prop_assert_eq!(list.len(), n.min(MAX_PROBLEMS + 1));
        if n > MAX_PROBLEMS {
            prop_assert_eq!(list[MAX_PROBLEMS], 1_000_000 + n - MAX_PROBLEMS);
        }
    }
}

/// The cell that made readers reserve gigabytes: XFD1048576, alone or with a sheet that says it
/// reaches there. With something in it the sheet is too long; empty, it is nothing.
#[test]
fn fuzz_one_cell_at_xfd1048576_costs_nothing() {
    let far = |value: Value| Book {
        sheets: vec![vec![Put {
            row: 1_048_575,
            col: 16_383,
            value,
        }]],
        block: None,
    };
    let (read, cost) = measured(|| first_sheet(&xlsx(&far(Value::Number(1.0))), IMPORT, text));
    assert!(cost.largest < 1 << 20 && cost.peak < 8 << 20, "{cost:?}");
    assert_eq!(
        read,
        Err(Problem::SheetTooLong {
            row: 1_048_576,
            max: IMPORT.rows
        })
    );
    let mut p = parts(&xlsx(&far(Value::Blank)));
    apply(&mut p, &Edit::Attr(0, "ref", "A1:XFD1048576".into(), None));
    let bytes = zipped(&p);
    let (read, cost) = measured(|| first_sheet(&bytes, IMPORT, text));
    assert!(cost.largest < 1 << 20 && cost.peak < 8 << 20, "{cost:?}");
    assert_eq!(read, Ok(vec![]));
}

/// A CSV file longer than the limit is refused, not read to its end.
#[test]
fn fuzz_a_csv_file_beyond_the_limit_is_refused() {
    let bytes = "a\n".repeat(IMPORT.rows as usize + 1).into_bytes();
    let (read, cost) = measured(|| super::sheet::rows(&bytes));
    assert!(cost.largest <= MAX_REQUEST);
    assert!(
        matches!(read, Err(Problem::SheetTooLong { .. })),
        "{read:?}"
    );
    let bytes = "a\n".repeat(IMPORT.rows as usize).into_bytes();
    assert_eq!(
        super::sheet::rows(&bytes).unwrap().len(),
        IMPORT.rows as usize
    );
}

// ---- inputs that once broke a property, kept as they were found ----

/// The one-cell book the shrinker ends on, with `edit` applied to its parts.
fn edited(edit: Edit) -> Vec<u8> {
    let b = Book {
        sheets: vec![vec![Put {
            row: 0,
            col: 0,
            value: Value::Text("ชื่อโครงการ".into()),
        }]],
        block: None,
    };
    let mut p = parts(&xlsx(&b));
    apply(&mut p, &edit);
    zipped(&p)
}

/// `edited_workbooks_are_refused_or_read_within_limits`: a cell reference of fifteen letters
/// overflowed the workbook reader's column arithmetic ("attempt to multiply with overflow" in
/// calamine, a panic in a debug build; in a release build the column silently wraps).
#[test]
fn regression_fuzz_a_reference_too_long_for_the_reader_is_refused() {
    for r in ["AAAAAAAAAAAAAAA1", "A99999999999", "ZZZZZZZ4294967295"] {
        let bytes = edited(Edit::Attr(0, "r", r.into(), None));
        read_every_way(&bytes).unwrap();
    }
    let bytes = edited(Edit::Attr(0, "ref", "AAAAAAAAAAAAAAA1:B2".into(), None));
    read_every_way(&bytes).unwrap();
}

/// `edited_workbooks_are_refused_or_read_within_limits`: a shared-strings part claiming
/// `uniqueCount="4294967296"` made the reader reserve 96 GiB before reading a string: the
/// allocation failed and aborted the process (the whole server). 100,000,000 reserved 2.4 GB;
/// usize::MAX panicked ("capacity overflow").
#[test]
fn regression_fuzz_a_file_claiming_billions_of_strings_is_refused() {
    for claimed in [
        "4294967296",
        "100000000",
        "18446744073709551615",
        "000000000000000000004294967296",
    ] {
        let bytes = edited(Edit::Attr(1, "uniqueCount", claimed.into(), None));
        let (read, cost) = measured(|| first_sheet(&bytes, IMPORT, text));
        assert!(cost.largest < 1 << 20, "{claimed}: {cost:?}");
        assert_eq!(read, Err(Problem::NotXlsx), "{claimed}");
        read_every_way(&bytes).unwrap();
    }
    // as many as the part holds, spaced and quoted either way, is a workbook as before
    for honest in ["1", "0", "00001"] {
        let bytes = edited(Edit::Attr(1, "uniqueCount", honest.into(), None));
        assert_eq!(
            first_sheet(&bytes, IMPORT, text),
            Ok(vec![(1, vec!["ชื่อโครงการ".to_string()])]),
            "{honest}"
        );
    }
}

/// The shared-strings count is read as the workbook reader reads it, wherever it hides.
#[test]
fn fuzz_unique_counts_are_read_as_the_reader_reads_them() {
    let count = |xml: &str| super::largest_unique_count(xml.as_bytes()).map(|(n, _)| n);
    assert_eq!(count(r#"<sst count="9" uniqueCount="7">"#), Some(7));
    assert_eq!(count("<sst uniqueCount = '0012' >"), Some(12));
    assert_eq!(count(r#"<sst uniqueCount="12a">"#), Some(0));
    assert_eq!(
        count(r#"<!-- uniqueCount=" --><sst uniqueCount="4294967296">"#),
        Some(4_294_967_296)
    );
    assert_eq!(
        count(r#"<sst uniqueCount="99999999999999999999999">"#),
        Some(u64::MAX)
    );
    assert_eq!(count(r#"<sst uniqueCouniqueCount="5">"#), Some(5));
}
