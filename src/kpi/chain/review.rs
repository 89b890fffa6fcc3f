//! The district's review of a model LAO's report: accepted, or returned with a reason the LAO
//! reads. Only the district's สถ.อ. reviews, only the newest version, and each version once.

use super::{Review, Verdict};
use crate::accounts::{Agency, User};
use crate::audit::{self, Change};
use crate::db::{self, Db, now_text};
use crate::error::{AppError, ChainProblem, Field, Problem, Thing};
use crate::reporting::{KPI32_MONTHLY, submissions};

/// Who reviews and forwards a district's KPI 3.2 reports (seed 002 ๒.๓).
pub const REVIEWS: Agency = Agency::DlaDistrict;
const MAX_REASON: usize = 2000;

/// Whether the user may review and forward the district's reports: its สถ.อ. officers.
pub async fn may_review(
    db: &Db,
    user: Option<&User>,
    district: &crate::areas::Area,
) -> anyhow::Result<bool> {
    Ok(district.level == crate::areas::Level::District
        && user.is_some_and(|u| u.agency == REVIEWS)
        && crate::plans::access::may_write(db, user, &crate::plans::Owner::Area(district.clone()))
            .await?)
}

/// Checks the user acts for the area's office of `agency`; refusals are audited.
pub(super) async fn check_office(
    db: &Db,
    user: &User,
    area: &crate::areas::Area,
    agency: Agency,
    step_th: &'static str,
    entity: &str,
) -> Result<(), AppError> {
    crate::plans::access::check_owner_write(
        db,
        user,
        &crate::plans::Owner::Area(area.clone()),
        entity,
        &area.code,
    )
    .await?;
    crate::accounts::agency::require(db, user, &[agency], step_th, entity, &area.code, &area.code)
        .await
}

pub async fn review(
    db: &Db,
    user: &User,
    submission_id: i64,
    verdict: Verdict,
    reason: &str,
) -> Result<Review, AppError> {
    let s = submissions::get(db, submission_id)
        .await?
        .filter(|s| s.kind == KPI32_MONTHLY)
        .ok_or_else(|| AppError::from(Problem::not_found(Thing::Record, submission_id)))?;
    let lao_id = s
        .lao_id
        .ok_or_else(|| anyhow::anyhow!("KPI report {} has no LAO", s.id))?;
    let lao = crate::areas::lao(db, lao_id)
        .await?
        .ok_or_else(|| anyhow::anyhow!("KPI report {} of an unknown LAO", s.id))?;
    let district = crate::kpi::model_laos::district_of(db, s.fiscal_year, lao_id)
        .await?
        .ok_or_else(|| Problem::NotModelLao {
            lao: lao.full_name_th.clone(),
            year: s.fiscal_year,
        })?;
    let area = crate::areas::get(db, &district)
        .await?
        .ok_or_else(|| anyhow::anyhow!("model LAO of an unknown district {district}"))?;
    check_office(
        db,
        user,
        &area,
        REVIEWS,
        "ตรวจรายงานตัวชี้วัดที่ ๓.๒",
        "kpi32_review",
    )
    .await?;
    let reason = reason.trim();
    if verdict == Verdict::Returned && reason.is_empty() {
        return Err(Problem::Chain(ChainProblem::ReturnWithoutReason).into());
    }
    if reason.chars().count() > MAX_REASON {
        return Err(Problem::TooLong {
            field: Field::Reason,
            max: MAX_REASON,
        }
        .into());
    }
    let mut tx = db.begin_write().await?;
    let latest: i64 = db::query_scalar(
        "SELECT MAX(version) FROM submissions WHERE kind = $1 AND unit_key = $2 AND fiscal_year = $3 AND period = $4",
    )
    .bind(&s.kind)
    .bind(&s.unit_key)
    .bind(s.fiscal_year)
    .bind(&s.period)
    .fetch_one(&mut tx)
    .await?;
    if latest != s.version {
        return Err(Problem::Chain(ChainProblem::NotLatest {
            unit: lao.full_name_th.clone(),
            version: s.version,
            latest,
        })
        .into());
    }
    let done: Option<i64> =
        db::query_scalar("SELECT id FROM submission_reviews WHERE submission_id = $1")
            .bind(s.id)
            .fetch_optional(&mut tx)
            .await?;
    if done.is_some() {
        return Err(Problem::Chain(ChainProblem::AlreadyReviewed {
            unit: lao.full_name_th.clone(),
            version: s.version,
        })
        .into());
    }
    let now = now_text();
    db::query(
        "INSERT INTO submission_reviews (submission_id, verdict, reason, reviewed_at, reviewed_by) VALUES ($1, $2, $3, $4, $5)",
    )
    .bind(s.id)
    .bind(verdict)
    .bind(reason)
    .bind(&now)
    .bind(&user.username)
    .execute(&mut tx)
    .await?;
    audit::record(
        &mut tx,
        &user.actor(),
        Change {
            action: match verdict {
                Verdict::Accepted => "accept",
                Verdict::Returned => "return",
            },
            entity: KPI32_MONTHLY,
            entity_key: format!("{}:{}:{}", s.unit_key, s.fiscal_year, s.period),
            area_code: s.area_code.clone(),
            lao_id: Some(lao_id),
            before: None,
            after: Some(serde_json::json!({"version": s.version, "verdict": verdict.as_str(), "reason": reason})),
            note: reason.to_string(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(Review {
        submission_id: s.id,
        verdict,
        reason: reason.to_string(),
        reviewed_at: now,
        reviewed_by: user.username.clone(),
    })
}
