//! User accounts: who may sign in, with which role, over which area. Account changes are
//! authorised against the acting administrator's scope and written to the audit log.

pub mod agency;
pub mod audit_log;
pub mod email;
pub mod password;
pub mod scope;
pub mod sessions;
pub mod signin;

use crate::audit::{self, Actor, Change};
use crate::db::{self, Db, Param, now_text};
use crate::error::{AppError, Field, Problem, Thing};
use crate::i18n::Lang;
use serde::{Deserialize, Serialize};

pub use agency::Agency;
pub use scope::{Role, Scope, ScopeLevel};

#[derive(Debug, Clone, Serialize, utoipa::ToSchema)]
pub struct User {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub position: String,
    pub agency: Agency,
    pub role: Role,
    pub scope: Scope,
    pub active: bool,
    pub must_change_password: bool,
    pub version: i64,
    /// Where reminders are mailed; '' for none.
    pub email: String,
}

impl User {
    pub fn actor(&self) -> Actor {
        Actor {
            user_id: Some(self.id),
            username: self.username.clone(),
        }
    }

    fn audit_json(&self) -> serde_json::Value {
        serde_json::json!({
            "username": self.username, "display_name": self.display_name, "position": self.position,
            "agency": self.agency, "role": self.role, "scope": self.scope, "active": self.active,
            "email": self.email,
        })
    }
}

#[derive(sqlx::FromRow)]
struct UserRow {
    id: i64,
    username: String,
    display_name: String,
    position: String,
    agency: Agency,
    role: Role,
    scope_level: ScopeLevel,
    scope_code: String,
    #[sqlx(try_from = "crate::db::Flag")]
    active: bool,
    #[sqlx(try_from = "crate::db::Flag")]
    must_change_password: bool,
    version: i64,
    email: String,
}

impl From<UserRow> for User {
    fn from(r: UserRow) -> User {
        User {
            id: r.id,
            username: r.username,
            display_name: r.display_name,
            position: r.position,
            agency: r.agency,
            role: r.role,
            scope: Scope {
                level: r.scope_level,
                code: r.scope_code,
            },
            active: r.active,
            must_change_password: r.must_change_password,
            version: r.version,
            email: r.email,
        }
    }
}

const USER_COLUMNS: &str = "id, username, display_name, position, agency, role, scope_level, scope_code, active, must_change_password, version, email";

pub async fn get(db: &Db, id: i64) -> anyhow::Result<Option<User>> {
    let row = db::query_as::<UserRow>(sqlx::AssertSqlSafe(format!(
        "SELECT {USER_COLUMNS} FROM users WHERE id = $1"
    )))
    .bind(id)
    .fetch_optional(db)
    .await?;
    Ok(row.map(User::from))
}

pub async fn by_username(db: &Db, username: &str) -> anyhow::Result<Option<(User, String)>> {
    #[derive(sqlx::FromRow)]
    struct Row {
        #[sqlx(flatten)]
        user: UserRow,
        password_hash: String,
    }
    let row = db::query_as::<Row>(sqlx::AssertSqlSafe(format!(
        "SELECT {USER_COLUMNS}, password_hash FROM users WHERE username = $1"
    )))
    .bind(username.trim().to_lowercase())
    .fetch_optional(db)
    .await?;
    Ok(row.map(|r| (User::from(r.user), r.password_hash)))
}

pub async fn count(db: &Db) -> anyhow::Result<i64> {
    Ok(db::query_scalar("SELECT COUNT(*) FROM users")
        .fetch_one(db)
        .await?)
}

/// Accounts whose scope lies inside `scope`.
pub async fn list_in(db: &Db, scope: &Scope) -> anyhow::Result<Vec<User>> {
    let rows = db::query_as::<UserRow>(sqlx::AssertSqlSafe(format!(
        "SELECT {USER_COLUMNS} FROM users ORDER BY username"
    )))
    .fetch_all(db)
    .await?;
    let mut out = Vec::new();
    for u in rows.into_iter().map(User::from) {
        if scope.covers_scope(db, &u.scope).await? {
            out.push(u);
        }
    }
    Ok(out)
}

/// What an administrator types to create an account.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct NewUser {
    pub username: String,
    pub display_name: String,
    #[serde(default)]
    pub position: String,
    pub agency: Agency,
    pub role: Role,
    pub scope: Scope,
    pub password: String,
}

fn check_username(username: &str) -> Result<(), AppError> {
    let ok = (3..=40).contains(&username.len())
        && username.bytes().all(|b| {
            b.is_ascii_lowercase() || b.is_ascii_digit() || matches!(b, b'.' | b'_' | b'-')
        });
    if ok {
        Ok(())
    } else {
        Err(Problem::UsernameFormat.into())
    }
}

/// An account is saved with a real agency: `Other` is only what old accounts were migrated to.
fn check_agency(agency: Agency) -> Result<(), AppError> {
    if agency == Agency::Other {
        return Err(Problem::Missing {
            field: Field::Agency,
        }
        .into());
    }
    Ok(())
}

/// Where audit entries about an account in `scope` are filed: its area, or for an LAO the
/// LAO itself and the district of its office, so that both can read them.
pub(crate) async fn audit_place(db: &Db, scope: &Scope) -> anyhow::Result<(String, Option<i64>)> {
    if let Some(prefix) = scope.area_prefix() {
        return Ok((prefix.to_string(), None));
    }
    Ok(match crate::areas::lao_by_key(db, &scope.code).await? {
        Some(l) => (l.district_code.unwrap_or(l.province_code), Some(l.id)),
        None => (String::new(), None),
    })
}

/// Creates an account. `by` is None only for the first administrator, made from the command line.
pub async fn create(db: &Db, by: Option<&User>, new: NewUser) -> Result<User, AppError> {
    let username = new.username.trim().to_lowercase();
    check_username(&username)?;
    if new.display_name.trim().is_empty() {
        return Err(Problem::Missing {
            field: Field::DisplayName,
        }
        .into());
    }
    check_agency(new.agency)?;
    if let Some(w) = password::weakness(&new.password, &username) {
        return Err(w.into());
    }
    let scope = Scope {
        level: new.scope.level,
        code: crate::thai::to_arabic_digits(new.scope.code.trim()),
    };
    if let Err(p) = scope.validate(db).await? {
        return Err(p.into());
    }
    let actor = match by {
        Some(admin) => {
            authorize_admin_over(db, admin, &scope, "create", &username).await?;
            admin.actor()
        }
        None => Actor::system("cli"),
    };
    if by_username(db, &username).await?.is_some() {
        return Err(Problem::UsernameTaken { username }.into());
    }
    let hash = password::hash(&new.password)?;
    let now = now_text();
    let (area_code, lao_id) = audit_place(db, &scope).await?;
    let mut tx = db.begin_write().await?;
    let id: i64 = db::query_scalar(
        "INSERT INTO users (username, display_name, position, agency, password_hash, role, scope_level, scope_code, \
         active, must_change_password, created_at, updated_at) VALUES ($1, $2, $3, $4, $5, $6, $7, $8, 1, $9, $10, $10) RETURNING id",
    )
    .bind(&username)
    .bind(new.display_name.trim())
    .bind(new.position.trim())
    .bind(new.agency.as_str())
    .bind(hash)
    .bind(new.role.as_str())
    .bind(scope.level.as_str())
    .bind(&scope.code)
    .bind(i64::from(by.is_some()))
    .bind(&now)
    .fetch_one(&mut tx)
    .await?;
    let user = User {
        id,
        username,
        display_name: new.display_name.trim().into(),
        position: new.position.trim().into(),
        agency: new.agency,
        role: new.role,
        scope,
        active: true,
        must_change_password: by.is_some(),
        version: 1,
        email: String::new(),
    };
    audit::record(
        &mut tx,
        &actor,
        Change {
            action: "create",
            entity: "user",
            entity_key: user.username.clone(),
            area_code,
            lao_id,
            before: None,
            after: Some(user.audit_json()),
            note: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(user)
}

/// Whether the user manages accounts (of their own area): an active administrator.
pub fn administers(user: &User) -> bool {
    user.active && user.role == Role::Admin
}

/// Refuses anyone but an administrator the account pages.
pub fn require_admin(user: &User) -> Result<&User, AppError> {
    if administers(user) {
        Ok(user)
    } else {
        Err(Problem::AdminOnly.into())
    }
}

/// Refuses, and records the refusal, unless `admin` is an active administrator whose scope holds `target`.
pub async fn authorize_admin_over(
    db: &Db,
    admin: &User,
    target: &Scope,
    action: &str,
    key: &str,
) -> Result<(), AppError> {
    if admin.role == Role::Admin && admin.active && admin.scope.covers_scope(db, target).await? {
        return Ok(());
    }
    let problem = if admin.role != Role::Admin {
        Problem::AdminOnly
    } else {
        Problem::OutsideAdminScope {
            level_th: target.level.th(),
            code: target.code.clone(),
        }
    };
    let place = audit_place(db, target).await?;
    let message = problem.message(Lang::Th);
    record_denied_at(db, admin, "user", key, action, &message, Some(place)).await?;
    Err(problem.into())
}

/// Writes a refused request to the audit log, under the acting user's own area.
pub async fn record_denied(
    db: &Db,
    user: &User,
    entity: &str,
    key: &str,
    action: &str,
    message: &str,
) -> anyhow::Result<()> {
    record_denied_at(db, user, entity, key, action, message, None).await
}

/// A refusal filed under the actor's area and, when it names one, under the target's too: the
/// administrators of the area an attempt was made on see it (issue 13, defect 13).
pub async fn record_denied_at(
    db: &Db,
    user: &User,
    entity: &str,
    key: &str,
    action: &str,
    message: &str,
    target: Option<(String, Option<i64>)>,
) -> anyhow::Result<()> {
    tracing::warn!(user = %user.username, entity, key, action, "refused: {message}");
    let own = audit_place(db, &user.scope).await?;
    let mut places = vec![own.clone()];
    if let Some(t) = target
        && t != own
    {
        places.push(t);
    }
    let mut tx = db.begin_write().await?;
    for (area_code, lao_id) in places {
        audit::record(
            &mut tx,
            &user.actor(),
            Change {
                action: "denied",
                entity,
                entity_key: key.to_string(),
                area_code,
                lao_id,
                before: None,
                after: None,
                note: format!("{action}: {message}"),
            },
        )
        .await?;
    }
    tx.commit().await
}

/// The fields an administrator may change on an account.
#[derive(Debug, Clone, Deserialize, utoipa::ToSchema)]
pub struct UserChange {
    pub display_name: String,
    #[serde(default)]
    pub position: String,
    pub agency: Agency,
    pub role: Role,
    pub scope: Scope,
    pub active: bool,
    /// The version the administrator saw; a newer one in the database means someone else saved first.
    pub version: i64,
}

pub async fn update(db: &Db, admin: &User, id: i64, change: UserChange) -> Result<User, AppError> {
    let before = get(db, id)
        .await?
        .ok_or_else(|| AppError::from(Problem::not_found(Thing::Account, id)))?;
    let scope = Scope {
        level: change.scope.level,
        code: crate::thai::to_arabic_digits(change.scope.code.trim()),
    };
    if let Err(p) = scope.validate(db).await? {
        return Err(p.into());
    }
    authorize_admin_over(db, admin, &before.scope, "update", &before.username).await?;
    authorize_admin_over(db, admin, &scope, "update", &before.username).await?;
    if change.display_name.trim().is_empty() {
        return Err(Problem::Missing {
            field: Field::DisplayName,
        }
        .into());
    }
    check_agency(change.agency)?;
    if admin.id == id && (!change.active || change.role != Role::Admin) {
        return Err(Problem::CannotDemoteSelf.into());
    }
    let (area_code, lao_id) = audit_place(db, &scope).await?;
    let mut tx = db.begin_write().await?;
    db::update_versioned(
        &mut tx,
        "users",
        id,
        change.version,
        "display_name = $1, position = $2, agency = $3, role = $4, scope_level = $5, scope_code = $6, \
         active = $7, updated_at = $8",
        vec![
            change.display_name.trim().value(),
            change.position.trim().value(),
            change.agency.value(),
            change.role.as_str().value(),
            scope.level.as_str().value(),
            scope.code.clone().value(),
            change.active.value(),
            now_text().value(),
        ],
    )
    .await?;
    let after = User {
        display_name: change.display_name.trim().into(),
        position: change.position.trim().into(),
        agency: change.agency,
        role: change.role,
        scope,
        active: change.active,
        version: before.version + 1,
        ..before.clone()
    };
    audit::record(
        &mut tx,
        &admin.actor(),
        Change {
            action: "update",
            entity: "user",
            entity_key: after.username.clone(),
            area_code,
            lao_id,
            before: Some(before.audit_json()),
            after: Some(after.audit_json()),
            note: String::new(),
        },
    )
    .await?;
    if !after.active {
        db::query("DELETE FROM sessions WHERE user_id = $1")
            .bind(id)
            .execute(&mut tx)
            .await?;
    }
    tx.commit().await?;
    Ok(after)
}

/// Sets a new password: the user's own (knowing the old one), or an administrator's reset.
/// Every other session of the account ends; `keep_session` (the changer's own, when they
/// change their own password) stays open.
pub async fn set_password(
    db: &Db,
    by: &User,
    id: i64,
    old: Option<&str>,
    new: &str,
    keep_session: Option<&str>,
) -> Result<(), AppError> {
    let target = get(db, id)
        .await?
        .ok_or_else(|| AppError::from(Problem::not_found(Thing::Account, id)))?;
    let own = by.id == id;
    if own {
        let (_, hash) = by_username(db, &target.username)
            .await?
            .ok_or_else(AppError::not_found)?;
        if !old.is_some_and(|o| password::verify(o, &hash)) {
            return Err(Problem::WrongOldPassword.into());
        }
    } else {
        authorize_admin_over(db, by, &target.scope, "reset_password", &target.username).await?;
    }
    if let Some(w) = password::weakness(new, &target.username) {
        return Err(w.into());
    }
    let hash = password::hash(new)?;
    let (area_code, lao_id) = audit_place(db, &target.scope).await?;
    let mut tx = db.begin_write().await?;
    db::update_versioned(
        &mut tx,
        "users",
        id,
        target.version,
        "password_hash = $1, must_change_password = $2, updated_at = $3",
        vec![hash.value(), (!own).value(), now_text().value()],
    )
    .await?;
    sessions::end_all_of(&mut tx, id, keep_session.filter(|_| own)).await?;
    audit::record(
        &mut tx,
        &by.actor(),
        Change {
            action: if own {
                "change_password"
            } else {
                "reset_password"
            },
            entity: "user",
            entity_key: target.username.clone(),
            area_code,
            lao_id,
            before: None,
            after: None,
            note: String::new(),
        },
    )
    .await?;
    tx.commit().await?;
    Ok(())
}
