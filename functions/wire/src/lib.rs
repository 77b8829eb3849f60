//! Wire types shared by the SPA and the functions. No I/O: this crate builds for wasm32 and native.

pub mod chat;
pub mod clients;
pub mod equipment;
pub mod error;
pub mod feed;
pub mod invalidation;
pub mod rooms;
pub mod sessions;

pub use chat::{ActionSummary, ChatRequest, ChatResponse, Locale};
pub use clients::{Client, ClientKind, ClientPatch, NewClient};
pub use equipment::{Equipment, EquipmentCondition, EquipmentPatch, EquipmentStatus, NewEquipment};
pub use error::{ErrorBody, ErrorDetail};
pub use feed::{ChangeFeed, FeedChange};
pub use invalidation::{Invalidation, Mutation};
pub use rooms::{NewRoom, Room, RoomKind, RoomPatch};
pub use sessions::{
    Availability, BookedSlot, NewSession, Session, SessionPatch, SessionStatus, Slot,
};

/// One page of a list, with the cursor to ask for the next one.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Opaque; pass it back as `cursor` to get the next page. Absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}
