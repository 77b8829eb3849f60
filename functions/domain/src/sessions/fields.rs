//! Parsed session fields: once built, a value is known to be valid. Whether the client and the room exist, and
//! whether the room is free, is checked against the store by the service.

use jiff::{SignedDuration, Timestamp};
use studio_wire::{FieldProblem, NewSession, Session, SessionPatch, SessionStatus};

use crate::{
    error::DomainError,
    text::trimmed,
    validate::{Errors, optional, required},
};

pub const TITLE_MAX: usize = 200;
pub const ENGINEER_MAX: usize = 100;
pub const NOTES_MAX: usize = 4000;
/// The shortest session accepted.
pub const MIN_DURATION: SignedDuration = SignedDuration::from_mins(15);
/// The longest session accepted.
pub const MAX_DURATION: SignedDuration = SignedDuration::from_hours(7 * 24);
/// The dates a booking may use: from [`EARLIEST`] (included) to [`LATEST`] (excluded), UTC.
pub const EARLIEST: &str = "2000-01-01";
pub const LATEST: &str = "2100-01-01";

fn instant(date: &str) -> Timestamp {
    format!("{date}T00:00:00Z")
        .parse()
        .unwrap_or(Timestamp::UNIX_EPOCH)
}

/// A session's interval `[start, end)`: whole minutes, inside the booking window, between [`MIN_DURATION`]
/// and [`MAX_DURATION`] long.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct SessionTimes {
    pub start: Timestamp,
    pub end: Timestamp,
}

impl SessionTimes {
    /// Records every problem against `start` or `end`.
    pub(crate) fn parse(errors: &mut Errors, start: Timestamp, end: Timestamp) -> Option<Self> {
        let mut fine = true;
        for (field, at) in [("start", start), ("end", end)] {
            if at.as_second() % 60 != 0 || at.subsec_nanosecond() != 0 {
                errors.add(field, FieldProblem::NotOnTheMinute);
                fine = false;
            } else if at < instant(EARLIEST) || at > instant(LATEST) {
                errors.add(
                    field,
                    FieldProblem::OutsideBookingWindow {
                        from: EARLIEST.to_owned(),
                        to: LATEST.to_owned(),
                    },
                );
                fine = false;
            }
        }
        if fine {
            let length = end.duration_since(start);
            let problem = if end <= start {
                Some(FieldProblem::EndBeforeStart)
            } else if length > MAX_DURATION {
                Some(FieldProblem::TooLongSession {
                    max_hours: MAX_DURATION.as_hours(),
                })
            } else if length < MIN_DURATION {
                Some(FieldProblem::TooShortSession {
                    min_minutes: MIN_DURATION.as_mins(),
                })
            } else {
                None
            };
            if let Some(problem) = problem {
                errors.add("end", problem);
                fine = false;
            }
        }
        fine.then_some(Self { start, end })
    }
}

/// A complete, valid set of session fields (references not yet checked against the store).
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct SessionFields {
    /// `None` on a new session without a title: the service names it after the client.
    pub title: Option<String>,
    pub client_id: String,
    pub room_id: String,
    /// One of the client's projects (checked by the service).
    pub project_id: Option<String>,
    pub times: SessionTimes,
    pub status: SessionStatus,
    pub engineer: Option<String>,
    pub notes: Option<String>,
}

impl SessionFields {
    pub fn parse(input: &NewSession) -> Result<Self, DomainError> {
        let mut errors = Errors::default();
        let title = input
            .title
            .as_deref()
            .and_then(trimmed)
            .and_then(|t| errors.take("title", required(&t, TITLE_MAX)));
        let engineer = input
            .engineer
            .as_deref()
            .and_then(|e| errors.take("engineer", optional(e, ENGINEER_MAX)))
            .flatten();
        let notes = input
            .notes
            .as_deref()
            .and_then(|n| errors.take("notes", optional(n, NOTES_MAX)))
            .flatten();
        let times = SessionTimes::parse(&mut errors, input.start, input.end);
        match (times, errors.finish()) {
            (Some(times), Ok(())) => Ok(Self {
                title,
                client_id: input.client_id.trim().to_owned(),
                room_id: input.room_id.trim().to_owned(),
                project_id: input.project_id.as_deref().and_then(trimmed),
                times,
                status: input.status,
                engineer,
                notes,
            }),
            (_, Err(refused)) => Err(refused),
            (None, Ok(())) => unreachable!("refused times always record a problem"),
        }
    }

    /// The fields of a stored session, which were valid when written: they are not parsed again.
    pub fn stored(session: &Session) -> Self {
        Self {
            title: Some(session.title.clone()),
            client_id: session.client_id.clone(),
            room_id: session.room_id.clone(),
            project_id: session.project_id.clone(),
            times: SessionTimes {
                start: session.start,
                end: session.end,
            },
            status: session.status,
            engineer: session.engineer.clone(),
            notes: session.notes.clone(),
        }
    }

    /// Writes the fields into `session`; `default_title` names a session given none.
    pub fn write(self, session: &mut Session, default_title: &str) {
        session.title = self.title.unwrap_or_else(|| default_title.to_owned());
        session.client_id = self.client_id;
        session.room_id = self.room_id;
        session.project_id = self.project_id;
        session.start = self.times.start;
        session.end = self.times.end;
        session.status = self.status;
        session.engineer = self.engineer;
        session.notes = self.notes;
    }

    /// The fields after applying `patch`: absent fields keep their value, "" clears engineer and notes.
    pub fn patched(&self, patch: &SessionPatch) -> Result<Self, DomainError> {
        let mut errors = Errors::default();
        let mut next = self.clone();
        if let Some(raw) = &patch.title
            && let Some(title) = errors.take("title", required(raw, TITLE_MAX))
        {
            next.title = Some(title);
        }
        for (field, value, slot, max) in [
            (
                "engineer",
                &patch.engineer,
                &mut next.engineer,
                ENGINEER_MAX,
            ),
            ("notes", &patch.notes, &mut next.notes, NOTES_MAX),
        ] {
            if let Some(raw) = value
                && let Some(text) = errors.take(field, optional(raw, max))
            {
                *slot = text;
            }
        }
        if let Some(client) = &patch.client_id {
            next.client_id = client.trim().to_owned();
        }
        if let Some(room) = &patch.room_id {
            next.room_id = room.trim().to_owned();
        }
        if let Some(project) = &patch.project_id {
            next.project_id = trimmed(project);
        }
        next.status = patch.status.unwrap_or(next.status);
        let (start, end) = (
            patch.start.unwrap_or(self.times.start),
            patch.end.unwrap_or(self.times.end),
        );
        if (start, end) != (self.times.start, self.times.end)
            && let Some(times) = SessionTimes::parse(&mut errors, start, end)
        {
            next.times = times;
        }
        errors.finish()?;
        Ok(next)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(text: &str) -> Timestamp {
        text.parse().unwrap()
    }

    fn problems(start: &str, end: &str) -> Vec<(String, FieldProblem)> {
        let mut errors = Errors::default();
        SessionTimes::parse(&mut errors, ts(start), ts(end));
        match errors.finish() {
            Ok(()) => vec![],
            Err(DomainError::Refused(studio_wire::Problem::Validation { problems })) => {
                problems.into_iter().collect()
            }
            Err(other) => panic!("{other}"),
        }
    }

    #[test]
    fn session_times_are_whole_minutes_in_the_window_and_of_sensible_length() {
        assert!(problems("2026-11-27T10:00:00Z", "2026-11-27T12:00:00Z").is_empty());
        assert_eq!(
            problems("2026-11-27T10:00:30Z", "2026-11-27T12:00:00Z"),
            [("start".to_owned(), FieldProblem::NotOnTheMinute)]
        );
        assert_eq!(
            problems("2026-11-27T12:00:00Z", "2026-11-27T10:00:00Z"),
            [("end".to_owned(), FieldProblem::EndBeforeStart)]
        );
        assert_eq!(
            problems("2026-11-27T10:00:00Z", "2026-11-27T10:10:00Z"),
            [(
                "end".to_owned(),
                FieldProblem::TooShortSession { min_minutes: 15 }
            )]
        );
        assert_eq!(
            problems("2026-11-01T10:00:00Z", "2026-11-27T10:00:00Z"),
            [(
                "end".to_owned(),
                FieldProblem::TooLongSession { max_hours: 168 }
            )]
        );
        assert_eq!(
            problems("1999-12-31T10:00:00Z", "1999-12-31T12:00:00Z")
                .into_iter()
                .map(|(field, _)| field)
                .collect::<Vec<_>>(),
            ["end", "start"]
        );
    }
}
