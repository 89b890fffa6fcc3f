//! Roles and area scopes: what a user may do, and where.

use crate::areas::{self, Lao};
use crate::db::Db;
use crate::error::{Field, Problem, Thing};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum Role {
    /// ผู้ดูแลระบบ: manages accounts in the scope, and may do all an officer does.
    Admin,
    /// เจ้าหน้าที่: records and edits the data of the scope.
    Officer,
    /// ผู้ติดตามข้อมูล: reads only.
    Viewer,
}

crate::text_enum!(Role);
crate::text_enum!(ScopeLevel);

impl Role {
    /// In the order an account form offers them: most accounts are officers.
    pub const ALL: [Role; 3] = [Role::Officer, Role::Viewer, Role::Admin];

    pub fn parse(s: &str) -> Option<Role> {
        match s {
            "admin" => Some(Role::Admin),
            "officer" => Some(Role::Officer),
            "viewer" => Some(Role::Viewer),
            _ => None,
        }
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Role::Admin => "admin",
            Role::Officer => "officer",
            Role::Viewer => "viewer",
        }
    }

    pub fn th(self) -> &'static str {
        match self {
            Role::Admin => "ผู้ดูแลระบบ",
            Role::Officer => "เจ้าหน้าที่ผู้บันทึกข้อมูล",
            Role::Viewer => "ผู้ติดตามข้อมูล",
        }
    }

    pub fn can_write(self) -> bool {
        matches!(self, Role::Admin | Role::Officer)
    }
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
pub enum ScopeLevel {
    National,
    Province,
    District,
    Tambon,
    Village,
    Lao,
}

impl ScopeLevel {
    pub const ALL: [ScopeLevel; 6] = [
        ScopeLevel::National,
        ScopeLevel::Province,
        ScopeLevel::District,
        ScopeLevel::Tambon,
        ScopeLevel::Village,
        ScopeLevel::Lao,
    ];

    pub fn parse(s: &str) -> Option<ScopeLevel> {
        ScopeLevel::ALL.into_iter().find(|l| l.as_str() == s)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            ScopeLevel::National => "national",
            ScopeLevel::Province => "province",
            ScopeLevel::District => "district",
            ScopeLevel::Tambon => "tambon",
            ScopeLevel::Village => "village",
            ScopeLevel::Lao => "lao",
        }
    }

    pub fn th(self) -> &'static str {
        match self {
            ScopeLevel::National => "ส่วนกลาง (ทั้งประเทศ)",
            ScopeLevel::Province => "จังหวัด",
            ScopeLevel::District => "อำเภอ",
            ScopeLevel::Tambon => "ตำบล",
            ScopeLevel::Village => "หมู่บ้าน",
            ScopeLevel::Lao => "องค์กรปกครองส่วนท้องถิ่น",
        }
    }
}

/// The part of the country a user works in: a DOPA area, or one LAO (by its key).
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, utoipa::ToSchema)]
pub struct Scope {
    pub level: ScopeLevel,
    pub code: String,
}

impl Scope {
    pub fn national() -> Scope {
        Scope {
            level: ScopeLevel::National,
            code: String::new(),
        }
    }

    /// The DOPA code prefix of everything the scope holds; None for an LAO, whose area is its coverage.
    pub fn area_prefix(&self) -> Option<&str> {
        match self.level {
            ScopeLevel::Lao => None,
            _ => Some(&self.code),
        }
    }

    /// Checks that the scope names a real area or LAO, in the form its level needs.
    pub async fn validate(&self, db: &Db) -> anyhow::Result<Result<(), Problem>> {
        let expected_len = match self.level {
            ScopeLevel::National => {
                return Ok(if self.code.is_empty() {
                    Ok(())
                } else {
                    Err(Problem::NationalScopeHasCode)
                });
            }
            ScopeLevel::Lao => {
                return Ok(match areas::lao_by_key(db, &self.code).await? {
                    Some(_) => Ok(()),
                    None => Err(Problem::UnknownCode {
                        field: Field::Scope,
                        thing: Thing::Lao,
                        code: self.code.clone(),
                    }),
                });
            }
            ScopeLevel::Province => 2,
            ScopeLevel::District => 4,
            ScopeLevel::Tambon => 6,
            // a village, or a community (ชุมชน) with its own code
            ScopeLevel::Village if self.code.len() == 10 => 10,
            ScopeLevel::Village => 8,
        };
        let community = expected_len == 10
            && crate::areas::Level::of_code(&self.code) == Some(crate::areas::Level::Community);
        if community {
            return Ok(match areas::get(db, &self.code).await? {
                Some(_) => Ok(()),
                None => Err(Problem::UnknownCode {
                    field: Field::Scope,
                    thing: Thing::Community,
                    code: self.code.clone(),
                }),
            });
        }
        let expected_len = expected_len.min(8);
        if self.code.len() != expected_len || !self.code.bytes().all(|b| b.is_ascii_digit()) {
            return Ok(Err(Problem::ScopeCode {
                level_th: self.level.th(),
                len: expected_len,
            }));
        }
        Ok(match areas::get(db, &self.code).await? {
            Some(a) if a.level.as_str() == self.level.as_str() => Ok(()),
            _ => Err(Problem::UnknownCode {
                field: Field::Scope,
                thing: crate::areas::Level::from_stored(self.level.as_str())
                    .map_or(Thing::AnyArea, Thing::from),
                code: self.code.clone(),
            }),
        })
    }

    /// Whether an area (DOPA code) lies inside this scope.
    pub async fn covers_area(&self, db: &Db, area_code: &str) -> anyhow::Result<bool> {
        match self.level {
            ScopeLevel::Lao => {
                let Some(lao) = areas::lao_by_key(db, &self.code).await? else {
                    return Ok(false);
                };
                lao_covers(db, &lao, area_code).await
            }
            _ => Ok(area_code.starts_with(&self.code)),
        }
    }

    /// Whether another scope lies wholly inside this one (an administrator may create accounts there).
    pub async fn covers_scope(&self, db: &Db, other: &Scope) -> anyhow::Result<bool> {
        match (self.level, other.level) {
            (ScopeLevel::National, _) => Ok(true),
            (ScopeLevel::Lao, ScopeLevel::Lao) => Ok(self.code == other.code),
            (ScopeLevel::Lao, ScopeLevel::Village) => self.covers_area(db, &other.code).await,
            (ScopeLevel::Lao, _) => Ok(false),
            (_, ScopeLevel::National) => Ok(false),
            // an LAO belongs to the district and province of its office
            (_, ScopeLevel::Lao) => Ok(match areas::lao_by_key(db, &other.code).await? {
                Some(lao) => {
                    lao.district_code
                        .as_deref()
                        .unwrap_or(&lao.province_code)
                        .starts_with(&self.code)
                        || lao.province_code == self.code
                }
                None => false,
            }),
            _ => Ok(other.code.starts_with(&self.code)),
        }
    }
}

async fn lao_covers(db: &Db, lao: &Lao, area_code: &str) -> anyhow::Result<bool> {
    match area_code.len() {
        _ if crate::areas::Level::of_code(area_code).is_some_and(|l| l.is_unit()) => {
            areas::lao_covers_unit(db, lao.id, area_code).await
        }
        6 | 2 => Ok(areas::covering(db, area_code)
            .await?
            .iter()
            .any(|c| c.lao_id == lao.id)),
        _ => Ok(false),
    }
}
