//! The one error type of the HTTP layer: a [`Problem`] and its status. The body is always
//! `{ "error": { "code", "message", "fields"?, …values } }`, worded in the request's language by the `edge`
//! middleware; a 5xx never says anything internal (the detail goes to the log, once, with the request id).

use axum::{
    Json,
    http::StatusCode,
    response::{IntoResponse, Response},
};
use studio_domain::DomainError;
use studio_wire::{ErrorBody, ErrorDetail, Locale, Problem};

#[derive(Debug, Clone, PartialEq)]
pub struct ApiError {
    pub status: StatusCode,
    pub problem: Problem,
    /// What went wrong inside, for the log only.
    pub internal: Option<String>,
}

/// What `edge` needs to word and log an error response (kept in the response's extensions).
#[derive(Debug, Clone)]
pub struct Refusal {
    pub problem: Problem,
    pub internal: Option<String>,
}

fn status_of(problem: &Problem) -> StatusCode {
    match problem {
        Problem::Validation { .. } => StatusCode::UNPROCESSABLE_ENTITY,
        Problem::NotFound { .. } | Problem::NoRoute => StatusCode::NOT_FOUND,
        Problem::Duplicate { .. }
        | Problem::Conflict { .. }
        | Problem::InUse { .. }
        | Problem::Booked { .. }
        | Problem::Issued { .. }
        | Problem::NotIssued
        | Problem::AlreadyCancelled { .. }
        | Problem::QuoteState { .. }
        | Problem::Overpayment { .. }
        | Problem::AlreadyReversed
        | Problem::Contended
        | Problem::ChangedSince { .. }
        | Problem::NotUndoable { .. }
        | Problem::Decided { .. } => StatusCode::CONFLICT,
        Problem::BadRequest { .. } => StatusCode::BAD_REQUEST,
        Problem::UnsupportedMediaType => StatusCode::UNSUPPORTED_MEDIA_TYPE,
        Problem::Unauthenticated => StatusCode::UNAUTHORIZED,
        Problem::TooLarge { .. } => StatusCode::PAYLOAD_TOO_LARGE,
        Problem::AssistantCap { .. } => StatusCode::TOO_MANY_REQUESTS,
        Problem::Internal => StatusCode::INTERNAL_SERVER_ERROR,
    }
}

impl ApiError {
    pub fn new(problem: Problem) -> Self {
        Self {
            status: status_of(&problem),
            problem,
            internal: None,
        }
    }

    /// With another status than the problem's usual one.
    pub fn with_status(mut self, status: StatusCode) -> Self {
        self.status = status;
        self
    }

    pub fn bad_request(detail: impl Into<String>) -> Self {
        Self::new(Problem::BadRequest {
            detail: detail.into(),
        })
    }

    pub fn unauthenticated() -> Self {
        Self::new(Problem::Unauthenticated)
    }

    pub fn internal(detail: impl Into<String>) -> Self {
        Self {
            internal: Some(detail.into()),
            ..Self::new(Problem::Internal)
        }
    }
}

impl From<DomainError> for ApiError {
    fn from(error: DomainError) -> Self {
        match error {
            DomainError::Refused(problem) => Self::new(problem),
            DomainError::Store(e) => Self::internal(format!("storage failure: {e}")),
        }
    }
}

impl IntoResponse for ApiError {
    fn into_response(self) -> Response {
        // Worded in English here; `edge` words it again in the request's language.
        let body = ErrorBody {
            error: ErrorDetail::new(self.problem.clone(), Locale::En),
        };
        let mut response = (self.status, Json(body)).into_response();
        response.extensions_mut().insert(Refusal {
            problem: self.problem,
            internal: self.internal,
        });
        response
    }
}
