//! `GET /api/activity` (the history, newest first, filtered by resource or entity, person, channel) and
//! `POST /api/activity/{id}/undo`.

use axum::{Json, extract::Path};
use studio_domain::{
    history::{self, ActivityQuery},
    undo,
};
use studio_wire::{Activity, Mutation, Page};

use crate::{ApiError, Caller, crud::QueryParams};

pub async fn list(
    Caller(ctx): Caller,
    QueryParams(query): QueryParams<ActivityQuery>,
) -> Result<Json<Page<Activity>>, ApiError> {
    Ok(Json(history::list(&ctx, &query).await?))
}

pub async fn undo(
    Caller(ctx): Caller,
    Path(id): Path<String>,
) -> Result<Json<Mutation<()>>, ApiError> {
    let changes = undo::undo(&ctx, &id).await?;
    Ok(Json(Mutation {
        data: None,
        invalidations: changes.invalidations(),
    }))
}
