//! Adoption: a plan takes up projects from the plans below it — the tambon plan from its
//! villages' plans, the LAO's local plan from the tambon plans of its coverage, the draft
//! budget from the local plan, the district plan from its tambons' plans, the province from
//! its districts. The project stays one record; each adoption is one item with its own rank,
//! year and amount.

use crate::accounts::User;
use crate::audit::{self, Change};
use crate::db::{self, Db, now_text};
use crate::dimensions::Dimension;
use crate::error::{AppError, Field, Problem, Thing};
use crate::plans::{Plan, PlanKind, claim, get};
use crate::projects::status::ProjectStatus;
use crate::projects::{self, status};
use crate::thai;
use serde::{Deserialize, Serialize};
use sqlx::AssertSqlSafe;

/// A project a plan may take up, with where it stands in the plan it comes from.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Candidate {
    pub project_id: i64,
    pub title: String,
    pub dimension: Dimension,
    pub area_code: String,
    pub executor: String,
    #[sqlx(try_from = "crate::db::Flag")]
    pub within_lao_authority: bool,
    pub status: ProjectStatus,
    pub budget_satang: i64,
    pub source_plan_id: i64,
    pub source_kind: PlanKind,
    pub source_area: String,
    pub source_rank: Option<i64>,
    pub source_amount_satang: i64,
    pub source_year: i64,
}

/// The SQL condition on the source item `i`, its plan `pl` and project `p` for a plan's candidates.
/// Only numbers and DOPA codes read from the database are written into it.
fn source_condition(plan: &Plan) -> String {
    let lao = plan.lao_id.unwrap_or(-1);
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    match plan.kind() {
        // a village plan raises its needs; an agency's list is imported, never adopted into
        PlanKind::Village | PlanKind::Agency => "1 = 0".into(),
        PlanKind::Tambon => format!(
            "pl.kind = 'village' AND {} AND pl.first_year = {}",
            owners_under(&digits(&plan.area_code)),
            plan.first_year
        ),
        // the tambon plans of the year before each year of the local plan, the LAO's own
        // projects in them (in a shared tambon, its own villages': `areas::units`)
        PlanKind::Local => format!(
            "pl.kind = 'tambon' AND EXISTS (SELECT 1 FROM lao_coverage c WHERE c.lao_id = {lao} \
             AND c.area_code = pl.area_code AND {}) AND pl.first_year BETWEEN {} AND {}",
            crate::areas::units::own_project!(),
            plan.first_year - 1,
            plan.last_year - 1
        ),
        PlanKind::Budget => format!(
            "pl.kind = 'local' AND pl.lao_id = {lao} AND i.fiscal_year = {}",
            plan.first_year
        ),
        PlanKind::District => format!(
            "((pl.kind = 'tambon' AND {} AND pl.first_year BETWEEN {} AND {}) OR {})",
            owners_under(&digits(&plan.area_code)),
            plan.first_year - 1,
            plan.last_year - 1,
            local_forum_needs(plan, &digits(&plan.area_code))
        ),
        // seed 003: the province plan draws on the village, tambon, local and district plans,
        // and the province's annual action plan on those and the province plan, for its year
        PlanKind::ProvinceAction => format!(
            "({} OR (pl.kind = 'province' AND pl.owner_key = '{}' AND i.fiscal_year = {}))",
            province_sources(plan),
            digits(&plan.area_code),
            plan.first_year
        ),
        PlanKind::Province => province_sources(plan),
    }
}

/// The village, tambon, local and district plans of a province's plan's years.
fn province_sources(plan: &Plan) -> String {
    let digits = |s: &str| s.chars().filter(char::is_ascii_digit).collect::<String>();
    let (from, to) = crate::db::prefix_range(&digits(&plan.area_code));
    format!(
        "((pl.kind = 'district' AND {owners} AND pl.first_year <= {last} AND pl.last_year >= {first}) \
         OR (pl.kind IN ('village', 'tambon') AND {owners} AND pl.first_year BETWEEN {before} AND {last_before}) \
         OR (pl.kind = 'local' AND pl.area_code >= '{from}' AND pl.area_code < '{to}' \
             AND i.fiscal_year BETWEEN {first} AND {last}))",
        owners = owners_under(&digits(&plan.area_code)),
        first = plan.first_year,
        last = plan.last_year,
        before = plan.first_year - 1,
        last_before = plan.last_year - 1,
    )
}

/// The needs raised at the forums of the LAOs under an area (เวทีประชาคมอื่นๆ, seed 003), in
/// their local plans of the years the plan spans: for the district and province plans above.
/// Their own ผ.02 projects, made without a forum, are the LAO's business, not needs to adopt.
fn local_forum_needs(plan: &Plan, prefix: &str) -> String {
    let (from, to) = crate::db::prefix_range(prefix);
    format!(
        "(pl.kind = 'local' AND p.forum_id IS NOT NULL AND p.origin_plan_id = pl.id \
         AND pl.area_code >= '{from}' AND pl.area_code < '{to}' AND i.fiscal_year BETWEEN {} AND {})",
        plan.first_year, plan.last_year
    )
}

/// Plans owned by the areas under a code: a range of the (kind, owner_key, first_year) index
/// (an area's plans are owned by its own code). `prefix` holds digits only.
fn owners_under(prefix: &str) -> String {
    let (from, to) = crate::db::prefix_range(prefix);
    format!("pl.owner_key >= '{from}' AND pl.owner_key < '{to}'")
}

fn candidate_sql(plan: &Plan, extra: &str) -> String {
    format!(
        "SELECT p.id AS project_id, p.title, p.dimension, p.area_code, p.executor, p.within_lao_authority, p.status, \
                p.budget_satang, pl.id AS source_plan_id, pl.kind AS source_kind, pl.area_code AS source_area, \
                i.rank AS source_rank, i.amount_satang AS source_amount_satang, i.fiscal_year AS source_year \
         FROM plan_items i JOIN plans pl ON pl.id = i.plan_id JOIN projects p ON p.id = i.project_id \
         WHERE {} AND p.merged_into IS NULL \
           AND NOT EXISTS (SELECT 1 FROM plan_items mine WHERE mine.plan_id = {} AND mine.project_id = p.id) {extra} \
         ORDER BY pl.area_code, CASE WHEN i.rank IS NULL THEN 1 ELSE 0 END, i.rank, p.id",
        source_condition(plan),
        plan.id
    )
}

/// The projects a plan may still take up.
pub async fn candidates(db: &Db, plan: &Plan) -> anyhow::Result<Vec<Candidate>> {
    Ok(
        db::query_as::<Candidate>(AssertSqlSafe(candidate_sql(plan, "")))
            .fetch_all(db)
            .await?,
    )
}

/// The candidates a plan may take up from one kind of plan, at most `limit` of them, and how
/// many there are: a province plan's sources run to thousands.
pub async fn candidates_from(
    db: &Db,
    plan: &Plan,
    kind: PlanKind,
    limit: i64,
) -> anyhow::Result<(Vec<Candidate>, i64)> {
    let sql = candidate_sql(plan, &format!("AND pl.kind = '{}'", kind.as_str()));
    let total: i64 = db::query_scalar(AssertSqlSafe(format!(
        "SELECT CAST(COUNT(*) AS BIGINT) FROM ({sql}) c"
    )))
    .fetch_one(db)
    .await?;
    let list = db::query_as::<Candidate>(AssertSqlSafe(format!("{sql} LIMIT {}", limit.max(0))))
        .fetch_all(db)
        .await?;
    Ok((list, total))
}

/// What is typed to adopt a project: all text, checked here.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct AdoptInput {
    pub project_id: i64,
    pub rank: String,
    /// Baht; empty = the amount in the plan it comes from.
    pub amount: String,
    /// BE year within the plan's span; empty = the year after the source plan's, or the plan's first.
    pub fiscal_year: String,
    /// BE or CE; empty = today.
    pub decided_on: String,
    pub issue_id: Option<i64>,
    pub note: String,
}

struct Checked {
    rank: Option<i64>,
    amount: Option<i64>,
    year: Option<i64>,
    decided_on: String,
}

fn check(input: &AdoptInput, plan: &Plan) -> Result<Checked, AppError> {
    let mut errors = Vec::new();
    let rank = match input.rank.trim() {
        "" => None,
        r => match thai::parse_int(r) {
            Ok(n) if n >= 1 => Some(n),
            Ok(_) => {
                errors.push(Problem::FromOne { field: Field::Rank });
                None
            }
            Err(error) => {
                errors.push(Problem::Number {
                    field: Field::Rank,
                    error,
                });
                None
            }
        },
    };
    let amount = match thai::parse_baht(&input.amount) {
        Ok(n) if n < 0 => {
            errors.push(Problem::Negative {
                field: Field::Amount,
            });
            None
        }
        Ok(n) => Some(n),
        Err(thai::digits::NumberError::Empty) => None,
        Err(error) => {
            errors.push(Problem::Number {
                field: Field::Amount,
                error,
            });
            None
        }
    };
    let year = match input.fiscal_year.trim() {
        "" => None,
        y => match thai::parse_int(y) {
            Ok(n) if (plan.first_year..=plan.last_year).contains(&n) => Some(n),
            Ok(n) => {
                errors.push(Problem::YearOutsidePlan {
                    year: n,
                    span: plan.years_th(),
                });
                None
            }
            Err(error) => {
                errors.push(Problem::Number {
                    field: Field::FiscalYear,
                    error,
                });
                None
            }
        },
    };
    let decided_on = match input.decided_on.trim() {
        "" => now_text()[..10].to_string(),
        d => match thai::parse_date(d) {
            Ok(d) => d.to_string(),
            Err(error) => {
                errors.push(Problem::Date {
                    field: Field::DecidedOn,
                    error,
                });
                String::new()
            }
        },
    };
    if !errors.is_empty() {
        return Err(errors.into());
    }
    Ok(Checked {
        rank,
        amount,
        year,
        decided_on,
    })
}

pub(super) async fn plan_and_access(db: &Db, user: &User, plan_id: i64) -> Result<Plan, AppError> {
    let plan = get(db, plan_id).await?.ok_or_else(AppError::not_found)?;
    let owner = crate::plans::owner_of(db, &plan).await?;
    crate::plans::access::check_owner_write(db, user, &owner, "plan", &plan_id.to_string()).await?;
    Ok(plan)
}

/// What adopting and editing an item share: the user's right, the typed fields, the
/// development issue, and the claimed plan in an open transaction.
async fn prepare(
    db: &Db,
    user: &User,
    plan_id: i64,
    plan_version: i64,
    input: &AdoptInput,
) -> Result<(Plan, Checked, crate::db::Tx), AppError> {
    let plan = plan_and_access(db, user, plan_id).await?;
    let c = check(input, &plan)?;
    if let Some(issue) = input.issue_id {
        check_issue(db, &plan, issue).await?;
    }
    let mut tx = db.begin_write().await?;
    claim(&mut tx, plan_id, plan_version).await?;
    Ok((plan, c, tx))
}

/// Takes a project up into a plan.
pub async fn adopt(
    db: &Db,
    user: &User,
    plan_id: i64,
    plan_version: i64,
    input: &AdoptInput,
) -> Result<(), AppError> {
    let (plan, c, mut tx) = prepare(db, user, plan_id, plan_version, input).await?;
    let source = db::query_as::<Candidate>(AssertSqlSafe(candidate_sql(
        &plan,
        &format!("AND p.id = {}", input.project_id),
    )))
    .fetch_optional(&mut tx)
    .await?;
    let Some(source) = source else {
        let here: Option<Option<i64>> =
            db::query_scalar("SELECT rank FROM plan_items WHERE plan_id = $1 AND project_id = $2")
                .bind(plan_id)
                .bind(input.project_id)
                .fetch_optional(&mut tx)
                .await?;
        return Err(match here {
            Some(rank) => Problem::AlreadyInPlan {
                kind: plan.kind().into(),
                rank,
            },
            None => Problem::NotACandidate {
                project_id: input.project_id,
                kind: plan.kind().into(),
            },
        }
        .into());
    };
    if let Some(rank) = c.rank {
        projects::rank_free(&mut tx, plan_id, rank, None).await?;
    }
    let year = c.year.unwrap_or_else(|| {
        let next = if matches!(
            plan.kind(),
            PlanKind::Budget | PlanKind::Province | PlanKind::ProvinceAction
        ) {
            source.source_year
        } else {
            source.source_year + 1
        };
        next.clamp(plan.first_year, plan.last_year)
    });
    let amount = c.amount.unwrap_or(source.source_amount_satang);
    db::query(
        "INSERT INTO plan_items (plan_id, project_id, fiscal_year, rank, amount_satang, decided_on, issue_id, note, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9, $10)",
    )
    .bind(plan_id)
    .bind(input.project_id)
    .bind(year)
    .bind(c.rank)
    .bind(amount)
    .bind(&c.decided_on)
    .bind(input.issue_id)
    .bind(input.note.trim())
    .bind(now_text())
    .bind(&user.username)
    .execute(&mut tx)
    .await?;
    let new_status = status::refresh(&mut tx, input.project_id).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        Change {
            action: "adopt",
            entity: "plan_item",
            entity_key: format!("{plan_id}:{}", input.project_id),
            area_code: plan.area_code.clone(),
            lao_id: plan.lao_id,
            before: None,
            after: Some(serde_json::json!({
                "plan": plan_id, "project": input.project_id, "title": source.title, "year": year,
                "rank": c.rank, "amount_satang": amount, "decided_on": c.decided_on,
                "issue": input.issue_id, "project_status": new_status,
            })),
            note: input.note.trim().to_string(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

async fn check_issue(db: &Db, plan: &Plan, issue: i64) -> Result<(), AppError> {
    let province: Option<String> =
        db::query_scalar("SELECT province_code FROM development_issues WHERE id = $1")
            .bind(issue)
            .fetch_optional(db)
            .await?;
    match province {
        Some(p) if plan.area_code.starts_with(&p) => Ok(()),
        _ => Err(Problem::IssueOfOtherProvince.into()),
    }
}

/// Changes an item's rank, amount, year, development issue or note.
pub async fn update_item(
    db: &Db,
    user: &User,
    plan_id: i64,
    plan_version: i64,
    input: &AdoptInput,
) -> Result<(), AppError> {
    let (plan, c, mut tx) = prepare(db, user, plan_id, plan_version, input).await?;
    let before: Option<(i64, Option<i64>, i64, Option<i64>, String)> = db::query_as(
        "SELECT fiscal_year, rank, amount_satang, issue_id, note FROM plan_items WHERE plan_id = $1 AND project_id = $2",
    )
    .bind(plan_id)
    .bind(input.project_id)
    .fetch_optional(&mut tx)
    .await?;
    let Some((year, _, amount, _, _)) = before.clone() else {
        return Err(Problem::missing(Thing::PlanItem).into());
    };
    if let Some(rank) = c.rank {
        projects::rank_free(&mut tx, plan_id, rank, Some(input.project_id)).await?;
    }
    let (year, amount) = (c.year.unwrap_or(year), c.amount.unwrap_or(amount));
    db::query(
        "UPDATE plan_items SET fiscal_year = $1, rank = $2, amount_satang = $3, issue_id = $4, note = $5 WHERE plan_id = $6 AND project_id = $7",
    )
    .bind(year)
    .bind(c.rank)
    .bind(amount)
    .bind(input.issue_id)
    .bind(input.note.trim())
    .bind(plan_id)
    .bind(input.project_id)
    .execute(&mut tx)
    .await?;
    audit::record(
        &mut tx,
        &user.actor(),
        Change {
            action: "update",
            entity: "plan_item",
            entity_key: format!("{plan_id}:{}", input.project_id),
            area_code: plan.area_code.clone(),
            lao_id: plan.lao_id,
            before: before.map(|b| serde_json::json!({"year": b.0, "rank": b.1, "amount_satang": b.2, "issue": b.3, "note": b.4})),
            after: Some(serde_json::json!({"year": year, "rank": c.rank, "amount_satang": amount, "issue": input.issue_id, "note": input.note.trim()})),
            note: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// Takes a project out of a draft plan. A project taken out of the plan that raised it, and
/// adopted nowhere else, is deleted; one that higher plans hold must be taken out of those first.
pub async fn remove(
    db: &Db,
    user: &User,
    plan_id: i64,
    plan_version: i64,
    project_id: i64,
) -> Result<(), AppError> {
    let plan = plan_and_access(db, user, plan_id).await?;
    let mut tx = db.begin_write().await?;
    claim(&mut tx, plan_id, plan_version).await?;
    // only a project of this plan can be removed from it (not another province's, nor none)
    if !super::items::holds(&mut tx, plan_id, project_id).await? {
        return Err(Problem::not_found(Thing::PlanItem, project_id).into());
    }
    let project = projects::get_in(&mut tx, project_id).await?;
    let elsewhere: i64 =
        db::query_scalar("SELECT COUNT(*) FROM plan_items WHERE project_id = $1 AND plan_id <> $2")
            .bind(project_id)
            .bind(plan_id)
            .fetch_one(&mut tx)
            .await?;
    let raised_here = project.origin_plan_id == Some(plan_id);
    if raised_here && elsewhere > 0 {
        return Err(Problem::AdoptedElsewhere {
            title: project.title,
            plans: elsewhere,
        }
        .into());
    }
    db::query("DELETE FROM plan_items WHERE plan_id = $1 AND project_id = $2")
        .bind(plan_id)
        .bind(project_id)
        .execute(&mut tx)
        .await?;
    let merged_in: i64 = db::query_scalar("SELECT COUNT(*) FROM projects WHERE merged_into = $1")
        .bind(project_id)
        .fetch_one(&mut tx)
        .await?;
    if raised_here && merged_in == 0 {
        projects::delete_in(&mut tx, project_id).await?;
    } else {
        status::refresh(&mut tx, project_id).await?;
    }
    audit::record(
        &mut tx,
        &user.actor(),
        Change {
            action: if raised_here { "delete" } else { "remove" },
            entity: "plan_item",
            entity_key: format!("{plan_id}:{project_id}"),
            area_code: plan.area_code.clone(),
            lao_id: plan.lao_id,
            before: Some(project.audit_json()),
            after: None,
            note: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}

/// In a tambon plan, merges projects that are the same need raised by several villages: the
/// others point to `keep`, which serves all their villages and takes their place in the plan.
pub async fn merge(
    db: &Db,
    user: &User,
    plan_id: i64,
    plan_version: i64,
    keep: i64,
    others: &[i64],
) -> Result<(), AppError> {
    let plan = plan_and_access(db, user, plan_id).await?;
    if plan.kind() != PlanKind::Tambon {
        return Err(Problem::MergeOnlyTambon.into());
    }
    let others: Vec<i64> = others.iter().copied().filter(|o| *o != keep).collect();
    if others.is_empty() {
        return Err(Problem::MergeTooFew.into());
    }
    let mut tx = db.begin_write().await?;
    claim(&mut tx, plan_id, plan_version).await?;
    let in_plan_or_candidate = |id: i64| {
        format!(
            "SELECT COUNT(*) FROM projects p WHERE p.id = {id} AND p.merged_into IS NULL AND (\
               EXISTS (SELECT 1 FROM plan_items x WHERE x.plan_id = {plan_id} AND x.project_id = p.id) OR \
               EXISTS (SELECT 1 FROM plan_items i JOIN plans pl ON pl.id = i.plan_id WHERE i.project_id = p.id AND {}))",
            source_condition(&plan)
        )
    };
    for id in std::iter::once(keep).chain(others.iter().copied()) {
        let ok: i64 = db::query_scalar(AssertSqlSafe(in_plan_or_candidate(id)))
            .fetch_one(&mut tx)
            .await?;
        if ok == 0 {
            return Err(Problem::NotFromTambon { project_id: id }.into());
        }
    }
    let kept_in_plan = super::items::holds(&mut tx, plan_id, keep).await?;
    if !kept_in_plan {
        db::query(
            "INSERT INTO plan_items (plan_id, project_id, fiscal_year, rank, amount_satang, decided_on, created_at, created_by) \
             SELECT $1, id, $2, NULL, budget_satang, $3, $4, $5 FROM projects WHERE id = $6",
        )
        .bind(plan_id)
        .bind(plan.first_year)
        .bind(&now_text()[..10])
        .bind(now_text())
        .bind(&user.username)
        .bind(keep)
        .execute(&mut tx)
        .await?;
    }
    for other in &others {
        db::query("UPDATE projects SET merged_into = $1, updated_at = $2, version = version + 1 WHERE id = $3")
            .bind(keep)
            .bind(now_text())
            .bind(other)
            .execute(&mut tx)
            .await?;
        db::query("DELETE FROM plan_items WHERE plan_id = $1 AND project_id = $2")
            .bind(plan_id)
            .bind(other)
            .execute(&mut tx)
            .await?;
        projects::join_villages(&mut tx, keep, *other).await?;
    }
    db::query(
        "UPDATE projects SET target_villages = (SELECT COUNT(*) FROM project_villages WHERE project_id = $1), \
         reach = CASE WHEN reach = 'village' THEN 'tambon' ELSE reach END, version = version + 1 WHERE id = $1",
    )
    .bind(keep)
    .execute(&mut tx)
    .await?;
    audit::record(
        &mut tx,
        &user.actor(),
        Change {
            action: "merge",
            entity: "project",
            entity_key: keep.to_string(),
            area_code: plan.area_code.clone(),
            lao_id: None,
            before: None,
            after: Some(serde_json::json!({"kept": keep, "merged": others, "plan": plan_id})),
            note: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
