//! The five REST routes every `Crud` resource gets: list, read, create, update, delete — thin adapters from HTTP
//! to the domain service, each mutation answering with the invalidations of its change set.

use axum::{
    Json, Router,
    extract::{FromRequestParts, Path},
    http::{StatusCode, request::Parts},
    routing::get,
};
use serde::{Deserialize, de::DeserializeOwned};
use studio_domain::Crud;
use studio_wire::{FieldProblem, Mutation, Page, Problem};

use crate::{ApiError, AppState, Caller, JsonBody};

/// Query parameters; a value of the wrong type gets a 400 that names it.
pub struct QueryParams<T>(pub T);

impl<T: DeserializeOwned, S: Send + Sync> FromRequestParts<S> for QueryParams<T> {
    type Rejection = ApiError;

    async fn from_request_parts(parts: &mut Parts, state: &S) -> Result<Self, Self::Rejection> {
        axum::extract::Query::<T>::from_request_parts(parts, state)
            .await
            .map(|q| QueryParams(q.0))
            .map_err(|rejection| {
                ApiError::bad_request(format!(
                    "invalid query parameters: {}",
                    rejection.body_text()
                ))
            })
    }
}

pub fn routes<R: Crud>(base: &str) -> Router<AppState> {
    Router::new()
        .route(base, get(list::<R>).post(create::<R>))
        .route(
            &format!("{base}/{{id}}"),
            get(read::<R>).patch(update::<R>).delete(remove::<R>),
        )
}

async fn list<R: Crud>(
    Caller(ctx): Caller,
    QueryParams(query): QueryParams<R::Query>,
) -> Result<Json<Page<R::Entity>>, ApiError> {
    Ok(Json(R::list(&ctx, &query).await?))
}

async fn read<R: Crud>(
    Caller(ctx): Caller,
    Path(id): Path<String>,
) -> Result<Json<R::Entity>, ApiError> {
    Ok(Json(R::get(&ctx, &id).await?))
}

async fn create<R: Crud>(
    Caller(ctx): Caller,
    JsonBody(input): JsonBody<R::New>,
) -> Result<(StatusCode, Json<Mutation<R::Entity>>), ApiError> {
    let (entity, changes) = R::create(&ctx, &input).await?;
    Ok((
        StatusCode::CREATED,
        Json(Mutation {
            data: Some(entity),
            invalidations: changes.invalidations(),
        }),
    ))
}

async fn update<R: Crud>(
    Caller(ctx): Caller,
    Path(id): Path<String>,
    JsonBody(patch): JsonBody<R::Patch>,
) -> Result<Json<Mutation<R::Entity>>, ApiError> {
    let (entity, changes) = R::update(&ctx, &id, &patch).await?;
    Ok(Json(Mutation {
        data: Some(entity),
        invalidations: changes.invalidations(),
    }))
}

#[derive(Deserialize)]
struct DeleteParams {
    version: Option<u64>,
}

async fn remove<R: Crud>(
    Caller(ctx): Caller,
    Path(id): Path<String>,
    QueryParams(params): QueryParams<DeleteParams>,
) -> Result<Json<Mutation<()>>, ApiError> {
    // Without the version the person saw, a delete could remove what someone else just changed.
    let Some(version) = params.version else {
        let missing = Problem::field("version", FieldProblem::Required);
        return Err(ApiError::new(missing).with_status(StatusCode::PRECONDITION_REQUIRED));
    };
    let changes = R::delete(&ctx, &id, Some(version)).await?;
    Ok(Json(Mutation {
        data: None,
        invalidations: changes.invalidations(),
    }))
}
