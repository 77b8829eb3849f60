//! `POST /api/invoices/{id}/issue` and `POST /api/invoices/{id}/credit-note` (`{version}`): the two steps of an
//! invoice's life beyond the draft's CRUD routes; `POST /api/invoices/from-sessions`: a draft from sessions.

use axum::{Json, extract::Path, http::StatusCode};
use studio_domain::invoices;
use studio_wire::{Invoice, Mutation, SessionsToInvoice, VersionOnly};

use crate::{ApiError, Caller, JsonBody};

pub async fn issue(
    Caller(ctx): Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<VersionOnly>,
) -> Result<Json<Mutation<Invoice>>, ApiError> {
    let (invoice, changes) = invoices::issue(&ctx, &id, body.version).await?;
    Ok(Json(Mutation {
        data: Some(invoice),
        invalidations: changes.invalidations(),
    }))
}

/// `POST /api/invoices/from-sessions`: a draft billing a client's sessions of a period.
pub async fn from_sessions(
    Caller(ctx): Caller,
    JsonBody(request): JsonBody<SessionsToInvoice>,
) -> Result<(StatusCode, Json<Mutation<Invoice>>), ApiError> {
    let (invoice, changes) = invoices::from_sessions(&ctx, &request).await?;
    Ok((
        StatusCode::CREATED,
        Json(Mutation {
            data: Some(invoice),
            invalidations: changes.invalidations(),
        }),
    ))
}

/// Answers with the credit note.
pub async fn credit_note(
    Caller(ctx): Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<VersionOnly>,
) -> Result<Json<Mutation<Invoice>>, ApiError> {
    let (note, changes) = invoices::credit_note(&ctx, &id, body.version).await?;
    Ok(Json(Mutation {
        data: Some(note),
        invalidations: changes.invalidations(),
    }))
}
