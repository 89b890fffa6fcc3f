//! The HTML pages, one module per part of the product.

mod accounts;
mod agency_plans;
mod areas;
mod audit;
mod budget_requests;
mod calendar;
mod committee;
mod committees;
mod communities;
mod documents;
mod duplicates;
mod format;
mod kpi;
mod kpi_chain;
mod notifications;
mod plan_components;
mod plan_excel;
mod plans;
mod project_bank;
mod projects;
mod province_sources;
mod report_exports;
mod reports;
mod role_model;
mod search;
mod shared_tambons;
mod signin;
mod to_province;

use super::AppState;
use axum::Router;
use axum::routing::{get, post};

/// Every page route, one line each. The router and `ROUTES` (each method and path, which the
/// access story walks) are made from this one list, so no route is in one and not the other.
macro_rules! page_routes {
    ($($path:literal => $m:ident($h:path) $(.$more:ident($mh:path))*,)*) => {
        /// Each page route's method (`get`, `post`) and path.
        pub const ROUTES: &[(&str, &str)] = &[$((stringify!($m), $path), $((stringify!($more), $path),)*)*];

        pub fn routes() -> Router<AppState> {
            Router::new()$(.route($path, $m($h)$(.$more($mh))*))*
        }
    };
}

page_routes! {
    "/" => get(areas::country),
    "/areas/{code}" => get(areas::area),
    "/laos/{id}" => get(areas::lao),
    "/search" => get(search::page),
    "/duplicates" => get(duplicates::page),
    "/duplicates/decide" => post(duplicates::decide),
    "/agency-plans" => get(agency_plans::page),
    "/agency-plans/import" => post(agency_plans::import),
    "/project-bank" => get(project_bank::page).post(project_bank::put),
    "/role-model" => get(role_model::page),
    "/role-model/rounds" => post(role_model::open),
    "/role-model/select" => post(role_model::select),
    "/role-model/unselect" => post(role_model::unselect),
    "/role-model/screen" => post(role_model::screen),
    "/role-model/step" => post(role_model::step),
    "/role-model/book.docx" => get(role_model::book_docx),
    "/lang/{lang}" => get(signin::set_lang),
    "/signin" => get(signin::form).post(signin::submit),
    "/signout" => post(signin::sign_out),
    "/account" => get(accounts::mine),
    "/account/password" => post(accounts::change_password),
    "/account/email" => post(accounts::change_email),
    "/admin/users" => get(accounts::list).post(accounts::create),
    "/admin/users/new" => get(accounts::new_form),
    "/admin/users/{id}" => get(accounts::edit_form).post(accounts::update),
    "/admin/users/{id}/password" => post(accounts::reset_password),
    "/audit" => get(audit::list),
    "/registers/{code}" => get(reports::registers_page),
    "/registers/{code}/submit" => post(reports::submit_register),
    "/registers/{code}/targets" => get(reports::targets_page).post(reports::save_targets),
    "/district-report/{code}" => get(reports::district_report_page).post(reports::submit_district_report),
    "/kpi" => get(kpi::kpi_national),
    "/kpi/{code}" => get(kpi::kpi_area),
    "/kpi/{code}/designate" => post(kpi::designate),
    "/kpi/{code}/agree" => post(kpi::agree),
    "/kpi/lao/{id}" => get(kpi::kpi_lao).post(kpi::submit_monthly),
    "/kpi/lao/{id}/work-plan" => post(kpi::save_work_plan),
    "/kpi-chain" => get(kpi_chain::chain_national),
    "/kpi/{code}/chain" => get(kpi_chain::chain_area),
    "/kpi/{code}/chain/export/{file}" => get(kpi_chain::export_forward),
    "/kpi/{code}/forward" => post(kpi_chain::forward_reports),
    "/kpi/review/{id}" => post(kpi_chain::review_report),
    "/registers/{code}/export/{file}" => get(report_exports::export_register),
    "/district-report/{code}/export/{file}" => get(report_exports::export_district_report),
    "/kpi/lao/{id}/export/{file}" => get(report_exports::export_monthly),
    "/kpi-export/{file}" => get(report_exports::export_rollup),
    "/kpi-settings" => get(kpi::settings_page).post(kpi::save_settings),
    "/plans" => post(plans::open),
    "/plans/{id}" => get(plans::page),
    "/plans/{id}/projects" => post(plans::add_project),
    "/plans/{id}/forums" => post(plans::add_forum),
    "/plans/{id}/adopt" => post(plans::adopt),
    "/plans/{id}/item" => post(plans::update_item),
    "/plans/{id}/remove" => post(plans::remove),
    "/plans/{id}/merge" => post(plans::merge),
    "/plans/{id}/step" => post(plans::step),
    "/plans/{id}/milestones" => post(plans::milestones),
    "/plans/{id}/carry" => post(plans::carry_forward),
    "/plans/{id}/route" => post(plans::route),
    "/plans/{id}/issues" => post(plans::add_issue),
    "/plans/{id}/template.xlsx" => get(plan_excel::template),
    "/plans/{id}/import" => post(plan_excel::import),
    "/plans/{id}/assess" => post(plans::assess),
    "/plans/{id}/to-province" => get(to_province::send_page).post(to_province::send),
    "/areas/{code}/district-plans" => get(to_province::received),
    "/plans/{id}/sources" => get(province_sources::page),
    "/district-report-settings" => get(plan_components::page).post(plan_components::save),
    "/plans/{id}/budget-requests" => get(budget_requests::of_plan).post(budget_requests::record),
    "/laos/{id}/budget-requests" => get(budget_requests::of_lao),
    "/budget-requests/{id}/answer" => post(budget_requests::answer),
    // issue 11: a plan's own projects
    "/plans/{id}/own" => post(plans::add_own),
    "/plans/{id}/own/import" => post(plans::import_own),
    "/plans/{id}/own/{project}" => post(plans::update_own),
    "/plans/{id}/own/{project}/delete" => post(plans::delete_own),
    "/plans/{id}/book.docx" => get(documents::book_docx),
    "/plans/{id}/book.xlsx" => get(documents::book_xlsx),
    "/plans/{id}/book.csv" => get(documents::book_csv),
    "/plans/{id}/model" => post(documents::mark_model),
    "/projects/{id}" => get(projects::page).post(projects::update),
    "/projects/{id}/edit" => get(projects::edit),
    "/projects/{id}/progress" => post(projects::report_progress),
    "/areas/{code}/committees" => get(committees::of_area),
    "/areas/{code}/shared-tambons" => get(shared_tambons::show).post(shared_tambons::save),
    "/laos/{id}/committees" => get(committees::of_lao),
    // issue 11: communities
    "/laos/{id}/communities" => get(communities::show).post(communities::add),
    "/laos/{id}/communities/import" => post(communities::import),
    "/communities/{code}/rename" => post(communities::rename),
    "/communities/{code}/end" => post(communities::end),
    "/committees/{id}" => get(committee::show),
    "/committees/{id}/meetings" => post(committee::record_meeting),
    "/committees/orders/new" => get(committees::new_order),
    "/committees/orders" => post(committees::record),
    "/calendar" => get(calendar::page),
    "/calendar/years" => post(calendar::create_year),
    "/calendar/deadlines" => post(calendar::add),
    "/calendar/deadlines/{id}" => post(calendar::set_due),
    "/notifications" => get(notifications::list),
    "/notifications/read" => post(notifications::mark_read),
}
