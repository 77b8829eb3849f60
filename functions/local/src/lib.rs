//! The local stack: the same routers as the Lambdas, in one process, behind one port that also serves the SPA.

pub mod scale;
pub mod seed;

use std::{path::Path, sync::Arc};

use axum::{
    Router,
    routing::{any, get},
};
use studio_api::{ApiError, AppState, DevIdentity};
use studio_chat::{ChatModel, ChatState};
use studio_domain::{Services, StudioId};
use tower_http::services::{ServeDir, ServeFile};

/// The studio everyone is locally, unless the `x-studio` header says otherwise.
pub const DEMO_STUDIO: &str = "demo";
/// A second studio, to see isolation at work by hand.
pub const OTHER_STUDIO: &str = "demo-2";

/// The whole local app: `/api/*` to the handlers, anything else to the SPA (with `index.html` as fallback so
/// deep links work).
pub fn router(services: Services, model: Arc<dyn ChatModel>, dist: &Path) -> Router {
    let auth = Arc::new(DevIdentity {
        default: StudioId::parse(DEMO_STUDIO).expect("valid id"),
    });
    let app_state = AppState { services, auth };
    let chat_state = ChatState::new(app_state.clone(), model);
    // `fallback`, not `not_found_service`: a deep link is a page of the app, served with 200, not a 404.
    let spa = ServeDir::new(dist).fallback(ServeFile::new(dist.join("index.html")));
    Router::new()
        .merge(studio_api::app(app_state))
        .merge(studio_chat::app(chat_state))
        // The SPA's runtime config: locally a dev identity, switchable between the two demo studios.
        .route(
            "/config.json",
            get(|| async {
                axum::Json(serde_json::json!({
                    "auth": {"kind": "dev", "studios": [DEMO_STUDIO, OTHER_STUDIO]}
                }))
            }),
        )
        .route(
            "/api/{*rest}",
            any(|| async { ApiError::new(studio_wire::Problem::NoRoute) })
                .layer(axum::middleware::from_fn(studio_api::edge::edge)),
        )
        .fallback_service(spa)
}
