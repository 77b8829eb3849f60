//! `GET /api/changes?since=&origin=`: the studio's recent writes, for screens to catch up with other people.

use axum::Json;
use serde::Deserialize;
use studio_domain::feed;
use studio_wire::ChangeFeed;

use crate::{ApiError, Caller, crud::QueryParams};

#[derive(Deserialize)]
pub struct FeedParams {
    since: Option<String>,
    /// Leave out the changes made from this browser (it applied them already).
    origin: Option<String>,
}

pub async fn changes(
    Caller(ctx): Caller,
    QueryParams(params): QueryParams<FeedParams>,
) -> Result<Json<ChangeFeed>, ApiError> {
    Ok(Json(
        feed::since(&ctx, params.since.as_deref(), params.origin.as_deref()).await?,
    ))
}
