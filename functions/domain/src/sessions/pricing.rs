//! A session's price from its room's rates: whole 8-hour blocks at the day rate, and the rest by the hour,
//! never more than the half-day rate (up to 4 h) or the day rate (up to 8 h).

use jiff::Timestamp;
use studio_wire::{Money, Room};

const DAY_MINUTES: i64 = 8 * 60;
const HALF_DAY_MINUTES: i64 = 4 * 60;

/// Started minutes count; a started cent of the hourly price counts too.
pub fn price(room: &Room, start: Timestamp, end: Timestamp) -> Money {
    let seconds = end.duration_since(start).as_secs().max(0);
    let minutes = (seconds + 59) / 60;
    let (days, rest) = (minutes / DAY_MINUTES, minutes % DAY_MINUTES);
    let by_the_hour = (room.hourly_rate.cents() * rest + 59) / 60;
    let cap = if rest <= HALF_DAY_MINUTES {
        room.half_day_rate
    } else {
        room.day_rate
    };
    let rest_price = if rest == 0 {
        0
    } else {
        by_the_hour.min(cap.cents())
    };
    Money(days * room.day_rate.cents() + rest_price)
}

#[cfg(test)]
mod tests {
    use studio_wire::RoomKind;

    use super::*;

    fn room() -> Room {
        Room {
            id: "R".into(),
            name: "A".into(),
            kind: RoomKind::Recording,
            hourly_rate: Money(5_000),
            half_day_rate: Money(18_000),
            day_rate: Money(32_000),
            capacity: 4,
            colour: "#000000".into(),
            active: true,
            bookable: true,
            created_at: Timestamp::UNIX_EPOCH,
            updated_at: Timestamp::UNIX_EPOCH,
            version: 1,
        }
    }

    fn hours(h: f64) -> (Timestamp, Timestamp) {
        let start: Timestamp = "2026-11-27T09:00:00Z".parse().unwrap();
        (
            start,
            start + jiff::SignedDuration::from_secs((h * 3600.0) as i64),
        )
    }

    #[test]
    fn short_sessions_are_billed_by_the_hour() {
        let (s, e) = hours(2.0);
        assert_eq!(price(&room(), s, e), Money(10_000));
        let (s, e) = hours(1.5);
        assert_eq!(price(&room(), s, e), Money(7_500));
    }

    #[test]
    fn the_half_day_and_day_rates_cap_the_hourly_price() {
        let (s, e) = hours(4.0);
        assert_eq!(price(&room(), s, e), Money(18_000));
        let (s, e) = hours(7.0);
        assert_eq!(price(&room(), s, e), Money(32_000));
    }

    #[test]
    fn long_sessions_add_day_blocks() {
        let (s, e) = hours(10.0);
        assert_eq!(price(&room(), s, e), Money(32_000 + 10_000));
    }
}
