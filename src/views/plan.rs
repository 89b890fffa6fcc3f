//! The plan screen: one plan with everything its page and `GET /api/plans/{id}` show — its
//! projects, dimension coverage, forums and cycle, what it may take up from the plans below, an
//! LAO plan's adoption rates held against the KPI thresholds, a village plan's standard, and
//! what the reader may do with it.

use crate::accounts::User;
use crate::adoption::province::FromDistrict;
use crate::adoption::{self, Candidate, Item};
use crate::areas::{self, Area, AreaSummary, Lao};
use crate::db::Db;
use crate::dimensions::{self, Coverage};
use crate::error::AppError;
use crate::forums::{self, Forum};
use crate::kpi::rates::{self, PlanRates};
use crate::own::{self, OwnProject, PlanTotals};
use crate::plans::access::{self, PlanRights};
use crate::plans::development_issues::{self, DevelopmentIssue};
use crate::plans::standard::{self, Assessment, Standard};
use crate::plans::{self, Event, Owner, Plan, PlanKind};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct PlanView {
    pub plan: Plan,
    /// The owner's place: the areas from the province down, and the LAO for an LAO's plan.
    pub path: Vec<Area>,
    pub lao: Option<Lao>,
    pub owner_name_th: String,
    pub rights: PlanRights,
    /// In priority order (unranked last).
    pub items: Vec<Item>,
    pub total_satang: i64,
    pub coverage: Coverage,
    /// Village and tambon plans must cover the three core dimensions.
    pub requires_core: bool,
    pub forums: Vec<Forum>,
    pub events: Vec<Event>,
    /// Projects of the plans below it may still take up (none for village and province plans).
    pub candidates: Vec<Candidate>,
    /// A province plan's view of its districts' plans, by development issue.
    pub from_districts: Vec<IssueGroup>,
    /// The province's development issues (district and province plans align with them).
    pub issues: Vec<DevelopmentIssue>,
    /// The districts of the province, for a province plan's view.
    pub districts: Vec<AreaSummary>,
    /// The villages of the owner's tambon or district, to name the projects' villages.
    pub villages: Vec<Area>,
    /// An LAO plan's KPI 3.2 items 4–5.
    pub rates: Option<PlanRates>,
    /// A village plan carried forward to next year.
    pub next_plan: Option<i64>,
    /// A village plan's community-plan standard and its assessments.
    pub standard: Option<StandardView>,
    /// A tambon plan chosen as its district's model plan.
    pub is_model: bool,
    /// Local, district and province plans: the projects the plan raised itself (ผ.02), in the
    /// order of its table (they are among `items` too).
    pub own_projects: Vec<OwnProject>,
    /// Whether the plan holds projects of its own (local, district and province plans).
    pub holds_own: bool,
    /// Money by year: adopted from the plans below, and the plan's own.
    pub totals: PlanTotals,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct IssueGroup {
    /// None for the projects aligned with no issue.
    pub issue: Option<DevelopmentIssue>,
    pub projects: Vec<FromDistrict>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct StandardView {
    pub standard: Standard,
    /// Newest first.
    pub assessments: Vec<Assessment>,
}

impl PlanView {
    pub async fn load(db: &Db, user: Option<&User>, id: i64) -> Result<PlanView, AppError> {
        let plan = plans::get(db, id).await?.ok_or_else(AppError::not_found)?;
        let owner = plans::owner_of(db, &plan).await?;
        let rights = access::rights(db, user, &plan, &owner).await?;
        let path = areas::path(db, &owner.area_code()).await?;
        let items = adoption::items(db, id).await?;
        let province = &plan.area_code[..2];
        let issues = development_issues::of_province(db, province).await?;
        let candidates = match plan.kind {
            // a province's sources run to thousands: listed one kind at a time (`/plans/{id}/sources`)
            PlanKind::Village | PlanKind::Province | PlanKind::ProvinceAction => Vec::new(),
            _ => adoption::candidates(db, &plan).await?,
        };
        let (from_districts, districts) = if plan.kind == PlanKind::Province {
            let projects = adoption::province::from_districts(db, &plan).await?;
            (
                by_issue(&issues, projects),
                areas::children(db, Some(province)).await?,
            )
        } else {
            (Vec::new(), Vec::new())
        };
        let village_prefix = match &owner {
            Owner::Area(a) => a.code.get(..6).unwrap_or(&a.code).to_string(),
            Owner::Lao(l) => l.district_code.clone().unwrap_or(l.province_code.clone()),
        };
        let standard = match plan.kind {
            PlanKind::Village => match standard::for_year(db, plan.first_year).await? {
                Some(st) => Some(StandardView {
                    assessments: standard::assessments(db, id, &st).await?,
                    standard: st,
                }),
                None => None,
            },
            _ => None,
        };
        let is_model =
            plan.kind == PlanKind::Tambon && crate::books::model_plan::is_current(db, id).await?;
        let holds_own = own::holds_own(plan.kind);
        let own_projects = if holds_own {
            own::of_plan(db, id).await?
        } else {
            Vec::new()
        };
        Ok(PlanView {
            total_satang: items.iter().map(|i| i.amount_satang).sum(),
            coverage: dimensions::of_plan(db, id).await?,
            requires_core: matches!(plan.kind, PlanKind::Village | PlanKind::Tambon),
            forums: forums::of_plan(db, id).await?,
            events: plans::events(db, id).await?,
            villages: areas::under(db, areas::Level::Village, &village_prefix).await?,
            rates: rates::for_plan(db, &plan).await?,
            next_plan: plans::carry::next_of(db, id).await?,
            lao: match &owner {
                Owner::Lao(l) => Some(l.clone()),
                Owner::Area(_) => None,
            },
            owner_name_th: owner.name_th(),
            path,
            rights,
            items,
            candidates,
            from_districts,
            issues,
            districts,
            standard,
            is_model,
            own_projects,
            holds_own,
            totals: own::totals::of_plan(db, &plan).await?,
            plan,
        })
    }

    /// The label of a village code among the owner's villages ("บ้านนา หมู่ที่ 3"), else the code.
    pub fn village_label(&self, code: &str) -> String {
        match self.villages.iter().find(|v| v.code == code) {
            Some(v) => match v.moo {
                Some(m) if v.name_th.is_empty() => format!("หมู่ที่ {m}"),
                Some(m) => format!("{} หมู่ที่ {m}", v.name_th),
                None => v.name_th.clone(),
            },
            None => code.to_string(),
        }
    }

    /// "1. เศรษฐกิจฐานราก…" for an issue id of the province.
    pub fn issue_title(&self, id: Option<i64>) -> String {
        id.and_then(|i| self.issues.iter().find(|x| x.id == i))
            .map(|x| format!("{}. {}", x.seq, x.title))
            .unwrap_or_default()
    }
}

/// The districts' projects grouped under the province's issues, in their order, and last the
/// projects aligned with none; groups without a project are left out.
fn by_issue(issues: &[DevelopmentIssue], projects: Vec<FromDistrict>) -> Vec<IssueGroup> {
    let mut groups: Vec<IssueGroup> = issues
        .iter()
        .map(|i| IssueGroup {
            issue: Some(i.clone()),
            projects: Vec::new(),
        })
        .chain(std::iter::once(IssueGroup {
            issue: None,
            projects: Vec::new(),
        }))
        .collect();
    for p in projects {
        let at = p
            .issue_id
            .and_then(|i| issues.iter().position(|x| x.id == i))
            .unwrap_or(issues.len());
        groups[at].projects.push(p);
    }
    groups.retain(|g| !g.projects.is_empty());
    groups
}
