//! Projects (an album, an EP…) for a client, made of tracks. Tracks live inside their project: a track's change
//! is its project's change (one version, one history).

use crate::decode::Decode;
use jiff::{Timestamp, civil::Date};
use serde::{Deserialize, Serialize};

use crate::Money;

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Decode)]
#[serde(rename_all = "snake_case")]
pub enum ProjectKind {
    #[default]
    Album,
    Ep,
    Single,
    Demo,
    Soundtrack,
    Podcast,
}

impl ProjectKind {
    /// Every value, in the order forms offer them.
    pub const ALL: [ProjectKind; 6] = [
        ProjectKind::Album,
        ProjectKind::Ep,
        ProjectKind::Single,
        ProjectKind::Demo,
        ProjectKind::Soundtrack,
        ProjectKind::Podcast,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Decode)]
#[serde(rename_all = "snake_case")]
pub enum ProjectStatus {
    #[default]
    PreProduction,
    Recording,
    Editing,
    Mixing,
    Mastering,
    Completed,
    Delivered,
    Archived,
}

impl ProjectStatus {
    /// Every value, in the order of a project's life.
    pub const ALL: [ProjectStatus; 8] = [
        ProjectStatus::PreProduction,
        ProjectStatus::Recording,
        ProjectStatus::Editing,
        ProjectStatus::Mixing,
        ProjectStatus::Mastering,
        ProjectStatus::Completed,
        ProjectStatus::Delivered,
        ProjectStatus::Archived,
    ];
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, Default, Serialize, Deserialize, Decode)]
#[serde(rename_all = "snake_case")]
pub enum TrackStatus {
    #[default]
    Recording,
    Editing,
    Mixing,
    Mastering,
    Completed,
}

impl TrackStatus {
    /// Every value, in the order of a track's life.
    pub const ALL: [TrackStatus; 5] = [
        TrackStatus::Recording,
        TrackStatus::Editing,
        TrackStatus::Mixing,
        TrackStatus::Mastering,
        TrackStatus::Completed,
    ];
}

#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize, Decode)]
pub struct Track {
    pub id: String,
    pub number: u32,
    pub title: String,
    pub status: TrackStatus,
    /// In seconds.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bpm: Option<u32>,
    /// Musical key, as written ("A minor", "F#m").
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode)]
pub struct Project {
    pub id: String,
    pub client_id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub artist: Option<String>,
    pub kind: ProjectKind,
    pub status: ProjectStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Money>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::day::optional"
    )]
    pub starts_on: Option<Date>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::day::optional"
    )]
    pub due_on: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
    pub tracks: Vec<Track>,
    #[serde(with = "crate::instant")]
    pub created_at: Timestamp,
    #[serde(with = "crate::instant")]
    pub updated_at: Timestamp,
    pub version: u64,
}

/// `POST /api/projects`.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewProject {
    pub client_id: String,
    pub name: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub artist: Option<String>,
    #[serde(default)]
    pub kind: ProjectKind,
    #[serde(default)]
    pub status: ProjectStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Money>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::day::optional"
    )]
    pub starts_on: Option<Date>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::day::optional"
    )]
    pub due_on: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// `PATCH /api/projects/{id}`: the fields present change; "" clears an optional text.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct ProjectPatch {
    pub version: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub name: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub artist: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub kind: Option<ProjectKind>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<ProjectStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub budget: Option<Money>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::day::optional"
    )]
    pub starts_on: Option<Date>,
    #[serde(
        default,
        skip_serializing_if = "Option::is_none",
        with = "crate::day::optional"
    )]
    pub due_on: Option<Date>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub notes: Option<String>,
}

/// `POST /api/projects/{id}/tracks` (with the project's `version`): a track, numbered next unless given.
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct NewTrack {
    pub version: u64,
    pub title: String,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    #[serde(default)]
    pub status: TrackStatus,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bpm: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}

/// `PATCH /api/projects/{id}/tracks/{track}` (with the project's `version`).
#[derive(Debug, Clone, Default, PartialEq, Eq, Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
pub struct TrackPatch {
    pub version: u64,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub title: Option<String>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub number: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub status: Option<TrackStatus>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub duration: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub bpm: Option<u32>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub key: Option<String>,
}
