//! Adapters of `studio_domain::Store`: `DynamoStore` (production) and `EmbeddedStore` (local, file-backed).

mod dynamo;
mod embedded;

pub use dynamo::DynamoStore;
pub use embedded::EmbeddedStore;
