//! Adapters of `studio_domain::Store`: `DynamoStore` (production) and `EmbeddedStore` (local, file-backed); and
//! `CountingStore`, which counts what is read through another.

mod counting;
mod dynamo;
mod embedded;

pub use counting::CountingStore;
pub use dynamo::DynamoStore;
pub use embedded::EmbeddedStore;
