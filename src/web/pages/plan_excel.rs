//! The village-plan Excel form over HTTP: the template to download, and a filled one to import.

use super::plans::show;
use crate::error::{AppResult, Field, Problem};
use crate::plans;
use crate::projects::input::ProjectInput;
use crate::web::AppState;
use crate::web::page::{SEE_OTHER, not_found, shown};
use crate::web::session::Visitor;
use axum::extract::{Path, State};
use axum::http::header;
use axum::response::{IntoResponse, Response};

/// The village-plan form as an Excel file.
pub async fn template(
    State(s): State<AppState>,
    v: Visitor,
    Path(id): Path<i64>,
) -> AppResult<Response> {
    v.user()?;
    let plan = plans::get(&s.db, id).await?.ok_or_else(not_found)?;
    let bytes = crate::books::village_form::template(&s.db, id).await?;
    let name = format!("village-plan-{}-{}.xlsx", plan.area_code, plan.first_year);
    Ok((
        [
            (
                header::CONTENT_TYPE,
                "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet".to_string(),
            ),
            (
                header::CONTENT_DISPOSITION,
                format!("attachment; filename=\"{name}\""),
            ),
        ],
        bytes,
    )
        .into_response())
}

/// A filled form, uploaded: all rows go in, or the page lists every mistake and nothing is written.
pub async fn import(
    State(s): State<AppState>,
    v: Visitor,
    Path(id): Path<i64>,
    form: axum::extract::Multipart,
) -> AppResult<Response> {
    let crate::web::upload::Upload {
        csrf,
        version,
        file,
        ..
    } = crate::web::upload::read(form).await?;
    let user = v.check_csrf(&csrf)?.clone();
    if file.is_empty() {
        let failed = shown(Problem::Missing { field: Field::File }.into(), v.tr.lang)?;
        return show(
            &s,
            &v,
            id,
            String::new(),
            Some(failed),
            ProjectInput::default(),
        )
        .await;
    }
    match crate::books::village_form::import(&s.db, &user, id, version, &file).await {
        Ok(crate::books::village_form::Imported::Done(_)) => Ok((
            SEE_OTHER,
            [(
                header::LOCATION,
                format!("/plans/{id}?done=plan.done.imported"),
            )],
        )
            .into_response()),
        Ok(crate::books::village_form::Imported::Refused(errors)) => {
            let lines: Vec<String> = errors.iter().map(|e| e.message(v.tr.lang)).collect();
            let message = format!(
                "{}:\n{}",
                v.tr.s("plan.import.refused")
                    .replace("{n}", &errors.len().to_string()),
                lines.join("\n")
            );
            let failed = (axum::http::StatusCode::BAD_REQUEST, message);
            show(
                &s,
                &v,
                id,
                String::new(),
                Some(failed),
                ProjectInput::default(),
            )
            .await
        }
        Err(e) => {
            let failed = shown(e, v.tr.lang)?;
            show(
                &s,
                &v,
                id,
                String::new(),
                Some(failed),
                ProjectInput::default(),
            )
            .await
        }
    }
}
