//! Importing a plan's own projects from a spreadsheet in the ผ.02 layout (.xlsx or CSV): a
//! header row naming the columns — ยุทธศาสตร์, แผนงาน, โครงการ, วัตถุประสงค์, เป้าหมาย (ผลผลิต
//! ของโครงการ), งบประมาณ <year> for every year of the plan, ตัวชี้วัด (KPI), ผลที่คาดว่าจะได้รับ,
//! หน่วยงานรับผิดชอบหลัก — or the English names of the real sample (project_title, target,
//! b2566 …, responsible); other columns are ignored. Every row is checked first; a file with any
//! mistake is refused whole, each mistake with its row and field, and nothing is written.

use super::input::{OwnInput, year_of};
use super::write::{insert, next_seq};
use crate::accounts::User;
use crate::audit::Actor;
use crate::db::Db;
use crate::error::{AppError, Problem};
use crate::plans::{self, Plan};
use crate::uploads::sheet;

/// What a column of the file holds.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Strategy,
    WorkPlan,
    Title,
    Objective,
    Output,
    Year(i64),
    Indicator,
    Expected,
    Responsible,
    Dimension,
}

/// A header as typed: "งบประมาณ ๒๕๖๖ (บาท)", "b2566", "โครงการ", "project_title" …
fn column_of(header: &str) -> Option<Column> {
    let h = crate::thai::to_arabic_digits(header)
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ")
        .to_lowercase();
    let bare = h
        .trim_end_matches("(บาท)")
        .trim_end_matches("บาท")
        .trim()
        .trim_start_matches("งบประมาณ")
        .trim_start_matches("budget")
        .trim()
        .trim_start_matches("ปี")
        .trim_start_matches("พ.ศ.")
        .trim_start_matches('b')
        .trim();
    if bare.len() == 4
        && let Some(y) = year_of(bare)
    {
        return Some(Column::Year(y));
    }
    let is = |names: &[&str]| names.contains(&h.as_str());
    Some(
        if is(&["strategy", "ยุทธศาสตร์", "ยุทธศาสตร์การพัฒนา"])
        {
            Column::Strategy
        } else if is(&["work_plan", "แผนงาน", "แผนงาน/งาน", "programme", "program"])
        {
            Column::WorkPlan
        } else if is(&[
            "project_title",
            "project",
            "title",
            "โครงการ",
            "ชื่อโครงการ",
            "โครงการ/กิจกรรม",
            "ชื่อโครงการ/กิจกรรม",
        ]) {
            Column::Title
        } else if is(&["objective", "วัตถุประสงค์"]) {
            Column::Objective
        } else if is(&["target", "output"]) || h.starts_with("เป้าหมาย") {
            Column::Output
        } else if is(&["kpi", "indicator"]) || h.starts_with("ตัวชี้วัด") {
            Column::Indicator
        } else if is(&["expected_result", "expected", "ผลที่คาดว่าจะได้รับ"])
        {
            Column::Expected
        } else if is(&["responsible"]) || h.starts_with("หน่วยงานรับผิดชอบ")
        {
            Column::Responsible
        } else if is(&["dimension", "มิติการพัฒนา", "มิติ"]) {
            Column::Dimension
        } else {
            return None;
        },
    )
}

/// The rows of the file as inputs, each with its row number; or every mistake of the layout.
fn read(bytes: &[u8], plan: &Plan) -> Result<Vec<(usize, OwnInput)>, Vec<Problem>> {
    let rows = sheet::rows(bytes).map_err(|p| vec![p])?;
    // the header is the first row (of the first twenty) that names the project column
    let Some((at, columns)) = sheet::header(&rows, column_of, Column::Title) else {
        return Err(vec![Problem::NoTitleColumn]);
    };
    let span = plans::years_label(plan.first_year, plan.last_year);
    let mut errors = Vec::new();
    for year in plan.first_year..=plan.last_year {
        if !columns.contains(&Some(Column::Year(year))) {
            errors.push(Problem::YearColumnMissing {
                year,
                span: span.clone(),
            });
        }
    }
    for c in columns.iter().flatten() {
        if let Column::Year(year) = c
            && !(plan.first_year..=plan.last_year).contains(year)
        {
            errors.push(Problem::YearColumnOutside {
                year: *year,
                span: span.clone(),
            });
        }
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut out = Vec::new();
    for (row, cells) in sheet::filled(&rows, at) {
        let mut input = OwnInput::default();
        for (col, text) in cells.iter().enumerate() {
            let Some(Some(column)) = columns.get(col) else {
                continue;
            };
            let slot = match column {
                Column::Strategy => &mut input.strategy,
                Column::WorkPlan => &mut input.work_plan,
                Column::Title => &mut input.title,
                Column::Objective => &mut input.objective,
                Column::Output => &mut input.output,
                Column::Year(y) => input.budgets.entry(y.to_string()).or_default(),
                Column::Indicator => &mut input.indicator,
                Column::Expected => &mut input.expected_result,
                Column::Responsible => &mut input.responsible,
                Column::Dimension => &mut input.dimension,
            };
            *slot = text.clone();
        }
        out.push((*row, input));
    }
    if out.is_empty() {
        return Err(vec![Problem::NoRowsInFile]);
    }
    Ok(out)
}

/// Imports a file into a draft plan the user may write; `plan_version` is the plan's version
/// as the user read it. Returns how many projects went in.
pub async fn import(
    db: &Db,
    user: &User,
    plan_id: i64,
    plan_version: i64,
    bytes: &[u8],
) -> Result<usize, AppError> {
    let plan = plans::get(db, plan_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    if !super::holds_own(plan.kind) {
        return Err(Problem::OwnOnlyLocalDistrictProvince {
            kind: plan.kind.into(),
        }
        .into());
    }
    let owner = plans::owner_of(db, &plan).await?;
    plans::access::check_owner_write(db, user, &owner, "own_project", &format!("plan:{plan_id}"))
        .await?;
    write_all(db, &user.actor(), &plan, Some(plan_version), bytes).await
}

/// Imports a file from the machine itself (the command line), into the plan as it stands.
pub async fn import_as(
    db: &Db,
    actor: &Actor,
    plan_id: i64,
    bytes: &[u8],
) -> Result<usize, AppError> {
    let plan = plans::get(db, plan_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    if !super::holds_own(plan.kind) {
        return Err(Problem::OwnOnlyLocalDistrictProvince {
            kind: plan.kind.into(),
        }
        .into());
    }
    write_all(db, actor, &plan, None, bytes).await
}

async fn write_all(
    db: &Db,
    actor: &Actor,
    plan: &Plan,
    plan_version: Option<i64>,
    bytes: &[u8],
) -> Result<usize, AppError> {
    plans::workflow::ensure_editable(plan)?;
    let rows = read(bytes, plan).map_err(AppError::from)?;
    let mut errors = Vec::new();
    let mut checked = Vec::new();
    for (row, input) in &rows {
        match input.check(plan.first_year, plan.last_year) {
            Ok(c) => checked.push(c),
            Err(list) => errors.extend(list.into_iter().map(|p| Problem::InRow {
                row: *row,
                problem: Box::new(p),
            })),
        }
    }
    if !errors.is_empty() {
        let errors = crate::uploads::at_most(errors, |more| Problem::MoreProblems { more });
        return Err(errors.into());
    }
    let mut tx = db.begin_write().await?;
    plans::claim(&mut tx, plan.id, plan_version.unwrap_or(plan.version)).await?;
    let first = next_seq(&mut tx, plan.id).await?;
    for (i, c) in checked.iter().enumerate() {
        insert(&mut tx, actor, plan, c, first + i as i64).await?;
    }
    tx.commit().await?;
    Ok(checked.len())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_read_in_the_forms_words_or_the_samples() {
        assert_eq!(column_of("b2566"), Some(Column::Year(2566)));
        assert_eq!(column_of("งบประมาณ ๒๕๖๘ (บาท)"), Some(Column::Year(2568)));
        assert_eq!(column_of("2570"), Some(Column::Year(2570)));
        assert_eq!(column_of("project_title"), Some(Column::Title));
        assert_eq!(column_of(" โครงการ "), Some(Column::Title));
        assert_eq!(column_of("เป้าหมาย (ผลผลิตของโครงการ)"), Some(Column::Output));
        assert_eq!(column_of("ตัวชี้วัด (KPI)"), Some(Column::Indicator));
        assert_eq!(column_of("หน่วยงานรับผิดชอบหลัก"), Some(Column::Responsible));
        assert_eq!(column_of("lao"), None);
        assert_eq!(column_of("row"), None);
    }
}
