//! The HTML pages, one module per part of the product.

mod accounts;
mod areas;
mod audit;
mod budget_requests;
mod calendar;
mod committee;
mod committees;
mod communities;
mod documents;
mod format;
mod kpi;
mod kpi_chain;
mod notifications;
mod plan_components;
mod plan_excel;
mod plans;
mod projects;
mod province_sources;
mod report_exports;
mod reports;
mod shared_tambons;
mod signin;
mod to_province;

use super::AppState;
use axum::Router;
use axum::routing::{get, post};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/", get(areas::country))
        .route("/areas/{code}", get(areas::area))
        .route("/laos/{id}", get(areas::lao))
        .route("/search", get(areas::search))
        .route("/lang/{lang}", get(signin::set_lang))
        .route("/signin", get(signin::form).post(signin::submit))
        .route("/signout", post(signin::sign_out))
        .route("/account", get(accounts::mine))
        .route("/account/password", post(accounts::change_password))
        .route("/account/email", post(accounts::change_email))
        .route("/admin/users", get(accounts::list).post(accounts::create))
        .route("/admin/users/new", get(accounts::new_form))
        .route(
            "/admin/users/{id}",
            get(accounts::edit_form).post(accounts::update),
        )
        .route("/admin/users/{id}/password", post(accounts::reset_password))
        .route("/audit", get(audit::list))
        .route("/registers/{code}", get(reports::registers_page))
        .route("/registers/{code}/submit", post(reports::submit_register))
        .route(
            "/registers/{code}/targets",
            get(reports::targets_page).post(reports::save_targets),
        )
        .route(
            "/district-report/{code}",
            get(reports::district_report_page).post(reports::submit_district_report),
        )
        .route("/kpi", get(kpi::kpi_national))
        .route("/kpi/{code}", get(kpi::kpi_area))
        .route("/kpi/{code}/designate", post(kpi::designate))
        .route("/kpi/{code}/agree", post(kpi::agree))
        .route("/kpi/lao/{id}", get(kpi::kpi_lao).post(kpi::submit_monthly))
        .route("/kpi/lao/{id}/work-plan", post(kpi::save_work_plan))
        .route("/kpi-chain", get(kpi_chain::chain_national))
        .route("/kpi/{code}/chain", get(kpi_chain::chain_area))
        .route(
            "/kpi/{code}/chain/export/{file}",
            get(kpi_chain::export_forward),
        )
        .route("/kpi/{code}/forward", post(kpi_chain::forward_reports))
        .route("/kpi/review/{id}", post(kpi_chain::review_report))
        .route(
            "/registers/{code}/export/{file}",
            get(report_exports::export_register),
        )
        .route(
            "/district-report/{code}/export/{file}",
            get(report_exports::export_district_report),
        )
        .route(
            "/kpi/lao/{id}/export/{file}",
            get(report_exports::export_monthly),
        )
        .route("/kpi-export/{file}", get(report_exports::export_rollup))
        .route(
            "/kpi-settings",
            get(kpi::settings_page).post(kpi::save_settings),
        )
        .route("/plans", post(plans::open))
        .route("/plans/{id}", get(plans::page))
        .route("/plans/{id}/projects", post(plans::add_project))
        .route("/plans/{id}/forums", post(plans::add_forum))
        .route("/plans/{id}/adopt", post(plans::adopt))
        .route("/plans/{id}/item", post(plans::update_item))
        .route("/plans/{id}/remove", post(plans::remove))
        .route("/plans/{id}/merge", post(plans::merge))
        .route("/plans/{id}/step", post(plans::step))
        .route("/plans/{id}/milestones", post(plans::milestones))
        .route("/plans/{id}/carry", post(plans::carry_forward))
        .route("/plans/{id}/route", post(plans::route))
        .route("/plans/{id}/issues", post(plans::add_issue))
        .route("/plans/{id}/template.xlsx", get(plan_excel::template))
        .route("/plans/{id}/import", post(plan_excel::import))
        .route("/plans/{id}/assess", post(plans::assess))
        .route(
            "/plans/{id}/to-province",
            get(to_province::send_page).post(to_province::send),
        )
        .route("/areas/{code}/district-plans", get(to_province::received))
        .route("/plans/{id}/sources", get(province_sources::page))
        .route(
            "/district-report-settings",
            get(plan_components::page).post(plan_components::save),
        )
        .route(
            "/plans/{id}/budget-requests",
            get(budget_requests::of_plan).post(budget_requests::record),
        )
        .route("/laos/{id}/budget-requests", get(budget_requests::of_lao))
        .route(
            "/budget-requests/{id}/answer",
            post(budget_requests::answer),
        )
        // issue 11: a plan's own projects
        .route("/plans/{id}/own", post(plans::add_own))
        .route("/plans/{id}/own/import", post(plans::import_own))
        .route("/plans/{id}/own/{project}", post(plans::update_own))
        .route("/plans/{id}/own/{project}/delete", post(plans::delete_own))
        .route("/plans/{id}/book.docx", get(documents::book_docx))
        .route("/plans/{id}/book.xlsx", get(documents::book_xlsx))
        .route("/plans/{id}/book.csv", get(documents::book_csv))
        .route("/plans/{id}/model", post(documents::mark_model))
        .route("/projects/{id}", get(projects::page).post(projects::update))
        .route("/projects/{id}/edit", get(projects::edit))
        .route("/projects/{id}/progress", post(projects::report_progress))
        .route("/areas/{code}/committees", get(committees::of_area))
        .route(
            "/areas/{code}/shared-tambons",
            get(shared_tambons::show).post(shared_tambons::save),
        )
        .route("/laos/{id}/committees", get(committees::of_lao))
        // issue 11: communities
        .route(
            "/laos/{id}/communities",
            get(communities::show).post(communities::add),
        )
        .route("/laos/{id}/communities/import", post(communities::import))
        .route("/communities/{code}/rename", post(communities::rename))
        .route("/communities/{code}/end", post(communities::end))
        .route("/committees/{id}", get(committee::show))
        .route("/committees/{id}/meetings", post(committee::record_meeting))
        .route("/committees/orders/new", get(committees::new_order))
        .route("/committees/orders", post(committees::record))
        .route("/calendar", get(calendar::page))
        .route("/calendar/years", post(calendar::create_year))
        .route("/calendar/deadlines", post(calendar::add))
        .route("/calendar/deadlines/{id}", post(calendar::set_due))
        .route("/notifications", get(notifications::list))
        .route("/notifications/read", post(notifications::mark_read))
}
