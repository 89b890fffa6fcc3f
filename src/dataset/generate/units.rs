//! The generator's units: the split of shared tambons (issue 11) and the communities it
//! registers for municipalities, as units of their tambons.

use super::super::random::Rng;
use super::NULL;
use super::{Out, ce, date, hierarchy, stamp};
use std::collections::HashMap;

/// Shares of SPLIT_SHARE of the shared tambons are split (villages in runs, one run per LAO
/// sharing it, in code order); the others stay unsplit, as in a country where districts have
/// not settled them all. Assignments already in the database are kept.
const SPLIT_SHARE: f64 = 0.85;

pub(super) fn split_shared_tambons(
    h: &mut hierarchy::Hierarchy,
    seed: u64,
    out: &mut Out,
) -> anyhow::Result<()> {
    for t in &h.tambons {
        if t.shared.is_empty()
            || t.villages
                .iter()
                .any(|v| !v.community && h.village_lao.contains_key(&v.code))
        {
            continue;
        }
        let mut r = Rng::for_part(seed, &format!("split:{}", t.code), 0);
        if !r.chance(SPLIT_SHARE) {
            continue;
        }
        let villages: Vec<&hierarchy::Village> =
            t.villages.iter().filter(|v| !v.community).collect();
        let n = villages.len();
        for (i, v) in villages.into_iter().enumerate() {
            let lao = t.shared[i * t.shared.len() / n.max(1)];
            out.row("lao_villages", &[&lao.to_string(), &v.code])?;
            h.village_lao.insert(v.code.clone(), lao);
        }
    }
    Ok(())
}

/// How many communities a municipality has in each tambon it covers (ทน. and ทม. plan by
/// community), and an LAO of any kind in a tambon where DOPA lists no village.
fn communities_per_tambon(kind: &str, has_villages: bool, r: &mut Rng) -> i64 {
    match (kind, has_villages) {
        ("ThesabanNakhon", _) => r.between(8, 25),
        ("ThesabanMueang", _) => r.between(4, 12),
        ("Bangkok" | "PAO", _) => 0,
        (_, false) => r.between(3, 8),
        _ => 0,
    }
}

/// Registers the communities of municipalities (and of LAOs in tambons without villages) as
/// units of their tambons, numbered per LAO; tambons that have communities already are left.
pub(super) fn register_communities(
    h: &mut hierarchy::Hierarchy,
    seed: u64,
    first_year: i64,
    out: &mut Out,
) -> anyhow::Result<()> {
    let registered = stamp(&date(ce(first_year) - 2, 5, 1));
    let mut id = 0i64;
    let mut numbers: HashMap<i64, i64> = HashMap::new();
    for t in h.tambons.iter_mut() {
        if t.villages.iter().any(|v| v.community) {
            continue;
        }
        let has_villages = !t.villages.is_empty();
        let mut r = Rng::for_part(seed, &format!("communities:{}", t.code), 0);
        let mut serial = 0;
        let start = r.between(0, COMMUNITY_NAMES.len() as i64 - 1);
        for lao in t.laos.clone() {
            let Some(l) = h.laos.get(&lao) else { continue };
            for _ in 0..communities_per_tambon(&l.kind, has_villages, &mut r) {
                serial += 1;
                let number = numbers.entry(lao).or_insert(0);
                *number += 1;
                let code = format!("{}C{serial:03}", t.code);
                // each name once in a tambon: in turn from a drawn start, numbered on a second round
                let n = COMMUNITY_NAMES.len() as i64;
                let turn = start + serial - 1;
                let name = match turn / n {
                    0 => format!("ชุมชน{}", COMMUNITY_NAMES[(turn % n) as usize]),
                    round => format!("ชุมชน{} {}", COMMUNITY_NAMES[(turn % n) as usize], round + 1),
                };
                out.row("areas", &[&code, "community", &t.code, &name, "", NULL, ""])?;
                id += 1;
                out.row(
                    "communities",
                    &[
                        &id.to_string(),
                        &code,
                        &lao.to_string(),
                        &number.to_string(),
                        "active",
                        NULL,
                        NULL,
                        &registered,
                        &registered,
                        "1",
                    ],
                )?;
                h.village_lao.insert(code.clone(), lao);
                t.villages.push(hierarchy::Village {
                    code,
                    moo: *number,
                    name,
                    community: true,
                });
            }
        }
    }
    Ok(())
}

/// Names communities often carry (a temple, a market, a lane, a neighbourhood).
const COMMUNITY_NAMES: &[&str] = &[
    "วัดศรีโคมคำ",
    "ตลาดสด",
    "หน้าเมือง",
    "ประตูเหล็ก",
    "ร่องไฮ",
    "บ้านใหม่",
    "สันต้นม่วง",
    "ท่าน้ำ",
    "ศรีสวัสดิ์",
    "ดอนสนาม",
    "หลังสถานีรถไฟ",
    "ริมกว๊าน",
    "เจริญสุข",
    "รุ่งอรุณ",
    "สามัคคี",
    "พัฒนา",
    "ทุ่งกาด",
    "เหล่าใต้",
    "ป่าแดง",
    "วังหิน",
];
