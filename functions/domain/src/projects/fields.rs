//! Parsed project and track fields: once built, a value is known to be valid (the client is checked against
//! the store by the service).

use jiff::civil::Date;
use studio_wire::{
    FieldProblem, Money, NewProject, NewTrack, Project, ProjectKind, ProjectPatch, ProjectStatus,
    Track, TrackPatch, TrackStatus,
};

use crate::{
    error::DomainError,
    validate::{Errors, amount, optional, required},
};

pub const NAME_MAX: usize = 200;
pub const NOTES_MAX: usize = 4000;
pub const KEY_MAX: usize = 20;
pub const TRACKS_MAX: usize = 200;
pub const TRACK_NUMBER_MAX: u32 = 999;
/// A day, in seconds: the longest track accepted.
pub const DURATION_MAX: u32 = 86_400;
pub const BPM_MAX: u32 = 400;

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct ProjectFields {
    pub client_id: String,
    pub name: String,
    pub artist: Option<String>,
    pub kind: ProjectKind,
    pub status: ProjectStatus,
    pub budget: Option<Money>,
    pub starts_on: Option<Date>,
    pub due_on: Option<Date>,
    pub notes: Option<String>,
}

impl ProjectFields {
    pub fn parse(input: &NewProject) -> Result<Self, DomainError> {
        let blank = Self {
            client_id: input.client_id.trim().to_owned(),
            name: String::new(),
            artist: None,
            kind: input.kind,
            status: input.status,
            budget: None,
            starts_on: None,
            due_on: None,
            notes: None,
        };
        blank.patched(&ProjectPatch {
            version: 0,
            name: Some(input.name.clone()),
            artist: input.artist.clone(),
            kind: None,
            status: None,
            budget: input.budget,
            starts_on: input.starts_on,
            due_on: input.due_on,
            notes: input.notes.clone(),
        })
    }

    /// The fields of a stored project, which were valid when written: they are not parsed again.
    pub fn stored(project: &Project) -> Self {
        Self {
            client_id: project.client_id.clone(),
            name: project.name.clone(),
            artist: project.artist.clone(),
            kind: project.kind,
            status: project.status,
            budget: project.budget,
            starts_on: project.starts_on,
            due_on: project.due_on,
            notes: project.notes.clone(),
        }
    }

    pub fn write(self, project: &mut Project) {
        project.client_id = self.client_id;
        project.name = self.name;
        project.artist = self.artist;
        project.kind = self.kind;
        project.status = self.status;
        project.budget = self.budget;
        project.starts_on = self.starts_on;
        project.due_on = self.due_on;
        project.notes = self.notes;
    }

    pub fn patched(&self, patch: &ProjectPatch) -> Result<Self, DomainError> {
        let mut errors = Errors::default();
        let mut next = self.clone();
        if let Some(raw) = &patch.name
            && let Some(name) = errors.take("name", required(raw, NAME_MAX))
        {
            next.name = name;
        }
        for (field, value, slot, max) in [
            ("artist", &patch.artist, &mut next.artist, NAME_MAX),
            ("notes", &patch.notes, &mut next.notes, NOTES_MAX),
        ] {
            if let Some(raw) = value
                && let Some(text) = errors.take(field, optional(raw, max))
            {
                *slot = text;
            }
        }
        next.kind = patch.kind.unwrap_or(next.kind);
        next.status = patch.status.unwrap_or(next.status);
        if let Some(budget) = patch.budget
            && let Some(budget) = errors.take("budget", amount(budget))
        {
            next.budget = Some(budget);
        }
        next.starts_on = patch.starts_on.or(next.starts_on);
        next.due_on = patch.due_on.or(next.due_on);
        if let (Some(start), Some(due)) = (next.starts_on, next.due_on)
            && due < start
        {
            errors.add("due_on", FieldProblem::EndBeforeStart);
        }
        errors.finish()?;
        Ok(next)
    }
}

fn within(value: u32, min: u32, max: u32) -> Result<u32, FieldProblem> {
    if (min..=max).contains(&value) {
        Ok(value)
    } else {
        Err(FieldProblem::OutOfRange {
            min: i64::from(min),
            max: i64::from(max),
        })
    }
}

/// `track` after `patch`, every invalid field reported.
pub fn patched_track(track: &Track, patch: &TrackPatch) -> Result<Track, DomainError> {
    let mut errors = Errors::default();
    let mut next = track.clone();
    if let Some(raw) = &patch.title
        && let Some(title) = errors.take("title", required(raw, NAME_MAX))
    {
        next.title = title;
    }
    if let Some(number) = patch.number
        && let Some(number) = errors.take("number", within(number, 1, TRACK_NUMBER_MAX))
    {
        next.number = number;
    }
    next.status = patch.status.unwrap_or(next.status);
    if let Some(duration) = patch.duration
        && let Some(duration) = errors.take("duration", within(duration, 1, DURATION_MAX))
    {
        next.duration = Some(duration);
    }
    if let Some(bpm) = patch.bpm
        && let Some(bpm) = errors.take("bpm", within(bpm, 1, BPM_MAX))
    {
        next.bpm = Some(bpm);
    }
    if let Some(raw) = &patch.key
        && let Some(key) = errors.take("key", optional(raw, KEY_MAX))
    {
        next.key = key;
    }
    errors.finish()?;
    Ok(next)
}

/// A new track, numbered `number` unless the input says otherwise.
pub fn new_track(id: String, number: u32, input: &NewTrack) -> Result<Track, DomainError> {
    let blank = Track {
        id,
        number,
        title: String::new(),
        status: TrackStatus::default(),
        duration: None,
        bpm: None,
        key: None,
    };
    patched_track(
        &blank,
        &TrackPatch {
            version: input.version,
            title: Some(input.title.clone()),
            number: input.number,
            status: Some(input.status),
            duration: input.duration,
            bpm: input.bpm,
            key: input.key.clone(),
        },
    )
}
