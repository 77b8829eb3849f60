//! A chat-completions server on loopback that answers with scripted replies, in order, and records every
//! request: the OpenAI-compatible provider is tested through real HTTP.

use std::{
    collections::VecDeque,
    sync::{Arc, Mutex},
};

use axum::{Json, Router, extract::State, http::StatusCode, routing::post};
use serde_json::{Value, json};
use studio_chat::{
    ChatModel,
    openai::{ApiKey, OpenAi, OpenAiConfig},
};

/// A chat-completions server that answers with scripted replies, in order, and records every request.
#[derive(Clone, Default)]
pub struct Script {
    pub replies: Arc<Mutex<VecDeque<(StatusCode, Value)>>>,
    pub requests: Arc<Mutex<Vec<Value>>>,
    pub authorizations: Arc<Mutex<Vec<String>>>,
}

impl Script {
    pub fn requests(&self) -> Vec<Value> {
        self.requests.lock().unwrap().clone()
    }
}

pub fn tool_call(id: &str, name: &str, arguments: Value) -> (StatusCode, Value) {
    let call = json!({"id": id, "type": "function", "function": {"name": name, "arguments": arguments.to_string()}});
    (
        StatusCode::OK,
        json!({"choices": [{"index": 0, "finish_reason": "tool_calls", "message": {"role": "assistant", "content": null, "tool_calls": [call]}}]}),
    )
}

pub fn text(content: &str) -> (StatusCode, Value) {
    (
        StatusCode::OK,
        json!({"choices": [{"index": 0, "finish_reason": "stop", "message": {"role": "assistant", "content": content}}]}),
    )
}

async fn completions(
    State(script): State<Script>,
    headers: axum::http::HeaderMap,
    Json(body): Json<Value>,
) -> (StatusCode, Json<Value>) {
    script.requests.lock().unwrap().push(body);
    let auth = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .unwrap_or_default()
        .to_owned();
    script.authorizations.lock().unwrap().push(auth);
    let (status, reply) = script.replies.lock().unwrap().pop_front().unwrap_or((
        StatusCode::INTERNAL_SERVER_ERROR,
        json!({"error": "script exhausted"}),
    ));
    (status, Json(reply))
}

/// Starts the server with `replies`; returns it and a model that talks to it.
pub async fn start(replies: Vec<(StatusCode, Value)>) -> (Script, Arc<dyn ChatModel>) {
    let script = Script {
        replies: Arc::new(Mutex::new(replies.into())),
        ..Script::default()
    };
    let server = Router::new()
        .route("/v1/chat/completions", post(completions))
        .with_state(script.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}/v1", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, server).await.unwrap() });
    let model = OpenAi::new(OpenAiConfig {
        base_url,
        model: "scripted".into(),
        api_key: ApiKey::Plain("sk-test".into()),
    });
    (script, Arc::new(model))
}

/// The tool results a request carried back to the model.
pub fn tool_results(request: &Value) -> Vec<Value> {
    request["messages"]
        .as_array()
        .unwrap()
        .iter()
        .filter(|m| m["role"] == "tool")
        .map(|m| serde_json::from_str(m["content"].as_str().unwrap()).unwrap())
        .collect()
}
