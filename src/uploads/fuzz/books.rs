//! Generated workbooks: cells near and far, every kind of value, and the rows the reader
//! should return for them.

use crate::error::Problem;
use crate::uploads::Limits;
use proptest::prelude::*;
use rust_xlsxwriter::{Format, Formula, Workbook};
use std::collections::BTreeMap;

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

pub(crate) fn cells(max: usize, far: bool) -> impl Strategy<Value = Vec<Put>> {
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
pub(crate) fn expected(b: &Book, limits: Limits) -> Result<Vec<(usize, Vec<String>)>, Problem> {
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
