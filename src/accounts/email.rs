//! An account's e-mail address, where reminders are mailed. Set by the user on their own
//! account or by an administrator over it; audited like the other fields.

use super::{User, audit_place, authorize_admin_over, get};
use crate::audit::{self, Change};
use crate::db::{self, Db, Param, now_text};
use crate::error::{AppError, Problem, Thing};

/// A loose check: one `@`, something on each side, a dot in the domain, nothing that could
/// break a mail header. '' clears the address.
pub fn check(email: &str) -> Result<(), AppError> {
    if email.is_empty() {
        return Ok(());
    }
    let ok = email.len() <= 254
        && !email
            .chars()
            .any(|c| c.is_whitespace() || c.is_control() || "<>,;\"()[]\\".contains(c))
        && match email.split_once('@') {
            Some((local, domain)) => {
                !local.is_empty()
                    && !domain.contains('@')
                    && domain.contains('.')
                    && !domain.starts_with('.')
                    && !domain.ends_with('.')
            }
            None => false,
        };
    if ok {
        Ok(())
    } else {
        Err(Problem::BadEmail {
            typed: email.to_string(),
        }
        .into())
    }
}

/// Sets the address of account `id`: the user's own, or as an administrator over its scope.
pub async fn set_email(db: &Db, by: &User, id: i64, email: &str) -> Result<User, AppError> {
    let email = email.trim();
    let before = get(db, id)
        .await?
        .ok_or_else(|| AppError::from(Problem::not_found(Thing::Account, id)))?;
    if by.id != id {
        authorize_admin_over(db, by, &before.scope, "update", &before.username).await?;
    }
    check(email)?;
    if before.email == email {
        return Ok(before);
    }
    let (area_code, lao_id) = audit_place(db, &before.scope).await?;
    let mut tx = db.begin_write().await?;
    db::update_versioned(
        &mut tx,
        "users",
        id,
        before.version,
        "email = $1, updated_at = $2",
        vec![email.value(), now_text().value()],
    )
    .await?;
    let after = User {
        email: email.to_string(),
        version: before.version + 1,
        ..before.clone()
    };
    audit::record(
        &mut tx,
        &by.actor(),
        Change {
            action: "update",
            entity: "user",
            entity_key: after.username.clone(),
            area_code,
            lao_id,
            before: Some(serde_json::json!({"email": before.email})),
            after: Some(serde_json::json!({"email": after.email})),
            note: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(after)
}

#[cfg(test)]
mod tests {
    use super::check;

    #[test]
    fn addresses_are_checked_loosely() {
        for ok in ["", "somchai@phayao.go.th", "a.b+c@x.co", "สมชาย@ตัวอย่าง.ไทย"]
        {
            assert!(check(ok).is_ok(), "{ok}");
        }
        for bad in [
            "somchai",
            "@x.go.th",
            "a@b",
            "a@@b.th",
            "a b@x.th",
            "a@x.th\r\nBcc: z@y.th",
            "a@x.th, b@y.th",
            "a@.th",
        ] {
            assert!(check(bad).is_err(), "{bad}");
        }
    }
}
