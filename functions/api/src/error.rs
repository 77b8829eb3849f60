//! The one error type of the HTTP layer. Its body is always `{ "error": { "code", "message", "fields"? } }`;
//! a 5xx never says anything internal (the detail goes to the log).

use std::collections::BTreeMap;

use axum::{
    Json,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use studio_domain::DomainError;
use studio_wire::{ErrorBody, ErrorDetail};

#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: StatusCode,
    pub code: &'static str,
    pub message: String,
    pub fields: BTreeMap<String, String>,
    pub conflicts: Vec<studio_wire::BookedSlot>,
}

impl ApiError {
    pub fn new(status: StatusCode, code: &'static str, message: impl Into<String>) -> Self {
        Self {
            status,
            code,
            message: message.into(),
            fields: BTreeMap::new(),
            conflicts: Vec::new(),
        }
    }

    pub fn bad_request(message: impl Into<String>) -> Self {
        Self::new(StatusCode::BAD_REQUEST, "bad_request", message)
    }

    pub fn unauthenticated() -> Self {
        Self::new(
            StatusCode::UNAUTHORIZED,
            "unauthenticated",
            "Sign in to use Studio.",
        )
    }

    pub fn internal() -> Self {
        Self::new(
            StatusCode::INTERNAL_SERVER_ERROR,
            "internal",
            "Something went wrong on our side; please try again.",
        )
    }
}

impl From<DomainError> for ApiError {
    fn from(error: DomainError) -> Self {
        match error {
            DomainError::Validation { message, fields } => Self {
                fields,
                ..Self::new(StatusCode::UNPROCESSABLE_ENTITY, "validation", message)
            },
            DomainError::NotFound { .. } => {
                Self::new(StatusCode::NOT_FOUND, "not_found", error.to_string())
            }
            DomainError::Duplicate { field, message } => Self {
                fields: BTreeMap::from([(field.to_owned(), message.clone())]),
                ..Self::new(StatusCode::CONFLICT, "duplicate", message)
            },
            DomainError::Conflict { message } => {
                Self::new(StatusCode::CONFLICT, "conflict", message)
            }
            DomainError::Booked { message, conflicts } => Self {
                conflicts,
                ..Self::new(StatusCode::CONFLICT, "booked", message)
            },
            DomainError::Contended => {
                Self::new(StatusCode::CONFLICT, "contended", error.to_string())
            }
            DomainError::Store(e) => {
                tracing::error!(error = %e, "storage failure");
                Self::internal()
            }
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        let body = ErrorBody {
            error: ErrorDetail {
                code: self.code.to_owned(),
                message: self.message,
                fields: self.fields,
                conflicts: self.conflicts,
            },
        };
        (self.status, Json(body)).into_response()
    }
}
