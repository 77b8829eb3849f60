//! `/api/clients` routes: thin adapters from HTTP to `studio_domain::clients`.

use axum::{
    Json, Router,
    extract::{Path, Query},
    http::StatusCode,
    routing::get,
};
use serde::Deserialize;
use studio_domain::clients::{self, ListQuery};
use studio_wire::{Client, ClientPatch, Mutation, NewClient, Page};

use crate::{ApiError, AppState, Caller, JsonBody};

pub fn routes() -> Router<AppState> {
    Router::new()
        .route("/api/clients", get(list).post(create))
        .route("/api/clients/{id}", get(read).patch(update).delete(remove))
}

/// Query parameters arrive as text so that a bad value gets our error message, not a generic rejection.
#[derive(Deserialize)]
struct ListParams {
    cursor: Option<String>,
    limit: Option<String>,
    q: Option<String>,
}

fn number(name: &str, raw: Option<String>) -> Result<Option<u64>, ApiError> {
    raw.filter(|r| !r.is_empty())
        .map(|r| {
            r.parse().map_err(|_| {
                ApiError::bad_request(format!("{name} must be a whole number, not \"{r}\"."))
            })
        })
        .transpose()
}

async fn list(
    Caller(ctx): Caller,
    Query(params): Query<ListParams>,
) -> Result<Json<Page<Client>>, ApiError> {
    let limit = number("limit", params.limit)?.map(|n| usize::try_from(n).unwrap_or(usize::MAX));
    let query = ListQuery {
        cursor: params.cursor.filter(|c| !c.is_empty()),
        limit,
        q: params.q,
    };
    Ok(Json(clients::list(&ctx, &query).await?))
}

async fn read(Caller(ctx): Caller, Path(id): Path<String>) -> Result<Json<Client>, ApiError> {
    Ok(Json(clients::get(&ctx, &id).await?))
}

async fn create(
    Caller(ctx): Caller,
    JsonBody(input): JsonBody<NewClient>,
) -> Result<(StatusCode, Json<Mutation<Client>>), ApiError> {
    let (client, changes) = clients::create(&ctx, &input).await?;
    Ok((
        StatusCode::CREATED,
        Json(Mutation {
            data: Some(client),
            invalidations: changes.invalidations(),
        }),
    ))
}

async fn update(
    Caller(ctx): Caller,
    Path(id): Path<String>,
    JsonBody(patch): JsonBody<ClientPatch>,
) -> Result<Json<Mutation<Client>>, ApiError> {
    let (client, changes) = clients::update(&ctx, &id, &patch).await?;
    Ok(Json(Mutation {
        data: Some(client),
        invalidations: changes.invalidations(),
    }))
}

#[derive(Deserialize)]
struct DeleteParams {
    version: Option<String>,
}

async fn remove(
    Caller(ctx): Caller,
    Path(id): Path<String>,
    Query(params): Query<DeleteParams>,
) -> Result<Json<Mutation<()>>, ApiError> {
    let changes = clients::delete(&ctx, &id, number("version", params.version)?).await?;
    Ok(Json(Mutation {
        data: None,
        invalidations: changes.invalidations(),
    }))
}
