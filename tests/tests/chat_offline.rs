//! The assistant with the offline planner, through `POST /api/chat`, on both stores.

mod common;

use axum::{
    body::Body,
    http::{Method, Request, StatusCode},
};
use common::{STUDIO_A, STUDIO_B, call, chat, router, send};
use serde_json::{Value, json};

async fn clients(router: &axum::Router, studio: &str) -> Vec<Value> {
    call(router, Method::GET, "/api/clients", None, studio)
        .await
        .1["items"]
        .as_array()
        .unwrap()
        .clone()
}

on_both_stores! {
    fn the_french_sentence_creates_the_client_and_invalidates_clients(store) {
        let router = router(store);
        let body = chat(&router, "Crée un nouveau client avec email cache-test@example.com et nom Cache Test").await;
        let created = clients(&router, STUDIO_A).await;
        assert_eq!(created.len(), 1);
        assert_eq!((created[0]["name"].clone(), created[0]["email"].clone()), (json!("Cache Test"), json!("cache-test@example.com")));
        let id = created[0]["id"].as_str().unwrap();
        assert_eq!(body["invalidations"], json!([{"resource": "clients"}, {"resource": "clients", "id": id}]));
        // The action says it wrote, what to show for it, and the history record its Undo takes back.
        let (_, history) = call(&router, Method::GET, "/api/activity", None, STUDIO_A).await;
        let record = &history["items"][0];
        assert_eq!(record["via"], json!({"kind": "assistant", "conversation": body["conversation_id"]}));
        assert_eq!(body["actions"], json!([{"tool": "create_client", "ok": true, "summary": body["reply"], "wrote": true, "shows": {"resource": "clients", "id": id}, "activity": record["id"]}]));
        assert!(body["reply"].as_str().unwrap().contains("Cache Test"));
    }

    fn a_duplicate_email_gets_a_reply_saying_why_and_no_write(store) {
        let router = router(store);
        chat(&router, "Crée un nouveau client avec email a@b.fr et nom A B").await;
        let body = chat(&router, "Crée un nouveau client avec email a@b.fr et nom A B").await;
        assert_eq!(body["invalidations"], json!([]));
        assert_eq!(body["actions"][0]["ok"], false);
        assert_eq!(body["actions"][0].get("wrote"), None);
        let reply = body["reply"].as_str().unwrap();
        assert!(reply.contains("a@b.fr") && reply.contains("déjà"), "{reply}");
        assert_eq!(clients(&router, STUDIO_A).await.len(), 1);
    }

    fn renaming_and_changing_an_email_by_name_in_english(store) {
        let router = router(store);
        chat(&router, "Add a client named Cache Test with email cache-test@example.com").await;
        let renamed = chat(&router, "Rename Cache Test to Cache Prod").await;
        assert_eq!(renamed["actions"][0]["ok"], true, "{renamed}");
        let moved = chat(&router, "Change the email of Cache Prod to prod@example.com").await;
        assert_eq!(moved["actions"][0]["ok"], true, "{moved}");
        let all = clients(&router, STUDIO_A).await;
        assert_eq!((all[0]["name"].clone(), all[0]["email"].clone()), (json!("Cache Prod"), json!("prod@example.com")));
        assert_eq!(moved["invalidations"][0], json!({"resource": "clients"}));
    }

    fn an_ambiguous_name_is_reported_and_nothing_changes(store) {
        let router = router(store);
        chat(&router, "Add a client named Martin Dupont").await;
        chat(&router, "Add a client named Martin Durand").await;
        let body = chat(&router, "Renomme Martin en Martin Leroy").await;
        assert_eq!(body["invalidations"], json!([]));
        let reply = body["reply"].as_str().unwrap();
        assert!(reply.contains("Martin Dupont") && reply.contains("Martin Durand") && reply.contains('2'), "{reply}");
        let names: Vec<Value> = clients(&router, STUDIO_A).await.iter().map(|c| c["name"].clone()).collect();
        assert_eq!(names, [json!("Martin Dupont"), json!("Martin Durand")]);
    }

    fn counting_and_searching_read_without_invalidating(store) {
        let router = router(store);
        chat(&router, "Ajoute le client Léa Martin avec l'email lea@example.com").await;
        chat(&router, "Ajoute le client Paul Stone").await;
        let count = chat(&router, "Combien de clients ?").await;
        assert!(count["reply"].as_str().unwrap().contains('2'), "{count}");
        let found = chat(&router, "Cherche lea").await;
        assert!(found["reply"].as_str().unwrap().contains("Léa Martin"), "{found}");
        assert_eq!((count["invalidations"].clone(), found["invalidations"].clone()), (json!([]), json!([])));
    }

    fn the_assistant_acts_in_the_callers_studio_only(store) {
        let router = router(store);
        let body = json!({"message": "Add a client named Only B"});
        let (status, _) = call(&router, Method::POST, "/api/chat", Some(body), STUDIO_B).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(clients(&router, STUDIO_A).await.len(), 0);
        assert_eq!(clients(&router, STUDIO_B).await.len(), 1);
        let search = json!({"message": "find Only B"});
        let (_, found) = call(&router, Method::POST, "/api/chat", Some(search), STUDIO_A).await;
        assert!(found["reply"].as_str().unwrap().starts_with("No client matches"), "{found}");
    }

    fn a_conversation_continues_and_unknown_ones_are_refused(store) {
        let router = router(store);
        let first = chat(&router, "Add a client named Ann").await;
        let id = first["conversation_id"].as_str().unwrap();
        let body = json!({"conversation_id": id, "message": "How many clients?"});
        let (status, second) = call(&router, Method::POST, "/api/chat", Some(body), STUDIO_A).await;
        assert_eq!((status, second["conversation_id"].clone()), (StatusCode::OK, json!(id)));
        let other = json!({"conversation_id": id, "message": "How many clients?"});
        let (status, _) = call(&router, Method::POST, "/api/chat", Some(other), STUDIO_B).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "another studio cannot continue this conversation");
    }
}

#[tokio::test]
async fn chat_accepts_curls_default_content_type_and_refuses_empty_messages() {
    let (store, _dir) = common::embedded_store();
    let router = router(store);
    let request = Request::post("/api/chat")
        .header("content-type", "application/x-www-form-urlencoded")
        .body(Body::from(
            r#"{"message":"Crée un nouveau client avec email a@b.fr et nom A B"}"#,
        ))
        .unwrap();
    let (status, body) = send(&router, request).await;
    assert_eq!(status, StatusCode::OK, "{body}");
    assert_eq!(body["invalidations"][0], json!({"resource": "clients"}));
    let (status, body) = call(
        &router,
        Method::POST,
        "/api/chat",
        Some(json!({"message": "  "})),
        STUDIO_A,
    )
    .await;
    assert_eq!(
        (status, body["error"]["code"].clone()),
        (StatusCode::UNPROCESSABLE_ENTITY, json!("validation"))
    );
}
