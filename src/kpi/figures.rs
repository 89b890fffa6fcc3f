//! The monthly report's figures (items 1–8) of a set of LAOs in a fixed number of statements,
//! each grouped by LAO: one model LAO or the whole country's take the same queries. A statement
//! starts from the scope `m (lao_id, y)` — the LAOs and the fiscal year Y — and reaches their
//! villages and tambons through `lao_coverage`. The SQL is standard (SQLite, PostgreSQL, DuckDB).
//! `m CROSS JOIN lao_coverage c CROSS JOIN areas v …` (conditions in WHERE) is an inner join to the
//! others; SQLite alone reads it as "in this order", which keeps it from scanning every village
//! (or village plan) of the country for each covered tambon when it has no statistics.

use crate::areas::units::{own_project, unsplit_of_scope};
use crate::db::{self, Db};
use crate::kpi::rates::{Rates, grouped_sql, one_lao};
use std::collections::HashMap;

/// The statements over a scope, by name; each returns rows keyed by lao_id (first column), and
/// an LAO without any row has zero of that figure.
macro_rules! statements {
    ($scope:expr) => {
        [
            // items 2 and 3: a working group with an order of Y or before; its work plan for Y
            (
                "working_group",
                concat!(
                    "WITH m AS (",
                    $scope,
                    ") SELECT m.lao_id, \
                       CAST(CASE WHEN EXISTS (SELECT 1 FROM committees c JOIN committee_orders o ON o.committee_id = c.id \
                            WHERE c.kind = 'lao_working_group' AND c.lao_id = m.lao_id AND o.fiscal_year <= m.y) \
                            THEN 1 ELSE 0 END AS BIGINT), \
                       CAST(CASE WHEN EXISTS (SELECT 1 FROM working_group_plans w \
                            WHERE w.lao_id = m.lao_id AND w.fiscal_year = m.y) THEN 1 ELSE 0 END AS BIGINT) \
                     FROM m"
                ),
            ),
            // item 1: the LAO's own villages and communities (`areas::units`), and how many are communities
            (
                "villages",
                concat!(
                    "WITH m AS (",
                    $scope,
                    ") SELECT u.lao_id, CAST(COUNT(*) AS BIGINT), \
                       CAST(SUM(CASE WHEN u.unit_level = 'community' THEN 1 ELSE 0 END) AS BIGINT) \
                     FROM m CROSS JOIN lao_units u WHERE u.lao_id = m.lao_id \
                     GROUP BY u.lao_id"
                ),
            ),
            // item 4: own villages whose plan of Y was reviewed in a forum and has every core dimension
            (
                "villages_reviewed",
                concat!(
                    "WITH m AS (",
                    $scope,
                    ") SELECT r.lao_id, CAST(COUNT(*) AS BIGINT) FROM ( \
                       SELECT c.lao_id, pl.id \
                       FROM m CROSS JOIN lao_units c CROSS JOIN plans pl \
                       CROSS JOIN plan_items i CROSS JOIN projects p CROSS JOIN dimensions d \
                       WHERE c.lao_id = m.lao_id \
                         AND pl.kind = 'village' AND pl.owner_key = c.unit_code AND pl.first_year = m.y \
                         AND i.plan_id = pl.id AND p.id = i.project_id AND d.code = p.dimension AND d.core = 1 \
                         AND EXISTS (SELECT 1 FROM forums f WHERE f.plan_id = pl.id) \
                       GROUP BY c.lao_id, pl.id \
                       HAVING COUNT(DISTINCT p.dimension) = (SELECT COUNT(*) FROM dimensions WHERE core = 1)) r \
                     GROUP BY r.lao_id"
                ),
            ),
            // item 5: covered tambons, those whose tambon plan of Y had its integration forum, the latest forum
            (
                "tambons",
                concat!(
                    "WITH m AS (",
                    $scope,
                    ") SELECT c.lao_id, CAST(COUNT(DISTINCT c.area_code) AS BIGINT), \
                       CAST(COUNT(DISTINCT f.plan_id) AS BIGINT), MAX(f.held_on) \
                     FROM m JOIN lao_coverage c ON c.lao_id = m.lao_id \
                     LEFT JOIN plans pl ON pl.kind = 'tambon' AND pl.owner_key = c.area_code AND pl.first_year = m.y \
                     LEFT JOIN forums f ON f.plan_id = pl.id \
                     GROUP BY c.lao_id"
                ),
            ),
            // item 6: the integrated plans' items (the LAO's own, `areas::units`) by core dimension (a dimension without a row is missing)
            (
                "core_dimensions",
                concat!(
                    "WITH m AS (",
                    $scope,
                    ") SELECT c.lao_id, p.dimension, CAST(COUNT(*) AS BIGINT) \
                     FROM m JOIN lao_coverage c ON c.lao_id = m.lao_id \
                     JOIN plans pl ON pl.kind = 'tambon' AND pl.owner_key = c.area_code AND pl.first_year = m.y \
                     JOIN plan_items i ON i.plan_id = pl.id JOIN projects p ON p.id = i.project_id \
                     JOIN dimensions d ON d.code = p.dimension \
                     WHERE d.core = 1 AND p.merged_into IS NULL AND ",
                    own_project!(),
                    " GROUP BY c.lao_id, p.dimension"
                ),
            ),
            // the shared tambons not yet split, whose villages nothing above counts
            (
                "unsplit",
                concat!("WITH m AS (", $scope, ") ", unsplit_of_scope!()),
            ),
            // items 6–8: the rates for the local plan and draft budget of Y + 1
            ("rates", grouped_sql!($scope)),
        ]
    };
}

/// The current model LAOs of the districts under an area prefix: $1 the fiscal year, $2 and $3
/// the ends of the district codes under the prefix (`db::Query::bind_prefix`).
macro_rules! models {
    () => {
        "SELECT DISTINCT lao_id, fiscal_year AS y FROM model_laos \
         WHERE fiscal_year = $1 AND district_code >= $2 AND district_code < $3 AND replaced_at IS NULL AND agreed_at IS NOT NULL"
    };
}

/// The figures of every current model LAO under an area prefix, by statement name:
/// $1 the fiscal year (BE), $2 and $3 the ends of the district codes under the prefix.
pub const BY_AREA: [(&str, &str); 7] = statements!(models!());

/// The same statements for one LAO: $1 the fiscal year (BE), $2 the LAO's id.
pub const ONE_LAO: [(&str, &str); 7] = statements!(one_lao!());

/// Which LAOs.
#[derive(Debug, Clone, Copy)]
pub enum Scope<'a> {
    /// The current model LAOs of the districts under this area prefix ("" for the country).
    Models(&'a str),
    Lao(i64),
}

/// The figures of one LAO, before they are held against the year's settings.
#[derive(Debug, Clone, Default)]
pub struct Figures {
    /// Item 1: the LAO's units, villages and communities.
    pub villages: i64,
    /// How many of them are communities (ชุมชน).
    pub communities: i64,
    pub has_working_group: bool,
    pub has_work_plan: bool,
    pub villages_reviewed: i64,
    pub tambons: i64,
    pub tambons_integrated: i64,
    pub integration_forum_on: Option<String>,
    /// The Thai names of the core dimensions with no project in the integrated plans.
    pub missing_dimensions: Vec<String>,
    pub rates: Rates,
    /// issue 11: the shared tambons not yet split between the LAOs (code, Thai name), whose
    /// villages none of the figures counts.
    pub unsplit_tambons: Vec<(String, String)>,
}

async fn rows<T>(db: &Db, sql: &'static str, year: i64, scope: Scope<'_>) -> anyhow::Result<Vec<T>>
where
    T: db::Row,
{
    let q = db::query_as::<T>(sql).bind(year);
    let q = match scope {
        Scope::Models(prefix) => q.bind_prefix(prefix),
        Scope::Lao(id) => q.bind(id),
    };
    Ok(q.fetch_all(db).await?)
}

/// The figures of fiscal year `year` of the LAOs `laos` of the scope, by LAO.
pub async fn of_scope(
    db: &Db,
    scope: Scope<'_>,
    year: i64,
    laos: &[i64],
) -> anyhow::Result<HashMap<i64, Figures>> {
    let [
        working_group,
        villages,
        reviewed,
        tambons,
        dimensions,
        unsplit,
        rates,
    ] = match scope {
        Scope::Models(_) => BY_AREA,
        Scope::Lao(_) => ONE_LAO,
    }
    .map(|(_, sql)| sql);
    let core: Vec<(String, String)> =
        db::query_as("SELECT code, name_th FROM dimensions WHERE core = 1 ORDER BY sort")
            .fetch_all(db)
            .await?;
    let mut out: HashMap<i64, Figures> = laos.iter().map(|l| (*l, Figures::empty(year))).collect();
    fn at(out: &mut HashMap<i64, Figures>, lao: i64, year: i64) -> &mut Figures {
        out.entry(lao).or_insert_with(|| Figures::empty(year))
    }
    for (lao, group, plan) in rows::<(i64, i64, i64)>(db, working_group, year, scope).await? {
        let f = at(&mut out, lao, year);
        (f.has_working_group, f.has_work_plan) = (group > 0, plan > 0);
    }
    for (lao, n, communities) in rows::<(i64, i64, i64)>(db, villages, year, scope).await? {
        let f = at(&mut out, lao, year);
        (f.villages, f.communities) = (n, communities);
    }
    for (lao, n) in rows::<(i64, i64)>(db, reviewed, year, scope).await? {
        at(&mut out, lao, year).villages_reviewed = n;
    }
    for (lao, n, integrated, on) in
        rows::<(i64, i64, i64, Option<String>)>(db, tambons, year, scope).await?
    {
        let f = at(&mut out, lao, year);
        (f.tambons, f.tambons_integrated, f.integration_forum_on) = (n, integrated, on);
    }
    for (lao, integrated, in_local, in_budget) in
        rows::<(i64, i64, i64, i64)>(db, rates, year, scope).await?
    {
        at(&mut out, lao, year).rates = Rates::of_counts(year + 1, integrated, in_local, in_budget);
    }
    for (lao, code, name) in rows::<(i64, String, String)>(db, unsplit, year, scope).await? {
        at(&mut out, lao, year).unsplit_tambons.push((code, name));
    }
    let mut present: HashMap<i64, Vec<String>> = HashMap::new();
    for (lao, dimension, _) in rows::<(i64, String, i64)>(db, dimensions, year, scope).await? {
        present.entry(lao).or_default().push(dimension);
    }
    for (lao, f) in out.iter_mut() {
        let present = present.get(lao);
        f.missing_dimensions = core
            .iter()
            .filter(|(code, _)| !present.is_some_and(|p| p.contains(code)))
            .map(|(_, name)| name.clone())
            .collect();
    }
    Ok(out)
}

impl Figures {
    /// An LAO with no records: nothing done, every core dimension missing.
    pub fn empty(year: i64) -> Figures {
        Figures {
            rates: Rates::of_counts(year + 1, 0, 0, 0),
            ..Default::default()
        }
    }
}
