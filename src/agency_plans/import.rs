//! Importing another agency's project list for an area (.xlsx or CSV): a header row naming
//! โครงการ, where each lies — รหัสพื้นที่ (a village's, community's or tambon's DOPA code), or
//! ตำบล (with อำเภอ where needed) and หมู่ที่ or หมู่บ้าน — ปีงบประมาณ, งบประมาณ and หน่วยงาน;
//! มิติ and วัตถุประสงค์ if the file has them. The form may give the agency and the year for a
//! file without those columns. The rows make one list per agency and year. Every row is
//! checked first; a file with any mistake is refused whole, each mistake with its row and
//! field, and nothing is written.

use super::place::{Places, Typed};
use crate::accounts::User;
use crate::areas::{self, Area, Level};
use crate::audit::{self, Change};
use crate::db::{self, Db, Tx, now_text};
use crate::dimensions::Dimension;
use crate::error::{AppError, Field, Problem};
use crate::plans::{self, Owner, Plan, PlanKind};
use crate::thai;
use crate::uploads::sheet;
use serde::{Deserialize, Serialize};
use std::collections::BTreeMap;

/// What the import form (or API body) gives beside the file.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ImportInput {
    /// The area the list is for: a province, district or tambon code.
    pub area_code: String,
    /// The agency, for a file without a หน่วยงาน column (a row's own agency wins).
    pub agency_name: String,
    /// The fiscal year (BE), for a file without a ปีงบประมาณ column.
    pub fiscal_year: String,
}

/// One list the import made.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Made {
    pub plan_id: i64,
    pub agency_name: String,
    pub fiscal_year: i64,
    pub projects: usize,
}

/// What an import did.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Imported {
    pub area_code: String,
    pub plans: Vec<Made>,
    pub projects: usize,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Column {
    Title,
    Code,
    Moo,
    Village,
    Tambon,
    District,
    Year,
    Budget,
    Agency,
    Dimension,
    Objective,
}

fn column_of(header: &str) -> Option<Column> {
    let h: String = thai::to_arabic_digits(header)
        .split_whitespace()
        .collect::<String>()
        .to_lowercase();
    let h = h.trim_end_matches("(บาท)").trim_end_matches("บาท");
    Some(match h {
        "โครงการ"
        | "ชื่อโครงการ"
        | "โครงการ/กิจกรรม"
        | "ชื่อโครงการ/กิจกรรม"
        | "กิจกรรม"
        | "project"
        | "project_title"
        | "title" => Column::Title,
        "รหัสพื้นที่" | "รหัสหมู่บ้าน" | "รหัสชุมชน" | "รหัสตำบล" | "area_code" | "village_code" | "code" => {
            Column::Code
        }
        "หมู่ที่" | "หมู่" | "ม." | "moo" => Column::Moo,
        "หมู่บ้าน" | "บ้าน" | "ชื่อหมู่บ้าน" | "ชุมชน" | "village" => {
            Column::Village
        }
        "ตำบล" | "แขวง" | "tambon" => Column::Tambon,
        "อำเภอ" | "เขต" | "district" => Column::District,
        "ปีงบประมาณ" | "ปี" | "ปีงบประมาณพ.ศ." | "fiscal_year" | "year" => {
            Column::Year
        }
        "งบประมาณ" | "วงเงิน" | "วงเงินงบประมาณ" | "budget" | "amount" => {
            Column::Budget
        }
        "หน่วยงาน"
        | "หน่วยงานรับผิดชอบ"
        | "หน่วยงานรับผิดชอบหลัก"
        | "ส่วนราชการ"
        | "หน่วยงานเจ้าของโครงการ"
        | "agency" => Column::Agency,
        "มิติ" | "มิติการพัฒนา" | "dimension" => Column::Dimension,
        "วัตถุประสงค์" | "objective" => Column::Objective,
        _ => return None,
    })
}

/// A row as the file gives it.
#[derive(Debug, Clone, Default)]
struct RowInput {
    title: String,
    place: Typed,
    year: String,
    budget: String,
    agency: String,
    dimension: String,
    objective: String,
}

/// A checked row.
#[derive(Debug, Clone)]
struct Row {
    title: String,
    place: Area,
    year: i64,
    budget_satang: i64,
    agency: String,
    dimension: Dimension,
    objective: String,
}

const MAX_TITLE: usize = 500;
const MAX_TEXT: usize = 2000;
const MAX_AGENCY: usize = 200;

fn check(input: &RowInput, places: &Places) -> Result<Row, Vec<Problem>> {
    let mut errors = Vec::new();
    let title = input.title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        errors.push(Problem::Missing {
            field: Field::Title,
        });
    } else if title.chars().count() > MAX_TITLE {
        errors.push(Problem::TooLong {
            field: Field::Title,
            max: MAX_TITLE,
        });
    }
    let place = places.find(&input.place).map_err(|p| errors.push(p)).ok();
    let year = match crate::own::input::year_of(&input.year) {
        Some(y) => Some(y),
        None if input.year.trim().is_empty() => {
            errors.push(Problem::Missing {
                field: Field::FiscalYear,
            });
            None
        }
        None => {
            errors.push(Problem::NotBuddhistYear {
                field: Field::FiscalYear,
                typed: input.year.trim().to_string(),
            });
            None
        }
    };
    let budget = match input.budget.trim() {
        "" | "-" | "–" | "—" => 0,
        typed => match thai::parse_baht(typed) {
            Ok(n) if n < 0 => {
                errors.push(Problem::Negative {
                    field: Field::Budget,
                });
                0
            }
            Ok(n) => n,
            Err(error) => {
                errors.push(Problem::Number {
                    field: Field::Budget,
                    error,
                });
                0
            }
        },
    };
    let agency = input
        .agency
        .split_whitespace()
        .collect::<Vec<_>>()
        .join(" ");
    if agency.is_empty() {
        errors.push(Problem::Missing {
            field: Field::AgencyName,
        });
    } else if agency.chars().count() > MAX_AGENCY {
        errors.push(Problem::TooLong {
            field: Field::AgencyName,
            max: MAX_AGENCY,
        });
    }
    let dimension = if input.dimension.trim().is_empty() {
        Some(Dimension::Other)
    } else {
        let d = Dimension::find(&input.dimension);
        if d.is_none() {
            errors.push(Problem::Unknown {
                field: Field::Dimension,
                typed: input.dimension.trim().to_string(),
                choices: Dimension::ALL.iter().map(|d| d.th()).collect(),
            });
        }
        d
    };
    let objective = input.objective.trim().to_string();
    if objective.chars().count() > MAX_TEXT {
        errors.push(Problem::TooLong {
            field: Field::ObjectiveText,
            max: MAX_TEXT,
        });
    }
    match (place, year, dimension) {
        (Some(place), Some(year), Some(dimension)) if errors.is_empty() => Ok(Row {
            title,
            place: place.clone(),
            year,
            budget_satang: budget,
            agency,
            dimension,
            objective,
        }),
        _ => Err(errors),
    }
}

/// The rows of the file, each with its row number, or what is wrong with its layout.
fn read(
    bytes: &[u8],
    input: &ImportInput,
    area: &Area,
) -> Result<Vec<(usize, RowInput)>, Vec<Problem>> {
    let rows = sheet::rows(bytes).map_err(|p| vec![p])?;
    let Some((at, columns)) = sheet::header(&rows, column_of, Column::Title) else {
        return Err(vec![Problem::AgencyListNoTitle]);
    };
    let has = |c: Column| columns.contains(&Some(c));
    let mut errors = Vec::new();
    if area.level != Level::Tambon && !has(Column::Code) && !has(Column::Tambon) {
        errors.push(Problem::AgencyListNoPlace);
    }
    if !has(Column::Year) && input.fiscal_year.trim().is_empty() {
        errors.push(Problem::AgencyListNoYear);
    }
    if !has(Column::Agency) && input.agency_name.trim().is_empty() {
        errors.push(Problem::AgencyListNoAgency);
    }
    if !errors.is_empty() {
        return Err(errors);
    }
    let mut out = Vec::new();
    for (row, cells) in sheet::filled(&rows, at) {
        let mut r = RowInput {
            year: input.fiscal_year.clone(),
            agency: input.agency_name.clone(),
            ..RowInput::default()
        };
        for (col, text) in cells.iter().enumerate() {
            let Some(Some(column)) = columns.get(col) else {
                continue;
            };
            let slot = match column {
                Column::Title => &mut r.title,
                Column::Code => &mut r.place.code,
                Column::Moo => &mut r.place.moo,
                Column::Village => &mut r.place.village,
                Column::Tambon => &mut r.place.tambon,
                Column::District => &mut r.place.district,
                // the form's year and agency stand for a row that leaves them empty
                Column::Year | Column::Agency if text.trim().is_empty() => continue,
                Column::Year => &mut r.year,
                Column::Budget => &mut r.budget,
                Column::Agency => &mut r.agency,
                Column::Dimension => &mut r.dimension,
                Column::Objective => &mut r.objective,
            };
            *slot = text.clone();
        }
        out.push((*row, r));
    }
    if out.is_empty() {
        return Err(vec![Problem::NoRowsInFile]);
    }
    Ok(out)
}

/// Imports a list into an area the user may write, all or nothing: one agency list per agency
/// and fiscal year of the file; a list already there for an agency and year is not made twice.
pub async fn import(
    db: &Db,
    user: &User,
    input: &ImportInput,
    bytes: &[u8],
) -> Result<Imported, AppError> {
    let code = thai::to_arabic_digits(input.area_code.trim());
    if code.is_empty() {
        return Err(Problem::Missing {
            field: Field::AreaCode,
        }
        .into());
    }
    let area = areas::get(db, &code)
        .await?
        .ok_or_else(|| Problem::UnknownCode {
            field: Field::AreaCode,
            thing: crate::error::Thing::AnyArea,
            code: code.clone(),
        })?;
    if !matches!(
        area.level,
        Level::Province | Level::District | Level::Tambon
    ) {
        return Err(Problem::AgencyListLevel.into());
    }
    let owner = Owner::Area(area.clone());
    plans::access::check_owner_write(db, user, &owner, "agency_plan", &format!("area:{code}"))
        .await?;
    let rows = read(bytes, input, &area).map_err(AppError::from)?;
    let places = Places::of(db, &area).await?;
    let mut errors = Vec::new();
    let mut lists: BTreeMap<(String, i64), Vec<Row>> = BTreeMap::new();
    for (n, r) in &rows {
        match check(r, &places) {
            Ok(row) => lists
                .entry((row.agency.clone(), row.year))
                .or_default()
                .push(row),
            Err(list) => errors.extend(list.into_iter().map(|p| Problem::InRow {
                row: *n,
                problem: Box::new(p),
            })),
        }
    }
    let mut there = Vec::new();
    for (agency, year) in lists.keys() {
        let key = super::owner_key(&area.code, agency);
        if let Some(plan) = plans::find(db, PlanKind::Agency, &key, *year).await? {
            there.push(format!("{agency} ปีงบประมาณ {year} (แผนเลขที่ {})", plan.id));
        }
    }
    if !there.is_empty() {
        errors.push(Problem::AgencyListExists {
            lists: there.join(", "),
        });
    }
    if !errors.is_empty() {
        let errors = crate::uploads::at_most(errors, |more| Problem::MoreProblems { more });
        return Err(errors.into());
    }
    let mut tx = db.begin_write().await?;
    let mut made = Vec::new();
    for ((agency, year), rows) in &lists {
        let plan = create_in(&mut tx, user, &area, agency, *year).await?;
        let mut ids = Vec::new();
        for r in rows {
            ids.push(insert_project(&mut tx, user, &plan, r).await?);
        }
        audit::record(
            &mut tx,
            &user.actor(),
            Change {
                action: "import",
                entity: "agency_plan",
                entity_key: plan.id.to_string(),
                area_code: area.code.clone(),
                lao_id: None,
                before: None,
                after: Some(serde_json::json!({ "projects": ids })),
                note: format!("{agency} ปีงบประมาณ {year}: {} โครงการ", ids.len()),
            },
        )
        .await?;
        made.push(Made {
            plan_id: plan.id,
            agency_name: agency.clone(),
            fiscal_year: *year,
            projects: ids.len(),
        });
    }
    tx.commit().await?;
    Ok(Imported {
        area_code: area.code,
        projects: made.iter().map(|m| m.projects).sum(),
        plans: made,
    })
}

/// Opens an agency's list for an area and year, inside the caller's transaction.
async fn create_in(
    tx: &mut Tx,
    user: &User,
    area: &Area,
    agency: &str,
    year: i64,
) -> Result<Plan, AppError> {
    let title = format!(
        "{agency} — {} {} ปีงบประมาณ {year}",
        PlanKind::Agency.th(),
        area.titled_th()
    );
    let now = now_text();
    let id: i64 = db::query_scalar(
        "INSERT INTO plans (kind, owner_key, area_code, lao_id, first_year, last_year, title, created_at, updated_at, agency, agency_name) \
         VALUES ($1, $2, $3, NULL, $4, $4, $5, $6, $6, $7, $8) RETURNING id",
    )
    .bind(PlanKind::Agency.as_str())
    .bind(super::owner_key(&area.code, agency))
    .bind(&area.code)
    .bind(year)
    .bind(&title)
    .bind(&now)
    .bind(user.agency.as_str())
    .bind(agency)
    .fetch_one(&mut *tx)
    .await?;
    crate::text_index::refresh(tx, crate::text_index::Kind::Plan, id).await?;
    let plan = plans::get_in(tx, id).await?;
    audit::record(
        tx,
        &user.actor(),
        Change {
            action: "create",
            entity: "plan",
            entity_key: id.to_string(),
            area_code: area.code.clone(),
            lao_id: None,
            before: None,
            after: Some(plan.audit_json()),
            note: title,
        },
    )
    .await?;
    Ok(plan)
}

/// One row as a project of the list, in its village or tambon, with its item for the year.
async fn insert_project(tx: &mut Tx, user: &User, plan: &Plan, r: &Row) -> anyhow::Result<i64> {
    let now = now_text();
    let in_village = r.place.level != Level::Tambon;
    let id: i64 = db::query_scalar(
        "INSERT INTO projects (title, dimension, objective, area_code, origin_plan_id, reach, target_villages, \
           budget_satang, executor, within_lao_authority, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 'agency', 0, $9, $9) RETURNING id",
    )
    .bind(&r.title)
    .bind(r.dimension)
    .bind(&r.objective)
    .bind(&r.place.code)
    .bind(plan.id)
    .bind(if in_village { "village" } else { "tambon" })
    .bind(in_village.then_some(1i64))
    .bind(r.budget_satang)
    .bind(&now)
    .fetch_one(&mut *tx)
    .await?;
    if in_village {
        db::query("INSERT INTO project_villages (project_id, village_code) VALUES ($1, $2)")
            .bind(id)
            .bind(&r.place.code)
            .execute(&mut *tx)
            .await?;
    }
    db::query(
        "INSERT INTO plan_items (plan_id, project_id, fiscal_year, rank, amount_satang, decided_on, created_at, created_by) \
         VALUES ($1, $2, $3, NULL, $4, $5, $6, $7)",
    )
    .bind(plan.id)
    .bind(id)
    .bind(r.year)
    .bind(r.budget_satang)
    .bind(now[..10].to_string())
    .bind(&now)
    .bind(&user.username)
    .execute(&mut *tx)
    .await?;
    crate::projects::status::refresh(tx, id).await?;
    crate::text_index::refresh(tx, crate::text_index::Kind::Project, id).await?;
    Ok(id)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn headers_are_read_as_agencies_write_them() {
        assert_eq!(column_of(" ชื่อโครงการ "), Some(Column::Title));
        assert_eq!(column_of("งบประมาณ (บาท)"), Some(Column::Budget));
        assert_eq!(column_of("หมู่ที่"), Some(Column::Moo));
        assert_eq!(column_of("ปีงบประมาณ"), Some(Column::Year));
        assert_eq!(column_of("หน่วยงานรับผิดชอบ"), Some(Column::Agency));
        assert_eq!(column_of("รหัสพื้นที่"), Some(Column::Code));
        assert_eq!(column_of("ลำดับ"), None);
    }
}
