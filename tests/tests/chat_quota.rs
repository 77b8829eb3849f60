//! A studio's daily allowance of assistant turns: past it, the chat answers 429 with a sentence saying so and
//! runs nothing; other studios keep theirs; a request refused for it can be retried with its id later.

mod common;

use std::sync::Arc;

use axum::http::{Method, StatusCode};
use common::{STUDIO_A, STUDIO_B, call};
use serde_json::json;
use studio_chat::planner::Planner;

on_both_stores! {
    fn past_the_daily_allowance_the_assistant_says_so_and_runs_nothing(store) {
        let router = common::router_with_chat(store, Arc::new(Planner), |chat| chat.with_daily_turns(2));
        for _ in 0..2 {
            let (status, _) = call(&router, Method::POST, "/api/chat", Some(json!({"message": "Combien de clients ?"})), STUDIO_A).await;
            assert_eq!(status, StatusCode::OK);
        }
        let create = json!({"message": "Crée un client nommé Léa Martin", "request_id": "late-1"});
        let (status, refused) = call(&router, Method::POST, "/api/chat", Some(create.clone()), STUDIO_A).await;
        assert_eq!(status, StatusCode::TOO_MANY_REQUESTS, "{refused}");
        assert_eq!(refused["error"]["code"], "assistant_cap");
        assert!(refused["error"]["message"].as_str().unwrap().contains("2 requests allowed today"), "{refused}");
        let (_, clients) = call(&router, Method::GET, "/api/clients", None, STUDIO_A).await;
        assert_eq!(clients["items"], json!([]), "nothing ran");
        // The same request again is refused the same way (its id was not kept as running).
        let (status, again) = call(&router, Method::POST, "/api/chat", Some(create), STUDIO_A).await;
        assert_eq!((status, again["error"]["code"].as_str()), (StatusCode::TOO_MANY_REQUESTS, Some("assistant_cap")));
        let (status, _) = call(&router, Method::POST, "/api/chat", Some(json!({"message": "Combien de clients ?"})), STUDIO_B).await;
        assert_eq!(status, StatusCode::OK, "another studio has its own allowance");
    }
}
