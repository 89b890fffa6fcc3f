//! CDD's community-plan standard (ระบบการรับรองมาตรฐานแผนชุมชน): criteria and levels are data
//! and change over time; an assessment records which criteria a plan meets, and the level
//! follows from the count, never typed.

use super::{access, get, owner_of};
use crate::accounts::User;
use crate::audit::{self, Change};
use crate::db::{self, Db, now_text};
use crate::error::{AppError, Field, Problem};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Criterion {
    pub id: i64,
    pub seq: i64,
    pub text: String,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Level {
    pub name: String,
    pub min_met: i64,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Standard {
    pub id: i64,
    pub name: String,
    pub criteria: Vec<Criterion>,
    /// Lowest first.
    pub levels: Vec<Level>,
}

impl Standard {
    /// The highest level whose minimum the count reaches; None below the lowest.
    pub fn level_for(&self, met: i64) -> Option<&Level> {
        self.levels.iter().rev().find(|l| met >= l.min_met)
    }
}

/// The standard in force for a fiscal year: the newest that started in or before it.
pub async fn for_year(db: &Db, year: i64) -> anyhow::Result<Option<Standard>> {
    let head: Option<(i64, String)> = db::query_as(
        "SELECT id, name FROM plan_standards WHERE from_year <= $1 ORDER BY from_year DESC, id DESC LIMIT 1",
    )
    .bind(year)
    .fetch_optional(db)
    .await?;
    let Some((id, name)) = head else {
        return Ok(None);
    };
    Ok(Some(Standard {
        criteria: db::query_as::<Criterion>(
            "SELECT id, seq, text FROM plan_standard_criteria WHERE standard_id = $1 ORDER BY seq",
        )
        .bind(id)
        .fetch_all(db)
        .await?,
        levels: db::query_as::<Level>(
            "SELECT name, min_met FROM plan_standard_levels WHERE standard_id = $1 ORDER BY min_met",
        )
        .bind(id)
        .fetch_all(db)
        .await?,
        id,
        name,
    }))
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Assessment {
    pub assessed_on: String,
    pub assessor: String,
    pub note: String,
    pub met: Vec<i64>,
    pub of: i64,
    pub level: Option<String>,
}

/// The plan's assessments, newest first, each with its level worked out.
pub async fn assessments(
    db: &Db,
    plan_id: i64,
    standard: &Standard,
) -> anyhow::Result<Vec<Assessment>> {
    let rows: Vec<(i64, String, String, String)> = db::query_as(
        "SELECT id, assessed_on, assessor, note FROM plan_assessments WHERE plan_id = $1 AND standard_id = $2 ORDER BY assessed_on DESC, id DESC",
    )
    .bind(plan_id)
    .bind(standard.id)
    .fetch_all(db)
    .await?;
    let mut out = Vec::new();
    for (id, assessed_on, assessor, note) in rows {
        let met: Vec<i64> = db::query_scalar(
            "SELECT criterion_id FROM plan_assessment_marks WHERE assessment_id = $1 AND met = 1 ORDER BY criterion_id",
        )
        .bind(id)
        .fetch_all(db)
        .await?;
        let level = standard.level_for(met.len() as i64).map(|l| l.name.clone());
        out.push(Assessment {
            assessed_on,
            assessor,
            note,
            of: standard.criteria.len() as i64,
            met,
            level,
        });
    }
    Ok(out)
}

/// Records an assessment of a village plan against the standard of its year.
pub async fn assess(
    db: &Db,
    user: &User,
    plan_id: i64,
    assessed_on: &str,
    met: &[i64],
    note: &str,
) -> Result<Assessment, AppError> {
    let plan = get(db, plan_id).await?.ok_or_else(AppError::not_found)?;
    let owner = owner_of(db, &plan).await?;
    access::check_owner_write(db, user, &owner, "plan_assessment", &plan_id.to_string()).await?;
    let standard = for_year(db, plan.first_year)
        .await?
        .ok_or_else(|| AppError::from(Problem::NoStandard))?;
    let on = crate::thai::parse_date(assessed_on)
        .map_err(|error| Problem::Date {
            field: Field::AssessedOn,
            error,
        })?
        .to_string();
    let mut met = met.to_vec();
    met.sort_unstable();
    met.dedup();
    if let Some(bad) = met
        .iter()
        .find(|m| !standard.criteria.iter().any(|c| c.id == **m))
    {
        return Err(Problem::UnknownCriterion { id: *bad }.into());
    }
    let mut tx = db.begin_write().await?;
    let id: i64 = db::query_scalar(
        "INSERT INTO plan_assessments (plan_id, standard_id, assessed_on, assessor, note, created_at) VALUES ($1, $2, $3, $4, $5, $6) RETURNING id",
    )
    .bind(plan_id)
    .bind(standard.id)
    .bind(&on)
    .bind(&user.display_name)
    .bind(note.trim())
    .bind(now_text())
    .fetch_one(&mut tx)
    .await?;
    for c in &standard.criteria {
        db::query("INSERT INTO plan_assessment_marks (assessment_id, criterion_id, met) VALUES ($1, $2, $3)")
            .bind(id)
            .bind(c.id)
            .bind(met.contains(&c.id) as i64)
            .execute(&mut tx)
            .await?;
    }
    let level = standard.level_for(met.len() as i64).map(|l| l.name.clone());
    audit::record(
        &mut tx,
        &user.actor(),
        Change {
            action: "assess",
            entity: "plan",
            entity_key: plan_id.to_string(),
            area_code: plan.area_code.clone(),
            lao_id: plan.lao_id,
            before: None,
            after: Some(serde_json::json!({"standard": standard.name, "on": on, "met": met.len(), "of": standard.criteria.len(), "level": level})),
            note: note.trim().to_string(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Assessment {
        assessed_on: on,
        assessor: user.display_name.clone(),
        note: note.trim().to_string(),
        met,
        of: standard.criteria.len() as i64,
        level,
    })
}
