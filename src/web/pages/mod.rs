//! The HTML pages, one module per part of the product.

mod accounts;
mod areas;
mod audit;
mod committees;
mod signin;

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
        .route("/admin/users", get(accounts::list).post(accounts::create))
        .route("/admin/users/new", get(accounts::new_form))
        .route(
            "/admin/users/{id}",
            get(accounts::edit_form).post(accounts::update),
        )
        .route("/admin/users/{id}/password", post(accounts::reset_password))
        .route("/audit", get(audit::list))
        .route("/areas/{code}/committees", get(committees::of_area))
        .route("/laos/{id}/committees", get(committees::of_lao))
        .route("/committees/{id}", get(committees::show))
        .route("/committees/orders/new", get(committees::new_order))
        .route("/committees/orders", post(committees::record))
}
