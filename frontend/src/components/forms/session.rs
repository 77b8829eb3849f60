//! The session form, for booking and editing: client, room, local date and times (in the studio's zone),
//! title, and — for an existing session — status, engineer and notes. A booking refused because the room is
//! taken names the sessions in the way.

use jiff::Timestamp;
use studio_wire::{
    FieldProblem, NIGHT_SESSION_MAX, NewSession, Session, SessionPatch, SessionStatus,
};
use yew::prelude::*;

use super::{
    FormProps, edit, field, form_shell, input, optional, pick_one, refused, refused_field, use_form,
};
use crate::{
    api::ApiError,
    components::{
        ClientPicker,
        choices::{Choice, options},
        use_studio,
    },
    hooks::{pairs, use_rooms},
    i18n::use_texts,
    time,
};

#[derive(Debug, Clone, Default, PartialEq)]
pub struct SessionFormValues {
    pub title: String,
    pub client_id: String,
    pub room_id: String,
    /// Local date (YYYY-MM-DD) and times (HH:MM) in the studio's zone.
    pub date: String,
    pub start: String,
    pub end: String,
    pub status: SessionStatus,
    pub engineer: String,
    pub notes: String,
    /// Editing a booked session (status, engineer and notes are shown).
    pub existing: bool,
}

impl SessionFormValues {
    /// A new booking on `date` from `start` (two hours), optionally in a room.
    pub fn booking(date: String, start: String, room_id: Option<String>) -> Self {
        let hour: u32 = start.get(..2).and_then(|h| h.parse().ok()).unwrap_or(10);
        Self {
            end: format!(
                "{:02}:{}",
                (hour + 2).min(23),
                start.get(3..5).unwrap_or("00")
            ),
            date,
            start,
            room_id: room_id.unwrap_or_default(),
            ..Self::default()
        }
    }

    /// The instants the local date and times name; an end not after the start is the next morning's (a night
    /// session, up to `NIGHT_SESSION_MAX`), else refused.
    fn times(&self) -> Result<(Timestamp, Timestamp), ApiError> {
        let at = |field: &str, hhmm: &str| {
            time::instant(&self.date, hhmm).map_err(|p| (field.to_owned(), p))
        };
        let (start, end) = match (at("start", &self.start), at("end", &self.end)) {
            (Ok(start), Ok(end)) => (start, end),
            (start, end) => {
                let mut problems = Vec::new();
                problems.extend(start.err());
                problems.extend(end.err());
                return Err(refused(problems));
            }
        };
        if end > start {
            return Ok((start, end));
        }
        let next_morning = time::after_hours(end, 24);
        if next_morning.duration_since(start) > NIGHT_SESSION_MAX {
            return Err(refused_field("end", FieldProblem::EndBeforeStart));
        }
        Ok((start, next_morning))
    }

    pub fn to_new(&self) -> Result<NewSession, ApiError> {
        let (start, end) = self.times()?;
        Ok(NewSession {
            title: optional(&self.title),
            client_id: self.client_id.clone(),
            room_id: self.room_id.clone(),
            project_id: None,
            start,
            end,
            status: self.status,
            engineer: optional(&self.engineer),
            notes: optional(&self.notes),
        })
    }

    pub fn to_patch(&self, session: &Session) -> Result<SessionPatch, ApiError> {
        let (start, end) = self.times()?;
        Ok(SessionPatch {
            version: session.version,
            title: Some(self.title.clone()),
            client_id: Some(self.client_id.clone()),
            room_id: Some(self.room_id.clone()),
            // This form does not show the project: a session moved to another client leaves its project.
            project_id: (self.client_id != session.client_id && session.project_id.is_some())
                .then(String::new),
            start: Some(start),
            end: Some(end),
            status: Some(self.status),
            engineer: Some(self.engineer.clone()),
            notes: Some(self.notes.clone()),
        })
    }
}

impl From<&Session> for SessionFormValues {
    fn from(session: &Session) -> Self {
        let (date, start) = time::parts(session.start);
        Self {
            title: session.title.clone(),
            client_id: session.client_id.clone(),
            room_id: session.room_id.clone(),
            date,
            start,
            end: time::parts(session.end).1,
            status: session.status,
            engineer: session.engineer.clone().unwrap_or_default(),
            notes: session.notes.clone().unwrap_or_default(),
            existing: true,
        }
    }
}

/// What a booking's times are worth pointing out; it is still allowed (a session played is booked to be
/// invoiced; a studio opens late for a client).
#[derive(Debug, Clone, Copy, PartialEq)]
pub enum Caution {
    Past,
    OutsideHours,
}

impl SessionFormValues {
    /// Of a new booking, against the studio's opening hours (`HH:MM`, up to `24:00`) and `now`; nothing while
    /// the times are not readable (the form says why when sent), nor for a session already booked (one edited
    /// after it was played would always be "in the past").
    pub fn cautions(&self, opens: &str, closes: &str, now: Timestamp) -> Vec<Caution> {
        if self.existing {
            return Vec::new();
        }
        let Ok((start, _)) = self.times() else {
            return Vec::new();
        };
        let mut cautions = Vec::new();
        if start < now {
            cautions.push(Caution::Past);
        }
        // Times are `HH:MM`: compared as text. An end not after the start is the next morning's.
        let overnight = self.end <= self.start;
        let all_day = opens == "00:00" && closes == "24:00";
        if !all_day && (self.start.as_str() < opens || self.end.as_str() > closes || overnight) {
            cautions.push(Caution::OutsideHours);
        }
        cautions
    }
}

#[function_component]
pub fn SessionForm(props: &FormProps<SessionFormValues>) -> Html {
    let texts = use_texts();
    let settings = use_studio().settings;
    let rooms = use_rooms();
    let (values, submit) = use_form(props);
    let cautions = values.cautions(&settings.opens_at, &settings.closes_at, time::now());
    let error = props.error.clone();
    let current_room = values.room_id.clone();
    let room_options = pairs(rooms.data(), |r| {
        (r.active && r.bookable || r.id == current_room).then_some((r.id.as_str(), r.name.as_str()))
    });
    form_shell(
        texts,
        props.shell("session-form", submit),
        html! { <>
            { field(texts.col_title, "title", &error, html! {
                <input name="title" value={values.title.clone()} placeholder={texts.untitled_default}
                    oninput={edit(&values, |v, s| v.title = s)} />
            }) }
            { field(texts.col_client, "client_id", &error, html! {
                <ClientPicker selected={values.client_id.clone()} onchange={edit(&values, |v, s| v.client_id = s)}
                    label={texts.col_client} none={texts.choose} />
            }) }
            { field(texts.col_room, "room_id", &error, html! {
                <select name="room_id" onchange={edit(&values, |v, s| v.room_id = s)}>{ pick_one(texts.choose, room_options, &values.room_id) }</select>
            }) }
            { input(texts.col_date, "date", "date", &values.date, edit(&values, |v, s| v.date = s), &error) }
            { input(texts.col_start, "start", "time", &values.start, edit(&values, |v, s| v.start = s), &error) }
            { input(texts.col_end, "end", "time", &values.end, edit(&values, |v, s| v.end = s), &error) }
            { for cautions.iter().map(|caution| html! {
                <p class="caution" role="note">{ match caution {
                    Caution::Past => texts.session_in_past.to_owned(),
                    Caution::OutsideHours => format!("{} {}–{}", texts.session_outside_hours, settings.opens_at, settings.closes_at),
                } }</p>
            }) }
            if values.existing {
                { field(texts.col_status, "status", &error, html! {
                    <select name="status" onchange={edit(&values, |v, s| v.status = SessionStatus::from_value(&s).unwrap_or_default())}>
                        { options(texts, values.status) }
                    </select>
                }) }
                { input(texts.col_engineer, "engineer", "text", &values.engineer, edit(&values, |v, s| v.engineer = s), &error) }
                { field(texts.col_notes, "notes", &error, html! {
                    <textarea name="notes" value={values.notes.clone()} oninput={edit(&values, |v, s| v.notes = s)} />
                }) }
            }
        </> },
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    fn typed(start: &str, end: &str) -> Result<(Timestamp, Timestamp), ApiError> {
        SessionFormValues {
            date: "2026-12-10".into(),
            start: start.into(),
            end: end.into(),
            ..SessionFormValues::default()
        }
        .times()
    }

    #[test]
    fn a_booking_in_the_past_or_outside_opening_hours_is_pointed_out() {
        let now: Timestamp = "2026-12-10T12:00:00Z".parse().unwrap();
        let cautions = |date: &str, start: &str, end: &str, (opens, closes): (&str, &str)| {
            SessionFormValues {
                date: date.into(),
                start: start.into(),
                end: end.into(),
                ..SessionFormValues::default()
            }
            .cautions(opens, closes, now)
        };
        let hours = ("09:00", "22:00");
        assert_eq!(cautions("2026-12-11", "10:00", "13:00", hours), []);
        assert_eq!(
            cautions("2026-12-09", "10:00", "13:00", hours),
            [Caution::Past]
        );
        assert_eq!(
            cautions("2026-12-11", "08:00", "13:00", hours),
            [Caution::OutsideHours]
        );
        assert_eq!(
            cautions("2026-12-11", "20:00", "23:00", hours),
            [Caution::OutsideHours]
        );
        assert_eq!(
            cautions("2026-12-09", "22:00", "02:00", hours),
            [Caution::Past, Caution::OutsideHours],
            "a night session past closing time"
        );
        assert_eq!(
            cautions("2026-12-11", "22:00", "02:00", ("00:00", "24:00")),
            []
        );
        assert_eq!(
            cautions("2026-12-11", "20:00", "23:59", ("08:00", "24:00")),
            []
        );
        assert_eq!(
            cautions("2026-12-11", "ten", "13:00", hours),
            [],
            "unreadable: said when sent"
        );
        let booked = SessionFormValues {
            date: "2026-12-09".into(),
            start: "22:00".into(),
            end: "02:00".into(),
            existing: true,
            ..SessionFormValues::default()
        };
        assert_eq!(booked.cautions("09:00", "22:00", now), []);
    }

    #[test]
    fn an_end_before_the_start_is_a_night_session_up_to_twelve_hours_else_refused() {
        let hours = |(start, end): (Timestamp, Timestamp)| end.duration_since(start).as_hours();
        assert_eq!(typed("10:00", "18:00").map(hours).unwrap(), 8);
        assert_eq!(
            typed("08:00", "23:00").map(hours).unwrap(),
            15,
            "a long day is a day"
        );
        assert_eq!(
            typed("22:00", "02:00").map(hours).unwrap(),
            4,
            "a night session"
        );
        assert_eq!(typed("20:00", "08:00").map(hours).unwrap(), 12);
        for (start, end) in [("18:00", "17:30"), ("12:00", "12:00"), ("14:00", "12:00")] {
            let refused = typed(start, end).unwrap_err();
            assert!(refused.field("end").is_some(), "{start}–{end}: {refused:?}");
        }
    }
}
