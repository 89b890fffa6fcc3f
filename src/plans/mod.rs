//! Plans (ONEPLAN.md section 4): one owner, a span of Buddhist-era fiscal years, and the
//! projects it holds as items. Who may change a plan is in `access`, its draft → submitted →
//! approved cycle in `workflow`, adopting projects from the plans below in `adopt`.

pub mod access;
pub mod carry;
pub mod development_issues;
pub mod kind;
pub mod shelf;
pub mod standard;
pub mod window;
pub mod workflow;

use crate::accounts::User;
use crate::areas;
use crate::audit::{self, Change};
use crate::db::{self, Db, Param, Tx, now_text};
use crate::error::{AppError, Field, Problem, Thing};
use serde::Serialize;
use sqlx::AssertSqlSafe;

pub use kind::{PlanKind, Status};

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Plan {
    pub id: i64,
    pub kind: PlanKind,
    pub owner_key: String,
    pub area_code: String,
    pub lao_id: Option<i64>,
    pub first_year: i64,
    pub last_year: i64,
    pub title: String,
    pub status: Status,
    pub copied_from: Option<i64>,
    /// The fiscal quarter of `made_on` (ไตรมาสที่ได้ดำเนินการทำแผน).
    pub made_quarter: Option<i64>,
    /// The date the tambon plan was made (its integration workshop).
    #[sqlx(try_from = "crate::db::OptIsoDate")]
    pub made_on: Option<time::Date>,
    #[sqlx(try_from = "crate::db::OptIsoDate")]
    pub delivered_lao_on: Option<time::Date>,
    #[sqlx(try_from = "crate::db::OptIsoDate")]
    pub delivered_district_on: Option<time::Date>,
    #[sqlx(try_from = "crate::db::OptIsoDate")]
    pub evaluated_on: Option<time::Date>,
    pub evaluation: String,
    #[sqlx(try_from = "crate::db::OptIsoDate")]
    pub committee_approved_on: Option<time::Date>,
    #[sqlx(try_from = "crate::db::OptIsoDate")]
    pub sent_on: Option<time::Date>,
    /// The agency that made the plan: that of the account that opened it.
    pub agency: crate::accounts::Agency,
    /// For an agency's list, the name the agency gives itself (สำนักงานเกษตรอำเภอเมือง…);
    /// empty for the other kinds.
    pub agency_name: String,
    pub updated_at: String,
    pub version: i64,
}

impl Plan {
    pub fn kind(&self) -> PlanKind {
        self.kind
    }

    /// The area a plan's new projects lie in (its villages are typed under it): a village plan's
    /// tambon, a tambon's; an LAO's office district; a district; a province. A draft budget and
    /// the province's action plan raise nothing: they take their projects from plans below.
    pub fn raising_area(&self) -> Option<&str> {
        let code = self.area_code.as_str();
        match self.kind {
            PlanKind::Village | PlanKind::Tambon => code.get(..6),
            PlanKind::Local => Some(&code[..4.min(code.len())]),
            PlanKind::District | PlanKind::Province => Some(code),
            _ => None,
        }
    }

    pub fn status(&self) -> Status {
        self.status
    }

    /// "๒๕๖๘" or "๒๕๖๖–๒๕๗๐".
    pub fn years_th(&self) -> String {
        years_label(self.first_year, self.last_year)
    }

    pub fn audit_json(&self) -> serde_json::Value {
        serde_json::json!({
            "kind": self.kind, "owner": self.owner_key, "years": [self.first_year, self.last_year],
            "status": self.status, "agency": self.agency, "agency_name": self.agency_name, "made_quarter": self.made_quarter, "made_on": self.made_on,
            "delivered_lao_on": self.delivered_lao_on, "delivered_district_on": self.delivered_district_on,
            "evaluated_on": self.evaluated_on, "evaluation": self.evaluation,
            "committee_approved_on": self.committee_approved_on, "sent_on": self.sent_on,
        })
    }
}

pub fn years_label(first: i64, last: i64) -> String {
    if first == last {
        first.to_string()
    } else {
        format!("{first}–{last}")
    }
}

pub(crate) const PLAN_COLUMNS: &str = "id, kind, owner_key, area_code, lao_id, first_year, last_year, title, status, copied_from, \
     made_quarter, made_on, delivered_lao_on, delivered_district_on, evaluated_on, evaluation, committee_approved_on, sent_on, agency, agency_name, updated_at, version";

pub async fn get(db: &Db, id: i64) -> anyhow::Result<Option<Plan>> {
    Ok(db::query_as::<Plan>(AssertSqlSafe(format!(
        "SELECT {PLAN_COLUMNS} FROM plans WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(db)
    .await?)
}

pub async fn find(
    db: &Db,
    kind: PlanKind,
    owner_key: &str,
    first_year: i64,
) -> anyhow::Result<Option<Plan>> {
    Ok(db::query_as::<Plan>(AssertSqlSafe(format!(
        "SELECT {PLAN_COLUMNS} FROM plans WHERE kind = $1 AND owner_key = $2 AND first_year = $3"
    )))
    .bind(kind.as_str())
    .bind(owner_key)
    .bind(first_year)
    .fetch_optional(db)
    .await?)
}

/// The plans of an area and everything under it, newest year first, or of one LAO.
pub async fn list_under(
    db: &Db,
    area_prefix: &str,
    lao_id: Option<i64>,
) -> anyhow::Result<Vec<Plan>> {
    let rows =
        match lao_id {
            Some(lao) => db::query_as::<Plan>(AssertSqlSafe(format!(
                "SELECT {PLAN_COLUMNS} FROM plans WHERE lao_id = $1 ORDER BY first_year DESC, kind"
            )))
            .bind(lao)
            .fetch_all(db)
            .await?,
            None => {
                let (from, to) = crate::db::prefix_range(area_prefix);
                db::query_as::<Plan>(AssertSqlSafe(format!(
                    "SELECT {PLAN_COLUMNS} FROM plans WHERE area_code >= $1 AND area_code < $2 \
                 ORDER BY first_year DESC, area_code, kind LIMIT 500"
                )))
                .bind(from)
                .bind(to)
                .fetch_all(db)
                .await?
            }
        };
    Ok(rows)
}

/// The plans one owner holds (an area code or 'lao:<id>'), newest year first.
pub async fn of_owner(db: &Db, owner_key: &str) -> anyhow::Result<Vec<Plan>> {
    Ok(db::query_as::<Plan>(AssertSqlSafe(format!(
        "SELECT {PLAN_COLUMNS} FROM plans WHERE owner_key = $1 ORDER BY first_year DESC, kind"
    )))
    .bind(owner_key)
    .fetch_all(db)
    .await?)
}

/// Who owns a plan: an area of the right level, or an LAO.
#[derive(Debug, Clone)]
pub enum Owner {
    Area(areas::Area),
    Lao(areas::Lao),
}

impl Owner {
    pub fn key(&self) -> String {
        match self {
            Owner::Area(a) => a.code.clone(),
            Owner::Lao(l) => format!("lao:{}", l.id),
        }
    }

    /// Where the plan sits in the area tree.
    /// The LAO that owns the plan, if an LAO does.
    pub fn lao_id(&self) -> Option<i64> {
        match self {
            Owner::Lao(l) => Some(l.id),
            Owner::Area(_) => None,
        }
    }

    pub fn area_code(&self) -> String {
        match self {
            Owner::Area(a) => a.code.clone(),
            Owner::Lao(l) => l
                .office_tambon_code
                .clone()
                .or_else(|| l.district_code.clone())
                .unwrap_or_else(|| l.province_code.clone()),
        }
    }

    pub fn name_th(&self) -> String {
        match self {
            Owner::Area(a) => a.label_th(),
            Owner::Lao(l) => l.full_name_th.clone(),
        }
    }

    pub fn scope(&self) -> crate::accounts::Scope {
        use crate::accounts::{Scope, ScopeLevel};
        match self {
            Owner::Lao(l) => Scope {
                level: ScopeLevel::Lao,
                code: l.lao_key.clone(),
            },
            Owner::Area(a) => Scope {
                level: match a.code.len() {
                    2 => ScopeLevel::Province,
                    4 => ScopeLevel::District,
                    6 => ScopeLevel::Tambon,
                    _ => ScopeLevel::Village,
                },
                code: a.code.clone(),
            },
        }
    }
}

/// The owner of an existing plan.
pub async fn owner_of(db: &Db, plan: &Plan) -> anyhow::Result<Owner> {
    if let Some(id) = plan.lao_id {
        let lao = areas::lao(db, id)
            .await?
            .ok_or_else(|| anyhow::anyhow!("plan {} names a missing LAO {id}", plan.id))?;
        return Ok(Owner::Lao(lao));
    }
    let area = areas::get(db, &plan.area_code)
        .await?
        .ok_or_else(|| anyhow::anyhow!("plan {} names a missing area", plan.id))?;
    Ok(Owner::Area(area))
}

/// Finds the owner a kind of plan needs from a code: an area code of the kind's level, or an LAO id.
pub async fn resolve_owner(db: &Db, kind: PlanKind, code: &str) -> Result<Owner, AppError> {
    let code = crate::thai::to_arabic_digits(code.trim());
    if kind == PlanKind::Agency {
        return Err(Problem::AgencyPlanIsImported.into());
    }
    if kind.owned_by_lao() {
        let lao = match code.parse::<i64>() {
            Ok(id) => areas::lao(db, id).await?,
            Err(_) => None,
        };
        return lao
            .map(Owner::Lao)
            .ok_or_else(|| Problem::not_found(Thing::Lao, &code).into());
    }
    match areas::get(db, &code).await? {
        // a community owns a village plan (of_level); a province its plan and its action plan
        Some(a) if PlanKind::of_level(a.level) == kind || kind.owner_level() == Some(a.level) => {
            Ok(Owner::Area(a))
        }
        _ => Err(match kind.owner_level() {
            Some(level) => Problem::not_found(Thing::from(level), &code),
            None => Problem::not_found(Thing::Lao, &code),
        }
        .into()),
    }
}

/// Opens the plan of an owner for a year, creating it (empty, as a draft) the first time.
pub async fn open(
    db: &Db,
    user: &User,
    kind: PlanKind,
    owner: &Owner,
    first_year: i64,
) -> Result<Plan, AppError> {
    if let Some(plan) = find(db, kind, &owner.key(), first_year).await? {
        // only those who may write the plan open it (anyone may read it on its page)
        access::check_owner_write(db, user, owner, "plan", &owner.key()).await?;
        return Ok(plan);
    }
    if !(2500..=2700).contains(&first_year) {
        return Err(Problem::NotBuddhistYear {
            field: Field::Year,
            typed: first_year.to_string(),
        }
        .into());
    }
    access::check_owner_write(db, user, owner, "plan", &owner.key()).await?;
    create(db, user, kind, owner, first_year).await
}

pub(crate) async fn create(
    db: &Db,
    user: &User,
    kind: PlanKind,
    owner: &Owner,
    first_year: i64,
) -> Result<Plan, AppError> {
    let mut tx = db.begin_write().await?;
    let plan = create_in(&mut tx, user, kind, owner, first_year, None).await?;
    tx.commit().await?;
    Ok(plan)
}

/// Creates an empty draft plan inside the caller's transaction.
pub(crate) async fn create_in(
    conn: &mut Tx,
    user: &User,
    kind: PlanKind,
    owner: &Owner,
    first_year: i64,
    copied_from: Option<i64>,
) -> Result<Plan, AppError> {
    let last_year = first_year + kind.span_years() - 1;
    let title = format!(
        "{} {} {}",
        kind.th(),
        owner.name_th(),
        if first_year == last_year {
            format!("ปีงบประมาณ {first_year}")
        } else {
            format!("(พ.ศ. {first_year}–{last_year})")
        }
    );
    let now = now_text();
    let lao_id = match owner {
        Owner::Lao(l) => Some(l.id),
        Owner::Area(_) => None,
    };
    let taken: Option<i64> = db::query_scalar(
        "SELECT id FROM plans WHERE kind = $1 AND owner_key = $2 AND first_year = $3",
    )
    .bind(kind.as_str())
    .bind(owner.key())
    .bind(first_year)
    .fetch_optional(&mut *conn)
    .await?;
    if taken.is_some() {
        return Err(Problem::PlanExists {
            kind: kind.into(),
            year: first_year,
        }
        .into());
    }
    let id: i64 = db::query_scalar(
        "INSERT INTO plans (kind, owner_key, area_code, lao_id, first_year, last_year, title, copied_from, created_at, updated_at, agency) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $9, $10) RETURNING id",
    )
    .bind(kind.as_str())
    .bind(owner.key())
    .bind(owner.area_code())
    .bind(lao_id)
    .bind(first_year)
    .bind(last_year)
    .bind(&title)
    .bind(copied_from)
    .bind(&now)
    .bind(user.agency.as_str())
    .fetch_one(&mut *conn)
    .await?;
    crate::text_index::refresh(conn, crate::text_index::Kind::Plan, id).await?;
    let plan = get_in(conn, id).await?;
    audit::record(
        conn,
        &user.actor(),
        Change {
            action: "create",
            entity: "plan",
            entity_key: id.to_string(),
            area_code: plan.area_code.clone(),
            lao_id,
            before: None,
            after: Some(plan.audit_json()),
            note: title,
        },
    )
    .await?;
    Ok(plan)
}

pub(crate) async fn get_in(conn: &mut Tx, id: i64) -> anyhow::Result<Plan> {
    Ok(db::query_as::<Plan>(AssertSqlSafe(format!(
        "SELECT {PLAN_COLUMNS} FROM plans WHERE id = $1"
    )))
    .bind(id)
    .fetch_one(conn)
    .await?)
}

/// Claims the plan for a change: refuses when someone else saved it since `expected_version`
/// was read, or when it is no longer a draft; bumps the version so the next writer notices.
pub(crate) async fn claim(
    tx: &mut Tx,
    plan_id: i64,
    expected_version: i64,
) -> Result<Plan, AppError> {
    let plan = get_in(tx, plan_id).await?;
    if plan.version != expected_version {
        return Err(stale(&plan, expected_version));
    }
    workflow::ensure_editable(&plan)?;
    db::update_versioned(
        tx,
        "plans",
        plan_id,
        expected_version,
        "updated_at = $1",
        vec![now_text().value()],
    )
    .await?;
    Ok(plan)
}

fn stale(plan: &Plan, expected: i64) -> AppError {
    db::Stale {
        table: "plans",
        id: plan.id,
        expected,
        found: Some(plan.version),
    }
    .into()
}

/// The dates and facts a tambon or district plan records about itself.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
pub struct Milestones {
    /// Optional: the quarter follows from `made_on`; when typed it must agree.
    #[serde(default)]
    pub made_quarter: String,
    /// The date the tambon plan was made (BE or CE).
    #[serde(default)]
    pub made_on: String,
    #[serde(default)]
    pub delivered_lao_on: String,
    #[serde(default)]
    pub delivered_district_on: String,
    #[serde(default)]
    pub evaluated_on: String,
    #[serde(default)]
    pub evaluation: String,
    #[serde(default)]
    pub committee_approved_on: String,
    #[serde(default)]
    pub sent_on: String,
}

/// Records a plan's milestones. Evaluation and delivery come after approval, so they may be
/// written to an approved plan; the version still guards against overwriting someone else.
pub async fn set_milestones(
    db: &Db,
    user: &User,
    plan_id: i64,
    expected_version: i64,
    m: Milestones,
) -> Result<Plan, AppError> {
    let plan = get(db, plan_id).await?.ok_or_else(AppError::not_found)?;
    let owner = owner_of(db, &plan).await?;
    access::check_owner_write(db, user, &owner, "plan", &plan.id.to_string()).await?;
    let date = |field: Field, s: &str| -> Result<Option<String>, AppError> {
        if s.trim().is_empty() {
            return Ok(None);
        }
        crate::thai::parse_date(s)
            .map(|d| Some(d.to_string()))
            .map_err(|error| Problem::Date { field, error }.into())
    };
    let typed_quarter = match m.made_quarter.trim() {
        "" => None,
        q => match crate::thai::parse_int(q) {
            Ok(n @ 1..=4) => Some(n),
            _ => {
                return Err(Problem::Range {
                    field: Field::MadeQuarter,
                    typed: q.to_string(),
                    min: 1,
                    max: 4,
                }
                .into());
            }
        },
    };
    let made_on = match m.made_on.trim() {
        "" => None,
        s => {
            let d = crate::thai::parse_date(s).map_err(|error| Problem::Date {
                field: Field::MadeOn,
                error,
            })?;
            window::check(&plan, Field::MadeOn, d)?;
            Some(d)
        }
    };
    let quarter = window::quarter(made_on, typed_quarter)?;
    let made_on = made_on.map(|d| d.to_string());
    let delivered_lao = date(Field::DeliveredLaoOn, &m.delivered_lao_on)?;
    let delivered_district = date(Field::DeliveredDistrictOn, &m.delivered_district_on)?;
    let evaluated = date(Field::EvaluatedOn, &m.evaluated_on)?;
    let committee = date(Field::CommitteeApprovedOn, &m.committee_approved_on)?;
    let sent = date(Field::SentOn, &m.sent_on)?;
    let mut tx = db.begin_write().await?;
    let before = get_in(&mut tx, plan_id).await?;
    if before.version != expected_version {
        return Err(stale(&before, expected_version));
    }
    db::update_versioned(
        &mut tx,
        "plans",
        plan_id,
        expected_version,
        "made_quarter = $1, delivered_lao_on = $2, delivered_district_on = $3, evaluated_on = $4, \
         evaluation = $5, committee_approved_on = $6, sent_on = $7, updated_at = $8, made_on = $9",
        vec![
            quarter.value(),
            delivered_lao.value(),
            delivered_district.value(),
            evaluated.value(),
            m.evaluation.trim().value(),
            committee.value(),
            sent.value(),
            now_text().value(),
            made_on.value(),
        ],
    )
    .await?;
    let after = get_in(&mut tx, plan_id).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        Change {
            action: "update",
            entity: "plan",
            entity_key: plan_id.to_string(),
            area_code: after.area_code.clone(),
            lao_id: after.lao_id,
            before: Some(before.audit_json()),
            after: Some(after.audit_json()),
            note: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

/// The events of a plan's cycle, oldest first.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Event {
    pub at: String,
    pub username: String,
    pub action: String,
    pub from_status: Status,
    pub to_status: Status,
    pub reason: String,
}

pub async fn events(db: &Db, plan_id: i64) -> anyhow::Result<Vec<Event>> {
    Ok(db::query_as::<Event>(
        "SELECT at, username, action, from_status, to_status, reason FROM plan_events WHERE plan_id = $1 ORDER BY id",
    )
    .bind(plan_id)
    .fetch_all(db)
    .await?)
}
