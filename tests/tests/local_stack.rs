//! The local stack's own routes: the SPA's runtime config, deep links, and JSON 404s under /api.

mod common;

use std::sync::Arc;

use axum::body::Body;
use axum::http::{Request, StatusCode};
use serde_json::json;
use studio_chat::planner::Planner;
use studio_domain::Services;

#[tokio::test]
async fn deep_links_serve_the_app_and_the_config_names_the_demo_studios() {
    let (store, _data) = common::embedded_store();
    let dist = tempfile::tempdir().unwrap();
    std::fs::write(dist.path().join("index.html"), "<html>studio</html>").unwrap();
    let router = studio_local::router(Services::new(store), Arc::new(Planner), dist.path());

    let get = |uri: &str| Request::get(uri).body(Body::empty()).unwrap();
    let (status, config) = common::send(&router, get("/config.json")).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        config,
        json!({"auth": {"kind": "dev", "studios": ["demo", "demo-2"]}})
    );

    let (status, page) = common::send(&router, get("/calendar")).await;
    assert_eq!(
        (status, page),
        (StatusCode::OK, json!("<html>studio</html>")),
        "a deep link is the app, not a 404"
    );

    let (status, error) = common::send(&router, get("/api/nope")).await;
    assert_eq!(
        (status, error["error"]["code"].clone()),
        (StatusCode::NOT_FOUND, json!("no_route"))
    );
}
