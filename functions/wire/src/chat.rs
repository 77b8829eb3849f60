//! The assistant's request and response.

use serde::{Deserialize, Serialize};

use crate::{Invalidation, Locale};

/// `POST /api/chat`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ChatRequest {
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub conversation_id: Option<String>,
    pub message: String,
    /// The interface's language: the reply comes in it unless the message is clearly in the other one. When
    /// absent the assistant answers in the language of the message.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub locale: Option<Locale>,
}

/// One tool call the assistant made during the turn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ActionSummary {
    pub tool: String,
    pub ok: bool,
    pub summary: String,
    /// Whether the call wrote anything: the panel lists writes only.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub wrote: bool,
    /// The entity it created or changed first (none for a delete): what the panel links the write to.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub shows: Option<Invalidation>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ChatResponse {
    pub conversation_id: String,
    pub reply: String,
    pub actions: Vec<ActionSummary>,
    /// The union over every write that actually happened during the turn.
    pub invalidations: Vec<Invalidation>,
}
