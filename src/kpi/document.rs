//! KPI 3.2's monthly report and roll-up as official documents.

use super::monthly::Monthly;
use super::rollup::Rollup;
use crate::documents::{Align, Cell, Column, Document, Section, Signature, Table};
use crate::thai::to_thai_digits as th;

fn col(title: &str, align: Align) -> Column {
    Column {
        title: title.to_string(),
        align,
    }
}

/// "มีแล้ว" when done, else what the reporter expects.
fn done(ok: bool, yes: String, not_yet: &str) -> String {
    if ok { yes } else { not_yet.to_string() }
}

/// The monthly form (แบบรายงานผลการดำเนินงานตัวชี้วัดที่ ๓.๒), items 1–8 as computed.
pub fn monthly(
    lao_name: &str,
    kind_line: &str,
    m: &Monthly,
    month: &str,
    expected: &dyn Fn(&str) -> String,
    by: Option<(&str, &str)>,
) -> Document {
    let pct = |x: Option<i64>| th(&crate::kpi::rates::format_pct(x));
    let later = |item: &str| {
        let d = expected(item);
        if d.is_empty() {
            "ยังไม่ได้ดำเนินการ".to_string()
        } else {
            format!("ยังไม่ได้ดำเนินการ คาดว่าจะแล้วเสร็จ {d}")
        }
    };
    // "() หมู่บ้าน หรือ () ชุมชน": ticked as the LAO has them
    let tick = |yes: bool| if yes { "(✓)" } else { "( )" };
    let item1 = format!(
        "๑. จำนวน {} หมู่บ้าน หรือ {} ชุมชน ทั้งหมด",
        tick(m.villages > m.communities),
        tick(m.communities > 0)
    );
    let rows = vec![
        (
            item1.as_str(),
            format!("{} หมู่บ้าน/ชุมชน", th(&m.villages.to_string())),
        ),
        (
            "๒. มีคณะทำงานสนับสนุนการจัดทำแผนชุมชน",
            done(m.has_working_group, "มีแล้ว".into(), &later("2")),
        ),
        (
            "๓. คณะทำงานมีแผนการทำงานร่วมกัน",
            done(m.has_work_plan, "มีแล้ว".into(), &later("3")),
        ),
        (
            "๔. จัดเวทีทบทวนแผนครอบคลุม ๓ มิติ ครบทุกหมู่บ้าน/ชุมชน",
            if m.villages > 0 && m.villages_reviewed == m.villages {
                "ดำเนินการครบแล้ว".into()
            } else {
                format!(
                    "ยังไม่ครบ เหลืออีก {} หมู่บ้าน {}",
                    th(&(m.villages - m.villages_reviewed).to_string()),
                    later("4")
                )
            },
        ),
        (
            "๕. ศอช.ต./สอช. ร่วมกับผู้นำแผนจัดเวทีบูรณาการแผนชุมชนระดับท้องถิ่น",
            match &m.integration_forum_on {
                Some(d) if m.tambons_integrated == m.tambons => {
                    format!("ดำเนินการแล้ว เมื่อ {}", date_th(d))
                }
                _ => later("5"),
            },
        ),
        (
            "๖. แผนชุมชนที่บูรณาการครอบคลุม ๓ มิติ",
            if m.missing_dimensions.is_empty() {
                format!(
                    "ครอบคลุม รวม {} โครงการ",
                    th(&m.integrated_projects.to_string())
                )
            } else {
                format!("ไม่ครอบคลุม ขาด{}", m.missing_dimensions.join(", "))
            },
        ),
        (
            "๗. นำโครงการตามข้อ ๖ บรรจุในแผนพัฒนาท้องถิ่นปีถัดไป",
            format!(
                "{} โครงการ คิดเป็นร้อยละ {} ({})",
                th(&m.rates.in_local_plan.to_string()),
                pct(m.rates.local_pct_x100),
                if m.criteria[3] {
                    "ผ่านเกณฑ์".to_string()
                } else {
                    later("7")
                }
            ),
        ),
        (
            "๘. นำโครงการตามข้อ ๗ บรรจุในร่างข้อบัญญัติงบประมาณ",
            format!(
                "{} โครงการ คิดเป็นร้อยละ {} ({})",
                th(&m.rates.in_budget.to_string()),
                pct(m.rates.budget_pct_x100),
                if m.criteria[4] {
                    "ผ่านเกณฑ์".to_string()
                } else {
                    later("8")
                }
            ),
        ),
    ];
    Document {
        title: "แบบรายงานผลการดำเนินงานตัวชี้วัดที่ ๓.๒".into(),
        subtitle: vec![
            "ร้อยละของเทศบาลและองค์การบริหารส่วนตำบลต้นแบบที่นำแผนชุมชนสู่การพัฒนาท้องถิ่นได้ตามเกณฑ์ที่กำหนด".into(),
            format!("{lao_name} {kind_line}"),
            format!(
                "ประจำเดือน {month} ปีงบประมาณ พ.ศ. {}",
                th(&m.fiscal_year.to_string())
            ),
        ],
        sections: vec![Section::Table(Table {
            columns: vec![
                col("รายการ", Align::Left),
                col("ผลการดำเนินงาน", Align::Left),
            ],
            rows: rows
                .into_iter()
                .map(|(a, b)| vec![Cell::Text(a.into()), Cell::Text(b)])
                .collect(),
            total: None,
        })],
        signature: Some(match by {
            Some((n, p)) => Signature {
                name: n.into(),
                position: p.into(),
                date: None,
            },
            None => Signature {
                name: String::new(),
                position: String::new(),
                date: None,
            },
        }),
        landscape: false,
    }
}

fn date_th(iso: &str) -> String {
    crate::thai::dates::parse_iso(iso)
        .map(|d| crate::thai::format_date_long(d, crate::thai::dates::Digits::Thai))
        .unwrap_or_default()
}

/// The roll-up of an area: every model LAO and whether it meets each criterion.
pub fn rollup(place: &str, r: &Rollup, districts: &dyn Fn(&str) -> String) -> Document {
    let mark = |b: bool| Cell::Text(if b { "✓" } else { "✗" }.into());
    Document {
        title: "ผลการดำเนินงานตัวชี้วัดที่ ๓.๒".into(),
        subtitle: vec![
            place.to_string(),
            format!("ปีงบประมาณ พ.ศ. {}", th(&r.fiscal_year.to_string())),
        ],
        sections: vec![
            Section::Facts(vec![
                (
                    "อปท. ต้นแบบที่ผ่านเกณฑ์".into(),
                    format!(
                        "{} จาก {} แห่ง",
                        th(&r.meeting.to_string()),
                        th(&r.base.to_string())
                    ),
                ),
                (
                    "ค่าตัวชี้วัด".into(),
                    format!("ร้อยละ {}", th(&crate::kpi::rates::format_pct(r.value_x100))),
                ),
                (
                    "คะแนน".into(),
                    th(&r
                        .score_x100
                        .map(|x| format!("{}.{:02}", x / 100, x % 100))
                        .unwrap_or_else(|| "-".into())),
                ),
            ]),
            Section::Table(Table {
                columns: vec![
                    col("อำเภอ", Align::Left),
                    col("อปท. ต้นแบบ", Align::Left),
                    col("เกณฑ์ ๑", Align::Centre),
                    col("เกณฑ์ ๒", Align::Centre),
                    col("เกณฑ์ ๓", Align::Centre),
                    col("ข้อ ๗ (ร้อยละ)", Align::Right),
                    col("ข้อ ๘ (ร้อยละ)", Align::Right),
                    col("ผ่านเกณฑ์", Align::Centre),
                ],
                rows: r
                    .rows
                    .iter()
                    .map(|row| {
                        vec![
                            Cell::Text(districts(&row.model.district_code)),
                            Cell::Text(row.model.lao_name.clone()),
                            mark(row.report.criteria[0]),
                            mark(row.report.criteria[1]),
                            mark(row.report.criteria[2]),
                            row.report
                                .rates
                                .local_pct_x100
                                .map(Cell::Percent)
                                .unwrap_or(Cell::Empty),
                            row.report
                                .rates
                                .budget_pct_x100
                                .map(Cell::Percent)
                                .unwrap_or(Cell::Empty),
                            mark(row.report.meets_all()),
                        ]
                    })
                    .collect(),
                total: None,
            }),
        ],
        signature: None,
        landscape: true,
    }
}
