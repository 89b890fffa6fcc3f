//! Times the national roll-ups as the pages run them (benchmark 2 of docs/BENCHMARKS.md): KPI
//! 3.2 for every model LAO, registers 1–3, the district progress reports and the reporting
//! calendar's overview, each with the SQL statements it runs so that DuckDB can run the same.

use crate::db::Db;
use crate::kpi::rollup;
use crate::registers::{self, district_report};
use crate::reporting::overview;
use serde::Serialize;
use std::future::Future;
use std::time::Instant;

#[derive(Debug, Serialize)]
pub struct Statement {
    pub statement: String,
    /// Positional parameters $1, $2, …
    pub params: Vec<serde_json::Value>,
}

#[derive(Debug, Serialize)]
pub struct Timing {
    pub name: &'static str,
    pub title: &'static str,
    pub rows: usize,
    pub median_ms: f64,
    pub runs_ms: Vec<f64>,
    pub sql: Vec<Statement>,
}

/// Runs `f` once to warm up, then `runs` times, and keeps the median.
async fn time<F, Fut>(
    name: &'static str,
    title: &'static str,
    sql: Vec<Statement>,
    runs: usize,
    f: F,
) -> anyhow::Result<Timing>
where
    F: Fn() -> Fut,
    Fut: Future<Output = anyhow::Result<usize>>,
{
    let rows = f().await?;
    let mut runs_ms = Vec::with_capacity(runs);
    for _ in 0..runs {
        let t = Instant::now();
        f().await?;
        runs_ms.push(t.elapsed().as_secs_f64() * 1000.0);
    }
    Ok(Timing {
        name,
        title,
        rows,
        median_ms: median(&runs_ms),
        runs_ms,
        sql,
    })
}

fn median(v: &[f64]) -> f64 {
    let mut s = v.to_vec();
    s.sort_by(f64::total_cmp);
    if s.is_empty() {
        return 0.0;
    }
    let m = s.len() / 2;
    if s.len() % 2 == 1 {
        s[m]
    } else {
        (s[m - 1] + s[m]) / 2.0
    }
}

fn statement(sql: &str, params: &[serde_json::Value]) -> Statement {
    Statement {
        statement: sql.to_string(),
        params: params.to_vec(),
    }
}

pub async fn measure(db: &Db, area: &str, year: i64, runs: usize) -> anyhow::Result<Vec<Timing>> {
    use serde_json::json;
    let (from, to) = crate::db::prefix_range(area);
    let year_like = [json!(year), json!(from), json!(to)];
    let kpi = rollup::SQL
        .iter()
        .map(|(_, s)| statement(s, &year_like))
        .collect();
    let reports = district_report::SQL
        .iter()
        .map(|(name, s)| match *name {
            "districts" => statement(s, &[json!(from), json!(to)]),
            _ => statement(s, &year_like),
        })
        .collect();
    crate::reporting::calendar::ensure_year(db, year).await?;
    let today = crate::thai::fiscal::today_in_thailand();
    Ok(vec![
        time("kpi32", "KPI 3.2, every model LAO", kpi, runs, || async {
            Ok(rollup::of_area(db, area, year).await?.rows.len())
        })
        .await?,
        time(
            "register1",
            "Register 1, every row of the country",
            vec![statement(registers::FORM1, &year_like)],
            runs,
            || async { Ok(registers::form1(db, area, year).await?.len()) },
        )
        .await?,
        time(
            "register_counts",
            "Registers 1-3 counted for every district",
            vec![statement(registers::COUNTS, &year_like)],
            runs,
            || async { Ok(registers::counts(db, area, year).await?.len()) },
        )
        .await?,
        time(
            "register3",
            "Register 3, every row of the country",
            vec![statement(registers::FORM3, &year_like)],
            runs,
            || async { Ok(registers::form3(db, area, year).await?.len()) },
        )
        .await?,
        time(
            "district_reports",
            "District progress reports, every district",
            reports,
            runs,
            || async { Ok(district_report::of_area(db, area, year).await?.len()) },
        )
        .await?,
        time(
            "calendar",
            "Reporting calendar overview (no DuckDB equivalent)",
            Vec::new(),
            runs,
            || async {
                Ok(overview::overview(db, year, area, today)
                    .await?
                    .deadlines
                    .len())
            },
        )
        .await?,
    ])
}
