//! Errors of the domain, which callers match on (the API maps them to statuses, the assistant to tool results).

use std::collections::BTreeMap;

use crate::store::StoreError;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DomainError {
    /// The input breaks a rule; `fields` says which field and how to fix it.
    #[error("{message}")]
    Validation {
        message: String,
        fields: BTreeMap<String, String>,
    },
    #[error("{resource} {id} was not found")]
    NotFound { resource: &'static str, id: String },
    /// Another value already holds a unique slot (e.g. an email).
    #[error("{message}")]
    Duplicate {
        field: &'static str,
        message: String,
    },
    /// The entity changed since the caller read it.
    #[error("{message}")]
    Conflict { message: String },
    /// A booking collides with these sessions.
    #[error("{message}")]
    Booked {
        message: String,
        conflicts: Vec<studio_wire::BookedSlot>,
    },
    /// A concurrent write changed what this one was based on; the operation may be retried.
    #[error("Too many changes at the same time; please try again.")]
    Contended,
    #[error("storage failed: {0}")]
    Store(#[from] StoreError),
}

impl DomainError {
    pub fn field(field: &str, message: impl Into<String>) -> Self {
        let message = message.into();
        DomainError::Validation {
            message: message.clone(),
            fields: BTreeMap::from([(field.to_owned(), message)]),
        }
    }
}
