//! Who must report, computed from the records rather than kept as a list: districts with target
//! tambons for the registers and the progress report, every district for the district plan and
//! Role Model reports, and the current model LAOs for KPI 3.2. One query per basis, whatever the
//! size of the area.

use super::{
    DISTRICT_PLAN, DISTRICT_PROGRESS, KPI32_DISTRICT, KPI32_MONTHLY, KPI32_PROVINCE,
    MODEL_LAO_CHANGE, MODEL_TAMBON_PLAN, REGISTER_1, REGISTER_2, REGISTER_3, ROLE_MODEL,
};
use crate::db::{self, Db};
use serde::Serialize;

/// A unit that reports: a district (key = its 4-digit code) or an LAO (key = 'lao:<id>').
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Unit {
    pub unit_key: String,
    /// Where the unit sits in the area tree: the district, or the LAO's office area.
    pub area_code: String,
    /// "อำเภอจุน", "อบต.แม่ใส".
    pub name_th: String,
    pub name_en: String,
    pub lao_id: Option<i64>,
    /// The LAO's key, which LAO accounts are scoped by.
    pub lao_key: Option<String>,
    pub province_code: String,
}

/// Which records say who must report a kind.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash)]
pub enum Basis {
    /// Districts with at least one target tambon in the fiscal year.
    TargetDistricts,
    AllDistricts,
    /// Model LAOs currently designated for the fiscal year.
    ModelLaos,
    /// The districts that designated a model LAO for the year (they forward its reports).
    ModelLaoDistricts,
    /// The provinces with a district that did.
    ModelLaoProvinces,
    /// The districts of the year's Role Model round (seed 004); none in a year without one.
    RoleModelRound,
    /// A date of the calendar no unit reports for (the last day to change a model LAO).
    NoOne,
}

pub fn basis(kind: &str) -> Basis {
    match kind {
        REGISTER_1 | REGISTER_2 | REGISTER_3 | DISTRICT_PROGRESS | MODEL_TAMBON_PLAN => {
            Basis::TargetDistricts
        }
        MODEL_LAO_CHANGE => Basis::NoOne,
        KPI32_MONTHLY => Basis::ModelLaos,
        KPI32_DISTRICT => Basis::ModelLaoDistricts,
        KPI32_PROVINCE => Basis::ModelLaoProvinces,
        DISTRICT_PLAN => Basis::AllDistricts,
        ROLE_MODEL => Basis::RoleModelRound,
        _ => Basis::AllDistricts,
    }
}

/// The unit key of an LAO.
pub fn lao_unit_key(lao_id: i64) -> String {
    format!("lao:{lao_id}")
}

fn district_names(name_th: &str, name_en: &str) -> (String, String) {
    (
        format!("อำเภอ{name_th}").replace("อำเภอเขต", "เขต"),
        if name_en.is_empty() {
            name_th.to_string()
        } else {
            format!("{name_en} District")
        },
    )
}

/// The units of a basis under an area prefix ('' = the whole country), ordered by area.
pub async fn units(
    db: &Db,
    basis: Basis,
    fiscal_year: i64,
    prefix: &str,
) -> anyhow::Result<Vec<Unit>> {
    let districts = |rows: Vec<(String, String, String)>| -> Vec<Unit> {
        rows.into_iter()
            .map(|(code, th, en)| {
                let (name_th, name_en) = district_names(&th, &en);
                Unit {
                    unit_key: code.clone(),
                    province_code: code[..2.min(code.len())].to_string(),
                    area_code: code,
                    name_th,
                    name_en,
                    lao_id: None,
                    lao_key: None,
                }
            })
            .collect()
    };
    Ok(match basis {
        Basis::NoOne => Vec::new(),
        Basis::RoleModelRound => districts(
            db::query_as(
                "SELECT a.code, a.name_th, a.name_en FROM areas a \
                 JOIN role_model_districts d ON d.district_code = a.code \
                 JOIN role_model_rounds r ON r.id = d.round_id \
                 WHERE r.fiscal_year = $1 AND a.code >= $2 AND a.code < $3 ORDER BY a.code",
            )
            .bind(fiscal_year)
            .bind_prefix(prefix)
            .fetch_all(db)
            .await?,
        ),
        Basis::AllDistricts => districts(
            db::query_as(
                "SELECT code, name_th, name_en FROM areas WHERE level = 'district' AND code >= $1 AND code < $2 ORDER BY code",
            )
            .bind_prefix(prefix)
            .fetch_all(db)
            .await?,
        ),
        Basis::ModelLaoDistricts => districts(
            db::query_as(
                "SELECT a.code, a.name_th, a.name_en FROM areas a WHERE a.level = 'district' AND a.code >= $2 AND a.code < $3 \
                 AND a.code IN (SELECT m.district_code FROM model_laos m WHERE m.fiscal_year = $1 \
                 AND m.replaced_at IS NULL AND m.agreed_at IS NOT NULL) ORDER BY a.code",
            )
            .bind(fiscal_year)
            .bind_prefix(prefix)
            .fetch_all(db)
            .await?,
        ),
        Basis::ModelLaoProvinces => {
            let rows: Vec<(String, String, String)> = db::query_as(
                "SELECT a.code, a.name_th, a.name_en FROM areas a WHERE a.level = 'province' \
                 AND a.code IN (SELECT SUBSTR(m.district_code, 1, 2) FROM model_laos m WHERE m.fiscal_year = $1 \
                 AND m.replaced_at IS NULL AND m.agreed_at IS NOT NULL AND m.district_code >= $2 AND m.district_code < $3) \
                 ORDER BY a.code",
            )
            .bind(fiscal_year)
            .bind_prefix(prefix)
            .fetch_all(db)
            .await?;
            rows.into_iter()
                .map(|(code, th, en)| Unit {
                    unit_key: code.clone(),
                    province_code: code.clone(),
                    area_code: code,
                    name_th: format!("จังหวัด{th}").replace("จังหวัดกรุงเทพมหานคร", "กรุงเทพมหานคร"),
                    name_en: if en.is_empty() { th } else { format!("{en} Province") },
                    lao_id: None,
                    lao_key: None,
                })
                .collect()
        }
        Basis::TargetDistricts => districts(
            db::query_as(
                "SELECT a.code, a.name_th, a.name_en FROM areas a WHERE a.level = 'district' AND a.code >= $2 AND a.code < $3 \
                 AND a.code IN (SELECT SUBSTR(t.tambon_code, 1, 4) FROM target_tambons t WHERE t.fiscal_year = $1) \
                 ORDER BY a.code",
            )
            .bind(fiscal_year)
            .bind_prefix(prefix)
            .fetch_all(db)
            .await?,
        ),
        Basis::ModelLaos => {
            let rows: Vec<(i64, String, String, String, String, String)> = db::query_as(
                "SELECT l.id, l.lao_key, l.full_name_th, l.name_en, l.province_code, \
                 COALESCE(l.office_tambon_code, l.district_code, l.province_code) AS home \
                 FROM model_laos m JOIN laos l ON l.id = m.lao_id \
                 WHERE m.fiscal_year = $1 AND m.replaced_at IS NULL AND m.agreed_at IS NOT NULL \
                 AND COALESCE(l.office_tambon_code, l.district_code, l.province_code) >= $2 \
                 AND COALESCE(l.office_tambon_code, l.district_code, l.province_code) < $3 \
                 ORDER BY home, l.full_name_th, l.id",
            )
            .bind(fiscal_year)
            .bind_prefix(prefix)
            .fetch_all(db)
            .await?;
            let mut seen = std::collections::HashSet::new();
            rows.into_iter()
                .filter(|r| seen.insert(r.0))
                .map(|(id, key, th, en, province, home)| Unit {
                    unit_key: lao_unit_key(id),
                    area_code: home,
                    name_en: if en.is_empty() { th.clone() } else { en },
                    name_th: th,
                    lao_id: Some(id),
                    lao_key: Some(key),
                    province_code: province,
                })
                .collect()
        }
    })
}

/// The area a unit's submissions are filed under (`submissions.area_code`): a district's own
/// code, an LAO's office tambon (else its district, else its province). None if unknown.
pub async fn unit_area(db: &Db, unit_key: &str) -> anyhow::Result<Option<String>> {
    if let Some(id) = unit_key.strip_prefix("lao:") {
        let Ok(id) = id.parse::<i64>() else {
            return Ok(None);
        };
        return Ok(crate::areas::lao(db, id)
            .await?
            .map(|l| crate::committees::lao_home(&l)));
    }
    Ok(crate::areas::get(db, unit_key).await?.map(|a| a.code))
}
