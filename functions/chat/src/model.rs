//! The provider port: a model that, given the conversation and the tools, answers with text or tool calls.

use async_trait::async_trait;
use serde::{Deserialize, Serialize};
use serde_json::Value;
use studio_wire::Locale;

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ToolCall {
    pub id: String,
    pub name: String,
    /// The arguments as the model sent them (a JSON object, or a string the model failed to make JSON).
    pub arguments: Value,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(tag = "role", rename_all = "snake_case")]
pub enum Message {
    System {
        content: String,
    },
    User {
        content: String,
    },
    Assistant {
        #[serde(default)]
        content: Option<String>,
        #[serde(default)]
        tool_calls: Vec<ToolCall>,
    },
    Tool {
        call_id: String,
        name: String,
        content: String,
    },
}

/// A tool as the model sees it: a name, what it does, and a JSON Schema of its arguments.
#[derive(Debug, Clone, PartialEq)]
pub struct ToolSpec {
    pub name: &'static str,
    pub description: &'static str,
    pub parameters: Value,
}

#[derive(Debug, Clone, PartialEq)]
pub enum ModelReply {
    /// The turn's final answer.
    Text(String),
    /// Run these tools and come back with their results.
    ToolCalls {
        content: Option<String>,
        calls: Vec<ToolCall>,
    },
}

#[derive(Debug, thiserror::Error)]
pub enum ProviderError {
    #[error("the model could not be reached: {0}")]
    Unreachable(String),
    #[error("the model answered with an error: {0}")]
    Refused(String),
    #[error("the model's answer could not be understood: {0}")]
    Malformed(String),
    #[error("the model did not answer before the turn's deadline")]
    Timeout,
}

/// What a provider is given for one round.
pub struct Round<'a> {
    pub messages: &'a [Message],
    pub tools: &'a [ToolSpec],
    pub locale: Locale,
    /// Today in the studio's time zone (the system prompt says it to an LLM).
    pub today: jiff::civil::Date,
    /// When the whole turn must have answered: a provider gives up (retries included) by then.
    pub deadline: tokio::time::Instant,
}

#[async_trait]
pub trait ChatModel: Send + Sync {
    async fn respond(&self, round: Round<'_>) -> Result<ModelReply, ProviderError>;
}
