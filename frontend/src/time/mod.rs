//! Studio time: instants are UTC on the wire and shown in the studio's time zone (daylight saving included).
//! The zone's offsets come from the browser's own `Intl` (`intl`), so the SPA carries no time-zone database
//! nor a parser for one; every conversion here is a pure function of those offsets, unit-tested natively
//! against jiff's database.

#[cfg(target_arch = "wasm32")]
pub mod intl;

use std::{cell::RefCell, rc::Rc};

use studio_wire::FieldProblem;

use jiff::{
    Timestamp, ZonedDateTime,
    civil::{Date, DateTime, Time},
    tz::{Offset, TimeZone},
};

/// Where a zone's UTC offsets come from.
pub trait Offsets {
    /// The IANA name, for messages.
    fn name(&self) -> &str;
    /// The zone's offset from UTC at `at`.
    fn offset_at(&self, at: Timestamp) -> Offset;
}

struct Utc;

impl Offsets for Utc {
    fn name(&self) -> &str {
        "UTC"
    }
    fn offset_at(&self, _: Timestamp) -> Offset {
        Offset::UTC
    }
}

thread_local! {
    /// The studio's time zone, installed from its settings by `StudioProvider` (UTC until then).
    static ZONE: RefCell<Rc<dyn Offsets>> = RefCell::new(Rc::new(Utc));
}

/// Makes `zone` the one every local time is shown and read in.
pub fn set_zone(zone: Rc<dyn Offsets>) {
    ZONE.with(|z| *z.borrow_mut() = zone);
}

/// Makes the zone called `name` the one local times are shown and read in, with the browser's `Intl` (UTC
/// stays if the browser does not know it; natively there is no `Intl`, and tests install zones themselves).
pub fn install_zone(name: &str) {
    #[cfg(target_arch = "wasm32")]
    if let Some(zone) = intl::IntlZone::new(name) {
        set_zone(Rc::new(zone));
    }
    #[cfg(not(target_arch = "wasm32"))]
    let _ = name;
}

fn zone() -> Rc<dyn Offsets> {
    ZONE.with(|z| z.borrow().clone())
}

/// The IANA name of the zone local times are shown in (what `format` hands the browser's `Intl`).
pub fn zone_name() -> String {
    zone().name().to_owned()
}

/// The browser's clock. (Not `Timestamp::now()`, whose failure path would link jiff's error texts into the
/// wasm.)
#[cfg(target_arch = "wasm32")]
pub fn now() -> Timestamp {
    Timestamp::from_millisecond(js_sys::Date::now() as i64).unwrap_or(Timestamp::UNIX_EPOCH)
}

#[cfg(not(target_arch = "wasm32"))]
pub fn now() -> Timestamp {
    Timestamp::now()
}

/// The browser's clock to the minute: a window starting there, asked for at each render, is the same URL until
/// the minute turns (a `now` to the millisecond would be a new request at each render, and each answer renders
/// again).
pub fn this_minute() -> Timestamp {
    let second = now().as_second();
    Timestamp::from_second(second - second.rem_euclid(60)).unwrap_or(Timestamp::UNIX_EPOCH)
}

/// `at` moved by `hours` (unchanged in the impossible case of leaving jiff's range; no panic path).
pub fn after_hours(at: Timestamp, hours: i64) -> Timestamp {
    at.checked_add(jiff::SignedDuration::from_hours(hours))
        .unwrap_or(at)
}

/// `at` on the studio's clock (a fixed offset: the zone's at that instant).
pub fn local(at: Timestamp) -> ZonedDateTime {
    at.to_zoned_datetime(TimeZone::fixed(zone().offset_at(at)))
}

/// The instant a local date and time names. In the hour the clocks skip there is none: `Err` carries the
/// instant just after the gap. In the hour they repeat, the first one (as jiff's "compatible").
fn resolve(civil: DateTime) -> Result<Timestamp, Timestamp> {
    let zone = zone();
    let Ok(as_utc) = civil.to_zoned_datetime(TimeZone::UTC) else {
        return Err(Timestamp::UNIX_EPOCH);
    };
    let naive = as_utc.timestamp();
    // The offsets a day either side: around a transition, one is before it and one after.
    let before = zone.offset_at(after_hours(naive, -24));
    let after = zone.offset_at(after_hours(naive, 24));
    let candidate = |offset: Offset| {
        naive
            .checked_sub(jiff::SignedDuration::from_secs(i64::from(offset.seconds())))
            .unwrap_or(naive)
    };
    for offset in [before, after] {
        let at = candidate(offset);
        if zone.offset_at(at) == offset {
            return Ok(at);
        }
    }
    Err(candidate(before))
}

pub fn today() -> Date {
    local(now()).date()
}

/// `date` moved by `days` (unchanged in the impossible case of leaving jiff's range). Through the `try_`
/// builder: `Span::days` panics via `expect`, which would link the text of every jiff error into the wasm.
pub fn add_days(date: Date, days: i64) -> Date {
    jiff::Span::new()
        .try_days(days)
        .ok()
        .and_then(|span| date.checked_add(span).ok())
        .unwrap_or(date)
}

/// The Monday of `date`'s week.
pub fn week_start(date: Date) -> Date {
    add_days(date, -i64::from(date.weekday().to_monday_zero_offset()))
}

/// The seven days from `monday`.
pub fn week(monday: Date) -> Vec<Date> {
    (0..7).map(|d| add_days(monday, d)).collect()
}

/// A local day as the instants `[midnight, next midnight)` — 23 or 25 hours on the days the clocks change.
pub fn day_bounds(date: Date) -> (Timestamp, Timestamp) {
    // A midnight the clocks skip (some zones change at 00:00) starts the day just after the gap.
    let midnight =
        |day: Date| resolve(day.to_datetime(Time::midnight())).unwrap_or_else(|after| after);
    (midnight(date), midnight(date.tomorrow().unwrap_or(date)))
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
    let date = parse_date(date).ok_or_else(|| FieldProblem::NotADate {
        value: date.to_owned(),
    })?;
    let time = parse_time(time).ok_or_else(|| FieldProblem::NotATime {
        value: time.to_owned(),
    })?;
    resolve(date.to_datetime(time)).map_err(|_| FieldProblem::SkippedTime {
        value: format!("{date} {:02}:{:02}", time.hour(), time.minute()),
        zone: zone().name().to_owned(),
    })
}

/// The local date and "HH:MM" of an instant, for form inputs.
pub fn parts(at: Timestamp) -> (String, String) {
    let z = local(at);
    (
        studio_wire::day::format(z.date()),
        format!("{:02}:{:02}", z.hour(), z.minute()),
    )
}

fn digits(text: &str) -> Option<i16> {
    (!text.is_empty() && text.len() <= 4 && text.bytes().all(|b| b.is_ascii_digit()))
        .then(|| text.parse().ok())
        .flatten()
}

/// "2026-11-27", as date inputs give it. (Read here, not by jiff's general parser: see `studio_wire::instant`.)
pub fn parse_date(text: &str) -> Option<Date> {
    let mut parts = text.trim().splitn(3, '-');
    let (y, m, d) = (parts.next()?, parts.next()?, parts.next()?);
    Date::new(digits(y)?, digits(m)? as i8, digits(d)? as i8).ok()
}

/// "14:30" (or "14:30:00"), as time inputs give it.
pub fn parse_time(text: &str) -> Option<Time> {
    let mut parts = text.trim().splitn(3, ':');
    let (h, m) = (parts.next()?, parts.next()?);
    let s = parts.next().map_or(Some(0), digits)?;
    Time::new(digits(h)? as i8, digits(m)? as i8, s as i8, 0).ok()
}

#[cfg(test)]
mod tests {
    use jiff::SignedDuration;

    use super::*;

    /// jiff's time-zone database standing in for the browser's `Intl` natively.
    struct Database(TimeZone, &'static str);

    impl Offsets for Database {
        fn name(&self) -> &str {
            self.1
        }
        fn offset_at(&self, at: Timestamp) -> Offset {
            self.0.to_offset(at)
        }
    }

    fn paris() {
        let zone = TimeZone::get("Europe/Paris").unwrap();
        set_zone(Rc::new(Database(zone, "Europe/Paris")));
    }

    fn d(y: i16, m: i8, day: i8) -> Date {
        paris();
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
        paris();
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

    #[test]
    fn a_repeated_local_time_is_its_first_occurrence_and_the_offsets_are_the_zone_s() {
        paris();
        // 02:30 happens twice on 2026-10-25 in Paris: first at UTC+2.
        assert_eq!(
            instant("2026-10-25", "02:30").unwrap().to_string(),
            "2026-10-25T00:30:00Z"
        );
        let zone = TimeZone::get("America/New_York").unwrap();
        set_zone(Rc::new(Database(zone, "America/New_York")));
        assert_eq!(
            instant("2026-11-28", "10:00").unwrap().to_string(),
            "2026-11-28T15:00:00Z"
        );
        assert_eq!(parts("2026-07-01T14:00:00Z".parse().unwrap()).1, "10:00");
    }
}
