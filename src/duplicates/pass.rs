//! The national pass: every province's likely duplicates of a fiscal year, written to a CSV
//! file for the offices to review (`oneplan duplicates --year 2569 --out FILE`).

use super::find::{self, Finding, Item};
use crate::db::Db;
use std::io::Write;
use std::path::Path;
use std::time::Instant;

/// What a pass did.
#[derive(Debug, Clone, Default)]
pub struct Summary {
    pub provinces: usize,
    pub projects: usize,
    pub findings: usize,
    pub seconds: f64,
    /// Where the time went: reading the projects, normalising their titles, comparing them
    /// (with sorting), and writing the file.
    pub read_seconds: f64,
    pub normalise_seconds: f64,
    pub compare_seconds: f64,
    pub write_seconds: f64,
}

/// Runs the pass over the provinces under `prefix` ('' for the country), a province at a
/// time (its projects read, normalised on every core, compared by tambon), telling `progress`
/// each province done; writes the findings to `out` (UTF-8 CSV with a BOM, for Excel).
pub async fn run(
    db: &Db,
    prefix: &str,
    year: i64,
    out: &Path,
    mut progress: impl FnMut(usize, usize, &str),
) -> anyhow::Result<Summary> {
    let started = Instant::now();
    let provinces: Vec<String> =
        crate::db::query_scalar("SELECT code FROM areas WHERE level = 'province' ORDER BY code")
            .fetch_all(db)
            .await?
            .into_iter()
            .filter(|c: &String| c.starts_with(prefix) || prefix.starts_with(c.as_str()))
            .collect();
    let skip = find::decided(db).await?;
    let mut file = std::io::BufWriter::new(std::fs::File::create(out)?);
    file.write_all("\u{feff}".as_bytes())?;
    let mut w = csv::Writer::from_writer(file);
    w.write_record([
        "จังหวัด",
        "ตำบล",
        "โครงการ ก",
        "ชื่อโครงการ ก",
        "พื้นที่ ก",
        "โครงการ ข",
        "ชื่อโครงการ ข",
        "พื้นที่ ข",
        "คะแนนความคล้าย",
        "สิ่งที่ตรงกัน",
    ])?;
    let mut s = Summary {
        provinces: provinces.len(),
        ..Summary::default()
    };
    for (n, p) in provinces.iter().enumerate() {
        let area = if prefix.len() > p.len() {
            prefix
        } else {
            p.as_str()
        };
        let t = Instant::now();
        let rows = find::items(db, area, year).await?;
        s.projects += rows.len();
        s.read_seconds += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let items = normalise_on_every_core(rows);
        s.normalise_seconds += t.elapsed().as_secs_f64();
        let t = Instant::now();
        let tambons = find::group(items);
        let mut found: Vec<Finding> = find::compare_tambons(&tambons, &skip);
        find::sort(&mut found);
        s.compare_seconds += t.elapsed().as_secs_f64();
        let t = Instant::now();
        for f in &found {
            w.write_record([
                p.as_str(),
                f.a_area.get(..6).unwrap_or(&f.a_area),
                &f.a.to_string(),
                &f.a_title,
                &f.a_area,
                &f.b.to_string(),
                &f.b_title,
                &f.b_area,
                &format!("{:.3}", f.score),
                &f.guards,
            ])?;
        }
        s.findings += found.len();
        s.write_seconds += t.elapsed().as_secs_f64();
        progress(n + 1, provinces.len(), p);
    }
    w.flush()?;
    s.seconds = started.elapsed().as_secs_f64();
    Ok(s)
}

fn normalise_on_every_core(rows: Vec<find::Row>) -> Vec<Item> {
    let cores = std::thread::available_parallelism().map_or(1, |n| n.get());
    let per = rows.len().div_ceil(cores).max(1);
    let mut chunks: Vec<Vec<find::Row>> = Vec::new();
    let mut rows = rows.into_iter().peekable();
    while rows.peek().is_some() {
        chunks.push(rows.by_ref().take(per).collect());
    }
    std::thread::scope(|scope| {
        let handles: Vec<_> = chunks
            .into_iter()
            .map(|c| scope.spawn(move || c.into_iter().map(Item::of).collect::<Vec<_>>()))
            .collect();
        handles
            .into_iter()
            .flat_map(|h| h.join().expect("normalising a province's titles"))
            .collect()
    })
}
