//! The part of the area hierarchy a dataset is generated on: tambons with their villages and
//! covering LAOs, the LAOs' districts and offices, each village's LAO, the districts. A tambon's
//! "villages" are its units: DOPA's villages and the communities already registered there.

use crate::db::{self, Db};
use std::collections::{BTreeMap, HashMap};

pub struct Village {
    pub code: String,
    /// The village's number, or the community's number in its LAO.
    pub moo: i64,
    pub name: String,
    /// A community (ชุมชน) of an LAO rather than a DOPA village.
    pub community: bool,
}

pub struct Tambon {
    pub code: String,
    pub name: String,
    pub district: String,
    pub villages: Vec<Village>,
    /// Tambon-level LAOs whose coverage includes this tambon.
    pub laos: Vec<i64>,
    /// Those of them that cover it partially (a shared tambon, split village by village).
    pub shared: Vec<i64>,
}

pub struct Lao {
    pub id: i64,
    /// `areas::LaoKind` as stored.
    pub kind: String,
    /// The key an LAO account's scope names.
    pub key: String,
    pub district: Option<String>,
    pub area_code: String,
    pub name: String,
}

pub struct Hierarchy {
    pub tambons: Vec<Tambon>,
    pub laos: BTreeMap<i64, Lao>,
    pub village_lao: HashMap<String, i64>,
    pub districts: Vec<String>,
}

pub async fn read(db: &Db, area: &str) -> anyhow::Result<Hierarchy> {
    let rows: Vec<(String, String, String)> = db::query_as(
        "SELECT code, parent_code, name_th FROM areas WHERE level = 'tambon' AND code >= $1 AND code < $2 ORDER BY code",
    )
    .bind_prefix(area)
    .fetch_all(db)
    .await?;
    let mut tambons: Vec<Tambon> = rows
        .into_iter()
        .map(|(code, district, name)| Tambon {
            code,
            name,
            district,
            villages: Vec::new(),
            laos: Vec::new(),
            shared: Vec::new(),
        })
        .collect();
    let index: HashMap<String, usize> = tambons
        .iter()
        .enumerate()
        .map(|(i, t)| (t.code.clone(), i))
        .collect();
    let villages: Vec<(String, String, Option<i64>, String)> = db::query_as(
        "SELECT code, parent_code, moo, name_th FROM areas WHERE level = 'village' AND code >= $1 AND code < $2 ORDER BY code",
    )
    .bind_prefix(area)
    .fetch_all(db)
    .await?;
    for (code, tambon, moo, name) in villages {
        if let Some(&i) = index.get(&tambon) {
            tambons[i].villages.push(Village {
                code,
                moo: moo.unwrap_or(0),
                name,
                community: false,
            });
        }
    }
    let coverage: Vec<(i64, String, String)> = db::query_as(
        "SELECT c.lao_id, c.area_code, c.extent FROM lao_coverage c JOIN areas a ON a.code = c.area_code AND a.level = 'tambon' \
         WHERE c.area_code >= $1 AND c.area_code < $2 ORDER BY c.area_code, c.lao_id",
    )
    .bind_prefix(area)
    .fetch_all(db)
    .await?;
    let mut covering = std::collections::BTreeSet::new();
    for (lao, tambon, extent) in coverage {
        if let Some(&i) = index.get(&tambon) {
            tambons[i].laos.push(lao);
            if extent == "partial" {
                tambons[i].shared.push(lao);
            }
            covering.insert(lao);
        }
    }
    type LaoRow = (
        i64,
        Option<String>,
        Option<String>,
        String,
        String,
        String,
        String,
    );
    let all: Vec<LaoRow> = db::query_as(
        "SELECT id, district_code, office_tambon_code, province_code, full_name_th, kind, lao_key FROM laos ORDER BY id",
    )
    .fetch_all(db)
    .await?;
    let mut laos = BTreeMap::new();
    for (id, district, office, province, name, kind, key) in all {
        if covering.contains(&id) {
            let area_code = office.or_else(|| district.clone()).unwrap_or(province);
            laos.insert(
                id,
                Lao {
                    id,
                    kind,
                    key,
                    district,
                    area_code,
                    name,
                },
            );
        }
    }
    let village_lao: HashMap<String, i64> = db::query_as::<(String, i64)>(
        "SELECT village_code, lao_id FROM lao_villages WHERE village_code >= $1 AND village_code < $2 ORDER BY village_code, lao_id",
    )
    .bind_prefix(area)
    .fetch_all(db)
    .await?
    .into_iter()
    .filter(|(_, lao)| covering.contains(lao))
    .collect();
    let mut village_lao = village_lao;
    let communities: Vec<(String, String, i64, String, i64)> = db::query_as(
        "SELECT k.code, a.parent_code, k.number, a.name_th, k.lao_id FROM communities k JOIN areas a ON a.code = k.code \
         WHERE k.status = 'active' AND k.code >= $1 AND k.code < $2 ORDER BY k.code",
    )
    .bind_prefix(area)
    .fetch_all(db)
    .await?;
    for (code, tambon, number, name, lao) in communities {
        if let Some(&i) = index.get(&tambon) {
            village_lao.insert(code.clone(), lao);
            tambons[i].villages.push(Village {
                code,
                moo: number,
                name,
                community: true,
            });
        }
    }
    let mut districts: Vec<String> = tambons.iter().map(|t| t.district.clone()).collect();
    districts.dedup();
    Ok(Hierarchy {
        tambons,
        laos,
        village_lao,
        districts,
    })
}
