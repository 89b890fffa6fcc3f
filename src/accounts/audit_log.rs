//! Who may read which part of the audit log: an account reads its own area's entries (or its
//! LAO's); asking for more is refused and the refusal itself recorded.

use crate::audit::{self, Entry};
use crate::db::Db;
use crate::error::AppError;

/// Which part of the log a user may read: an area inside their own (their whole area when
/// none is asked), or for an LAO account, the LAO's entries. Asking for more is refused and recorded.
pub async fn readable_part(
    db: &Db,
    user: &super::User,
    asked: Option<&str>,
) -> Result<(String, Option<i64>), crate::error::AppError> {
    let Some(own) = user.scope.area_prefix() else {
        let lao = crate::areas::lao_by_key(db, &user.scope.code).await?;
        return Ok((String::new(), Some(lao.map(|l| l.id).unwrap_or(-1))));
    };
    let asked = crate::thai::to_arabic_digits(asked.unwrap_or("").trim());
    if asked.is_empty() {
        return Ok((own.to_string(), None));
    }
    if !asked.starts_with(own) {
        let p = crate::error::Problem::OutsideArea {
            name: format!("พื้นที่รหัส {asked}"),
        };
        let message = p.message(crate::i18n::Lang::Th);
        // filed under the area asked for when it can be one (a DOPA code of 2–8 digits)
        let is_code = (2..=8).contains(&asked.len()) && asked.bytes().all(|b| b.is_ascii_digit());
        let target = is_code.then(|| (asked.clone(), None));
        super::record_denied_at(db, user, "audit_log", &asked, "view", &message, target).await?;
        return Err(p.into());
    }
    Ok((asked, None))
}

/// A page of the log as an account reads it.
pub struct Page {
    /// The area read ('' for the LAO's own entries or the whole country).
    pub area: String,
    pub entries: Vec<Entry>,
    /// The id to page back from, when older entries remain.
    pub older: Option<i64>,
}

/// The entries an account may read: of `asked` (an area code inside its own, or its own area
/// when none), newest first, `limit` of them, paging backwards from `before_id`.
pub async fn read(
    db: &Db,
    user: &super::User,
    asked: Option<&str>,
    before_id: Option<i64>,
    limit: i64,
) -> Result<Page, AppError> {
    let (area, lao) = readable_part(db, user, asked).await?;
    // account records (names, roles, scopes, e-mail) are read by those who administer accounts
    let entries = audit::list(db, &area, lao, before_id, limit, super::administers(user)).await?;
    let older = (entries.len() as i64 == limit)
        .then(|| entries.last().map(|e| e.id))
        .flatten();
    Ok(Page {
        area,
        entries,
        older,
    })
}
