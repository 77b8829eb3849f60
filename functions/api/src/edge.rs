//! What every request goes through, once: a request id (`x-request-id`, echoed back), a tracing span, error
//! bodies worded in the request's language (`Accept-Language`), and each 5xx logged once with its detail.

use axum::{
    Json,
    extract::Request,
    http::{HeaderValue, header::ACCEPT_LANGUAGE},
    middleware::Next,
    response::{IntoResponse, Response},
};
use studio_wire::{ErrorBody, ErrorDetail, Locale};
use tracing::Instrument;

use crate::error::Refusal;

pub const REQUEST_ID_HEADER: &str = "x-request-id";

/// The caller's id when it looks like one (so it can be traced end to end), else Lambda's, else a new one.
fn request_id(request: &Request) -> String {
    let given = request
        .headers()
        .get(REQUEST_ID_HEADER)
        .and_then(|v| v.to_str().ok())
        .filter(|id| {
            (1..=64).contains(&id.len())
                && id
                    .chars()
                    .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
        });
    let lambda = || {
        request
            .extensions()
            .get::<lambda_http::Context>()
            .map(|context| context.request_id.clone())
    };
    given
        .map(str::to_owned)
        .or_else(lambda)
        .unwrap_or_else(|| ulid::Ulid::generate().to_string())
}

pub async fn edge(request: Request, next: Next) -> Response {
    let locale = Locale::from_accept_language(
        request
            .headers()
            .get(ACCEPT_LANGUAGE)
            .and_then(|v| v.to_str().ok()),
    );
    let id = request_id(&request);
    let span = tracing::info_span!(
        "request",
        method = %request.method(),
        path = %request.uri().path(),
        request_id = %id,
    );
    let mut response = next.run(request).instrument(span.clone()).await;
    if let Some(refusal) = response.extensions_mut().remove::<Refusal>() {
        let status = response.status();
        if status.is_server_error() {
            span.in_scope(|| {
                tracing::error!(
                    status = status.as_u16(),
                    detail = refusal.internal.as_deref().unwrap_or("-"),
                    "request failed"
                )
            });
        }
        let body = ErrorBody {
            error: ErrorDetail::new(refusal.problem, locale),
        };
        response = (status, Json(body)).into_response();
    }
    if let Ok(value) = HeaderValue::from_str(&id) {
        response.headers_mut().insert(REQUEST_ID_HEADER, value);
    }
    response
}
