//! The assistant's greeting shows a few things to ask: each one, in French and in English, is understood by
//! the offline assistant on the demo data — it acts (or answers) and nothing fails.

mod common;

use std::sync::Arc;

use axum::http::{Method, StatusCode};
use common::call;
use serde_json::json;
use studio_chat::planner::Planner;
use studio_domain::Services;
use studio_frontend::i18n::{EN, FR};
use studio_store::EmbeddedStore;

#[tokio::test]
async fn every_example_in_the_greeting_is_understood_by_the_offline_assistant() {
    for texts in [&FR, &EN] {
        let dir = tempfile::tempdir().unwrap();
        let services = Services::new(Arc::new(
            EmbeddedStore::open(&dir.path().join("greeting.redb")).unwrap(),
        ));
        studio_local::seed::seed(&services).await.unwrap();
        let router = studio_local::router(services, Arc::new(Planner), dir.path());
        for example in texts.assistant_examples {
            let body = Some(json!({ "message": example, "locale": texts.lang }));
            let (status, answer) = call(
                &router,
                Method::POST,
                "/api/chat",
                body,
                studio_local::DEMO_STUDIO,
            )
            .await;
            assert_eq!(status, StatusCode::OK, "{example}: {answer}");
            let actions = answer["actions"].as_array().unwrap();
            assert!(
                !actions.is_empty() && actions.iter().all(|a| a["ok"] == true),
                "{example}: {answer}"
            );
        }
    }
}
