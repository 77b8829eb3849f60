//! `GET /api/rooms/{id}/availability?from=&to=`: a room's free slots.

use axum::{Json, extract::Path};
use jiff::Timestamp;
use serde::Deserialize;
use studio_domain::sessions;
use studio_wire::Availability;

use crate::{ApiError, Caller, crud::QueryParams};

#[derive(Deserialize)]
pub struct Range {
    from: Timestamp,
    to: Timestamp,
}

pub async fn room(
    Caller(ctx): Caller,
    Path(id): Path<String>,
    QueryParams(range): QueryParams<Range>,
) -> Result<Json<Availability>, ApiError> {
    Ok(Json(
        sessions::availability(&ctx, &id, range.from, range.to).await?,
    ))
}
