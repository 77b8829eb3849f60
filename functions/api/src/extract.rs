//! Extractors whose failures speak the API's error format.

use axum::{
    body::Bytes,
    extract::{FromRef, FromRequest, FromRequestParts, Request},
    http::{StatusCode, header::CONTENT_TYPE, request::Parts},
};
use serde::de::DeserializeOwned;
use serde_json::error::Category;
use studio_domain::Ctx;
use studio_wire::{FieldProblem, Problem, Via};

use crate::{ApiError, AppState};

/// The SPA's id for the browser a call comes from; the change feed leaves out that browser's own writes.
pub const ORIGIN_HEADER: &str = "x-studio-origin";

/// The domain context of the calling studio.
pub struct Caller(pub Ctx);

impl<S: Send + Sync> FromRequestParts<S> for Caller
where
    AppState: FromRef<S>,
{
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        let state = AppState::from_ref(state);
        let studio = state.auth.studio(parts)?;
        let origin = parts
            .headers
            .get(ORIGIN_HEADER)
            .and_then(|v| v.to_str().ok());
        let person = state.auth.person(parts);
        Ok(Caller(
            Ctx::new(studio, state.services.clone())
                .with_origin(origin)
                .acting(&person, Via::Form),
        ))
    }
}

/// A JSON body; malformed JSON, unknown fields, wrong types and oversize bodies become clear 4xx errors.
///
/// The body is read as JSON when the content type says JSON, says nothing, or is the form type that
/// `curl -d` sends by default (so `curl -d '{"message": …}'` works as people type it); any other declared
/// type is refused with 415.
pub struct JsonBody<T>(pub T);

fn accepts(content_type: Option<&str>) -> bool {
    let Some(content_type) = content_type else {
        return true;
    };
    let essence = content_type
        .split(';')
        .next()
        .unwrap_or_default()
        .trim()
        .to_ascii_lowercase();
    essence == "application/json"
        || essence.ends_with("+json")
        || essence == "application/x-www-form-urlencoded"
}

impl<T: DeserializeOwned, S: Send + Sync> FromRequest<S> for JsonBody<T> {
    type Rejection = ApiError;

    async fn from_request(req: Request, state: &S) -> Result<Self, Self::Rejection> {
        let content_type = req
            .headers()
            .get(CONTENT_TYPE)
            .map(|v| v.to_str().unwrap_or("?"));
        if !accepts(content_type) {
            return Err(ApiError::new(Problem::UnsupportedMediaType));
        }
        let bytes = Bytes::from_request(req, state).await.map_err(|rejection| {
            if rejection.status() == StatusCode::PAYLOAD_TOO_LARGE {
                ApiError::new(Problem::TooLarge {
                    max_bytes: crate::BODY_LIMIT,
                })
            } else {
                ApiError::bad_request("the body could not be read.")
            }
        })?;
        let mut json = serde_json::Deserializer::from_slice(&bytes);
        let body = serde_path_to_error::deserialize(&mut json).map_err(|e| {
            let path = e.path().to_string();
            let e = e.into_inner();
            match e.classify() {
                // Well-formed JSON without the expected fields: the request is understood but refused, naming
                // the field to fix.
                Category::Data => {
                    let (field, problem) = field_problem(&path, &e.to_string());
                    ApiError::from(studio_domain::DomainError::field(&field, problem))
                }
                _ => ApiError::bad_request(format!("the body is not valid JSON ({e}).")),
            }
        })?;
        json.end()
            .map_err(|e| ApiError::bad_request(format!("the body is not valid JSON ({e}).")))?;
        Ok(JsonBody(body))
    }
}

/// The field a serde data error is about, and why: `path` is where the parser was (`lines[0].quantity`, `.` at
/// the top), `message` serde's own words.
fn field_problem(path: &str, message: &str) -> (String, FieldProblem) {
    let quoted = message.split('`').nth(1).filter(|name| !name.is_empty());
    let within = |name: &str| match path {
        "." => name.to_owned(),
        _ if path == name || path.ends_with(&format!(".{name}")) => path.to_owned(),
        _ => format!("{path}.{name}"),
    };
    match quoted {
        Some(name) if message.starts_with("missing field") => {
            (within(name), FieldProblem::Required)
        }
        Some(name) if message.starts_with("unknown field") => {
            (within(name), FieldProblem::UnknownField)
        }
        _ if path == "." => ("body".to_owned(), FieldProblem::Unreadable),
        _ => (path.to_owned(), FieldProblem::Unreadable),
    }
}

#[cfg(test)]
mod tests {
    use super::{FieldProblem, accepts, field_problem};

    #[test]
    fn a_data_error_names_its_field() {
        let cases = [
            (".", "missing field `name`", "name", FieldProblem::Required),
            (
                "lines[0]",
                "missing field `quantity`",
                "lines[0].quantity",
                FieldProblem::Required,
            ),
            (
                "nmae",
                "unknown field `nmae`, expected one of `name`",
                "nmae",
                FieldProblem::UnknownField,
            ),
            (
                ".",
                "unknown field `nmae`, expected `name`",
                "nmae",
                FieldProblem::UnknownField,
            ),
            (
                "end",
                "invalid value: string \"x\", expected an instant",
                "end",
                FieldProblem::Unreadable,
            ),
            (
                "kind",
                "unknown variant `band`, expected one of `individual`",
                "kind",
                FieldProblem::Unreadable,
            ),
            (
                ".",
                "invalid type: integer `3`, expected a map",
                "body",
                FieldProblem::Unreadable,
            ),
        ];
        for (path, message, field, problem) in cases {
            assert_eq!(
                field_problem(path, message),
                (field.to_owned(), problem),
                "{path}: {message}"
            );
        }
    }

    #[test]
    fn json_and_undeclared_bodies_are_read_as_json() {
        assert!(accepts(None));
        assert!(accepts(Some("application/json; charset=utf-8")));
        assert!(accepts(Some("application/x-www-form-urlencoded")));
        assert!(!accepts(Some("text/plain")));
        assert!(!accepts(Some("multipart/form-data; boundary=x")));
    }
}
