//! The village-plan form as an Excel file: a template with Thai headers and drop-down lists,
//! and its import. An import goes in whole or not at all; every bad cell is reported with its
//! row and column.

use crate::accounts::User;
use crate::db::{self, Db};
use crate::dimensions::Dimension;
use crate::error::{AppError, Problem};
use crate::plans::{PlanKind, claim, get};
use crate::projects::input::{EXECUTORS, ProjectInput, REACHES};
use calamine::Data;
use rust_xlsxwriter::{DataValidation, Format, FormatAlign, FormatBorder, Workbook, XlsxError};

/// The columns of the form, in order: header as printed, and which field it fills.
const COLUMNS: [(&str, Field, f64); 15] = [
    ("ลำดับความสำคัญ", Field::Rank, 10.0),
    ("ชื่อโครงการ/กิจกรรม", Field::Title, 40.0),
    ("มิติการพัฒนา", Field::Dimension, 28.0),
    ("ปัญหา/ความต้องการ", Field::Need, 30.0),
    ("วัตถุประสงค์", Field::Objective, 30.0),
    ("รูปแบบโครงการ", Field::Format, 16.0),
    ("พื้นที่ดำเนินการ", Field::Reach, 14.0),
    ("หมู่บ้านเป้าหมาย (เลขหมู่)", Field::Villages, 14.0),
    ("เป้าหมาย (ครัวเรือน)", Field::Households, 12.0),
    ("เป้าหมาย (คน)", Field::People, 10.0),
    ("งบประมาณ (บาท)", Field::Budget, 14.0),
    ("ผู้ดำเนินการ", Field::Executor, 22.0),
    ("อยู่ในอำนาจหน้าที่ของ อปท.", Field::WithinLao, 12.0),
    ("วันเริ่มต้น", Field::Starts, 13.0),
    ("วันสิ้นสุด", Field::Ends, 13.0),
];
const FUNDING_HEADER: &str = "แหล่งงบประมาณ/ภาคีการพัฒนา";

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Field {
    Rank,
    Title,
    Dimension,
    Need,
    Objective,
    Format,
    Reach,
    Villages,
    Households,
    People,
    Budget,
    Executor,
    WithinLao,
    Starts,
    Ends,
    Funding,
}

/// Data rows start below the title, the help line and the header.
const HEADER_ROW: u32 = 3;

/// The empty form for a village plan, named and titled for it.
pub async fn template(db: &Db, plan_id: i64) -> Result<Vec<u8>, AppError> {
    let plan = get(db, plan_id).await?.ok_or_else(AppError::not_found)?;
    build_template(&plan.title).map_err(|e| AppError::Internal(e.into()))
}

fn build_template(title: &str) -> Result<Vec<u8>, XlsxError> {
    let font = |f: Format| f.set_font_name("TH Sarabun New").set_font_size(16);
    let title_fmt = font(Format::new()).set_bold().set_font_size(20);
    let head = font(Format::new())
        .set_bold()
        .set_text_wrap()
        .set_align(FormatAlign::Center)
        .set_align(FormatAlign::VerticalCenter)
        .set_background_color("#DCE6F1")
        .set_border(FormatBorder::Thin);
    let body = font(Format::new())
        .set_text_wrap()
        .set_border(FormatBorder::Thin);
    let mut wb = Workbook::new();
    let ws = wb.add_worksheet();
    ws.set_name("แผนพัฒนาหมู่บ้าน")?;
    let last_col = COLUMNS.len() as u16;
    ws.merge_range(0, 0, 0, last_col, &format!("แบบฟอร์ม{title}"), &title_fmt)?;
    ws.merge_range(
        1,
        0,
        1,
        last_col,
        "กรอกโครงการละหนึ่งแถว ตัวเลขใช้เลขไทยหรือเลขอารบิกก็ได้ วันที่ใช้ พ.ศ. หรือ ค.ศ. ก็ได้ (เช่น 1/10/2569) \
         ช่องแหล่งงบประมาณ: บรรทัดละแหล่ง ชื่อ | สนับสนุนงบประมาณ หรือ ร่วมดำเนินการ | จำนวนเงิน",
        &font(Format::new()).set_text_wrap(),
    )?;
    ws.set_row_height(1, 40)?;
    for (i, (header, _, width)) in COLUMNS.iter().enumerate() {
        ws.write_string_with_format(HEADER_ROW, i as u16, *header, &head)?;
        ws.set_column_width(i as u16, *width)?;
    }
    ws.write_string_with_format(HEADER_ROW, last_col, FUNDING_HEADER, &head)?;
    ws.set_column_width(last_col, 40)?;
    ws.set_row_height(HEADER_ROW, 48)?;
    ws.set_freeze_panes(HEADER_ROW + 1, 2)?;
    let (first, last) = (HEADER_ROW + 1, HEADER_ROW + 200);
    for row in first..=last {
        for col in 0..=last_col {
            ws.write_blank(row, col, &body)?;
        }
    }
    let list = |items: Vec<&str>, msg: &str| -> Result<DataValidation, XlsxError> {
        DataValidation::new()
            .allow_list_strings(&items)?
            .set_error_message(msg)
    };
    let col = |f: Field| COLUMNS.iter().position(|(_, x, _)| *x == f).unwrap_or(0) as u16;
    let names: Vec<&str> = Dimension::ALL.iter().map(|d| d.th()).collect();
    ws.add_data_validation(
        first,
        col(Field::Dimension),
        last,
        col(Field::Dimension),
        &list(names, "เลือกมิติการพัฒนาจากรายการ")?,
    )?;
    let executors: Vec<&str> = EXECUTORS.iter().map(|(_, t)| *t).collect();
    ws.add_data_validation(
        first,
        col(Field::Executor),
        last,
        col(Field::Executor),
        &list(executors, "เลือกผู้ดำเนินการจากรายการ")?,
    )?;
    let reaches: Vec<&str> = REACHES.iter().map(|(_, t)| *t).collect();
    ws.add_data_validation(
        first,
        col(Field::Reach),
        last,
        col(Field::Reach),
        &list(reaches, "เลือกพื้นที่ดำเนินการจากรายการ")?,
    )?;
    ws.add_data_validation(
        first,
        col(Field::WithinLao),
        last,
        col(Field::WithinLao),
        &list(vec!["ใช่", "ไม่ใช่"], "ตอบ ใช่ หรือ ไม่ใช่")?,
    )?;
    wb.save_to_buffer()
}

/// What an import did: how many projects went in, or every mistake found (and nothing written).
#[derive(Debug)]
pub enum Imported {
    Done(usize),
    Refused(Vec<RowProblem>),
}

/// A mistake in the file: on a row (as Excel numbers it), or in the file as a whole.
#[derive(Debug, Clone, PartialEq)]
pub struct RowProblem {
    pub row: Option<usize>,
    pub problem: Problem,
}

impl RowProblem {
    fn file(problem: Problem) -> RowProblem {
        RowProblem { row: None, problem }
    }

    fn at(row: usize, problem: Problem) -> RowProblem {
        RowProblem {
            row: Some(row),
            problem,
        }
    }

    /// "แถวที่ 7 ชื่อโครงการ: ไม่ได้กรอก".
    pub fn message(&self, lang: crate::i18n::Lang) -> String {
        match (self.row, lang) {
            (None, _) => self.problem.message(lang),
            (Some(r), crate::i18n::Lang::Th) => format!("แถวที่ {r} {}", self.problem.message(lang)),
            (Some(r), crate::i18n::Lang::En) => format!("Row {r}: {}", self.problem.message(lang)),
        }
    }
}

/// Reads a filled form into a draft village plan. Rows are checked first, all of them; only a
/// file without mistakes is written, in one transaction.
pub async fn import(
    db: &Db,
    user: &User,
    plan_id: i64,
    plan_version: i64,
    bytes: &[u8],
) -> Result<Imported, AppError> {
    let plan = get(db, plan_id).await?.ok_or_else(AppError::not_found)?;
    if plan.kind() != PlanKind::Village {
        return Err(Problem::ImportOnlyVillage.into());
    }
    let owner = crate::plans::owner_of(db, &plan).await?;
    crate::plans::access::check_owner_write(db, user, &owner, "plan", &plan_id.to_string()).await?;
    crate::plans::workflow::ensure_editable(&plan)?;
    let rows = match read_rows(bytes) {
        Ok(rows) => rows,
        Err(p) => return Ok(Imported::Refused(vec![p])),
    };
    if rows.is_empty() {
        return Ok(Imported::Refused(vec![RowProblem::file(
            Problem::NoRowsInFile,
        )]));
    }
    let tambon = &plan.area_code[..6];
    let taken: Vec<(i64, String)> = db::query_as(
        "SELECT i.rank, p.title FROM plan_items i JOIN projects p ON p.id = i.project_id WHERE i.plan_id = $1 AND i.rank IS NOT NULL",
    )
    .bind(plan_id)
    .fetch_all(db)
    .await?;
    let mut errors = Vec::new();
    let mut checked = Vec::new();
    let mut ranks: Vec<(i64, usize)> = Vec::new();
    for (row, input) in &rows {
        match input.check(tambon) {
            Ok(c) => {
                if let Some(r) = c.rank {
                    if let Some((_, title)) = taken.iter().find(|(t, _)| *t == r) {
                        errors.push(RowProblem::at(
                            *row,
                            Problem::RankTaken {
                                rank: r,
                                title: title.clone(),
                            },
                        ));
                    } else if let Some((_, other)) = ranks.iter().find(|(x, _)| *x == r) {
                        errors.push(RowProblem::at(
                            *row,
                            Problem::RankRepeatsRow {
                                rank: r,
                                other_row: *other,
                            },
                        ));
                    }
                    ranks.push((r, *row));
                }
                checked.push((*row, c));
            }
            Err(list) => errors.extend(list.into_iter().map(|p| RowProblem::at(*row, p))),
        }
    }
    if !errors.is_empty() {
        let errors = crate::uploads::at_most(errors, |more| {
            RowProblem::file(Problem::MoreProblems { more })
        });
        return Ok(Imported::Refused(errors));
    }
    // what each row takes from the database is read first, without the write lock; the
    // write then only inserts (the plan's version, claimed, says nothing changed meanwhile)
    let mut pool = db.clone();
    let mut placed = Vec::with_capacity(checked.len());
    for (row, c) in &checked {
        match crate::adoption::raise::place(&mut pool, &plan, c).await {
            Ok(p) => placed.push(p),
            Err(AppError::Invalid(ps)) => {
                errors.extend(ps.into_iter().map(|p| RowProblem::at(*row, p)))
            }
            Err(other) => return Err(other),
        }
    }
    if !errors.is_empty() {
        let errors = crate::uploads::at_most(errors, |more| {
            RowProblem::file(Problem::MoreProblems { more })
        });
        return Ok(Imported::Refused(errors));
    }
    let started = std::time::Instant::now();
    let mut tx = db.begin_write().await?;
    claim(&mut tx, plan_id, plan_version).await?;
    let rows: Vec<_> = checked.iter().map(|(_, c)| c).zip(&placed).collect();
    crate::adoption::raise::write_many(&mut tx, user, &plan, &rows).await?;
    tx.commit().await?;
    tracing::info!(
        "village plan #{plan_id}: {} rows imported, the write took {:.0?}",
        checked.len(),
        started.elapsed()
    );
    Ok(Imported::Done(rows.len()))
}

/// The data rows of the first sheet, each with its row number as Excel shows it.
fn read_rows(bytes: &[u8]) -> Result<Vec<(usize, ProjectInput)>, RowProblem> {
    let sheet = crate::uploads::first_sheet(bytes, crate::uploads::IMPORT, cell_text)
        .map_err(RowProblem::file)?;
    let mut header_at = None;
    let mut fields: Vec<Option<Field>> = Vec::new();
    let mut out = Vec::new();
    for (excel_row, cells) in sheet {
        let Some(_) = header_at else {
            if cells
                .iter()
                .any(|c| c.trim() == "ชื่อโครงการ/กิจกรรม" || c.trim() == "ชื่อโครงการ")
            {
                header_at = Some(excel_row);
                fields = cells.iter().map(|c| field_of(c.trim())).collect();
                if !fields.contains(&Some(Field::Budget))
                    || !fields.contains(&Some(Field::Dimension))
                {
                    return Err(RowProblem::at(excel_row, Problem::HeaderIncomplete));
                }
            }
            continue;
        };
        if cells.iter().all(|c| c.trim().is_empty()) {
            continue;
        }
        let mut input = ProjectInput::default();
        for (col, text) in cells.into_iter().enumerate() {
            let Some(Some(field)) = fields.get(col) else {
                continue;
            };
            let slot = match field {
                Field::Rank => &mut input.rank,
                Field::Title => &mut input.title,
                Field::Dimension => &mut input.dimension,
                Field::Need => &mut input.need,
                Field::Objective => &mut input.objective,
                Field::Format => &mut input.format,
                Field::Reach => &mut input.reach,
                Field::Villages => &mut input.villages,
                Field::Households => &mut input.target_households,
                Field::People => &mut input.target_people,
                Field::Budget => &mut input.budget,
                Field::Executor => &mut input.executor,
                Field::WithinLao => &mut input.within_lao_authority,
                Field::Starts => &mut input.starts_on,
                Field::Ends => &mut input.ends_on,
                Field::Funding => &mut input.funding,
            };
            *slot = text;
        }
        out.push((excel_row, input));
    }
    if header_at.is_none() {
        return Err(RowProblem::file(Problem::NoHeader));
    }
    Ok(out)
}

fn field_of(header: &str) -> Option<Field> {
    if header == FUNDING_HEADER {
        return Some(Field::Funding);
    }
    // the short title that marks a header row too (`read_rows`)
    if header == "ชื่อโครงการ" {
        return Some(Field::Title);
    }
    COLUMNS
        .iter()
        .find(|(h, _, _)| *h == header)
        .map(|(_, f, _)| *f)
}

/// A cell as the text a person would have typed: whole numbers without ".0", dates as ISO.
fn cell_text(d: &Data) -> String {
    match d {
        Data::Empty | Data::Error(_) => String::new(),
        Data::String(s) => s.clone(),
        Data::Int(n) => n.to_string(),
        Data::Float(f) if f.fract() == 0.0 && f.abs() < 1e15 => format!("{}", *f as i64),
        Data::Float(f) => format!("{f:.2}"),
        Data::Bool(true) => "ใช่".into(),
        Data::Bool(false) => "ไม่ใช่".into(),
        Data::DateTime(dt) => excel_serial_date(dt.as_f64()),
        Data::DateTimeIso(s) | Data::DurationIso(s) => s.get(..10).unwrap_or(s).to_string(),
    }
}

/// Excel counts days from 30 December 1899, and counts a 29 February 1900 that never was:
/// its serials 1–59 are 1 January – 28 February 1900. A serial beyond any calendar is no date.
fn excel_serial_date(serial: f64) -> String {
    let days = serial.floor();
    // (and beyond what `time::Duration::days` holds without panicking)
    if !(-1e8..=1e8).contains(&days) {
        return String::new();
    }
    let base = if days < 60.0 {
        time::macros::date!(1899 - 12 - 31)
    } else {
        time::macros::date!(1899 - 12 - 30)
    };
    base.checked_add(time::Duration::days(days as i64))
        .map(|d| d.to_string())
        .unwrap_or_default()
}

#[cfg(test)]
mod fuzz;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn excel_dates_and_numbers_read_as_typed() {
        assert_eq!(excel_serial_date(45292.0), "2024-01-01");
        assert_eq!(cell_text(&Data::Float(495000.0)), "495000");
        assert_eq!(cell_text(&Data::Float(12.5)), "12.50");
        assert_eq!(field_of("งบประมาณ (บาท)"), Some(Field::Budget));
        assert_eq!(field_of(FUNDING_HEADER), Some(Field::Funding));
    }
}
