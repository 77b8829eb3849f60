//! Studio time: instants are UTC on the wire and shown in the studio's time zone (daylight saving included).
//! Pure functions, unit-tested natively.

use std::cell::RefCell;

use studio_wire::FieldProblem;

use jiff::{
    Timestamp, ZonedDateTime,
    civil::{Date, Time, Weekday},
    tz::{AmbiguousOffset, TimeZone},
};

thread_local! {
    /// The studio's time zone, installed from its settings by `StudioProvider` (UTC until then).
    static ZONE: RefCell<TimeZone> = const { RefCell::new(TimeZone::UTC) };
}

/// Makes `zone` the one every local time is shown and read in.
pub fn set_zone(zone: TimeZone) {
    ZONE.with(|z| *z.borrow_mut() = zone);
}

pub fn zone() -> TimeZone {
    ZONE.with(|z| z.borrow().clone())
}

pub fn local(at: Timestamp) -> ZonedDateTime {
    at.to_zoned_datetime(zone())
}

pub fn today() -> Date {
    local(Timestamp::now()).date()
}

/// "14:05".
pub fn clock(at: Timestamp) -> String {
    let z = local(at);
    format!("{:02}:{:02}", z.hour(), z.minute())
}

/// "27/11/2026 14:05".
pub fn date_time(at: Timestamp) -> String {
    let z = local(at);
    format!(
        "{:02}/{:02}/{} {:02}:{:02}",
        z.day(),
        z.month(),
        z.year(),
        z.hour(),
        z.minute()
    )
}

/// The Monday of `date`'s week.
pub fn week_start(date: Date) -> Date {
    let back = date.weekday().to_monday_zero_offset();
    date.checked_sub(jiff::Span::new().days(i64::from(back)))
        .unwrap_or(date)
}

/// The seven days from `monday`.
pub fn week(monday: Date) -> Vec<Date> {
    (0..7)
        .filter_map(|d| monday.checked_add(jiff::Span::new().days(d)).ok())
        .collect()
}

/// A local day as the instants `[midnight, next midnight)` — 23 or 25 hours on the days the clocks change.
pub fn day_bounds(date: Date) -> (Timestamp, Timestamp) {
    let tz = zone();
    let start = tz
        .to_ambiguous_timestamp(date.to_datetime(Time::midnight()))
        .compatible();
    let next = date.tomorrow().unwrap_or(date);
    let end = tz
        .to_ambiguous_timestamp(next.to_datetime(Time::midnight()))
        .compatible();
    (
        start.unwrap_or(Timestamp::UNIX_EPOCH),
        end.unwrap_or(Timestamp::UNIX_EPOCH),
    )
}

/// Where `at` falls on `date`'s column, in minutes of local clock time from midnight (clamped to the day).
pub fn minutes_into(date: Date, at: Timestamp) -> i32 {
    let (start, end) = day_bounds(date);
    if at <= start {
        return 0;
    }
    if at >= end {
        return 24 * 60;
    }
    let z = local(at);
    i32::from(z.hour()) * 60 + i32::from(z.minute())
}

/// The instant of a local date and "HH:MM" time; refuses a time the clocks skip.
pub fn instant(date: &str, time: &str) -> Result<Timestamp, FieldProblem> {
    let date: Date = date.parse().map_err(|_| FieldProblem::NotADate {
        value: date.to_owned(),
    })?;
    let time: Time = time.parse().map_err(|_| FieldProblem::NotATime {
        value: time.to_owned(),
    })?;
    let ambiguous = zone().to_ambiguous_timestamp(date.to_datetime(time));
    if matches!(ambiguous.offset(), AmbiguousOffset::Gap { .. }) {
        let zone = zone().iana_name().unwrap_or("UTC").to_owned();
        return Err(FieldProblem::SkippedTime {
            value: format!("{date} {:02}:{:02}", time.hour(), time.minute()),
            zone,
        });
    }
    ambiguous.compatible().map_err(|_| FieldProblem::NotATime {
        value: time.to_string(),
    })
}

/// The local date and "HH:MM" of an instant, for form inputs.
pub fn parts(at: Timestamp) -> (String, String) {
    let z = local(at);
    (
        z.date().to_string(),
        format!("{:02}:{:02}", z.hour(), z.minute()),
    )
}

pub fn weekday_index(weekday: Weekday) -> usize {
    weekday.to_monday_zero_offset() as usize
}

#[cfg(test)]
mod tests {
    use jiff::SignedDuration;

    use super::*;

    fn d(y: i16, m: i8, day: i8) -> Date {
        set_zone(TimeZone::get("Europe/Paris").unwrap());
        Date::new(y, m, day).unwrap()
    }

    #[test]
    fn a_week_starts_on_monday_and_has_seven_days() {
        assert_eq!(week_start(d(2026, 11, 26)), d(2026, 11, 23));
        assert_eq!(week(d(2026, 10, 19)).last(), Some(&d(2026, 10, 25)));
    }

    #[test]
    fn the_autumn_change_day_has_25_hours_and_sessions_sit_at_their_local_time() {
        let (start, end) = day_bounds(d(2026, 10, 25));
        assert_eq!(end.duration_since(start), SignedDuration::from_hours(25));
        // 10:00 local after the change is 09:00 UTC (UTC+1), before it 08:00 UTC (UTC+2).
        assert_eq!(
            minutes_into(d(2026, 10, 25), "2026-10-25T09:00:00Z".parse().unwrap()),
            600
        );
        assert_eq!(
            minutes_into(d(2026, 10, 24), "2026-10-24T08:00:00Z".parse().unwrap()),
            600
        );
        let (spring_start, spring_end) = day_bounds(d(2027, 3, 28));
        assert_eq!(
            spring_end.duration_since(spring_start),
            SignedDuration::from_hours(23)
        );
    }

    #[test]
    fn a_skipped_local_time_is_refused() {
        set_zone(TimeZone::get("Europe/Paris").unwrap());
        assert_eq!(
            instant("2027-03-28", "02:30"),
            Err(FieldProblem::SkippedTime {
                value: "2027-03-28 02:30".into(),
                zone: "Europe/Paris".into()
            })
        );
        assert_eq!(
            instant("2026-11-27", "14:00").unwrap().to_string(),
            "2026-11-27T13:00:00Z"
        );
    }
}
