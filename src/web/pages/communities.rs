//! An LAO's register of communities (ทะเบียนชุมชน): those in use with a form each to rename or
//! end one, a form to register one, an Excel/CSV import, and the history. The rules and the
//! writes are `communities`; this module extracts, calls and renders.

use super::areas::{Crumb, crumbs};
use crate::areas;
use crate::communities::register::{self, CommunityInput, EndInput, RenameInput};
use crate::communities::{self, Register};
use crate::error::{AppResult, Field, Problem};
use crate::web::AppState;
use crate::web::page::{Page, render, shown};
use crate::web::session::Visitor;
use crate::web::write::{FormWrite, after, see};
use askama::Template;
use axum::extract::{Path, Query, State};
use axum::response::Response;
use serde::Deserialize;
use std::collections::HashMap;

#[derive(Template)]
#[template(path = "communities.html")]
pub struct CommunitiesPage {
    p: Page,
    crumbs: Vec<Crumb>,
    r: Register,
    notice: String,
    error: String,
    /// What was typed in the registration form, kept when it is refused.
    typed: CommunityInput,
}

#[derive(Deserialize)]
pub struct DoneQuery {
    done: Option<String>,
    n: Option<usize>,
}

async fn page(
    s: &AppState,
    v: &Visitor,
    lao_id: i64,
    notice: String,
    error: String,
    typed: CommunityInput,
) -> AppResult<Response> {
    let r = communities::register_of(&s.db, lao_id, v.user.as_ref()).await?;
    let lao = areas::lao(&s.db, lao_id).await?;
    let office = lao
        .as_ref()
        .and_then(|l| l.office_tambon_code.clone().or(l.district_code.clone()))
        .unwrap_or_default();
    let mut crumbs = crumbs(&v.tr, &areas::path(&s.db, &office).await?);
    crumbs.push(Crumb {
        href: format!("/laos/{lao_id}"),
        label: r.lao_name.clone(),
    });
    let title = format!("{} · {}", v.tr.s("community.title"), r.lao_name);
    render(&CommunitiesPage {
        p: Page::new(v, &title, &format!("/laos/{lao_id}/communities")),
        crumbs,
        r,
        notice,
        error,
        typed,
    })
}

pub async fn show(
    State(s): State<AppState>,
    v: Visitor,
    Path(id): Path<i64>,
    Query(q): Query<DoneQuery>,
) -> AppResult<Response> {
    let notice = match q.done.as_deref() {
        Some(k @ ("added" | "renamed" | "merged" | "retired")) => {
            v.tr.s(&format!("community.done.{k}")).to_string()
        }
        Some("imported") => format!("{} {}", v.tr.s("community.done.imported"), q.n.unwrap_or(0)),
        _ => String::new(),
    };
    page(&s, &v, id, notice, String::new(), CommunityInput::default()).await
}

fn text(form: &HashMap<String, String>, key: &str) -> String {
    form.get(key).cloned().unwrap_or_default()
}

fn version(form: &HashMap<String, String>) -> i64 {
    text(form, "version").trim().parse().unwrap_or(-1)
}

pub async fn add(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    w: FormWrite<HashMap<String, String>>,
) -> AppResult<Response> {
    let typed = CommunityInput {
        number: text(&w.form, "number"),
        name: text(&w.form, "name"),
        tambon: text(&w.form, "tambon"),
    };
    let r = register::add(&s.db, &w.user, id, &typed).await;
    after(
        &w.v,
        r,
        |_| format!("/laos/{id}/communities?done=added"),
        |(_, m)| page(&s, &w.v, id, String::new(), m, typed.clone()),
    )
    .await
}

/// The LAO a community belongs to, for the page to go back to.
async fn lao_of(s: &AppState, code: &str) -> AppResult<i64> {
    Ok(communities::get(&s.db, code)
        .await?
        .ok_or_else(crate::error::AppError::not_found)?
        .lao_id)
}

pub async fn rename(
    State(s): State<AppState>,
    Path(code): Path<String>,
    w: FormWrite<HashMap<String, String>>,
) -> AppResult<Response> {
    let id = lao_of(&s, &code).await?;
    let input = RenameInput {
        number: text(&w.form, "number"),
        name: text(&w.form, "name"),
        version: version(&w.form),
    };
    let r = register::rename(&s.db, &w.user, &code, &input).await;
    after(
        &w.v,
        r,
        |_| format!("/laos/{id}/communities?done=renamed"),
        |(_, m)| page(&s, &w.v, id, String::new(), m, CommunityInput::default()),
    )
    .await
}

pub async fn end(
    State(s): State<AppState>,
    Path(code): Path<String>,
    w: FormWrite<HashMap<String, String>>,
) -> AppResult<Response> {
    let id = lao_of(&s, &code).await?;
    let input = EndInput {
        into: text(&w.form, "into"),
        ended_on: text(&w.form, "ended_on"),
        version: version(&w.form),
    };
    let r = register::end(&s.db, &w.user, &code, &input).await;
    after(
        &w.v,
        r,
        |k| {
            let done = match k.status {
                communities::Status::Merged => "merged",
                _ => "retired",
            };
            format!("/laos/{id}/communities?done={done}")
        },
        |(_, m)| page(&s, &w.v, id, String::new(), m, CommunityInput::default()),
    )
    .await
}

/// The list uploaded as .xlsx or CSV: all rows go in, or the page lists every mistake.
pub async fn import(
    State(s): State<AppState>,
    v: Visitor,
    Path(id): Path<i64>,
    form: axum::extract::Multipart,
) -> AppResult<Response> {
    let crate::web::upload::Upload { csrf, file, .. } = crate::web::upload::read(form).await?;
    let user = v.check_csrf(&csrf)?.clone();
    let r = if file.is_empty() {
        Err(Problem::Missing { field: Field::File }.into())
    } else {
        communities::import::import(&s.db, &user, id, &file).await
    };
    match r {
        Ok(done) => Ok(see(format!(
            "/laos/{id}/communities?done=imported&n={}",
            done.added
        ))),
        Err(e) => {
            let (status, message) = shown(e, v.tr.lang)?;
            let mut page = page(
                &s,
                &v,
                id,
                String::new(),
                message,
                CommunityInput::default(),
            )
            .await?;
            *page.status_mut() = status;
            Ok(page)
        }
    }
}
