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

#[tokio::test]
async fn pages_carry_the_security_headers_with_the_loaders_hash_and_reports_are_taken_without_sign_in()
 {
    let (store, _data) = common::embedded_store();
    let dist = tempfile::tempdir().unwrap();
    let html = "<html><script type=\"module\">import init from '/a.js';</script></html>";
    std::fs::write(dist.path().join("index.html"), html).unwrap();
    let router = studio_local::router(Services::new(store), Arc::new(Planner), dist.path());

    let response = tower::ServiceExt::oneshot(
        router.clone(),
        Request::get("/invoices").body(Body::empty()).unwrap(),
    )
    .await
    .unwrap();
    let header = |name: &str| {
        response
            .headers()
            .get(name)
            .map(|v| v.to_str().unwrap().to_owned())
    };
    let csp = header("content-security-policy").expect("a CSP");
    let hash = studio_local::csp::script_hashes(html).pop().unwrap();
    assert!(
        csp.contains(&format!("script-src 'self' {hash} 'wasm-unsafe-eval';")),
        "{csp}"
    );
    assert!(
        csp.contains("frame-ancestors 'none'") && csp.contains("report-uri /api/csp-report"),
        "{csp}"
    );
    assert_eq!(header("x-content-type-options").as_deref(), Some("nosniff"));

    // Rebuilt while the stack runs: the new loader's hash, not the old one.
    let rebuilt = "<html><script type=\"module\">import init from '/b.js';</script></html>";
    std::fs::write(dist.path().join("index.html"), rebuilt).unwrap();
    let response = tower::ServiceExt::oneshot(
        router.clone(),
        Request::get("/").body(Body::empty()).unwrap(),
    )
    .await
    .unwrap();
    let csp = response.headers()["content-security-policy"]
        .to_str()
        .unwrap();
    let new_hash = studio_local::csp::script_hashes(rebuilt).pop().unwrap();
    assert!(
        csp.contains(&format!("script-src 'self' {new_hash} 'wasm-unsafe-eval';"))
            && !csp.contains(&hash),
        "{csp}"
    );

    // A script is no page: no policy read for it.
    std::fs::write(dist.path().join("b.js"), "export default 1;").unwrap();
    let script = tower::ServiceExt::oneshot(
        router.clone(),
        Request::get("/b.js").body(Body::empty()).unwrap(),
    )
    .await
    .unwrap();
    assert_eq!(script.status(), StatusCode::OK);
    assert!(script.headers().get("content-security-policy").is_none());
    assert_eq!(script.headers()["x-content-type-options"], "nosniff");

    let report = Request::post("/api/csp-report")
        .header("content-type", "application/csp-report")
        .body(Body::from(
            r#"{"csp-report":{"violated-directive":"style-src"}}"#,
        ))
        .unwrap();
    let (status, _) = common::send(&router, report).await;
    assert_eq!(status, StatusCode::NO_CONTENT);
}

/// The template's CSP is the local stack's, its two holes filled by the deploy's parameters.
#[test]
fn the_templates_policy_is_the_one_the_local_stack_serves() {
    let template = std::fs::read_to_string(concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../infra/template.yaml"
    ))
    .unwrap();
    let line = template
        .lines()
        .find_map(|l| l.trim().strip_prefix("ContentSecurityPolicy: !Sub \""))
        .expect("the template sets a CSP");
    let deployed = line
        .trim_end_matches('"')
        .replace("'${SpaScriptHash}'", "{scripts}")
        .replace(
            "https://${AuthDomainPrefix}.auth.${AWS::Region}.amazoncognito.com",
            "{auth}",
        );
    assert_eq!(deployed, studio_local::csp::POLICY);
}
