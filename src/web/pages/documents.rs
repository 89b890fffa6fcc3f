//! Official documents over HTTP: the tambon plan book as Word, Excel or CSV, and the
//! district's choice of its model tambon plan. The documents themselves are built in the
//! domain (`books`) and rendered by `documents`.

use crate::books::model_plan;
use crate::documents::{Document, Format};
use crate::error::{AppError, AppResult};
use crate::plans;
use crate::web::AppState;
use crate::web::page::not_found;
use crate::web::session::Visitor;
use crate::web::write::{FormWrite, see};
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};
use serde::Deserialize;

/// A document as a file to save: `stem` is an ASCII file name without its extension.
pub fn download(doc: &Document, format: Format, stem: &str) -> AppResult<Response> {
    let bytes = format.render(doc).map_err(AppError::Internal)?;
    // the stem may carry parts of the path: only letters, digits, '.', '_' and '-' go out
    let stem: String = stem
        .chars()
        .map(|c| match c {
            'a'..='z' | 'A'..='Z' | '0'..='9' | '.' | '_' | '-' => c,
            _ => '-',
        })
        .collect();
    Ok((
        [
            (header::CONTENT_TYPE, format.content_type().to_string()),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{stem}.{}\"", format.extension()),
            ),
        ],
        bytes,
    )
        .into_response())
}

async fn book(s: &AppState, v: &Visitor, id: i64, format: Format) -> AppResult<Response> {
    v.user()?;
    let plan = plans::get(&s.db, id).await?.ok_or_else(not_found)?;
    let doc = crate::books::tambon_plan_book(&s.db, id).await?;
    let stem = format!("tambon-plan-{}-{}", plan.area_code, plan.first_year);
    download(&doc, format, &stem)
}

pub async fn book_docx(
    State(s): State<AppState>,
    v: Visitor,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    book(&s, &v, id, Format::Docx).await
}

pub async fn book_xlsx(
    State(s): State<AppState>,
    v: Visitor,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    book(&s, &v, id, Format::Xlsx).await
}

pub async fn book_csv(
    State(s): State<AppState>,
    v: Visitor,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    book(&s, &v, id, Format::Csv).await
}

#[derive(Deserialize)]
pub struct ModelForm {
    #[serde(default)]
    note: String,
}

/// The district marks this tambon plan as its model for the plan's year.
pub async fn mark_model(
    State(s): State<AppState>,
    Path(id): Path<i64>,
    w: FormWrite<ModelForm>,
) -> AppResult<Response> {
    model_plan::designate(&s.db, &w.user, id, &w.form.note).await?;
    Ok(see(format!("/plans/{id}?done=document.done.model")))
}
