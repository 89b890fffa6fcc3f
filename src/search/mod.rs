//! Search (issue 15): projects, plans, forums and committees found by Thai words, phrases and
//! parts of words, within an area and by dimension, fiscal year, status, plan level and agency,
//! ranked the same on SQLite and PostgreSQL. The database serves the records of the text index
//! that have every character pair of the query (`text_index`); which of them hold the phrases,
//! and in what order they come, is decided here (`phrases`). Areas and LAOs are found by name
//! as before (`areas::search`).

pub mod highlight;
mod hits;
pub mod phrases;
pub mod similar;

use crate::accounts::agency::Agency;
use crate::areas::{self, Found};
use crate::db::{self, Db, Param};
use crate::dimensions::Dimension;
use crate::error::{Field, Problem};
use crate::plans::kind::PlanKind;
use crate::projects::status::ProjectStatus;
use crate::text_index::{self, Kind, grams};
pub use highlight::Part;
pub use hits::Hit;
use phrases::Phrases;
use serde::Serialize;

/// Results shown on one page.
pub const PAGE: usize = 30;
/// The most candidates one query reads from the index, the newest entries first; a query
/// that reaches it says so (`Results::capped`) and asks for a narrower one.
pub const CANDIDATES: i64 = 1000;

/// A search as typed, every filter read into its type.
#[derive(Debug, Clone, Default, PartialEq)]
pub struct Search {
    pub text: String,
    /// An area code: results under it.
    pub area: Option<String>,
    pub kind: Option<Kind>,
    pub dimension: Option<Dimension>,
    pub year: Option<i64>,
    pub status: Option<ProjectStatus>,
    pub level: Option<PlanKind>,
    pub agency: Option<Agency>,
    /// From 1.
    pub page: usize,
}

/// The filters as a form or a query string gives them: text, empty for "any".
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::IntoParams)]
#[into_params(parameter_in = Query)]
pub struct Typed {
    /// Thai or English words, a phrase, part of a word, or an area code.
    #[serde(default)]
    pub q: String,
    /// An area code (province, district, tambon or village): only what lies under it.
    #[serde(default)]
    pub area: String,
    /// project, plan, forum or committee.
    #[serde(default)]
    pub kind: String,
    #[serde(default)]
    pub dimension: String,
    /// Buddhist-era fiscal year (Thai or Arabic digits).
    #[serde(default)]
    pub year: String,
    /// A project's status.
    #[serde(default)]
    pub status: String,
    /// The kind of plan (village, tambon, local, budget, district, province, province_action).
    #[serde(default)]
    pub level: String,
    /// The agency that made the plan.
    #[serde(default)]
    pub agency: String,
    #[serde(default)]
    pub page: String,
}

fn choice<T: Copy>(
    typed: &str,
    field: Field,
    all: &[T],
    as_str: fn(T) -> &'static str,
    problems: &mut Vec<Problem>,
) -> Option<T> {
    let t = typed.trim();
    if t.is_empty() {
        return None;
    }
    let found = all.iter().copied().find(|v| as_str(*v) == t);
    if found.is_none() {
        problems.push(Problem::Unknown {
            field,
            typed: t.to_string(),
            choices: all.iter().map(|v| as_str(*v)).collect(),
        });
    }
    found
}

impl Typed {
    /// The search, or every filter that names nothing.
    pub fn read(&self) -> Result<Search, Vec<Problem>> {
        let mut problems = Vec::new();
        let number = |typed: &str, field: Field, problems: &mut Vec<Problem>| {
            let t = typed.trim();
            if t.is_empty() {
                return None;
            }
            match crate::thai::parse_int(t) {
                Ok(n) if n > 0 && n < 10_000 => Some(n),
                _ => {
                    problems.push(Problem::NotValid {
                        field,
                        typed: t.to_string(),
                    });
                    None
                }
            }
        };
        let area = crate::thai::to_arabic_digits(self.area.trim());
        if !area.is_empty() && !area.bytes().all(|b| b.is_ascii_digit()) {
            problems.push(Problem::NotValid {
                field: Field::AreaCode,
                typed: area.clone(),
            });
        }
        let s = Search {
            text: self.q.trim().to_string(),
            area: Some(area).filter(|a| !a.is_empty()),
            kind: choice(
                &self.kind,
                Field::SearchKind,
                &Kind::ALL,
                Kind::as_str,
                &mut problems,
            ),
            dimension: choice(
                &self.dimension,
                Field::Dimension,
                &Dimension::ALL,
                Dimension::as_str,
                &mut problems,
            ),
            year: number(&self.year, Field::FiscalYear, &mut problems),
            status: choice(
                &self.status,
                Field::ProgressStatus,
                &ProjectStatus::ALL,
                ProjectStatus::as_str,
                &mut problems,
            ),
            level: choice(
                &self.level,
                Field::PlanLevel,
                &PlanKind::ALL,
                PlanKind::as_str,
                &mut problems,
            ),
            agency: choice(
                &self.agency,
                Field::Agency,
                &Agency::ALL,
                Agency::as_str,
                &mut problems,
            ),
            page: number(&self.page, Field::Page, &mut problems).unwrap_or(1) as usize,
        };
        if problems.is_empty() {
            Ok(s)
        } else {
            Err(problems)
        }
    }
}

/// What a search found.
#[derive(Debug, Clone, Default, Serialize, utoipa::ToSchema)]
pub struct Results {
    /// The phrases every result holds, normalised as they were matched.
    pub phrases: Vec<String>,
    /// How many records hold them (of the candidates read).
    pub total: usize,
    /// The candidates reached `CANDIDATES`: there may be more than `total`.
    pub capped: bool,
    /// Too short to search by (no two characters together).
    pub too_short: bool,
    pub page: usize,
    pub pages: usize,
    pub hits: Vec<Hit>,
    /// Areas and LAOs whose name or code matches (first page only).
    pub places: Found,
}

#[derive(sqlx::FromRow)]
struct Candidate {
    kind: Kind,
    ref_id: i64,
    title_key: String,
    body_key: String,
}

/// The records that hold every phrase of the search and pass its filters, best first.
pub async fn find(db: &Db, s: &Search) -> anyhow::Result<Results> {
    find_from(db, s, WINDOW).await
}

/// `find`, with PostgreSQL asked first among the newest `window` entries (the stories ask
/// with a small one, to prove each window's answer is the whole table's).
pub async fn find_from(db: &Db, s: &Search, window: i64) -> anyhow::Result<Results> {
    let phrases = Phrases::of(&s.text);
    let tokens = phrases.tokens();
    let page = s.page.max(1);
    let places = if page == 1 && s.kind.is_none() && !s.text.is_empty() {
        areas::search(db, &s.text, 20).await?
    } else {
        Found::default()
    };
    if tokens.is_empty() {
        return Ok(Results {
            phrases: phrases.keys,
            too_short: !s.text.is_empty(),
            page,
            places,
            ..Results::default()
        });
    }
    let mut tokens = tokens;
    // where and what are tokens too (`text_index::Entry::grams`); the statement still checks both
    if let Some(area) = &s.area
        && (grams::AREA_PREFIXES.contains(&area.len()) || area.len() > 8)
    {
        tokens.insert(grams::area(area));
    }
    if let Some(kind) = s.kind {
        tokens.insert(grams::kind(kind.as_str()));
    }
    let rows = candidates(db, s, &grams::joined(&tokens), window).await?;
    let capped = rows.len() as i64 >= CANDIDATES;
    let mut scored: Vec<(u32, usize, Kind, i64)> = rows
        .iter()
        .filter_map(|c| {
            phrases
                .score(&c.title_key, &c.body_key)
                .map(|score| (score, c.title_key.chars().count(), c.kind, c.ref_id))
        })
        .collect();
    // best score, then the shorter title, then by kind, then the newest
    scored.sort_by(|a, b| {
        b.0.cmp(&a.0)
            .then(a.1.cmp(&b.1))
            .then(a.2.cmp(&b.2))
            .then(b.3.cmp(&a.3))
    });
    let total = scored.len();
    let pages = total.div_ceil(PAGE).max(1);
    let shown: Vec<(Kind, i64, u32)> = scored
        .iter()
        .skip((page - 1) * PAGE)
        .take(PAGE)
        .map(|(score, _, kind, id)| (*kind, *id, *score))
        .collect();
    let mut hits = hits::describe(db, &shown).await?;
    for h in &mut hits {
        h.title_parts = highlight::parts(&h.title, &phrases.keys);
    }
    Ok(Results {
        phrases: phrases.keys,
        total,
        capped,
        too_short: false,
        page,
        pages,
        hits,
        places,
    })
}

/// The newest `CANDIDATES` entries with every token that pass the filters. SQLite's FTS5 reads
/// its matches newest first and stops; PostgreSQL's GIN index gives every match unordered, so
/// it is asked of the newest entries first (`WINDOW`, then eight times as many, …): once a
/// window holds `CANDIDATES` matches they are the newest of all, the same answer as the
/// whole table's.
async fn candidates(
    db: &Db,
    s: &Search,
    tokens: &str,
    window: i64,
) -> anyhow::Result<Vec<Candidate>> {
    let run = |above: Option<i64>| {
        let (sql, values) = candidates_sql(db.backend, s, tokens, above);
        async move {
            let mut q = db::query_as::<Candidate>(sqlx::AssertSqlSafe(sql));
            for v in values {
                q = q.bind(v);
            }
            q.fetch_all(db).await
        }
    };
    if db.backend == db::Backend::Sqlite {
        return Ok(run(None).await?);
    }
    let top: Option<i64> = db::query_scalar("SELECT MAX(id) FROM search_entries")
        .fetch_one(db)
        .await?;
    let top = top.unwrap_or(0);
    let mut width = window.max(1);
    while width < top {
        let rows = run(Some(top - width)).await?;
        if rows.len() as i64 >= CANDIDATES {
            return Ok(rows);
        }
        width = width.saturating_mul(8);
    }
    Ok(run(None).await?)
}

/// The newest entries PostgreSQL is first asked for candidates among.
const WINDOW: i64 = 50_000;

/// The candidates' statement and its values: the entries with every token (above an id, when
/// given), under the area, through the filters (each names the kinds it applies to), the
/// newest entries first.
fn candidates_sql(
    backend: db::Backend,
    s: &Search,
    tokens: &str,
    above: Option<i64>,
) -> (String, Vec<db::Value>) {
    let mut values: Vec<db::Value> = vec![tokens.to_string().value()];
    let next = |v: db::Value, values: &mut Vec<db::Value>| {
        values.push(v);
        values.len()
    };
    let (from, newest_first) = text_index::with_tokens(backend, 1);
    let mut sql = format!("SELECT e.kind, e.ref_id, e.title_key, e.body_key {from}");
    if let Some(above) = above {
        let n = next(above.value(), &mut values);
        sql.push_str(&format!(" AND e.id > ${n}"));
    }
    if let Some(area) = &s.area {
        let (from, to) = db::prefix_range(area);
        let a = next(from.value(), &mut values);
        let b = next(to.value(), &mut values);
        sql.push_str(&format!(" AND e.area_code >= ${a} AND e.area_code < ${b}"));
    }
    if let Some(kind) = s.kind {
        let n = next(kind.value(), &mut values);
        sql.push_str(&format!(" AND e.kind = ${n}"));
    }
    if let Some(d) = s.dimension {
        let n = next(d.value(), &mut values);
        sql.push_str(&format!(
            " AND e.kind = 'project' AND EXISTS (SELECT 1 FROM projects p WHERE p.id = e.ref_id AND p.dimension = ${n})"
        ));
    }
    if let Some(st) = s.status {
        let n = next(st.value(), &mut values);
        sql.push_str(&format!(
            " AND e.kind = 'project' AND EXISTS (SELECT 1 FROM projects p WHERE p.id = e.ref_id AND p.status = ${n})"
        ));
    }
    // the plans a record belongs to: a project's every plan, a forum's plan, a plan itself
    // (CROSS JOIN: from the project's few items, not from every plan of a kind, on SQLite)
    let in_plans = |cond: &str| {
        format!(
            " AND ((e.kind = 'project' AND EXISTS (SELECT 1 FROM plan_items i CROSS JOIN plans l \
               WHERE l.id = i.plan_id AND i.project_id = e.ref_id AND {cond})) \
             OR (e.kind = 'plan' AND EXISTS (SELECT 1 FROM plans l WHERE l.id = e.ref_id AND {cond})) \
             OR (e.kind = 'forum' AND EXISTS (SELECT 1 FROM forums f JOIN plans l ON l.id = f.plan_id \
               WHERE f.id = e.ref_id AND {cond})))"
        )
    };
    if let Some(y) = s.year {
        let n = next(y.value(), &mut values);
        // a project by the year a plan holds it for; a plan or forum by the plan's span
        sql.push_str(&format!(
            " AND ((e.kind = 'project' AND EXISTS (SELECT 1 FROM plan_items i WHERE i.project_id = e.ref_id AND i.fiscal_year = ${n})) \
             OR (e.kind = 'plan' AND EXISTS (SELECT 1 FROM plans l WHERE l.id = e.ref_id AND l.first_year <= ${n} AND l.last_year >= ${n})) \
             OR (e.kind = 'forum' AND EXISTS (SELECT 1 FROM forums f JOIN plans l ON l.id = f.plan_id \
               WHERE f.id = e.ref_id AND l.first_year <= ${n} AND l.last_year >= ${n})))"
        ));
    }
    if let Some(level) = s.level {
        let n = next(level.value(), &mut values);
        sql.push_str(&in_plans(&format!("l.kind = ${n}")));
    }
    if let Some(agency) = s.agency {
        let n = next(agency.value(), &mut values);
        sql.push_str(&in_plans(&format!("l.agency = ${n}")));
    }
    let n = next(CANDIDATES.value(), &mut values);
    sql.push_str(&format!(" {newest_first} LIMIT ${n}"));
    (sql, values)
}
