//! Comments on a district's Role Model work (seed 004 ข้อ ๒): the district chief (นายอำเภอ) and
//! DOPA's inspector (ผู้ตรวจราชการกรมการปกครอง) of the district write them, on the whole work or one
//! project; the district administration office answers, and an answer is never lost to a
//! second writer of the same version.

use super::monitoring::{self, Monitor, text};
use super::selection;
use crate::accounts::{Agency, User};
use crate::audit;
use crate::db::{self, Db, Param, now_text};
use crate::error::{AppError, Field, Problem, RoleModelProblem, Thing};
use serde::Serialize;

/// DOPA's inspector: a DOPA account whose position begins so, for the districts of its scope
/// (the inspection region is not kept as an area: the account's scope stands for it).
pub const INSPECTOR_AGENCY: Agency = Agency::Dopa;
pub const INSPECTOR_POSITION: &str = "ผู้ตรวจราชการ";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = CommentWriter)]
pub enum Writer {
    Chief,
    Inspector,
}

crate::text_enum!(Writer);

impl Writer {
    pub const ALL: [Writer; 2] = [Writer::Chief, Writer::Inspector];

    pub fn as_str(self) -> &'static str {
        match self {
            Writer::Chief => "chief",
            Writer::Inspector => "inspector",
        }
    }

    pub fn th(self) -> &'static str {
        match self {
            Writer::Chief => "นายอำเภอ",
            Writer::Inspector => "ผู้ตรวจราชการกรมการปกครอง",
        }
    }
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[schema(as = RoleModelComment)]
pub struct Comment {
    pub id: i64,
    /// The selected project it is about; None for the district's work as a whole.
    pub selection_id: Option<i64>,
    pub body: String,
    pub writer: Writer,
    pub written_by: String,
    pub written_at: String,
    pub answer: Option<String>,
    pub answered_by: Option<String>,
    pub version: i64,
}

/// Who the user comments as: the chief first, else the inspector; None when neither.
pub(super) async fn writer_of(
    db: &Db,
    user: Option<&User>,
    district: &crate::areas::Area,
) -> anyhow::Result<Option<Writer>> {
    if selection::is_chief(db, user, district).await? {
        return Ok(Some(Writer::Chief));
    }
    let Some(u) = user else { return Ok(None) };
    let inspector = u.agency == INSPECTOR_AGENCY
        && u.position.trim().starts_with(INSPECTOR_POSITION)
        && u.role.can_write()
        && u.active
        && u.scope.covers_area(db, &district.code).await?;
    Ok(inspector.then_some(Writer::Inspector))
}

/// A comment by the district chief or DOPA's inspector, on the district's work or one project.
pub async fn comment(
    db: &Db,
    user: &User,
    fiscal_year: i64,
    district: &str,
    bank_id: Option<i64>,
    body: &str,
) -> Result<Monitor, AppError> {
    let dr = selection::of(db, fiscal_year, district).await?;
    let area = crate::areas::get(db, &dr.district_code)
        .await?
        .ok_or_else(AppError::not_found)?;
    let key = format!("{fiscal_year}:{}", dr.district_code);
    let Some(writer) = writer_of(db, Some(user), &area).await? else {
        let p = RoleModelProblem::CommentByChiefOrInspector;
        crate::accounts::record_denied_at(
            db,
            user,
            "role_model_monitoring",
            &key,
            "comment",
            &p.message(crate::i18n::Lang::Th),
            Some((dr.district_code.clone(), None)),
        )
        .await?;
        return Err(p.into());
    };
    let selection_id = match bank_id {
        None => None,
        Some(b) => Some(
            dr.selected
                .iter()
                .find(|s| s.entry.id == b)
                .ok_or_else(|| AppError::from(Problem::not_found(Thing::Project, b)))?
                .selection_id,
        ),
    };
    let mut problems = Vec::new();
    let body = text(body, Field::Comment, &mut problems);
    if body.is_empty() {
        problems.push(Problem::Missing {
            field: Field::Comment,
        });
    }
    if !problems.is_empty() {
        return Err(problems.into());
    }
    let mut tx = db.begin_write().await?;
    db::query(
        "INSERT INTO role_model_comments (entry_id, selection_id, body, writer, written_by, written_at) \
         VALUES ($1, $2, $3, $4, $5, $6)",
    )
    .bind(dr.entry_id)
    .bind(selection_id)
    .bind(&body)
    .bind(writer.as_str())
    .bind(&user.username)
    .bind(now_text())
    .execute(&mut tx)
    .await?;
    let after = serde_json::json!({"bank_id": bank_id, "writer": writer, "body": body});
    audit::record(
        &mut tx,
        &user.actor(),
        selection::audit_change(&dr, monitoring::ENTITY, "comment", after, String::new()),
    )
    .await?;
    tx.commit().await?;
    monitoring::from_round(db, &dr).await
}

/// The office answers a comment; an answer may be corrected, never lost to a second writer.
pub async fn answer(
    db: &Db,
    user: &User,
    fiscal_year: i64,
    district: &str,
    comment_id: i64,
    version: i64,
    answer: &str,
) -> Result<Monitor, AppError> {
    let dr = selection::of(db, fiscal_year, district).await?;
    selection::authorize(db, user, &dr, "ชี้แจงข้อสังเกตโครงการอำเภอต้นแบบ").await?;
    let found: Option<(i64,)> =
        db::query_as("SELECT id FROM role_model_comments WHERE id = $1 AND entry_id = $2")
            .bind(comment_id)
            .bind(dr.entry_id)
            .fetch_optional(db)
            .await?;
    if found.is_none() {
        return Err(Problem::not_found(Thing::Record, comment_id).into());
    }
    let mut problems = Vec::new();
    let answer = text(answer, Field::Answer, &mut problems);
    if answer.is_empty() {
        problems.push(Problem::Missing {
            field: Field::Answer,
        });
    }
    if !problems.is_empty() {
        return Err(problems.into());
    }
    let mut tx = db.begin_write().await?;
    db::update_versioned(
        &mut tx,
        "role_model_comments",
        comment_id,
        version,
        "answer = $1, answered_by = $2, answered_at = $3",
        vec![
            answer.clone().value(),
            user.username.clone().value(),
            now_text().value(),
        ],
    )
    .await?;
    let after = serde_json::json!({"comment_id": comment_id, "answer": answer});
    audit::record(
        &mut tx,
        &user.actor(),
        selection::audit_change(&dr, monitoring::ENTITY, "answer", after, String::new()),
    )
    .await?;
    tx.commit().await?;
    monitoring::from_round(db, &dr).await
}
