//! A district's selection for a round: projects of its own tambons' bank, under the round's
//! cap (a cap on the whole selection, not per project), each screened against the Do and
//! Don't list with a reason for every answer; the district administration office (ปค.อ.)
//! submits it and the district chief (นายอำเภอ) approves it or returns it with a reason.

use super::rounds::{self, Round};
use super::screening::{self, Criterion, Flag};
use crate::accounts::{Agency, User};
use crate::areas::{self, Area, Level};
use crate::audit::{self, Change};
use crate::db::{self, Db, Tx, now_text};
use crate::error::{AppError, Field, Problem, RoleModelProblem, Thing};
use crate::plans::{Owner, access};
use crate::project_bank::{self, Entry};
use serde::Serialize;

/// What the audit log names the selection's writes.
const ENTITY: &str = "role_model_selection";
/// Who selects, screens and submits: the district administration office.
pub const SELECTS: Agency = Agency::DopaDistrict;
/// The position that approves: the district chief, at the same office.
pub const APPROVER_POSITION: &str = "นายอำเภอ";

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
#[schema(as = SelectionStatus)]
pub enum Status {
    Draft,
    Submitted,
    Approved,
}

crate::text_enum!(Status);

impl Status {
    pub const ALL: [Status; 3] = [Status::Draft, Status::Submitted, Status::Approved];

    pub fn as_str(self) -> &'static str {
        match self {
            Status::Draft => "draft",
            Status::Submitted => "submitted",
            Status::Approved => "approved",
        }
    }

    pub fn th(self) -> &'static str {
        match self {
            Status::Draft => "กำลังคัดเลือก",
            Status::Submitted => "เสนอนายอำเภอแล้ว",
            Status::Approved => "นายอำเภออนุมัติแล้ว",
        }
    }
}

/// An answer of the Do and Don't list for a selected project.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = ScreeningAnswer)]
pub struct Answer {
    pub criterion: String,
    /// The project is in line with the item.
    pub passes: bool,
    pub reason: String,
    /// Whether the text raised a flag on this item when the answer was given, and why.
    pub flagged: bool,
    pub flag_why: String,
}

/// A selected project with its screening.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = SelectedProject)]
pub struct Selected {
    pub selection_id: i64,
    pub entry: Entry,
    pub answers: Vec<Answer>,
    /// The likely conflicts the text raises now (advice; a person decides).
    #[schema(value_type = Vec<Object>)]
    pub flags: Vec<FlagShown>,
    /// Every item answered.
    pub screened: bool,
    /// Every item answered and passed.
    pub passes: bool,
}

#[derive(Debug, Clone, Serialize)]
pub struct FlagShown {
    pub criterion: String,
    pub why: String,
}

impl From<&Flag> for FlagShown {
    fn from(f: &Flag) -> Self {
        FlagShown {
            criterion: f.criterion.as_str().to_string(),
            why: f.why.clone(),
        }
    }
}

/// A district's part in a round, as its page and the API show it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct DistrictRound {
    pub entry_id: i64,
    pub round: Round,
    pub district_code: String,
    pub district_th: String,
    pub status: Status,
    pub version: i64,
    pub selected: Vec<Selected>,
    /// The sum of the selected projects' amounts, against the round's cap.
    pub total_satang: i64,
    pub over_cap: bool,
    pub submitted_by: Option<String>,
    pub approved_by: Option<String>,
}

/// A round that selected a bank project, for the project's lineage.
#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
pub struct InRound {
    pub fiscal_year: i64,
    pub district_code: String,
    pub status: Status,
}

/// The rounds that selected the bank project of `project_id`, oldest first.
pub async fn rounds_of_project(db: &Db, project_id: i64) -> anyhow::Result<Vec<InRound>> {
    Ok(db::query_as(
        "SELECT r.fiscal_year, e.district_code, e.status FROM role_model_selections s \
         JOIN bank_projects b ON b.id = s.bank_id JOIN role_model_districts e ON e.id = s.entry_id \
         JOIN role_model_rounds r ON r.id = e.round_id WHERE b.project_id = $1 ORDER BY r.fiscal_year",
    )
    .bind(project_id)
    .fetch_all(db)
    .await?)
}

#[derive(sqlx::FromRow)]
struct EntryRow {
    id: i64,
    status: Status,
    version: i64,
    submitted_by: Option<String>,
    approved_by: Option<String>,
}

/// A district's part in the year's round.
pub async fn of(db: &Db, fiscal_year: i64, district: &str) -> Result<DistrictRound, AppError> {
    let round = rounds::of_year(db, fiscal_year)
        .await?
        .ok_or_else(|| RoleModelProblem::NoRound { year: fiscal_year })?;
    let area = district_area(db, district).await?;
    let row: EntryRow = db::query_as(
        "SELECT id, status, version, submitted_by, approved_by FROM role_model_districts \
         WHERE round_id = $1 AND district_code = $2",
    )
    .bind(round.id)
    .bind(&area.code)
    .fetch_optional(db)
    .await?
    .ok_or_else(|| RoleModelProblem::DistrictNotInRound {
        district: area.titled_th(),
        year: fiscal_year,
    })?;
    let picked: Vec<(i64, i64)> = db::query_as(
        "SELECT id, bank_id FROM role_model_selections WHERE entry_id = $1 ORDER BY id",
    )
    .bind(row.id)
    .fetch_all(db)
    .await?;
    let (entries, objectives) = project_bank::of_district(db, &area.code).await?;
    let mut answers = answers_of(db, row.id).await?;
    let mut selected = Vec::with_capacity(picked.len());
    for (selection_id, bank_id) in picked {
        let entry = entries
            .iter()
            .find(|e| e.id == bank_id)
            .cloned()
            .ok_or_else(AppError::not_found)?;
        let answers = answers.remove(&selection_id).unwrap_or_default();
        let objective = objectives.get(&bank_id).map_or("", |o| o.as_str());
        let flags = screening::flags(&entry.title, objective);
        let screened = Criterion::ALL
            .iter()
            .all(|c| answers.iter().any(|a| a.criterion == c.as_str()));
        let passes = screened && answers.iter().all(|a| a.passes);
        selected.push(Selected {
            selection_id,
            flags: flags.iter().map(FlagShown::from).collect(),
            entry,
            answers,
            screened,
            passes,
        });
    }
    let total_satang = selected.iter().map(|s| s.entry.budget_satang).sum();
    Ok(DistrictRound {
        entry_id: row.id,
        over_cap: total_satang > round.cap_satang,
        round,
        district_th: area.titled_th(),
        district_code: area.code,
        status: row.status,
        version: row.version,
        selected,
        total_satang,
        submitted_by: row.submitted_by,
        approved_by: row.approved_by,
    })
}

#[derive(sqlx::FromRow)]
struct AnswerRow {
    selection_id: i64,
    criterion: String,
    #[sqlx(try_from = "crate::db::Flag")]
    passes: bool,
    reason: String,
    #[sqlx(try_from = "crate::db::Flag")]
    flagged: bool,
    flag_why: String,
}

/// The answers of every project a district's entry selected, by selection, in the list's order.
async fn answers_of(
    db: &Db,
    entry_id: i64,
) -> anyhow::Result<std::collections::HashMap<i64, Vec<Answer>>> {
    let rows: Vec<AnswerRow> = db::query_as(
        "SELECT a.selection_id, a.criterion, a.passes, a.reason, a.flagged, a.flag_why \
         FROM role_model_screenings a JOIN role_model_selections s ON s.id = a.selection_id WHERE s.entry_id = $1",
    )
    .bind(entry_id)
    .fetch_all(db)
    .await?;
    let mut out: std::collections::HashMap<i64, Vec<Answer>> = Default::default();
    for r in rows {
        let c = Criterion::parse(&r.criterion).ok_or_else(|| {
            anyhow::anyhow!("unknown criterion “{}” in the database", r.criterion)
        })?;
        out.entry(r.selection_id).or_default().push(Answer {
            criterion: c.as_str().to_string(),
            passes: r.passes,
            reason: r.reason,
            flagged: r.flagged,
            flag_why: r.flag_why,
        });
    }
    for answers in out.values_mut() {
        answers.sort_by_key(|a| {
            Criterion::ALL
                .iter()
                .position(|c| c.as_str() == a.criterion)
        });
    }
    Ok(out)
}

async fn district_area(db: &Db, code: &str) -> Result<Area, AppError> {
    let code = crate::thai::to_arabic_digits(code.trim());
    areas::get(db, &code)
        .await?
        .filter(|a| a.level == Level::District)
        .ok_or_else(|| Problem::not_found(Thing::District, code).into())
}

/// The district's office may act: it writes the district and acts for ปค.อ. (refusals audited).
pub(super) async fn authorize(
    db: &Db,
    user: &User,
    dr: &DistrictRound,
    step_th: &'static str,
) -> Result<(), AppError> {
    let area = district_area(db, &dr.district_code).await?;
    let key = format!("{}:{}", dr.round.fiscal_year, dr.district_code);
    access::check_owner_write(db, user, &Owner::Area(area), "role_model_selection", &key).await?;
    crate::accounts::agency::require(
        db,
        user,
        &[SELECTS],
        step_th,
        "role_model_selection",
        &key,
        &dr.district_code,
    )
    .await
}

/// Claims the district's entry for a change: nobody changed it since `version`, and it is
/// at `from`.
async fn claim(
    tx: &mut Tx,
    dr: &DistrictRound,
    version: i64,
    from: Status,
) -> Result<(), AppError> {
    if dr.status != from {
        return Err(RoleModelProblem::SelectionStatus {
            status: dr.status.th(),
        }
        .into());
    }
    db::update_versioned(tx, "role_model_districts", dr.entry_id, version, "", vec![]).await?;
    Ok(())
}

fn before_deadline(dr: &DistrictRound) -> Result<(), AppError> {
    let today = crate::thai::fiscal::today_in_thailand();
    if today > dr.round.work_due_on {
        return Err(RoleModelProblem::RoundPastDeadline {
            date: dr.round.work_due_on,
        }
        .into());
    }
    Ok(())
}

/// A write to a district's Role Model work as the audit log keeps it.
pub(super) fn audit_change(
    dr: &DistrictRound,
    entity: &'static str,
    action: &'static str,
    after: serde_json::Value,
    note: String,
) -> Change<'static> {
    Change {
        action,
        entity,
        entity_key: format!("{}:{}", dr.round.fiscal_year, dr.district_code),
        area_code: dr.district_code.clone(),
        lao_id: None,
        before: None,
        after: Some(after),
        note,
    }
}

/// Selects a bank project of the district's own tambons for the round. A selection may go
/// over the cap while it is made; it cannot be submitted so.
pub async fn select(
    db: &Db,
    user: &User,
    fiscal_year: i64,
    district: &str,
    version: i64,
    bank_id: i64,
) -> Result<DistrictRound, AppError> {
    let dr = of(db, fiscal_year, district).await?;
    authorize(db, user, &dr, "คัดเลือกโครงการอำเภอต้นแบบ").await?;
    before_deadline(&dr)?;
    let entry = project_bank::get(db, bank_id)
        .await?
        .ok_or_else(|| AppError::from(Problem::not_found(Thing::Project, bank_id)))?;
    if entry.district_code != dr.district_code {
        return Err(RoleModelProblem::BankOfOtherDistrict { title: entry.title }.into());
    }
    if dr.selected.iter().any(|s| s.entry.id == bank_id) {
        return Err(RoleModelProblem::SelectedAlready { title: entry.title }.into());
    }
    let mut tx = db.begin_write().await?;
    claim(&mut tx, &dr, version, Status::Draft).await?;
    db::query("INSERT INTO role_model_selections (entry_id, bank_id, selected_by, selected_at) VALUES ($1, $2, $3, $4)")
        .bind(dr.entry_id)
        .bind(bank_id)
        .bind(&user.username)
        .bind(now_text())
        .execute(&mut tx)
        .await?;
    let after = serde_json::json!({"bank_id": bank_id, "budget_satang": entry.budget_satang});
    audit::record(
        &mut tx,
        &user.actor(),
        audit_change(&dr, ENTITY, "select", after, entry.title),
    )
    .await?;
    tx.commit().await?;
    of(db, fiscal_year, district).await
}

/// Takes a project out of the selection, with its screening.
pub async fn unselect(
    db: &Db,
    user: &User,
    fiscal_year: i64,
    district: &str,
    version: i64,
    bank_id: i64,
) -> Result<DistrictRound, AppError> {
    let dr = of(db, fiscal_year, district).await?;
    authorize(db, user, &dr, "คัดเลือกโครงการอำเภอต้นแบบ").await?;
    let Some(s) = dr.selected.iter().find(|s| s.entry.id == bank_id) else {
        return Err(Problem::not_found(Thing::Project, bank_id).into());
    };
    let mut tx = db.begin_write().await?;
    claim(&mut tx, &dr, version, Status::Draft).await?;
    db::query("DELETE FROM role_model_screenings WHERE selection_id = $1")
        .bind(s.selection_id)
        .execute(&mut tx)
        .await?;
    db::query("DELETE FROM role_model_selections WHERE id = $1")
        .bind(s.selection_id)
        .execute(&mut tx)
        .await?;
    let after = serde_json::json!({"bank_id": bank_id});
    audit::record(
        &mut tx,
        &user.actor(),
        audit_change(&dr, ENTITY, "unselect", after, s.entry.title.clone()),
    )
    .await?;
    tx.commit().await?;
    of(db, fiscal_year, district).await
}

/// A screening answer as typed: the item, whether the project is in line with it, why.
#[derive(Debug, Clone, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
pub struct AnswerInput {
    pub criterion: String,
    /// "1"/"ผ่าน" in line with the item, "0"/"ไม่ผ่าน" not.
    pub passes: String,
    pub reason: String,
}

/// Answers the Do and Don't list for a selected project, all items at once: each needs a
/// reason; the flag the text raises on an item is kept beside the answer.
pub async fn screen(
    db: &Db,
    user: &User,
    fiscal_year: i64,
    district: &str,
    version: i64,
    bank_id: i64,
    answers: &[AnswerInput],
) -> Result<DistrictRound, AppError> {
    let dr = of(db, fiscal_year, district).await?;
    authorize(db, user, &dr, "คัดกรองโครงการอำเภอต้นแบบ").await?;
    let Some(s) = dr.selected.iter().find(|s| s.entry.id == bank_id) else {
        return Err(Problem::not_found(Thing::Project, bank_id).into());
    };
    let mut problems = Vec::new();
    let mut checked: Vec<(Criterion, bool, String)> = Vec::new();
    for c in Criterion::ALL {
        let Some(a) = answers.iter().find(|a| a.criterion.trim() == c.as_str()) else {
            problems.push(Problem::RoleModel(RoleModelProblem::ScreeningUnanswered {
                item: c.th(),
            }));
            continue;
        };
        let passes = match crate::thai::to_arabic_digits(a.passes.trim()).as_str() {
            "1" | "ผ่าน" | "yes" | "ใช่" => Some(true),
            "0" | "ไม่ผ่าน" | "no" | "ไม่ใช่" => Some(false),
            "" => {
                problems.push(Problem::RoleModel(RoleModelProblem::ScreeningUnanswered {
                    item: c.th(),
                }));
                None
            }
            t => {
                problems.push(Problem::YesNo {
                    field: Field::Passes,
                    typed: t.to_string(),
                });
                None
            }
        };
        let reason = a.reason.trim();
        if reason.is_empty() {
            problems.push(Problem::RoleModel(RoleModelProblem::ScreeningNoReason {
                item: c.th(),
            }));
        } else if reason.chars().count() > 1000 {
            problems.push(Problem::TooLong {
                field: Field::Reason,
                max: 1000,
            });
        }
        if let Some(p) = passes {
            checked.push((c, p, reason.to_string()));
        }
    }
    for a in answers {
        if Criterion::parse(a.criterion.trim()).is_none() {
            problems.push(Problem::Unknown {
                field: Field::Criterion,
                typed: a.criterion.clone(),
                choices: Criterion::ALL.iter().map(|c| c.as_str()).collect(),
            });
        }
    }
    if !problems.is_empty() {
        return Err(problems.into());
    }
    let now = now_text();
    let mut tx = db.begin_write().await?;
    claim(&mut tx, &dr, version, Status::Draft).await?;
    db::query("DELETE FROM role_model_screenings WHERE selection_id = $1")
        .bind(s.selection_id)
        .execute(&mut tx)
        .await?;
    for (c, passes, reason) in &checked {
        let flag = s.flags.iter().find(|f| f.criterion == c.as_str());
        db::query(
            "INSERT INTO role_model_screenings (selection_id, criterion, passes, reason, flagged, flag_why, answered_by, answered_at) \
             VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
        )
        .bind(s.selection_id)
        .bind(c.as_str())
        .bind(i64::from(*passes))
        .bind(reason)
        .bind(i64::from(flag.is_some()))
        .bind(flag.map_or("", |f| f.why.as_str()))
        .bind(&user.username)
        .bind(&now)
        .execute(&mut tx)
        .await?;
    }
    let after = serde_json::json!({
        "bank_id": bank_id,
        "answers": checked.iter().map(|(c, p, r)| serde_json::json!({"criterion": c.as_str(), "passes": p, "reason": r})).collect::<Vec<_>>(),
        "flags": s.flags.iter().map(|f| f.criterion.as_str()).collect::<Vec<_>>(),
    });
    audit::record(
        &mut tx,
        &user.actor(),
        audit_change(&dr, ENTITY, "screen", after, s.entry.title.clone()),
    )
    .await?;
    tx.commit().await?;
    of(db, fiscal_year, district).await
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Step {
    Submit,
    /// The office takes its submission back before the chief has decided.
    Withdraw,
    Approve,
    /// The chief sends it back to the office, with a reason.
    Return,
}

impl Step {
    /// A step as the form and the API name it; another word is a mistake of the field.
    pub fn named(s: &str) -> Result<Step, AppError> {
        Step::parse(s.trim()).ok_or_else(|| {
            Problem::Unknown {
                field: Field::Step,
                typed: s.to_string(),
                choices: vec!["submit", "withdraw", "approve", "return"],
            }
            .into()
        })
    }

    pub fn parse(s: &str) -> Option<Step> {
        match s {
            "submit" => Some(Step::Submit),
            "withdraw" => Some(Step::Withdraw),
            "approve" => Some(Step::Approve),
            "return" => Some(Step::Return),
            _ => None,
        }
    }
}

/// What the user may do with a district's selection, for its page and the API.
#[derive(Debug, Clone, Copy, Default, Serialize, utoipa::ToSchema)]
#[schema(as = SelectionRights)]
pub struct Rights {
    /// Select, screen, submit and withdraw: the district's ปค.อ. officers.
    pub select: bool,
    /// Approve or return: the district chief.
    pub approve: bool,
}

pub async fn rights(db: &Db, user: Option<&User>, dr: &DistrictRound) -> anyhow::Result<Rights> {
    let Some(area) = areas::get(db, &dr.district_code).await? else {
        return Ok(Rights::default());
    };
    let writes = access::may_write(db, user, &Owner::Area(area.clone())).await?;
    Ok(Rights {
        select: writes && user.is_some_and(|u| u.agency == SELECTS),
        approve: is_chief(db, user, &area).await?,
    })
}

/// Whether the user is the district's chief: ปค.อ., the position นายอำเภอ, writing the district.
pub async fn is_chief(db: &Db, user: Option<&User>, district: &Area) -> anyhow::Result<bool> {
    Ok(user
        .is_some_and(|u| u.agency == SELECTS && u.position.trim().starts_with(APPROVER_POSITION))
        && access::may_write(db, user, &Owner::Area(district.clone())).await?)
}

/// Submits (the office: within the cap, not empty, every project screened and passing) or
/// withdraws, or approves or returns with a reason (the district chief).
pub async fn step(
    db: &Db,
    user: &User,
    fiscal_year: i64,
    district: &str,
    version: i64,
    step: Step,
    reason: &str,
) -> Result<DistrictRound, AppError> {
    let dr = of(db, fiscal_year, district).await?;
    let area = district_area(db, &dr.district_code).await?;
    let (from, to, action) = match step {
        Step::Submit => (Status::Draft, Status::Submitted, "submit"),
        Step::Withdraw => (Status::Submitted, Status::Draft, "withdraw"),
        Step::Approve => (Status::Submitted, Status::Approved, "approve"),
        Step::Return => (Status::Submitted, Status::Draft, "return"),
    };
    match step {
        Step::Submit => {
            authorize(db, user, &dr, "เสนอโครงการอำเภอต้นแบบ").await?;
            before_deadline(&dr)?;
            if dr.selected.is_empty() {
                return Err(RoleModelProblem::SelectionEmpty.into());
            }
            if dr.over_cap {
                return Err(RoleModelProblem::SelectionOverCap {
                    total: crate::thai::format_baht(dr.total_satang),
                    cap: crate::thai::format_baht(dr.round.cap_satang),
                }
                .into());
            }
            if let Some(s) = dr.selected.iter().find(|s| !s.screened) {
                return Err(RoleModelProblem::SelectionNotScreened {
                    title: s.entry.title.clone(),
                }
                .into());
            }
            if let Some(s) = dr.selected.iter().find(|s| !s.passes) {
                return Err(RoleModelProblem::SelectionFailsScreening {
                    title: s.entry.title.clone(),
                }
                .into());
            }
        }
        Step::Withdraw => authorize(db, user, &dr, "ถอนการเสนอโครงการอำเภอต้นแบบ").await?,
        Step::Approve | Step::Return => {
            if !is_chief(db, Some(user), &area).await? {
                let key = format!("{fiscal_year}:{}", dr.district_code);
                let p = RoleModelProblem::DistrictChiefOnly;
                crate::accounts::record_denied_at(
                    db,
                    user,
                    "role_model_selection",
                    &key,
                    action,
                    &p.message(crate::i18n::Lang::Th),
                    Some((dr.district_code.clone(), None)),
                )
                .await?;
                return Err(p.into());
            }
            if step == Step::Return && reason.trim().is_empty() {
                return Err(Problem::Missing {
                    field: Field::Reason,
                }
                .into());
            }
        }
    }
    let now = now_text();
    let mut tx = db.begin_write().await?;
    claim(&mut tx, &dr, version, from).await?;
    let q = match step {
        Step::Submit => db::query(
            "UPDATE role_model_districts SET status = $1, submitted_by = $2, submitted_at = $3 WHERE id = $4",
        )
        .bind(to.as_str())
        .bind(&user.username)
        .bind(&now),
        Step::Approve => db::query(
            "UPDATE role_model_districts SET status = $1, approved_by = $2, approved_at = $3 WHERE id = $4",
        )
        .bind(to.as_str())
        .bind(&user.username)
        .bind(&now),
        Step::Withdraw | Step::Return => db::query(
            "UPDATE role_model_districts SET status = $1, submitted_by = NULL, submitted_at = NULL WHERE id = $2",
        )
        .bind(to.as_str()),
    };
    q.bind(dr.entry_id).execute(&mut tx).await?;
    let after = serde_json::json!({"status": to, "total_satang": dr.total_satang, "projects": dr.selected.len()});
    audit::record(
        &mut tx,
        &user.actor(),
        audit_change(&dr, ENTITY, action, after, reason.trim().to_string()),
    )
    .await?;
    tx.commit().await?;
    of(db, fiscal_year, district).await
}
