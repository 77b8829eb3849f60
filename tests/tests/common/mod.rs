//! Helpers shared by the integration tests: the two stores, the routers, and HTTP calls without a server.
#![allow(dead_code)] // each test binary uses a different subset

use std::{sync::Arc, time::Duration};

use axum::{
    Router,
    body::Body,
    http::{Method, Request, StatusCode, header::CONTENT_TYPE},
};
use http_body_util::BodyExt;
use serde_json::Value;
use studio_api::{AppState, DevIdentity};
use studio_chat::{ChatModel, ChatState, planner::Planner};
use studio_domain::{Services, Store, StudioId};
use studio_store::{DynamoStore, EmbeddedStore};
use tower::ServiceExt;

/// Says once per test binary, on the real stderr (libtest captures only the print macros), why some cases
/// did nothing.
pub fn skipping(once: &'static std::sync::Once, why: &str) {
    use std::io::Write;
    once.call_once(|| {
        let _ = writeln!(std::io::stderr(), "skipped: {why}");
    });
}

/// The endpoint of moto's DynamoDB server, which `cargo xtask test` starts; `None` (the DynamoDB cases are
/// skipped, and say so) when it is not configured, as under a plain `cargo test`.
pub fn dynamodb_url() -> Option<String> {
    static SAID: std::sync::Once = std::sync::Once::new();
    let url = std::env::var("STUDIO_TEST_DYNAMODB_URL").ok();
    if url.is_none() {
        skipping(
            &SAID,
            "the DynamoDB cases, since STUDIO_TEST_DYNAMODB_URL is not set (`cargo xtask test` starts moto's server and sets it)",
        );
    }
    url
}

/// A fresh embedded store in a temporary directory (kept alive by the returned guard).
pub fn embedded_store() -> (Arc<dyn Store>, tempfile::TempDir) {
    let dir = tempfile::tempdir().expect("temp dir");
    let store = EmbeddedStore::open(&dir.path().join("studio.redb")).expect("open store");
    (Arc::new(store), dir)
}

/// A fresh table on moto's DynamoDB server, so tests never see each other's data; `None` when no server is
/// configured. A configured server that does not answer fails the test.
pub async fn dynamo_store() -> Option<Arc<dyn Store>> {
    let url = dynamodb_url()?;
    let table = format!(
        "t-{}",
        studio_domain::UlidGen::default().new_id().to_lowercase()
    );
    let store = DynamoStore::at_endpoint(&url, table);
    store.create_table().await.unwrap_or_else(|e| {
        panic!("STUDIO_TEST_DYNAMODB_URL={url} is set but creating a table failed: {e}")
    });
    Some(Arc::new(store))
}

pub use studio_domain::IdGen;

pub const STUDIO_A: &str = "studio-a";
pub const STUDIO_B: &str = "studio-b";

fn app_state(store: Arc<dyn Store>) -> AppState {
    AppState {
        services: Services::new(store),
        auth: Arc::new(DevIdentity {
            default: StudioId::parse(STUDIO_A).expect("valid"),
        }),
    }
}

/// The API and chat routers over `store`, with `model` as the assistant. Callers are studio A unless a call
/// names another studio.
pub fn router_with(store: Arc<dyn Store>, model: Arc<dyn ChatModel>) -> Router {
    router_with_budget(store, model, studio_chat::http::TURN_BUDGET)
}

/// The routers with a turn budget of `budget` (a short one, to test a model that hangs).
pub fn router_with_budget(
    store: Arc<dyn Store>,
    model: Arc<dyn ChatModel>,
    budget: Duration,
) -> Router {
    router_with_chat(store, model, |chat| chat.with_turn_budget(budget))
}

/// The routers, with the chat function's settings changed by `configure`.
pub fn router_with_chat(
    store: Arc<dyn Store>,
    model: Arc<dyn ChatModel>,
    configure: impl FnOnce(ChatState) -> ChatState,
) -> Router {
    let app = app_state(store);
    let chat = configure(ChatState::new(app.clone(), model));
    studio_api::app(app).merge(studio_chat::app(chat))
}

pub fn router(store: Arc<dyn Store>) -> Router {
    router_with(store, Arc::new(Planner))
}

/// Sends one request through the router (no network) and returns the status and the JSON body.
pub async fn call(
    router: &Router,
    method: Method,
    uri: &str,
    body: Option<Value>,
    studio: &str,
) -> (StatusCode, Value) {
    let mut request = Request::builder()
        .method(method)
        .uri(uri)
        .header("x-studio", studio);
    let body = match body {
        Some(json) => {
            request = request.header(CONTENT_TYPE, "application/json");
            Body::from(json.to_string())
        }
        None => Body::empty(),
    };
    send(router, request.body(body).expect("request")).await
}

pub async fn send(router: &Router, request: Request<Body>) -> (StatusCode, Value) {
    let response = router.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let bytes = response
        .into_body()
        .collect()
        .await
        .expect("body")
        .to_bytes();
    let json = if bytes.is_empty() {
        Value::Null
    } else {
        serde_json::from_slice(&bytes)
            .unwrap_or(Value::String(String::from_utf8_lossy(&bytes).into()))
    };
    (status, json)
}

/// Sends `message` to the assistant as studio A and returns the answer, which must be a 200.
pub async fn chat(router: &Router, message: &str) -> Value {
    let body = Some(serde_json::json!({ "message": message }));
    let (status, answer) = call(router, Method::POST, "/api/chat", body, STUDIO_A).await;
    assert_eq!(status, StatusCode::OK, "{answer}");
    answer
}

/// Confirms the one proposal of an assistant's answer, as its person would in the panel: the decision (`action`,
/// `invalidations`, `summary`).
pub async fn confirm(router: &Router, answer: &Value) -> Value {
    let pending = answer["pending"]
        .as_array()
        .unwrap_or_else(|| panic!("no proposal in {answer}"));
    assert_eq!(pending.len(), 1, "{answer}");
    let uri = format!(
        "/api/chat/pending/{}/confirm",
        pending[0]["id"].as_str().unwrap()
    );
    let (status, decision) = call(router, Method::POST, &uri, None, STUDIO_A).await;
    assert_eq!(status, StatusCode::OK, "{decision}");
    assert_eq!(decision["pending"]["status"], "confirmed", "{decision}");
    decision
}

/// Sends a request that the assistant may only propose (a deletion, a cancellation, billing), checks that
/// nothing was done, and confirms it: the decision.
pub async fn chat_confirmed(router: &Router, message: &str) -> Value {
    let answer = chat(router, message).await;
    assert_eq!(
        answer["invalidations"],
        serde_json::json!([]),
        "nothing is done before a confirmation: {answer}"
    );
    confirm(router, &answer).await
}

/// Polls `check` until it returns `Some`, or panics after `timeout` saying what was awaited.
pub async fn eventually<T, F, Fut>(what: &str, timeout: Duration, check: F) -> T
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    match within(timeout, check).await {
        Some(value) => value,
        None => panic!("timed out waiting for {what}"),
    }
}

/// Polls `check` until it returns `Some`; `None` once `timeout` has passed.
pub async fn within<T, F, Fut>(timeout: Duration, mut check: F) -> Option<T>
where
    F: FnMut() -> Fut,
    Fut: std::future::Future<Output = Option<T>>,
{
    let deadline = tokio::time::Instant::now() + timeout;
    loop {
        if let Some(value) = check().await {
            return Some(value);
        }
        if tokio::time::Instant::now() >= deadline {
            return None;
        }
        tokio::task::yield_now().await;
        tokio::time::sleep(Duration::from_millis(50)).await;
    }
}

/// Runs each test body once on the embedded store and once on DynamoDB (moto).
#[macro_export]
macro_rules! on_both_stores {
    ($($(#[$meta:meta])* fn $name:ident($store:ident) $body:block)*) => {$(
        mod $name {
            use super::*;

            $(#[$meta])*
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn embedded() {
                let (store, _dir) = common::embedded_store();
                let $store: std::sync::Arc<dyn studio_domain::Store> = store;
                $body
            }

            $(#[$meta])*
            #[tokio::test(flavor = "multi_thread", worker_threads = 4)]
            async fn dynamodb() {
                let Some(store) = common::dynamo_store().await else {
                    return;
                };
                let $store: std::sync::Arc<dyn studio_domain::Store> = store;
                $body
            }
        }
    )*};
}
pub mod browser;
pub mod scripted;
