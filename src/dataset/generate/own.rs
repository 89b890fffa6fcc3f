//! The LAO's own ผ.02 projects in its five-year local plan (issue 11), as the generator writes them.

use super::super::random::Rng;
use super::{
    BY, DIMENSION_WEIGHTS, DIMENSIONS, Ids, Lao, NULL, Out, Project, ProjectRow, Vocabulary,
};
use super::{ce, date, next, write_project};

const STRATEGIES: [&str; 5] = [
    "ยุทธศาสตร์การพัฒนาด้านโครงสร้างพื้นฐาน",
    "ยุทธศาสตร์การพัฒนาด้านเศรษฐกิจ",
    "ยุทธศาสตร์การพัฒนาด้านสังคมและคุณภาพชีวิต",
    "ยุทธศาสตร์การพัฒนาด้านทรัพยากรธรรมชาติและสิ่งแวดล้อม",
    "ยุทธศาสตร์การพัฒนาด้านการบริหารจัดการบ้านเมืองที่ดี",
];
const WORK_PLANS: [&str; 5] = [
    "แผนงานอุตสาหกรรมและการโยธา",
    "แผนงานการเกษตร",
    "แผนงานสังคมสงเคราะห์",
    "แผนงานการรักษาความสงบภายใน",
    "แผนงานบริหารงานทั่วไป",
];

/// The LAO's own projects in its five-year local plan (ผ.02): each funded in one to three
/// consecutive years of the cycle, with the plan's strategy and programme for its dimension.
#[allow(clippy::too_many_arguments)]
pub(super) fn own_projects(
    out: &mut Out,
    ids: &mut Ids,
    vocabulary: &Vocabulary,
    seed: u64,
    lao: &Lao,
    plan: i64,
    cycle: i64,
    made: &str,
) -> anyhow::Result<()> {
    let mut r = Rng::for_part(seed, &format!("own:{}", lao.id), cycle);
    for seq in 1..=r.between(15, 45) {
        let id = next(&mut ids.project);
        let d = r.weighted(&DIMENSION_WEIGHTS);
        let first = cycle + r.between(0, 4);
        let last = (first + r.between(0, 2)).min(cycle + 4);
        let amount =
            (r.log_normal(400_000.0, 0.8).max(10_000.0) / 1_000.0).round() as i64 * 1_000 * 100;
        let title = format!("{} {}", r.pick(&vocabulary.titles[d]), lao.name);
        let project = Project {
            id,
            executor: "lao",
            budget: amount * (last - first + 1),
            village: None,
            local: false,
            budgeted: false,
            row: ProjectRow {
                title,
                dimension: DIMENSIONS[d],
                area_code: lao.area_code.clone(),
                origin_plan: plan,
                forum: None,
                reach: "tambon",
                villages: 0,
                households: r.between(100, 2_000),
                lao: "1",
                starts: date(ce(first) - 1, 10, 1),
                ends: date(ce(last), 9, 30),
                created: made.to_string(),
            },
        };
        write_project(out, &project, "proposed", 0, 0)?;
        let i = d.min(STRATEGIES.len() - 1);
        out.row(
            "own_projects",
            &[
                &id.to_string(),
                &plan.to_string(),
                &seq.to_string(),
                STRATEGIES[i],
                WORK_PLANS[i],
                "๑ แห่ง",
                "ประชาชนได้รับประโยชน์ร้อยละ ๘๐",
                "ประชาชนมีคุณภาพชีวิตที่ดีขึ้น",
                &lao.name,
            ],
        )?;
        for y in first..=last {
            out.row(
                "own_project_years",
                &[&id.to_string(), &y.to_string(), &amount.to_string()],
            )?;
        }
        out.row(
            "plan_items",
            &[
                &next(&mut ids.item).to_string(),
                &plan.to_string(),
                &id.to_string(),
                &first.to_string(),
                NULL,
                &project.budget.to_string(),
                &made[..10],
                NULL,
                "",
                made,
                BY,
            ],
        )?;
    }
    Ok(())
}
