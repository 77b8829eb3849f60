//! The boilerplate every resource shares: its `Entity` impl, and the `Crud` service that hands the API's routes
//! to the resource module's own `create`, `update`, `delete` and `list`.

/// `impl Entity` for a wire type with `id: String` and `version: u64` fields.
macro_rules! entity {
    ($ty:ty, resource = $resource:literal, prefix = $prefix:literal, label = $label:literal) => {
        impl $crate::entity::Entity for $ty {
            const RESOURCE: &'static str = $resource;
            const PREFIX: &'static str = $prefix;
            const LABEL: &'static str = $label;

            fn id(&self) -> &str {
                &self.id
            }
            fn version(&self) -> u64 {
                self.version
            }
            fn set_version(&mut self, version: u64) {
                self.version = version;
            }
        }
    };
}

/// A unit struct implementing `Crud` with the calling module's `create`, `update`, `delete` and `list`.
macro_rules! crud_service {
    ($(#[$meta:meta])* $service:ident: $entity:ty, $new:ty, $patch:ty, $query:ty) => {
        $(#[$meta])*
        pub struct $service;

        #[async_trait::async_trait]
        impl $crate::Crud for $service {
            type Entity = $entity;
            type New = $new;
            type Patch = $patch;
            type Query = $query;

            async fn create(
                ctx: &$crate::Ctx,
                input: &$new,
            ) -> Result<($entity, $crate::ChangeSet), $crate::DomainError> {
                create(ctx, input).await
            }
            async fn update(
                ctx: &$crate::Ctx,
                id: &str,
                patch: &$patch,
            ) -> Result<($entity, $crate::ChangeSet), $crate::DomainError> {
                update(ctx, id, patch).await
            }
            async fn delete(
                ctx: &$crate::Ctx,
                id: &str,
                version: Option<u64>,
            ) -> Result<$crate::ChangeSet, $crate::DomainError> {
                delete(ctx, id, version).await
            }
            async fn list(
                ctx: &$crate::Ctx,
                query: &$query,
            ) -> Result<studio_wire::Page<$entity>, $crate::DomainError> {
                list(ctx, query).await
            }
        }
    };
}

pub(crate) use {crud_service, entity};
