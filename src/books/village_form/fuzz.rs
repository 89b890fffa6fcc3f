//! Property-based fuzzing of the village-plan form's import (issue 13): the rows of a filled
//! form become `ProjectInput`s (`read_rows`), which `ProjectInput::check` validates. Forms are
//! generated with rust_xlsxwriter, their columns in any order, their cells typed as text,
//! numbers, dates or booleans; random and broken workbooks are read too. Nothing here touches
//! a database. Case counts: see `crate::thai::fuzz::config`.

use super::{COLUMNS, FUNDING_HEADER, Field, HEADER_ROW, cell_text, excel_serial_date, read_rows};
use crate::dimensions::Dimension;
use crate::error::Problem;
use crate::projects::input::{EXECUTORS, ProjectInput, REACHES};
use crate::thai::baht::MAX_SATANG;
use crate::thai::dates::{Digits, format_date_long, iso, parse_iso};
use crate::thai::{format_baht, to_thai_digits};
use crate::uploads::fuzz::{
    Book, Put, Value, book, damage, damaged, edit, measured, modest, parts, xlsx, zipped,
};
use calamine::Data;
use proptest::prelude::*;
use rust_xlsxwriter::ExcelDateTime;
use time::{Date, Month};

/// The tambon the generated villages belong to.
const TAMBON: &str = "100101";

/// Every field of the form with its header: the fifteen columns, then the funding sources.
fn headers() -> Vec<(&'static str, Field)> {
    COLUMNS
        .iter()
        .map(|(h, f, _)| (*h, *f))
        .chain([(FUNDING_HEADER, Field::Funding)])
        .collect()
}

/// The text of each field of an input, in the order of `headers()`.
fn fields(p: &ProjectInput) -> Vec<(Field, &str)> {
    headers()
        .into_iter()
        .map(|(_, f)| {
            let text = match f {
                Field::Rank => &p.rank,
                Field::Title => &p.title,
                Field::Dimension => &p.dimension,
                Field::Need => &p.need,
                Field::Objective => &p.objective,
                Field::Format => &p.format,
                Field::Reach => &p.reach,
                Field::Villages => &p.villages,
                Field::Households => &p.target_households,
                Field::People => &p.target_people,
                Field::Budget => &p.budget,
                Field::Executor => &p.executor,
                Field::WithinLao => &p.within_lao_authority,
                Field::Starts => &p.starts_on,
                Field::Ends => &p.ends_on,
                Field::Funding => &p.funding,
            };
            (f, text.as_str())
        })
        .collect()
}

/// Excel's serial day of a date, as Excel counts (with its 29 February 1900).
fn serial(d: Date) -> f64 {
    ExcelDateTime::from_ymd(d.year() as u16, u8::from(d.month()), d.day())
        .expect("a date Excel can hold")
        .to_excel()
}

fn date_in(first_year: i32, last_year: i32) -> impl Strategy<Value = Date> {
    let first = Date::from_calendar_date(first_year, Month::January, 1).unwrap();
    let last = Date::from_calendar_date(last_year, Month::December, 31).unwrap();
    (first.to_julian_day()..=last.to_julian_day()).prop_map(|j| Date::from_julian_day(j).unwrap())
}

/// The text `read_rows` makes of a cell, as a person would have typed it.
fn typed(v: &Value) -> String {
    match v {
        Value::Text(s) => s.clone(),
        Value::Number(n) | Value::Formula(_, n) if n.fract() == 0.0 && n.abs() < 1e15 => {
            format!("{}", *n as i64)
        }
        Value::Number(n) | Value::Formula(_, n) => format!("{n:.2}"),
        Value::Date(n) => excel_serial_date(*n),
        Value::Bool(true) => "ใช่".into(),
        Value::Bool(false) => "ไม่ใช่".into(),
        Value::Blank => String::new(),
    }
}

/// A form: rows above the header, the header (some fields, in any columns), data rows.
#[derive(Debug, Clone)]
struct Form {
    header_row: u32,
    /// The title's header written short, "ชื่อโครงการ", as people do.
    short_title: bool,
    /// (column, field) of each header cell.
    columns: Vec<(u16, usize)>,
    /// (row below the header, column, value).
    cells: Vec<(u32, u16, Value)>,
}

fn any_value() -> impl Strategy<Value = Value> {
    prop_oneof![
        4 => "[ -~ก-๙\n]{0,12}".prop_map(Value::Text),
        1 => Just(Value::Text(String::new())),
        2 => prop_oneof![-1e6f64..1e6, (0i64..100_000).prop_map(|n| n as f64)].prop_map(Value::Number),
        1 => date_in(1900, 2200).prop_map(|d| Value::Date(serial(d))),
        1 => any::<f64>().prop_filter("finite", |f| f.is_finite()).prop_map(Value::Date),
        1 => any::<bool>().prop_map(Value::Bool),
        1 => Just(Value::Blank),
    ]
}

fn form() -> impl Strategy<Value = Form> {
    let all: Vec<usize> = (0..headers().len()).collect();
    (
        HEADER_ROW - 3..HEADER_ROW + 3,
        prop::sample::subsequence(all, 1..=16).prop_shuffle(),
        prop::sample::subsequence((0u16..24).collect::<Vec<_>>(), 16).prop_shuffle(),
        prop::collection::vec((1u32..30, 0u16..24, any_value()), 0..60),
        any::<bool>(),
    )
        .prop_map(|(header_row, mut fields, cols, cells, short_title)| {
            // the title is what marks the header row
            let title = headers()
                .iter()
                .position(|(_, f)| *f == Field::Title)
                .unwrap();
            if !fields.contains(&title) {
                fields.push(title);
            }
            let columns = fields.into_iter().zip(cols).map(|(f, c)| (c, f)).collect();
            Form {
                header_row,
                short_title,
                columns,
                cells,
            }
        })
}

fn form_book(f: &Form) -> Book {
    let mut first = vec![Put {
        row: 0,
        col: 0,
        value: Value::Text("แบบฟอร์มแผนพัฒนาหมู่บ้าน".into()),
    }];
    for (c, field) in &f.columns {
        first.push(Put {
            row: f.header_row,
            col: *c,
            value: Value::Text(match headers()[*field] {
                (_, Field::Title) if f.short_title => "ชื่อโครงการ".into(),
                (h, _) => format!(" {h} "),
            }),
        });
    }
    for (r, c, v) in &f.cells {
        first.push(Put {
            row: f.header_row + r,
            col: *c,
            value: v.clone(),
        });
    }
    Book {
        sheets: vec![first],
        block: None,
    }
}

/// What `read_rows` must make of a form.
fn expected(f: &Form) -> Result<Vec<(usize, Vec<(Field, String)>)>, super::RowProblem> {
    let has = |field: Field| f.columns.iter().any(|(_, i)| headers()[*i].1 == field);
    if !has(Field::Budget) || !has(Field::Dimension) {
        return Err(super::RowProblem::at(
            f.header_row as usize + 1,
            Problem::HeaderIncomplete,
        ));
    }
    let mut grid = std::collections::BTreeMap::new();
    for (r, c, v) in &f.cells {
        // an empty string is no cell at all: rust_xlsxwriter writes nothing
        if !matches!(v, Value::Text(s) if s.is_empty()) {
            grid.insert((*r, *c), typed(v));
        }
    }
    let mut rows: std::collections::BTreeMap<u32, Vec<(Field, String)>> = Default::default();
    for ((r, c), text) in grid {
        if text.trim().is_empty() {
            continue;
        }
        let line = rows.entry(r).or_insert_with(|| {
            headers()
                .into_iter()
                .map(|(_, f)| (f, String::new()))
                .collect()
        });
        if let Some((_, i)) = f.columns.iter().find(|(col, _)| *col == c) {
            line[*i].1 = text;
        }
    }
    Ok(rows
        .into_iter()
        .map(|(r, fields)| ((f.header_row + r) as usize + 1, fields))
        .collect())
}

/// A project as a person fills the form in, and what it must be read as.
#[derive(Debug, Clone)]
struct Project {
    cells: Vec<(Field, Value)>,
    title: String,
    dimension: Dimension,
    budget: i64,
    households: Option<i64>,
    rank: Option<i64>,
    executor: &'static str,
    reach: &'static str,
    within: bool,
    starts: Option<Date>,
    ends: Option<Date>,
    villages: Vec<String>,
    funding: Vec<i64>,
}

fn thai_or_not(s: String, thai: bool) -> String {
    if thai { to_thai_digits(&s) } else { s }
}

fn project() -> impl Strategy<Value = Project> {
    let budget = prop_oneof![0i64..=MAX_SATANG, 0i64..100_000_000];
    let amount = |budget: i64| (0..=budget, any::<bool>(), 0u8..3);
    (
        (
            "[ก-ฮ]{1,6}( [ก-ฮ]{1,6}){0,3}",
            prop::sample::select(Dimension::ALL.to_vec()),
            any::<bool>(),
            budget,
            0u8..3,
        ),
        (
            prop::option::of((0i64..1_000_000, any::<bool>())),
            prop::option::of((1i64..1000, any::<bool>())),
            prop::sample::select(EXECUTORS.to_vec()),
            prop::sample::select(REACHES.to_vec()),
            (any::<bool>(), 0u8..3),
        ),
        (
            prop::option::of((date_in(1900, 2200), 0i64..2000, 0u8..3)),
            prop::collection::btree_set(1u32..100, 0..4),
            any::<bool>(),
            1usize..4,
        ),
    )
        .prop_flat_map(move |(head, middle, tail)| {
            let budget = head.3;
            let lines = tail.3;
            (
                Just((head, middle, tail)),
                prop::collection::vec(amount(budget / lines as i64), 0..=lines),
            )
        })
        .prop_map(|((head, middle, tail), lines)| {
            let (title, dimension, dim_th, budget, budget_as) = head;
            let (households, rank, executor, reach, (within, within_as)) = middle;
            let (span, villages, thai, _) = tail;
            let mut cells = vec![
                (Field::Title, Value::Text(format!("  {title}\t"))),
                (
                    Field::Dimension,
                    Value::Text(
                        if dim_th {
                            dimension.th()
                        } else {
                            dimension.as_str()
                        }
                        .into(),
                    ),
                ),
                (
                    Field::Budget,
                    match budget_as {
                        0 => Value::Number(budget as f64 / 100.0),
                        1 => Value::Text(thai_or_not(format_baht(budget), thai)),
                        _ => Value::Text(format!("{} บาท", thai_or_not(format_baht(budget), true))),
                    },
                ),
                (Field::Executor, Value::Text(executor.1.into())),
                (Field::Reach, Value::Text(reach.1.into())),
                (
                    Field::WithinLao,
                    match within_as {
                        0 => Value::Bool(within),
                        1 => Value::Text(
                            if within {
                                "ใช่"
                            } else {
                                "ไม่ใช่"
                            }
                            .into(),
                        ),
                        _ => Value::Text(if within { "1" } else { "0" }.into()),
                    },
                ),
            ];
            if let Some((n, as_number)) = households {
                cells.push((
                    Field::Households,
                    if as_number {
                        Value::Number(n as f64)
                    } else {
                        Value::Text(thai_or_not(n.to_string(), thai))
                    },
                ));
            }
            if let Some((n, as_number)) = rank {
                cells.push((
                    Field::Rank,
                    if as_number {
                        Value::Number(n as f64)
                    } else {
                        Value::Text(thai_or_not(n.to_string(), thai))
                    },
                ));
            }
            let (mut starts, mut ends) = (None, None);
            if let Some((start, days, date_as)) = span {
                let end = start
                    .checked_add(time::Duration::days(days))
                    .filter(|d| d.year() <= 2200)
                    .unwrap_or(start);
                for (field, d) in [(Field::Starts, start), (Field::Ends, end)] {
                    let v = match date_as {
                        0 => Value::Date(serial(d)),
                        1 => Value::Text(format_date_long(
                            d,
                            if thai { Digits::Thai } else { Digits::Arabic },
                        )),
                        _ => Value::Text(format!(
                            "{}/{}/{}",
                            d.day(),
                            u8::from(d.month()),
                            d.year() + 543
                        )),
                    };
                    cells.push((field, v));
                }
                (starts, ends) = (Some(start), Some(end));
            }
            let moo: Vec<String> = villages.iter().map(|m| m.to_string()).collect();
            if !moo.is_empty() {
                cells.push((
                    Field::Villages,
                    Value::Text(thai_or_not(moo.join(", "), thai)),
                ));
            }
            let funding: Vec<i64> = lines.iter().map(|(a, _, _)| *a).collect();
            if !lines.is_empty() {
                let text: Vec<String> = lines
                    .iter()
                    .enumerate()
                    .map(|(i, (a, cooperates, as_))| {
                        let role = if *cooperates {
                            "ร่วมดำเนินการ"
                        } else {
                            "สนับสนุนงบประมาณ"
                        };
                        match as_ {
                            0 => format!("แหล่งที่ {i} | {role} | {}", format_baht(*a)),
                            1 => format!("แหล่งที่ {i}|{role}|{}", thai_or_not(format_baht(*a), true)),
                            _ => format!(" แหล่งที่ {i} | {role} | {} บาท ", format_baht(*a)),
                        }
                    })
                    .collect();
                cells.push((Field::Funding, Value::Text(text.join("\n"))));
            }
            Project {
                cells,
                title: title.split_whitespace().collect::<Vec<_>>().join(" "),
                dimension,
                budget,
                households: households.map(|(n, _)| n),
                rank: rank.map(|(n, _)| n),
                executor: executor.0,
                reach: reach.0,
                within,
                starts,
                ends,
                villages: villages.iter().map(|m| format!("{TAMBON}{m:02}")).collect(),
                funding,
            }
        })
}

/// The blank form as the app hands it out, filled in with `projects` one a row.
fn filled(projects: &[Project]) -> Vec<u8> {
    let mut first = Vec::new();
    for (i, (header, _)) in headers().iter().enumerate() {
        first.push(Put {
            row: HEADER_ROW,
            col: i as u16,
            value: Value::Text(header.to_string()),
        });
    }
    for (n, p) in projects.iter().enumerate() {
        for (field, v) in &p.cells {
            let col = headers().iter().position(|(_, f)| f == field).unwrap();
            first.push(Put {
                row: HEADER_ROW + 1 + n as u32,
                col: col as u16,
                value: v.clone(),
            });
        }
    }
    xlsx(&Book {
        sheets: vec![first],
        block: None,
    })
}

/// Whatever rows come out, each is below the header and within the limits, and checking it
/// gives a project or names its mistakes.
fn sound(bytes: &[u8]) -> Result<(), TestCaseError> {
    let (read, cost) = measured(|| read_rows(bytes));
    modest(cost)?;
    if let Ok(rows) = read {
        let mut last = 0;
        for (row, input) in &rows {
            prop_assert!(*row > last && *row <= crate::uploads::IMPORT.rows as usize);
            last = *row;
            if let Err(problems) = input.check(TAMBON) {
                prop_assert!(!problems.is_empty());
            }
        }
    }
    Ok(())
}

proptest! {
    #![proptest_config(crate::thai::fuzz::config())]

    #[test]
    fn a_form_reads_as_filled_in(f in form()) {
        let bytes = xlsx(&form_book(&f));
        let read = read_rows(&bytes).map(|rows| {
            rows.iter()
                .map(|(r, input)| {
                    let texts = fields(input).into_iter().map(|(f, t)| (f, t.to_string())).collect();
                    (*r, texts)
                })
                .collect::<Vec<_>>()
        });
        prop_assert_eq!(read, expected(&f));
    }

    #[test]
    fn projects_typed_any_way_are_checked_as_typed(projects in prop::collection::vec(project(), 1..6)) {
        let rows = read_rows(&filled(&projects)).unwrap();
        prop_assert_eq!(rows.len(), projects.len());
        for ((row, input), (n, p)) in rows.iter().zip(projects.iter().enumerate()) {
            prop_assert_eq!(*row, HEADER_ROW as usize + 2 + n);
            let c = input.check(TAMBON).map_err(|e| TestCaseError::fail(format!("{e:?} {input:?}")))?;
            prop_assert_eq!(&c.title, &p.title);
            prop_assert_eq!(c.dimension, p.dimension);
            prop_assert_eq!(c.budget_satang, p.budget);
            prop_assert_eq!(c.target_households, p.households);
            prop_assert_eq!(c.rank, p.rank);
            prop_assert_eq!(c.executor, p.executor);
            prop_assert_eq!(c.reach, p.reach);
            prop_assert_eq!(c.within_lao_authority, p.within);
            prop_assert_eq!(c.starts_on, p.starts);
            prop_assert_eq!(c.ends_on, p.ends);
            prop_assert_eq!(&c.villages, &p.villages);
            let funded: Vec<i64> = c.funding.iter().map(|f| f.amount_satang).collect();
            prop_assert_eq!(funded, p.funding.clone());
        }
    }

    #[test]
    fn any_workbook_gives_rows_below_its_header(b in book()) {
        sound(&xlsx(&b))?;
    }

    #[test]
    fn broken_forms_are_refused_or_read_within_limits(
        f in form(),
        d in damage(),
        edits in prop::collection::vec(edit(), 0..3),
    ) {
        let bytes = xlsx(&form_book(&f));
        sound(&damaged(&bytes, &d))?;
        let mut p = parts(&bytes);
        for e in &edits {
            crate::uploads::fuzz::apply(&mut p, e);
        }
        sound(&zipped(&p))?;
    }

    #[test]
    fn excel_serial_dates_are_iso_dates_or_nothing(serial in prop_oneof![
        any::<f64>(),
        -1e6f64..1e7,
        prop::sample::select(vec![f64::MAX, f64::MIN, f64::NAN, f64::INFINITY, 1e15, -1e15, 1.07e14]),
    ]) {
        let text = excel_serial_date(serial);
        prop_assert!(text.is_empty() || parse_iso(&text).is_some(), "{serial}: {text:?}");
        prop_assert_eq!(cell_text(&Data::Float(serial)).is_empty(), false);
    }

    #[test]
    fn a_date_excel_stores_reads_as_that_date(d in prop_oneof![date_in(1900, 1900), date_in(1900, 9999)]) {
        prop_assert_eq!(excel_serial_date(serial(d)), iso(d), "{}", serial(d));
    }
}

// ---- inputs that once broke a property, kept as they were found ----

/// `excel_serial_dates_are_iso_dates_or_nothing`: a date cell holding 1e15 (or any serial
/// beyond ±1.07e14 days) panicked in `time::Duration::days` ("overflow constructing
/// `time::Duration`"), taking the import down with it.
#[test]
fn regression_fuzz_a_far_serial_date_is_no_date() {
    for serial in [
        1e15,
        -1e15,
        1.07e14,
        f64::MAX,
        f64::MIN,
        f64::INFINITY,
        f64::NAN,
    ] {
        assert_eq!(excel_serial_date(serial), "", "{serial}");
    }
    let b = Book {
        sheets: vec![vec![
            Put {
                row: HEADER_ROW,
                col: 0,
                value: Value::Text("ชื่อโครงการ".into()),
            },
            Put {
                row: HEADER_ROW,
                col: 1,
                value: Value::Text("วันเริ่มต้น".into()),
            },
            Put {
                row: HEADER_ROW,
                col: 2,
                value: Value::Text("มิติการพัฒนา".into()),
            },
            Put {
                row: HEADER_ROW,
                col: 3,
                value: Value::Text("งบประมาณ (บาท)".into()),
            },
            Put {
                row: HEADER_ROW + 1,
                col: 0,
                value: Value::Text("ถนน".into()),
            },
            Put {
                row: HEADER_ROW + 1,
                col: 1,
                value: Value::Date(1e15),
            },
        ]],
        block: None,
    };
    let rows = read_rows(&xlsx(&b)).unwrap();
    assert_eq!(rows.len(), 1);
    assert_eq!(
        (rows[0].1.title.as_str(), rows[0].1.starts_on.as_str()),
        ("ถนน", "")
    );
}

/// Found writing `a_date_excel_stores_reads_as_that_date` (which now draws half its dates from
/// 1900): 1 January 1900 was read as 31 December 1899 (and refused as too early): Excel's serials count a 29 February 1900 that never was, so those
/// before 1 March 1900 are one day further from 30 December 1899 than they look.
#[test]
fn regression_fuzz_dates_before_march_1900_read_as_excel_shows_them() {
    assert_eq!(excel_serial_date(1.0), "1900-01-01");
    assert_eq!(excel_serial_date(59.0), "1900-02-28");
    assert_eq!(excel_serial_date(61.0), "1900-03-01");
    assert_eq!(excel_serial_date(45292.0), "2024-01-01");
}

/// Found writing `regression_fuzz_a_far_serial_date_is_no_date`: a header "ชื่อโครงการ" marked
/// the header row, but its column was not read as the title, so every row lacked one.
#[test]
fn regression_fuzz_the_short_title_header_is_the_title() {
    assert_eq!(super::field_of("ชื่อโครงการ"), Some(Field::Title));
    assert_eq!(super::field_of("ชื่อโครงการ/กิจกรรม"), Some(Field::Title));
}

/// Found reading `ProjectInput::check` for these properties (their cells are too short to
/// reach it): a funding cell of 100,000 lines of a trillion baht each overflowed the sum of the amounts
/// ("attempt to add with overflow" in a debug build; in a release build the sum wrapped). The
/// text is refused as too long, and the sum now stops at i64::MAX.
#[test]
fn regression_fuzz_a_funding_cell_of_many_trillions_is_refused() {
    let input = ProjectInput {
        title: "ถนน".into(),
        dimension: "economy".into(),
        budget: "1".into(),
        funding: "แหล่ง | สนับสนุนงบประมาณ | 1,000,000,000,000\n".repeat(100_000),
        ..Default::default()
    };
    let problems = input.check(TAMBON).unwrap_err();
    assert!(
        problems
            .iter()
            .any(|p| matches!(p, Problem::TooLong { .. }))
    );
    assert!(problems.iter().any(|p| matches!(
        p,
        Problem::FundingOverBudget {
            funded: i64::MAX,
            ..
        }
    )));
}
