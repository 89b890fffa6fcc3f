//! A province's development issues (ประเด็นการพัฒนา), to which district plans align projects.

use crate::accounts::User;
use crate::audit::{self, Change};
use crate::db::{self, Db};
use crate::error::{AppError, Field, Problem, Thing};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct DevelopmentIssue {
    pub id: i64,
    pub province_code: String,
    pub seq: i64,
    pub title: String,
}

pub async fn of_province(db: &Db, province: &str) -> anyhow::Result<Vec<DevelopmentIssue>> {
    Ok(db::query_as::<DevelopmentIssue>(
        "SELECT id, province_code, seq, title FROM development_issues WHERE province_code = $1 ORDER BY seq",
    )
    .bind(province)
    .fetch_all(db)
    .await?)
}

/// Adds an issue at the end of the province's list; for officers of the province or above.
pub async fn add(
    db: &Db,
    user: &User,
    province: &str,
    title: &str,
) -> Result<DevelopmentIssue, AppError> {
    let title = title.split_whitespace().collect::<Vec<_>>().join(" ");
    if title.is_empty() {
        return Err(Problem::Missing {
            field: Field::IssueTitle,
        }
        .into());
    }
    let area = crate::areas::get(db, province)
        .await?
        .filter(|a| a.level == crate::areas::Level::Province)
        .ok_or_else(|| AppError::from(Problem::not_found(Thing::Province, province)))?;
    let owner = super::Owner::Area(area);
    super::access::check_owner_write(db, user, &owner, "development_issue", province).await?;
    let mut tx = db.begin_write().await?;
    let seq: i64 = db::query_scalar(
        "SELECT CAST(COALESCE(MAX(seq), 0) + 1 AS BIGINT) FROM development_issues WHERE province_code = $1",
    )
    .bind(province)
    .fetch_one(&mut tx)
    .await?;
    let id: i64 = db::query_scalar(
        "INSERT INTO development_issues (province_code, seq, title) VALUES ($1, $2, $3) RETURNING id",
    )
    .bind(province)
    .bind(seq)
    .bind(&title)
    .fetch_one(&mut tx)
    .await?;
    audit::record(
        &mut tx,
        &user.actor(),
        Change {
            action: "create",
            entity: "development_issue",
            entity_key: id.to_string(),
            area_code: province.to_string(),
            lao_id: None,
            before: None,
            after: Some(serde_json::json!({"seq": seq, "title": title})),
            note: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(DevelopmentIssue {
        id,
        province_code: province.to_string(),
        seq,
        title,
    })
}
