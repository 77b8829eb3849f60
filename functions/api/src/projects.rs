//! A project's tracks: `POST /api/projects/{id}/tracks`, `PATCH` and `DELETE /api/projects/{id}/tracks/{track}`
//! (each with the project's version: a track's change is its project's). Each answers with the project.

use axum::{Json, extract::Path, http::StatusCode};
use serde::Deserialize;
use studio_domain::projects;
use studio_wire::{Mutation, NewTrack, Project, TrackPatch};

use crate::{ApiError, Caller, JsonBody, crud::QueryParams};

fn answer(project: Project, changes: studio_domain::ChangeSet) -> Json<Mutation<Project>> {
    Json(Mutation {
        data: Some(project),
        invalidations: changes.invalidations(),
    })
}

pub async fn add_track(
    Caller(ctx): Caller,
    Path(id): Path<String>,
    JsonBody(input): JsonBody<NewTrack>,
) -> Result<(StatusCode, Json<Mutation<Project>>), ApiError> {
    let (project, changes) = projects::add_track(&ctx, &id, &input).await?;
    Ok((StatusCode::CREATED, answer(project, changes)))
}

pub async fn update_track(
    Caller(ctx): Caller,
    Path((id, track)): Path<(String, String)>,
    JsonBody(patch): JsonBody<TrackPatch>,
) -> Result<Json<Mutation<Project>>, ApiError> {
    let (project, changes) = projects::update_track(&ctx, &id, &track, &patch).await?;
    Ok(answer(project, changes))
}

#[derive(Deserialize)]
pub struct Version {
    version: u64,
}

pub async fn remove_track(
    Caller(ctx): Caller,
    Path((id, track)): Path<(String, String)>,
    QueryParams(query): QueryParams<Version>,
) -> Result<Json<Mutation<Project>>, ApiError> {
    let (project, changes) = projects::remove_track(&ctx, &id, &track, query.version).await?;
    Ok(answer(project, changes))
}
