//! Rooms of the studio, with their rates. Money is in minor units (cents) of the studio's currency.

use crate::decode::Decode;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

use crate::Money;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Decode)]
#[serde(rename_all = "snake_case")]
pub enum RoomKind {
    #[default]
    Recording,
    Mixing,
    Mastering,
    Rehearsal,
    Live,
}

impl RoomKind {
    /// Every value, in the order forms offer them.
    pub const ALL: [RoomKind; 5] = [
        RoomKind::Recording,
        RoomKind::Mixing,
        RoomKind::Mastering,
        RoomKind::Rehearsal,
        RoomKind::Live,
    ];
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode)]
pub struct Room {
    pub id: String,
    pub name: String,
    pub kind: RoomKind,
    /// Per hour.
    pub hourly_rate: Money,
    /// For up to 4 hours.
    pub half_day_rate: Money,
    /// For up to 8 hours.
    pub day_rate: Money,
    pub capacity: u32,
    /// `#rrggbb`, used on the calendar.
    pub colour: String,
    pub active: bool,
    pub bookable: bool,
    #[serde(with = "crate::instant")]
    pub created_at: Timestamp,
    #[serde(with = "crate::instant")]
    pub updated_at: Timestamp,
    pub version: u64,
}

/// `POST /api/rooms`. Half-day and day rates default to 4 and 8 hours at the hourly rate.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewRoom {
    pub name: String,
    #[serde(default)]
    pub kind: RoomKind,
    pub hourly_rate: Money,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub half_day_rate: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day_rate: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bookable: Option<bool>,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct RoomPatch {
    pub version: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<RoomKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub hourly_rate: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub half_day_rate: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub day_rate: Option<Money>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub capacity: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub colour: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub active: Option<bool>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bookable: Option<bool>,
}
