//! OpenAI-compatible chat completions with tools (OpenAI, Ollama, vLLM, llama.cpp server, …).

use async_trait::async_trait;
use serde_json::{Value, json};

use crate::{
    config::LlmConfig,
    model::{ChatModel, Message, ModelReply, ProviderError, Round, ToolCall},
    transport::Transport,
};

pub struct OpenAi {
    config: LlmConfig,
    transport: Transport,
}

impl OpenAi {
    pub fn new(config: LlmConfig) -> Self {
        let transport = Transport::new(config.api_key.clone());
        Self { config, transport }
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
        let url = format!(
            "{}/chat/completions",
            self.config.base_url.trim_end_matches('/')
        );
        let bearer = self
            .transport
            .key()
            .await?
            .map(|key| format!("Bearer {key}"));
        let headers: Vec<(&str, &str)> = bearer
            .as_deref()
            .map(|b| ("authorization", b))
            .into_iter()
            .collect();
        let value = self
            .transport
            .post(&url, &headers, &body, round.deadline)
            .await?;
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
