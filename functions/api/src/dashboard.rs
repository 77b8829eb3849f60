//! `GET /api/dashboard`: the home page's figures in one read (see `studio_wire::Dashboard`).

use axum::Json;
use studio_domain::dashboard;
use studio_wire::Dashboard;

use crate::{ApiError, Caller};

pub async fn read(Caller(ctx): Caller) -> Result<Json<Dashboard>, ApiError> {
    Ok(Json(dashboard::get(&ctx).await?))
}
