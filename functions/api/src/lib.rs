//! The API function: `app(state)` is the one router used by the Lambda entry point, the local stack and the tests.

pub mod availability;
pub mod crud;
pub mod dashboard;
pub mod edge;
pub mod error;
pub mod extract;
pub mod feed;
pub mod history;
pub mod identity;
pub mod invoices;
pub mod lambda;
pub mod payments;
pub mod print;
pub mod projects;
pub mod quotes;
pub mod settings;

use std::sync::Arc;

use axum::{
    Router,
    extract::DefaultBodyLimit,
    middleware,
    routing::{get, post},
};
use studio_domain::{
    Services, clients::Clients, equipment::EquipmentService, invoices::Invoices,
    projects::Projects, quotes::Quotes, rooms::Rooms, sessions::Sessions,
};

pub use error::ApiError;
pub use extract::{Caller, JsonBody};
pub use identity::{Authenticate, DevIdentity, JwtClaims};

/// Request bodies larger than this are refused with 413 before any parsing.
pub const BODY_LIMIT: usize = 64 * 1024;

/// What every handler needs: the domain's ports and the way to tell who is calling.
#[derive(Clone)]
pub struct AppState {
    pub services: Services,
    pub auth: Arc<dyn Authenticate>,
}

/// A browser's report of a Content-Security-Policy violation (the SPA's policy names this as its `report-uri`):
/// logged, never stored. Unauthenticated, as browsers send it; the body limit bounds it.
async fn csp_report(body: String) -> axum::http::StatusCode {
    let report: String = body.chars().take(2000).collect();
    tracing::warn!(%report, "Content-Security-Policy violation");
    axum::http::StatusCode::NO_CONTENT
}

pub fn app(state: AppState) -> Router {
    Router::new()
        .route("/api/health", get(|| async { "ok" }))
        .route("/api/csp-report", post(csp_report))
        .merge(crud::routes::<Clients>("/api/clients"))
        .merge(crud::routes::<Rooms>("/api/rooms"))
        .merge(crud::routes::<EquipmentService>("/api/equipment"))
        .merge(crud::routes::<Sessions>("/api/sessions"))
        .merge(crud::routes::<Invoices>("/api/invoices"))
        .merge(crud::routes::<Projects>("/api/projects"))
        .merge(crud::routes::<Quotes>("/api/quotes"))
        .route("/api/quotes/{id}/invoice", post(quotes::invoice))
        .route("/api/quotes/{id}/{step}", post(quotes::step))
        .route("/api/projects/{id}/tracks", post(projects::add_track))
        .route(
            "/api/projects/{id}/tracks/{track}",
            axum::routing::patch(projects::update_track).delete(projects::remove_track),
        )
        .route("/api/invoices/from-sessions", post(invoices::from_sessions))
        .route("/api/invoices/{id}/issue", post(invoices::issue))
        .route("/api/invoices/{id}/print", get(print::invoice))
        .route(
            "/api/invoices/{id}/credit-note",
            post(invoices::credit_note),
        )
        .route("/api/payments", get(payments::list).post(payments::record))
        .route("/api/payments/{id}", get(payments::read))
        .route("/api/payments/{id}/reverse", post(payments::reverse))
        .route("/api/clients/{id}/balance", get(payments::client_balance))
        .route("/api/revenue", get(payments::revenue))
        .route("/api/dashboard", get(dashboard::read))
        .route("/api/rooms/{id}/availability", get(availability::room))
        .route("/api/changes", get(feed::changes))
        .route("/api/activity", get(history::list))
        .route("/api/activity/{id}/undo", post(history::undo))
        .route("/api/settings", get(settings::read).put(settings::write))
        .layer(DefaultBodyLimit::max(BODY_LIMIT))
        .layer(middleware::from_fn(edge::edge))
        .with_state(state)
}
