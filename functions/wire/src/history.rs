//! The history of every write: who, when, through what, and each entity's fields before and after.

use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Through what a write was made.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(tag = "kind", rename_all = "snake_case")]
pub enum Via {
    /// A form of the app (or any direct API call).
    #[default]
    Form,
    /// The assistant, in this conversation.
    Assistant { conversation: String },
    /// The undo of an earlier activity.
    Undo { activity: String },
}

/// How an entity was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
#[serde(rename_all = "snake_case")]
pub enum EntryOp {
    Created,
    Updated,
    Deleted,
}

/// One field's value before and after (absent: the field had no value).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct FieldChange {
    pub field: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<Value>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<Value>,
}

/// One entity written by an activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Entry {
    pub resource: String,
    pub id: String,
    pub op: EntryOp,
    /// Its version once written (0 once deleted).
    pub version: u64,
    /// Its name or title when it has one, so a deleted entity is still recognisable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The fields that changed (every field for a creation or a deletion).
    pub fields: Vec<FieldChange>,
}

/// One committed write: everything its transaction changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Activity {
    pub id: String,
    #[serde(with = "crate::instant")]
    pub at: Timestamp,
    /// The signed-in person.
    pub person: String,
    pub via: Via,
    pub entries: Vec<Entry>,
}
