//! The studio's gear, and whether it can be used.

use crate::decode::Decode;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Decode)]
#[serde(rename_all = "snake_case")]
pub enum EquipmentStatus {
    #[default]
    Operational,
    Maintenance,
    OutOfService,
    Rented,
}

impl EquipmentStatus {
    /// Every value, in the order forms offer them.
    pub const ALL: [EquipmentStatus; 4] = [
        EquipmentStatus::Operational,
        EquipmentStatus::Maintenance,
        EquipmentStatus::OutOfService,
        EquipmentStatus::Rented,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Decode)]
#[serde(rename_all = "snake_case")]
pub enum EquipmentCondition {
    Excellent,
    #[default]
    Good,
    Fair,
    Poor,
}

impl EquipmentCondition {
    /// Every value, in the order forms offer them.
    pub const ALL: [EquipmentCondition; 4] = [
        EquipmentCondition::Excellent,
        EquipmentCondition::Good,
        EquipmentCondition::Fair,
        EquipmentCondition::Poor,
    ];
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode)]
pub struct Equipment {
    pub id: String,
    pub name: String,
    pub category: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serial_number: Option<String>,
    pub status: EquipmentStatus,
    pub condition: EquipmentCondition,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(with = "crate::instant")]
    pub created_at: Timestamp,
    #[serde(with = "crate::instant")]
    pub updated_at: Timestamp,
    pub version: u64,
}

#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewEquipment {
    pub name: String,
    pub category: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serial_number: Option<String>,
    #[serde(default)]
    pub status: EquipmentStatus,
    #[serde(default)]
    pub condition: EquipmentCondition,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// Absent fields keep their value; for the optional text fields and `room_id`, "" clears.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct EquipmentPatch {
    pub version: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub category: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub brand: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub model: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub serial_number: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<EquipmentStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub condition: Option<EquipmentCondition>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub room_id: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}
