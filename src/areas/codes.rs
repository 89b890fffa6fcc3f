//! DOPA area codes: their level, and what became of abolished ones.

use crate::db::{self, Db};
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Hash, Serialize, Deserialize, utoipa::ToSchema)]
#[serde(rename_all = "lowercase")]
#[schema(as = AreaLevel)]
pub enum Level {
    Province,
    District,
    Tambon,
    Village,
    /// A community (ชุมชน) an LAO registered: not a DOPA area; its code is the tambon's, 'C'
    /// and three digits (`communities`).
    Community,
}

crate::text_enum!(Level);

impl From<Level> for crate::error::Thing {
    fn from(l: Level) -> Self {
        use crate::error::Thing;
        match l {
            Level::Province => Thing::Province,
            Level::District => Thing::District,
            Level::Tambon => Thing::Tambon,
            Level::Village => Thing::Village,
            Level::Community => Thing::Community,
        }
    }
}

impl Level {
    pub const ALL: [Level; 5] = [
        Level::Province,
        Level::District,
        Level::Tambon,
        Level::Village,
        Level::Community,
    ];

    pub fn code_len(self) -> usize {
        match self {
            Level::Province => 2,
            Level::District => 4,
            Level::Tambon => 6,
            Level::Village => 8,
            Level::Community => 10,
        }
    }

    pub fn parse(s: &str) -> Option<Level> {
        match s.trim() {
            "province" | "จังหวัด" => Some(Level::Province),
            "district" | "อำเภอ" | "เขต" => Some(Level::District),
            "tambon" | "subdistrict" | "ตำบล" | "แขวง" => Some(Level::Tambon),
            "village" | "หมู่บ้าน" => Some(Level::Village),
            "community" | "ชุมชน" => Some(Level::Community),
            _ => None,
        }
    }

    /// The level a well-formed code belongs to, from its length.
    pub fn of_code(code: &str) -> Option<Level> {
        let b = code.as_bytes();
        if b.len() == 10 && b[6] == b'C' && b[..6].iter().chain(&b[7..]).all(u8::is_ascii_digit) {
            return Some(Level::Community);
        }
        if code.is_empty() || !code.bytes().all(|b| b.is_ascii_digit()) {
            return None;
        }
        match code.len() {
            2 => Some(Level::Province),
            4 => Some(Level::District),
            6 => Some(Level::Tambon),
            8 => Some(Level::Village),
            _ => None,
        }
    }

    /// A village or a community: the units whose plan is a community plan (แผนชุมชน), with a
    /// committee of their own, counted one by one in an LAO's figures (`areas::units`).
    pub fn is_unit(self) -> bool {
        matches!(self, Level::Village | Level::Community)
    }

    pub fn as_str(self) -> &'static str {
        match self {
            Level::Province => "province",
            Level::District => "district",
            Level::Tambon => "tambon",
            Level::Village => "village",
            Level::Community => "community",
        }
    }

    pub fn parent(self) -> Option<Level> {
        match self {
            Level::Province => None,
            Level::District => Some(Level::Province),
            Level::Tambon => Some(Level::District),
            Level::Village | Level::Community => Some(Level::Tambon),
        }
    }

    pub fn th(self) -> &'static str {
        match self {
            Level::Province => "จังหวัด",
            Level::District => "อำเภอ",
            Level::Tambon => "ตำบล",
            Level::Village => "หมู่บ้าน",
            Level::Community => "ชุมชน",
        }
    }
}

/// What a code found in a file stands for today.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, utoipa::ToSchema)]
#[serde(tag = "status", rename_all = "snake_case")]
pub enum CodeStatus {
    /// A code in use.
    Current {
        code: String,
    },
    /// Abolished, with exactly one successor: read as that code, with a warning.
    Replaced {
        old: String,
        code: String,
        abolished_on: String,
        name_th: String,
    },
    /// Abolished and split or merged into several, or with no known successor: a person must choose.
    Abolished {
        old: String,
        successors: Vec<String>,
        abolished_on: String,
        name_th: String,
    },
    Unknown {
        code: String,
    },
}

impl CodeStatus {
    /// The current code to use, where there is exactly one.
    pub fn current(&self) -> Option<&str> {
        match self {
            CodeStatus::Current { code } | CodeStatus::Replaced { code, .. } => Some(code),
            _ => None,
        }
    }

    /// The warning or error a user should read, in Thai.
    pub fn message_th(&self) -> Option<String> {
        match self {
            CodeStatus::Current { .. } => None,
            CodeStatus::Replaced {
                old,
                code,
                abolished_on,
                name_th,
            } => Some(format!(
                "รหัส {old} ({name_th}) ถูกยกเลิกเมื่อ {abolished_on} ใช้รหัสใหม่ {code} แทน"
            )),
            CodeStatus::Abolished {
                old,
                successors,
                abolished_on,
                name_th,
            } if successors.is_empty() => Some(format!(
                "รหัส {old} ({name_th}) ถูกยกเลิกเมื่อ {abolished_on} และไม่มีรหัสที่ใช้แทน"
            )),
            CodeStatus::Abolished {
                old,
                successors,
                abolished_on,
                name_th,
            } => Some(format!(
                "รหัส {old} ({name_th}) ถูกยกเลิกเมื่อ {abolished_on} และแยกเป็นหลายรหัส ({}) โปรดระบุรหัสใหม่",
                successors.join(", ")
            )),
            CodeStatus::Unknown { code } => Some(format!("ไม่พบรหัสพื้นที่ {code}")),
        }
    }
}

/// Looks a code up among current and abolished areas. A village under an abolished tambon
/// keeps its number under the successor tambon.
pub async fn resolve(db: &Db, code: &str) -> anyhow::Result<CodeStatus> {
    let code = crate::thai::to_arabic_digits(code.trim());
    // a code is digits (and a community's C): anything else is none, and is not cut by bytes
    if !code.bytes().all(|b| b.is_ascii_alphanumeric()) {
        return Ok(CodeStatus::Unknown { code });
    }
    if super::get(db, &code).await?.is_some() {
        return Ok(CodeStatus::Current { code });
    }
    let lookup = if code.len() == 8 {
        &code[..6]
    } else {
        code.as_str()
    };
    let row: Option<(String, String, Option<String>)> = db::query_as(
        "SELECT successor_codes, name_th, abolished_on FROM abolished_areas WHERE code = $1",
    )
    .bind(lookup)
    .fetch_optional(db)
    .await?;
    let Some((successors, name_th, abolished_on)) = row else {
        return Ok(CodeStatus::Unknown { code });
    };
    let suffix = if code.len() == 8 { &code[6..] } else { "" };
    let successors: Vec<String> = successors
        .split_whitespace()
        .map(|s| format!("{s}{suffix}"))
        .collect();
    let abolished_on = abolished_on.unwrap_or_default();
    if let [only] = successors.as_slice()
        && super::get(db, only).await?.is_some()
    {
        return Ok(CodeStatus::Replaced {
            old: code.clone(),
            code: only.clone(),
            abolished_on,
            name_th,
        });
    }
    Ok(CodeStatus::Abolished {
        old: code,
        successors,
        abolished_on,
        name_th,
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn level_follows_code_length() {
        assert_eq!(Level::of_code("56"), Some(Level::Province));
        assert_eq!(Level::of_code("5601"), Some(Level::District));
        assert_eq!(Level::of_code("560114"), Some(Level::Tambon));
        assert_eq!(Level::of_code("56011401"), Some(Level::Village));
        assert_eq!(Level::of_code("110110C001"), Some(Level::Community));
        assert_eq!(Level::of_code("110110C01"), None);
        assert_eq!(Level::of_code("1101100001"), None);
        assert_eq!(Level::of_code("5601a4"), None);
        assert_eq!(Level::of_code("560"), None);
        assert_eq!(Level::of_code(""), None);
    }

    #[test]
    fn levels_accept_thai_words() {
        assert_eq!(Level::parse("ตำบล"), Some(Level::Tambon));
        assert_eq!(Level::parse("district"), Some(Level::District));
        assert_eq!(Level::parse("region"), None);
    }
}
