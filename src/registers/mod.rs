//! The registers of the tambon-plan cycle (ONEPLAN.md section 7), filled from the records:
//! form 1 — the target tambons and their plan's delivery; form 2 — the tambon plan's projects
//! put to use; form 3 — those linked with the LAO. A tambon's plan for a register of fiscal
//! year Y is its tambon plan of year Y (the plan made in that year).

pub mod budget_requests;
pub mod components;
pub mod district_report;
pub mod document;
pub mod targets;

use crate::db::{self, Db};
use serde::{Deserialize, Serialize};

/// A row of form 1.
#[derive(Debug, Clone, Serialize, Deserialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Form1Row {
    pub tambon_code: String,
    pub tambon_name: String,
    pub coordinator: String,
    pub budget_satang: i64,
    pub plan_id: Option<i64>,
    #[sqlx(try_from = "crate::db::OptIsoDate")]
    pub delivered_lao_on: Option<time::Date>,
    #[sqlx(try_from = "crate::db::OptIsoDate")]
    pub delivered_district_on: Option<time::Date>,
    pub made_quarter: Option<i64>,
}

/// Form 1 of the target tambons under an area prefix: $1 the fiscal year (BE), $2 and $3 the ends
/// of the tambon codes under the prefix (`db::Query::bind_prefix`). The same for `FORM2`, `FORM3`.
pub const FORM1: &str = "SELECT t.tambon_code, a.name_th AS tambon_name, t.coordinator, t.budget_satang, pl.id AS plan_id, \
            pl.delivered_lao_on, pl.delivered_district_on, pl.made_quarter \
     FROM target_tambons t JOIN areas a ON a.code = t.tambon_code \
     LEFT JOIN plans pl ON pl.kind = 'tambon' AND pl.owner_key = t.tambon_code AND pl.first_year = t.fiscal_year \
     WHERE t.fiscal_year = $1 AND t.tambon_code >= $2 AND t.tambon_code < $3 ORDER BY t.tambon_code";

/// The area a register is asked for: a province, district or tambon that exists (else not
/// found); its code is the prefix the registers are counted under.
pub async fn area(db: &Db, code: &str) -> Result<crate::areas::Area, crate::error::AppError> {
    use crate::areas::Level;
    crate::areas::get(db, code)
        .await?
        .filter(|a| matches!(a.level, Level::Province | Level::District | Level::Tambon))
        .ok_or_else(|| crate::error::Problem::not_found(crate::error::Thing::AnyArea, code).into())
}

pub async fn form1(db: &Db, area_prefix: &str, year: i64) -> anyhow::Result<Vec<Form1Row>> {
    Ok(db::query_as::<Form1Row>(FORM1)
        .bind(year)
        .bind_prefix(area_prefix)
        .fetch_all(db)
        .await?)
}

/// A project row of forms 2 and 3.
#[derive(Debug, Clone, Serialize, Deserialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct ProjectRow {
    pub tambon_code: String,
    pub project_id: i64,
    pub title: String,
    pub format: String,
    pub budget_satang: i64,
    pub target_villages: Option<i64>,
    pub target_households: Option<i64>,
    pub target_people: Option<i64>,
    #[sqlx(try_from = "crate::db::OptIsoDate")]
    pub starts_on: Option<time::Date>,
    #[sqlx(try_from = "crate::db::OptIsoDate")]
    pub ends_on: Option<time::Date>,
}

/// The projects of the target tambons' plans that meet a condition on `p` (the project).
macro_rules! projects_where {
    ($condition:expr) => {
        concat!(
            "SELECT pl.owner_key AS tambon_code, p.id AS project_id, p.title, p.format, i.amount_satang AS budget_satang, \
                    p.target_villages, p.target_households, p.target_people, p.starts_on, p.ends_on \
             FROM target_tambons t JOIN plans pl ON pl.kind = 'tambon' AND pl.owner_key = t.tambon_code AND pl.first_year = t.fiscal_year \
             JOIN plan_items i ON i.plan_id = pl.id JOIN projects p ON p.id = i.project_id \
             WHERE t.fiscal_year = $1 AND t.tambon_code >= $2 AND t.tambon_code < $3 AND (",
            $condition,
            ") ORDER BY pl.owner_key, CASE WHEN i.rank IS NULL THEN 1 ELSE 0 END, i.rank, p.id"
        )
    };
}

// The conditions on a tambon plan's item `i`, tested before its project is read.
macro_rules! put_to_use {
    () => {
        "EXISTS (SELECT 1 FROM project_progress g WHERE g.project_id = i.project_id AND g.status IN ('under_way', 'done'))"
    };
}
// linked (seed 000: "โครงการที่มีการเชื่อมโยงหรือโครงการที่ขอรับสนับสนุนงบประมาณกับ อปท."): held
// by the local plan in force for the year after (Y+1) or the draft budget of Y+1 of an LAO whose
// own project it is (in a shared tambon, raised in one of that LAO's villages: `areas::units`),
// or the LAO's budget support was requested for it from this tambon plan, adopted or not
macro_rules! linked {
    () => {
        concat!(
            "(EXISTS (SELECT 1 FROM plan_items x JOIN plans lp ON lp.id = x.plan_id \
             JOIN lao_coverage c ON c.lao_id = lp.lao_id AND c.area_code = pl.owner_key \
             JOIN projects p ON p.id = x.project_id \
             WHERE x.project_id = i.project_id AND ((lp.kind = 'local' AND lp.first_year <= t.fiscal_year + 1 \
             AND lp.last_year >= t.fiscal_year + 1) OR (lp.kind = 'budget' AND lp.first_year = t.fiscal_year + 1)) AND ",
            crate::areas::units::own_project!(),
            ") OR EXISTS (SELECT 1 FROM lao_budget_requests r JOIN lao_coverage c ON c.lao_id = r.lao_id \
             AND c.area_code = pl.owner_key WHERE r.plan_id = pl.id AND r.project_id = i.project_id))"
        )
    };
}

/// Form 2: projects of the target tambons' plans that were put to use — carried out (under
/// way or done, by a progress report) in the management of the community.
pub const FORM2: &str = projects_where!(put_to_use!());

/// Form 3: projects of the target tambons' plans linked with the LAO — in the LAO's local
/// development plan or draft budget for the year after — or for which its budget support was
/// requested (`budget_requests`).
pub const FORM3: &str = projects_where!(linked!());

async fn projects(
    db: &Db,
    sql: &'static str,
    area_prefix: &str,
    year: i64,
) -> anyhow::Result<Vec<ProjectRow>> {
    Ok(db::query_as::<ProjectRow>(sql)
        .bind(year)
        .bind_prefix(area_prefix)
        .fetch_all(db)
        .await?)
}

pub async fn form2(db: &Db, area_prefix: &str, year: i64) -> anyhow::Result<Vec<ProjectRow>> {
    projects(db, FORM2, area_prefix, year).await
}

pub async fn form3(db: &Db, area_prefix: &str, year: i64) -> anyhow::Result<Vec<ProjectRow>> {
    projects(db, FORM3, area_prefix, year).await
}

/// The registers' counts for one district: what a province or the country looks at first.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[schema(as = RegisterCounts)]
pub struct Counts {
    pub district_code: String,
    /// Form 1: target tambons, and how many have their tambon plan of the year.
    pub target_tambons: i64,
    pub plans: i64,
    /// Rows of forms 2 and 3.
    pub put_to_use: i64,
    pub linked: i64,
}

/// The counts of every district under an area in one statement: $1 the fiscal year, $2 and $3
/// the ends of the tambon codes under the prefix.
pub const COUNTS: &str = concat!(
    "SELECT a.parent_code AS district_code, CAST(COUNT(DISTINCT t.tambon_code) AS BIGINT) AS target_tambons, \
            CAST(COUNT(DISTINCT pl.id) AS BIGINT) AS plans, \
            CAST(COALESCE(SUM(CASE WHEN i.project_id IS NOT NULL AND ",
    put_to_use!(),
    " THEN 1 ELSE 0 END), 0) AS BIGINT) AS put_to_use, \
            CAST(COALESCE(SUM(CASE WHEN i.project_id IS NOT NULL AND ",
    linked!(),
    " THEN 1 ELSE 0 END), 0) AS BIGINT) AS linked \
     FROM target_tambons t JOIN areas a ON a.code = t.tambon_code \
     LEFT JOIN plans pl ON pl.kind = 'tambon' AND pl.owner_key = t.tambon_code AND pl.first_year = t.fiscal_year \
     LEFT JOIN plan_items i ON i.plan_id = pl.id \
     WHERE t.fiscal_year = $1 AND t.tambon_code >= $2 AND t.tambon_code < $3 \
     GROUP BY a.parent_code ORDER BY a.parent_code"
);

pub async fn counts(db: &Db, area_prefix: &str, year: i64) -> anyhow::Result<Vec<Counts>> {
    Ok(db::query_as::<Counts>(COUNTS)
        .bind(year)
        .bind_prefix(area_prefix)
        .fetch_all(db)
        .await?)
}

/// Whether the user may submit an area's reports: a district's, by its officers (the rule every
/// submission enforces through `plans::access`).
pub async fn may_submit(
    db: &Db,
    user: Option<&crate::accounts::User>,
    area: &crate::areas::Area,
) -> anyhow::Result<bool> {
    Ok(area.level == crate::areas::Level::District
        && crate::plans::access::may_write(db, user, &crate::plans::Owner::Area(area.clone()))
            .await?)
}

/// Submits one register of a district as the records stand now (a new version each time).
pub async fn submit(
    db: &Db,
    user: &crate::accounts::User,
    district: &str,
    year: i64,
    kind: &'static str,
) -> Result<crate::reporting::Submission, crate::error::AppError> {
    use crate::error::AppError;
    use crate::reporting::{self, NewSubmission};
    let area = crate::areas::get(db, district)
        .await?
        .filter(|a| a.level == crate::areas::Level::District)
        .ok_or_else(|| {
            AppError::from(crate::error::Problem::not_found(
                crate::error::Thing::District,
                district,
            ))
        })?;
    crate::plans::access::check_owner_write(
        db,
        user,
        &crate::plans::Owner::Area(area),
        kind,
        district,
    )
    .await?;
    let rows = match kind {
        reporting::REGISTER_1 => serde_json::to_value(form1(db, district, year).await?),
        reporting::REGISTER_2 => serde_json::to_value(form2(db, district, year).await?),
        reporting::REGISTER_3 => serde_json::to_value(form3(db, district, year).await?),
        _ => {
            return Err(crate::error::Problem::Unknown {
                field: crate::error::Field::Report,
                typed: kind.to_string(),
                choices: Vec::new(),
            }
            .into());
        }
    }
    .map_err(anyhow::Error::from)?;
    let mut tx = db.begin_write().await?;
    let s = reporting::submissions::submit(
        &mut tx,
        user,
        NewSubmission {
            kind,
            unit_key: district.to_string(),
            area_code: district.to_string(),
            lao_id: None,
            fiscal_year: year,
            period: String::new(),
            payload: serde_json::json!({"rows": rows, "signed_by": user.display_name, "position": user.position}),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(s)
}
