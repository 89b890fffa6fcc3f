//! The results as a page shows them: each record's title, place and what kind of thing it is,
//! read for the page's hits only.

use crate::areas;
use crate::committees::kinds::Kind as CommitteeKind;
use crate::db::{self, Db, OptIsoDate};
use crate::dimensions::Dimension;
use crate::plans::kind::PlanKind;
use crate::projects::status::ProjectStatus;
use crate::text_index::Kind;
use serde::Serialize;
use std::collections::HashMap;

/// One record found.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Hit {
    pub kind: Kind,
    pub id: i64,
    /// A project's or plan's title; a forum's place and date; a committee's name.
    pub title: String,
    pub area_code: String,
    /// Where it is, from the unit up: "หมู่ที่ 3 บ้านดอน · แม่ใส · เมืองพะเยา · พะเยา".
    pub place: String,
    /// The plan that raised a project, or that a forum was held for.
    pub plan_id: Option<i64>,
    /// The kind of that plan, or of the plan found.
    pub plan_kind: Option<PlanKind>,
    pub dimension: Option<Dimension>,
    pub status: Option<ProjectStatus>,
    pub first_year: Option<i64>,
    pub last_year: Option<i64>,
    #[schema(value_type = Option<String>, format = Date)]
    pub held_on: Option<time::Date>,
    pub committee_kind: Option<CommitteeKind>,
    /// How well it matched: the phrases in its title or body, at the start, the whole title.
    pub score: u32,
    /// The title in runs, those holding what was searched marked (`highlight`).
    pub title_parts: Vec<super::Part>,
}

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    title: String,
    area_code: String,
    plan_id: Option<i64>,
    plan_kind: Option<PlanKind>,
    dimension: Option<Dimension>,
    status: Option<ProjectStatus>,
    first_year: Option<i64>,
    last_year: Option<i64>,
    #[sqlx(try_from = "OptIsoDate")]
    held_on: Option<time::Date>,
    committee_kind: Option<CommitteeKind>,
}

fn statement(kind: Kind) -> &'static str {
    match kind {
        Kind::Project => {
            "SELECT p.id, p.title, p.area_code, p.origin_plan_id AS plan_id, l.kind AS plan_kind, \
               p.dimension, p.status, CAST(NULL AS BIGINT) AS first_year, CAST(NULL AS BIGINT) AS last_year, \
               CAST(NULL AS TEXT) AS held_on, CAST(NULL AS TEXT) AS committee_kind \
             FROM projects p LEFT JOIN plans l ON l.id = p.origin_plan_id WHERE p.id IN"
        }
        Kind::Plan => {
            "SELECT l.id, l.title, l.area_code, l.id AS plan_id, l.kind AS plan_kind, \
               CAST(NULL AS TEXT) AS dimension, CAST(NULL AS TEXT) AS status, l.first_year, l.last_year, \
               CAST(NULL AS TEXT) AS held_on, CAST(NULL AS TEXT) AS committee_kind \
             FROM plans l WHERE l.id IN"
        }
        Kind::Forum => {
            "SELECT f.id, f.place AS title, f.area_code, f.plan_id, l.kind AS plan_kind, \
               CAST(NULL AS TEXT) AS dimension, CAST(NULL AS TEXT) AS status, l.first_year, l.last_year, \
               f.held_on, CAST(NULL AS TEXT) AS committee_kind \
             FROM forums f JOIN plans l ON l.id = f.plan_id WHERE f.id IN"
        }
        Kind::Committee => {
            "SELECT c.id, '' AS title, c.area_code, CAST(NULL AS BIGINT) AS plan_id, CAST(NULL AS TEXT) AS plan_kind, \
               CAST(NULL AS TEXT) AS dimension, CAST(NULL AS TEXT) AS status, CAST(NULL AS BIGINT) AS first_year, \
               CAST(NULL AS BIGINT) AS last_year, CAST(NULL AS TEXT) AS held_on, c.kind AS committee_kind \
             FROM committees c WHERE c.id IN"
        }
    }
}

/// The hits of `shown` (kind, id, score), in that order; a record removed since it was
/// found is left out.
pub(super) async fn describe(db: &Db, shown: &[(Kind, i64, u32)]) -> anyhow::Result<Vec<Hit>> {
    let mut rows: HashMap<(Kind, i64), Row> = HashMap::new();
    for kind in Kind::ALL {
        let ids: Vec<i64> = shown
            .iter()
            .filter(|(k, _, _)| *k == kind)
            .map(|(_, id, _)| *id)
            .collect();
        if ids.is_empty() {
            continue;
        }
        let marks: Vec<String> = (1..=ids.len()).map(|i| format!("${i}")).collect();
        let sql = format!("{} ({})", statement(kind), marks.join(", "));
        let mut q = db::query_as::<Row>(sqlx::AssertSqlSafe(sql));
        for id in &ids {
            q = q.bind(*id);
        }
        for r in q.fetch_all(db).await? {
            rows.insert((kind, r.id), r);
        }
    }
    let places = areas::places(db, rows.values().map(|r| r.area_code.as_str())).await?;
    Ok(shown
        .iter()
        .filter_map(|(kind, id, score)| {
            let r = rows.remove(&(*kind, *id))?;
            let title = match (kind, r.committee_kind) {
                (Kind::Committee, Some(k)) => k.th().to_string(),
                _ => r.title,
            };
            Some(Hit {
                kind: *kind,
                id: *id,
                title,
                place: places.get(&r.area_code).cloned().unwrap_or_default(),
                area_code: r.area_code,
                plan_id: r.plan_id,
                plan_kind: r.plan_kind,
                dimension: r.dimension,
                status: r.status,
                first_year: r.first_year,
                last_year: r.last_year,
                held_on: r.held_on,
                committee_kind: r.committee_kind,
                score: *score,
                title_parts: Vec::new(),
            })
        })
        .collect())
}
