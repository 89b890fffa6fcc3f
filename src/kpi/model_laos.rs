//! Model LAOs (อปท. ต้นแบบ): one เทศบาล or อบต. per district and fiscal year, designated by the
//! district DLA office (สถ.อ.) with the agreement of the district CD office (พช.อ.); it counts
//! once agreed. A change of target keeps the earlier designation as history.

use crate::accounts::{Agency, User};
use crate::audit::{self, Change};
use crate::db::{self, Db, now_text};
use crate::error::{AppError, Field, Problem, Thing};
use serde::Serialize;

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct ModelLao {
    pub id: i64,
    pub fiscal_year: i64,
    pub district_code: String,
    pub lao_id: i64,
    pub lao_name: String,
    #[sqlx(try_from = "crate::db::IsoDate")]
    pub designated_on: time::Date,
    pub reason: String,
    pub created_by: String,
    pub replaced_at: Option<String>,
    /// Who agreed for พช.อ. ('' for designations made before agreements were kept), and when.
    pub agreed_by: Option<String>,
    pub agreed_at: Option<String>,
}

/// Who designates a model LAO, and who agrees to it.
pub const DESIGNATES: Agency = Agency::DlaDistrict;
pub const AGREES: Agency = Agency::CddDistrict;

const SELECT: &str = "SELECT m.id, m.fiscal_year, m.district_code, m.lao_id, l.full_name_th AS lao_name, m.designated_on, m.reason, m.created_by, m.replaced_at, \
     m.agreed_by, m.agreed_at FROM model_laos m JOIN laos l ON l.id = m.lao_id";

/// The current model LAOs of the districts under an area prefix: designated and agreed.
pub async fn current(db: &Db, year: i64, area_prefix: &str) -> anyhow::Result<Vec<ModelLao>> {
    Ok(db::query_as::<ModelLao>(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE m.fiscal_year = $1 AND m.district_code >= $2 AND m.district_code < $3 AND m.replaced_at IS NULL AND m.agreed_at IS NOT NULL ORDER BY m.district_code"
    )))
    .bind(year)
    .bind_prefix(area_prefix)
    .fetch_all(db)
    .await?)
}

/// Every designation of a district for a year, newest first.
pub async fn history(db: &Db, year: i64, district: &str) -> anyhow::Result<Vec<ModelLao>> {
    Ok(db::query_as::<ModelLao>(sqlx::AssertSqlSafe(format!(
        "{SELECT} WHERE m.fiscal_year = $1 AND m.district_code = $2 ORDER BY m.id DESC"
    )))
    .bind(year)
    .bind(district)
    .fetch_all(db)
    .await?)
}

/// The district whose current, agreed model LAO this is for the year.
pub async fn district_of(db: &Db, year: i64, lao_id: i64) -> anyhow::Result<Option<String>> {
    Ok(db::query_scalar(
        "SELECT district_code FROM model_laos WHERE fiscal_year = $1 AND lao_id = $2 \
         AND replaced_at IS NULL AND agreed_at IS NOT NULL ORDER BY id DESC LIMIT 1",
    )
    .bind(year)
    .bind(lao_id)
    .fetch_optional(db)
    .await?)
}

/// Whether a year's designation for this LAO is current and agreed.
pub async fn is_model(db: &Db, year: i64, lao_id: i64) -> anyhow::Result<bool> {
    let n: i64 = db::query_scalar(
        "SELECT COUNT(*) FROM model_laos WHERE fiscal_year = $1 AND lao_id = $2 AND replaced_at IS NULL AND agreed_at IS NOT NULL",
    )
    .bind(year)
    .bind(lao_id)
    .fetch_one(db)
    .await?;
    Ok(n > 0)
}

/// Whether an LAO may be a model LAO: a เทศบาล or an อบต. (KPI 3.2), not an อบจ. or a special city.
pub fn may_be_model(lao: &crate::areas::Lao) -> bool {
    lao.kind.is_municipality() || lao.kind == crate::areas::LaoKind::Tao
}

/// The LAOs of a district that may be designated its model LAO.
pub async fn eligible(db: &Db, district: &str) -> anyhow::Result<Vec<crate::areas::Lao>> {
    let mut laos = crate::areas::laos_in(db, district).await?;
    laos.retain(may_be_model);
    Ok(laos)
}

/// Whether a district's current designation (in its `history`) still awaits พช.อ.'s agreement.
pub fn awaits_agreement(history: &[ModelLao]) -> bool {
    history
        .iter()
        .any(|m| m.replaced_at.is_none() && m.agreed_at.is_none())
}

/// Whether the user may designate an area's model LAO: the district's สถ.อ. officers.
pub async fn may_designate(
    db: &Db,
    user: Option<&User>,
    area: &crate::areas::Area,
) -> anyhow::Result<bool> {
    may_act(db, user, area, DESIGNATES).await
}

/// Whether the user may agree to the district's designation: its พช.อ. officers.
pub async fn may_agree(
    db: &Db,
    user: Option<&User>,
    area: &crate::areas::Area,
) -> anyhow::Result<bool> {
    may_act(db, user, area, AGREES).await
}

async fn may_act(
    db: &Db,
    user: Option<&User>,
    area: &crate::areas::Area,
    agency: Agency,
) -> anyhow::Result<bool> {
    Ok(area.level == crate::areas::Level::District
        && user.is_some_and(|u| u.agency == agency)
        && crate::plans::access::may_write(db, user, &crate::plans::Owner::Area(area.clone()))
            .await?)
}

/// The district, and the user's right to act for `agency` there (refusals audited).
async fn district_for(
    db: &Db,
    user: &User,
    district: &str,
    agency: Agency,
    step_th: &'static str,
) -> Result<crate::areas::Area, AppError> {
    let area = crate::areas::get(db, district)
        .await?
        .filter(|a| a.level == crate::areas::Level::District)
        .ok_or_else(|| AppError::from(Problem::not_found(Thing::District, district)))?;
    crate::plans::access::check_owner_write(
        db,
        user,
        &crate::plans::Owner::Area(area.clone()),
        "model_lao",
        district,
    )
    .await?;
    crate::accounts::agency::require(
        db,
        user,
        &[agency],
        step_th,
        "model_lao",
        district,
        district,
    )
    .await?;
    Ok(area)
}

/// พช.อ. agrees to the district's current designation for the year; from then it counts.
pub async fn agree(db: &Db, user: &User, year: i64, district: &str) -> Result<ModelLao, AppError> {
    district_for(db, user, district, AGREES, "ให้ความเห็นชอบ อปท. ต้นแบบ").await?;
    let mut tx = db.begin_write().await?;
    let pending: Option<(i64, i64)> = db::query_as(
        "SELECT id, lao_id FROM model_laos WHERE fiscal_year = $1 AND district_code = $2 \
         AND replaced_at IS NULL AND agreed_at IS NULL",
    )
    .bind(year)
    .bind(district)
    .fetch_optional(&mut tx)
    .await?;
    let Some((id, lao_id)) = pending else {
        return Err(Problem::NoDesignationToAgree { year }.into());
    };
    let now = now_text();
    db::query(
        "UPDATE model_laos SET agreed_by = $1, agreed_at = $2 WHERE id = $3 AND agreed_at IS NULL",
    )
    .bind(&user.username)
    .bind(&now)
    .bind(id)
    .execute(&mut tx)
    .await?;
    audit::record(
        &mut tx,
        &user.actor(),
        Change {
            action: "agree",
            entity: "model_lao",
            entity_key: format!("{year}:{district}"),
            area_code: district.to_string(),
            lao_id: Some(lao_id),
            before: None,
            after: Some(serde_json::json!({"lao_id": lao_id, "agreed_by": user.username, "agency": user.agency})),
            note: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    history(db, year, district)
        .await?
        .into_iter()
        .find(|m| m.id == id)
        .ok_or_else(AppError::not_found)
}

/// Designates the district's model LAO for a year, replacing the current one if any.
pub async fn designate(
    db: &Db,
    user: &User,
    year: i64,
    district: &str,
    lao_id: i64,
    designated_on: &str,
    reason: &str,
) -> Result<ModelLao, AppError> {
    district_for(db, user, district, DESIGNATES, "คัดเลือก อปท. ต้นแบบ").await?;
    let lao = crate::areas::lao(db, lao_id).await?.ok_or_else(|| {
        AppError::from(Problem::UnknownCode {
            field: Field::Lao,
            thing: Thing::Lao,
            code: lao_id.to_string(),
        })
    })?;
    if lao.district_code.as_deref() != Some(district) {
        return Err(Problem::LaoNotInDistrict {
            lao: lao.full_name_th.clone(),
        }
        .into());
    }
    if !may_be_model(&lao) {
        return Err(Problem::ModelMustBeMunicipalityOrTao.into());
    }
    let on = match designated_on.trim() {
        "" => crate::thai::fiscal::today_in_thailand().to_string(),
        d => crate::thai::parse_date(d)
            .map_err(|error| Problem::Date {
                field: Field::DesignatedOn,
                error,
            })?
            .to_string(),
    };
    let mut tx = db.begin_write().await?;
    let before: Option<(i64, i64)> = db::query_as(
        "SELECT id, lao_id FROM model_laos WHERE fiscal_year = $1 AND district_code = $2 AND replaced_at IS NULL",
    )
    .bind(year)
    .bind(district)
    .fetch_optional(&mut tx)
    .await?;
    if before.is_some_and(|(_, l)| l == lao_id) {
        return Err(Problem::AlreadyModel {
            lao: lao.full_name_th.clone(),
        }
        .into());
    }
    if before.is_some() && reason.trim().is_empty() {
        return Err(Problem::Missing {
            field: Field::Reason,
        }
        .into());
    }
    // a change of target is told to DLA by the year's date (seed 002: ๑๕ พ.ค.), as the calendar keeps it
    if before.is_some() {
        let last: Option<String> = db::query_scalar(
            "SELECT due_on FROM deadlines WHERE fiscal_year = $1 AND kind = $2 AND period = ''",
        )
        .bind(year)
        .bind(crate::reporting::MODEL_LAO_CHANGE)
        .fetch_optional(&mut tx)
        .await?;
        if let Some(last) = last.as_deref().and_then(crate::db::types::parse_iso)
            && on.as_str() > last.to_string().as_str()
        {
            return Err(Problem::ModelChangeTooLate { year, last }.into());
        }
    }
    let now = now_text();
    db::query("UPDATE model_laos SET replaced_at = $1 WHERE fiscal_year = $2 AND district_code = $3 AND replaced_at IS NULL")
        .bind(&now)
        .bind(year)
        .bind(district)
        .execute(&mut tx)
        .await?;
    let id: i64 = db::query_scalar(
        "INSERT INTO model_laos (fiscal_year, district_code, lao_id, designated_on, reason, created_at, created_by) \
         VALUES ($1, $2, $3, $4, $5, $6, $7) RETURNING id",
    )
    .bind(year)
    .bind(district)
    .bind(lao_id)
    .bind(&on)
    .bind(reason.trim())
    .bind(&now)
    .bind(&user.username)
    .fetch_one(&mut tx)
    .await?;
    audit::record(
        &mut tx,
        &user.actor(),
        Change {
            action: if before.is_some() { "replace" } else { "designate" },
            entity: "model_lao",
            entity_key: format!("{year}:{district}"),
            area_code: district.to_string(),
            lao_id: Some(lao_id),
            before: before.map(|(_, l)| serde_json::json!({"lao_id": l})),
            after: Some(serde_json::json!({"lao_id": lao_id, "name": lao.full_name_th, "designated_on": on})),
            note: reason.trim().to_string(),
        },
    )
    .await?;
    tx.commit().await?;
    let history = history(db, year, district).await?;
    history
        .into_iter()
        .find(|m| m.id == id)
        .ok_or_else(AppError::not_found)
}
