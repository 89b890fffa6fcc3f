//! The likely duplicates among the projects of an area in a fiscal year: compared where a
//! duplicate can be — in one village, and a tambon's own projects (an LAO's ผ.02, a tambon
//! plan's) with every project of the tambon.

use crate::db::{self, Db, Executor};
use crate::error::{AppError, Field, Problem};
use crate::thai::likeness::{self, Prepared, SAME_WORK};
use crate::thai::text::{self, Title};
use serde::Serialize;
use std::collections::{BTreeMap, HashSet};

/// A project as the comparison reads it.
#[derive(Debug, Clone)]
pub struct Item {
    pub id: i64,
    pub title: String,
    pub area_code: String,
    pub norm: Title,
    prepared: Prepared,
}

#[derive(sqlx::FromRow)]
pub(super) struct Row {
    id: i64,
    title: String,
    area_code: String,
}

impl Item {
    pub(super) fn of(r: Row) -> Item {
        let norm = text::title(&r.title);
        Item {
            id: r.id,
            title: r.title,
            area_code: r.area_code,
            prepared: Prepared::of(&norm),
            norm,
        }
    }
}

/// Two projects likely to be one work, with the evidence.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct Finding {
    /// The smaller id first.
    pub a: i64,
    pub b: i64,
    pub a_title: String,
    pub b_title: String,
    /// The titles as compared (normalised, a leading โครงการ set aside).
    pub a_text: String,
    pub b_text: String,
    pub a_area: String,
    pub b_area: String,
    /// Where each is, from the unit up (filled for a page, not by the national pass).
    pub a_place: String,
    pub b_place: String,
    /// The plans that hold each for the year, by their titles (an agency's list names its
    /// agency first): filled for a page, not by the national pass.
    pub a_plans: Vec<String>,
    pub b_plans: Vec<String>,
    /// `likeness::compare`: the share of the works' character pairs in common.
    pub score: f64,
    /// What the guards read in each (villages, sizes, places), agreeing.
    pub guards: String,
}

/// The projects under `prefix` (not merged into another) that a plan holds for `year`.
pub(super) async fn items<'e>(
    e: impl Executor<'e>,
    prefix: &str,
    year: i64,
) -> anyhow::Result<Vec<Row>> {
    let (from, to) = db::prefix_range(prefix);
    Ok(db::query_as::<Row>(
        "SELECT p.id, p.title, p.area_code FROM projects p \
         WHERE p.merged_into IS NULL AND p.area_code >= $1 AND p.area_code < $2 \
           AND EXISTS (SELECT 1 FROM plan_items i WHERE i.project_id = p.id AND i.fiscal_year = $3) \
         ORDER BY p.id",
    )
    .bind(from)
    .bind(to)
    .bind(year)
    .fetch_all(e)
    .await?)
}

/// The pairs already decided (smaller id first), not to be shown again.
pub(super) async fn decided(db: &Db) -> anyhow::Result<HashSet<(i64, i64)>> {
    let rows: Vec<(i64, i64)> =
        db::query_as("SELECT project_a, project_b FROM duplicate_decisions")
            .fetch_all(db)
            .await?;
    Ok(rows.into_iter().collect())
}

/// The likely duplicates of an area (a province or smaller: the country's are the national
/// pass's) in a fiscal year, not decided yet, most alike first, with where each project is.
pub async fn in_area(db: &Db, prefix: &str, year: i64) -> Result<Vec<Finding>, AppError> {
    let prefix = crate::thai::to_arabic_digits(prefix.trim());
    if prefix.len() < 2 || !prefix.bytes().all(|b| b.is_ascii_digit()) {
        return Err(Problem::Missing {
            field: Field::AreaCode,
        }
        .into());
    }
    let rows = items(db, &prefix, year).await?;
    let items: Vec<Item> = rows.into_iter().map(Item::of).collect();
    let skip = decided(db).await?;
    let mut found = compare_tambons(&group(items), &skip);
    sort(&mut found);
    let codes: Vec<&str> = found
        .iter()
        .flat_map(|f| [f.a_area.as_str(), f.b_area.as_str()])
        .collect();
    let places = crate::areas::places(db, codes.into_iter()).await?;
    let ids: Vec<i64> = found.iter().flat_map(|f| [f.a, f.b]).collect();
    let held = plans_holding(db, &ids, year).await?;
    let of = |id: i64| held.get(&id).cloned().unwrap_or_default();
    for f in &mut found {
        f.a_place = places.get(&f.a_area).cloned().unwrap_or_default();
        f.b_place = places.get(&f.b_area).cloned().unwrap_or_default();
        f.a_plans = of(f.a);
        f.b_plans = of(f.b);
    }
    Ok(found)
}

/// The titles of the plans holding each project for the year, in the order they were made.
async fn plans_holding(
    db: &Db,
    ids: &[i64],
    year: i64,
) -> anyhow::Result<std::collections::HashMap<i64, Vec<String>>> {
    let mut out: std::collections::HashMap<i64, Vec<String>> = Default::default();
    for chunk in ids.chunks(500) {
        let list = chunk
            .iter()
            .map(i64::to_string)
            .collect::<Vec<_>>()
            .join(", ");
        let rows: Vec<(i64, String)> = db::query_as(sqlx::AssertSqlSafe(format!(
            "SELECT i.project_id, pl.title FROM plan_items i JOIN plans pl ON pl.id = i.plan_id \
             WHERE i.fiscal_year = $1 AND i.project_id IN ({list}) ORDER BY pl.id"
        )))
        .bind(year)
        .fetch_all(db)
        .await?;
        for (id, title) in rows {
            let titles = out.entry(id).or_default();
            if !titles.contains(&title) {
                titles.push(title);
            }
        }
    }
    Ok(out)
}

pub(super) fn sort(found: &mut [Finding]) {
    found.sort_by(|x, y| {
        y.score
            .total_cmp(&x.score)
            .then(x.a.cmp(&y.a))
            .then(x.b.cmp(&y.b))
    });
}

/// The items by tambon (the first six digits of their area).
pub(super) fn group(items: Vec<Item>) -> BTreeMap<String, Vec<Item>> {
    let mut by: BTreeMap<String, Vec<Item>> = BTreeMap::new();
    for i in items {
        let t = i.area_code.get(..6).unwrap_or(&i.area_code).to_string();
        by.entry(t).or_default().push(i);
    }
    by
}

/// Every tambon's pairs, the tambons shared among the cores.
pub(super) fn compare_tambons(
    tambons: &BTreeMap<String, Vec<Item>>,
    skip: &HashSet<(i64, i64)>,
) -> Vec<Finding> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let all: Vec<&Vec<Item>> = tambons.values().collect();
    if cores == 1 || all.len() < 2 {
        return all.iter().flat_map(|t| compare_tambon(t, skip)).collect();
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = (0..cores)
            .map(|k| {
                let all = &all;
                // every k-th tambon, so that a province's large tambons are spread
                scope.spawn(move || {
                    all.iter()
                        .skip(k)
                        .step_by(cores)
                        .flat_map(|t| compare_tambon(t, skip))
                        .collect::<Vec<_>>()
                })
            })
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("comparing a province's tambons"))
            .collect()
    })
}

/// One tambon's pairs: within each village, and the tambon's own projects (whose area is the
/// tambon itself) with all.
pub(super) fn compare_tambon(items: &[Item], skip: &HashSet<(i64, i64)>) -> Vec<Finding> {
    let mut villages: BTreeMap<&str, Vec<&Item>> = BTreeMap::new();
    let mut own: Vec<&Item> = Vec::new();
    for i in items {
        if i.area_code.len() > 6 {
            villages.entry(i.area_code.as_str()).or_default().push(i);
        } else {
            own.push(i);
        }
    }
    let mut out = Vec::new();
    for v in villages.values() {
        pairs_within(v, skip, &mut out);
    }
    for o in &own {
        let (least, most) = sizes(o);
        for i in items {
            let size = i.prepared.size();
            if i.id != o.id
                && (i.area_code.len() > 6 || i.id > o.id)
                && size >= least
                && size <= most
            {
                consider(o, i, skip, &mut out);
            }
        }
    }
    out
}

/// The sizes (`Prepared::size`) another title may have and still reach `SAME_WORK` with this:
/// Dice's coefficient is at most 2·min / (min + max).
fn sizes(i: &Item) -> (usize, usize) {
    let n = i.prepared.size() as f64;
    let least = (n * SAME_WORK / (2.0 - SAME_WORK)).floor() as usize;
    let most = (n * (2.0 - SAME_WORK) / SAME_WORK).ceil() as usize;
    (least, most)
}

fn pairs_within(items: &[&Item], skip: &HashSet<(i64, i64)>, out: &mut Vec<Finding>) {
    let mut sorted: Vec<&Item> = items.to_vec();
    sorted.sort_by_key(|i| i.prepared.size());
    for (n, a) in sorted.iter().enumerate() {
        let (_, most) = sizes(a);
        for b in &sorted[n + 1..] {
            if b.prepared.size() > most {
                break;
            }
            consider(a, b, skip, out);
        }
    }
}

fn consider(a: &Item, b: &Item, skip: &HashSet<(i64, i64)>, out: &mut Vec<Finding>) {
    let (a, b) = if a.id < b.id { (a, b) } else { (b, a) };
    if skip.contains(&(a.id, b.id)) {
        return;
    }
    let Some(score) = likeness::same_work_prepared(&a.norm, &a.prepared, &b.norm, &b.prepared)
    else {
        return;
    };
    out.push(Finding {
        a: a.id,
        b: b.id,
        a_title: a.title.clone(),
        b_title: b.title.clone(),
        a_text: a.norm.text.clone(),
        b_text: b.norm.text.clone(),
        a_area: a.area_code.clone(),
        b_area: b.area_code.clone(),
        a_place: String::new(),
        b_place: String::new(),
        a_plans: Vec::new(),
        b_plans: Vec::new(),
        score: (score * 1000.0).round() / 1000.0,
        guards: guards_th(&a.norm, &b.norm),
    });
}

/// The guards both titles give, as the review shows them: "หมู่ที่ 3 · บ้านนาเลี่ยง · 1200 เมตร".
fn guards_th(a: &Title, b: &Title) -> String {
    let mut said: Vec<String> = Vec::new();
    for g in [&a.guards, &b.guards] {
        for v in &g.villages {
            said.push(format!("หมู่ที่ {v}"));
        }
        for (kind, names) in &g.places {
            said.extend(names.iter().map(|n| format!("{kind}{n}")));
        }
        for (unit, numbers) in &g.quantities {
            said.extend(numbers.iter().map(|n| format!("{n} {unit}")));
        }
    }
    let mut seen = HashSet::new();
    said.retain(|s| seen.insert(s.clone()));
    said.join(" · ")
}
