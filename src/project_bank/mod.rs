//! The Tambon Project Bank (คลังข้อมูลโครงการเพื่อการพัฒนาพื้นที่ระดับตำบล, seed 004): development
//! projects proposed at tambon level, from which a Role Model district selects (`role_model`).
//! An entry is a project record — the tambon plan's own, with its lineage, or a new one — with
//! what the bank asks: the tambons it covers, the amount, the months, the site's readiness and
//! the consent of the people and agencies concerned.

pub mod input;

use crate::accounts::User;
use crate::areas::{self, Area, Level};
use crate::audit::{self, Change};
use crate::db::{self, Db, now_text};
use crate::dimensions::Dimension;
use crate::error::{AppError, Problem, RoleModelProblem, Thing};
use crate::plans::{Owner, access};
use input::{Checked, EntryInput, Source};
use serde::Serialize;

/// A bank entry as the bank's page and the API show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = BankEntry)]
pub struct Entry {
    pub id: i64,
    pub project_id: i64,
    pub title: String,
    pub dimension: Dimension,
    /// The bank's name for the dimension ("ด้านสังคม สาธารณสุข และคุณภาพชีวิต" for the second).
    pub dimension_th: String,
    pub district_code: String,
    /// The tambons it covers, by code, and their names ("ทุกตำบล" when all of the district's).
    pub tambons: Vec<String>,
    pub tambons_th: String,
    pub target_villages: i64,
    pub target_households: i64,
    pub budget_satang: i64,
    pub months: i64,
    pub site_ready: bool,
    pub consent: String,
    /// Taken from the tambon plan (its lineage goes on) or new to the bank.
    pub from_plan: bool,
    /// The fiscal years of the Role Model rounds it was selected for, newest first.
    pub selected_in: Vec<i64>,
    pub version: i64,
}

/// The bank's name for a dimension: the circular calls the second "ด้านสังคม สาธารณสุข และ
/// คุณภาพชีวิต".
pub fn dimension_th(d: Dimension) -> &'static str {
    match d {
        Dimension::Society => "ด้านสังคม สาธารณสุข และคุณภาพชีวิต",
        d => d.th(),
    }
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    project_id: i64,
    title: String,
    dimension: Dimension,
    district_code: String,
    target_villages: Option<i64>,
    target_households: Option<i64>,
    budget_satang: i64,
    months: i64,
    #[sqlx(try_from = "crate::db::Flag")]
    site_ready: bool,
    consent: String,
    origin_plan_id: Option<i64>,
    version: i64,
}

const SELECT: &str = "SELECT b.id, b.project_id, p.title, p.dimension, b.district_code, p.target_villages, \
     p.target_households, b.budget_satang, b.months, b.site_ready, b.consent, p.origin_plan_id, b.version \
     FROM bank_projects b JOIN projects p ON p.id = b.project_id";

/// What the bank is browsed by; every part may be left empty.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::IntoParams, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[into_params(parameter_in = Query)]
pub struct Filter {
    /// A province, district or tambon code: the entries covering it.
    #[serde(default)]
    pub area: String,
    #[serde(default)]
    pub dimension: String,
    /// Baht, as typed.
    #[serde(default)]
    pub min_budget: String,
    #[serde(default)]
    pub max_budget: String,
    /// "1" ready sites only, "0" not ready only.
    #[serde(default)]
    pub ready: String,
    /// "open" not selected yet, "selected" selected for a round.
    #[serde(default)]
    pub status: String,
    /// Words of the title, as typed (normalised like every Thai text).
    #[serde(default)]
    pub q: String,
}

/// The entries of the bank under an area that match the filter, by district then newest.
pub async fn browse(db: &Db, f: &Filter) -> Result<Vec<Entry>, AppError> {
    let checked = input::filter(f)?;
    let (from, to) = db::prefix_range(&checked.area[..checked.area.len().min(4)]);
    let rows: Vec<Row> = db::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE b.district_code >= $1 AND b.district_code < $2 ORDER BY b.district_code, b.id DESC"
    )))
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await?;
    let mut entries = complete(db, rows).await?;
    entries.retain(|e| checked.admits(e));
    Ok(entries)
}

/// One entry.
pub async fn get(db: &Db, id: i64) -> anyhow::Result<Option<Entry>> {
    let rows: Vec<Row> = db::query_as(sqlx::AssertSqlSafe(format!("{SELECT} WHERE b.id = $1")))
        .bind(id)
        .fetch_all(db)
        .await?;
    Ok(complete(db, rows).await?.pop())
}

/// Every entry of a district's bank, with what the screening reads of each project besides
/// its title: its objective, by bank id.
pub async fn of_district(
    db: &Db,
    district: &str,
) -> anyhow::Result<(Vec<Entry>, std::collections::HashMap<i64, String>)> {
    let rows: Vec<Row> = db::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE b.district_code = $1 ORDER BY b.id"
    )))
    .bind(district)
    .fetch_all(db)
    .await?;
    let objectives: Vec<(i64, String)> = db::query_as(
        "SELECT b.id, p.objective FROM bank_projects b JOIN projects p ON p.id = b.project_id WHERE b.district_code = $1",
    )
    .bind(district)
    .fetch_all(db)
    .await?;
    Ok((complete(db, rows).await?, objectives.into_iter().collect()))
}

/// The bank entry of a project, if it is in the bank.
pub async fn of_project(db: &Db, project_id: i64) -> anyhow::Result<Option<Entry>> {
    let rows: Vec<Row> = db::query_as(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE b.project_id = $1"
    )))
    .bind(project_id)
    .fetch_all(db)
    .await?;
    Ok(complete(db, rows).await?.pop())
}

/// The rows with their tambons and rounds.
async fn complete(db: &Db, rows: Vec<Row>) -> anyhow::Result<Vec<Entry>> {
    let mut out = Vec::with_capacity(rows.len());
    let districts: std::collections::BTreeSet<&str> =
        rows.iter().map(|r| r.district_code.as_str()).collect();
    let mut tambons_of: std::collections::HashMap<i64, Vec<String>> = Default::default();
    let mut rounds_of: std::collections::HashMap<i64, Vec<i64>> = Default::default();
    let mut names: std::collections::HashMap<String, String> = Default::default();
    let mut all_tambons: std::collections::HashMap<String, usize> = Default::default();
    for d in districts {
        let (from, to) = db::prefix_range(d);
        let t: Vec<(i64, String)> = db::query_as(
            "SELECT t.bank_id, t.tambon_code FROM bank_project_tambons t JOIN bank_projects b ON b.id = t.bank_id \
             WHERE b.district_code = $1 ORDER BY t.tambon_code",
        )
        .bind(d)
        .fetch_all(db)
        .await?;
        for (id, code) in t {
            tambons_of.entry(id).or_default().push(code);
        }
        let r: Vec<(i64, i64)> = db::query_as(
            "SELECT s.bank_id, r.fiscal_year FROM role_model_selections s \
             JOIN role_model_districts e ON e.id = s.entry_id JOIN role_model_rounds r ON r.id = e.round_id \
             WHERE e.district_code = $1 ORDER BY r.fiscal_year DESC",
        )
        .bind(d)
        .fetch_all(db)
        .await?;
        for (id, year) in r {
            rounds_of.entry(id).or_default().push(year);
        }
        let under: Vec<(String, String)> = db::query_as(
            "SELECT code, name_th FROM areas WHERE level = 'tambon' AND code >= $1 AND code < $2",
        )
        .bind(from)
        .bind(to)
        .fetch_all(db)
        .await?;
        all_tambons.insert(d.to_string(), under.len());
        names.extend(under);
    }
    for r in rows {
        let tambons = tambons_of.remove(&r.id).unwrap_or_default();
        let tambons_th = if Some(&tambons.len()) == all_tambons.get(&r.district_code) {
            "ทุกตำบลในอำเภอ".to_string()
        } else {
            tambons
                .iter()
                .map(|c| format!("ตำบล{}", names.get(c).map_or(c.as_str(), |n| n.as_str())))
                .collect::<Vec<_>>()
                .join(" ")
        };
        out.push(Entry {
            id: r.id,
            project_id: r.project_id,
            title: r.title,
            dimension_th: dimension_th(r.dimension).to_string(),
            dimension: r.dimension,
            district_code: r.district_code,
            tambons,
            tambons_th,
            target_villages: r.target_villages.unwrap_or(0),
            target_households: r.target_households.unwrap_or(0),
            budget_satang: r.budget_satang,
            months: r.months,
            site_ready: r.site_ready,
            consent: r.consent,
            from_plan: r.origin_plan_id.is_some(),
            selected_in: rounds_of.remove(&r.id).unwrap_or_default(),
            version: r.version,
        });
    }
    Ok(out)
}

/// The district an area lies in (a district, or a tambon of it).
async fn district_of(db: &Db, code: &str) -> Result<Area, AppError> {
    let code = crate::thai::to_arabic_digits(code.trim());
    let d = match code.len() {
        4 | 6 => areas::get(db, &code[..4]).await?,
        _ => None,
    };
    d.filter(|a| a.level == Level::District)
        .ok_or_else(|| Problem::not_found(Thing::District, code).into())
}

/// Puts a project into the district's bank: a project of one of its tambon plans, or a new one.
/// The user must write the plans of every tambon it covers.
pub async fn put(
    db: &Db,
    user: &User,
    district: &str,
    input: &EntryInput,
) -> Result<Entry, AppError> {
    let district = district_of(db, district).await?;
    let c: Checked = input::check(db, &district, input).await?;
    for t in &c.tambons {
        access::check_owner_write(db, user, &Owner::Area(t.clone()), "bank_project", &t.code)
            .await?;
    }
    let now = now_text();
    let mut tx = db.begin_write().await?;
    let project_id = match &c.source {
        Source::Plan(p) => {
            let there: Option<i64> =
                db::query_scalar("SELECT id FROM bank_projects WHERE project_id = $1")
                    .bind(p.id)
                    .fetch_optional(&mut tx)
                    .await?;
            if there.is_some() {
                return Err(RoleModelProblem::InBankAlready {
                    title: p.title.clone(),
                }
                .into());
            }
            p.id
        }
        Source::New { title, dimension } => {
            let (area, reach) = match c.tambons.as_slice() {
                [one] => (one.code.clone(), "tambon"),
                _ if c.whole_district => (district.code.clone(), "district"),
                _ => (district.code.clone(), "tambons"),
            };
            db::query_scalar(
                "INSERT INTO projects (title, dimension, area_code, reach, target_villages, target_households, \
                 budget_satang, executor, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, 'agency', $8, $8) RETURNING id",
            )
            .bind(title)
            .bind(dimension.as_str())
            .bind(area)
            .bind(reach)
            .bind(c.target_villages)
            .bind(c.target_households)
            .bind(c.budget_satang)
            .bind(&now)
            .fetch_one(&mut tx)
            .await?
        }
    };
    if let Source::Plan(_) = &c.source {
        // the bank's targets are the project's own: one record, as the tambon plan keeps it
        db::query(
            "UPDATE projects SET target_villages = $1, target_households = $2, updated_at = $3, version = version + 1 WHERE id = $4",
        )
        .bind(c.target_villages)
        .bind(c.target_households)
        .bind(&now)
        .bind(project_id)
        .execute(&mut tx)
        .await?;
    }
    let id: i64 = db::query_scalar(
        "INSERT INTO bank_projects (project_id, district_code, budget_satang, months, site_ready, consent, created_by, created_at, updated_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $8) RETURNING id",
    )
    .bind(project_id)
    .bind(&district.code)
    .bind(c.budget_satang)
    .bind(c.months)
    .bind(i64::from(c.site_ready))
    .bind(&c.consent)
    .bind(&user.username)
    .bind(&now)
    .fetch_one(&mut tx)
    .await?;
    for t in &c.tambons {
        db::query("INSERT INTO bank_project_tambons (bank_id, tambon_code) VALUES ($1, $2)")
            .bind(id)
            .bind(&t.code)
            .execute(&mut tx)
            .await?;
    }
    audit::record(
        &mut tx,
        &user.actor(),
        Change {
            action: "create",
            entity: "bank_project",
            entity_key: id.to_string(),
            area_code: district.code.clone(),
            lao_id: None,
            before: None,
            after: Some(serde_json::json!({
                "project_id": project_id, "tambons": c.tambons.iter().map(|t| &t.code).collect::<Vec<_>>(),
                "budget_satang": c.budget_satang, "months": c.months, "site_ready": c.site_ready,
                "consent": c.consent, "targets": [c.target_villages, c.target_households],
            })),
            note: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(get(db, id).await?.ok_or_else(AppError::not_found)?)
}

/// The tambon plans' projects of a district that may go into the bank (not there yet), for the
/// bank's form: id and title, by tambon.
pub async fn from_plans(db: &Db, district: &str) -> Result<Vec<(i64, String, String)>, AppError> {
    let district = district_of(db, district).await?;
    let (from, to) = db::prefix_range(&district.code);
    Ok(db::query_as(
        "SELECT DISTINCT p.id, p.title, p.area_code FROM projects p JOIN plan_items i ON i.project_id = p.id \
         JOIN plans pl ON pl.id = i.plan_id \
         WHERE pl.kind = 'tambon' AND pl.area_code >= $1 AND pl.area_code < $2 AND p.merged_into IS NULL \
           AND NOT EXISTS (SELECT 1 FROM bank_projects b WHERE b.project_id = p.id) \
         ORDER BY p.area_code, p.id",
    )
    .bind(from)
    .bind(to)
    .fetch_all(db)
    .await?)
}
