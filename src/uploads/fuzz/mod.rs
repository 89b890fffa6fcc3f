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

mod books;
mod broken;
mod memory;

pub(crate) use books::*;
pub(crate) use broken::*;
pub(crate) use memory::*;

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
