//! Parsed room fields: once built, a value is known to be valid.

use studio_wire::{FieldProblem, Money, NewRoom, Room, RoomKind, RoomPatch};

use crate::{
    error::DomainError,
    validate::{Errors, amount, required},
};

pub const NAME_MAX: usize = 100;
pub const CAPACITY_MAX: u32 = 1000;
/// The calendar colour of a new room.
pub const DEFAULT_COLOUR: &str = "#5b3df5";
/// Without their own rates, a half day is 4 hours and a day 8 hours at the hourly rate (a half day never above
/// the day's rate given).
pub const HALF_DAY_HOURS: i64 = 4;
pub const DAY_HOURS: i64 = 8;

/// A calendar colour, `#rrggbb` in lower case.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Colour(String);

impl Colour {
    pub fn parse(raw: &str) -> Result<Self, FieldProblem> {
        let value = raw.trim().to_lowercase();
        let ok = value.len() == 7
            && value.starts_with('#')
            && value[1..].chars().all(|c| c.is_ascii_hexdigit());
        if ok {
            Ok(Self(value))
        } else {
            Err(FieldProblem::NotAColour {
                value: raw.trim().to_owned(),
            })
        }
    }
}

fn capacity(value: u32) -> Result<u32, FieldProblem> {
    if (1..=CAPACITY_MAX).contains(&value) {
        Ok(value)
    } else {
        Err(FieldProblem::OutOfRange {
            min: 1,
            max: i64::from(CAPACITY_MAX),
        })
    }
}

/// A complete, valid set of room fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct RoomFields {
    pub name: String,
    pub kind: RoomKind,
    pub hourly_rate: Money,
    pub half_day_rate: Money,
    pub day_rate: Money,
    pub capacity: u32,
    pub colour: Colour,
    pub active: bool,
    pub bookable: bool,
}

impl RoomFields {
    pub fn parse(input: &NewRoom) -> Result<Self, DomainError> {
        let hourly = input.hourly_rate;
        let blank = Self {
            name: String::new(),
            kind: input.kind,
            hourly_rate: Money::ZERO,
            half_day_rate: Money::ZERO,
            day_rate: Money::ZERO,
            capacity: 1,
            colour: Colour(DEFAULT_COLOUR.to_owned()),
            active: true,
            bookable: true,
        };
        blank.patched(&RoomPatch {
            version: 0,
            name: Some(input.name.clone()),
            kind: Some(input.kind),
            hourly_rate: Some(hourly),
            half_day_rate: Some(input.half_day_rate.unwrap_or_else(|| {
                let four_hours = Money(hourly.0.saturating_mul(HALF_DAY_HOURS));
                input.day_rate.map_or(four_hours, |day| four_hours.min(day))
            })),
            day_rate: Some(
                input
                    .day_rate
                    .unwrap_or(Money(hourly.0.saturating_mul(DAY_HOURS))),
            ),
            capacity: input.capacity,
            colour: input.colour.clone(),
            active: input.active,
            bookable: input.bookable,
        })
    }

    /// The fields of a stored room, which were valid when written: they are not parsed again.
    pub fn stored(room: &Room) -> Self {
        Self {
            name: room.name.clone(),
            kind: room.kind,
            hourly_rate: room.hourly_rate,
            half_day_rate: room.half_day_rate,
            day_rate: room.day_rate,
            capacity: room.capacity,
            colour: Colour(room.colour.clone()),
            active: room.active,
            bookable: room.bookable,
        }
    }

    pub fn write(self, room: &mut Room) {
        room.name = self.name;
        room.kind = self.kind;
        room.hourly_rate = self.hourly_rate;
        room.half_day_rate = self.half_day_rate;
        room.day_rate = self.day_rate;
        room.capacity = self.capacity;
        room.colour = self.colour.0;
        room.active = self.active;
        room.bookable = self.bookable;
    }

    /// The fields after applying `patch`: absent fields keep their value. Every invalid field is reported.
    pub fn patched(&self, patch: &RoomPatch) -> Result<Self, DomainError> {
        let mut errors = Errors::default();
        let mut next = self.clone();
        if let Some(raw) = &patch.name
            && let Some(name) = errors.take("name", required(raw, NAME_MAX))
        {
            next.name = name;
        }
        next.kind = patch.kind.unwrap_or(next.kind);
        for (field, value, slot) in [
            ("hourly_rate", patch.hourly_rate, &mut next.hourly_rate),
            (
                "half_day_rate",
                patch.half_day_rate,
                &mut next.half_day_rate,
            ),
            ("day_rate", patch.day_rate, &mut next.day_rate),
        ] {
            if let Some(value) = value
                && let Some(rate) = errors.take(field, amount(value))
            {
                *slot = rate;
            }
        }
        // Checked when either rate is set, so that a room stored before this rule can still be renamed.
        let rates_set = patch.half_day_rate.is_some() || patch.day_rate.is_some();
        if rates_set && next.half_day_rate > next.day_rate {
            errors.add("half_day_rate", FieldProblem::HalfDayAboveDay);
        }
        if let Some(value) = patch.capacity
            && let Some(capacity) = errors.take("capacity", capacity(value))
        {
            next.capacity = capacity;
        }
        if let Some(raw) = &patch.colour
            && let Some(colour) = errors.take("colour", Colour::parse(raw))
        {
            next.colour = colour;
        }
        next.active = patch.active.unwrap_or(next.active);
        next.bookable = patch.bookable.unwrap_or(next.bookable);
        errors.finish()?;
        Ok(next)
    }
}

#[cfg(test)]
mod tests {
    use std::collections::BTreeMap;

    use studio_wire::Problem;

    use super::*;

    #[test]
    fn half_day_and_day_rates_default_to_4_and_8_hours() {
        let fields = RoomFields::parse(&NewRoom {
            name: " Studio A ".into(),
            hourly_rate: Money(5_000),
            ..NewRoom::default()
        })
        .unwrap();
        assert_eq!(
            (fields.name.as_str(), fields.half_day_rate, fields.day_rate),
            ("Studio A", Money(20_000), Money(40_000))
        );
    }

    #[test]
    fn a_half_day_may_not_cost_more_than_a_day() {
        let room = |half_day: Option<i64>, day: Option<i64>| {
            RoomFields::parse(&NewRoom {
                name: "Studio A".into(),
                hourly_rate: Money(5_000),
                half_day_rate: half_day.map(Money),
                day_rate: day.map(Money),
                ..NewRoom::default()
            })
        };
        let refused = |result: Result<RoomFields, DomainError>| match result {
            Err(DomainError::Refused(Problem::Validation { problems })) => problems,
            other => panic!("expected a refusal, got {other:?}"),
        };
        assert_eq!(
            refused(room(Some(30_000), Some(25_000))),
            BTreeMap::from([("half_day_rate".to_owned(), FieldProblem::HalfDayAboveDay)])
        );
        // A day cheaper than 4 hours: the half day it implies is the day's price, not above it.
        assert_eq!(
            room(None, Some(15_000)).unwrap().half_day_rate,
            Money(15_000)
        );
        assert!(room(Some(25_000), Some(25_000)).is_ok());

        // A patch of either rate is checked against the other.
        let stored = room(None, None).unwrap();
        let patch = RoomPatch {
            day_rate: Some(Money(10_000)),
            ..RoomPatch::default()
        };
        assert_eq!(
            refused(stored.patched(&patch)),
            BTreeMap::from([("half_day_rate".to_owned(), FieldProblem::HalfDayAboveDay)])
        );
        // A room stored before the rule is renamed all the same.
        let old = RoomFields {
            half_day_rate: Money(50_000),
            ..stored
        };
        let rename = RoomPatch {
            name: Some("Studio B".into()),
            ..RoomPatch::default()
        };
        assert_eq!(old.patched(&rename).unwrap().name, "Studio B");
    }

    #[test]
    fn every_invalid_room_field_is_reported_with_its_code() {
        let input = NewRoom {
            name: "".into(),
            hourly_rate: Money(-1),
            day_rate: Some(Money(100_000_001)),
            capacity: Some(0),
            colour: Some("red".into()),
            ..NewRoom::default()
        };
        let Err(DomainError::Refused(Problem::Validation { problems })) = RoomFields::parse(&input)
        else {
            panic!("expected a validation error");
        };
        assert_eq!(
            problems,
            BTreeMap::from([
                (
                    "capacity".to_owned(),
                    FieldProblem::OutOfRange { min: 1, max: 1000 }
                ),
                (
                    "colour".to_owned(),
                    FieldProblem::NotAColour {
                        value: "red".into()
                    }
                ),
                (
                    "day_rate".to_owned(),
                    FieldProblem::AmountTooLarge { max: 100_000_000 }
                ),
                ("half_day_rate".to_owned(), FieldProblem::NegativeAmount),
                ("hourly_rate".to_owned(), FieldProblem::NegativeAmount),
                ("name".to_owned(), FieldProblem::Required),
            ])
        );
    }
}
