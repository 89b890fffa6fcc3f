//! Communities (ชุมชน): the units a municipality, and some อบต., plans by, kept by the LAO in
//! its register. A community is an area of level `community` under the tambon it lies in, so
//! it has what a village has — a committee (คณะกรรมการชุมชน), a community plan, forums and
//! projects — and, while in use, it is one of the LAO's units (`areas::units`) that every LAO
//! figure counts. Its code is the tambon's, 'C' and a number (110110C001), kept for ever:
//! renaming keeps it, and a merger or retirement ends the community without deleting anything.
//! `register` writes; `import` reads the list from a spreadsheet.

pub mod import;
pub mod register;

use crate::accounts::User;
use crate::areas::{self, Lao};
use crate::db::{self, Db};
use crate::error::{AppError, Problem, Thing};
use crate::plans::{Owner, access};
use serde::Serialize;

/// Whether a community is in use.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = CommunityStatus)]
pub enum Status {
    Active,
    Merged,
    Retired,
}

crate::text_enum!(Status);

impl Status {
    pub const ALL: [Status; 3] = [Status::Active, Status::Merged, Status::Retired];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Active => "active",
            Status::Merged => "merged",
            Status::Retired => "retired",
        }
    }

    pub fn th(self) -> &'static str {
        match self {
            Status::Active => "ใช้อยู่",
            Status::Merged => "ยุบรวมแล้ว",
            Status::Retired => "ยกเลิกแล้ว",
        }
    }
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Community {
    pub id: i64,
    pub code: String,
    pub lao_id: i64,
    pub number: i64,
    pub name_th: String,
    pub tambon_code: String,
    pub tambon_name: String,
    pub status: Status,
    pub merged_into: Option<String>,
    /// ISO date the community was merged or retired.
    pub ended_on: Option<String>,
    pub version: i64,
}

impl Community {
    /// "ชุมชนบ้านสันป่าเหียง": the name as the area tree shows it.
    pub fn label_th(&self) -> String {
        if self.name_th.starts_with("ชุมชน") {
            self.name_th.clone()
        } else {
            format!("ชุมชน{}", self.name_th)
        }
    }
}

/// One line of a community's history, newest first on the page.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[schema(as = CommunityEvent)]
pub struct Event {
    pub code: String,
    pub action: String,
    pub name_before: Option<String>,
    pub name_after: Option<String>,
    pub number_before: Option<i64>,
    pub number_after: Option<i64>,
    pub into_code: Option<String>,
    pub on_date: Option<String>,
    pub at: String,
    pub username: String,
}

/// A tambon the LAO covers, where it may register communities.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct CoveredTambon {
    pub code: String,
    pub name_th: String,
}

/// An LAO's register of communities, those in use first.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = CommunityRegister)]
pub struct Register {
    pub lao_id: i64,
    pub lao_name: String,
    pub tambons: Vec<CoveredTambon>,
    pub communities: Vec<Community>,
    pub history: Vec<Event>,
    /// The reader may keep the register (`may_keep`).
    pub may_keep: bool,
}

impl Register {
    pub fn active(&self) -> impl Iterator<Item = &Community> {
        self.communities
            .iter()
            .filter(|c| c.status == Status::Active)
    }
}

const COLUMNS: &str = "k.id, k.code, k.lao_id, k.number, a.name_th, a.parent_code AS tambon_code, \
     t.name_th AS tambon_name, k.status, k.merged_into, k.ended_on, k.version";
const FROM: &str =
    "communities k JOIN areas a ON a.code = k.code JOIN areas t ON t.code = a.parent_code";

/// The LAO of an id, or not found.
pub(crate) async fn lao(db: &Db, lao_id: i64) -> Result<Lao, AppError> {
    areas::lao(db, lao_id)
        .await?
        .ok_or_else(|| Problem::not_found(Thing::Lao, lao_id).into())
}

pub async fn get(db: &Db, code: &str) -> anyhow::Result<Option<Community>> {
    Ok(db::query_as::<Community>(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE k.code = $1"
    )))
    .bind(code)
    .fetch_optional(db)
    .await?)
}

/// The communities of an LAO: in use by number, then the ended ones.
pub async fn of_lao(db: &Db, lao_id: i64) -> anyhow::Result<Vec<Community>> {
    Ok(db::query_as::<Community>(sqlx::AssertSqlSafe(format!(
        "SELECT {COLUMNS} FROM {FROM} WHERE k.lao_id = $1 \
         ORDER BY CASE WHEN k.status = 'active' THEN 0 ELSE 1 END, k.number, k.code"
    )))
    .bind(lao_id)
    .fetch_all(db)
    .await?)
}

/// The tambons an LAO covers (a province for an อบจ. is not a tambon, and has none).
pub async fn covered_tambons(db: &Db, lao_id: i64) -> anyhow::Result<Vec<CoveredTambon>> {
    Ok(areas::coverage_of(db, lao_id)
        .await?
        .into_iter()
        .filter(|(a, _)| a.level == areas::Level::Tambon)
        .map(|(a, _)| CoveredTambon {
            code: a.code,
            name_th: a.name_th,
        })
        .collect())
}

/// An LAO's register as the reader sees it.
pub async fn register_of(
    db: &Db,
    lao_id: i64,
    reader: Option<&User>,
) -> Result<Register, AppError> {
    let l = lao(db, lao_id).await?;
    let history = db::query_as::<Event>(
        "SELECT h.code, h.action, h.name_before, h.name_after, h.number_before, h.number_after, h.into_code, \
         h.on_date, h.at, h.username FROM community_history h JOIN communities k ON k.code = h.code \
         WHERE k.lao_id = $1 ORDER BY h.id DESC LIMIT 200",
    )
    .bind(lao_id)
    .fetch_all(db)
    .await?;
    Ok(Register {
        lao_id,
        tambons: covered_tambons(db, lao_id).await?,
        communities: of_lao(db, lao_id).await?,
        history,
        may_keep: may_keep(db, reader, &l).await?,
        lao_name: l.full_name_th,
    })
}

/// Whether the user keeps the LAO's communities: an officer of the LAO, or of its district
/// or province (the same reach as the LAO's own plans).
pub async fn may_keep(db: &Db, user: Option<&User>, lao: &Lao) -> anyhow::Result<bool> {
    access::may_write(db, user, &Owner::Lao(lao.clone())).await
}
