//! Splitting a shared tambon: each village given to one of the LAOs that cover the tambon
//! partially, in one write. A village never belongs to two LAOs (a unique index on
//! `lao_villages (village_code)`); each change is kept in `lao_village_history` and the audit log.
//! Any bad line refuses the whole submission, naming the village and the field.

use super::{SharedTambon, may_split, tambon};
use crate::accounts::{self, User};
use crate::areas::{self, Level};
use crate::audit::{self, Change};
use crate::db::Db;
use crate::db::{self, now_text};
use crate::error::{AppError, Problem, Thing};
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

/// One village and the LAO it goes to.
#[derive(Debug, Clone, Deserialize, Serialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct Choice {
    /// The village's DOPA code (8 digits).
    pub village: String,
    pub lao_id: i64,
}

/// A tambon's split as submitted.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AssignInput {
    pub tambon: String,
    pub villages: Vec<Choice>,
}

impl AssignInput {
    /// From a form: `tambon`, and a select `lao_<village code>` per village ("" = left as it is).
    pub fn from_form(fields: &[(String, String)]) -> AssignInput {
        let tambon = fields
            .iter()
            .find(|(k, _)| k == "tambon")
            .map(|(_, v)| v.trim().to_string())
            .unwrap_or_default();
        let villages = fields
            .iter()
            .filter_map(|(k, v)| {
                let village = k.strip_prefix("lao_")?;
                let lao_id = v.trim().parse::<i64>().ok()?;
                Some(Choice {
                    village: village.to_string(),
                    lao_id,
                })
            })
            .collect();
        AssignInput { tambon, villages }
    }
}

/// What the write changed.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Assigned {
    pub tambon: SharedTambon,
    /// Villages whose LAO changed (a village given the LAO it has is left as it is).
    pub changed: usize,
}

/// Checks every line against the tambon: its village, the LAO sharing it, no village twice.
fn check(
    t: &SharedTambon,
    input: &AssignInput,
    names: &std::collections::HashMap<i64, String>,
) -> Vec<Problem> {
    let tambon = format!("ตำบล{}", t.name_th);
    let mut problems = Vec::new();
    let mut seen: Vec<&str> = Vec::new();
    for c in &input.villages {
        let code = crate::thai::to_arabic_digits(c.village.trim());
        let Some(v) = t.villages.iter().find(|v| v.code == code) else {
            problems.push(Problem::VillageNotInTambon {
                village: c.village.clone(),
                tambon: tambon.clone(),
            });
            continue;
        };
        if seen.contains(&v.code.as_str()) {
            problems.push(Problem::VillageTwice {
                village: format!("หมู่ที่ {} {}", v.moo.unwrap_or(0), v.name_th),
            });
            continue;
        }
        seen.push(&v.code);
        if !t.laos.iter().any(|l| l.lao_id == c.lao_id) {
            problems.push(Problem::LaoNotSharingTambon {
                village: format!("หมู่ที่ {} {}", v.moo.unwrap_or(0), v.name_th),
                lao: names
                    .get(&c.lao_id)
                    .cloned()
                    .unwrap_or_else(|| format!("อปท. รหัส {}", c.lao_id)),
                tambon: tambon.clone(),
            });
        }
    }
    problems
}

/// Assigns the villages of a shared tambon, all or nothing.
pub async fn assign(db: &Db, user: &User, input: &AssignInput) -> Result<Assigned, AppError> {
    let code = crate::thai::to_arabic_digits(input.tambon.trim());
    let area = areas::get(db, &code)
        .await?
        .filter(|a| a.level == Level::Tambon)
        .ok_or_else(|| AppError::from(Problem::not_found(Thing::Tambon, &code)))?;
    let before = tambon(db, &area).await?;
    if before.laos.is_empty() {
        return Err(Problem::NotSharedTambon {
            tambon: format!("ตำบล{}", area.name_th),
        }
        .into());
    }
    if !may_split(db, Some(user), &before).await? {
        let district = areas::get(db, &code[..4]).await?;
        let p = Problem::SplitByDistrictOrLao {
            tambon: format!("ตำบล{}", area.name_th),
            district: district.map_or(String::new(), |d| format!("อำเภอ{}", d.name_th)),
        };
        accounts::record_denied_at(
            db,
            user,
            "village_assignment",
            &code,
            "write",
            &p.message(Lang::Th),
            Some((code.clone(), None)),
        )
        .await?;
        return Err(p.into());
    }
    let mut names = std::collections::HashMap::new();
    for c in &input.villages {
        if let Some(l) = areas::lao(db, c.lao_id).await? {
            names.insert(l.id, l.full_name_th);
        }
    }
    let problems = check(&before, input, &names);
    if !problems.is_empty() {
        return Err(problems.into());
    }
    let mut tx = db.begin_write().await?;
    let now = now_text();
    let mut changes = Vec::new();
    for c in &input.villages {
        let village = crate::thai::to_arabic_digits(c.village.trim());
        let from: Option<i64> =
            db::query_scalar("SELECT lao_id FROM lao_villages WHERE village_code = $1")
                .bind(&village)
                .fetch_optional(&mut tx)
                .await?;
        if from == Some(c.lao_id) {
            continue;
        }
        db::query("DELETE FROM lao_villages WHERE village_code = $1")
            .bind(&village)
            .execute(&mut tx)
            .await?;
        db::query("INSERT INTO lao_villages (lao_id, village_code) VALUES ($1, $2)")
            .bind(c.lao_id)
            .bind(&village)
            .execute(&mut tx)
            .await?;
        db::query(
            "INSERT INTO lao_village_history (village_code, from_lao_id, to_lao_id, at, user_id, username) \
             VALUES ($1, $2, $3, $4, $5, $6)",
        )
        .bind(&village)
        .bind(from)
        .bind(c.lao_id)
        .bind(&now)
        .bind(user.id)
        .bind(&user.username)
        .execute(&mut tx)
        .await?;
        changes.push(serde_json::json!({"village": village, "from": from, "to": c.lao_id}));
    }
    if !changes.is_empty() {
        audit::record(
            &mut tx,
            &user.actor(),
            Change {
                action: "assign",
                entity: "village_assignment",
                entity_key: code.clone(),
                area_code: code.clone(),
                lao_id: None,
                before: Some(serde_json::json!(
                    before
                        .villages
                        .iter()
                        .map(|v| (v.code.clone(), v.lao_id))
                        .collect::<std::collections::BTreeMap<_, _>>()
                )),
                after: Some(serde_json::json!(changes)),
                note: String::new(),
            },
        )
        .await?;
    }
    tx.commit().await?;
    Ok(Assigned {
        changed: changes.len(),
        tambon: tambon(db, &area).await?,
    })
}
