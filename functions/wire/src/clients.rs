//! Clients of the studio: people or companies who book sessions and receive invoices.

use crate::decode::Decode;
use jiff::Timestamp;
use serde::{Deserialize, Serialize};

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Decode)]
#[serde(rename_all = "snake_case")]
pub enum ClientKind {
    #[default]
    Individual,
    Company,
}

impl ClientKind {
    /// Every value, in the order forms offer them.
    pub const ALL: [ClientKind; 2] = [ClientKind::Individual, ClientKind::Company];
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode)]
pub struct Client {
    pub id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    pub kind: ClientKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    #[serde(with = "crate::instant")]
    pub created_at: Timestamp,
    #[serde(with = "crate::instant")]
    pub updated_at: Timestamp,
    pub version: u64,
}

/// `POST /api/clients`. Unknown fields are refused so that a typo never passes silently.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewClient {
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default)]
    pub kind: ClientKind,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// `PATCH /api/clients/{id}`: only the fields present change. `version` is the one the editor saw.
/// For the optional text fields, an empty string clears the value.
#[derive(Debug, Clone, Default, PartialEq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ClientPatch {
    pub version: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub email: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub phone: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ClientKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}
