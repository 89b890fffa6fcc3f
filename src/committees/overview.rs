//! Which committees an area (or an LAO) and everything under it should have, which are
//! recorded, and which lack a current order. Four queries whatever the size of the area,
//! so that a province with thousands of villages stays fast.

use super::{Kind, Owner, OwnerLevel, area_labels, date_th, is_current, lao_home};
use crate::areas::{Area, Lao, Level};
use crate::db::{self, Db};
use serde::Serialize;
use sqlx::AssertSqlSafe;
use std::collections::{BTreeMap, HashMap};
use time::Date;

/// Where to look: an area and everything under it, or an LAO with the tambons and villages it covers.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Place {
    Area(String),
    Lao(i64),
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = CommitteeOverview)]
pub struct Overview {
    /// The fiscal year (BE) whose orders count as current.
    pub fiscal_year: i32,
    /// Expected committees and any other recorded ones, ordered by area.
    pub rows: Vec<Row>,
    /// Per kind: how many are expected and how many of those are current.
    pub by_kind: Vec<KindCount>,
    /// Expected committees without a current order (ไม่มีคำสั่งแต่งตั้งที่เป็นปัจจุบัน).
    pub missing: usize,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
#[schema(as = CommitteeRow)]
pub struct Row {
    /// None while no order was ever recorded.
    pub committee_id: Option<i64>,
    pub kind: Kind,
    pub kind_short_th: String,
    pub owner: Owner,
    /// Every owner of the level must have one (สอช. and recorded extras are not expected).
    pub expected: bool,
    pub latest: Option<OrderSummary>,
    /// Has an order for the current fiscal year.
    pub current: bool,
}

impl Row {
    /// An expected committee that lacks a current order.
    pub fn missing(&self) -> bool {
        self.expected && !self.current
    }
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct OrderSummary {
    pub order_no: String,
    pub order_date: String,
    pub order_date_th: String,
    pub fiscal_year: i32,
}

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct KindCount {
    pub kind: Kind,
    pub kind_short_th: String,
    pub expected: usize,
    pub current: usize,
}

/// The working group supports the community-plan process of municipalities and อบต.; a
/// provincial อบจ. is not expected to have one (listed only if one is recorded).
fn lao_expects_working_group(lao: &Lao) -> bool {
    lao.kind != crate::areas::LaoKind::Pao
}

/// SQL conditions (on `areas a`, `laos l`, `committees c`) for a place: over $1 and $2, the ends
/// of the codes under an area (`db::Query::bind_prefix`), or $1, an LAO's id.
struct Conditions {
    areas: String,
    laos: String,
    committees: String,
}

fn conditions(place: &Place) -> Conditions {
    match place {
        Place::Area(_) => {
            let under = |col: &str| format!("({col} >= $1 AND {col} < $2)");
            let laos = format!(
                "{} OR {} OR {} OR l.id IN (SELECT v.lao_id FROM lao_coverage v WHERE {})",
                under("l.office_tambon_code"),
                under("l.district_code"),
                under("l.province_code"),
                under("v.area_code")
            );
            Conditions {
                areas: under("a.code"),
                committees: format!(
                    "{} OR c.lao_id IN (SELECT l.id FROM laos l WHERE {laos})",
                    under("c.area_code")
                ),
                laos,
            }
        }
        Place::Lao(_) => {
            // covered tambons and the LAO's own villages and communities (`areas::units`)
            let areas = "a.code IN (SELECT v.area_code FROM lao_coverage v WHERE v.lao_id = $1 AND LENGTH(v.area_code) = 6) \
                 OR (a.level IN ('village', 'community') AND a.code IN (SELECT u.unit_code FROM lao_units u WHERE u.lao_id = $1))"
                .to_string();
            Conditions {
                committees: format!(
                    "c.lao_id = $1 OR (c.lao_id IS NULL AND c.area_code IN (SELECT a.code FROM areas a WHERE {areas}))"
                ),
                areas,
                laos: "l.id = $1".into(),
            }
        }
    }
}

/// Binds the place's parameters: the ends of the codes under an area, or an LAO's id.
macro_rules! bind_place {
    ($q:expr, $place:expr) => {
        match $place {
            Place::Area(code) => $q.bind_prefix(code),
            Place::Lao(id) => $q.bind(*id),
        }
    };
}

#[derive(sqlx::FromRow)]
struct Recorded {
    id: i64,
    kind: String,
    area_code: String,
    lao_id: Option<i64>,
    order_no: Option<String>,
    order_date: Option<String>,
    fiscal_year: Option<i64>,
}

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
enum OwnerKey {
    Area(String),
    Lao(i64),
}

/// The committees of a place on `today`.
pub async fn overview(db: &Db, place: &Place, today: Date) -> anyhow::Result<Overview> {
    let cond = conditions(place);
    let areas: Vec<Area> = bind_place!(
        db::query_as::<Area>(AssertSqlSafe(format!(
            "SELECT a.code, a.level, a.parent_code, a.name_th, a.name_en, a.moo, a.postal_codes \
             FROM areas a WHERE {} ORDER BY a.code",
            cond.areas
        ))),
        place
    )
    .fetch_all(db)
    .await?;
    let laos: Vec<Lao> = bind_place!(
        db::query_as::<Lao>(AssertSqlSafe(format!(
            "SELECT l.id, l.lao_key, l.dla_code, l.kind, l.name_th, l.full_name_th, l.name_en, l.province_code, \
             l.district_code, l.office_tambon_code FROM laos l WHERE {} ORDER BY l.full_name_th",
            cond.laos
        ))),
        place
    )
    .fetch_all(db)
    .await?;
    let recorded: Vec<Recorded> = bind_place!(
        db::query_as::<Recorded>(AssertSqlSafe(format!(
            "SELECT c.id, c.kind, c.area_code, c.lao_id, o.order_no, o.order_date, o.fiscal_year \
             FROM committees c LEFT JOIN committee_orders o ON o.id = \
             (SELECT y.id FROM committee_orders y WHERE y.committee_id = c.id ORDER BY y.order_date DESC, y.id DESC LIMIT 1) \
             WHERE {}",
            cond.committees
        ))),
        place
    )
    .fetch_all(db)
    .await?;
    let years: Vec<(i64, i64)> = bind_place!(
        db::query_as::<(i64, i64)>(AssertSqlSafe(format!(
            "SELECT o.committee_id, o.fiscal_year FROM committee_orders o JOIN committees c ON c.id = o.committee_id \
             WHERE {} GROUP BY o.committee_id, o.fiscal_year",
            cond.committees
        ))),
        place
    )
    .fetch_all(db)
    .await?;
    Ok(assemble(&areas, &laos, recorded, &years, today))
}

/// Puts expected and recorded committees together (no database: the rules live here).
fn assemble(
    areas: &[Area],
    laos: &[Lao],
    recorded: Vec<Recorded>,
    years: &[(i64, i64)],
    today: Date,
) -> Overview {
    let area_by_code: HashMap<&str, &Area> = areas.iter().map(|a| (a.code.as_str(), a)).collect();
    let lao_by_id: HashMap<i64, &Lao> = laos.iter().map(|l| (l.id, l)).collect();
    let area_owner = |code: &str| -> Owner {
        let (label_th, label_en) = match area_by_code.get(code) {
            Some(a) => {
                let tambon = code.get(..6).and_then(|t| area_by_code.get(t).copied());
                area_labels(a, tambon.filter(|_| code.len() == 8))
            }
            None => (code.to_string(), code.to_string()),
        };
        Owner {
            area_code: code.to_string(),
            lao_id: None,
            label_th,
            label_en,
        }
    };
    let lao_owner = |id: i64, area_code: &str| -> Owner {
        let (label_th, label_en, home) = match lao_by_id.get(&id) {
            Some(l) => (
                l.full_name_th.clone(),
                if l.name_en.is_empty() {
                    l.full_name_th.clone()
                } else {
                    l.name_en.clone()
                },
                lao_home(l),
            ),
            None => (id.to_string(), id.to_string(), area_code.to_string()),
        };
        Owner {
            area_code: home,
            lao_id: Some(id),
            label_th,
            label_en,
        }
    };

    let mut years_of: HashMap<i64, Vec<i32>> = HashMap::new();
    for (committee, year) in years {
        years_of.entry(*committee).or_default().push(*year as i32);
    }

    // expected first, keyed by kind and owner, so recorded committees fall into place
    let mut rows: BTreeMap<(Kind, OwnerKey), Row> = BTreeMap::new();
    let blank = |kind: Kind, owner: Owner, expected: bool| Row {
        committee_id: None,
        kind,
        kind_short_th: kind.short_th().to_string(),
        owner,
        expected,
        latest: None,
        current: false,
    };
    for a in areas {
        let level = match Some(a.level) {
            Some(Level::Village | Level::Community) => OwnerLevel::Village,
            Some(Level::Tambon) => OwnerLevel::Tambon,
            Some(Level::District) => OwnerLevel::District,
            Some(Level::Province) => OwnerLevel::Province,
            None => continue,
        };
        for kind in Kind::expected_at(level) {
            rows.insert(
                (kind, OwnerKey::Area(a.code.clone())),
                blank(kind, area_owner(&a.code), true),
            );
        }
    }
    for l in laos.iter().filter(|l| lao_expects_working_group(l)) {
        let kind = Kind::LaoWorkingGroup;
        rows.insert(
            (kind, OwnerKey::Lao(l.id)),
            blank(kind, lao_owner(l.id, ""), true),
        );
    }

    for r in recorded {
        let Some(kind) = Kind::parse(&r.kind) else {
            continue;
        };
        let key = match r.lao_id {
            Some(id) => OwnerKey::Lao(id),
            None => OwnerKey::Area(r.area_code.clone()),
        };
        let row = rows.entry((kind, key)).or_insert_with(|| {
            let owner = match r.lao_id {
                Some(id) => lao_owner(id, &r.area_code),
                None => area_owner(&r.area_code),
            };
            blank(kind, owner, false)
        });
        row.committee_id = Some(r.id);
        row.current = is_current(years_of.get(&r.id).into_iter().flatten().copied(), today);
        if let (Some(order_no), Some(order_date), Some(fy)) =
            (r.order_no, r.order_date, r.fiscal_year)
        {
            row.latest = Some(OrderSummary {
                order_no,
                order_date_th: date_th(&order_date),
                order_date,
                fiscal_year: fy as i32,
            });
        }
    }

    // by area, the larger unit first; within an area in the order of Kind::ALL
    let mut rows: Vec<Row> = rows.into_values().collect();
    rows.sort_by(|a, b| {
        (&a.owner.area_code, a.kind, &a.owner.label_th).cmp(&(
            &b.owner.area_code,
            b.kind,
            &b.owner.label_th,
        ))
    });
    let by_kind = Kind::ALL
        .into_iter()
        .filter_map(|kind| {
            let of_kind = rows.iter().filter(|r| r.kind == kind && r.expected);
            let expected = of_kind.clone().count();
            (expected > 0).then(|| KindCount {
                kind,
                kind_short_th: kind.short_th().to_string(),
                expected,
                current: of_kind.filter(|r| r.current).count(),
            })
        })
        .collect();
    Overview {
        fiscal_year: super::current_fiscal_year(today),
        missing: rows.iter().filter(|r| r.missing()).count(),
        rows,
        by_kind,
    }
}
