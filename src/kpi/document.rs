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

/// The header blanks of the monthly form: "() เทศบาล () อบต. …… อำเภอ …… จังหวัด ……",
/// "รายงานครั้งที่ …… วันที่รายงาน ……".
#[derive(Debug, Clone, Default)]
pub struct MonthlyHead {
    pub lao_name: String,
    /// A municipality (เทศบาล) rather than an อบต.
    pub municipality: bool,
    pub district: String,
    pub province: String,
    /// "พฤษภาคม ๒๕๖๙"
    pub month: String,
    /// As typed on the report ("" until submitted).
    pub report_no: String,
    pub reported_on: Option<time::Date>,
}

impl MonthlyHead {
    /// The header of an LAO's report of a month ("2026-05"), its number and date blank.
    pub async fn of(
        db: &crate::db::Db,
        lao: &crate::areas::Lao,
        period: &str,
    ) -> anyhow::Result<MonthlyHead> {
        use crate::areas::LaoKind;
        let name = |code: Option<String>| async move {
            anyhow::Ok(match code {
                Some(c) => crate::areas::get(db, &c)
                    .await?
                    .map(|a| a.name_th)
                    .unwrap_or_default(),
                None => String::new(),
            })
        };
        Ok(MonthlyHead {
            lao_name: lao.full_name_th.clone(),
            municipality: matches!(
                lao.kind,
                LaoKind::ThesabanNakhon | LaoKind::ThesabanMueang | LaoKind::ThesabanTambon
            ),
            district: name(lao.district_code.clone()).await?.replace("เขต", ""),
            province: name(Some(lao.province_code.clone())).await?,
            month: crate::reporting::calendar::period_th(period),
            report_no: String::new(),
            reported_on: None,
        })
    }
}

const DOTS: &str = ".....";

fn tick(yes: bool) -> &'static str {
    if yes { "(✓)" } else { "( )" }
}

/// The monthly form (แบบรายงานผลการดำเนินงานตัวชี้วัดที่ ๓.๒), word for word as FORMS.md section 3
/// gives it, each item's boxes ticked from the figures; `expected` gives the date the LAO
/// expects an unfinished item done (Thai), "" for none.
pub fn monthly(
    head: &MonthlyHead,
    m: &Monthly,
    expected: &dyn Fn(&str) -> String,
    by: Option<(&str, &str)>,
) -> Document {
    let pct = |x: Option<i64>| th(&crate::kpi::rates::format_pct(x));
    let n = |x: i64| th(&x.to_string());
    let by_date = |item: &str| match expected(item) {
        d if d.is_empty() => DOTS.to_string(),
        d => d,
    };
    let left = m.villages - m.villages_reviewed;
    let criterion = |met: bool, threshold: i64| {
        if met {
            "(ผ่านเกณฑ์)".to_string()
        } else {
            format!("(ยังไม่ถึงเกณฑ์ร้อยละ {})", n(threshold))
        }
    };
    let placed = |count: i64, p: Option<i64>, met: bool, threshold: i64, item: &str| {
        if count > 0 {
            format!(
                "(✓) ดำเนินการแล้ว จำนวน {} โครงการ/กิจกรรม คิดเป็นร้อยละ {} {}",
                n(count),
                pct(p),
                criterion(met, threshold)
            )
        } else {
            format!("(✓) ยังไม่ดำเนินการ จะดำเนินการภายในวันที่ {}", by_date(item))
        }
    };
    let rows: Vec<(String, String)> = vec![
        (
            format!(
                "๑. จำนวน {} หมู่บ้าน หรือ {} ชุมชน ทั้งหมด",
                tick(m.villages > m.communities),
                tick(m.communities > 0)
            ),
            format!("{} หมู่บ้าน/ชุมชน", n(m.villages)),
        ),
        (
            "๒. มีคณะทำงานสนับสนุนกระบวนการแผนชุมชนระดับท้องถิ่น หรือคณะทำงานอื่นๆ ที่เกี่ยวข้อง ที่มีหน่วยงาน องค์กร ผู้นำภาคประชาชนร่วมเป็นคณะทำงาน".into(),
            if m.has_working_group {
                "(✓) มีคณะทำงาน".into()
            } else {
                format!("(✓) ยังไม่มีคณะทำงาน จะจัดตั้งให้เสร็จภายในวันที่ {}", by_date("2"))
            },
        ),
        (
            "๓. คณะทำงานตามข้อ ๒ มีการกำหนดแผนการดำเนินงานสนับสนุนกระบวนการแผนชุมชนร่วมกัน".into(),
            if m.has_work_plan {
                "(✓) มีแผนดำเนินงานแล้ว".into()
            } else {
                format!("(✓) ยังไม่มีแผนดำเนินงาน จะจัดทำแผนดำเนินงานเสร็จภายในวันที่ {}", by_date("3"))
            },
        ),
        (
            "๔. มีการจัดทำเวทีประชาคมทบทวน ปรับปรุงแผนชุมชน ครอบคลุมมิติการพัฒนาด้านเศรษฐกิจ ด้านสังคมและคุณภาพชีวิต ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อมครบทุกหมู่บ้านหรือชุมชน โดยคณะกรรมการหมู่บ้านหรือคณะกรรมการชุมชน".into(),
            if m.villages > 0 && left == 0 {
                "(✓) ดำเนินการครบทุกหมู่บ้าน/ชุมชนแล้ว".into()
            } else {
                format!(
                    "(✓) ยังดำเนินการไม่ครบทุกหมู่บ้าน/ชุมชน (เหลือจำนวน {} หมู่บ้าน/ชุมชน) คาดว่าจะดำเนินการเสร็จภายในวันที่ {}",
                    n(left),
                    by_date("4")
                )
            },
        ),
        (
            "๕. มีจัดเวทีประชาคมระดับเทศบาล หรือ อบต. บูรณาการแผนชุมชนระดับเทศบาลหรือ อบต. โดยศูนย์ประสานงานองค์การชุมชนระดับตำบล (ศอช.ต.) และสภาองค์กรชุมชน (สอช.) (ถ้ามี) หรือองค์กรภาคประชาชนอื่นระดับตำบล ร่วมกับแกนนำแผนชุมชน".into(),
            match &m.integration_forum_on {
                Some(d) if m.tambons > 0 && m.tambons_integrated == m.tambons => {
                    format!("(✓) ดำเนินการแล้ว (เมื่อวันที่ {})", date_th(d))
                }
                _ => format!("(✓) ยังไม่ดำเนินการ คาดว่าจะดำเนินการเสร็จภายในวันที่ {}", by_date("5")),
            },
        ),
        (
            "๖. แผนชุมชนที่มีการบูรณาการระดับเทศบาล หรือ อบต. ตามข้อ ๕ ครอบคลุมมิติการพัฒนาด้านเศรษฐกิจ ด้านสังคมและคุณภาพชีวิต ด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม".into(),
            if m.missing_dimensions.is_empty() {
                format!("(✓) ครอบคลุม รวมจำนวน {} โครงการ/กิจกรรม", n(m.integrated_projects))
            } else {
                format!("(✓) ไม่ครอบคลุม ขาด{}", m.missing_dimensions.join(", "))
            },
        ),
        (
            format!(
                "๗. มีการนำโครงการ/กิจกรรม จากแผนชุมชนตามข้อ ๖. บรรจุไว้ในแผนพัฒนาท้องถิ่นของปีถัดไป ไม่น้อยกว่าร้อยละ {}",
                n(m.settings.local_threshold_pct)
            ),
            placed(
                m.rates.in_local_plan,
                m.rates.local_pct_x100,
                m.criteria[3],
                m.settings.local_threshold_pct,
                "7",
            ),
        ),
        (
            format!(
                "๘. มีการนำโครงการ/กิจกรรมจากแผนชุมชน ในแผนพัฒนาท้องถิ่นตามข้อ ๗. บรรจุไว้ในร่างข้อบัญญัติงบประมาณ พ.ศ. {} ในปีถัดไปของเทศบาล หรือ อบต. ไม่น้อยกว่าร้อยละ {}",
                n(m.rates.year),
                n(m.settings.budget_threshold_pct)
            ),
            placed(
                m.rates.in_budget,
                m.rates.budget_pct_x100,
                m.criteria[4],
                m.settings.budget_threshold_pct,
                "8",
            ),
        ),
    ];
    let or_dots = |s: &str| {
        if s.trim().is_empty() {
            DOTS.to_string()
        } else {
            s.to_string()
        }
    };
    Document {
        title: "แบบรายงานผลการดำเนินงานตัวชี้วัดที่ ๓.๒".into(),
        subtitle: vec![
            "ร้อยละของเทศบาลและองค์การบริหารส่วนตำบลต้นแบบนำแผนชุมชนสู่การพัฒนาท้องถิ่นได้ตามเกณฑ์ที่กำหนด".into(),
            format!(
                "{} เทศบาล {} อบต. {} อำเภอ{} จังหวัด{}",
                tick(head.municipality),
                tick(!head.municipality),
                head.lao_name,
                or_dots(&head.district),
                or_dots(&head.province)
            ),
            format!(
                "รายงานครั้งที่ {} วันที่รายงาน {} (ประจำเดือน {} ปีงบประมาณ พ.ศ. {})",
                or_dots(&th(&head.report_no)),
                head.reported_on
                    .map(|d| crate::thai::format_date_long(d, crate::thai::dates::Digits::Thai))
                    .unwrap_or_else(|| DOTS.to_string()),
                head.month,
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
                .map(|(a, b)| vec![Cell::Text(a), Cell::Text(b)])
                .collect(),
            total: None,
        })],
        signature: Some(Signature {
            name: by.map(|b| b.0.to_string()).unwrap_or_default(),
            position: by.map(|b| b.1.to_string()).unwrap_or_default(),
            date: None,
            role: "ผู้รายงาน".into(),
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

#[cfg(test)]
mod tests {
    use super::*;
    use crate::kpi::figures::Figures;
    use crate::kpi::rates::Rates;
    use crate::kpi::settings::Settings;

    fn texts(doc: &Document) -> Vec<(String, String)> {
        let Section::Table(t) = &doc.sections[0] else {
            panic!("a table")
        };
        t.rows
            .iter()
            .map(|r| match (&r[0], &r[1]) {
                (Cell::Text(a), Cell::Text(b)) => (a.clone(), b.clone()),
                other => panic!("{other:?}"),
            })
            .collect()
    }

    /// The circular's own filled example (FORMS.md section 3): an อบต. of 12 communities, 120
    /// projects integrated, 36 in the local plan, 5 in the draft budget. The circular prints
    /// "๒๕" for item 8; 5 of 36 is 13.89, and criterion 5 is not met although projects were placed.
    #[test]
    fn the_circulars_example_prints_as_the_form_does() {
        let f = Figures {
            villages: 12,
            communities: 12,
            has_working_group: true,
            has_work_plan: true,
            villages_reviewed: 12,
            tambons: 1,
            tambons_integrated: 1,
            integration_forum_on: Some("2026-02-20".into()),
            rates: Rates::of_counts(2570, 120, 36, 5),
            ..Figures::empty(2569)
        };
        let settings = Settings {
            fiscal_year: 2569,
            local_threshold_pct: 30,
            budget_threshold_pct: 20,
            score_bands: vec![],
            base_count: 878,
        };
        let m = Monthly::of(1, 2569, f, settings);
        assert_eq!(m.criteria, [true, true, true, true, false]);
        let head = MonthlyHead {
            lao_name: "อบต.ตัวอย่าง".into(),
            district: "ตัวอย่าง".into(),
            province: "ตัวอย่าง".into(),
            month: "มิถุนายน ๒๕๖๙".into(),
            report_no: "3".into(),
            reported_on: Some(time::macros::date!(2026 - 06 - 25)),
            ..Default::default()
        };
        let doc = monthly(&head, &m, &|_| String::new(), None);
        assert_eq!(
            doc.subtitle[1],
            "( ) เทศบาล (✓) อบต. อบต.ตัวอย่าง อำเภอตัวอย่าง จังหวัดตัวอย่าง"
        );
        assert!(
            doc.subtitle[2].starts_with("รายงานครั้งที่ ๓ วันที่รายงาน ๒๕ มิถุนายน ๒๕๖๙"),
            "{}",
            doc.subtitle[2]
        );
        let rows = texts(&doc);
        assert_eq!(
            rows[0],
            (
                "๑. จำนวน ( ) หมู่บ้าน หรือ (✓) ชุมชน ทั้งหมด".into(),
                "๑๒ หมู่บ้าน/ชุมชน".into()
            )
        );
        assert_eq!(rows[1].1, "(✓) มีคณะทำงาน");
        assert_eq!(rows[3].1, "(✓) ดำเนินการครบทุกหมู่บ้าน/ชุมชนแล้ว");
        assert!(rows[6].0.ends_with("ไม่น้อยกว่าร้อยละ ๓๐"));
        assert_eq!(
            rows[6].1,
            "(✓) ดำเนินการแล้ว จำนวน ๓๖ โครงการ/กิจกรรม คิดเป็นร้อยละ ๓๐.๐๐ (ผ่านเกณฑ์)"
        );
        assert!(
            rows[7].0.contains("ร่างข้อบัญญัติงบประมาณ พ.ศ. ๒๕๗๐ ในปีถัดไป"),
            "{}",
            rows[7].0
        );
        assert_eq!(
            rows[7].1,
            "(✓) ดำเนินการแล้ว จำนวน ๕ โครงการ/กิจกรรม คิดเป็นร้อยละ ๑๓.๘๙ (ยังไม่ถึงเกณฑ์ร้อยละ ๒๐)"
        );
        assert_eq!(
            doc.signature.as_ref().map(|s| s.role.as_str()),
            Some("ผู้รายงาน")
        );
    }
}
