//! A forward as an official document: the list of model LAOs' reports a district sends its
//! province, or a province the department, with each one's criteria, and who sent nothing.

use super::{Carried, DistrictForward, Left, ProvinceForward, Sent, Tally};
use crate::documents::{Align, Cell, Column, Document, Section, Signature, Table};
use crate::thai::dates::{Digits, format_date_long};
use crate::thai::to_thai_digits as th;

fn col(title: &str, align: Align) -> Column {
    Column {
        title: title.to_string(),
        align,
    }
}

fn facts(t: &Tally, left: usize) -> Section {
    Section::Facts(vec![
        (
            "รายงานที่ส่งต่อ".into(),
            format!("{} แห่ง", th(&t.reports.to_string())),
        ),
        (
            "ผ่านเกณฑ์ครบทั้ง ๕ ข้อ".into(),
            format!(
                "{} แห่ง (ร้อยละ {})",
                th(&t.meeting.to_string()),
                th(&crate::kpi::rates::format_pct(t.value_x100))
            ),
        ),
        (
            "ยังไม่ได้รับรายงาน".into(),
            format!("{} แห่ง", th(&left.to_string())),
        ),
    ])
}

fn reports_table(rows: &[&Carried], district_name: &dyn Fn(&str) -> String) -> Section {
    let mark = |b: bool| Cell::Text(if b { "✓" } else { "✗" }.into());
    Section::Table(Table {
        columns: vec![
            col("ลำดับ", Align::Right),
            col("อำเภอ", Align::Left),
            col("อปท. ต้นแบบ", Align::Left),
            col("ฉบับที่ / วันที่ส่ง", Align::Left),
            col("เกณฑ์ ๑", Align::Centre),
            col("เกณฑ์ ๒", Align::Centre),
            col("เกณฑ์ ๓", Align::Centre),
            col("ข้อ ๗ (ร้อยละ)", Align::Right),
            col("ข้อ ๘ (ร้อยละ)", Align::Right),
            col("ผ่านเกณฑ์", Align::Centre),
        ],
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, c)| {
                let r = &c.report;
                vec![
                    Cell::Int(i as i64 + 1),
                    Cell::Text(district_name(&c.district_code)),
                    Cell::Text(c.lao_name.clone()),
                    Cell::Text(format!(
                        "{} / {}{}",
                        th(&c.version.to_string()),
                        format_date_long(c.submitted_on, Digits::Thai),
                        if c.late {
                            " (หลังกำหนด)"
                        } else {
                            ""
                        }
                    )),
                    mark(r.criteria[0]),
                    mark(r.criteria[1]),
                    mark(r.criteria[2]),
                    r.rates
                        .local_pct_x100
                        .map(Cell::Percent)
                        .unwrap_or(Cell::Empty),
                    r.rates
                        .budget_pct_x100
                        .map(Cell::Percent)
                        .unwrap_or(Cell::Empty),
                    mark(r.meets_all()),
                ]
            })
            .collect(),
        total: None,
    })
}

fn left_section(left: &[Left]) -> Option<Section> {
    (!left.is_empty()).then(|| {
        Section::Paragraph(format!(
            "ยังไม่ได้รับรายงาน: {}",
            left.iter()
                .map(|l| format!("{} ({})", l.name_th, l.stage.th()))
                .collect::<Vec<_>>()
                .join(", ")
        ))
    })
}

fn head(title_place: String, month_th: &str, year: i64) -> (String, Vec<String>) {
    (
        "รายงานผลการดำเนินงานตัวชี้วัดที่ ๓.๒ ของเทศบาลและองค์การบริหารส่วนตำบลต้นแบบ".into(),
        vec![
            title_place,
            format!(
                "ประจำเดือน{} ปีงบประมาณ พ.ศ. {}",
                th(month_th),
                th(&year.to_string())
            ),
        ],
    )
}

fn signed<T>(sent: &Sent<T>) -> Signature {
    Signature {
        name: sent.signed_by.clone(),
        position: sent.position.clone(),
        date: Some(sent.submitted_on),
        role: "ผู้รายงาน".into(),
    }
}

/// What a district forwarded to its province.
pub fn district(
    sent: &Sent<DistrictForward>,
    province_name: &str,
    month_th: &str,
    year: i64,
) -> Document {
    let f = &sent.report;
    let (title, mut subtitle) = head(format!("{} {}", f.name_th, province_name), month_th, year);
    subtitle.push(stamp(sent));
    let rows: Vec<&Carried> = f.carried.iter().collect();
    let name = f.name_th.clone();
    let mut sections = vec![
        facts(&Tally::of(rows.iter().map(|c| &c.report)), f.left.len()),
        reports_table(&rows, &|_| name.clone()),
    ];
    sections.extend(left_section(&f.left));
    Document {
        title,
        subtitle,
        sections,
        signature: Some(signed(sent)),
        landscape: true,
    }
}

/// What a province forwarded to the department.
pub fn province(sent: &Sent<ProvinceForward>, month_th: &str, year: i64) -> Document {
    let f = &sent.report;
    let (title, mut subtitle) = head(f.name_th.clone(), month_th, year);
    subtitle.push(stamp(sent));
    let rows: Vec<&Carried> = f.reports().collect();
    let names: std::collections::HashMap<String, String> = f
        .districts
        .iter()
        .map(|d| (d.forward.district_code.clone(), d.forward.name_th.clone()))
        .collect();
    let mut left: Vec<Left> = f
        .districts
        .iter()
        .flat_map(|d| d.forward.left.clone())
        .collect();
    left.extend(f.missing.iter().cloned());
    let mut sections = vec![
        facts(&Tally::of(rows.iter().map(|c| &c.report)), left.len()),
        reports_table(&rows, &|code| names.get(code).cloned().unwrap_or_default()),
    ];
    sections.extend(left_section(&left));
    Document {
        title,
        subtitle,
        sections,
        signature: Some(signed(sent)),
        landscape: true,
    }
}

fn stamp<T>(sent: &Sent<T>) -> String {
    let no = match sent.report_no.trim() {
        "" => String::new(),
        n => format!("เลขที่รายงาน {} ", th(n)),
    };
    format!(
        "{no}ลงวันที่ {} (ฉบับที่ {})",
        format_date_long(sent.submitted_on, Digits::Thai),
        th(&sent.version.to_string())
    )
}

/// The document of a district's or province's forward of a month: the version asked for, else
/// the latest; not found when none was sent.
pub async fn of_forward(
    db: &crate::db::Db,
    code: &str,
    year: i64,
    period: &str,
    version: Option<i64>,
) -> Result<Document, crate::error::AppError> {
    use crate::error::{Problem, Thing};
    use crate::reporting::{KPI32_DISTRICT, KPI32_PROVINCE, submissions};
    let area = crate::areas::get(db, code)
        .await?
        .ok_or_else(|| Problem::not_found(Thing::AnyArea, code))?;
    let kind = match area.level {
        crate::areas::Level::District => KPI32_DISTRICT,
        crate::areas::Level::Province => KPI32_PROVINCE,
        _ => return Err(Problem::not_found(Thing::AnyArea, code).into()),
    };
    let history = submissions::history(db, kind, code, year, period).await?;
    let s = match version {
        None => history.first(),
        Some(v) => history.iter().find(|s| s.version == v),
    }
    .ok_or_else(|| Problem::not_found(Thing::Record, version.unwrap_or(0)))?;
    let month_th = crate::reporting::calendar::period_th(period);
    Ok(if kind == KPI32_DISTRICT {
        let province = crate::areas::get(db, &code[..2])
            .await?
            .map(|a| a.name_th)
            .unwrap_or_default();
        district(
            &Sent::read(s)?,
            &format!("จังหวัด{province}"),
            &month_th,
            year,
        )
    } else {
        province(&Sent::read(s)?, &month_th, year)
    })
}
