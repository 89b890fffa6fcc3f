//! The area tree of ONEPLAN.md section 2: province → district → tambon → village, and the
//! local administrative organisations (อปท.) that cover them. Joined by DOPA code, never by name.

pub mod codes;
pub mod import;
pub mod lao_kind;
pub mod national;
pub mod units;

use crate::db::{self, Db};
use serde::Serialize;
use sqlx::AssertSqlSafe;
use std::collections::HashMap;

pub use codes::{CodeStatus, Level};
pub use lao_kind::{Extent, LaoKind};

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Area {
    pub code: String,
    pub level: Level,
    pub parent_code: Option<String>,
    pub name_th: String,
    pub name_en: String,
    pub moo: Option<i64>,
    pub postal_codes: String,
}

impl Area {
    /// The name as Thai users read it in a list: "หมู่ที่ 3 บ้านดอน", "แม่ใส".
    pub fn label_th(&self) -> String {
        match self.level {
            Level::Village => {
                let moo = self.moo.unwrap_or(0);
                if self.name_th.is_empty() {
                    format!("หมู่ที่ {moo}")
                } else {
                    format!("หมู่ที่ {moo} {}", self.name_th)
                }
            }
            // most are named "ชุมชน…" already
            Level::Community if !self.name_th.starts_with("ชุมชน") => {
                format!("ชุมชน{}", self.name_th)
            }
            _ => self.name_th.clone(),
        }
    }

    /// The name with its level as a sentence names it: "จังหวัดพะเยา", "ตำบลแม่ใส", "หมู่ที่ 3
    /// บ้านดอน"; in Bangkok "เขตพระนคร", "แขวงวัดราชบพิธ" and the city itself.
    pub fn titled_th(&self) -> String {
        let bangkok = self.code.starts_with("10");
        let lead = match self.level {
            Level::Village | Level::Community => return self.label_th(),
            Level::Province if bangkok => "",
            Level::District if bangkok => "เขต",
            Level::Tambon if bangkok => "แขวง",
            level => level.th(),
        };
        if self.name_th.starts_with(lead) {
            self.name_th.clone()
        } else {
            format!("{lead}{}", self.name_th)
        }
    }

    pub fn label_en(&self) -> String {
        match self.level {
            Level::Village => format!("Moo {} {}", self.moo.unwrap_or(0), self.name_en)
                .trim_end()
                .to_string(),
            Level::Community if self.name_en.is_empty() => self.label_th(),
            _ if self.name_en.is_empty() => self.name_th.clone(),
            _ => self.name_en.clone(),
        }
    }
}

/// Each code's place, from the unit up to the province, read in one statement.
pub async fn places<'a>(
    db: &Db,
    codes: impl Iterator<Item = &'a str>,
) -> anyhow::Result<HashMap<String, String>> {
    let codes: Vec<String> = codes.map(String::from).collect();
    let mut wanted: Vec<String> = Vec::new();
    for c in &codes {
        for len in [2, 4, 6, 8, c.len()] {
            if len <= c.len() {
                wanted.push(c[..len].to_string());
            }
        }
    }
    wanted.sort();
    wanted.dedup();
    let found: HashMap<String, Area> = many(db, &wanted)
        .await?
        .into_iter()
        .map(|a| (a.code.clone(), a))
        .collect();
    Ok(codes
        .into_iter()
        .map(|c| {
            let mut labels: Vec<String> = Vec::new();
            let mut lens: Vec<usize> = [2, 4, 6, 8, c.len()]
                .into_iter()
                .filter(|l| *l <= c.len())
                .collect();
            lens.dedup();
            for len in lens.into_iter().rev() {
                if let Some(a) = found.get(&c[..len]) {
                    labels.push(a.label_th());
                }
            }
            (c, labels.join(" · "))
        })
        .collect())
}

/// An area with the number of units directly below it.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct AreaSummary {
    pub code: String,
    pub level: Level,
    pub name_th: String,
    pub name_en: String,
    pub moo: Option<i64>,
    pub children: i64,
}

const AREA_COLUMNS: &str = "code, level, parent_code, name_th, name_en, moo, postal_codes";

pub async fn get(db: &Db, code: &str) -> anyhow::Result<Option<Area>> {
    Ok(db::query_as::<Area>(AssertSqlSafe(format!(
        "SELECT {AREA_COLUMNS} FROM areas WHERE code = $1"
    )))
    .bind(code)
    .fetch_optional(db)
    .await?)
}

/// The areas of some codes, in one statement per 500 codes (unknown codes are left out).
pub async fn many(db: &Db, codes: &[String]) -> anyhow::Result<Vec<Area>> {
    let mut out = Vec::new();
    for chunk in codes.chunks(500) {
        let marks = (1..=chunk.len())
            .map(|i| format!("${i}"))
            .collect::<Vec<_>>()
            .join(", ");
        let mut q = db::query_as::<Area>(AssertSqlSafe(format!(
            "SELECT {AREA_COLUMNS} FROM areas WHERE code IN ({marks})"
        )));
        for c in chunk {
            q = q.bind(c.as_str());
        }
        out.extend(q.fetch_all(db).await?);
    }
    Ok(out)
}

/// The units directly below an area (the provinces when `parent` is None), with their own child counts.
pub async fn children(db: &Db, parent: Option<&str>) -> anyhow::Result<Vec<AreaSummary>> {
    let sql = "SELECT a.code, a.level, a.name_th, a.name_en, a.moo, \
               (SELECT COUNT(*) FROM areas c WHERE c.parent_code = a.code) AS children \
               FROM areas a WHERE ";
    let rows = match parent {
        Some(p) => {
            // a merged or retired community stays in the tree for its records, not in lists
            db::query_as::<AreaSummary>(AssertSqlSafe(format!(
                "{sql} a.parent_code = $1 AND NOT EXISTS (SELECT 1 FROM communities k WHERE k.code = a.code AND k.status <> 'active') \
                 ORDER BY a.code"
            )))
            .bind(p)
            .fetch_all(db)
            .await?
        }
        None => {
            db::query_as::<AreaSummary>(AssertSqlSafe(format!(
                "{sql} a.level = 'province' ORDER BY a.code"
            )))
            .fetch_all(db)
            .await?
        }
    };
    Ok(rows)
}

/// The areas of a level under a code prefix ("" for the country), by code.
pub async fn under(db: &Db, level: Level, prefix: &str) -> anyhow::Result<Vec<Area>> {
    Ok(db::query_as::<Area>(AssertSqlSafe(format!(
        "SELECT {AREA_COLUMNS} FROM areas WHERE level = $1 AND code >= $2 AND code < $3 ORDER BY code"
    )))
    .bind(level)
    .bind_prefix(prefix)
    .fetch_all(db)
    .await?)
}

/// The area and all above it, from the province down, in one query.
pub async fn path(db: &Db, code: &str) -> anyhow::Result<Vec<Area>> {
    // a community's code (10 characters) has no area at 8
    let prefixes: Vec<&str> = [2, 4, 6, 8, 10]
        .into_iter()
        .filter(|&len| code.len() >= len && code.is_char_boundary(len))
        .map(|len| &code[..len])
        .collect();
    if prefixes.is_empty() {
        return Ok(Vec::new());
    }
    let marks: Vec<String> = (1..=prefixes.len()).map(|i| format!("${i}")).collect();
    let sql = format!(
        "SELECT {AREA_COLUMNS} FROM areas WHERE code IN ({}) ORDER BY LENGTH(code)",
        marks.join(", ")
    );
    let mut q = db::query_as::<Area>(AssertSqlSafe(sql));
    for p in prefixes {
        q = q.bind(p);
    }
    Ok(q.fetch_all(db).await?)
}

/// How many units of each level the database holds.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct Counts {
    pub provinces: i64,
    pub districts: i64,
    pub tambons: i64,
    pub villages: i64,
    pub communities: i64,
    pub laos: i64,
}

pub async fn counts(db: &Db) -> anyhow::Result<Counts> {
    let rows: Vec<(Level, i64)> = db::query_as("SELECT level, COUNT(*) FROM areas GROUP BY level")
        .fetch_all(db)
        .await?;
    let mut c = Counts::default();
    for (level, n) in rows {
        *match level {
            Level::Province => &mut c.provinces,
            Level::District => &mut c.districts,
            Level::Tambon => &mut c.tambons,
            Level::Village => &mut c.villages,
            Level::Community => &mut c.communities,
        } = n;
    }
    c.laos = db::query_scalar("SELECT COUNT(*) FROM laos")
        .fetch_one(db)
        .await?;
    Ok(c)
}

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Lao {
    pub id: i64,
    pub lao_key: String,
    pub dla_code: Option<String>,
    pub kind: LaoKind,
    pub name_th: String,
    pub full_name_th: String,
    pub name_en: String,
    pub province_code: String,
    pub district_code: Option<String>,
    pub office_tambon_code: Option<String>,
}

impl Lao {
    /// The Thai name of the LAO's kind, as on its letterhead.
    pub fn kind_th(&self) -> &'static str {
        self.kind.th()
    }
}

/// An LAO that covers an area, and how far.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct Coverage {
    pub lao_id: i64,
    pub full_name_th: String,
    pub name_en: String,
    pub kind: LaoKind,
    pub area_code: String,
    pub extent: Extent,
}

const LAO_COLUMNS: &str = "id, lao_key, dla_code, kind, name_th, full_name_th, name_en, province_code, district_code, office_tambon_code";

pub async fn lao(db: &Db, id: i64) -> anyhow::Result<Option<Lao>> {
    Ok(db::query_as::<Lao>(AssertSqlSafe(format!(
        "SELECT {LAO_COLUMNS} FROM laos WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(db)
    .await?)
}

pub async fn lao_by_key(db: &Db, key: &str) -> anyhow::Result<Option<Lao>> {
    Ok(db::query_as::<Lao>(AssertSqlSafe(format!(
        "SELECT {LAO_COLUMNS} FROM laos WHERE lao_key = $1"
    )))
    .bind(key)
    .fetch_optional(db)
    .await?)
}

/// LAOs whose office lies in a district (or, for a province code, the province's own อบจ. and all others).
pub async fn laos_in(db: &Db, area_code: &str) -> anyhow::Result<Vec<Lao>> {
    let sql = match area_code.len() {
        2 => format!(
            "SELECT {LAO_COLUMNS} FROM laos WHERE province_code = $1 ORDER BY district_code, full_name_th"
        ),
        _ => {
            format!("SELECT {LAO_COLUMNS} FROM laos WHERE district_code = $1 ORDER BY full_name_th")
        }
    };
    Ok(db::query_as::<Lao>(AssertSqlSafe(sql))
        .bind(area_code)
        .fetch_all(db)
        .await?)
}

/// The LAOs that cover an area (a tambon, or a province for its อบจ.), completely or partially.
pub async fn covering(db: &Db, area_code: &str) -> anyhow::Result<Vec<Coverage>> {
    Ok(db::query_as::<Coverage>(
        "SELECT l.id AS lao_id, l.full_name_th, l.name_en, l.kind, c.area_code, c.extent \
         FROM lao_coverage c JOIN laos l ON l.id = c.lao_id WHERE c.area_code = $1 \
         ORDER BY c.extent, l.full_name_th",
    )
    .bind(area_code)
    .fetch_all(db)
    .await?)
}

/// The areas an LAO covers.
pub async fn coverage_of(db: &Db, lao_id: i64) -> anyhow::Result<Vec<(Area, Extent)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        area: Area,
        extent: Extent,
    }
    let rows = db::query_as::<Row>(
        "SELECT a.code, a.level, a.parent_code, a.name_th, a.name_en, a.moo, a.postal_codes, c.extent \
         FROM lao_coverage c JOIN areas a ON a.code = c.area_code WHERE c.lao_id = $1 ORDER BY a.code",
    )
    .bind(lao_id)
    .fetch_all(db)
    .await?;
    Ok(rows.into_iter().map(|r| (r.area, r.extent)).collect())
}

/// Whether a village or community is one of an LAO's own units (`units`): a village in a tambon
/// it covers completely or assigned to it in a tambon it shares; a community it registered.
pub async fn lao_covers_unit(db: &Db, lao_id: i64, unit_code: &str) -> anyhow::Result<bool> {
    let n: i64 =
        db::query_scalar("SELECT COUNT(*) FROM lao_units WHERE lao_id = $1 AND unit_code = $2")
            .bind(lao_id)
            .bind(unit_code)
            .fetch_one(db)
            .await?;
    Ok(n > 0)
}

/// What a search for a name or code found.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct Found {
    pub areas: Vec<Area>,
    pub laos: Vec<Lao>,
}

/// Finds areas and LAOs by code prefix or by a part of the name, larger units first.
/// Level words typed before a name ("ตำบล", "อ.", "จังหวัด") are ignored.
pub async fn search(db: &Db, query: &str, limit: i64) -> anyhow::Result<Found> {
    let q = crate::thai::to_arabic_digits(query.trim());
    let mut q = q.as_str();
    for prefix in [
        "จังหวัด",
        "อำเภอ",
        "ตำบล",
        "หมู่บ้าน",
        "แขวง",
        "เขต",
        "จ.",
        "อ.",
        "ต.",
    ] {
        if let Some(rest) = q.strip_prefix(prefix) {
            q = rest.trim_start();
            break;
        }
    }
    if q.is_empty() {
        return Ok(Found::default());
    }
    if q.bytes().all(|b| b.is_ascii_digit()) {
        let areas = db::query_as::<Area>(AssertSqlSafe(format!(
            "SELECT {AREA_COLUMNS} FROM areas WHERE code >= $1 AND code < $2 ORDER BY LENGTH(code), code LIMIT $3"
        )))
        .bind_prefix(q)
        .bind(limit)
        .fetch_all(db)
        .await?;
        let laos = db::query_as::<Lao>(AssertSqlSafe(format!(
            "SELECT {LAO_COLUMNS} FROM laos WHERE dla_code = $1 LIMIT $2"
        )))
        .bind(q)
        .bind(limit)
        .fetch_all(db)
        .await?;
        return Ok(Found { areas, laos });
    }
    let pattern = format!("%{}%", q.to_lowercase().replace(['%', '_'], ""));
    let areas = db::query_as::<Area>(AssertSqlSafe(format!(
        "SELECT {AREA_COLUMNS} FROM areas WHERE name_th LIKE $1 OR LOWER(name_en) LIKE $1 ORDER BY LENGTH(code), code LIMIT $2"
    )))
    .bind(&pattern)
    .bind(limit)
    .fetch_all(db)
    .await?;
    // the first by id, then by name in Rust: the two databases order Thai text by their own
    // collations, and the same search must give the same LAOs on both
    let mut laos = db::query_as::<Lao>(AssertSqlSafe(format!(
        "SELECT {LAO_COLUMNS} FROM laos WHERE full_name_th LIKE $1 OR LOWER(name_en) LIKE $1 ORDER BY id LIMIT $2"
    )))
    .bind(&pattern)
    .bind(limit)
    .fetch_all(db)
    .await?;
    laos.sort_by(|a, b| a.full_name_th.cmp(&b.full_name_th).then(a.id.cmp(&b.id)));
    Ok(Found { areas, laos })
}
