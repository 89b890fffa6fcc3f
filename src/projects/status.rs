//! A project's status is derived from its records, never typed: proposed until a plan with
//! budget authority adopts it, budgeted once a draft budget holds it, and from then on what
//! the latest progress report says (under way, done, dropped).
use crate::db;
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum ProjectStatus {
    Proposed,
    Adopted,
    Budgeted,
    UnderWay,
    Done,
    Dropped,
}

crate::text_enum!(ProjectStatus);

impl ProjectStatus {
    pub const ALL: [ProjectStatus; 6] = [
        ProjectStatus::Proposed,
        ProjectStatus::Adopted,
        ProjectStatus::Budgeted,
        ProjectStatus::UnderWay,
        ProjectStatus::Done,
        ProjectStatus::Dropped,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            ProjectStatus::Proposed => "proposed",
            ProjectStatus::Adopted => "adopted",
            ProjectStatus::Budgeted => "budgeted",
            ProjectStatus::UnderWay => "under_way",
            ProjectStatus::Done => "done",
            ProjectStatus::Dropped => "dropped",
        }
    }

    pub fn th(self) -> &'static str {
        match self {
            ProjectStatus::Proposed => "เสนอ",
            ProjectStatus::Adopted => "บรรจุในแผนแล้ว",
            ProjectStatus::Budgeted => "ได้รับงบประมาณ",
            ProjectStatus::UnderWay => "กำลังดำเนินการ",
            ProjectStatus::Done => "ดำเนินการแล้วเสร็จ",
            ProjectStatus::Dropped => "ยกเลิก",
        }
    }

    /// What a progress report may say.
    pub fn reported(self) -> bool {
        matches!(
            self,
            ProjectStatus::UnderWay | ProjectStatus::Done | ProjectStatus::Dropped
        )
    }
}

/// Recomputes and stores the status of a project inside the caller's transaction.
pub async fn refresh(conn: &mut crate::db::Tx, project_id: i64) -> anyhow::Result<ProjectStatus> {
    let reported: Option<ProjectStatus> = db::query_scalar(
        "SELECT status FROM project_progress WHERE project_id = $1 ORDER BY reported_on DESC, id DESC LIMIT 1",
    )
    .bind(project_id)
    .fetch_optional(&mut *conn)
    .await?;
    let kinds: Vec<crate::plans::PlanKind> = db::query_scalar(
        "SELECT DISTINCT pl.kind FROM plan_items i JOIN plans pl ON pl.id = i.plan_id WHERE i.project_id = $1",
    )
    .bind(project_id)
    .fetch_all(&mut *conn)
    .await?;
    use crate::plans::PlanKind;
    let status = match reported {
        Some(s) if s.reported() => s,
        _ if kinds.contains(&PlanKind::Budget) => ProjectStatus::Budgeted,
        _ if kinds.iter().any(|k| k.adopts()) => ProjectStatus::Adopted,
        _ => ProjectStatus::Proposed,
    };
    db::query("UPDATE projects SET status = $1 WHERE id = $2")
        .bind(status)
        .bind(project_id)
        .execute(&mut *conn)
        .await?;
    Ok(status)
}
