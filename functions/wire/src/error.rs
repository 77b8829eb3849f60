//! The one error body every endpoint returns: `{ "error": { "code", "message", "fields"? } }`.

use std::collections::BTreeMap;

use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorBody {
    pub error: ErrorDetail,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct ErrorDetail {
    /// Stable, machine-readable: `validation`, `not_found`, `conflict`, `duplicate`, `bad_request`, …
    pub code: String,
    /// A sentence a person can act on.
    pub message: String,
    /// Per-field messages for form validation errors.
    #[serde(default, skip_serializing_if = "BTreeMap::is_empty")]
    pub fields: BTreeMap<String, String>,
    /// For a refused booking: the sessions in the way.
    #[serde(default, skip_serializing_if = "Vec::is_empty")]
    pub conflicts: Vec<crate::BookedSlot>,
}
