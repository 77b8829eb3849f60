//! Sessions: bookings of a room by a client. Instants are UTC; the SPA shows them in the studio's time zone.

use crate::decode::Decode;
use jiff::{SignedDuration, Timestamp};
use serde::{Deserialize, Serialize};

/// A session typed as one day and two times ends the next morning when its end is not after its start (a night
/// session, 22:00–02:00) — if it then lasts at most this long. Longer (18:00–17:30), the end is a mistake.
pub const NIGHT_SESSION_MAX: SignedDuration = SignedDuration::from_hours(12);

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Decode)]
#[serde(rename_all = "snake_case")]
pub enum SessionStatus {
    #[default]
    Scheduled,
    InProgress,
    Completed,
    Cancelled,
}

impl SessionStatus {
    /// Every value, in the order forms offer them.
    pub const ALL: [SessionStatus; 4] = [
        SessionStatus::Scheduled,
        SessionStatus::InProgress,
        SessionStatus::Completed,
        SessionStatus::Cancelled,
    ];
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode)]
pub struct Session {
    pub id: String,
    pub title: String,
    pub client_id: String,
    pub room_id: String,
    /// The project it works on, one of its client's.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    #[serde(with = "crate::instant")]
    pub start: Timestamp,
    #[serde(with = "crate::instant")]
    pub end: Timestamp,
    pub status: SessionStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engineer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    /// Computed from the room's rates when booked or moved.
    pub price: crate::Money,
    #[serde(with = "crate::instant")]
    pub created_at: Timestamp,
    #[serde(with = "crate::instant")]
    pub updated_at: Timestamp,
    pub version: u64,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewSession {
    /// Defaults to "Session <client name>".
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    pub client_id: String,
    pub room_id: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    #[serde(with = "crate::instant")]
    pub start: Timestamp,
    #[serde(with = "crate::instant")]
    pub end: Timestamp,
    #[serde(default)]
    pub status: SessionStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engineer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct SessionPatch {
    pub version: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub client_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room_id: Option<String>,
    /// "" unlinks it from its project.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub project_id: Option<String>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::instant::optional"
    )]
    pub start: Option<Timestamp>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::instant::optional"
    )]
    pub end: Option<Timestamp>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<SessionStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub engineer: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// A session that stands in the way of a booking, as a 409 reports it.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct BookedSlot {
    pub session_id: String,
    pub title: String,
    pub room_id: String,
    #[serde(with = "crate::instant")]
    pub start: Timestamp,
    #[serde(with = "crate::instant")]
    pub end: Timestamp,
}

/// `[start, end)`.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Serialize, Deserialize)]
pub struct Slot {
    #[serde(with = "crate::instant")]
    pub start: Timestamp,
    #[serde(with = "crate::instant")]
    pub end: Timestamp,
}

/// `GET /api/rooms/{id}/availability`: the free slots of the room within `[from, to)`.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize)]
pub struct Availability {
    pub room_id: String,
    #[serde(with = "crate::instant")]
    pub from: Timestamp,
    #[serde(with = "crate::instant")]
    pub to: Timestamp,
    pub free: Vec<Slot>,
}
