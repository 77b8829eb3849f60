//! Wire types shared by the SPA and the functions. No I/O: this crate builds for wasm32 and native.

// The derive's code names this crate by its name, here too.
extern crate self as studio_wire;

pub mod chat;
pub mod clients;
pub mod dashboard;
pub mod day;
pub mod decode;
pub mod equipment;
pub mod error;
pub mod feed;
pub mod history;
pub mod instant;
pub mod invalidation;
pub mod invoices;
pub mod locale;
pub mod messages;
pub mod money;
pub mod payments;
mod problem_wire;
pub mod projects;
pub mod quantity;
pub mod quotes;
pub mod rooms;
pub mod sessions;
pub mod settings;

pub use chat::{ActionSummary, ChatRequest, ChatResponse, Decision, PendingAction, PendingStatus};
pub use clients::{Client, ClientKind, ClientPatch, NewClient};
pub use dashboard::{Dashboard, DueInvoice, Outstanding, RoomLoad};
pub use equipment::{Equipment, EquipmentCondition, EquipmentPatch, EquipmentStatus, NewEquipment};
pub use error::{ErrorBody, ErrorDetail, FieldProblem, Problem};
pub use feed::{ChangeFeed, FeedChange};
pub use history::{Activity, Entry, EntryOp, FieldChange, Via};
pub use invalidation::{Invalidation, Mutation};
pub use invoices::{
    Invoice, InvoiceKind, InvoiceLine, InvoicePatch, InvoiceStatus, NewInvoice, NewLine,
    SessionsToInvoice, Totals, VatLine, VersionOnly,
};
pub use locale::{Locale, pick};
pub use money::Money;
pub use payments::{ClientBalance, NewPayment, Payment, PaymentMethod, Revenue};
pub use projects::{
    NewProject, NewTrack, Project, ProjectKind, ProjectPatch, ProjectStatus, Track, TrackPatch,
    TrackStatus,
};
pub use quantity::Quantity;
pub use quotes::{NewQuote, Quote, QuotePatch, QuoteStatus};
pub use rooms::{NewRoom, Room, RoomKind, RoomPatch};
pub use sessions::{
    Availability, BookedSlot, NIGHT_SESSION_MAX, NewSession, Session, SessionPatch, SessionStatus,
    Slot,
};
pub use settings::{SettingsPatch, StudioSettings};

/// One page of a list, with the cursor to ask for the next one.
#[derive(Debug, Clone, PartialEq, serde::Serialize, serde::Deserialize, decode::Decode)]
pub struct Page<T> {
    pub items: Vec<T>,
    /// Opaque; pass it back as `cursor` to get the next page. Absent on the last page.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub next_cursor: Option<String>,
}
