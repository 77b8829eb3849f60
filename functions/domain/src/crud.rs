//! The get/create/update/delete/list service shape that every resource shares, so the API can mount the same
//! routes for each of them. Each resource implements it explicitly next to its own functions.

use async_trait::async_trait;
use serde::de::DeserializeOwned;
use studio_wire::Page;

use crate::{ChangeSet, Ctx, DomainError, entity::Entity};

#[async_trait]
pub trait Crud: Send + Sync + 'static {
    type Entity: Entity;
    type New: DeserializeOwned + Send + Sync + 'static;
    type Patch: DeserializeOwned + Send + Sync + 'static;
    type Query: DeserializeOwned + Send + Sync + 'static;

    async fn get(ctx: &Ctx, id: &str) -> Result<Self::Entity, DomainError>;
    async fn create(ctx: &Ctx, input: &Self::New)
    -> Result<(Self::Entity, ChangeSet), DomainError>;
    async fn update(
        ctx: &Ctx,
        id: &str,
        patch: &Self::Patch,
    ) -> Result<(Self::Entity, ChangeSet), DomainError>;
    /// With `version`, only if nobody changed the entity since.
    async fn delete(ctx: &Ctx, id: &str, version: Option<u64>) -> Result<ChangeSet, DomainError>;
    async fn list(ctx: &Ctx, query: &Self::Query) -> Result<Page<Self::Entity>, DomainError>;
}
