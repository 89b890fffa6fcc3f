//! Progress reports: where a project stands, how far it has come and what it has spent.

use super::{Project, get, get_in};
use crate::accounts::User;
use crate::audit::{self, Change};
use crate::db::{self, Db, Param, now_text};
use crate::error::{AppError, Field, Problem};
use crate::thai;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(default)]
pub struct ProgressInput {
    /// under_way, done or dropped.
    pub status: String,
    pub progress_pct: String,
    pub spent: String,
    pub reported_on: String,
    pub note: String,
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Report {
    #[sqlx(try_from = "crate::db::IsoDate")]
    pub reported_on: time::Date,
    pub status: super::status::ProjectStatus,
    pub progress_pct: i64,
    pub spent_satang: i64,
    pub note: String,
    pub created_by: String,
}

pub async fn reports(db: &Db, project_id: i64) -> anyhow::Result<Vec<Report>> {
    Ok(db::query_as::<Report>(
        "SELECT reported_on, status, progress_pct, spent_satang, note, created_by FROM project_progress \
         WHERE project_id = $1 ORDER BY reported_on, id",
    )
    .bind(project_id)
    .fetch_all(db)
    .await?)
}

/// Records a progress report by someone whose area holds the project.
pub async fn record(
    db: &Db,
    user: &User,
    project_id: i64,
    expected_version: i64,
    input: &ProgressInput,
) -> Result<Project, AppError> {
    let project = get(db, project_id).await?.ok_or_else(AppError::not_found)?;
    if !super::rights::may_report(db, Some(user), &project).await? {
        let m = Problem::OutsideProject.message(crate::i18n::Lang::Th);
        crate::accounts::record_denied_at(
            db,
            user,
            "project",
            &project_id.to_string(),
            "progress",
            &m,
            Some((project.area_code.clone(), None)),
        )
        .await?;
        return Err(Problem::OutsideProject.into());
    }
    let status = match input.status.as_str() {
        s @ ("under_way" | "done" | "dropped") => s,
        other => {
            return Err(Problem::Unknown {
                field: Field::ProgressStatus,
                typed: other.to_string(),
                choices: vec!["กำลังดำเนินการ", "แล้วเสร็จ", "ยกเลิก"],
            }
            .into());
        }
    };
    let pct = match (input.progress_pct.trim(), status) {
        ("", "done") => 100,
        ("", _) => project.progress_pct,
        (p, _) => match thai::parse_int(p.trim_end_matches('%')) {
            Ok(n @ 0..=100) => n,
            _ => {
                return Err(Problem::Range {
                    field: Field::ProgressPct,
                    typed: p.to_string(),
                    min: 0,
                    max: 100,
                }
                .into());
            }
        },
    };
    let spent = match thai::parse_baht(&input.spent) {
        Ok(n) if n >= 0 => n,
        Ok(_) => {
            return Err(Problem::Negative {
                field: Field::Spent,
            }
            .into());
        }
        Err(thai::digits::NumberError::Empty) => project.spent_satang,
        Err(error) => {
            return Err(Problem::Number {
                field: Field::Spent,
                error,
            }
            .into());
        }
    };
    if status == "dropped" && input.note.trim().is_empty() {
        return Err(Problem::DropNeedsReason.into());
    }
    let on = match input.reported_on.trim() {
        "" => now_text()[..10].to_string(),
        d => thai::parse_date(d)
            .map_err(|error| Problem::Date {
                field: Field::ReportedOn,
                error,
            })?
            .to_string(),
    };
    let mut tx = db.begin_write().await?;
    let before = get_in(&mut tx, project_id).await?;
    db::update_versioned(
        &mut tx,
        "projects",
        project_id,
        expected_version,
        "progress_pct = $1, spent_satang = $2, updated_at = $3",
        vec![pct.value(), spent.value(), now_text().value()],
    )
    .await?;
    db::query(
        "INSERT INTO project_progress (project_id, reported_on, status, progress_pct, spent_satang, note, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(project_id)
    .bind(&on)
    .bind(status)
    .bind(pct)
    .bind(spent)
    .bind(input.note.trim())
    .bind(now_text())
    .bind(&user.username)
    .execute(&mut tx)
    .await?;
    super::status::refresh(&mut tx, project_id).await?;
    let after = get_in(&mut tx, project_id).await?;
    audit::record(
        &mut tx,
        &user.actor(),
        Change {
            action: "progress",
            entity: "project",
            entity_key: project_id.to_string(),
            area_code: after.area_code.clone(),
            lao_id: None,
            before: Some(before.audit_json()),
            after: Some(after.audit_json()),
            note: input.note.trim().to_string(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}
