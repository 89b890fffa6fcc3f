//! A project's status is derived from its records, never typed: proposed until a plan with
//! budget authority adopts it, budgeted once a draft budget holds it, and from then on what
//! the latest progress report says (under way, done, dropped).
use crate::db;

pub const STATUSES: [(&str, &str); 6] = [
    ("proposed", "เสนอ"),
    ("adopted", "บรรจุในแผนแล้ว"),
    ("budgeted", "ได้รับงบประมาณ"),
    ("under_way", "กำลังดำเนินการ"),
    ("done", "ดำเนินการแล้วเสร็จ"),
    ("dropped", "ยกเลิก"),
];

pub fn th(code: &str) -> &'static str {
    STATUSES
        .iter()
        .find(|(c, _)| *c == code)
        .map(|(_, t)| *t)
        .unwrap_or("")
}

/// Recomputes and stores the status of a project inside the caller's transaction.
pub async fn refresh(conn: &mut crate::db::Tx, project_id: i64) -> anyhow::Result<String> {
    let reported: Option<String> = db::query_scalar(
        "SELECT status FROM project_progress WHERE project_id = $1 ORDER BY reported_on DESC, id DESC LIMIT 1",
    )
    .bind(project_id)
    .fetch_optional(&mut *conn)
    .await?;
    let kinds: Vec<String> = db::query_scalar(
        "SELECT DISTINCT pl.kind FROM plan_items i JOIN plans pl ON pl.id = i.plan_id WHERE i.project_id = $1",
    )
    .bind(project_id)
    .fetch_all(&mut *conn)
    .await?;
    let has = |k: &str| kinds.iter().any(|x| x == k);
    let status = match reported.as_deref() {
        Some(s @ ("under_way" | "done" | "dropped")) => s.to_string(),
        _ if has("budget") => "budgeted".into(),
        _ if has("local") || has("district") || has("province") => "adopted".into(),
        _ => "proposed".into(),
    };
    db::query("UPDATE projects SET status = $1 WHERE id = $2")
        .bind(&status)
        .bind(project_id)
        .execute(&mut *conn)
        .await?;
    Ok(status)
}
