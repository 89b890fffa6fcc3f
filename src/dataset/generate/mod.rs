//! A realistic national dataset on the real hierarchy, for benchmarks and demonstrations:
//! every village a plan per fiscal year (about 30 projects, titles from the real vocabulary in
//! `data/vocabulary/`), its forum, the tambon integration plan and forum, the LAOs' local plans
//! and budgets adopting around 30% and 20% (ONEPLAN.md section 8), progress reports, tambon
//! boards, target tambons, model LAOs with their working groups and work plans.
//! Seeded: each tambon-year and LAO-year draws from its own stream, so a province comes out the
//! same alone or within the country. Written as CSV files that `load` reads.

use super::hierarchy::{self, Lao};
use super::random::Rng;
use super::tables::{NULL, TABLES};
use crate::db::Db;
use anyhow::Context;
use std::collections::HashMap;
use std::fs::File;
use std::io::BufWriter;
use std::path::Path;
use std::time::Instant;

mod own;
mod units;

use own::own_projects;
use units::{register_communities, split_shared_tambons};

pub struct Options {
    /// A DOPA code prefix ('' = the whole country, '56' = Phayao).
    pub area: String,
    pub first_year: i64,
    pub last_year: i64,
    pub seed: u64,
}

pub struct Summary {
    pub tables: Vec<(&'static str, u64)>,
    pub rows: u64,
    pub seconds: f64,
}

const BY: &str = "generator";

struct Vocabulary {
    /// Titles by dimension, in the order of `DIMENSIONS`.
    titles: Vec<Vec<String>>,
}

const DIMENSIONS: [&str; 5] = [
    "economy",
    "society",
    "environment",
    "security",
    "administration",
];
const DIMENSION_WEIGHTS: [f64; 5] = [35.0, 30.0, 22.0, 6.0, 7.0];
const EXECUTORS: [&str; 4] = ["community", "joint", "lao", "agency"];
const EXECUTOR_WEIGHTS: [f64; 4] = [35.0, 15.0, 40.0, 10.0];

impl Vocabulary {
    fn load() -> anyhow::Result<Vocabulary> {
        let mut titles = vec![Vec::new(); DIMENSIONS.len()];
        let mut r = csv::Reader::from_reader(
            include_bytes!("../../../data/vocabulary/project_titles.csv").as_slice(),
        );
        for rec in r.records() {
            let rec = rec?;
            if let Some(i) = DIMENSIONS.iter().position(|d| *d == &rec[1]) {
                titles[i].push(rec[0].to_string());
            }
        }
        anyhow::ensure!(
            titles.iter().all(|t| !t.is_empty()),
            "vocabulary lacks a dimension"
        );
        Ok(Vocabulary { titles })
    }
}

/// One CSV writer per table, counting rows.
struct Out {
    writers: HashMap<&'static str, (csv::Writer<BufWriter<File>>, u64)>,
}

impl Out {
    fn create(dir: &Path) -> anyhow::Result<Out> {
        std::fs::create_dir_all(dir)
            .with_context(|| format!("สร้างโฟลเดอร์ {} ไม่ได้", dir.display()))?;
        let mut writers = HashMap::new();
        for t in TABLES {
            let path = dir.join(t.file());
            let file =
                File::create(&path).with_context(|| format!("เขียน {} ไม่ได้", path.display()))?;
            let mut w = csv::Writer::from_writer(BufWriter::with_capacity(1 << 20, file));
            w.write_record(t.header())?;
            writers.insert(t.name, (w, 0));
        }
        Ok(Out { writers })
    }

    fn row(&mut self, table: &'static str, fields: &[&str]) -> anyhow::Result<()> {
        let (w, n) = self.writers.get_mut(table).expect("a dataset table");
        w.write_record(fields)?;
        *n += 1;
        Ok(())
    }

    fn finish(self) -> anyhow::Result<Vec<(&'static str, u64)>> {
        let mut counts = Vec::new();
        let mut writers = self.writers;
        for t in TABLES {
            let (mut w, n) = writers.remove(t.name).expect("a dataset table");
            w.flush()?;
            counts.push((t.name, n));
        }
        Ok(counts)
    }
}

#[derive(Default)]
struct Ids {
    plan: i64,
    forum: i64,
    project: i64,
    item: i64,
    progress: i64,
    committee: i64,
    order: i64,
    model: i64,
    meeting: i64,
}

fn next(id: &mut i64) -> i64 {
    *id += 1;
    *id
}

/// The CE year in which fiscal year `be` ends.
fn ce(be: i64) -> i64 {
    be - 543
}

fn date(year: i64, month: i64, day: i64) -> String {
    let (y, m) = (
        year + (month - 1).div_euclid(12),
        (month - 1).rem_euclid(12) + 1,
    );
    format!("{y:04}-{m:02}-{day:02}")
}

fn stamp(d: &str) -> String {
    format!("{d}T09:00:00Z")
}

fn opt(v: &Option<String>) -> &str {
    v.as_deref().unwrap_or(NULL)
}

/// A date in month `m` counted from October of the fiscal year's first CE year (0 = October).
fn in_fiscal(rng: &mut Rng, be: i64, from: i64, to: i64) -> String {
    date(ce(be) - 1, 10 + rng.between(from, to), rng.between(1, 28))
}

/// The LAO's rates for its plans of year `year`: the share of eligible integrated projects its
/// local plan adopts, and the share of those its budget holds.
fn lao_rates(seed: u64, lao: i64, year: i64) -> (f64, f64) {
    let mut r = Rng::for_part(seed, &format!("lao:{lao}"), year);
    (r.uniform(0.22, 0.62), r.uniform(0.12, 0.42))
}

struct Project {
    id: i64,
    executor: &'static str,
    budget: i64,
    village: Option<String>,
    local: bool,
    budgeted: bool,
    row: ProjectRow,
}

/// What a project row holds before its status is known.
struct ProjectRow {
    title: String,
    dimension: &'static str,
    area_code: String,
    origin_plan: i64,
    forum: Option<String>,
    reach: &'static str,
    villages: i64,
    households: i64,
    lao: &'static str,
    starts: String,
    ends: String,
    created: String,
}

/// A plan row: the columns the generator sets; the rest keep their defaults.
struct PlanRow<'a> {
    id: i64,
    kind: &'a str,
    owner_key: &'a str,
    area_code: &'a str,
    lao_id: Option<&'a str>,
    first_year: i64,
    last_year: i64,
    title: &'a str,
    status: &'a str,
    made_quarter: Option<&'a str>,
    /// issue 11: the day a tambon plan was made, from which its quarter follows.
    made_on: Option<&'a str>,
    delivered_lao_on: Option<String>,
    delivered_district_on: Option<String>,
    evaluated_on: Option<String>,
    made: &'a str,
}

/// The agency that makes plans of a kind (issue 11): the village committee, the district CD
/// office for a tambon plan, the LAO, DOPA's district office, the provincial office.
fn maker_of(kind: &str) -> &'static str {
    match kind {
        "village" => "village_committee",
        "tambon" => "cdd_district",
        "local" | "budget" => "lao",
        "district" => "dopa_district",
        _ => "province_office",
    }
}

fn write_plan(out: &mut Out, p: PlanRow) -> anyhow::Result<()> {
    out.row(
        "plans",
        &[
            &p.id.to_string(),
            p.kind,
            p.owner_key,
            p.area_code,
            p.lao_id.unwrap_or(NULL),
            &p.first_year.to_string(),
            &p.last_year.to_string(),
            p.title,
            p.status,
            NULL,
            p.made_quarter.unwrap_or(NULL),
            opt(&p.delivered_lao_on),
            opt(&p.delivered_district_on),
            opt(&p.evaluated_on),
            "",
            NULL,
            NULL,
            p.made,
            p.made,
            "1",
            maker_of(p.kind),
            p.made_on.unwrap_or(NULL),
        ],
    )
}

fn write_project(
    out: &mut Out,
    p: &Project,
    status: &str,
    pct: i64,
    spent: i64,
) -> anyhow::Result<()> {
    let r = &p.row;
    let updated = if status == "proposed" {
        r.created.clone()
    } else {
        stamp(&r.ends)
    };
    out.row(
        "projects",
        &[
            &p.id.to_string(),
            &r.title,
            r.dimension,
            "",
            "",
            "",
            &r.area_code,
            &r.origin_plan.to_string(),
            opt(&r.forum),
            r.reach,
            &r.villages.to_string(),
            &r.households.to_string(),
            &(r.households * 3).to_string(),
            &p.budget.to_string(),
            p.executor,
            r.lao,
            &r.starts,
            &r.ends,
            status,
            &pct.to_string(),
            &spent.to_string(),
            NULL,
            &r.created,
            &updated,
            "1",
        ],
    )
}

pub async fn generate(db: &Db, options: &Options, dir: &Path) -> anyhow::Result<Summary> {
    let started = Instant::now();
    let vocabulary = Vocabulary::load()?;
    let mut h = hierarchy::read(db, &options.area).await?;
    anyhow::ensure!(!h.tambons.is_empty(), "ไม่พบตำบลในพื้นที่รหัส “{}”", options.area);
    let years: Vec<i64> = (options.first_year..=options.last_year).collect();
    let seed = options.seed;
    let mut out = Out::create(dir)?;
    let mut ids = Ids::default();
    split_shared_tambons(&mut h, seed, &mut out)?;
    register_communities(&mut h, seed, years[0], &mut out)?;
    let hash = crate::accounts::password::hash(super::accounts::DEMO_PASSWORD)?;
    let at = stamp(&date(ce(years[0]) - 1, 10, 1));
    for row in super::accounts::rows(&h, &hash, &at) {
        let fields: Vec<&str> = row.iter().map(String::as_str).collect();
        out.row("users", &fields)?;
    }

    // LAO plans: a five-year local plan per cycle (2566–2570, 2571–2575, …) and a budget per year,
    // for the year after each generated year (the year whose KPI they answer).
    let mut local_plan: HashMap<(i64, i64), i64> = HashMap::new();
    let mut budget_plan: HashMap<(i64, i64), i64> = HashMap::new();
    for lao in h.laos.values() {
        let key = format!("lao:{}", lao.id);
        let lao_id = lao.id.to_string();
        for &y in &years {
            let fy = y + 1;
            let cycle = 2566 + (fy - 2566).div_euclid(5) * 5;
            if !local_plan.contains_key(&(lao.id, cycle)) {
                let id = next(&mut ids.plan);
                let made = stamp(&date(ce(cycle) - 2, 6, 15));
                let title = format!("แผนพัฒนาท้องถิ่น (พ.ศ. {cycle}–{}) {}", cycle + 4, lao.name);
                write_plan(
                    &mut out,
                    PlanRow {
                        id,
                        kind: "local",
                        owner_key: &key,
                        area_code: &lao.area_code,
                        lao_id: Some(&lao_id),
                        first_year: cycle,
                        last_year: cycle + 4,
                        title: &title,
                        status: "approved",
                        made_quarter: None,
                        made_on: None,
                        delivered_lao_on: None,
                        delivered_district_on: None,
                        evaluated_on: None,
                        made: &made,
                    },
                )?;
                for c in cycle..cycle + 5 {
                    local_plan.insert((lao.id, c), id);
                }
                own_projects(&mut out, &mut ids, &vocabulary, seed, lao, id, cycle, &made)?;
            }
            let id = next(&mut ids.plan);
            let made = stamp(&date(ce(fy) - 1, 8, 20));
            let title = format!("ข้อบัญญัติงบประมาณรายจ่ายประจำปีงบประมาณ พ.ศ. {fy} {}", lao.name);
            write_plan(
                &mut out,
                PlanRow {
                    id,
                    kind: "budget",
                    owner_key: &key,
                    area_code: &lao.area_code,
                    lao_id: Some(&lao_id),
                    first_year: fy,
                    last_year: fy,
                    title: &title,
                    status: "approved",
                    made_quarter: None,
                    made_on: None,
                    delivered_lao_on: None,
                    delivered_district_on: None,
                    evaluated_on: None,
                    made: &made,
                },
            )?;
            budget_plan.insert((lao.id, fy), id);
        }
    }

    // Tambon boards (ก.บ.ต.) with an order most years; target tambons.
    let mut boards: HashMap<&str, i64> = HashMap::new();
    for t in &h.tambons {
        let committee = next(&mut ids.committee);
        boards.insert(&t.code, committee);
        out.row(
            "committees",
            &[
                &committee.to_string(),
                "tambon_board",
                &t.code,
                NULL,
                &stamp(&date(ce(years[0]) - 1, 11, 1)),
            ],
        )?;
        for &y in &years {
            let mut r = Rng::for_part(seed, &format!("board:{}", t.code), y);
            if r.chance(0.88) {
                let d = date(ce(y) - 1, 11, r.between(1, 28));
                let no = format!("{}/{}", r.between(1, 300), y - 1);
                out.row(
                    "committee_orders",
                    &[
                        &next(&mut ids.order).to_string(),
                        &committee.to_string(),
                        &no,
                        &d,
                        &y.to_string(),
                        &stamp(&d),
                        NULL,
                    ],
                )?;
            }
            if r.chance(0.35) {
                let d = stamp(&date(ce(y) - 1, 10, r.between(1, 28)));
                let budget = (r.between(10, 30) * 1_000 * 100).to_string();
                out.row(
                    "target_tambons",
                    &[&y.to_string(), &t.code, &budget, "นักวิชาการพัฒนาชุมชน", &d, BY],
                )?;
            }
        }
    }

    // Model LAOs: one per district and year, its working group, order and joint work plan.
    let mut working_group: HashMap<i64, i64> = HashMap::new();
    for district in &h.districts {
        let candidates: Vec<&Lao> = h
            .laos
            .values()
            .filter(|l| l.district.as_deref() == Some(district.as_str()))
            .collect();
        if candidates.is_empty() {
            continue;
        }
        for &y in &years {
            let mut r = Rng::for_part(seed, &format!("model:{district}"), y);
            let lao = *r.pick(&candidates);
            let d = date(ce(y) - 1, 10, r.between(1, 28));
            out.row(
                "model_laos",
                &[
                    &next(&mut ids.model).to_string(),
                    &y.to_string(),
                    district,
                    &lao.id.to_string(),
                    &d,
                    "",
                    &stamp(&d),
                    BY,
                    NULL,
                    BY,
                    &stamp(&d),
                ],
            )?;
            let committee = match working_group.get(&lao.id) {
                Some(c) => *c,
                None => {
                    let c = next(&mut ids.committee);
                    out.row(
                        "committees",
                        &[
                            &c.to_string(),
                            "lao_working_group",
                            &lao.area_code,
                            &lao.id.to_string(),
                            &stamp(&d),
                        ],
                    )?;
                    working_group.insert(lao.id, c);
                    c
                }
            };
            if r.chance(0.96) {
                let od = date(ce(y) - 1, 11, r.between(1, 28));
                let no = format!("{}/{}", r.between(1, 300), y - 1);
                out.row(
                    "committee_orders",
                    &[
                        &next(&mut ids.order).to_string(),
                        &committee.to_string(),
                        &no,
                        &od,
                        &y.to_string(),
                        &stamp(&od),
                        NULL,
                    ],
                )?;
            }
            if r.chance(0.93) {
                let wd = date(ce(y) - 1, 12, r.between(1, 28));
                out.row(
                    "working_group_plans",
                    &[
                        &lao.id.to_string(),
                        &y.to_string(),
                        &wd,
                        "",
                        &stamp(&wd),
                        BY,
                    ],
                )?;
            }
        }
    }

    // The chain, tambon by tambon.
    for &y in &years {
        let ys = y.to_string();
        for t in &h.tambons {
            let mut r = Rng::for_part(seed, &t.code, y);
            let mut projects: Vec<Project> = Vec::new();
            // village plans, forums and projects
            for v in &t.villages {
                let plan = next(&mut ids.plan);
                let made_on = in_fiscal(&mut r, y, 0, 2);
                let status = ["approved", "submitted", "draft"][r.weighted(&[85.0, 10.0, 5.0])];
                let title = match v.community {
                    true => format!("แผนชุมชน{} ปี {y}", v.name.trim_start_matches("ชุมชน")),
                    false => format!("แผนพัฒนาหมู่บ้าน{} หมู่ที่ {} ปี {y}", v.name, v.moo),
                };
                // the community's own words where a village's were
                let (hall, chair, committee) = match v.community {
                    true => (
                        format!("ที่ทำการ{}", v.name),
                        format!("ประธาน{}", v.name),
                        "คณะกรรมการชุมชน",
                    ),
                    false => (
                        format!("ศาลาประชาคม{}", v.name),
                        format!("ผู้ใหญ่บ้าน{}", v.name),
                        "คณะกรรมการหมู่บ้าน",
                    ),
                };
                write_plan(
                    &mut out,
                    PlanRow {
                        id: plan,
                        kind: "village",
                        owner_key: &v.code,
                        area_code: &v.code,
                        lao_id: None,
                        first_year: y,
                        last_year: y,
                        title: &title,
                        status,
                        made_quarter: None,
                        made_on: None,
                        delivered_lao_on: None,
                        delivered_district_on: None,
                        evaluated_on: None,
                        made: &stamp(&made_on),
                    },
                )?;
                let forum = if r.chance(0.995) {
                    let id = next(&mut ids.forum);
                    let households = r.between(40, 320);
                    out.row(
                        "forums",
                        &[
                            &id.to_string(),
                            &plan.to_string(),
                            &v.code,
                            &made_on,
                            &hall,
                            &chair,
                            committee,
                            &r.between(30, households).to_string(),
                            &households.to_string(),
                            if r.chance(0.9) { "1" } else { "0" },
                            "1",
                            "",
                            "",
                            &stamp(&made_on),
                            "village_committee",
                        ],
                    )?;
                    Some(id)
                } else {
                    None
                };
                let count = r.log_normal(27.5, 0.42).round().clamp(3.0, 150.0) as i64;
                for rank in 1..=count {
                    let id = next(&mut ids.project);
                    let d = r.weighted(&DIMENSION_WEIGHTS);
                    let executor = EXECUTORS[r.weighted(&EXECUTOR_WEIGHTS)];
                    let median = if executor == "community" {
                        30_000.0
                    } else {
                        250_000.0
                    };
                    let budget = (r.log_normal(median, 0.8).max(1_000.0) / 1_000.0).round() as i64
                        * 1_000
                        * 100;
                    let households = r.between(15, 300);
                    let starts = date(ce(y), 10 + r.between(0, 8), r.between(1, 28));
                    let ends = date(ce(y), 10 + r.between(9, 11), r.between(1, 28));
                    let title = match v.community {
                        true => format!("{} {}", r.pick(&vocabulary.titles[d]), v.name),
                        false => {
                            format!("{} {} หมู่ที่ {}", r.pick(&vocabulary.titles[d]), v.name, v.moo)
                        }
                    };
                    let lao = if matches!(executor, "lao" | "joint") {
                        "1"
                    } else {
                        "0"
                    };
                    let forum_id = forum.map(|f| f.to_string());
                    // written once adoption and progress give its status
                    let row = ProjectRow {
                        title,
                        dimension: DIMENSIONS[d],
                        area_code: v.code.clone(),
                        origin_plan: plan,
                        forum: forum_id,
                        reach: "village",
                        villages: 1,
                        households,
                        lao,
                        starts,
                        ends,
                        created: stamp(&made_on),
                    };
                    projects.push(Project {
                        id,
                        executor,
                        budget,
                        village: Some(v.code.clone()),
                        local: false,
                        budgeted: false,
                        row,
                    });
                    let item = next(&mut ids.item);
                    out.row(
                        "plan_items",
                        &[
                            &item.to_string(),
                            &plan.to_string(),
                            &id.to_string(),
                            &ys,
                            &rank.to_string(),
                            &budget.to_string(),
                            &made_on,
                            NULL,
                            "",
                            &stamp(&made_on),
                            BY,
                        ],
                    )?;
                    out.row("project_villages", &[&id.to_string(), &v.code])?;
                }
            }
            if t.villages.is_empty() {
                continue;
            }
            // the tambon plan and its integration forum
            let plan = next(&mut ids.plan);
            // made in the second quarter mostly (January–March), some in the third; the quarter
            // follows from the date (issue 11: `plans::window::quarter`)
            // (the tambon's stream draws as it did before issue 11, so that the records that
            // follow stay the same; the quarter, the day and the meeting draw from their own)
            let (month, day) = (r.between(1, 3), r.between(1, 28));
            r.weighted(&[70.0, 20.0, 10.0]);
            let mut m = Rng::for_part(seed, &format!("made:{}", t.code), y);
            let (month, quarter) = match m.chance(0.15) {
                true => (m.between(4, 5), "3"),
                false => (month, "2"),
            };
            let day = day.max(2);
            let made_on = date(ce(y), month, day);
            // the ก.บ.ต. meeting that made it (district report item ๒), most years
            if m.chance(0.85) {
                let held = date(ce(y), month, m.between(1, day - 1));
                out.row(
                    "committee_meetings",
                    &[
                        &next(&mut ids.meeting).to_string(),
                        &boards[t.code.as_str()].to_string(),
                        &held,
                        "ที่ทำการ อปท.",
                        &m.between(12, 30).to_string(),
                        &format!("พิจารณาร่างแผนพัฒนาตำบล{} ปี {y}", t.name),
                        "",
                        "เห็นชอบร่างแผนพัฒนาตำบล",
                        &y.to_string(),
                        &stamp(&held),
                        NULL,
                    ],
                )?;
            }
            let delivered = |r: &mut Rng| match r.weighted(&[85.0, 10.0, 5.0]) {
                0 => Some(date(ce(y), 3, r.between(1, 31).min(28))),
                1 => Some(date(ce(y), r.between(4, 5), r.between(1, 28))),
                _ => None,
            };
            let to_lao = delivered(&mut r);
            let to_district = delivered(&mut r);
            let evaluated = r
                .chance(0.6)
                .then(|| date(ce(y), r.between(8, 9), r.between(1, 28)));
            let title = format!("แผนพัฒนาตำบล{} ปี {y}", t.name);
            let status = if r.chance(0.9) {
                "approved"
            } else {
                "submitted"
            };
            write_plan(
                &mut out,
                PlanRow {
                    id: plan,
                    kind: "tambon",
                    owner_key: &t.code,
                    area_code: &t.code,
                    lao_id: None,
                    first_year: y,
                    last_year: y,
                    title: &title,
                    status,
                    made_quarter: Some(quarter),
                    made_on: Some(&made_on),
                    delivered_lao_on: to_lao,
                    delivered_district_on: to_district,
                    evaluated_on: evaluated,
                    made: &stamp(&made_on),
                },
            )?;
            let forum = r.chance(0.985).then(|| next(&mut ids.forum));
            if let Some(f) = forum {
                out.row(
                    "forums",
                    &[
                        &f.to_string(),
                        &plan.to_string(),
                        &t.code,
                        &made_on,
                        "ที่ทำการ อปท.",
                        "ประธาน ศอช.ต.",
                        "ศอช.ต.",
                        &r.between(40, 150).to_string(),
                        NULL,
                        "1",
                        "1",
                        "",
                        "",
                        &stamp(&made_on),
                        "cdd_district",
                    ],
                )?;
            }
            // tambon-level projects raised at the integration forum
            for _ in 0..r.between(1, 4) {
                let id = next(&mut ids.project);
                let d = r.weighted(&DIMENSION_WEIGHTS);
                let budget = (r.log_normal(600_000.0, 0.7) / 1_000.0).round() as i64 * 1_000 * 100;
                let row = ProjectRow {
                    title: format!("{} ตำบล{}", r.pick(&vocabulary.titles[d]), t.name),
                    dimension: DIMENSIONS[d],
                    area_code: t.code.clone(),
                    origin_plan: plan,
                    forum: forum.map(|f| f.to_string()),
                    reach: "tambon",
                    villages: t.villages.len() as i64,
                    households: r.between(200, 2_000),
                    lao: "1",
                    starts: date(ce(y), 11, 1),
                    ends: date(ce(y) + 1, 8, 28),
                    created: stamp(&made_on),
                };
                projects.push(Project {
                    id,
                    executor: "lao",
                    budget,
                    village: None,
                    local: false,
                    budgeted: false,
                    row,
                });
            }
            let mut rank = 0;
            let mut integrated = Vec::new();
            for (i, p) in projects.iter().enumerate() {
                let keep = p.village.is_none()
                    || r.chance(if p.executor == "community" { 0.15 } else { 0.9 });
                if keep {
                    rank += 1;
                    let rank = if r.chance(0.01) {
                        NULL.to_string()
                    } else {
                        rank.to_string()
                    };
                    out.row(
                        "plan_items",
                        &[
                            &next(&mut ids.item).to_string(),
                            &plan.to_string(),
                            &p.id.to_string(),
                            &ys,
                            &rank,
                            &p.budget.to_string(),
                            &made_on,
                            NULL,
                            "",
                            &stamp(&made_on),
                            BY,
                        ],
                    )?;
                    integrated.push(i);
                }
            }
            // the LAOs' local plans and budgets for the next year adopt some integrated projects
            let fy = y + 1;
            let local_on = date(ce(y), r.between(4, 6), r.between(1, 28));
            let budget_on = date(ce(y), 8, r.between(1, 28));
            for i in integrated {
                let p = &mut projects[i];
                let lao = p
                    .village
                    .as_ref()
                    .and_then(|v| h.village_lao.get(v).copied())
                    .filter(|l| t.laos.contains(l));
                // in a shared tambon only the village's own LAO adopts (none while unsplit)
                let any = || (!t.laos.is_empty() && t.shared.is_empty()).then(|| *r.pick(&t.laos));
                let Some(lao) = lao.or_else(any) else {
                    continue;
                };
                let (local_rate, budget_rate) = lao_rates(seed, lao, fy);
                let rate = if matches!(p.executor, "lao" | "joint") {
                    local_rate
                } else {
                    local_rate * 0.3
                };
                if !r.chance(rate) {
                    continue;
                }
                p.local = true;
                let lp = local_plan[&(lao, fy)];
                out.row(
                    "plan_items",
                    &[
                        &next(&mut ids.item).to_string(),
                        &lp.to_string(),
                        &p.id.to_string(),
                        &fy.to_string(),
                        NULL,
                        &p.budget.to_string(),
                        &local_on,
                        NULL,
                        "",
                        &stamp(&local_on),
                        BY,
                    ],
                )?;
                if r.chance(budget_rate) {
                    p.budgeted = true;
                    let amount = (p.budget as f64 * r.uniform(0.8, 1.0)) as i64 / 100_000 * 100_000;
                    let bp = budget_plan[&(lao, fy)];
                    out.row(
                        "plan_items",
                        &[
                            &next(&mut ids.item).to_string(),
                            &bp.to_string(),
                            &p.id.to_string(),
                            &fy.to_string(),
                            NULL,
                            &amount.to_string(),
                            &budget_on,
                            NULL,
                            "",
                            &stamp(&budget_on),
                            BY,
                        ],
                    )?;
                }
            }
            // progress reports, and each project's status as the records give it
            for p in &projects {
                let chance = if p.budgeted {
                    0.75
                } else if p.executor == "community" {
                    0.4
                } else {
                    0.05
                };
                let (status, pct, spent) = if r.chance(chance) {
                    let done = r.chance(0.45);
                    let pct = if done { 100 } else { r.between(10, 90) };
                    let spent = p.budget * pct / 100 / 100 * 100;
                    let status = if done { "done" } else { "under_way" };
                    let on = date(ce(y) + 1, r.between(1, 9), r.between(1, 28));
                    out.row(
                        "project_progress",
                        &[
                            &next(&mut ids.progress).to_string(),
                            &p.id.to_string(),
                            &on,
                            status,
                            &pct.to_string(),
                            &spent.to_string(),
                            "",
                            &stamp(&on),
                            BY,
                        ],
                    )?;
                    (status, pct, spent)
                } else if p.budgeted {
                    ("budgeted", 0, 0)
                } else if p.local {
                    ("adopted", 0, 0)
                } else {
                    ("proposed", 0, 0)
                };
                write_project(&mut out, p, status, pct, spent)?;
            }
        }
    }
    let tables = out.finish()?;
    let rows = tables.iter().map(|t| t.1).sum();
    Ok(Summary {
        tables,
        rows,
        seconds: started.elapsed().as_secs_f64(),
    })
}
