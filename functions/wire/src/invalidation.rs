//! What a write made stale, as the SPA's resource store understands it.

use crate::decode::Decode;
use serde::{Deserialize, Serialize};

/// `{resource}` marks every list of that resource stale; `{resource, id}` marks one entity's detail view stale.
#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord, Serialize, Deserialize, Decode)]
pub struct Invalidation {
    pub resource: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub id: Option<String>,
}

impl Invalidation {
    pub fn list(resource: impl Into<String>) -> Self {
        Self {
            resource: resource.into(),
            id: None,
        }
    }

    pub fn entity(resource: impl Into<String>, id: impl Into<String>) -> Self {
        Self {
            resource: resource.into(),
            id: Some(id.into()),
        }
    }
}

/// The body of every mutating REST response: the entity written (if any) and what became stale.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode)]
pub struct Mutation<T> {
    // No `default` here: it would demand `T: Default`; a missing `Option` field is `None` anyway.
    #[serde(skip_serializing_if = "Option::is_none")]
    pub data: Option<T>,
    pub invalidations: Vec<Invalidation>,
}
