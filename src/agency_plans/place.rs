//! Where a row of an agency's list lies, as its file gives it: a DOPA code (village, community
//! or tambon), or the tambon by name (with the district where two tambons of the area share a
//! name) and the village by หมู่ที่ or by name; a row naming no village lies in the tambon.

use crate::areas::{self, Area, Level};
use crate::db::Db;
use crate::error::Problem;
use crate::thai;

/// The place cells of one row, as typed.
#[derive(Debug, Clone, Default)]
pub struct Typed {
    pub code: String,
    pub moo: String,
    pub village: String,
    pub tambon: String,
    pub district: String,
}

/// The tambons, villages and communities of the area a list is imported for.
pub struct Places {
    area: Area,
    districts: Vec<Area>,
    tambons: Vec<Area>,
    units: Vec<Area>,
}

impl Places {
    pub async fn of(db: &Db, area: &Area) -> anyhow::Result<Places> {
        let (districts, tambons) = match area.level {
            Level::Tambon => (Vec::new(), vec![area.clone()]),
            Level::District => (
                vec![area.clone()],
                areas::under(db, Level::Tambon, &area.code).await?,
            ),
            _ => (
                areas::under(db, Level::District, &area.code).await?,
                areas::under(db, Level::Tambon, &area.code).await?,
            ),
        };
        let mut units = areas::under(db, Level::Village, &area.code).await?;
        units.extend(areas::under(db, Level::Community, &area.code).await?);
        Ok(Places {
            area: area.clone(),
            districts,
            tambons,
            units,
        })
    }

    /// The village, community or tambon the row names, or what is wrong with it.
    pub fn find(&self, t: &Typed) -> Result<&Area, Problem> {
        let code = thai::to_arabic_digits(t.code.trim());
        if !code.is_empty() {
            return self
                .tambons
                .iter()
                .chain(&self.units)
                .find(|a| a.code == code)
                .ok_or_else(|| Problem::PlaceNotInArea {
                    typed: code.clone(),
                    area: self.area.titled_th(),
                });
        }
        let tambon = self.tambon(t)?;
        let moo = bare(&t.moo, &["หมู่ที่", "หมู่", "ม."]);
        if !moo.is_empty() {
            let n: Option<i64> = thai::to_arabic_digits(&moo).parse().ok();
            return self
                .units
                .iter()
                .find(|v| {
                    v.level == Level::Village
                        && v.parent_code.as_deref() == Some(&tambon.code)
                        && v.moo == n
                })
                .ok_or_else(|| Problem::MooNotInTambon {
                    moo: t.moo.trim().to_string(),
                    tambon: tambon.titled_th(),
                });
        }
        let village = bare(&t.village, &["หมู่บ้าน", "บ้าน", "ชุมชน"]);
        if !village.is_empty() {
            return self
                .units
                .iter()
                .find(|v| {
                    v.parent_code.as_deref() == Some(&tambon.code)
                        && bare(&v.name_th, &["บ้าน", "ชุมชน"]) == village
                })
                .ok_or_else(|| Problem::VillageNameNotInTambon {
                    typed: t.village.trim().to_string(),
                    tambon: tambon.titled_th(),
                });
        }
        Ok(tambon)
    }

    fn tambon(&self, t: &Typed) -> Result<&Area, Problem> {
        if self.area.level == Level::Tambon {
            return Ok(&self.area);
        }
        let name = bare(&t.tambon, &["ตำบล", "ต.", "แขวง"]);
        if name.is_empty() {
            return Err(Problem::Missing {
                field: crate::error::Field::Tambon,
            });
        }
        let district = bare(&t.district, &["อำเภอ", "อ.", "เขต"]);
        let district_code: Option<&str> = if district.is_empty() {
            None
        } else {
            match self.districts.iter().find(|d| d.name_th == district) {
                Some(d) => Some(&d.code),
                None => {
                    return Err(Problem::DistrictNotInArea {
                        typed: t.district.trim().to_string(),
                        area: self.area.titled_th(),
                    });
                }
            }
        };
        let found: Vec<&Area> = self
            .tambons
            .iter()
            .filter(|a| a.name_th == name && district_code.is_none_or(|d| a.code.starts_with(d)))
            .collect();
        match found.as_slice() {
            [one] => Ok(one),
            [] => Err(Problem::TambonNotInArea {
                typed: t.tambon.trim().to_string(),
                area: self.area.titled_th(),
            }),
            many => Err(Problem::TambonAmbiguous {
                typed: t.tambon.trim().to_string(),
                districts: many
                    .iter()
                    .filter_map(|a| self.districts.iter().find(|d| a.code.starts_with(&d.code)))
                    .map(|d| d.titled_th())
                    .collect::<Vec<_>>()
                    .join(", "),
            }),
        }
    }
}

/// A name without the words that may lead it and without spaces: "ต. แม่ใส" → "แม่ใส".
fn bare(typed: &str, lead: &[&str]) -> String {
    let mut t = typed.trim();
    for l in lead {
        if let Some(rest) = t.strip_prefix(l) {
            t = rest.trim_start();
            break;
        }
    }
    t.split_whitespace().collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn the_words_that_lead_a_name_are_set_aside() {
        assert_eq!(super::bare(" ต. แม่ใส ", &["ตำบล", "ต."]), "แม่ใส");
        assert_eq!(super::bare("ตำบลแม่ใส", &["ตำบล", "ต."]), "แม่ใส");
        assert_eq!(super::bare("หมู่ที่ ๓", &["หมู่ที่", "หมู่", "ม."]), "๓");
        assert_eq!(super::bare("บ้าน ดอนแก้ว", &["บ้าน"]), "ดอนแก้ว");
    }
}
