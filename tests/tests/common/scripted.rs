//! A model server on loopback that answers with scripted replies, in order, and records every request: the
//! providers are tested through real HTTP. It speaks OpenAI's chat completions (`/v1/chat/completions`) and
//! Anthropic's Messages API (`/v1/messages`), and can misbehave as a provider does: a status with
//! `retry-after`, a body that is not JSON, an answer that comes too late.

use std::{
    collections::VecDeque,
    sync::{Arc, Mutex},
    time::{Duration, Instant},
};

use axum::{
    Json, Router,
    extract::State,
    http::{HeaderMap, StatusCode},
    response::{IntoResponse, Response},
    routing::post,
};
use serde_json::{Value, json};
use studio_chat::{
    ChatModel,
    anthropic::Anthropic,
    config::{ApiKey, LlmConfig},
    openai::OpenAi,
};

/// One scripted answer.
#[derive(Clone, Debug)]
pub struct Reply {
    pub status: StatusCode,
    pub body: String,
    pub retry_after: Option<&'static str>,
    /// The server never answers (a provider that hangs).
    pub hangs: bool,
}

impl From<(StatusCode, Value)> for Reply {
    fn from((status, body): (StatusCode, Value)) -> Self {
        Reply {
            status,
            body: body.to_string(),
            retry_after: None,
            hangs: false,
        }
    }
}

/// A failure status with a JSON error body (and `retry-after` when given).
pub fn status(code: u16, retry_after: Option<&'static str>) -> Reply {
    Reply {
        retry_after,
        ..Reply::from((
            StatusCode::from_u16(code).unwrap(),
            json!({"error": {"message": "scripted failure"}}),
        ))
    }
}

/// 200 with a body that is not JSON.
pub fn garbage() -> Reply {
    Reply {
        body: "<html>gateway</html>".into(),
        ..Reply::from((StatusCode::OK, Value::Null))
    }
}

/// A request the server never answers: only the model's own deadline ends the wait.
pub fn hang() -> Reply {
    Reply {
        hangs: true,
        ..Reply::from((StatusCode::OK, Value::Null))
    }
}

/// The server's script and what it received.
#[derive(Clone, Default)]
pub struct Script {
    pub replies: Arc<Mutex<VecDeque<Reply>>>,
    pub requests: Arc<Mutex<Vec<Value>>>,
    /// When each request arrived.
    pub arrivals: Arc<Mutex<Vec<Instant>>>,
    /// The key each request carried (`authorization` or `x-api-key`).
    pub authorizations: Arc<Mutex<Vec<String>>>,
}

impl Script {
    pub fn requests(&self) -> Vec<Value> {
        self.requests.lock().unwrap().clone()
    }

    pub fn arrivals(&self) -> Vec<Instant> {
        self.arrivals.lock().unwrap().clone()
    }
}

/// Which protocol the scripted server and the model speak.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Protocol {
    OpenAi,
    Anthropic,
}

/// A reply asking for one tool call, in `protocol`.
pub fn call_in(protocol: Protocol, id: &str, name: &str, arguments: Value) -> Reply {
    match protocol {
        Protocol::OpenAi => tool_call(id, name, arguments).into(),
        Protocol::Anthropic => (
            StatusCode::OK,
            json!({"id": "msg", "type": "message", "role": "assistant", "stop_reason": "tool_use",
                   "content": [{"type": "tool_use", "id": id, "name": name, "input": arguments}]}),
        )
            .into(),
    }
}

/// A final text reply, in `protocol`.
pub fn text_in(protocol: Protocol, content: &str) -> Reply {
    match protocol {
        Protocol::OpenAi => text(content).into(),
        Protocol::Anthropic => (
            StatusCode::OK,
            json!({"id": "msg", "type": "message", "role": "assistant", "stop_reason": "end_turn",
                   "content": [{"type": "text", "text": content}]}),
        )
            .into(),
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

async fn answer(
    State(script): State<Script>,
    headers: HeaderMap,
    Json(body): Json<Value>,
) -> Response {
    script.requests.lock().unwrap().push(body);
    script.arrivals.lock().unwrap().push(Instant::now());
    let key = ["authorization", "x-api-key"]
        .iter()
        .find_map(|name| headers.get(*name).and_then(|v| v.to_str().ok()))
        .unwrap_or_default()
        .to_owned();
    script.authorizations.lock().unwrap().push(key);
    let reply = script
        .replies
        .lock()
        .unwrap()
        .pop_front()
        .unwrap_or_else(|| {
            Reply::from((
                StatusCode::INTERNAL_SERVER_ERROR,
                json!({"error": "script exhausted"}),
            ))
        });
    if reply.hangs {
        std::future::pending::<()>().await;
    }
    let mut response = (reply.status, reply.body).into_response();
    response
        .headers_mut()
        .insert("content-type", "application/json".parse().unwrap());
    if let Some(seconds) = reply.retry_after {
        response
            .headers_mut()
            .insert("retry-after", seconds.parse().unwrap());
    }
    response
}

/// Starts a server speaking `protocol` with `replies`; returns it and a model that talks to it.
pub async fn start_with(protocol: Protocol, replies: Vec<Reply>) -> (Script, Arc<dyn ChatModel>) {
    let script = Script {
        replies: Arc::new(Mutex::new(replies.into())),
        ..Script::default()
    };
    let server = Router::new()
        .route("/v1/chat/completions", post(answer))
        .route("/v1/messages", post(answer))
        .with_state(script.clone());
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let base_url = format!("http://{}/v1", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, server).await.unwrap() });
    let config = LlmConfig {
        base_url,
        model: "scripted".into(),
        api_key: ApiKey::Plain("sk-test".into()),
    };
    let model: Arc<dyn ChatModel> = match protocol {
        Protocol::OpenAi => Arc::new(OpenAi::new(config)),
        Protocol::Anthropic => Arc::new(Anthropic::new(config)),
    };
    (script, model)
}

/// Starts an OpenAI-compatible server with `replies`.
pub async fn start(replies: Vec<(StatusCode, Value)>) -> (Script, Arc<dyn ChatModel>) {
    start_with(
        Protocol::OpenAi,
        replies.into_iter().map(Reply::from).collect(),
    )
    .await
}

/// A scripted server speaking `protocol`, and the app's routers (on a fresh embedded store, kept alive by the
/// returned directory) wired to it with a turn budget of `budget`.
pub async fn app(
    protocol: Protocol,
    replies: Vec<Reply>,
    budget: Duration,
) -> (axum::Router, Script, tempfile::TempDir) {
    let (script, model) = start_with(protocol, replies).await;
    let (store, dir) = super::embedded_store();
    (super::router_with_budget(store, model, budget), script, dir)
}

/// The same with an OpenAI-compatible server and the usual turn budget.
pub async fn openai_app(
    replies: Vec<(StatusCode, Value)>,
) -> (axum::Router, Script, tempfile::TempDir) {
    let replies = replies.into_iter().map(Reply::from).collect();
    app(Protocol::OpenAi, replies, studio_chat::http::TURN_BUDGET).await
}

/// The tool results a request carried back to the model, in either protocol.
pub fn tool_results(request: &Value) -> Vec<Value> {
    let messages = request["messages"].as_array().unwrap();
    let openai = messages
        .iter()
        .filter(|m| m["role"] == "tool")
        .map(|m| m["content"].as_str().unwrap().to_owned());
    let anthropic = messages
        .iter()
        .filter_map(|m| m["content"].as_array())
        .flatten()
        .filter(|block| block["type"] == "tool_result")
        .map(|block| block["content"].as_str().unwrap().to_owned());
    openai
        .chain(anthropic)
        .map(|content| serde_json::from_str(&content).unwrap())
        .collect()
}
