//! The history of every write: who, when, through what, and each entity's fields before and after.

use crate::decode::Decode;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};
use serde_json::Value;

/// Through what a write was made: `{"kind": "assistant", "conversation": ".."}`. Read through `RawVia`, not as
/// serde's internally tagged enum, whose buffering of the whole object cost the SPA's wasm 16 KB (6 KB gzip).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize, Decode)]
#[serde(tag = "kind", rename_all = "snake_case", try_from = "RawVia")]
pub enum Via {
    /// A form of the app (or any direct API call).
    #[default]
    Form,
    /// The assistant, in this conversation.
    Assistant { conversation: String },
    /// The undo of an earlier activity.
    Undo { activity: String },
}

/// `Via` as it is read: its kind, and the field that kind carries.
#[derive(Deserialize, Decode)]
struct RawVia {
    kind: ViaKind,
    conversation: Option<String>,
    activity: Option<String>,
}

#[derive(Deserialize, Decode)]
#[serde(rename_all = "snake_case")]
enum ViaKind {
    Form,
    Assistant,
    Undo,
}

impl TryFrom<RawVia> for Via {
    type Error = &'static str;

    fn try_from(raw: RawVia) -> Result<Self, Self::Error> {
        Ok(match raw.kind {
            ViaKind::Form => Via::Form,
            ViaKind::Assistant => Via::Assistant {
                conversation: raw.conversation.ok_or("missing field `conversation`")?,
            },
            ViaKind::Undo => Via::Undo {
                activity: raw.activity.ok_or("missing field `activity`")?,
            },
        })
    }
}

/// How an entity was written.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize, Decode)]
#[serde(rename_all = "snake_case")]
pub enum EntryOp {
    Created,
    Updated,
    Deleted,
}

/// One field's value before and after (absent: the field had no value). `V` holds a value: JSON on the server,
/// which compares and restores values; the SPA, which only shows them, reads them into a lighter type of its own
/// (`serde_json::Value` brought its map, serializer and float printer into the wasm).
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode)]
#[serde(bound(deserialize = "V: Deserialize<'de>"))]
pub struct FieldChange<V = Value> {
    pub field: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub before: Option<V>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub after: Option<V>,
}

/// One entity written by an activity.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode)]
pub struct Entry<V = Value> {
    pub resource: String,
    pub id: String,
    pub op: EntryOp,
    /// Its version once written (0 once deleted).
    pub version: u64,
    /// Its name or title when it has one, so a deleted entity is still recognisable.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub label: Option<String>,
    /// The fields that changed (every field for a creation or a deletion).
    pub fields: Vec<FieldChange<V>>,
}

/// One committed write: everything its transaction changed.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode)]
pub struct Activity<V = Value> {
    pub id: String,
    #[serde(with = "crate::instant")]
    pub at: Timestamp,
    /// The signed-in person.
    pub person: String,
    pub via: Via,
    pub entries: Vec<Entry<V>>,
    /// Whether Undo can restore what it changed (not a deletion, a payment, an issued number…): worked out by
    /// the server when it hands the record out.
    #[serde(default, skip_serializing_if = "std::ops::Not::not")]
    pub undoable: bool,
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_via_is_read_back_as_written() {
        for via in [
            Via::Form,
            Via::Assistant {
                conversation: "c1".into(),
            },
            Via::Undo {
                activity: "a1".into(),
            },
        ] {
            let text = serde_json::to_string(&via).unwrap();
            assert_eq!(serde_json::from_str::<Via>(&text).unwrap(), via, "{text}");
        }
        assert_eq!(
            serde_json::to_string(&Via::Assistant {
                conversation: "c1".into()
            })
            .unwrap(),
            r#"{"kind":"assistant","conversation":"c1"}"#
        );
        assert!(serde_json::from_str::<Via>(r#"{"kind":"assistant"}"#).is_err());
        assert!(serde_json::from_str::<Via>(r#"{"kind":"elsewhere"}"#).is_err());
    }
}
