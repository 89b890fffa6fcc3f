//! A month of the chain as each level reads it: the district sees its model LAOs' reports and
//! their reviews, the province its districts' forwards, the department its provinces'. Each
//! shows what was forwarded beside today's records, the deadline, and who has not sent.

use super::{Carried, DistrictForward, ProvinceForward, Review, Sent, Stage, Tally, Verdict};
use crate::db::{self, Db};
use crate::error::{AppError, Problem, Thing};
use crate::kpi::monthly::Monthly;
use crate::reporting::expected::{self, Basis};
use crate::reporting::{KPI32_DISTRICT, KPI32_MONTHLY, KPI32_PROVINCE, submissions};
use serde::Serialize;
use std::collections::HashMap;

/// One model LAO's report of the month, as its district sees it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LaoReport {
    pub lao_id: i64,
    pub lao_name: String,
    /// The newest version submitted, as signed.
    pub latest: Option<Sent<Monthly>>,
    pub review: Option<Review>,
    pub stage: Stage,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DistrictMonth {
    pub district_code: String,
    pub name_th: String,
    pub fiscal_year: i64,
    /// 'YYYY-MM' (CE).
    pub period: String,
    pub period_th: String,
    pub due_on: Option<time::Date>,
    pub laos: Vec<LaoReport>,
    pub forwarded: Option<Sent<DistrictForward>>,
    /// The province has forwarded the month: the district can no longer change it.
    pub moved_on: bool,
    /// Over what was forwarded, and over today's records.
    pub forwarded_tally: Tally,
    pub live: Tally,
}

/// A district as its province sees the month.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DistrictRow {
    pub district_code: String,
    pub name_th: String,
    pub stage: Stage,
    pub forward: Option<Sent<DistrictForward>>,
    pub tally: Tally,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProvinceMonth {
    pub province_code: String,
    pub name_th: String,
    pub fiscal_year: i64,
    pub period: String,
    pub period_th: String,
    pub due_on: Option<time::Date>,
    pub districts: Vec<DistrictRow>,
    pub forwarded: Option<Sent<ProvinceForward>>,
    pub forwarded_tally: Tally,
    pub live: Tally,
}

/// A province as the department sees the month.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ProvinceRow {
    pub province_code: String,
    pub name_th: String,
    pub stage: Stage,
    pub version: Option<i64>,
    pub submitted_on: Option<time::Date>,
    pub late: bool,
    pub districts: i64,
    pub tally: Tally,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DepartmentMonth {
    pub fiscal_year: i64,
    pub period: String,
    pub period_th: String,
    pub due_on: Option<time::Date>,
    pub provinces: Vec<ProvinceRow>,
    pub forwarded_tally: Tally,
    pub live: Tally,
}

/// The months of the chain in a fiscal year: May to September, as 'YYYY-MM' (CE).
pub fn months_of(year: i64) -> Vec<String> {
    let ce = year - 543;
    (5..=9).map(|m| format!("{ce}-{m:02}")).collect()
}

/// The month asked for, checked; else the latest month of the year that has begun (May before).
pub fn month_or_latest(typed: Option<&str>, year: i64) -> Result<String, AppError> {
    if let Some(t) = typed.filter(|t| !t.trim().is_empty()) {
        return crate::kpi::monthly::check_period(t, year);
    }
    let today = crate::thai::fiscal::today_in_thailand();
    let now = format!("{:04}-{:02}", today.year(), today.month() as u8);
    let months = months_of(year);
    Ok(months
        .iter()
        .rev()
        .find(|m| **m <= now)
        .unwrap_or(&months[0])
        .clone())
}

async fn due_on(
    db: &Db,
    year: i64,
    kind: &str,
    period: &str,
) -> anyhow::Result<Option<time::Date>> {
    let due: Option<String> = db::query_scalar(
        "SELECT due_on FROM deadlines WHERE fiscal_year = $1 AND kind = $2 AND period = $3",
    )
    .bind(year)
    .bind(kind)
    .bind(period)
    .fetch_optional(db)
    .await?;
    Ok(due.as_deref().and_then(crate::db::types::parse_iso))
}

/// The reviews of some submissions, by submission.
pub async fn reviews(db: &Db, ids: &[i64]) -> anyhow::Result<HashMap<i64, Review>> {
    let mut out = HashMap::new();
    for chunk in ids.chunks(500) {
        let marks = (1..=chunk.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut q = db::query_as::<Review>(sqlx::AssertSqlSafe(format!(
            "SELECT submission_id, verdict, reason, reviewed_at, reviewed_by FROM submission_reviews WHERE submission_id IN ({marks})"
        )));
        for id in chunk {
            q = q.bind(*id);
        }
        for r in q.fetch_all(db).await? {
            out.insert(r.submission_id, r);
        }
    }
    Ok(out)
}

fn stage_of(latest: Option<&Sent<Monthly>>, review: Option<&Review>) -> Stage {
    match (latest, review) {
        (None, _) => Stage::Missing,
        (Some(_), None) => Stage::Awaiting,
        (Some(_), Some(r)) if r.verdict == Verdict::Accepted => Stage::Accepted,
        (Some(_), Some(_)) => Stage::Returned,
    }
}

async fn place(
    db: &Db,
    code: &str,
    level: crate::areas::Level,
) -> Result<crate::areas::Area, AppError> {
    let thing = match level {
        crate::areas::Level::Province => Thing::Province,
        _ => Thing::District,
    };
    crate::areas::get(db, code)
        .await?
        .filter(|a| a.level == level)
        .ok_or_else(|| Problem::not_found(thing, code).into())
}

fn live(r: &crate::kpi::rollup::Rollup) -> Tally {
    Tally::of(r.rows.iter().map(|row| &row.report))
}

/// The district's month: each model LAO's newest report and its review, the district's forward.
pub async fn district(
    db: &Db,
    code: &str,
    year: i64,
    period: &str,
) -> Result<DistrictMonth, AppError> {
    let area = place(db, code, crate::areas::Level::District).await?;
    let models = crate::kpi::model_laos::current(db, year, code).await?;
    let mut latest = Vec::new();
    for m in &models {
        let key = expected::lao_unit_key(m.lao_id);
        let s = submissions::latest(db, KPI32_MONTHLY, &key, year, period).await?;
        latest.push(s.as_ref().map(Sent::<Monthly>::read).transpose()?);
    }
    let ids: Vec<i64> = latest.iter().flatten().map(|s| s.submission_id).collect();
    let mut reviews = reviews(db, &ids).await?;
    let laos = models
        .into_iter()
        .zip(latest)
        .map(|(m, latest)| {
            let review = latest
                .as_ref()
                .and_then(|s| reviews.remove(&s.submission_id));
            LaoReport {
                stage: stage_of(latest.as_ref(), review.as_ref()),
                lao_id: m.lao_id,
                lao_name: m.lao_name,
                latest,
                review,
            }
        })
        .collect();
    let forwarded = submissions::latest(db, KPI32_DISTRICT, code, year, period)
        .await?
        .as_ref()
        .map(Sent::<DistrictForward>::read)
        .transpose()?;
    let moved_on = submissions::latest(db, KPI32_PROVINCE, &code[..2], year, period)
        .await?
        .is_some();
    let rollup = crate::kpi::rollup::of_area(db, code, year).await?;
    Ok(DistrictMonth {
        district_code: code.to_string(),
        name_th: format!("อำเภอ{}", area.name_th).replace("อำเภอเขต", "เขต"),
        fiscal_year: year,
        period: period.to_string(),
        period_th: crate::reporting::calendar::period_th(period),
        due_on: due_on(db, year, KPI32_DISTRICT, period).await?,
        laos,
        forwarded_tally: forwarded
            .as_ref()
            .map(|f| Tally::of(f.report.carried.iter().map(|c| &c.report)))
            .unwrap_or_default(),
        forwarded,
        moved_on,
        live: live(&rollup),
    })
}

/// The province's month: each district that owes a forward, and the province's own forward.
pub async fn province(
    db: &Db,
    code: &str,
    year: i64,
    period: &str,
) -> Result<ProvinceMonth, AppError> {
    let area = place(db, code, crate::areas::Level::Province).await?;
    let owing = expected::units(db, Basis::ModelLaoDistricts, year, code).await?;
    let mut sent: HashMap<String, Sent<DistrictForward>> = HashMap::new();
    for s in submissions::reported_units(db, KPI32_DISTRICT, year, period, code).await? {
        sent.insert(s.unit_key.clone(), Sent::read(&s)?);
    }
    let mut districts: Vec<DistrictRow> = owing
        .into_iter()
        .map(|u| {
            let forward = sent.remove(&u.unit_key);
            DistrictRow {
                stage: if forward.is_some() {
                    Stage::Forwarded
                } else {
                    Stage::Missing
                },
                tally: forward
                    .as_ref()
                    .map(|f| Tally::of(f.report.carried.iter().map(|c| &c.report)))
                    .unwrap_or_default(),
                district_code: u.unit_key,
                name_th: u.name_th,
                forward,
            }
        })
        .collect();
    // a district that forwarded and has since lost its model LAO still shows what it sent
    for (key, forward) in sent {
        districts.push(DistrictRow {
            stage: Stage::Forwarded,
            tally: Tally::of(forward.report.carried.iter().map(|c| &c.report)),
            name_th: forward.report.name_th.clone(),
            district_code: key,
            forward: Some(forward),
        });
    }
    districts.sort_by(|a, b| a.district_code.cmp(&b.district_code));
    let forwarded = submissions::latest(db, KPI32_PROVINCE, code, year, period)
        .await?
        .as_ref()
        .map(Sent::<ProvinceForward>::read)
        .transpose()?;
    let rollup = crate::kpi::rollup::of_area(db, code, year).await?;
    Ok(ProvinceMonth {
        province_code: code.to_string(),
        name_th: format!("จังหวัด{}", area.name_th).replace("จังหวัดกรุงเทพมหานคร", "กรุงเทพมหานคร"),
        fiscal_year: year,
        period: period.to_string(),
        period_th: crate::reporting::calendar::period_th(period),
        due_on: due_on(db, year, KPI32_PROVINCE, period).await?,
        districts,
        forwarded_tally: forwarded
            .as_ref()
            .map(|f| Tally::of(f.report.reports().map(|c| &c.report)))
            .unwrap_or_default(),
        forwarded,
        live: live(&rollup),
    })
}

/// The department's month: every province that owes a forward, and what each sent.
pub async fn department(db: &Db, year: i64, period: &str) -> Result<DepartmentMonth, AppError> {
    let owing = expected::units(db, Basis::ModelLaoProvinces, year, "").await?;
    let mut sent: HashMap<String, Sent<ProvinceForward>> = HashMap::new();
    for s in submissions::reported_units(db, KPI32_PROVINCE, year, period, "").await? {
        sent.insert(s.unit_key.clone(), Sent::read(&s)?);
    }
    let mut all: Vec<&Carried> = Vec::new();
    let mut provinces = Vec::new();
    for u in owing {
        let f = sent.get(&u.unit_key);
        if let Some(f) = f {
            all.extend(f.report.reports());
        }
        provinces.push(ProvinceRow {
            stage: if f.is_some() {
                Stage::Forwarded
            } else {
                Stage::Missing
            },
            version: f.map(|f| f.version),
            submitted_on: f.map(|f| f.submitted_on),
            late: f.is_some_and(|f| f.late),
            districts: f.map(|f| f.report.districts.len() as i64).unwrap_or(0),
            tally: f
                .map(|f| Tally::of(f.report.reports().map(|c| &c.report)))
                .unwrap_or_default(),
            province_code: u.unit_key,
            name_th: u.name_th,
        });
    }
    let rollup = crate::kpi::rollup::of_area(db, "", year).await?;
    Ok(DepartmentMonth {
        fiscal_year: year,
        period: period.to_string(),
        period_th: crate::reporting::calendar::period_th(period),
        due_on: due_on(db, year, KPI32_PROVINCE, period).await?,
        provinces,
        forwarded_tally: Tally::of(all.into_iter().map(|c| &c.report)),
        live: live(&rollup),
    })
}

/// Where an LAO's newest report of each month stands with its district.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct LaoMonth {
    pub period: String,
    pub version: i64,
    pub stage: Stage,
    pub reason: String,
}

pub async fn of_lao(db: &Db, lao_id: i64, year: i64) -> anyhow::Result<Vec<LaoMonth>> {
    let key = expected::lao_unit_key(lao_id);
    let mut newest = Vec::new();
    for period in months_of(year) {
        if let Some(s) = submissions::latest(db, KPI32_MONTHLY, &key, year, &period).await? {
            newest.push((period, s));
        }
    }
    let ids: Vec<i64> = newest.iter().map(|(_, s)| s.id).collect();
    let mut reviews = reviews(db, &ids).await?;
    Ok(newest
        .into_iter()
        .map(|(period, s)| {
            let r = reviews.remove(&s.id);
            LaoMonth {
                stage: match &r {
                    None => Stage::Awaiting,
                    Some(r) if r.verdict == Verdict::Accepted => Stage::Accepted,
                    Some(_) => Stage::Returned,
                },
                reason: r.map(|r| r.reason).unwrap_or_default(),
                version: s.version,
                period,
            }
        })
        .collect())
}
