//! Target tambons (ตำบลเป้าหมาย): the tambons that received budget for their tambon plan in a
//! fiscal year, with the coordinator's name. Set by the district (or above) for its tambons.

use crate::accounts::User;
use crate::audit::{self, Change};
use crate::db::{self, Db, now_text};
use crate::error::AppError;
use crate::thai;
use serde::Serialize;

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct TargetTambon {
    pub fiscal_year: i64,
    pub tambon_code: String,
    pub name_th: String,
    pub budget_satang: i64,
    pub coordinator: String,
}

/// The target tambons of an area (prefix of DOPA codes) for a fiscal year.
pub async fn of_area(db: &Db, area_prefix: &str, year: i64) -> anyhow::Result<Vec<TargetTambon>> {
    Ok(db::query_as::<TargetTambon>(
        "SELECT t.fiscal_year, t.tambon_code, a.name_th, t.budget_satang, t.coordinator \
         FROM target_tambons t JOIN areas a ON a.code = t.tambon_code \
         WHERE t.fiscal_year = $1 AND t.tambon_code >= $2 AND t.tambon_code < $3 ORDER BY t.tambon_code",
    )
    .bind(year)
    .bind_prefix(area_prefix)
    .fetch_all(db)
    .await?)
}

/// Sets (or, with `target` false, removes) a tambon as a target for the year.
pub async fn set(
    db: &Db,
    user: &User,
    year: i64,
    tambon_code: &str,
    target: bool,
    budget: &str,
    coordinator: &str,
) -> Result<(), AppError> {
    let code = thai::to_arabic_digits(tambon_code.trim());
    let area = crate::areas::get(db, &code)
        .await?
        .filter(|a| a.level == crate::areas::Level::Tambon)
        .ok_or_else(|| AppError::Invalid(format!("ไม่พบตำบลรหัส {code}")))?;
    let district = crate::plans::Owner::Area(
        crate::areas::get(db, &code[..4])
            .await?
            .ok_or_else(|| AppError::NotFound(String::new()))?,
    );
    crate::plans::access::check_owner_write(db, user, &district, "target_tambon", &code).await?;
    let budget_satang = match thai::parse_baht(budget) {
        Ok(n) if n >= 0 => n,
        Ok(_) => {
            return Err(AppError::Invalid(format!(
                "ตำบล{}: งบประมาณต้องไม่ติดลบ",
                area.name_th
            )));
        }
        Err(thai::digits::NumberError::Empty) => 0,
        Err(e) => {
            return Err(AppError::Invalid(format!(
                "ตำบล{} งบประมาณ: {e}",
                area.name_th
            )));
        }
    };
    let mut tx = db.begin_write().await?;
    let before: Option<(i64, String)> = db::query_as(
        "SELECT budget_satang, coordinator FROM target_tambons WHERE fiscal_year = $1 AND tambon_code = $2",
    )
    .bind(year)
    .bind(&code)
    .fetch_optional(&mut tx)
    .await?;
    db::query("DELETE FROM target_tambons WHERE fiscal_year = $1 AND tambon_code = $2")
        .bind(year)
        .bind(&code)
        .execute(&mut tx)
        .await?;
    if target {
        db::query(
            "INSERT INTO target_tambons (fiscal_year, tambon_code, budget_satang, coordinator, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(year)
        .bind(&code)
        .bind(budget_satang)
        .bind(coordinator.trim())
        .bind(now_text())
        .bind(&user.username)
        .execute(&mut tx)
        .await?;
    }
    let after = target.then(
        || serde_json::json!({"budget_satang": budget_satang, "coordinator": coordinator.trim()}),
    );
    let before = before.map(|(b, c)| serde_json::json!({"budget_satang": b, "coordinator": c}));
    if before != after {
        audit::record(
            &mut tx,
            &user.actor(),
            Change {
                action: if target { "set" } else { "remove" },
                entity: "target_tambon",
                entity_key: format!("{year}:{code}"),
                area_code: code.clone(),
                lao_id: None,
                before,
                after,
                note: String::new(),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}
