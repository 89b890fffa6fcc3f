//! The registers and the district progress report as official documents (.docx, .xlsx, .csv).

use super::district_report::{DistrictReport, ITEMS};
use super::{Form1Row, ProjectRow};
use crate::documents::{Align, Cell, Column, Document, Section, Signature, Table};

fn date(d: &Option<time::Date>) -> Cell {
    d.map(Cell::Date).unwrap_or(Cell::Empty)
}

fn col(title: &str, align: Align) -> Column {
    Column {
        title: title.to_string(),
        align,
    }
}

fn signature(by: Option<(&str, &str)>) -> Option<Signature> {
    Some(match by {
        Some((name, position)) => Signature {
            name: name.to_string(),
            position: position.to_string(),
            date: None,
            role: "ผู้รายงาน".into(),
        },
        None => Signature {
            role: "ผู้รายงาน".into(),
            ..Signature::default()
        },
    })
}

pub fn form1(place: &str, year: i64, rows: &[Form1Row], by: Option<(&str, &str)>) -> Document {
    let table = Table {
        columns: vec![
            col("ลำดับ", Align::Centre),
            col("ตำบล", Align::Left),
            col("ชื่อผู้ประสานงาน", Align::Left),
            col("งบประมาณที่ได้รับ (บาท)", Align::Right),
            col("ส่งเล่มแผนให้ อปท.", Align::Centre),
            col("ส่งเล่มแผนให้อำเภอ", Align::Centre),
            col("ไตรมาสที่จัดทำแผน", Align::Centre),
        ],
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                vec![
                    Cell::Int(i as i64 + 1),
                    Cell::Text(r.tambon_name.clone()),
                    Cell::Text(r.coordinator.clone()),
                    Cell::Baht(r.budget_satang),
                    date(&r.delivered_lao_on),
                    date(&r.delivered_district_on),
                    r.made_quarter.map(Cell::Int).unwrap_or(Cell::Empty),
                ]
            })
            .collect(),
        total: None,
    };
    Document {
        title: "รายงานแผนพัฒนาตำบล แบบ ๑ ทะเบียนข้อมูลตำบลเป้าหมาย".into(),
        subtitle: vec![
            place.to_string(),
            format!(
                "ปีงบประมาณ พ.ศ. {}",
                crate::thai::to_thai_digits(&year.to_string())
            ),
        ],
        sections: vec![Section::Table(table)],
        signature: signature(by),
        landscape: true,
    }
}

pub fn projects(
    number: u8,
    place: &str,
    year: i64,
    rows: &[ProjectRow],
    names: &dyn Fn(&str) -> String,
    by: Option<(&str, &str)>,
) -> Document {
    let title = match number {
        2 => {
            "รายงานแผนพัฒนาตำบล แบบ ๒ การนำโครงการในเล่มแผนชุมชนระดับตำบลไปใช้ประโยชน์ในการบริหารจัดการชุมชน"
        }
        _ => "รายงานแผนพัฒนาตำบล แบบ ๓ การเชื่อมโยงและประสานแผนชุมชนระดับตำบลกับองค์กรปกครองส่วนท้องถิ่น",
    };
    let total: i64 = rows.iter().map(|r| r.budget_satang).sum();
    let table = Table {
        columns: vec![
            col("ลำดับ", Align::Centre),
            col("ตำบล", Align::Left),
            col("ชื่อโครงการ/กิจกรรม", Align::Left),
            col("รูปแบบ", Align::Left),
            col("งบประมาณ (บาท)", Align::Right),
            col("เป้าหมาย", Align::Left),
            col("ระยะเวลา", Align::Left),
        ],
        rows: rows
            .iter()
            .enumerate()
            .map(|(i, r)| {
                let target = crate::projects::target_th(
                    r.target_villages,
                    r.target_households,
                    r.target_people,
                    " ",
                );
                let when = |d: &Option<time::Date>| {
                    d.map(|d| crate::thai::format_date_short(d, crate::thai::dates::Digits::Thai))
                        .unwrap_or_default()
                };
                vec![
                    Cell::Int(i as i64 + 1),
                    Cell::Text(names(&r.tambon_code)),
                    Cell::Text(r.title.clone()),
                    Cell::Text(r.format.clone()),
                    Cell::Baht(r.budget_satang),
                    Cell::Text(crate::thai::to_thai_digits(&target)),
                    Cell::Text(match (when(&r.starts_on), when(&r.ends_on)) {
                        (a, b) if a.is_empty() && b.is_empty() => String::new(),
                        (a, b) => format!("{a} – {b}"),
                    }),
                ]
            })
            .collect(),
        total: Some(vec![
            Cell::Empty,
            Cell::Empty,
            Cell::Text("รวม".into()),
            Cell::Empty,
            Cell::Baht(total),
            Cell::Empty,
            Cell::Empty,
        ]),
    };
    Document {
        title: title.into(),
        subtitle: vec![
            place.to_string(),
            format!(
                "ปีงบประมาณ พ.ศ. {}",
                crate::thai::to_thai_digits(&year.to_string())
            ),
        ],
        sections: vec![Section::Table(table)],
        signature: signature(by),
        landscape: true,
    }
}

pub fn district_report(
    place: &str,
    r: &DistrictReport,
    problems: &str,
    suggestions: &str,
    by: Option<(&str, &str)>,
) -> Document {
    let th = |n: i64| crate::thai::to_thai_digits(&n.to_string());
    let mut counts = vec![vec![
        Cell::Text("๑. ผลการดำเนินงาน ตำบลเป้าหมาย ที่ได้รับจัดสรรงบประมาณ".into()),
        Cell::Int(r.target_tambons),
    ]];
    for (i, text) in ITEMS.iter().enumerate() {
        counts.push(vec![
            Cell::Text(format!("({}) {text}", th(i as i64 + 1))),
            Cell::Int(r.counts[i]),
        ]);
    }
    let by_tambon = Table {
        columns: std::iter::once(col("ตำบล", Align::Left))
            .chain((1..=5).map(|i| col(&format!("({})", th(i)), Align::Centre)))
            .collect(),
        rows: r
            .tambons
            .iter()
            .map(|t| {
                std::iter::once(Cell::Text(t.name_th.clone()))
                    .chain(
                        t.met
                            .iter()
                            .map(|m| Cell::Text(if *m { "✓" } else { "–" }.into())),
                    )
                    .collect()
            })
            .collect(),
        total: None,
    };
    let or_dots = |s: &str| match s.trim() {
        "" => ".....".to_string(),
        t => t.to_string(),
    };
    let mut signature = signature(by);
    if let Some(s) = signature.as_mut()
        && s.position.is_empty()
    {
        s.position = "ตำแหน่ง พัฒนาการอำเภอ.....".into();
    }
    Document {
        title: "แบบรายงานผลการดำเนินงาน ปัญหา/อุปสรรค และข้อเสนอแนะ".into(),
        subtitle: vec![
            format!(
                "การจัดทำและประสานแผนพัฒนาตำบลประจำปีงบประมาณ พ.ศ. {}",
                th(r.fiscal_year)
            ),
            place.to_string(),
        ],
        sections: vec![
            Section::Table(Table {
                columns: vec![
                    col("รายการ", Align::Left),
                    col("จำนวน (ตำบล)", Align::Right),
                ],
                rows: counts,
                total: None,
            }),
            Section::Heading("ผลรายตำบล".into()),
            Section::Table(by_tambon),
            Section::Heading("๒. ปัญหา/อุปสรรค (ปัญหาอุปสรรคจากการดำเนินงานตามข้อ ๑)".into()),
            Section::Paragraph(or_dots(problems)),
            Section::Heading("๓. ข้อเสนอแนะเพื่อพัฒนาและปรับปรุงงานการจัดทำและประสานแผนพัฒนาตำบล".into()),
            Section::Paragraph(or_dots(suggestions)),
        ],
        signature,
        landscape: false,
    }
}
