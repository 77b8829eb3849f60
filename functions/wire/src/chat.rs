//! The assistant's request and response.

use crate::decode::Decode;
use serde::{Deserialize, Serialize};

use jiff::Timestamp;
use serde_json::Value;

use crate::{Entry, Invalidation, Locale};

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
    /// Names this request (1–64 letters, digits, `-`, `_`): sent again, it gets the first answer back and
    /// runs nothing twice.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub request_id: Option<String>,
}

/// One tool call the assistant made during the turn.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode)]
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
    /// The history record of what it wrote: what the panel's Undo reverts.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub activity: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode)]
#[serde(bound(deserialize = "V: Deserialize<'de>"))]
pub struct ChatResponse<V = Value> {
    pub conversation_id: String,
    pub reply: String,
    pub actions: Vec<ActionSummary>,
    /// The union over every write that actually happened during the turn.
    pub invalidations: Vec<Invalidation>,
    /// What the assistant proposes and waits for a person to confirm (nothing of it is done yet).
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub pending: Vec<PendingAction<V>>,
}

/// Where a proposal stands.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Decode)]
#[serde(rename_all = "snake_case")]
pub enum PendingStatus {
    Pending,
    Confirmed,
    Cancelled,
    Expired,
}

/// A destructive or irreversible tool call the assistant proposed: kept server-side until a person confirms or
/// cancels it, or it expires.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode)]
pub struct PendingAction<V = Value> {
    pub id: String,
    pub conversation_id: String,
    pub tool: String,
    /// What confirming will do, in the language of the turn that proposed it.
    pub summary: String,
    /// What will change, entity by entity, before and after.
    pub preview: Vec<Entry<V>>,
    pub status: PendingStatus,
    #[serde(with = "crate::instant")]
    pub expires_at: Timestamp,
}

/// What confirming, cancelling or undoing did.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode)]
#[serde(bound(deserialize = "V: Deserialize<'de>"))]
pub struct Decision<V = Value> {
    /// One line for the person, in their language.
    pub summary: String,
    /// The proposal as it stands now (for a refused confirmation: with the new preview).
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub pending: Option<PendingAction<V>>,
    /// The write it made, if any.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub action: Option<ActionSummary>,
    pub invalidations: Vec<Invalidation>,
}
