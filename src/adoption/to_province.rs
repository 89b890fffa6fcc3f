//! The district plan sent to the province (seed 003; the calendar's 15 มิ.ย., two fiscal years
//! before the plan year): the projects of the district's five-year plan for one plan year that
//! ก.บ.อ. approved, each ranked and aligned with a provincial development issue, as a
//! submission (kind `district_plan`, every version kept). What is not approved, ranked or
//! aligned cannot be sent; the province reads each district's submission and who sent none.

use super::items::{self, Item};
use crate::accounts::{Agency, User};
use crate::db::{self, Db};
use crate::error::{AppError, ChainProblem, Problem, Thing};
use crate::plans::{Owner, Plan, PlanKind};
use crate::reporting::{self, DISTRICT_PLAN, Submission, submissions};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;

/// Who sends the district plan: ที่ทำการปกครองอำเภอ, which keeps it.
pub const SENDS: Agency = Agency::DopaDistrict;

/// One project of the plan year as sent (or as it would be).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct SentProject {
    pub project_id: i64,
    pub title: String,
    pub area_code: String,
    pub rank: Option<i64>,
    pub issue_id: Option<i64>,
    pub issue_title: String,
    pub amount_satang: i64,
}

impl SentProject {
    /// What the project lacks before it can be sent: "ลำดับความสำคัญ", "ประเด็นการพัฒนาจังหวัด".
    pub fn lacks(&self) -> Vec<&'static str> {
        let mut out = Vec::new();
        if self.rank.is_none() {
            out.push("ลำดับความสำคัญ");
        }
        if self.issue_id.is_none() {
            out.push("ประเด็นการพัฒนาจังหวัด");
        }
        out
    }
}

/// What a district sent: the plan, its year, the approval and the projects.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct DistrictPlanSent {
    pub plan_id: i64,
    pub plan_year: i64,
    pub district_code: String,
    pub name_th: String,
    pub committee_approved_on: time::Date,
    pub projects: Vec<SentProject>,
    pub total_satang: i64,
}

/// The plan year of a district plan as its sender sees it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct ToProvince {
    pub plan_id: i64,
    pub plan_year: i64,
    pub committee_approved_on: Option<time::Date>,
    pub projects: Vec<SentProject>,
    pub due_on: Option<time::Date>,
    /// Every version sent for the plan year, newest first.
    pub sent: Vec<Submission>,
}

/// A district as its province sees a plan year.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DistrictRow {
    pub district_code: String,
    pub name_th: String,
    pub version: Option<i64>,
    pub submitted_on: Option<String>,
    pub late: bool,
    pub projects: i64,
    pub total_satang: i64,
}

/// The fiscal year whose 15 June the plan year's projects are due (two years before).
pub fn report_year(plan_year: i64) -> i64 {
    plan_year - 2
}

async fn issues(db: &Db, province: &str) -> anyhow::Result<HashMap<i64, String>> {
    let rows: Vec<(i64, i64, String)> =
        db::query_as("SELECT id, seq, title FROM development_issues WHERE province_code = $1")
            .bind(province)
            .fetch_all(db)
            .await?;
    Ok(rows
        .into_iter()
        .map(|(id, seq, t)| (id, format!("{seq}. {t}")))
        .collect())
}

fn project(i: &Item, issues: &HashMap<i64, String>) -> SentProject {
    SentProject {
        project_id: i.project_id,
        title: i.title.clone(),
        area_code: i.area_code.clone(),
        rank: i.rank,
        issue_id: i.issue_id,
        issue_title: i
            .issue_id
            .and_then(|id| issues.get(&id).cloned())
            .unwrap_or_default(),
        amount_satang: i.amount_satang,
    }
}

fn district_plan(plan: &Plan) -> Result<(), AppError> {
    if plan.kind() != PlanKind::District {
        return Err(Problem::not_found(Thing::Plan, plan.id).into());
    }
    Ok(())
}

/// The plan year's projects, the approval, the deadline and what was sent.
pub async fn of_plan(db: &Db, plan: &Plan, plan_year: i64) -> Result<ToProvince, AppError> {
    district_plan(plan)?;
    let issues = issues(db, &plan.area_code[..2]).await?;
    let projects = items::items(db, plan.id)
        .await?
        .iter()
        .filter(|i| i.fiscal_year == plan_year)
        .map(|i| project(i, &issues))
        .collect();
    let due: Option<String> = db::query_scalar(
        "SELECT due_on FROM deadlines WHERE fiscal_year = $1 AND kind = $2 AND period = ''",
    )
    .bind(report_year(plan_year))
    .bind(DISTRICT_PLAN)
    .fetch_optional(db)
    .await?;
    Ok(ToProvince {
        plan_id: plan.id,
        plan_year,
        committee_approved_on: plan.committee_approved_on,
        projects,
        due_on: due.as_deref().and_then(crate::db::types::parse_iso),
        sent: submissions::history(
            db,
            DISTRICT_PLAN,
            &plan.area_code,
            report_year(plan_year),
            "",
        )
        .await?,
    })
}

/// Sends the chosen projects of the plan year (none chosen: all of them) to the province.
pub async fn send(
    db: &Db,
    user: &User,
    plan_id: i64,
    plan_year: i64,
    chosen: &[i64],
    report_no: &str,
) -> Result<Submission, AppError> {
    let plan = crate::plans::get(db, plan_id)
        .await?
        .ok_or_else(|| AppError::from(Problem::not_found(Thing::Plan, plan_id)))?;
    district_plan(&plan)?;
    let owner = crate::plans::owner_of(db, &plan).await?;
    crate::plans::access::check_owner_write(db, user, &owner, DISTRICT_PLAN, &plan.area_code)
        .await?;
    crate::accounts::agency::require(
        db,
        user,
        &[SENDS],
        "ส่งแผนพัฒนาอำเภอถึงจังหวัด",
        DISTRICT_PLAN,
        &plan.area_code,
        &plan.area_code,
    )
    .await?;
    if !(plan.first_year..=plan.last_year).contains(&plan_year) {
        return Err(Problem::YearOutsidePlan {
            year: plan_year,
            span: plan.years_th(),
        }
        .into());
    }
    let Some(approved) = plan.committee_approved_on else {
        return Err(Problem::Chain(ChainProblem::NotCommitteeApproved {
            plan: plan.title.clone(),
        })
        .into());
    };
    let t = of_plan(db, &plan, plan_year).await?;
    let projects: Vec<SentProject> = if chosen.is_empty() {
        t.projects
    } else {
        for id in chosen {
            if !t.projects.iter().any(|p| p.project_id == *id) {
                return Err(Problem::not_found(Thing::PlanItem, id).into());
            }
        }
        t.projects
            .into_iter()
            .filter(|p| chosen.contains(&p.project_id))
            .collect()
    };
    if projects.is_empty() {
        return Err(Problem::Chain(ChainProblem::NoProjectsToSend { year: plan_year }).into());
    }
    let not_ready: Vec<String> = projects
        .iter()
        .filter(|p| !p.lacks().is_empty())
        .map(|p| format!("{} (ขาด{})", p.title, p.lacks().join(" และ")))
        .collect();
    if !not_ready.is_empty() {
        return Err(Problem::Chain(ChainProblem::NotReady {
            count: not_ready.len(),
            titles: not_ready.join(", "),
        })
        .into());
    }
    let district = match &owner {
        Owner::Area(a) => a.clone(),
        Owner::Lao(_) => return Err(Problem::not_found(Thing::Plan, plan_id).into()),
    };
    let sent = DistrictPlanSent {
        plan_id,
        plan_year,
        district_code: district.code.clone(),
        name_th: format!("อำเภอ{}", district.name_th).replace("อำเภอเขต", "เขต"),
        committee_approved_on: approved,
        total_satang: projects.iter().map(|p| p.amount_satang).sum(),
        projects,
    };
    let carries: Vec<String> = sent
        .projects
        .iter()
        .map(|p| p.project_id.to_string())
        .collect();
    let mut tx = db.begin_write().await?;
    let s = reporting::forwards::send(
        &mut tx,
        user,
        DISTRICT_PLAN,
        &district.code,
        report_year(plan_year),
        String::new(),
        sent,
        carries,
        report_no,
    )
    .await?;
    tx.commit().await?;
    Ok(s)
}

/// Each district of the province that owes its plan year, with what it sent (or nothing).
pub async fn of_province(
    db: &Db,
    province: &str,
    plan_year: i64,
) -> Result<Vec<DistrictRow>, AppError> {
    crate::areas::get(db, province)
        .await?
        .filter(|a| a.level == crate::areas::Level::Province)
        .ok_or_else(|| Problem::not_found(Thing::Province, province))?;
    let year = report_year(plan_year);
    let mut sent: HashMap<String, Submission> =
        submissions::reported_units(db, DISTRICT_PLAN, year, "", province)
            .await?
            .into_iter()
            .map(|s| (s.unit_key.clone(), s))
            .collect();
    let owing =
        reporting::expected::units(db, reporting::expected::Basis::AllDistricts, year, province)
            .await?;
    let mut out = Vec::new();
    for u in owing {
        let s = sent.remove(&u.unit_key);
        let report = match &s {
            Some(s) => {
                Some(reporting::signed::Signed::<DistrictPlanSent>::read(s, "report")?.report)
            }
            None => None,
        };
        out.push(DistrictRow {
            district_code: u.unit_key,
            name_th: u.name_th,
            version: s.as_ref().map(|s| s.version),
            submitted_on: s.as_ref().map(|s| s.submitted_at.clone()),
            late: s.as_ref().is_some_and(|s| s.late),
            projects: report
                .as_ref()
                .map(|r| r.projects.len() as i64)
                .unwrap_or(0),
            total_satang: report.as_ref().map(|r| r.total_satang).unwrap_or(0),
        });
    }
    Ok(out)
}
