//! Account pages: my account and password, and the administrator's list and forms.

use crate::accounts::{self, Agency, NewUser, Role, Scope, ScopeLevel, User, UserChange, password};
use crate::error::{AppError, AppResult, Field, Problem};
use crate::web::AppState;
use crate::web::page::{Page, not_found, render};
use crate::web::session::Visitor;
use crate::web::write::{Button, FormWrite, after};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

#[derive(Template)]
#[template(path = "account.html")]
pub struct AccountPage {
    p: Page,
    me: User,
    message: String,
    error: String,
}

#[derive(Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
}

fn account_page(v: &Visitor, me: User, message: String, error: String) -> AppResult<Response> {
    render(&AccountPage {
        p: Page::new(v, v.tr.s("account.title"), "/account"),
        me,
        message,
        error,
    })
}

pub async fn mine(v: Visitor, Query(q): Query<DoneQuery>) -> AppResult<Response> {
    let me = v.user()?.clone();
    let message = match q.done.as_deref() {
        Some("email") => v.tr.s("notification.email.done").to_string(),
        Some("password") => v.tr.s("account.password.done").to_string(),
        _ if me.must_change_password => v.tr.s("account.password.must").to_string(),
        _ => String::new(),
    };
    account_page(&v, me, message, String::new())
}

#[derive(Deserialize)]
pub struct EmailForm {
    #[serde(default)]
    email: String,
}

/// The user's own address for reminders.
pub async fn change_email(
    State(s): State<AppState>,
    w: FormWrite<EmailForm>,
) -> AppResult<Response> {
    let me = &w.user;
    let r = accounts::email::set_email(&s.db, me, me.id, &w.form.email).await;
    after(
        &w.v,
        r,
        |_| "/account?done=email".to_string(),
        |(_, m)| async { account_page(&w.v, me.clone(), String::new(), m) },
    )
    .await
}

#[derive(Deserialize)]
pub struct PasswordForm {
    old_password: String,
    new_password: String,
}

pub async fn change_password(
    State(s): State<AppState>,
    w: FormWrite<PasswordForm>,
) -> AppResult<Response> {
    let (me, f) = (&w.user, &w.form);
    let r = accounts::set_password(
        &s.db,
        me,
        me.id,
        Some(&f.old_password),
        &f.new_password,
        w.v.token.as_deref(),
    )
    .await;
    after(
        &w.v,
        r,
        |_| "/account?done=password".to_string(),
        |(_, m)| async { account_page(&w.v, me.clone(), String::new(), m) },
    )
    .await
}

pub struct UserRow {
    pub id: i64,
    pub username: String,
    pub display_name: String,
    pub role: String,
    pub agency: &'static str,
    pub position: String,
    pub scope: String,
    pub active: bool,
}

#[derive(Template)]
#[template(path = "users.html")]
pub struct UsersPage {
    p: Page,
    users: Vec<UserRow>,
}

fn scope_label(s: &Scope) -> String {
    match s.level {
        ScopeLevel::National => s.level.th().to_string(),
        _ => format!("{} {}", s.level.th(), s.code),
    }
}

fn admin(v: &Visitor) -> AppResult<&User> {
    accounts::require_admin(v.user()?)
}

pub async fn list(State(s): State<AppState>, v: Visitor) -> AppResult<Response> {
    let me = admin(&v)?;
    let users = accounts::list_in(&s.db, &me.scope).await?;
    let users = users
        .into_iter()
        .map(|u| UserRow {
            id: u.id,
            username: u.username,
            display_name: u.display_name,
            role: u.role.th().into(),
            agency: u.agency.th(),
            position: u.position,
            scope: scope_label(&u.scope),
            active: u.active,
        })
        .collect();
    render(&UsersPage {
        p: Page::new(&v, v.tr.s("users.title"), "/admin/users"),
        users,
    })
}

/// The account form, for a new account or an existing one.
#[derive(Template)]
#[template(path = "user_form.html")]
pub struct UserFormPage {
    p: Page,
    id: Option<i64>,
    f: UserForm,
    error: String,
    message: String,
    roles: Vec<(&'static str, &'static str)>,
    levels: Vec<(&'static str, &'static str)>,
    agencies: Vec<(&'static str, &'static str)>,
    positions: Vec<&'static str>,
}

#[derive(Deserialize, Default, Clone)]
pub struct UserForm {
    #[serde(default)]
    username: String,
    display_name: String,
    #[serde(default)]
    position: String,
    #[serde(default)]
    agency: String,
    role: String,
    scope_level: String,
    #[serde(default)]
    scope_code: String,
    #[serde(default)]
    password: String,
    #[serde(default)]
    active: Option<String>,
    #[serde(default)]
    version: i64,
    #[serde(default)]
    email: String,
}

impl UserForm {
    fn of(u: &User) -> UserForm {
        UserForm {
            username: u.username.clone(),
            display_name: u.display_name.clone(),
            position: u.position.clone(),
            agency: u.agency.as_str().into(),
            role: u.role.as_str().into(),
            scope_level: u.scope.level.as_str().into(),
            scope_code: u.scope.code.clone(),
            password: String::new(),
            active: u.active.then(|| "on".into()),
            version: u.version,
            email: u.email.clone(),
        }
    }

    fn role(&self) -> AppResult<Role> {
        Role::parse(&self.role).ok_or_else(|| Problem::Missing { field: Field::Role }.into())
    }

    fn agency(&self) -> AppResult<Agency> {
        Agency::parse(&self.agency).ok_or_else(|| {
            Problem::Missing {
                field: Field::Agency,
            }
            .into()
        })
    }

    fn scope(&self) -> AppResult<Scope> {
        let level = ScopeLevel::parse(&self.scope_level).ok_or_else(|| {
            AppError::from(Problem::Missing {
                field: Field::ScopeLevel,
            })
        })?;
        Ok(Scope {
            level,
            code: self.scope_code.trim().to_string(),
        })
    }
}

fn form_page(
    v: &Visitor,
    id: Option<i64>,
    f: UserForm,
    error: String,
    message: String,
) -> AppResult<Response> {
    let title = v.tr.s(if id.is_some() {
        "users.edit"
    } else {
        "users.new"
    });
    let page = UserFormPage {
        p: Page::new(v, title, "/admin/users"),
        id,
        f,
        error,
        message,
        roles: Role::ALL.iter().map(|r| (r.as_str(), r.th())).collect(),
        levels: ScopeLevel::ALL
            .iter()
            .map(|l| (l.as_str(), l.th()))
            .collect(),
        agencies: Agency::offered().map(|a| (a.as_str(), a.th())).collect(),
        positions: accounts::agency::POSITIONS.to_vec(),
    };
    let status = if page.error.is_empty() {
        axum::http::StatusCode::OK
    } else {
        axum::http::StatusCode::BAD_REQUEST
    };
    Ok((status, render(&page)?).into_response())
}

pub async fn new_form(v: Visitor) -> AppResult<Response> {
    let me = admin(&v)?;
    let f = UserForm {
        role: "officer".into(),
        scope_level: me.scope.level.as_str().into(),
        scope_code: me.scope.code.clone(),
        password: password::generate(),
        active: Some("on".into()),
        ..Default::default()
    };
    form_page(&v, None, f, String::new(), String::new())
}

pub async fn create(State(s): State<AppState>, w: FormWrite<UserForm>) -> AppResult<Response> {
    let (me, f) = (&w.user, w.form);
    let result = async {
        let new = NewUser {
            username: f.username.clone(),
            display_name: f.display_name.clone(),
            position: f.position.clone(),
            agency: f.agency()?,
            role: f.role()?,
            scope: f.scope()?,
            password: f.password.clone(),
        };
        accounts::email::check(f.email.trim())?;
        let u = accounts::create(&s.db, Some(me), new).await?;
        accounts::email::set_email(&s.db, me, u.id, &f.email).await
    }
    .await;
    after(
        &w.v,
        result,
        |u| format!("/admin/users/{}?done=created", u.id),
        |(_, m)| async { form_page(&w.v, None, f, m, String::new()) },
    )
    .await
}

pub async fn edit_form(
    State(s): State<AppState>,
    v: Visitor,
    Path(id): Path<i64>,
    Query(q): Query<DoneQuery>,
) -> AppResult<Response> {
    let me = admin(&v)?;
    let u = accounts::get(&s.db, id).await?.ok_or_else(not_found)?;
    accounts::authorize_admin_over(&s.db, me, &u.scope, "view", &u.username).await?;
    let notice = match q.done.as_deref() {
        Some("created") => v.tr.s("users.created").to_string(),
        Some("saved") => v.tr.s("users.saved").to_string(),
        _ => String::new(),
    };
    form_page(&v, Some(id), UserForm::of(&u), String::new(), notice)
}

pub async fn update(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    w: FormWrite<UserForm>,
) -> AppResult<Response> {
    let (me, f) = (&w.user, w.form);
    let result = async {
        let change = UserChange {
            display_name: f.display_name.clone(),
            position: f.position.clone(),
            agency: f.agency()?,
            role: f.role()?,
            scope: f.scope()?,
            active: f.active.is_some(),
            version: f.version,
        };
        accounts::email::check(f.email.trim())?;
        let u = accounts::update(&s.db, me, id, change).await?;
        accounts::email::set_email(&s.db, me, u.id, &f.email).await
    }
    .await;
    after(
        &w.v,
        result,
        |_| format!("/admin/users/{id}?done=saved"),
        |(_, m)| async { form_page(&w.v, Some(id), f, m, String::new()) },
    )
    .await
}

/// Sets a new temporary password and shows it once, on this answer (it is never stored in the clear).
pub async fn reset_password(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    w: FormWrite<Button>,
) -> AppResult<Response> {
    let temporary = password::generate();
    accounts::set_password(&s.db, &w.user, id, None, &temporary, None).await?;
    let u = accounts::get(&s.db, id).await?.ok_or_else(not_found)?;
    form_page(
        &w.v,
        Some(id),
        UserForm::of(&u),
        String::new(),
        format!("{} {temporary}", w.v.tr.s("users.reset.done")),
    )
}
