//! Shared tambons (ตำบลที่ใช้ร่วมกันหลาย อปท.): tambons that several LAOs cover partially, whose
//! villages the district (or an LAO sharing the tambon) assigns one by one, each to exactly one
//! LAO. Until every village of such a tambon is assigned, the tambon is "not yet split" and no
//! LAO's figures count its villages (`areas::units`). This module lists them (`of_district`)
//! and says who may split them; `assign` writes the split.

pub mod assign;

use crate::accounts::User;
use crate::areas::{self, Area, Level};
use crate::db::{self, Db};
use crate::error::{AppError, Problem, Thing};
use crate::plans::{Owner, access};
use serde::Serialize;

/// An LAO that covers the tambon partially.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SharingLao {
    pub lao_id: i64,
    pub name_th: String,
}

/// A village of a shared tambon and the LAO it belongs to, if any yet.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct VillageUnit {
    pub code: String,
    pub moo: Option<i64>,
    pub name_th: String,
    pub lao_id: Option<i64>,
    pub lao_name: Option<String>,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct SharedTambon {
    pub code: String,
    pub name_th: String,
    pub laos: Vec<SharingLao>,
    pub villages: Vec<VillageUnit>,
    /// Every village has its LAO.
    pub split: bool,
    /// The reader may split it (`may_split`).
    pub may_split: bool,
}

/// One assignment or reassignment of a village, as the history shows it.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Reassignment {
    pub village_code: String,
    pub village_name: String,
    pub from_lao: Option<String>,
    pub to_lao: String,
    pub at: String,
    pub username: String,
}

/// A district's shared tambons, not yet split first, and the latest assignments.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DistrictTambons {
    pub district_code: String,
    pub district_name: String,
    pub tambons: Vec<SharedTambon>,
    pub history: Vec<Reassignment>,
}

impl DistrictTambons {
    pub fn unsplit(&self) -> impl Iterator<Item = &SharedTambon> {
        self.tambons.iter().filter(|t| !t.split)
    }
}

/// The district of a code, or not found.
async fn district(db: &Db, code: &str) -> Result<Area, AppError> {
    areas::get(db, code)
        .await?
        .filter(|a| a.level == Level::District)
        .ok_or_else(|| Problem::not_found(Thing::District, code).into())
}

/// One tambon as shared: its LAOs covering it partially and its villages with their LAO.
pub async fn tambon(db: &Db, tambon: &Area) -> anyhow::Result<SharedTambon> {
    let laos: Vec<SharingLao> = areas::covering(db, &tambon.code)
        .await?
        .into_iter()
        .filter(|c| c.extent == areas::Extent::Partial)
        .map(|c| SharingLao {
            lao_id: c.lao_id,
            name_th: c.full_name_th,
        })
        .collect();
    let villages = db::query_as::<VillageUnit>(
        "SELECT v.code, v.moo, v.name_th, w.lao_id, l.full_name_th AS lao_name \
         FROM areas v LEFT JOIN lao_villages w ON w.village_code = v.code LEFT JOIN laos l ON l.id = w.lao_id \
         WHERE v.parent_code = $1 AND v.level = 'village' ORDER BY v.code",
    )
    .bind(&tambon.code)
    .fetch_all(db)
    .await?;
    Ok(SharedTambon {
        code: tambon.code.clone(),
        name_th: tambon.name_th.clone(),
        split: villages.iter().all(|v| v.lao_id.is_some()),
        may_split: false,
        laos,
        villages,
    })
}

/// The shared tambons of a district (covered partially by some LAO), those not yet split first,
/// with whether the reader may split each.
pub async fn of_district(
    db: &Db,
    code: &str,
    reader: Option<&User>,
) -> Result<DistrictTambons, AppError> {
    let d = district(db, code).await?;
    let codes: Vec<String> = db::query_scalar(
        "SELECT DISTINCT t.code FROM areas t JOIN lao_coverage c ON c.area_code = t.code AND c.extent = 'partial' \
         WHERE t.parent_code = $1 AND t.level = 'tambon' ORDER BY t.code",
    )
    .bind(&d.code)
    .fetch_all(db)
    .await?;
    let mut tambons = Vec::new();
    for c in codes {
        if let Some(t) = areas::get(db, &c).await? {
            let mut t = tambon(db, &t).await?;
            t.may_split = may_split(db, reader, &t).await?;
            tambons.push(t);
        }
    }
    tambons.sort_by_key(|t| (t.split, t.code.clone()));
    let history = db::query_as::<Reassignment>(
        "SELECT h.village_code, v.name_th AS village_name, f.full_name_th AS from_lao, t.full_name_th AS to_lao, h.at, h.username \
         FROM lao_village_history h JOIN areas v ON v.code = h.village_code \
         LEFT JOIN laos f ON f.id = h.from_lao_id JOIN laos t ON t.id = h.to_lao_id \
         WHERE h.village_code >= $1 AND h.village_code < $2 ORDER BY h.id DESC LIMIT 200",
    )
    .bind_prefix(&d.code)
    .fetch_all(db)
    .await?;
    Ok(DistrictTambons {
        district_code: d.code.clone(),
        district_name: format!("อำเภอ{}", d.name_th),
        tambons,
        history,
    })
}

/// Whether the user may split a tambon: an officer of its district (or above), or of one of the
/// LAOs that share it.
pub async fn may_split(
    db: &Db,
    user: Option<&User>,
    tambon: &SharedTambon,
) -> anyhow::Result<bool> {
    let Some(district) = areas::get(db, &tambon.code[..4.min(tambon.code.len())]).await? else {
        return Ok(false);
    };
    if access::may_write(db, user, &Owner::Area(district)).await? {
        return Ok(true);
    }
    for l in &tambon.laos {
        if let Some(lao) = areas::lao(db, l.lao_id).await?
            && access::may_write(db, user, &Owner::Lao(lao)).await?
        {
            return Ok(true);
        }
    }
    Ok(false)
}
