//! What already exists, as the checks see it.

use super::tree::AreaRow;
use crate::areas::codes::Level;
use crate::db::{self, Db};
use std::collections::HashMap;

/// What the database and the files read so far say exists: checks see rows of earlier files.
pub(super) struct Known {
    pub(super) areas: HashMap<String, AreaRow>,
    pub(super) postal: HashMap<String, String>,
    pub(super) abolished: HashMap<String, (Vec<String>, String, String)>,
    pub(super) new_areas: HashMap<String, AreaRow>,
}

impl Known {
    pub(super) async fn load(db: &Db) -> anyhow::Result<Known> {
        let rows: Vec<(
            String,
            Level,
            Option<String>,
            String,
            String,
            Option<i64>,
            String,
        )> = db::query_as(
            "SELECT code, level, parent_code, name_th, name_en, moo, postal_codes FROM areas",
        )
        .fetch_all(db)
        .await?;
        let mut areas = HashMap::with_capacity(rows.len());
        let mut postal = HashMap::new();
        for (code, level, parent_code, name_th, name_en, moo, postal_codes) in rows {
            postal.insert(code.clone(), postal_codes);
            areas.insert(
                code.clone(),
                AreaRow {
                    code,
                    level,
                    parent_code,
                    name_th,
                    name_en,
                    moo,
                },
            );
        }
        let abolished = db::query_as::<(String, String, String, Option<String>)>(
            "SELECT code, successor_codes, name_th, abolished_on FROM abolished_areas",
        )
        .fetch_all(db)
        .await?
        .into_iter()
        .map(|(code, s, name, on)| {
            (
                code,
                (
                    s.split_whitespace().map(String::from).collect(),
                    name,
                    on.unwrap_or_default(),
                ),
            )
        })
        .collect();
        Ok(Known {
            areas,
            postal,
            abolished,
            new_areas: HashMap::new(),
        })
    }

    pub(super) fn level_of(&self, code: &str) -> Option<Level> {
        self.new_areas
            .get(code)
            .or_else(|| self.areas.get(code))
            .map(|a| a.level)
    }

    /// The current code for `code`: itself, or its only successor (with a warning).
    pub(super) fn current_code(
        &self,
        code: &str,
        level: Level,
        note: &mut dyn FnMut(bool, String),
    ) -> Option<String> {
        if self.level_of(code) == Some(level) {
            return Some(code.to_string());
        }
        if let Some((successors, name, on)) = self.abolished.get(code) {
            if let [only] = successors.as_slice()
                && self.level_of(only) == Some(level)
            {
                note(
                    false,
                    format!(
                        "รหัส{} {code} ({name}) ถูกยกเลิกเมื่อ {on} ใช้รหัสใหม่ {only} แทน",
                        level.th()
                    ),
                );
                return Some(only.clone());
            }
            let detail = if successors.is_empty() {
                "ไม่มีรหัสที่ใช้แทน".to_string()
            } else {
                format!("ถูกแยกเป็น {} โปรดระบุรหัสใหม่", successors.join(", "))
            };
            note(
                true,
                format!("รหัส{} {code} ({name}) ถูกยกเลิกเมื่อ {on} {detail}", level.th()),
            );
            return None;
        }
        note(true, format!("ไม่พบ{}รหัส {code}", level.th()));
        None
    }
}
