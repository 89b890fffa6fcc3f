//! Target tambons (ตำบลเป้าหมาย): the tambons that received budget for their tambon plan in a
//! fiscal year, with the coordinator's name. Set by the district (or above) for its tambons.

use crate::accounts::User;
use crate::audit::{self, Change};
use crate::db::{self, Db, now_text};
use crate::error::{AppError, Field, Problem, Thing};
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

/// A tambon's line of the district's target form.
#[derive(Debug, Clone, Default)]
pub struct Row {
    pub tambon_code: String,
    pub target: bool,
    /// Baht, as typed.
    pub budget: String,
    pub coordinator: String,
}

fn budget_of(tambon: &str, typed: &str) -> Result<i64, Problem> {
    match thai::parse_baht(typed) {
        Ok(n) if n >= 0 => Ok(n),
        Ok(_) => Err(Problem::TargetBudget {
            tambon: tambon.to_string(),
            error: None,
        }),
        Err(thai::digits::NumberError::Empty) => Ok(0),
        Err(e) => Err(Problem::TargetBudget {
            tambon: tambon.to_string(),
            error: Some(e),
        }),
    }
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
    let row = Row {
        tambon_code: code.clone(),
        target,
        budget: budget.to_string(),
        coordinator: coordinator.to_string(),
    };
    save(db, user, year, code.get(..4).unwrap_or(""), vec![row]).await
}

/// Saves the target form of a district: every line is checked first, and all are written in
/// one transaction or none.
pub async fn save(
    db: &Db,
    user: &User,
    year: i64,
    district: &str,
    rows: Vec<Row>,
) -> Result<(), AppError> {
    let owner = crate::areas::get(db, district)
        .await?
        .filter(|a| a.level == crate::areas::Level::District)
        .ok_or_else(|| {
            AppError::from(match rows.first() {
                Some(r) => Problem::UnknownCode {
                    field: Field::AreaCode,
                    thing: Thing::Tambon,
                    code: r.tambon_code.clone(),
                },
                None => Problem::missing(Thing::District),
            })
        })?;
    let tambons = crate::areas::children(db, Some(district)).await?;
    let mut problems = Vec::new();
    let mut checked = Vec::new();
    for r in &rows {
        let code = thai::to_arabic_digits(r.tambon_code.trim());
        let Some(t) = tambons.iter().find(|t| t.code == code) else {
            problems.push(Problem::UnknownCode {
                field: Field::AreaCode,
                thing: Thing::Tambon,
                code,
            });
            continue;
        };
        match budget_of(&t.name_th, &r.budget) {
            Ok(b) => checked.push((code, r.target, b, r.coordinator.trim().to_string())),
            Err(p) => problems.push(p),
        }
    }
    crate::plans::access::check_owner_write(
        db,
        user,
        &crate::plans::Owner::Area(owner),
        "target_tambon",
        district,
    )
    .await?;
    if !problems.is_empty() {
        return Err(problems.into());
    }
    let mut tx = db.begin_write().await?;
    for (code, target, budget_satang, coordinator) in checked {
        write(
            &mut tx,
            user,
            year,
            &code,
            target,
            budget_satang,
            &coordinator,
        )
        .await?;
    }
    tx.commit().await?;
    Ok(())
}

async fn write(
    tx: &mut crate::db::Tx,
    user: &User,
    year: i64,
    code: &str,
    target: bool,
    budget_satang: i64,
    coordinator: &str,
) -> anyhow::Result<()> {
    let before: Option<(i64, String)> = db::query_as(
        "SELECT budget_satang, coordinator FROM target_tambons WHERE fiscal_year = $1 AND tambon_code = $2",
    )
    .bind(year)
    .bind(code)
    .fetch_optional(&mut *tx)
    .await?;
    db::query("DELETE FROM target_tambons WHERE fiscal_year = $1 AND tambon_code = $2")
        .bind(year)
        .bind(code)
        .execute(&mut *tx)
        .await?;
    if target {
        db::query(
            "INSERT INTO target_tambons (fiscal_year, tambon_code, budget_satang, coordinator, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(year)
        .bind(code)
        .bind(budget_satang)
        .bind(coordinator)
        .bind(now_text())
        .bind(&user.username)
        .execute(&mut *tx)
        .await?;
    }
    let after = target
        .then(|| serde_json::json!({"budget_satang": budget_satang, "coordinator": coordinator}));
    let before = before.map(|(b, c)| serde_json::json!({"budget_satang": b, "coordinator": c}));
    if before != after {
        audit::record(
            tx,
            &user.actor(),
            Change {
                action: if target { "set" } else { "remove" },
                entity: "target_tambon",
                entity_key: format!("{year}:{code}"),
                area_code: code.to_string(),
                lao_id: None,
                before,
                after,
                note: String::new(),
            },
        )
        .await?;
    }
    Ok(())
}
