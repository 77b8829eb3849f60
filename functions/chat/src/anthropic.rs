//! Anthropic's Messages API with tools: the system prompt at the top level, tool calls as `tool_use` blocks
//! and their results as `tool_result` blocks (with `is_error`) in the next user message; stop reasons it does
//! not know are tolerated — the blocks say what to do.

use async_trait::async_trait;
use serde_json::{Value, json};

use crate::{
    config::LlmConfig,
    model::{ChatModel, Message, ModelReply, ProviderError, Round, ToolCall},
    transport::Transport,
};

/// The API version the requests are written for.
const VERSION: &str = "2023-06-01";
const MAX_TOKENS: u32 = 1024;

pub struct Anthropic {
    config: LlmConfig,
    transport: Transport,
}

impl Anthropic {
    pub fn new(config: LlmConfig) -> Self {
        let transport = Transport::new(config.api_key.clone());
        Self { config, transport }
    }
}

/// A tool's result is an error when the tool said `ok: false`.
fn is_error(content: &str) -> bool {
    serde_json::from_str::<Value>(content).is_ok_and(|v| v.get("ok") == Some(&Value::Bool(false)))
}

/// The arguments as the object `tool_use.input` must be.
fn input(arguments: &Value) -> Value {
    match arguments {
        Value::Object(_) => arguments.clone(),
        Value::String(text) => serde_json::from_str(text)
            .ok()
            .filter(Value::is_object)
            .unwrap_or_else(|| json!({})),
        _ => json!({}),
    }
}

/// The system prompt and the messages, as the Messages API takes them: roles alternate, so consecutive blocks
/// of one role (tool results, then a user's words) go into one message.
fn wire(messages: &[Message]) -> (String, Vec<Value>) {
    let mut system = Vec::new();
    let mut out: Vec<(&str, Vec<Value>)> = Vec::new();
    for message in messages {
        let (role, blocks) = match message {
            Message::System { content } => {
                system.push(content.as_str());
                continue;
            }
            Message::User { content } => ("user", vec![json!({"type": "text", "text": content})]),
            Message::Assistant {
                content,
                tool_calls,
            } => {
                let text = content.as_deref().filter(|t| !t.trim().is_empty());
                let mut blocks: Vec<Value> = text
                    .map(|t| json!({"type": "text", "text": t}))
                    .into_iter()
                    .collect();
                blocks.extend(tool_calls.iter().map(|call| {
                    json!({"type": "tool_use", "id": call.id, "name": call.name, "input": input(&call.arguments)})
                }));
                if blocks.is_empty() {
                    blocks.push(json!({"type": "text", "text": "…"}));
                }
                ("assistant", blocks)
            }
            Message::Tool {
                call_id, content, ..
            } => (
                "user",
                vec![
                    json!({"type": "tool_result", "tool_use_id": call_id, "content": content, "is_error": is_error(content)}),
                ],
            ),
        };
        match out.last_mut() {
            Some((last, existing)) if *last == role => existing.extend(blocks),
            _ => out.push((role, blocks)),
        }
    }
    let messages = out
        .into_iter()
        .map(|(role, content)| json!({"role": role, "content": content}))
        .collect();
    (system.join("\n\n"), messages)
}

/// Reads a message's content blocks: tool calls when there are `tool_use` blocks, else the text.
fn parse_reply(body: &Value) -> Result<ModelReply, ProviderError> {
    let blocks = body
        .get("content")
        .and_then(Value::as_array)
        .ok_or_else(|| ProviderError::Malformed("no content blocks".into()))?;
    let text: Vec<&str> = blocks
        .iter()
        .filter(|b| b["type"] == "text")
        .filter_map(|b| b["text"].as_str())
        .collect();
    let text = text.join("\n");
    let calls = blocks
        .iter()
        .filter(|b| b["type"] == "tool_use")
        .map(|b| {
            let field = |name: &str| {
                b[name]
                    .as_str()
                    .map(str::to_owned)
                    .ok_or_else(|| ProviderError::Malformed(format!("tool_use without {name}")))
            };
            Ok(ToolCall {
                id: field("id")?,
                name: field("name")?,
                arguments: b.get("input").cloned().unwrap_or_else(|| json!({})),
            })
        })
        .collect::<Result<Vec<_>, ProviderError>>()?;
    if calls.is_empty() {
        return Ok(ModelReply::Text(text));
    }
    let content = (!text.is_empty()).then_some(text);
    Ok(ModelReply::ToolCalls { content, calls })
}

#[async_trait]
impl ChatModel for Anthropic {
    #[tracing::instrument(skip_all, fields(model = %self.config.model))]
    async fn respond(&self, round: Round<'_>) -> Result<ModelReply, ProviderError> {
        let (system, messages) = wire(round.messages);
        let tools: Vec<Value> = round
            .tools
            .iter()
            .map(|t| json!({ "name": t.name, "description": t.description, "input_schema": t.parameters }))
            .collect();
        let body = json!({
            "model": self.config.model,
            "max_tokens": MAX_TOKENS,
            "system": system,
            "messages": messages,
            "tools": tools,
        });
        let url = format!("{}/messages", self.config.base_url.trim_end_matches('/'));
        let key = self.transport.key().await?.cloned().unwrap_or_default();
        let headers = [("x-api-key", key.as_str()), ("anthropic-version", VERSION)];
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
    fn tool_results_follow_their_calls_in_one_user_message_and_errors_are_marked() {
        let messages = vec![
            Message::System {
                content: "You are…".into(),
            },
            Message::User {
                content: "Crée A et B".into(),
            },
            Message::Assistant {
                content: None,
                tool_calls: vec![
                    ToolCall {
                        id: "t1".into(),
                        name: "create_client".into(),
                        arguments: json!({"name": "A"}),
                    },
                    ToolCall {
                        id: "t2".into(),
                        name: "create_client".into(),
                        arguments: Value::String("{\"name\":\"B\"}".into()),
                    },
                ],
            },
            Message::Tool {
                call_id: "t1".into(),
                name: "create_client".into(),
                content: r#"{"ok":true}"#.into(),
            },
            Message::Tool {
                call_id: "t2".into(),
                name: "create_client".into(),
                content: r#"{"ok":false}"#.into(),
            },
        ];
        let (system, wire) = wire(&messages);
        assert_eq!(system, "You are…");
        assert_eq!(wire.len(), 3, "{wire:?}");
        assert_eq!(wire[1]["content"][1]["input"], json!({"name": "B"}));
        let results = wire[2]["content"].as_array().unwrap();
        assert_eq!((results.len(), wire[2]["role"].as_str()), (2, Some("user")));
        assert_eq!(
            (
                results[0]["is_error"].as_bool(),
                results[1]["is_error"].as_bool()
            ),
            (Some(false), Some(true))
        );
    }

    #[test]
    fn an_unknown_stop_reason_is_read_by_its_blocks() {
        let body = json!({"stop_reason": "pause_turn", "content": [
            {"type": "thinking", "thinking": "…"},
            {"type": "text", "text": "Je regarde."},
            {"type": "tool_use", "id": "t1", "name": "count_clients", "input": {}}
        ]});
        let ModelReply::ToolCalls { content, calls } = parse_reply(&body).unwrap() else {
            panic!("expected tool calls")
        };
        assert_eq!(
            (content.as_deref(), calls[0].name.as_str()),
            (Some("Je regarde."), "count_clients")
        );
        assert!(matches!(
            parse_reply(&json!({"type": "error"})),
            Err(ProviderError::Malformed(_))
        ));
    }
}
