//! Wire types shared by the SPA and the functions. No I/O: this crate builds for wasm32 and native.

pub mod chat;
pub mod clients;
pub mod error;
pub mod invalidation;

pub use chat::{ActionSummary, ChatRequest, ChatResponse, Locale};
pub use clients::{Client, ClientKind, ClientPatch, NewClient};
pub use error::{ErrorBody, ErrorDetail};
pub use invalidation::{Invalidation, Mutation};

/// One page of a list, with the cursor to ask for the next one.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Opaque; pass it back as `cursor` to get the next page. Absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}
