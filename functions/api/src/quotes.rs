//! `POST /api/quotes/{id}/{send,accept,reject}` (`{version}`): a quote's life beyond the draft's CRUD routes;
//! `POST /api/quotes/{id}/invoice` (`{version}`): an accepted quote becomes a draft invoice (answered).

use axum::{Json, extract::Path, http::StatusCode};
use studio_domain::quotes;
use studio_wire::{Invoice, Mutation, Quote, VersionOnly};

use crate::{ApiError, Caller, JsonBody};

/// `send`, `accept` or `reject`; any other step is no route.
pub async fn step(
    Caller(ctx): Caller,
    Path((id, step)): Path<(String, String)>,
    JsonBody(body): JsonBody<VersionOnly>,
) -> Result<Json<Mutation<Quote>>, ApiError> {
    let (quote, changes) = match step.as_str() {
        "send" => quotes::send(&ctx, &id, body.version).await?,
        "accept" => quotes::accept(&ctx, &id, body.version).await?,
        "reject" => quotes::reject(&ctx, &id, body.version).await?,
        _ => return Err(ApiError::new(studio_wire::Problem::NoRoute)),
    };
    Ok(Json(Mutation {
        data: Some(quote),
        invalidations: changes.invalidations(),
    }))
}

pub async fn invoice(
    Caller(ctx): Caller,
    Path(id): Path<String>,
    JsonBody(body): JsonBody<VersionOnly>,
) -> Result<(StatusCode, Json<Mutation<Invoice>>), ApiError> {
    let (invoice, changes) = quotes::invoice(&ctx, &id, body.version).await?;
    Ok((
        StatusCode::CREATED,
        Json(Mutation {
            data: Some(invoice),
            invalidations: changes.invalidations(),
        }),
    ))
}
