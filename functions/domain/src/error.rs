//! Errors of the domain, which callers match on. A refusal is a [`Problem`] — a code and its values — that each
//! edge words in the user's language (`studio_wire::messages`); storage failures stay internal.

use studio_wire::{FieldProblem, Locale, Problem, messages};

use crate::store::StoreError;

#[derive(Debug, Clone, PartialEq, thiserror::Error)]
pub enum DomainError {
    /// The request breaks a rule; the problem says which and with what values. (Displayed in English, for logs.)
    #[error("{}", messages::problem(.0, Locale::En))]
    Refused(Problem),
    #[error("storage failed: {0}")]
    Store(StoreError),
}

/// A transaction that lost to concurrent ones is `Contended` (409, may be retried — the domain's retry loops
/// do); any other storage failure stays internal.
impl From<StoreError> for DomainError {
    fn from(error: StoreError) -> Self {
        match error {
            StoreError::Conflict => Problem::Contended.into(),
            other => DomainError::Store(other),
        }
    }
}

impl From<Problem> for DomainError {
    fn from(problem: Problem) -> Self {
        DomainError::Refused(problem)
    }
}

impl DomainError {
    /// One invalid field.
    pub fn field(field: &str, problem: FieldProblem) -> Self {
        Problem::field(field, problem).into()
    }

    pub fn not_found(resource: &str, id: &str) -> Self {
        Problem::NotFound {
            resource: resource.to_owned(),
            id: id.to_owned(),
        }
        .into()
    }

    /// A concurrent write changed what this one was based on; the operation may be retried.
    pub fn contended() -> Self {
        Problem::Contended.into()
    }

    pub fn is_not_found(&self) -> bool {
        matches!(self, DomainError::Refused(Problem::NotFound { .. }))
    }

    pub fn is_contended(&self) -> bool {
        matches!(self, DomainError::Refused(Problem::Contended))
    }

    /// The problem to show a person; a storage failure shows as `internal` (its detail is for the logs).
    pub fn problem(&self) -> Problem {
        match self {
            DomainError::Refused(problem) => problem.clone(),
            DomainError::Store(_) => Problem::Internal,
        }
    }
}
