//! The district's report book (seed 004 ข้อ ๓, FORMS.md section 4): "รายงานผลการขับเคลื่อนอำเภอ
//! ต้นแบบ (Role Model) ตามโครงการพัฒนาตำบลแบบบูรณาการ (Tambon Smart Team)" in three parts — the
//! district's basic data drawn from the records, how the work was driven in the office's own
//! words, and the Role Model projects with their results and photos. It is sent like every
//! report (a version, marked late after its deadline) and prints as it was sent.

use super::monitoring::{self, Monitor};
use super::selection::{self, Status};
use crate::accounts::User;
use crate::db::{self, Db};
use crate::documents::{Align, Cell, Column, Document, Image, Section, Signature, Table};
use crate::error::{AppError, Field, Problem, RoleModelProblem};
use crate::reporting::{self, NewSubmission, Submission, signed};
use crate::thai::{self, dates::Digits, format_date_long, to_thai_digits};
use serde::{Deserialize, Serialize};
use std::collections::HashMap;
use std::sync::Arc;
use time::Date;

pub const TITLE: &str =
    "รายงานผลการขับเคลื่อนอำเภอต้นแบบ (Role Model) ตามโครงการพัฒนาตำบลแบบบูรณาการ (Tambon Smart Team)";
pub const PART_1: &str = "ส่วนที่ ๑ : ข้อมูลพื้นฐานของอำเภอ และข้อมูลสำคัญเพื่อการพัฒนาพื้นที่";
pub const PART_2: &str =
    "ส่วนที่ ๒ : การขับเคลื่อนการดำเนินงานตามโครงการพัฒนาตำบลแบบบูรณาการ (Tambon Smart Team)";
pub const PART_3: &str = "ส่วนที่ ๓ : การดำเนินแผนงาน/โครงการ ตามแนวทางขับเคลื่อนอำเภอต้นแบบ (Role Model)";

/// The book's content, as it is sent and kept.
#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = RoleModelBook)]
pub struct Book {
    pub fiscal_year: i64,
    pub district_code: String,
    pub district_th: String,
    pub province_th: String,
    pub basics: Basics,
    pub driven: String,
    pub projects: Vec<BookProject>,
    pub budget_satang: i64,
    pub spent_satang: i64,
    pub work_due_on: Date,
}

/// Part 1: counted from the records of the district.
#[derive(Debug, Clone, Default, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = RoleModelBookBasics)]
pub struct Basics {
    pub tambons: i64,
    pub villages: i64,
    pub communities: i64,
    pub laos: i64,
    /// Households at the year's village forums (เวทีประชาคม), as the forums recorded them.
    pub forum_households: i64,
    pub forums: i64,
    /// (kind, plans of the year, approved): village, tambon, local plans.
    pub plans: Vec<(String, i64, i64)>,
    pub district_plan_projects: i64,
    pub district_plan_satang: i64,
    pub bank_projects: i64,
    pub bank_satang: i64,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = RoleModelBookProject)]
pub struct BookProject {
    pub title: String,
    pub tambons_th: String,
    pub dimension_th: String,
    pub budget_satang: i64,
    pub percent: Option<i64>,
    pub spent_satang: i64,
    pub as_of: Option<Date>,
    pub standing_th: String,
    pub result: String,
    pub problems: String,
    pub photos: Vec<BookPhoto>,
}

#[derive(Debug, Clone, Serialize, Deserialize, utoipa::ToSchema)]
#[schema(as = RoleModelBookPhoto)]
pub struct BookPhoto {
    /// Photos are never changed or removed, so the book keeps only their ids.
    pub id: i64,
    pub taken_on: Date,
    pub place: String,
    pub caption: String,
}

/// The book from today's records.
pub async fn assemble(db: &Db, fiscal_year: i64, district: &str) -> Result<Book, AppError> {
    let m = monitoring::of(db, fiscal_year, district).await?;
    Ok(from_monitor(db, &m).await?)
}

async fn from_monitor(db: &Db, m: &Monitor) -> anyhow::Result<Book> {
    let province_th = match crate::areas::get(db, &m.district_code[..2]).await? {
        Some(p) => p.titled_th(),
        None => String::new(),
    };
    let projects = m
        .projects
        .iter()
        .map(|p| {
            let last = p.latest();
            BookProject {
                title: p.title.clone(),
                tambons_th: p.tambons_th.clone(),
                dimension_th: p.dimension_th.clone(),
                budget_satang: p.budget_satang,
                percent: last.map(|r| r.percent),
                spent_satang: last.map_or(0, |r| r.spent_satang),
                as_of: last.map(|r| r.as_of),
                standing_th: p.standing.th().to_string(),
                result: last.map_or(String::new(), |r| r.result.clone()),
                problems: last.map_or(String::new(), |r| r.problems.clone()),
                photos: p
                    .photos
                    .iter()
                    .map(|f| BookPhoto {
                        id: f.id,
                        taken_on: f.taken_on,
                        place: f.place.clone(),
                        caption: f.caption.clone(),
                    })
                    .collect(),
            }
        })
        .collect();
    Ok(Book {
        fiscal_year: m.fiscal_year,
        district_code: m.district_code.clone(),
        district_th: m.district_th.clone(),
        province_th,
        basics: basics(db, &m.district_code, m.fiscal_year).await?,
        driven: m.driven.clone(),
        projects,
        budget_satang: m.budget_satang,
        spent_satang: m.spent_satang,
        work_due_on: m.work_due_on,
    })
}

async fn count(db: &Db, sql: &'static str, district: &str) -> anyhow::Result<i64> {
    Ok(db::query_scalar::<i64>(sql)
        .bind(district)
        .bind_prefix(district)
        .fetch_one(db)
        .await?)
}

/// Part 1's figures, each counted from the records.
pub async fn basics(db: &Db, district: &str, fiscal_year: i64) -> anyhow::Result<Basics> {
    let tambons = count(
        db,
        "SELECT COUNT(*) FROM areas WHERE level = 'tambon' AND parent_code = $1 AND code >= $2 AND code < $3",
        district,
    )
    .await?;
    let communities = count(
        db,
        "SELECT COUNT(*) FROM communities WHERE status = 'active' AND code <> $1 AND code >= $2 AND code < $3",
        district,
    )
    .await?;
    let villages = count(
        db,
        "SELECT COUNT(*) FROM areas a WHERE a.level = 'village' AND a.code <> $1 AND a.code >= $2 AND a.code < $3 \
         AND NOT EXISTS (SELECT 1 FROM communities c WHERE c.code = a.code)",
        district,
    )
    .await?;
    let laos = count(
        db,
        "SELECT COUNT(*) FROM laos WHERE district_code = $1 AND district_code >= $2 AND district_code < $3",
        district,
    )
    .await?;
    let (starts, ends) = thai::fiscal_year_span(fiscal_year as i32);
    let (forums, forum_households): (i64, i64) = db::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(f.households), 0) AS BIGINT) FROM forums f JOIN plans p ON p.id = f.plan_id \
         WHERE p.kind = 'village' AND f.area_code >= $1 AND f.area_code < $2 AND f.held_on >= $3 AND f.held_on <= $4",
    )
    .bind_prefix(district)
    .bind(starts)
    .bind(ends)
    .fetch_one(db)
    .await?;
    let rows: Vec<(String, i64, i64)> = db::query_as(
        "SELECT kind, COUNT(*), CAST(SUM(CASE WHEN status = 'approved' THEN 1 ELSE 0 END) AS BIGINT) FROM plans \
         WHERE kind IN ('village', 'tambon', 'local') AND area_code >= $1 AND area_code < $2 \
         AND first_year <= $3 AND last_year >= $3 GROUP BY kind",
    )
    .bind_prefix(district)
    .bind(fiscal_year)
    .fetch_all(db)
    .await?;
    let plans = ["village", "tambon", "local"]
        .iter()
        .map(|k| {
            let r = rows.iter().find(|r| r.0 == *k);
            (k.to_string(), r.map_or(0, |r| r.1), r.map_or(0, |r| r.2))
        })
        .collect();
    let (district_plan_projects, district_plan_satang): (i64, i64) = db::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(i.amount_satang), 0) AS BIGINT) FROM plan_items i JOIN plans p ON p.id = i.plan_id \
         WHERE p.kind = 'district' AND p.area_code = $1 AND i.fiscal_year = $2",
    )
    .bind(district)
    .bind(fiscal_year)
    .fetch_one(db)
    .await?;
    let (bank_projects, bank_satang): (i64, i64) = db::query_as(
        "SELECT COUNT(*), CAST(COALESCE(SUM(budget_satang), 0) AS BIGINT) FROM bank_projects WHERE district_code = $1",
    )
    .bind(district)
    .fetch_one(db)
    .await?;
    Ok(Basics {
        tambons,
        villages,
        communities,
        laos,
        forum_households,
        forums,
        plans,
        district_plan_projects,
        district_plan_satang,
        bank_projects,
        bank_satang,
    })
}

/// Who signs the book as it is sent.
#[derive(Debug, Clone, Default, Deserialize, utoipa::ToSchema)]
#[serde(deny_unknown_fields)]
#[schema(as = RoleModelBookSend)]
pub struct SendInput {
    pub signed_by: String,
    pub position: String,
}

/// Sends the book as the next version: the selection approved and part 2 written; after the
/// round's report deadline it is kept and marked late.
pub async fn send(
    db: &Db,
    user: &User,
    fiscal_year: i64,
    district: &str,
    input: &SendInput,
) -> Result<Submission, AppError> {
    let dr = selection::of(db, fiscal_year, district).await?;
    selection::authorize(db, user, &dr, "ส่งรายงานอำเภอต้นแบบ").await?;
    if dr.status != Status::Approved {
        return Err(RoleModelProblem::NotApprovedYet {
            status: dr.status.th(),
        }
        .into());
    }
    let m = monitoring::from_round(db, &dr).await?;
    let mut problems = Vec::new();
    if m.driven.trim().is_empty() {
        problems.push(RoleModelProblem::BookWithoutDriven.into());
    }
    for (field, v) in [
        (Field::SignedBy, &input.signed_by),
        (Field::Position, &input.position),
    ] {
        if v.trim().is_empty() {
            problems.push(Problem::Missing { field });
        } else if v.trim().chars().count() > 200 {
            problems.push(Problem::TooLong { field, max: 200 });
        }
    }
    if !problems.is_empty() {
        return Err(problems.into());
    }
    let book = from_monitor(db, &m).await?;
    let mut tx = db.begin_write().await?;
    let s = reporting::submissions::submit(
        &mut tx,
        user,
        NewSubmission {
            kind: reporting::ROLE_MODEL,
            unit_key: dr.district_code.clone(),
            area_code: dr.district_code.clone(),
            lao_id: None,
            fiscal_year,
            period: String::new(),
            payload: serde_json::json!({
                "report": book,
                "signed_by": input.signed_by.trim(),
                "position": input.position.trim(),
            }),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(s)
}

/// The book as it prints: the version asked for, else the latest sent, else today's draft.
pub async fn printed(
    db: &Db,
    fiscal_year: i64,
    district: &str,
    version: Option<i64>,
) -> Result<Document, AppError> {
    let code = thai::to_arabic_digits(district.trim());
    let sent: Option<signed::Signed<Book>> = signed::pick(
        db,
        reporting::ROLE_MODEL,
        &code,
        fiscal_year,
        "",
        "report",
        version,
    )
    .await?;
    Ok(match sent {
        Some(s) => {
            let mut doc = document(&s.report, &photos(db, &s.report).await?);
            s.stamp(&mut doc);
            doc
        }
        None => {
            let book = assemble(db, fiscal_year, &code).await?;
            let mut doc = document(&book, &photos(db, &book).await?);
            signed::mark_draft(&mut doc, crate::thai::fiscal::today_in_thailand());
            doc
        }
    })
}

/// The book's photos, by id.
async fn photos(db: &Db, book: &Book) -> anyhow::Result<HashMap<i64, Image>> {
    let mut out = HashMap::new();
    for p in book.projects.iter().flat_map(|p| &p.photos) {
        let Some((_, bytes)) = super::photos::photo_bytes(db, p.id).await? else {
            anyhow::bail!("photo {} of a sent book is gone", p.id);
        };
        let Some((_, w, h)) = super::photos::photo_kind(&bytes) else {
            anyhow::bail!("photo {} no longer reads as a photo", p.id);
        };
        out.insert(
            p.id,
            Image {
                bytes: Arc::new(bytes),
                width_px: w,
                height_px: h,
                caption: String::new(),
            },
        );
    }
    Ok(out)
}

fn baht(satang: i64) -> String {
    thai::format_baht(satang)
}

fn n(v: i64) -> String {
    to_thai_digits(&crate::documents::int_text(v))
}

fn kind_th(kind: &str) -> &'static str {
    match kind {
        "village" => "แผนพัฒนาหมู่บ้าน/แผนชุมชน",
        "tambon" => "แผนพัฒนาตำบล",
        _ => "แผนพัฒนาท้องถิ่น (อปท.)",
    }
}

/// The book as a document in the official style.
pub fn document(book: &Book, photos: &HashMap<i64, Image>) -> Document {
    let b = &book.basics;
    let long = |d: Date| format_date_long(d, Digits::Thai);
    let mut sections = vec![
        Section::Heading(PART_1.to_string()),
        Section::Facts(vec![
            ("อำเภอ".into(), book.district_th.clone()),
            ("จังหวัด".into(), book.province_th.clone()),
            ("จำนวนตำบล".into(), format!("{} ตำบล", n(b.tambons))),
            ("จำนวนหมู่บ้าน".into(), format!("{} หมู่บ้าน", n(b.villages))),
            (
                "จำนวนชุมชน (เขตเทศบาล)".into(),
                format!("{} ชุมชน", n(b.communities)),
            ),
            ("องค์กรปกครองส่วนท้องถิ่น".into(), format!("{} แห่ง", n(b.laos))),
            (
                "เวทีประชาคมหมู่บ้านในปีงบประมาณ".into(),
                format!(
                    "{} ครั้ง ครัวเรือนเข้าร่วม {} ครัวเรือน",
                    n(b.forums),
                    n(b.forum_households)
                ),
            ),
            (
                "โครงการในแผนพัฒนาอำเภอ".into(),
                format!(
                    "{} โครงการ งบประมาณ {} บาท",
                    n(b.district_plan_projects),
                    baht(b.district_plan_satang)
                ),
            ),
            (
                "คลังข้อมูลโครงการระดับตำบล (Tambon Project Bank)".into(),
                format!(
                    "{} โครงการ งบประมาณ {} บาท",
                    n(b.bank_projects),
                    baht(b.bank_satang)
                ),
            ),
        ]),
        Section::Table(Table {
            columns: vec![
                Column::new("แผน", Align::Left),
                Column::new("จำนวนแผน", Align::Right),
                Column::new("อนุมัติแล้ว", Align::Right),
            ],
            rows: b
                .plans
                .iter()
                .map(|(k, all, ok)| vec![Cell::text(kind_th(k)), Cell::Int(*all), Cell::Int(*ok)])
                .collect(),
            total: None,
        }),
        Section::Heading(PART_2.to_string()),
    ];
    for para in book.driven.lines().map(str::trim).filter(|l| !l.is_empty()) {
        sections.push(Section::Paragraph(para.to_string()));
    }
    sections.push(Section::Heading(PART_3.to_string()));
    sections.push(Section::Paragraph(format!(
        "อำเภอคัดเลือกโครงการจากคลังข้อมูลโครงการ {} โครงการ งบประมาณรวม {} บาท ใช้จ่ายแล้ว {} บาท กำหนดดำเนินการแล้วเสร็จภายในวันที่ {}",
        n(book.projects.len() as i64),
        baht(book.budget_satang),
        baht(book.spent_satang),
        long(book.work_due_on)
    )));
    sections.push(Section::Table(Table {
        columns: vec![
            Column::new("ที่", Align::Centre),
            Column::new("โครงการ", Align::Left),
            Column::new("งบประมาณ (บาท)", Align::Right),
            Column::new("ใช้จ่ายแล้ว (บาท)", Align::Right),
            Column::new("ร้อยละ", Align::Right),
            Column::new("สถานะ", Align::Left),
        ],
        rows: book
            .projects
            .iter()
            .enumerate()
            .map(|(i, p)| {
                vec![
                    Cell::Int(i as i64 + 1),
                    Cell::text(format!("{} ({})", p.title, p.tambons_th)),
                    Cell::Baht(p.budget_satang),
                    Cell::Baht(p.spent_satang),
                    p.percent.map_or(Cell::Empty, |v| Cell::Int(v)),
                    Cell::text(&p.standing_th),
                ]
            })
            .collect(),
        total: Some(vec![
            Cell::Empty,
            Cell::text("รวม"),
            Cell::Baht(book.budget_satang),
            Cell::Baht(book.spent_satang),
            Cell::Empty,
            Cell::Empty,
        ]),
    }));
    let mut figure = 0;
    for (i, p) in book.projects.iter().enumerate() {
        sections.push(Section::Heading(format!(
            "{}. {}",
            to_thai_digits(&(i + 1).to_string()),
            p.title
        )));
        let mut facts = vec![
            ("มิติการพัฒนา".to_string(), p.dimension_th.clone()),
            ("พื้นที่ดำเนินการ".to_string(), p.tambons_th.clone()),
            (
                "งบประมาณ".to_string(),
                format!("{} บาท", baht(p.budget_satang)),
            ),
            (
                "ใช้จ่ายแล้ว".to_string(),
                format!("{} บาท", baht(p.spent_satang)),
            ),
        ];
        facts.push((
            "ความก้าวหน้า".to_string(),
            match (p.percent, p.as_of) {
                (Some(v), Some(d)) => {
                    format!("ร้อยละ {} ณ วันที่ {} ({})", n(v), long(d), p.standing_th)
                }
                _ => format!("ยังไม่ได้รายงาน ({})", p.standing_th),
            },
        ));
        if !p.result.is_empty() {
            facts.push(("ผลการดำเนินงาน".to_string(), p.result.clone()));
        }
        if !p.problems.is_empty() {
            facts.push(("ปัญหา/อุปสรรค".to_string(), p.problems.clone()));
        }
        sections.push(Section::Facts(facts));
        for f in &p.photos {
            let Some(img) = photos.get(&f.id) else {
                continue;
            };
            figure += 1;
            let what = if f.caption.is_empty() {
                String::new()
            } else {
                format!("{} ", f.caption)
            };
            sections.push(Section::Image(Image {
                caption: format!(
                    "ภาพที่ {} {what}ณ {} วันที่ {}",
                    to_thai_digits(&figure.to_string()),
                    f.place,
                    long(f.taken_on)
                ),
                ..img.clone()
            }));
        }
    }
    Document {
        title: TITLE.to_string(),
        subtitle: vec![
            format!("{} {}", book.district_th, book.province_th),
            format!(
                "ประจำปีงบประมาณ พ.ศ. {}",
                to_thai_digits(&book.fiscal_year.to_string())
            ),
        ],
        sections,
        signature: Some(Signature {
            role: "ผู้รายงาน".into(),
            ..Default::default()
        }),
        landscape: false,
    }
}
