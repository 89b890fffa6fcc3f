//! What district-report item (๓) counts as a tambon plan complete "ตามองค์ประกอบของแผนพัฒนาตำบลที่
//! กรมการพัฒนาชุมชนกำหนด": CDD's components, kept as data per fiscal year (the newest setting at
//! or before the year applies), changed by CDD's national administrators and audited.

use crate::accounts::{Agency, Role, ScopeLevel, User};
use crate::audit::{self, Change};
use crate::db::{self, Db, now_text};
use crate::error::{AppError, Problem};
use serde::Serialize;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Component {
    /// A forum recorded on the plan (เวทีประชาคม).
    Forum,
    Projects,
    /// Every project ranked.
    Ranked,
    /// The core dimensions all covered.
    CoreDimensions,
    /// The date or quarter the plan was made.
    MadeOn,
}

impl Component {
    pub const ALL: [Component; 5] = [
        Component::Forum,
        Component::Projects,
        Component::Ranked,
        Component::CoreDimensions,
        Component::MadeOn,
    ];

    pub fn as_str(self) -> &'static str {
        match self {
            Component::Forum => "forum",
            Component::Projects => "projects",
            Component::Ranked => "ranked",
            Component::CoreDimensions => "core_dimensions",
            Component::MadeOn => "made_on",
        }
    }

    pub fn th(self) -> &'static str {
        match self {
            Component::Forum => "บันทึกเวทีประชาคมของแผน",
            Component::Projects => "มีโครงการในแผน",
            Component::Ranked => "จัดลำดับความสำคัญครบทุกโครงการ",
            Component::CoreDimensions => "ครอบคลุมมิติการพัฒนาหลักครบทุกด้าน",
            Component::MadeOn => "ระบุวันที่หรือไตรมาสที่จัดทำแผน",
        }
    }
}

crate::text_enum!(Component);

/// The components required in a fiscal year, and the year the setting was made for.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
pub struct Components {
    pub set_for: i64,
    pub required: Vec<Component>,
}

/// The setting in force in `year`: the latest made for it or before; before the first one
/// (a year older than any setting), the first.
pub async fn for_year(db: &Db, year: i64) -> anyhow::Result<Components> {
    let set_for: Option<i64> = db::query_scalar(
        "SELECT COALESCE(MAX(CASE WHEN fiscal_year <= $1 THEN fiscal_year END), MIN(fiscal_year)) \
         FROM tambon_plan_components",
    )
    .bind(year)
    .fetch_one(db)
    .await?;
    let set_for = set_for.ok_or_else(|| anyhow::anyhow!("tambon_plan_components is empty"))?;
    let rows: Vec<(Component, i64)> = db::query_as(
        "SELECT component, required FROM tambon_plan_components WHERE fiscal_year = $1",
    )
    .bind(set_for)
    .fetch_all(db)
    .await?;
    Ok(Components {
        set_for,
        required: Component::ALL
            .into_iter()
            .filter(|c| rows.iter().any(|(r, req)| r == c && *req == 1))
            .collect(),
    })
}

/// Who sets them: a national administrator of CDD.
pub fn may_set(user: Option<&User>) -> bool {
    user.is_some_and(|u| {
        u.active
            && u.role == Role::Admin
            && u.scope.level == ScopeLevel::National
            && u.agency == Agency::Cdd
    })
}

/// Sets the components required from a fiscal year on.
pub async fn save(
    db: &Db,
    user: &User,
    year: i64,
    required: &[Component],
) -> Result<Components, AppError> {
    if !may_set(Some(user)) {
        let p = Problem::StepForAgency {
            step_th: "กำหนดองค์ประกอบของแผนพัฒนาตำบล",
            agency_th: "ผู้ดูแลระบบส่วนกลางของกรมการพัฒนาชุมชน".into(),
        };
        crate::accounts::record_denied(
            db,
            user,
            "tambon_plan_components",
            &year.to_string(),
            "write",
            &p.message(crate::i18n::Lang::Th),
        )
        .await?;
        return Err(AppError::Forbidden(p));
    }
    if !(2400..=2700).contains(&year) {
        return Err(Problem::NotBuddhistYear {
            field: crate::error::Field::FiscalYear,
            typed: year.to_string(),
        }
        .into());
    }
    if required.is_empty() {
        return Err(Problem::Missing {
            field: crate::error::Field::Components,
        }
        .into());
    }
    let before = for_year(db, year).await?;
    let mut tx = db.begin_write().await?;
    let now = now_text();
    for c in Component::ALL {
        db::query(
            "INSERT INTO tambon_plan_components (fiscal_year, component, required, updated_at, updated_by) VALUES ($1, $2, $3, $4, $5) \
             ON CONFLICT (fiscal_year, component) DO UPDATE SET required = excluded.required, updated_at = excluded.updated_at, updated_by = excluded.updated_by",
        )
        .bind(year)
        .bind(c)
        .bind(i64::from(required.contains(&c)))
        .bind(&now)
        .bind(&user.username)
        .execute(&mut tx)
        .await?;
    }
    let names = |cs: &[Component]| cs.iter().map(|c| c.as_str()).collect::<Vec<_>>();
    audit::record(
        &mut tx,
        &user.actor(),
        Change {
            action: "update",
            entity: "tambon_plan_components",
            entity_key: year.to_string(),
            area_code: String::new(),
            lao_id: None,
            before: Some(
                serde_json::json!({"set_for": before.set_for, "required": names(&before.required)}),
            ),
            after: Some(serde_json::json!({"required": names(required)})),
            note: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(for_year(db, year).await?)
}
