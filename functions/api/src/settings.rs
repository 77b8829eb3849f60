//! `GET /api/settings` and `PUT /api/settings` (version-checked): the studio's identity, currency, time zone,
//! hours and billing defaults.

use axum::Json;
use studio_domain::settings;
use studio_wire::{Mutation, SettingsPatch, StudioSettings};

use crate::{ApiError, Caller, JsonBody};

pub async fn read(Caller(ctx): Caller) -> Result<Json<StudioSettings>, ApiError> {
    Ok(Json(settings::get(&ctx).await?))
}

pub async fn write(
    Caller(ctx): Caller,
    JsonBody(patch): JsonBody<SettingsPatch>,
) -> Result<Json<Mutation<StudioSettings>>, ApiError> {
    let (saved, changes) = settings::update(&ctx, &patch).await?;
    Ok(Json(Mutation {
        data: Some(saved),
        invalidations: changes.invalidations(),
    }))
}
