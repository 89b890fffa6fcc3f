//! The tambon plan book (เล่มแผนพัฒนาตำบล, ONEPLAN.md section 4.2): the document delivered to
//! the LAO and the district, and the district's model plan sent to the province as Word.
//! Built from the records only — the plan, its forums and its projects — so the book and the
//! screen can never disagree.

use crate::db::{self, Db};
use crate::dimensions::{Coverage, Dimension};
use crate::documents::{Align, Cell, Column, Document, Section, Signature, Table};
use crate::error::{AppError, Problem};
use crate::plans::PlanKind;
use crate::thai::dates::Digits;
use crate::thai::{baht_text, format_baht, format_date_long, format_date_short};
use std::collections::HashMap;
use time::Date;

#[derive(sqlx::FromRow)]
struct Row {
    id: i64,
    title: String,
    dimension: crate::dimensions::Dimension,
    area_code: String,
    reach: String,
    executor: String,
    #[sqlx(try_from = "crate::db::OptIsoDate")]
    starts_on: Option<Date>,
    #[sqlx(try_from = "crate::db::OptIsoDate")]
    ends_on: Option<Date>,
    rank: Option<i64>,
    amount_satang: i64,
}

fn long(d: &Option<Date>) -> String {
    match d {
        Some(d) => format_date_long(*d, Digits::Arabic),
        None => "-".into(),
    }
}

/// "1 ต.ค. 69 – 31 มี.ค. 70"; one end alone when only one is known.
fn duration(starts: &Option<Date>, ends: &Option<Date>) -> Cell {
    let short = |d: &Option<Date>| d.map(|d| format_date_short(d, Digits::Arabic));
    match (short(starts), short(ends)) {
        (Some(a), Some(b)) => Cell::Text(format!("{a} – {b}")),
        (Some(a), None) => Cell::Text(format!("เริ่ม {a}")),
        (None, Some(b)) => Cell::Text(format!("ถึง {b}")),
        (None, None) => Cell::Empty,
    }
}

/// A share of a whole in hundredths of a percent, rounded half up.
fn share(part: i64, whole: i64) -> Cell {
    if whole <= 0 {
        return Cell::Empty;
    }
    Cell::Percent((part * 10_000 + whole / 2) / whole)
}

pub async fn tambon_plan_book(db: &Db, plan_id: i64) -> Result<Document, AppError> {
    let plan = crate::plans::get(db, plan_id)
        .await?
        .ok_or_else(AppError::not_found)?;
    if plan.kind() != PlanKind::Tambon {
        return Err(Problem::BookOnlyTambon.into());
    }
    let path = crate::areas::path(db, &plan.area_code).await?;
    let name = |len: usize| {
        path.iter()
            .find(|a| a.code.len() == len)
            .map(|a| a.name_th.clone())
            .unwrap_or_default()
    };
    let (province, district, tambon) = (name(2), name(4), name(6));
    let rows: Vec<Row> = db::query_as(
        "SELECT p.id, p.title, p.dimension, p.area_code, p.reach, p.executor, p.starts_on, p.ends_on, i.rank, i.amount_satang \
         FROM plan_items i JOIN projects p ON p.id = i.project_id WHERE i.plan_id = $1 \
         ORDER BY CASE WHEN i.rank IS NULL THEN 1 ELSE 0 END, i.rank, p.id",
    )
    .bind(plan_id)
    .fetch_all(db)
    .await?;
    let moos: Vec<(i64, Option<i64>)> = db::query_as(
        "SELECT pv.project_id, a.moo FROM plan_items i JOIN project_villages pv ON pv.project_id = i.project_id \
         JOIN areas a ON a.code = pv.village_code WHERE i.plan_id = $1 ORDER BY pv.village_code",
    )
    .bind(plan_id)
    .fetch_all(db)
    .await?;
    let mut moos_of: HashMap<i64, Vec<String>> = HashMap::new();
    for (project, moo) in moos {
        if let Some(m) = moo {
            moos_of.entry(project).or_default().push(m.to_string());
        }
    }
    let villages = |r: &Row| {
        let mut list = moos_of.get(&r.id).cloned().unwrap_or_default();
        if list.is_empty() && r.area_code.len() == 8 {
            list.push(r.area_code[6..].trim_start_matches('0').to_string());
        }
        match (list.is_empty(), r.reach.as_str()) {
            (false, _) => Cell::Text(format!("หมู่ที่ {}", list.join(", "))),
            (true, "village") => Cell::Empty,
            (true, reach) => Cell::text(crate::projects::input::reach_th(reach)),
        }
    };
    let forums = crate::forums::of_plan(db, plan_id).await?;
    let total: i64 = rows.iter().map(|r| r.amount_satang).sum();

    let mut facts = vec![
        ("ตำบล".to_string(), tambon.clone()),
        ("อำเภอ".to_string(), district.clone()),
        ("จังหวัด".to_string(), province.clone()),
        ("ปีงบประมาณ".to_string(), plan.first_year.to_string()),
        (
            "จัดทำแผนในไตรมาสที่".to_string(),
            plan.made_quarter
                .map(|q| q.to_string())
                .unwrap_or_else(|| "-".into()),
        ),
        (
            "ส่งเล่มแผนให้ อปท. เมื่อ".to_string(),
            long(&plan.delivered_lao_on),
        ),
        (
            "ส่งเล่มแผนให้อำเภอเมื่อ".to_string(),
            long(&plan.delivered_district_on),
        ),
    ];
    if forums.is_empty() {
        facts.push(("เวทีประชาคม".into(), "ยังไม่ได้บันทึก".into()));
    }
    for (n, f) in forums.iter().enumerate() {
        let mut text = long(&Some(f.held_on));
        if !f.place.is_empty() {
            text.push_str(&format!(" ณ {}", f.place));
        }
        if !f.held_by.is_empty() {
            text.push_str(&format!(" จัดโดย {}", f.held_by));
        }
        text.push_str(&format!(
            " ประธาน {} ผู้เข้าร่วม {} คน",
            f.chaired_by, f.attendance
        ));
        let label = if forums.len() == 1 {
            "เวทีประชาคม".to_string()
        } else {
            format!("เวทีประชาคมครั้งที่ {}", n + 1)
        };
        facts.push((label, text));
    }
    facts.push(("สถานะของแผน".into(), plan.status().th().to_string()));
    facts.push((
        "โครงการทั้งหมด".into(),
        format!(
            "{} โครงการ งบประมาณรวม {} บาท ({})",
            rows.len(),
            format_baht(total),
            baht_text(total)
        ),
    ));

    // from the rows in hand rather than another count over the plan's items
    let cov = Coverage::of_counts(|d| rows.iter().filter(|r| r.dimension == d).count() as i64);
    let mut summary = Vec::new();
    let mut by_dimension = Vec::new();
    for (n, d) in Dimension::ALL.into_iter().enumerate() {
        let mine: Vec<&Row> = rows.iter().filter(|r| r.dimension == d).collect();
        let sum: i64 = mine.iter().map(|r| r.amount_satang).sum();
        if mine.is_empty() && !d.core() {
            continue;
        }
        summary.push(vec![
            Cell::Int(n as i64 + 1),
            Cell::text(d.th()),
            Cell::Int(mine.len() as i64),
            Cell::Baht(sum),
            share(sum, total),
        ]);
        if mine.is_empty() {
            continue;
        }
        by_dimension.push(Section::Heading(format!(
            "{}. {} ({} โครงการ)",
            n + 1,
            d.th(),
            mine.len()
        )));
        by_dimension.push(Section::Table(Table {
            columns: vec![
                Column::new("ลำดับความสำคัญ", Align::Centre),
                Column::new("โครงการ/กิจกรรม", Align::Left),
                Column::new("หมู่บ้านเป้าหมาย", Align::Left),
                Column::new("งบประมาณ (บาท)", Align::Right),
                Column::new("ผู้ดำเนินการ", Align::Left),
                Column::new("ระยะเวลา", Align::Left),
            ],
            rows: mine
                .iter()
                .map(|r| {
                    vec![
                        r.rank.map(Cell::Int).unwrap_or(Cell::Empty),
                        Cell::text(&r.title),
                        villages(r),
                        Cell::Baht(r.amount_satang),
                        Cell::text(crate::projects::input::executor_th(&r.executor)),
                        duration(&r.starts_on, &r.ends_on),
                    ]
                })
                .collect(),
            total: Some(vec![
                Cell::Empty,
                Cell::Text(format!("รวม {} โครงการ", mine.len())),
                Cell::Empty,
                Cell::Baht(sum),
                Cell::Empty,
                Cell::Empty,
            ]),
        }));
    }
    let coverage_line = if cov.complete() {
        "แผนนี้ครอบคลุมมิติการพัฒนาหลักครบทั้ง 3 ด้าน".to_string()
    } else {
        let names: Vec<&str> = cov.missing_core.iter().map(|d| d.th()).collect();
        format!("แผนนี้ยังขาดมิติการพัฒนาหลัก: {}", names.join(", "))
    };

    let mut sections = vec![
        Section::Heading("ส่วนที่ 1 ข้อมูลการจัดทำแผน".into()),
        Section::Facts(facts),
        Section::Heading("ส่วนที่ 2 สรุปโครงการตามมิติการพัฒนา".into()),
        Section::Table(Table {
            columns: vec![
                Column::new("ลำดับ", Align::Centre),
                Column::new("มิติการพัฒนา", Align::Left),
                Column::new("จำนวนโครงการ", Align::Right),
                Column::new("งบประมาณ (บาท)", Align::Right),
                Column::new("ร้อยละของงบประมาณ", Align::Right),
            ],
            rows: summary,
            total: Some(vec![
                Cell::Empty,
                Cell::text("รวม"),
                Cell::Int(rows.len() as i64),
                Cell::Baht(total),
                share(total, total),
            ]),
        }),
        Section::Paragraph(coverage_line),
        Section::Heading("ส่วนที่ 3 โครงการตามมิติการพัฒนา".into()),
    ];
    if rows.is_empty() {
        sections.push(Section::Paragraph("ยังไม่มีโครงการในแผนนี้".into()));
    }
    sections.extend(by_dimension);
    Ok(Document {
        title: format!("แผนพัฒนาตำบล{tambon}"),
        subtitle: vec![
            format!("อำเภอ{district} จังหวัด{province}"),
            format!("ประจำปีงบประมาณ พ.ศ. {}", plan.first_year),
        ],
        sections,
        // signed by hand once printed
        signature: Some(Signature::default()),
        landscape: false,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn shares_round_half_up_and_durations_read_in_thai() {
        assert_eq!(share(1, 3), Cell::Percent(3333));
        assert_eq!(share(2, 3), Cell::Percent(6667));
        assert_eq!(share(5, 0), Cell::Empty);
        assert_eq!(
            duration(
                &Some(time::macros::date!(2026 - 10 - 01)),
                &Some(time::macros::date!(2027 - 03 - 31))
            ),
            Cell::text("1 ต.ค. 69 – 31 มี.ค. 70")
        );
        assert_eq!(duration(&None, &None), Cell::Empty);
    }
}
