//! Monitoring (seed 004 ข้อ ๒): once the district chief has approved the selection, the
//! district administration office reports each project's progress (percent done, money spent,
//! problems, what came of it), with its photos (`photos`); the chief (นายอำเภอ) and DOPA's
//! inspector see every project of their scope with its lateness against the round's deadline
//! and leave comments that the office answers (`comments`).

use super::comments::{self, Comment, Writer};
use super::photos::Photo;
use super::selection::{self, DistrictRound, Status};
use crate::accounts::User;
use crate::audit;
use crate::db::{self, Db, Param, now_text};
use crate::error::{AppError, Field, Problem, RoleModelProblem, Thing};
use crate::thai::{self, fiscal::today_in_thailand};
use serde::Serialize;
use time::Date;

const TEXT_MAX: usize = 2000;
/// What the audit log names monitoring's writes (progress, photos, comments, part 2).
pub(super) const ENTITY: &str = "role_model_monitoring";

#[derive(Debug, Clone, Serialize, sqlx::FromRow, utoipa::ToSchema)]
#[schema(as = RoleModelProgress)]
pub struct Progress {
    pub id: i64,
    pub selection_id: i64,
    #[sqlx(try_from = "crate::db::IsoDate")]
    pub as_of: Date,
    pub percent: i64,
    pub spent_satang: i64,
    pub problems: String,
    pub result: String,
    pub reported_by: String,
}

/// Where a project stands against the round's deadline.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(rename_all = "snake_case")]
pub enum Standing {
    /// The selection is not approved yet.
    Waiting,
    NotStarted,
    UnderWay,
    Done,
    /// Past the work's deadline and not done.
    Late,
}

impl Standing {
    pub fn th(self) -> &'static str {
        match self {
            Standing::Waiting => "รออนุมัติการคัดเลือก",
            Standing::NotStarted => "ยังไม่เริ่ม",
            Standing::UnderWay => "กำลังดำเนินการ",
            Standing::Done => "แล้วเสร็จ",
            Standing::Late => "ล่าช้ากว่ากำหนด",
        }
    }

    /// Done at `percent`, `today`, with the work due on `due`.
    pub fn of(approved: bool, percent: Option<i64>, today: Date, due: Date) -> Standing {
        match percent {
            _ if !approved => Standing::Waiting,
            Some(100) => Standing::Done,
            _ if today > due => Standing::Late,
            None => Standing::NotStarted,
            Some(_) => Standing::UnderWay,
        }
    }
}

/// A selected project followed through.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = RoleModelTracked)]
pub struct Tracked {
    pub selection_id: i64,
    pub bank_id: i64,
    pub project_id: i64,
    pub title: String,
    pub tambons_th: String,
    pub dimension_th: String,
    pub budget_satang: i64,
    /// Every report, oldest first; the last is where it stands.
    pub reports: Vec<Progress>,
    pub photos: Vec<Photo>,
    pub standing: Standing,
    /// Days past the work's deadline while not done; 0 otherwise.
    pub days_late: i64,
}

impl Tracked {
    pub fn latest(&self) -> Option<&Progress> {
        self.reports.last()
    }
}

/// A district's Role Model work, as its page, the chief, the inspector and the book read it.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = RoleModelMonitor)]
pub struct Monitor {
    pub fiscal_year: i64,
    pub district_code: String,
    pub district_th: String,
    pub status: Status,
    /// The district's entry version, for the part 2 text and the steps.
    pub version: i64,
    pub work_due_on: Date,
    pub report_due_on: Date,
    pub projects: Vec<Tracked>,
    pub comments: Vec<Comment>,
    pub budget_satang: i64,
    pub spent_satang: i64,
    pub done: usize,
    pub late: usize,
    pub unanswered: usize,
    /// Part 2 of the report book, in the office's words.
    pub driven: String,
}

pub async fn of(db: &Db, fiscal_year: i64, district: &str) -> Result<Monitor, AppError> {
    let dr = selection::of(db, fiscal_year, district).await?;
    from_round(db, &dr).await
}

pub async fn from_round(db: &Db, dr: &DistrictRound) -> Result<Monitor, AppError> {
    let reports: Vec<Progress> = db::query_as(
        "SELECT p.id, p.selection_id, p.as_of, p.percent, p.spent_satang, p.problems, p.result, p.reported_by \
         FROM role_model_progress p JOIN role_model_selections s ON s.id = p.selection_id \
         WHERE s.entry_id = $1 ORDER BY p.id",
    )
    .bind(dr.entry_id)
    .fetch_all(db)
    .await?;
    let photos: Vec<Photo> = db::query_as(
        "SELECT f.id, f.selection_id, f.taken_on, f.place, f.caption, f.content_type, f.width_px, f.height_px, f.size_bytes \
         FROM role_model_photos f JOIN role_model_selections s ON s.id = f.selection_id \
         WHERE s.entry_id = $1 ORDER BY f.taken_on, f.id",
    )
    .bind(dr.entry_id)
    .fetch_all(db)
    .await?;
    let comments: Vec<Comment> = db::query_as(
        "SELECT id, selection_id, body, writer, written_by, written_at, answer, answered_by, version \
         FROM role_model_comments WHERE entry_id = $1 ORDER BY id",
    )
    .bind(dr.entry_id)
    .fetch_all(db)
    .await?;
    let driven: String = db::query_scalar("SELECT driven FROM role_model_districts WHERE id = $1")
        .bind(dr.entry_id)
        .fetch_one(db)
        .await?;
    let today = today_in_thailand();
    let due = dr.round.work_due_on;
    let approved = dr.status == Status::Approved;
    let projects: Vec<Tracked> = dr
        .selected
        .iter()
        .map(|s| {
            let mine: Vec<Progress> = reports
                .iter()
                .filter(|r| r.selection_id == s.selection_id)
                .cloned()
                .collect();
            let standing = Standing::of(approved, mine.last().map(|r| r.percent), today, due);
            Tracked {
                selection_id: s.selection_id,
                bank_id: s.entry.id,
                project_id: s.entry.project_id,
                title: s.entry.title.clone(),
                tambons_th: s.entry.tambons_th.clone(),
                dimension_th: s.entry.dimension_th.clone(),
                budget_satang: s.entry.budget_satang,
                photos: photos
                    .iter()
                    .filter(|p| p.selection_id == s.selection_id)
                    .cloned()
                    .collect(),
                reports: mine,
                days_late: if standing == Standing::Late {
                    (today - due).whole_days()
                } else {
                    0
                },
                standing,
            }
        })
        .collect();
    Ok(Monitor {
        fiscal_year: dr.round.fiscal_year,
        district_code: dr.district_code.clone(),
        district_th: dr.district_th.clone(),
        status: dr.status,
        version: dr.version,
        work_due_on: dr.round.work_due_on,
        report_due_on: dr.round.report_due_on,
        budget_satang: dr.total_satang,
        spent_satang: projects
            .iter()
            .filter_map(|p| p.latest().map(|r| r.spent_satang))
            .sum(),
        done: projects
            .iter()
            .filter(|p| p.standing == Standing::Done)
            .count(),
        late: projects
            .iter()
            .filter(|p| p.standing == Standing::Late)
            .count(),
        unanswered: comments.iter().filter(|c| c.answer.is_none()).count(),
        projects,
        comments,
        driven,
    })
}

/// What the user may do with a district's monitoring.
#[derive(Debug, Clone, Copy, Default, Serialize, utoipa::ToSchema)]
#[schema(as = MonitoringRights)]
pub struct Rights {
    /// Report progress and photos, answer comments, write part 2 and submit the book: the
    /// district's ปค.อ. officers.
    pub report: bool,
    /// Comment: the district chief, or DOPA's inspector of the district.
    pub comment: Option<Writer>,
}

pub async fn rights(db: &Db, user: Option<&User>, m: &Monitor) -> anyhow::Result<Rights> {
    let Some(area) = crate::areas::get(db, &m.district_code).await? else {
        return Ok(Rights::default());
    };
    let writes =
        crate::plans::access::may_write(db, user, &crate::plans::Owner::Area(area.clone())).await?;
    Ok(Rights {
        report: writes && user.is_some_and(|u| u.agency == selection::SELECTS),
        comment: comments::writer_of(db, user, &area).await?,
    })
}

/// A progress report as typed.
#[derive(Debug, Clone, Default, serde::Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = RoleModelProgressInput)]
pub struct ProgressInput {
    pub bank_id: i64,
    /// The day the figures describe (31/08/2570, ๓๑ ส.ค. ๒๕๗๐); empty for today.
    #[serde(default)]
    pub as_of: String,
    /// 0–100, Thai or Arabic digits.
    pub percent: String,
    /// Baht spent so far.
    pub spent: String,
    #[serde(default)]
    pub problems: String,
    /// What came of it; needed once the work is done.
    #[serde(default)]
    pub result: String,
}

/// The selected project a monitoring write is about, once the selection is approved.
pub(super) fn approved_project<'a>(
    dr: &'a DistrictRound,
    bank_id: i64,
) -> Result<&'a selection::Selected, AppError> {
    if dr.status != Status::Approved {
        return Err(RoleModelProblem::NotApprovedYet {
            status: dr.status.th(),
        }
        .into());
    }
    dr.selected
        .iter()
        .find(|s| s.entry.id == bank_id)
        .ok_or_else(|| Problem::not_found(Thing::Project, bank_id).into())
}

/// A day of the work: typed as users type dates (empty is today when `today_if_empty`), not in
/// the future, within the round's fiscal year and not after the work's deadline.
pub(super) fn work_day(
    dr: &DistrictRound,
    typed: &str,
    field: Field,
    problems: &mut Vec<Problem>,
) -> Option<Date> {
    let today = today_in_thailand();
    let day = match typed.trim() {
        "" => today,
        t => match thai::parse_date(t) {
            Ok(d) => d,
            Err(error) => {
                problems.push(Problem::Date { field, error });
                return None;
            }
        },
    };
    let (starts, _) = thai::fiscal_year_span(dr.round.fiscal_year as i32);
    if day > today {
        problems.push(Problem::InFuture {
            field,
            date: day,
            today,
        });
    } else if day > dr.round.work_due_on {
        problems.push(
            RoleModelProblem::AfterWorkDeadline {
                field,
                date: dr.round.work_due_on,
            }
            .into(),
        );
    } else if day < starts {
        problems.push(
            RoleModelProblem::OutsideFiscalYear {
                field,
                year: dr.round.fiscal_year,
            }
            .into(),
        );
    }
    Some(day)
}

pub(super) fn text(typed: &str, field: Field, problems: &mut Vec<Problem>) -> String {
    let t = typed.trim();
    if t.chars().count() > TEXT_MAX {
        problems.push(Problem::TooLong {
            field,
            max: TEXT_MAX,
        });
    }
    t.to_string()
}

/// Records a progress report of an approved project: every report is kept, the newest is
/// where the project stands.
pub async fn report(
    db: &Db,
    user: &User,
    fiscal_year: i64,
    district: &str,
    input: &ProgressInput,
) -> Result<Monitor, AppError> {
    let dr = selection::of(db, fiscal_year, district).await?;
    selection::authorize(db, user, &dr, "รายงานความก้าวหน้าโครงการอำเภอต้นแบบ").await?;
    let s = approved_project(&dr, input.bank_id)?;
    let mut problems = Vec::new();
    let as_of = work_day(&dr, &input.as_of, Field::AsOf, &mut problems);
    let percent = match thai::parse_int(input.percent.trim().trim_end_matches('%')) {
        Ok(n @ 0..=100) => Some(n),
        _ => {
            problems.push(Problem::Range {
                field: Field::ProgressPct,
                typed: input.percent.clone(),
                min: 0,
                max: 100,
            });
            None
        }
    };
    let spent = match thai::parse_baht(&input.spent) {
        Ok(n) if n < 0 => {
            problems.push(Problem::Negative {
                field: Field::Spent,
            });
            None
        }
        Ok(n) if n > s.entry.budget_satang => {
            problems.push(
                RoleModelProblem::SpentOverBudget {
                    spent: thai::format_baht(n),
                    budget: thai::format_baht(s.entry.budget_satang),
                }
                .into(),
            );
            None
        }
        Ok(n) => Some(n),
        Err(error) => {
            problems.push(Problem::Number {
                field: Field::Spent,
                error,
            });
            None
        }
    };
    let problems_text = text(&input.problems, Field::Problems, &mut problems);
    let result = text(&input.result, Field::Result, &mut problems);
    if percent == Some(100) && result.is_empty() {
        problems.push(RoleModelProblem::DoneWithoutResult.into());
    }
    let (Some(as_of), Some(percent), Some(spent), true) =
        (as_of, percent, spent, problems.is_empty())
    else {
        return Err(problems.into());
    };
    let mut tx = db.begin_write().await?;
    db::query(
        "INSERT INTO role_model_progress (selection_id, as_of, percent, spent_satang, problems, result, reported_by, reported_at) \
         VALUES ($1, $2, $3, $4, $5, $6, $7, $8)",
    )
    .bind(s.selection_id)
    .bind(as_of)
    .bind(percent)
    .bind(spent)
    .bind(&problems_text)
    .bind(&result)
    .bind(&user.username)
    .bind(now_text())
    .execute(&mut tx)
    .await?;
    let after = serde_json::json!({"bank_id": input.bank_id, "as_of": as_of, "percent": percent,
        "spent_satang": spent, "problems": problems_text, "result": result});
    audit::record(
        &mut tx,
        &user.actor(),
        selection::audit_change(&dr, ENTITY, "progress", after, s.entry.title.clone()),
    )
    .await?;
    tx.commit().await?;
    from_round(db, &dr).await
}

/// Writes the report book's part 2, how Tambon Smart Team was driven in the district.
pub async fn save_driven(
    db: &Db,
    user: &User,
    fiscal_year: i64,
    district: &str,
    version: i64,
    typed: &str,
) -> Result<Monitor, AppError> {
    let dr = selection::of(db, fiscal_year, district).await?;
    selection::authorize(db, user, &dr, "เขียนรายงานอำเภอต้นแบบ").await?;
    let driven = typed.trim();
    if driven.chars().count() > 20_000 {
        return Err(Problem::TooLong {
            field: Field::Driven,
            max: 20_000,
        }
        .into());
    }
    let mut tx = db.begin_write().await?;
    db::update_versioned(
        &mut tx,
        "role_model_districts",
        dr.entry_id,
        version,
        "driven = $1",
        vec![driven.to_string().value()],
    )
    .await?;
    let after = serde_json::json!({"driven_chars": driven.chars().count()});
    audit::record(
        &mut tx,
        &user.actor(),
        selection::audit_change(&dr, ENTITY, "driven", after, String::new()),
    )
    .await?;
    tx.commit().await?;
    of(db, fiscal_year, district).await
}

/// One district of a round as its chief or inspector sees it in a list.
#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = RoleModelDistrictStanding)]
pub struct DistrictStanding {
    pub district_code: String,
    pub district_th: String,
    pub status: Status,
    pub projects: usize,
    pub done: usize,
    pub late: usize,
    pub budget_satang: i64,
    pub spent_satang: i64,
    pub unanswered: usize,
    /// The report book's latest version sent, and whether it came after its deadline.
    pub book_version: Option<i64>,
    pub book_late: bool,
}

/// Every district of the year's round under `area` ("" for all), with its projects' standing.
pub async fn standings(
    db: &Db,
    fiscal_year: i64,
    area: &str,
) -> Result<Vec<DistrictStanding>, AppError> {
    let round = super::rounds::of_year(db, fiscal_year)
        .await?
        .ok_or(RoleModelProblem::NoRound { year: fiscal_year })?;
    let area = thai::to_arabic_digits(area.trim());
    let mut out = Vec::new();
    let districts: Vec<(String,)> = db::query_as(
        "SELECT district_code FROM role_model_districts WHERE round_id = $1 \
         AND district_code >= $2 AND district_code < $3 ORDER BY district_code",
    )
    .bind(round.id)
    .bind_prefix(&area)
    .fetch_all(db)
    .await?;
    for (code,) in districts {
        let m = of(db, fiscal_year, &code).await?;
        let book = crate::reporting::submissions::latest(
            db,
            crate::reporting::ROLE_MODEL,
            &code,
            fiscal_year,
            "",
        )
        .await?;
        out.push(DistrictStanding {
            district_code: m.district_code,
            district_th: m.district_th,
            status: m.status,
            projects: m.projects.len(),
            done: m.done,
            late: m.late,
            budget_satang: m.budget_satang,
            spent_satang: m.spent_satang,
            unanswered: m.unanswered,
            book_version: book.as_ref().map(|b| b.version),
            book_late: book.is_some_and(|b| b.late),
        });
    }
    Ok(out)
}

#[cfg(test)]
mod tests {
    use super::*;
    use time::macros::date;

    #[test]
    fn a_project_is_late_only_past_the_deadline_and_not_done() {
        let due = date!(2026 - 08 - 31);
        let before = date!(2026 - 08 - 01);
        let after = date!(2026 - 09 - 01);
        assert_eq!(Standing::of(false, Some(50), after, due), Standing::Waiting);
        assert_eq!(Standing::of(true, None, before, due), Standing::NotStarted);
        assert_eq!(Standing::of(true, Some(40), due, due), Standing::UnderWay);
        assert_eq!(Standing::of(true, Some(99), after, due), Standing::Late);
        assert_eq!(Standing::of(true, None, after, due), Standing::Late);
        assert_eq!(Standing::of(true, Some(100), after, due), Standing::Done);
    }
}
