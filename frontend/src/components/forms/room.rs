//! The room form, for creating and editing. Rates are typed as people write amounts ("49,90") and read by the
//! one money parser; a rate it cannot read is refused before sending, in the same words as the API's.

use studio_wire::{Locale, Money, NewRoom, Room, RoomKind, RoomPatch};
use yew::prelude::*;

use super::{FormProps, edit, edit_checked, field, form_shell, input, refused, use_form};
use crate::{
    api::ApiError,
    components::choices::{Choice, options},
    i18n::use_texts,
};

/// The colours offered to new rooms, in turn, so that rooms side by side on the calendar are told apart.
const PALETTE: [&str; 8] = [
    "#5b3df5", "#e4572e", "#17a398", "#f3a712", "#2e86de", "#c0398c", "#4c9f38", "#6d4c41",
];

#[derive(Debug, Clone, PartialEq)]
pub struct RoomFormValues {
    pub name: String,
    pub kind: RoomKind,
    pub hourly_rate: String,
    /// Empty on a new room: the API derives them from the hourly rate.
    pub half_day_rate: String,
    pub day_rate: String,
    pub colour: String,
    pub bookable: bool,
}

impl Default for RoomFormValues {
    fn default() -> Self {
        Self {
            name: String::new(),
            kind: RoomKind::default(),
            hourly_rate: String::new(),
            half_day_rate: String::new(),
            day_rate: String::new(),
            colour: PALETTE[0].to_owned(),
            bookable: true,
        }
    }
}

impl RoomFormValues {
    /// A new room's values, its colour the first of the palette that `rooms` do not use yet.
    pub fn beside(rooms: &[Room]) -> Self {
        let free = PALETTE
            .iter()
            .find(|c| !rooms.iter().any(|r| r.colour.eq_ignore_ascii_case(c)));
        Self {
            colour: free
                .unwrap_or(&PALETTE[rooms.len() % PALETTE.len()])
                .to_string(),
            ..Self::default()
        }
    }

    pub fn of(room: &Room, locale: Locale) -> Self {
        Self {
            name: room.name.clone(),
            kind: room.kind,
            hourly_rate: room.hourly_rate.plain(locale),
            half_day_rate: room.half_day_rate.plain(locale),
            day_rate: room.day_rate.plain(locale),
            colour: room.colour.clone(),
            bookable: room.active && room.bookable,
        }
    }

    /// The three rates as amounts (`None` when left empty), or the refusal naming each unreadable one.
    fn rates(&self) -> Result<[Option<Money>; 3], ApiError> {
        let mut problems = Vec::new();
        let mut read = |field: &str, raw: &str| match raw.trim() {
            "" => None,
            raw => Money::parse(raw)
                .map_err(|problem| problems.push((field.to_owned(), problem)))
                .ok(),
        };
        let rates = [
            read("hourly_rate", &self.hourly_rate),
            read("half_day_rate", &self.half_day_rate),
            read("day_rate", &self.day_rate),
        ];
        if problems.is_empty() {
            Ok(rates)
        } else {
            Err(refused(problems))
        }
    }

    pub fn to_new(&self) -> Result<NewRoom, ApiError> {
        let [hourly, half_day, day] = self.rates()?;
        Ok(NewRoom {
            name: self.name.clone(),
            kind: self.kind,
            hourly_rate: hourly.unwrap_or_default(),
            half_day_rate: half_day,
            day_rate: day,
            colour: Some(self.colour.clone()),
            active: Some(self.bookable),
            bookable: Some(self.bookable),
            ..NewRoom::default()
        })
    }

    pub fn to_patch(&self, room: &Room) -> Result<RoomPatch, ApiError> {
        let [hourly, half_day, day] = self.rates()?;
        Ok(RoomPatch {
            version: room.version,
            name: Some(self.name.clone()),
            kind: Some(self.kind),
            hourly_rate: hourly,
            half_day_rate: half_day,
            day_rate: day,
            colour: Some(self.colour.clone()),
            active: Some(self.bookable),
            bookable: Some(self.bookable),
            ..RoomPatch::default()
        })
    }
}

#[function_component]
pub fn RoomForm(props: &FormProps<RoomFormValues>) -> Html {
    let texts = use_texts();
    let (values, submit) = use_form(props);
    let error = props.error.clone();
    form_shell(
        texts,
        props.shell("room-form", submit),
        html! { <>
            { input(texts.col_name, "name", "text", &values.name, edit(&values, |v, s| v.name = s), &error) }
            { field(texts.col_kind, "kind", &error, html! {
                <select name="kind" onchange={edit(&values, |v, s| v.kind = RoomKind::from_value(&s).unwrap_or_default())}>
                    { options(texts, values.kind) }
                </select>
            }) }
            { input(texts.col_rate, "hourly_rate", "decimal", &values.hourly_rate, edit(&values, |v, s| v.hourly_rate = s), &error) }
            { input(texts.col_half_day, "half_day_rate", "decimal", &values.half_day_rate, edit(&values, |v, s| v.half_day_rate = s), &error) }
            { input(texts.col_day, "day_rate", "decimal", &values.day_rate, edit(&values, |v, s| v.day_rate = s), &error) }
            { input(texts.col_colour, "colour", "color", &values.colour, edit(&values, |v, s| v.colour = s), &error) }
            <label class="check">
                <input name="bookable" type="checkbox" checked={values.bookable} onchange={edit_checked(&values, |v, b| v.bookable = b)} />
                { texts.col_bookable }
            </label>
        </> },
    )
}

#[cfg(test)]
mod tests {
    use studio_wire::decode::Decode;

    use super::*;

    fn room(colour: &str) -> Room {
        Room {
            colour: colour.to_owned(),
            ..Room::placeholder()
        }
    }

    #[test]
    fn a_new_room_takes_the_first_colour_no_room_has() {
        let colour = |rooms: &[Room]| RoomFormValues::beside(rooms).colour;
        assert_eq!(colour(&[]), PALETTE[0]);
        assert_eq!(colour(&[room("#5B3DF5"), room("#17a398")]), PALETTE[1]);
        // Every colour taken: they come round again.
        let all: Vec<Room> = PALETTE.iter().map(|c| room(c)).collect();
        assert_eq!(colour(&all), PALETTE[0]);
    }
}
