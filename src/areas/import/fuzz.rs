//! Property-based fuzzing of the area-data CSV import (issue 13), without a database: the file
//! reader (`read_csv`: encoding, header, records and their line numbers) and the row checks of
//! every kind of file, against areas known in memory. Case counts: see
//! `crate::thai::fuzz::config`.

use super::abolished::check_abolished;
use super::known::Known;
use super::laos::check_laos;
use super::postal::check_postal;
use super::report::{Notes, Report};
use super::tree::{AreaRow, check_areas, check_villages};
use super::{FileKind, read_csv};
use crate::areas::codes::Level;
use crate::thai::to_thai_digits;
use proptest::prelude::*;
use std::collections::{BTreeSet, HashMap};

fn area(code: &str, level: Level, parent: Option<&str>) -> (String, AreaRow) {
    (
        code.to_string(),
        AreaRow {
            code: code.into(),
            level,
            parent_code: parent.map(String::from),
            name_th: format!("พื้นที่ {code}"),
            name_en: String::new(),
            moo: (level == Level::Village).then(|| code[6..].parse().unwrap()),
        },
    )
}

/// What the database holds: two provinces, their districts, tambons and villages, and codes
/// DOPA abolished (one with a single successor, one split in two, one with none).
fn known() -> Known {
    use Level::*;
    let areas: HashMap<String, AreaRow> = [
        area("10", Province, None),
        area("11", Province, None),
        area("1001", District, Some("10")),
        area("1002", District, Some("10")),
        area("1101", District, Some("11")),
        area("100101", Tambon, Some("1001")),
        area("100102", Tambon, Some("1001")),
        area("100201", Tambon, Some("1002")),
        area("110101", Tambon, Some("1101")),
        area("10010101", Village, Some("100101")),
        area("10010102", Village, Some("100101")),
    ]
    .into_iter()
    .collect();
    let abolished = [
        ("100199", vec!["100102"]),
        ("100299", vec!["100201", "100101"]),
        ("1099", vec![]),
    ]
    .into_iter()
    .map(|(code, successors)| {
        (
            code.to_string(),
            (
                successors.into_iter().map(String::from).collect(),
                "เดิม".to_string(),
                "2562-01-01".to_string(),
            ),
        )
    })
    .collect();
    Known {
        postal: areas.keys().map(|c| (c.clone(), String::new())).collect(),
        areas,
        abolished,
        new_areas: HashMap::new(),
    }
}

const CODES: [&str; 16] = [
    "10",
    "11",
    "12",
    "1001",
    "1002",
    "1101",
    "1099",
    "100101",
    "100102",
    "100201",
    "110101",
    "100199",
    "100299",
    "10010101",
    "10010103",
    "110101C001",
];

fn code() -> impl Strategy<Value = String> {
    prop_oneof![
        4 => prop::sample::select(CODES.to_vec()).prop_map(String::from),
        2 => prop::sample::select(CODES.to_vec()).prop_map(to_thai_digits),
        1 => "[0-9]{1,10}",
        1 => "[0-9๐-๙ Cc-]{0,10}",
        1 => any::<String>(),
    ]
}

fn codes() -> impl Strategy<Value = String> {
    prop::collection::vec(code(), 0..4).prop_map(|c| c.join(" "))
}

/// A value for a column, shaped by what the column holds.
fn cell(column: &str) -> BoxedStrategy<String> {
    let words = |list: &[&'static str]| {
        prop_oneof![
            4 => prop::sample::select(list.to_vec()).prop_map(String::from),
            1 => "[a-zก-ฮ. ]{0,8}",
        ]
        .boxed()
    };
    match column {
        "code" | "parent_code" | "tambon_code" | "district_code" | "province_code"
        | "dola_code" => code().boxed(),
        "successor_codes" => codes().boxed(),
        "level" => words(&[
            "province",
            "district",
            "tambon",
            "village",
            "community",
            "จังหวัด",
            "อำเภอ",
            "ตำบล",
            "เขต",
            "แขวง",
            "หมู่บ้าน",
            " tambon ",
        ]),
        "moo" => prop_oneof!["[0-9๐-๙]{1,3}", "-?[0-9]{1,20}", Just(String::new())].boxed(),
        "postal_codes" => prop_oneof!["([0-9๐-๙]{5} ?){0,3}", "[0-9 a]{0,12}"].boxed(),
        "lao_type" => words(&[
            "PAO",
            "ThesabanNakhon",
            "ThesabanMueang",
            "ThesabanTambon",
            "TAO",
            "SpecialCity",
            "Bangkok",
            "อบจ.",
            "ทน.",
            "ทม.",
            "ทต.",
            "อบต.",
        ]),
        "coverage" => prop::collection::vec(
            (
                code(),
                prop::sample::select(vec![
                    ":completely",
                    ":partially",
                    ":ทั้งหมด",
                    ":บางส่วน",
                    "",
                    ":x",
                ]),
            ),
            0..4,
        )
        .prop_map(|items| {
            items
                .into_iter()
                .map(|(c, e)| format!("{c}{e}"))
                .collect::<Vec<_>>()
                .join(" ")
        })
        .boxed(),
        _ => prop_oneof![4 => "[ก-ฮ a-z]{0,10}", 1 => any::<String>()].boxed(),
    }
}

/// A file of `kind`: its required columns (and an extra) in any order, and rows shaped by them.
fn file(kind: FileKind) -> impl Strategy<Value = (Vec<String>, Vec<Vec<String>>)> {
    let columns: Vec<String> = kind
        .required()
        .iter()
        .map(|c| c.to_string())
        .chain(["name_en".to_string(), "note".to_string()])
        .collect::<BTreeSet<_>>()
        .into_iter()
        .collect();
    Just(columns).prop_shuffle().prop_flat_map(|columns| {
        let row: Vec<BoxedStrategy<String>> = columns.iter().map(|c| cell(c)).collect();
        (Just(columns), prop::collection::vec(row, 0..12))
    })
}

fn kind() -> impl Strategy<Value = FileKind> {
    prop::sample::select(FileKind::ALL.to_vec())
}

fn csv_text(headers: &[String], rows: &[Vec<String>], crlf: bool) -> String {
    let mut w = csv::WriterBuilder::new()
        .flexible(true)
        .terminator(if crlf {
            csv::Terminator::CRLF
        } else {
            csv::Terminator::Any(b'\n')
        })
        .from_writer(Vec::new());
    w.write_record(headers).unwrap();
    for r in rows {
        w.write_record(r).unwrap();
    }
    String::from_utf8(w.into_inner().unwrap()).unwrap()
}

/// The rows of a checked file of `kind`, and the notes on them: what `import_files` does
/// between reading the files and writing them.
fn check(
    kind: FileKind,
    known: &mut Known,
    headers: &[String],
    rows: &[(u64, csv::StringRecord)],
) -> (Vec<String>, Notes) {
    let col = |n: &str| headers.iter().position(|h| h == n);
    let mut notes = Notes {
        file: "f.csv".into(),
        errors: vec![],
        warnings: vec![],
    };
    let keys: Vec<String> = match kind {
        FileKind::Areas => check_areas(known, rows, &col, &mut notes)
            .into_iter()
            .map(|a| a.code)
            .collect(),
        FileKind::Villages => check_villages(known, rows, &col, &mut notes)
            .into_iter()
            .map(|a| a.code)
            .collect(),
        FileKind::PostalCodes => check_postal(known, rows, &col, &mut notes)
            .into_iter()
            .map(|(t, _)| t)
            .collect(),
        FileKind::Abolished => check_abolished(known, rows, &col, &mut notes)
            .into_iter()
            .map(|a| a.code)
            .collect(),
        FileKind::Laos => check_laos(known, rows, &col, &mut notes)
            .into_iter()
            .map(|l| l.key)
            .collect(),
    };
    (keys, notes)
}

fn records(rows: &[Vec<String>]) -> Vec<(u64, csv::StringRecord)> {
    rows.iter()
        .enumerate()
        .map(|(i, r)| (i as u64 + 2, csv::StringRecord::from(r.clone())))
        .collect()
}

proptest! {
    #![proptest_config(crate::thai::fuzz::config())]

    #[test]
    fn any_bytes_are_read_or_refused_with_a_note(bytes in prop_oneof![
        prop::collection::vec(any::<u8>(), 0..300),
        any::<String>().prop_map(String::into_bytes),
        (kind(), prop::collection::vec(any::<u8>(), 0..100)).prop_map(|(k, tail)| {
            // a header that is right, then anything
            let mut b = k.required().join(",").into_bytes();
            b.push(b'\n');
            b.extend(tail);
            b
        }),
    ]) {
        let mut r = Report::default();
        match read_csv("f.csv", &bytes, &mut r) {
            Some((kind, headers, rows)) => {
                prop_assert_eq!(FileKind::detect(&headers), Some(kind));
                prop_assert!(headers.iter().all(|h| h.trim() == h));
                let lines: Vec<u64> = rows.iter().map(|(l, _)| *l).collect();
                prop_assert!(lines.windows(2).all(|w| w[0] < w[1]), "{lines:?}");
                prop_assert!(lines.iter().all(|l| *l >= 2));
                prop_assert!(r.errors.iter().all(|e| e.row >= 2));
                let (keys, notes) = check(kind, &mut known(), &headers, &rows);
                prop_assert!(keys.len() <= rows.len());
                prop_assert!(notes.errors.iter().all(|e| lines.contains(&e.row)));
            }
            None => prop_assert!(!r.errors.is_empty()),
        }
    }

    #[test]
    fn a_csv_file_reads_back_with_its_line_numbers(
        (kind, (headers, rows)) in kind().prop_flat_map(|k| (Just(k), file(k))),
        crlf in any::<bool>(),
        bom in any::<bool>(),
        tis620 in any::<bool>(),
    ) {
        let text = csv_text(&headers, &rows, crlf);
        let mut bytes = match crate::thai::fuzz::windows_874(&text) {
            Some(b) if tis620 && std::str::from_utf8(&b).is_err() => b,
            _ => text.clone().into_bytes(),
        };
        if bom {
            bytes.splice(0..0, *b"\xEF\xBB\xBF");
        }
        let mut r = Report::default();
        let (read_kind, read_headers, read) = read_csv("f.csv", &bytes, &mut r)
            .ok_or_else(|| TestCaseError::fail(format!("{:?}", r.errors)))?;
        prop_assert_eq!(read_kind, kind);
        prop_assert_eq!(read_headers, headers.clone());
        prop_assert!(r.errors.is_empty(), "{:?}", r.errors);
        // fields as typed, less the spaces around them ("\r\n" inside one reads as "\n")
        let fields: Vec<Vec<String>> =
            read.iter().map(|(_, rec)| rec.iter().map(String::from).collect()).collect();
        let typed: Vec<Vec<String>> = rows
            .iter()
            .map(|r| r.iter().map(|f| f.replace("\r\n", "\n").trim().to_string()).collect())
            .collect();
        prop_assert_eq!(fields, typed);
        // each row numbered by the line where it starts, as an editor shows it
        let mut line = 1 + csv_text(&headers, &[], crlf).matches('\n').count() as u64;
        let mut starts = Vec::new();
        for row in &rows {
            starts.push(line);
            let one = csv_text(&headers, std::slice::from_ref(row), crlf);
            line += (one.matches('\n').count() - csv_text(&headers, &[], crlf).matches('\n').count()) as u64;
        }
        let lines: Vec<u64> = read.iter().map(|(l, _)| *l).collect();
        prop_assert_eq!(lines, starts);
    }

    #[test]
    fn every_row_is_checked_in_or_named_in_a_note(
        (kind, (headers, rows)) in kind().prop_flat_map(|k| (Just(k), file(k))),
    ) {
        let rows = records(&rows);
        let mut k = known();
        let (keys, notes) = check(kind, &mut k, &headers, &rows);
        let noted: BTreeSet<u64> = notes.errors.iter().map(|e| e.row).collect();
        prop_assert!(noted.iter().all(|r| rows.iter().any(|(l, _)| l == r)));
        // no row is silently dropped
        prop_assert!(keys.len() + noted.len() >= rows.len(), "{} rows, {} in, errors on {noted:?}", rows.len(), keys.len());
        // and none comes in twice
        let unique: BTreeSet<&String> = keys.iter().collect();
        prop_assert_eq!(unique.len(), keys.len());
        for key in &keys {
            match kind {
                FileKind::Villages => {
                    prop_assert_eq!(Level::of_code(key), Some(Level::Village));
                    prop_assert!(k.level_of(&key[..6]) == Some(Level::Tambon));
                }
                FileKind::PostalCodes => prop_assert_eq!(k.level_of(key), Some(Level::Tambon)),
                // a community's row is taken too, past the communities register (whether the
                // areas file should refuse it, as it refuses villages, is an open question)
                FileKind::Areas => prop_assert!(matches!(
                    Level::of_code(key),
                    Some(Level::Province | Level::District | Level::Tambon | Level::Community)
                )),
                FileKind::Abolished => prop_assert!(Level::of_code(key).is_some()),
                FileKind::Laos => {}
            }
        }
    }

    #[test]
    fn a_new_area_tree_in_any_order_is_checked_in_whole(
        tree in prop::collection::btree_set((12u8..40, 1u8..4, 1u8..4), 1..12),
        order in any::<u64>(),
        thai in any::<bool>(),
    ) {
        // provinces, their districts and tambons, each row with its parent
        let mut rows: Vec<Vec<String>> = Vec::new();
        let mut seen = BTreeSet::new();
        for (p, d, t) in &tree {
            let (pc, dc, tc) = (format!("{p}"), format!("{p}{d:02}"), format!("{p}{d:02}{t:02}"));
            for (code, level, parent) in [(pc.clone(), "province", String::new()), (dc.clone(), "district", pc), (tc, "tambon", dc)] {
                if seen.insert(code.clone()) {
                    let code = if thai { to_thai_digits(&code) } else { code };
                    rows.push(vec![code, level.into(), parent, format!("ชื่อ {level}"), String::new()]);
                }
            }
        }
        // in any order: parents may come after their children
        let (n, mut state) = (rows.len(), order);
        for i in (1..n).rev() {
            state = state.wrapping_mul(6_364_136_223_846_793_005).wrapping_add(1_442_695_040_888_963_407);
            rows.swap(i, ((state >> 33) % (i as u64 + 1)) as usize);
        }
        let headers: Vec<String> = ["code", "level", "parent_code", "name_th", "name_en"].map(String::from).to_vec();
        let mut k = known();
        let (keys, notes) = check(FileKind::Areas, &mut k, &headers, &records(&rows));
        prop_assert!(notes.errors.is_empty(), "{:?}", notes.errors);
        prop_assert_eq!(keys.len(), n);
        // written parents first
        prop_assert!(keys.windows(2).all(|w| w[0].len() <= w[1].len()));
    }

    #[test]
    fn villages_of_known_tambons_are_checked_in(
        villages in prop::collection::btree_set((prop::sample::select(vec!["100101", "100102", "100201", "110101", "100199"]), 1u8..100), 0..20),
        thai in any::<bool>(),
        padded in any::<bool>(),
    ) {
        let rows: Vec<Vec<String>> = villages
            .iter()
            .map(|(t, m)| {
                let moo = if padded { format!("{m:02}") } else { m.to_string() };
                let row = vec![format!("{t}{m:02}"), t.to_string(), moo, format!("บ้าน {m}"), String::new()];
                if thai { row.into_iter().map(|c| to_thai_digits(&c)).collect() } else { row }
            })
            .collect();
        let headers: Vec<String> = ["code", "tambon_code", "moo", "name_th", "name_en"].map(String::from).to_vec();
        let (keys, notes) = check(FileKind::Villages, &mut known(), &headers, &records(&rows));
        // the abolished tambon's villages move to its one successor, with a warning each
        let expected: BTreeSet<String> = villages
            .iter()
            .map(|(t, m)| format!("{}{m:02}", if *t == "100199" { "100102" } else { t }))
            .collect();
        if expected.len() == villages.len() {
            prop_assert!(notes.errors.is_empty(), "{:?}", notes.errors);
            prop_assert_eq!(keys.iter().cloned().collect::<BTreeSet<_>>(), expected);
        } else {
            // two rows became one village: the second is refused as a repeat
            prop_assert!(!notes.errors.is_empty());
        }
        let moved = villages.iter().filter(|(t, _)| *t == "100199").count();
        prop_assert!(notes.warnings.len() >= moved);
    }
}

// ---- inputs that once broke a property, kept as they were found ----

/// `a_csv_file_reads_back_with_its_line_numbers`: in a file with Windows line endings ("\r\n",
/// as Excel saves CSV) every row was reported one line short: the first row after the header
/// as line 1, so each mistake pointed at the row above it.
#[test]
fn regression_fuzz_rows_of_a_crlf_file_keep_their_line_numbers() {
    let bytes = b"abolished_on,code,level,name_en,name_th,note,parent_code,successor_codes\r\n\
                  ,10,province,,,,10,\r\n,11,province,,x,,,\r\n";
    let mut r = Report::default();
    let (kind, _, rows) = read_csv("f.csv", bytes, &mut r).unwrap();
    assert_eq!(kind, FileKind::Abolished);
    let lines: Vec<u64> = rows.iter().map(|(l, _)| *l).collect();
    assert_eq!(lines, [2, 3]);
}

/// `every_row_is_checked_in_or_named_in_a_note`: a tambon twice in a postal-code file (once in
/// Thai digits) was checked in twice, and the import then failed on the staging table's
/// primary key instead of naming the row.
#[test]
fn regression_fuzz_a_tambon_twice_in_a_postal_file_is_named() {
    let headers: Vec<String> = ["name_en", "note", "postal_codes", "tambon_code"]
        .map(String::from)
        .to_vec();
    let rows = records(&[
        ["", "บ", "56๕๖๗ ", "๑๐๐๑๐๑"].map(String::from).to_vec(),
        [" jpy ฐu", "ญa ษfh", "๖442๙ 87๙41", "100101"]
            .map(String::from)
            .to_vec(),
    ]);
    let (keys, notes) = check(FileKind::PostalCodes, &mut known(), &headers, &rows);
    assert_eq!(keys, ["100101"]);
    assert_eq!(notes.errors.len(), 1);
    assert_eq!(
        (notes.errors[0].row, notes.errors[0].field.as_str()),
        (3, "tambon_code")
    );
}

/// The same for a code twice in an abolished-codes file: on PostgreSQL one upsert may not
/// touch a row twice ("ON CONFLICT DO UPDATE command cannot affect row a second time").
#[test]
fn regression_fuzz_a_code_twice_in_an_abolished_file_is_named() {
    let headers: Vec<String> = FileKind::Abolished
        .required()
        .iter()
        .map(|h| h.to_string())
        .collect();
    let row = ["100199", "tambon", "1001", "เดิม", "2562-01-01", "100102"].map(String::from);
    let rows = records(&[row.to_vec(), row.map(|c| to_thai_digits(&c)).to_vec()]);
    let (keys, notes) = check(FileKind::Abolished, &mut known(), &headers, &rows);
    assert_eq!(keys, ["100199"]);
    assert_eq!(notes.errors.len(), 1);
    assert_eq!(notes.errors[0].row, 3);
}
