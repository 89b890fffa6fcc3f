//! The national area data shipped inside the binary (see data/NOTICE), loaded on first start.

use super::import::{Report, import_files};
use crate::audit::Actor;
use crate::db::{self, Db};

/// The files of `data/areas/`, in the formats `import` reads.
pub const FILES: [(&str, &[u8]); 5] = [
    (
        "admin_areas.csv",
        include_bytes!("../../data/areas/admin_areas.csv"),
    ),
    (
        "admin_areas_abolished.csv",
        include_bytes!("../../data/areas/admin_areas_abolished.csv"),
    ),
    (
        "tambon_postal_codes.csv",
        include_bytes!("../../data/areas/tambon_postal_codes.csv"),
    ),
    (
        "villages.csv",
        include_bytes!("../../data/areas/villages.csv"),
    ),
    ("laos.csv", include_bytes!("../../data/areas/laos.csv")),
];

/// Loads the national data when the database has no areas yet. Returns the report when it loaded.
pub async fn load_if_empty(db: &Db) -> anyhow::Result<Option<Report>> {
    let n: i64 = db::query_scalar("SELECT COUNT(*) FROM areas")
        .fetch_one(db)
        .await?;
    if n > 0 {
        return Ok(None);
    }
    load(db, None).await.map(Some)
}

/// Loads the national data, or only one province's part of it (for tests and demos).
pub async fn load(db: &Db, province: Option<&str>) -> anyhow::Result<Report> {
    let files: Vec<(String, Vec<u8>)> = FILES
        .iter()
        .map(|(name, bytes)| {
            (
                name.to_string(),
                match province {
                    Some(p) => only_province(name, bytes, p),
                    None => bytes.to_vec(),
                },
            )
        })
        .collect();
    let report = import_files(db, &Actor::system("national-data"), &files).await?;
    if let Some(e) = report.errors.first() {
        anyhow::bail!(
            "the shipped national data did not load ({} problems), first: {e}",
            report.errors.len()
        );
    }
    Ok(report)
}

/// The rows of a shipped file that belong to one province, or the provinces of a code prefix.
fn only_province(name: &str, bytes: &[u8], province: &str) -> Vec<u8> {
    let text = std::str::from_utf8(bytes).unwrap_or("");
    let mut lines = text.lines();
    let mut out = String::from(lines.next().unwrap_or(""));
    out.push('\n');
    for line in lines {
        let keep = match name {
            // name_th_full,lao_type,name_th,name_en,district_code,province_code,…
            "laos.csv" => line
                .split(',')
                .nth(5)
                .is_some_and(|p| p.starts_with(province)),
            _ => line.starts_with(province),
        };
        if keep {
            out.push_str(line);
            out.push('\n');
        }
    }
    out.into_bytes()
}
