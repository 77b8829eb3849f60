//! The local stack: the same routers as the Lambdas, in one process, behind one port that also serves the SPA.

pub mod csp;
pub mod scale;
pub mod seed;

use std::{path::Path, sync::Arc};

use axum::http::{
    HeaderValue,
    header::{CONTENT_SECURITY_POLICY, CONTENT_TYPE, REFERRER_POLICY, X_CONTENT_TYPE_OPTIONS},
};
use axum::{
    Router,
    routing::{any, get},
};
use studio_api::{ApiError, AppState, DevIdentity};
use studio_chat::{ChatModel, ChatState};
use studio_domain::{Services, StudioId};
use tower::ServiceBuilder;
use tower_http::{
    services::{ServeDir, ServeFile},
    set_header::SetResponseHeaderLayer,
};

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
    let index = dist.join("index.html");
    let spa = ServeDir::new(dist).fallback(ServeFile::new(&index));
    // The headers CloudFront adds in production (but HSTS, meaningless over plain HTTP), with the same CSP. Its
    // hash of Trunk's loader is taken from the `index.html` served now, not at start-up: a `trunk build` beside a
    // running stack writes a new loader, which a policy read once would refuse (a blank page until a restart).
    // Read for pages only (a policy governs documents), not for each script, wasm or stylesheet.
    let served = index.clone();
    let policy = move |response: &axum::http::Response<_>| {
        let page = response
            .headers()
            .get(CONTENT_TYPE)
            .is_some_and(|t| t.as_bytes().starts_with(b"text/html"));
        page.then(|| std::fs::read_to_string(&served).unwrap_or_default())
            .and_then(|html| HeaderValue::from_str(&csp::policy(&html, None)).ok())
    };
    let spa = ServiceBuilder::new()
        .layer(SetResponseHeaderLayer::overriding(
            CONTENT_SECURITY_POLICY,
            policy,
        ))
        .layer(SetResponseHeaderLayer::overriding(
            X_CONTENT_TYPE_OPTIONS,
            HeaderValue::from_static("nosniff"),
        ))
        .layer(SetResponseHeaderLayer::overriding(
            REFERRER_POLICY,
            HeaderValue::from_static("strict-origin-when-cross-origin"),
        ))
        .service(spa);
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
