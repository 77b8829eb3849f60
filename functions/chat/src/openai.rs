//! OpenAI-compatible chat completions with tools (OpenAI, Ollama, vLLM, llama.cpp server, …) over reqwest.

use std::time::Duration;

use async_trait::async_trait;
use serde_json::{Value, json};

use crate::model::{ChatModel, Message, ModelReply, ProviderError, Round, ToolCall};

#[derive(Clone)]
pub struct OpenAiConfig {
    /// Up to and including `/v1`, e.g. `https://api.openai.com/v1` or `http://127.0.0.1:11434/v1`.
    pub base_url: String,
    pub model: String,
    pub api_key: ApiKey,
}

/// Where the bearer key comes from.
#[derive(Clone, PartialEq, Eq)]
pub enum ApiKey {
    None,
    /// Given directly (local runs: `STUDIO_LLM_API_KEY`).
    Plain(String),
    /// A Secrets Manager secret, read once on first use through the AWS Parameters and Secrets Lambda
    /// Extension (`STUDIO_LLM_API_KEY_SECRET`, on Lambda): the key is never in the template or the environment.
    Secret(String),
}

impl std::fmt::Debug for OpenAiConfig {
    // The key never reaches a log.
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("OpenAiConfig")
            .field("base_url", &self.base_url)
            .field("model", &self.model)
            .finish()
    }
}

impl OpenAiConfig {
    /// `STUDIO_LLM_BASE_URL`, `STUDIO_LLM_MODEL`, and `STUDIO_LLM_API_KEY` or `STUDIO_LLM_API_KEY_SECRET`;
    /// `None` when neither a URL nor a key is set.
    pub fn from_env() -> Option<Self> {
        let var = |name| {
            std::env::var(name)
                .ok()
                .filter(|v: &String| !v.trim().is_empty())
        };
        let base_url = var("STUDIO_LLM_BASE_URL");
        let api_key = match (var("STUDIO_LLM_API_KEY"), var("STUDIO_LLM_API_KEY_SECRET")) {
            (Some(key), _) => ApiKey::Plain(key),
            (None, Some(secret)) => ApiKey::Secret(secret),
            (None, None) => ApiKey::None,
        };
        if base_url.is_none() && api_key == ApiKey::None {
            return None;
        }
        Some(Self {
            base_url: base_url.unwrap_or_else(|| "https://api.openai.com/v1".into()),
            model: var("STUDIO_LLM_MODEL").unwrap_or_else(|| "gpt-4o-mini".into()),
            api_key,
        })
    }
}

pub struct OpenAi {
    config: OpenAiConfig,
    http: reqwest::Client,
    key: tokio::sync::OnceCell<Option<String>>,
}

impl OpenAi {
    pub fn new(config: OpenAiConfig) -> Self {
        let http = reqwest::Client::builder()
            .timeout(Duration::from_secs(60))
            .build()
            .expect("an HTTP client with a timeout builds");
        Self {
            config,
            http,
            key: tokio::sync::OnceCell::new(),
        }
    }
}

fn wire_message(message: &Message) -> Value {
    match message {
        Message::System { content } => json!({ "role": "system", "content": content }),
        Message::User { content } => json!({ "role": "user", "content": content }),
        Message::Assistant {
            content,
            tool_calls,
        } if tool_calls.is_empty() => {
            json!({ "role": "assistant", "content": content })
        }
        Message::Assistant {
            content,
            tool_calls,
        } => json!({
            "role": "assistant",
            "content": content,
            "tool_calls": tool_calls.iter().map(|call| json!({
                "id": call.id,
                "type": "function",
                "function": { "name": call.name, "arguments": arguments_text(&call.arguments) },
            })).collect::<Vec<_>>(),
        }),
        Message::Tool {
            call_id, content, ..
        } => json!({ "role": "tool", "tool_call_id": call_id, "content": content }),
    }
}

fn arguments_text(arguments: &Value) -> String {
    match arguments {
        Value::String(text) => text.clone(),
        other => other.to_string(),
    }
}

/// Reads `choices[0].message` of a chat completion.
fn parse_reply(body: &Value) -> Result<ModelReply, ProviderError> {
    let message = body
        .pointer("/choices/0/message")
        .ok_or_else(|| ProviderError::Malformed("no choices[0].message".into()))?;
    let content = message
        .get("content")
        .and_then(Value::as_str)
        .map(str::to_owned);
    let calls = message
        .get("tool_calls")
        .and_then(Value::as_array)
        .cloned()
        .unwrap_or_default();
    if calls.is_empty() {
        return Ok(ModelReply::Text(content.unwrap_or_default()));
    }
    let calls = calls
        .iter()
        .map(|call| {
            let id = call
                .get("id")
                .and_then(Value::as_str)
                .ok_or_else(|| ProviderError::Malformed("tool call without id".into()))?;
            let function = call
                .get("function")
                .ok_or_else(|| ProviderError::Malformed("tool call without function".into()))?;
            let name = function
                .get("name")
                .and_then(Value::as_str)
                .ok_or_else(|| ProviderError::Malformed("tool call without name".into()))?;
            let raw = function
                .get("arguments")
                .and_then(Value::as_str)
                .unwrap_or("{}");
            // Arguments that are not JSON are passed on as text: the tool reports the error to the model.
            let arguments =
                serde_json::from_str(raw).unwrap_or_else(|_| Value::String(raw.to_owned()));
            Ok(ToolCall {
                id: id.to_owned(),
                name: name.to_owned(),
                arguments,
            })
        })
        .collect::<Result<Vec<_>, ProviderError>>()?;
    Ok(ModelReply::ToolCalls { content, calls })
}

impl OpenAi {
    /// The bearer key, fetched from the secret on first use (not at cold start: most turns of a fresh
    /// container are not the first, and a function that never reaches the model never pays for it).
    async fn key(&self) -> Result<Option<&String>, ProviderError> {
        let key = self
            .key
            .get_or_try_init(|| async {
                match &self.config.api_key {
                    ApiKey::None => Ok(None),
                    ApiKey::Plain(key) => Ok(Some(key.clone())),
                    ApiKey::Secret(arn) => secret(&self.http, arn).await.map(Some),
                }
            })
            .await?;
        Ok(key.as_ref())
    }
}

/// Reads a secret through the Parameters and Secrets Lambda Extension on localhost:2773.
async fn secret(http: &reqwest::Client, arn: &str) -> Result<String, ProviderError> {
    let token = std::env::var("AWS_SESSION_TOKEN").unwrap_or_default();
    let url = reqwest::Url::parse_with_params(
        "http://localhost:2773/secretsmanager/get",
        [("secretId", arn)],
    )
    .map_err(|e| ProviderError::Malformed(e.to_string()))?;
    let response = http
        .get(url)
        .header("X-Aws-Parameters-Secrets-Token", token)
        .send()
        .await
        .map_err(|e| {
            ProviderError::Unreachable(format!("secrets extension: {}", e.without_url()))
        })?;
    if !response.status().is_success() {
        return Err(ProviderError::Refused(format!(
            "secrets extension answered {}",
            response.status()
        )));
    }
    let body: Value = response
        .json()
        .await
        .map_err(|e| ProviderError::Malformed(e.to_string()))?;
    body.get("SecretString")
        .and_then(Value::as_str)
        .map(|s| s.trim().to_owned())
        .ok_or_else(|| ProviderError::Malformed("the secret has no SecretString".into()))
}

#[async_trait]
impl ChatModel for OpenAi {
    #[tracing::instrument(skip_all, fields(model = %self.config.model))]
    async fn respond(&self, round: Round<'_>) -> Result<ModelReply, ProviderError> {
        let tools: Vec<Value> = round
            .tools
            .iter()
            .map(|t| json!({ "type": "function", "function": { "name": t.name, "description": t.description, "parameters": t.parameters } }))
            .collect();
        let body = json!({
            "model": self.config.model,
            "messages": round.messages.iter().map(wire_message).collect::<Vec<_>>(),
            "tools": tools,
            "tool_choice": "auto",
        });
        let mut request = self
            .http
            .post(format!(
                "{}/chat/completions",
                self.config.base_url.trim_end_matches('/')
            ))
            .json(&body);
        if let Some(key) = self.key().await? {
            request = request.bearer_auth(key);
        }
        let response = request
            .send()
            .await
            .map_err(|e| ProviderError::Unreachable(e.without_url().to_string()))?;
        let status = response.status();
        let text = response
            .text()
            .await
            .map_err(|e| ProviderError::Unreachable(e.without_url().to_string()))?;
        if !status.is_success() {
            return Err(ProviderError::Refused(format!(
                "HTTP {status}: {}",
                text.chars().take(300).collect::<String>()
            )));
        }
        let value: Value =
            serde_json::from_str(&text).map_err(|e| ProviderError::Malformed(e.to_string()))?;
        parse_reply(&value)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_completion_with_tool_calls_becomes_tool_calls() {
        let body = json!({"choices": [{"message": {"role": "assistant", "content": null, "tool_calls": [
            {"id": "c1", "type": "function", "function": {"name": "create_client", "arguments": "{\"name\":\"A\"}"}},
            {"id": "c2", "type": "function", "function": {"name": "count_clients", "arguments": "not json"}}
        ]}}]});
        let ModelReply::ToolCalls { calls, .. } = parse_reply(&body).unwrap() else {
            panic!("expected tool calls")
        };
        assert_eq!(calls[0].arguments, json!({"name": "A"}));
        assert_eq!(calls[1].arguments, Value::String("not json".into()));
    }

    #[test]
    fn a_completion_without_choices_is_malformed() {
        assert!(matches!(
            parse_reply(&json!({"error": "x"})),
            Err(ProviderError::Malformed(_))
        ));
    }
}
