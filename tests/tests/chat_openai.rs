//! The OpenAI-compatible provider against a scripted chat-completions server on loopback: real HTTP through
//! reqwest, a real tool loop over several rounds, tool errors and ambiguity reported back to the model.

mod common;

use axum::http::{Method, StatusCode};
use common::{
    STUDIO_A, call, chat,
    scripted::{self, text, tool_call, tool_results},
};
use serde_json::json;

#[tokio::test]
async fn a_tool_call_runs_and_its_result_goes_back_to_the_model_for_the_reply() {
    let (router, script, _dir) = scripted::openai_app(vec![
        tool_call(
            "call_1",
            "create_client",
            json!({"name": "Cache Test", "email": "cache-test@example.com"}),
        ),
        text("C'est fait : Cache Test est créé."),
    ])
    .await;
    let body = chat(
        &router,
        "Crée un nouveau client avec email cache-test@example.com et nom Cache Test",
    )
    .await;

    assert_eq!(body["reply"], "C'est fait : Cache Test est créé.");
    assert_eq!(body["actions"][0]["tool"], "create_client");
    assert_eq!(body["actions"][0]["ok"], true);
    assert_eq!(body["invalidations"][0], json!({"resource": "clients"}));
    let (_, page) = call(&router, Method::GET, "/api/clients", None, STUDIO_A).await;
    assert_eq!(page["items"][0]["email"], "cache-test@example.com");

    let requests = script.requests();
    assert_eq!(requests.len(), 2, "two rounds");
    assert_eq!(requests[0]["model"], "scripted");
    let tools: Vec<&str> = requests[0]["tools"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| t["function"]["name"].as_str().unwrap())
        .collect();
    assert!(
        tools.contains(&"create_client") && tools.contains(&"update_client"),
        "{tools:?}"
    );
    let system = requests[0]["messages"][0]["content"].as_str().unwrap();
    assert!(
        system.contains("Europe/Paris"),
        "the system prompt carries the time zone: {system}"
    );
    let results = tool_results(&requests[1]);
    assert_eq!(results[0]["ok"], true);
    assert_eq!(results[0]["data"]["name"], "Cache Test");
    assert_eq!(
        requests[1]["messages"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|m| m["role"] == "assistant")
            .count(),
        1
    );
    assert_eq!(script.authorizations.lock().unwrap()[0], "Bearer sk-test");
}

#[tokio::test]
async fn a_tool_error_goes_back_to_the_model_and_nothing_is_invalidated() {
    let (router, script, _dir) = scripted::openai_app(vec![
        tool_call(
            "c1",
            "create_client",
            json!({"name": "First", "email": "taken@example.com"}),
        ),
        text("Created First."),
        tool_call(
            "c2",
            "create_client",
            json!({"name": "Second", "email": "taken@example.com"}),
        ),
        text("That email is already used by another client."),
    ])
    .await;
    chat(&router, "Add First with taken@example.com").await;
    let body = chat(&router, "Add Second with taken@example.com").await;

    assert_eq!(body["invalidations"], json!([]));
    assert_eq!(body["actions"][0]["ok"], false);
    let requests = script.requests();
    let results = tool_results(&requests[3]);
    let last = results.last().unwrap();
    assert_eq!(
        (last["ok"].clone(), last["error"]["code"].clone()),
        (json!(false), json!("duplicate"))
    );
    let (_, page) = call(&router, Method::GET, "/api/clients", None, STUDIO_A).await;
    assert_eq!(page["items"].as_array().unwrap().len(), 1);
}

#[tokio::test]
async fn an_ambiguous_name_is_returned_to_the_model_with_the_candidates() {
    let (router, script, _dir) = scripted::openai_app(vec![
        tool_call(
            "c1",
            "create_client",
            json!({"name": "Martin Dupont", "email": "dupont@example.com"}),
        ),
        tool_call("c2", "create_client", json!({"name": "Martin Durand"})),
        tool_call(
            "c3",
            "update_client",
            json!({"client": "Martin", "phone": "0102030405"}),
        ),
        text("Two clients are called Martin: Martin Dupont or Martin Durand?"),
    ])
    .await;
    let body = chat(&router, "Add two Martins, then set Martin's phone").await;

    let requests = script.requests();
    assert_eq!(requests.len(), 4, "four rounds in one turn");
    let results = tool_results(&requests[3]);
    let ambiguity = &results[2];
    assert_eq!(ambiguity["error"]["code"], "ambiguous");
    let candidates: Vec<&str> = ambiguity["error"]["candidates"]
        .as_array()
        .unwrap()
        .iter()
        .map(|c| c["name"].as_str().unwrap())
        .collect();
    assert_eq!(candidates, ["Martin Dupont", "Martin Durand"]);
    assert_eq!(
        body["actions"]
            .as_array()
            .unwrap()
            .iter()
            .map(|a| a["ok"].clone())
            .collect::<Vec<_>>(),
        [json!(true), json!(true), json!(false)]
    );
    assert_eq!(
        body["invalidations"]
            .as_array()
            .unwrap()
            .iter()
            .filter(|i| i.get("id").is_some())
            .count(),
        2
    );
}

#[tokio::test]
async fn writes_made_before_the_model_fails_are_still_invalidated_and_reported() {
    let (router, _script, _dir) = scripted::openai_app(vec![
        tool_call("c1", "create_client", json!({"name": "Kept"})),
        (
            StatusCode::SERVICE_UNAVAILABLE,
            json!({"error": {"message": "overloaded"}}),
        ),
    ])
    .await;
    let body = chat(&router, "Add Kept").await;

    assert_eq!(body["invalidations"][0], json!({"resource": "clients"}));
    let reply = body["reply"].as_str().unwrap();
    assert!(
        reply.contains("unavailable") && reply.contains("Kept"),
        "{reply}"
    );
}

#[tokio::test]
async fn arguments_that_are_not_json_are_reported_to_the_model() {
    let bad = (
        StatusCode::OK,
        json!({"choices": [{"message": {"role": "assistant", "content": null, "tool_calls": [
            {"id": "c1", "type": "function", "function": {"name": "create_client", "arguments": "{name: oops"}}
        ]}}]}),
    );
    let (router, script, _dir) =
        scripted::openai_app(vec![bad, text("Sorry, let me retry later.")]).await;
    let body = chat(&router, "Add oops").await;
    assert_eq!(body["invalidations"], json!([]));
    let results = tool_results(&script.requests()[1]);
    assert_eq!(results[0]["error"]["code"], "bad_arguments");
}
