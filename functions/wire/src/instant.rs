//! Instants on the wire: RFC 3339, always written in UTC (`2026-11-27T14:00:00Z`, with a fraction when there
//! is one). Read and written here rather than by jiff's general parser and printer, which together with their
//! error texts weigh some tens of KB in the SPA's wasm; every `Timestamp` field of the wire types goes through
//! `#[serde(with = "crate::instant")]`.

use jiff::Timestamp;
use serde::{Deserialize, Deserializer, Serializer, de::Error};

const EXPECTED: &str = "an instant like 2026-11-27T14:00:00Z";
const DAY: i64 = 86_400;

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's `days_from_civil`).
fn days_from_civil(year: i64, month: i64, day: i64) -> i64 {
    let year = if month <= 2 { year - 1 } else { year };
    let era = year.div_euclid(400);
    let year_of_era = year - era * 400;
    let day_of_year = (153 * (month + if month > 2 { -3 } else { 9 }) + 2) / 5 + day - 1;
    let day_of_era = year_of_era * 365 + year_of_era / 4 - year_of_era / 100 + day_of_year;
    era * 146_097 + day_of_era - 719_468
}

/// The date of a day number (Hinnant's `civil_from_days`).
fn civil_from_days(days: i64) -> (i64, i64, i64) {
    let days = days + 719_468;
    let era = days.div_euclid(146_097);
    let day_of_era = days - era * 146_097;
    let year_of_era =
        (day_of_era - day_of_era / 1460 + day_of_era / 36_524 - day_of_era / 146_096) / 365;
    let day_of_year = day_of_era - (365 * year_of_era + year_of_era / 4 - year_of_era / 100);
    let mp = (5 * day_of_year + 2) / 153;
    let day = day_of_year - (153 * mp + 2) / 5 + 1;
    let month = if mp < 10 { mp + 3 } else { mp - 9 };
    let year = year_of_era + era * 400 + i64::from(month <= 2);
    (year, month, day)
}

fn number(text: &str, range: std::ops::RangeInclusive<i64>) -> Option<i64> {
    if text.is_empty() || !text.bytes().all(|b| b.is_ascii_digit()) {
        return None;
    }
    text.parse().ok().filter(|n| range.contains(n))
}

/// `YYYY-MM-DD` as (year, month, day), a day that exists (no 31 February).
pub(crate) fn ymd(date: &str) -> Option<(i64, i64, i64)> {
    let mut parts = date.splitn(3, '-');
    let year = number(parts.next()?, 0..=9999)?;
    let month = number(parts.next()?, 1..=12)?;
    let day = number(parts.next()?, 1..=31)?;
    (civil_from_days(days_from_civil(year, month, day)) == (year, month, day))
        .then_some((year, month, day))
}

/// `YYYY-MM-DDTHH:MM[:SS[.fraction]](Z|±HH:MM)`.
pub fn parse(text: &str) -> Option<Timestamp> {
    let (date, rest) = text.split_once(['T', 't', ' '])?;
    let (year, month, day) = ymd(date)?;
    let (clock, offset) = match rest.strip_suffix(['Z', 'z']) {
        Some(clock) => (clock, 0),
        None => {
            let at = rest.rfind(['+', '-'])?;
            let (clock, zone) = rest.split_at(at);
            let sign = if zone.starts_with('-') { -1 } else { 1 };
            let (hours, minutes) = zone[1..].split_once(':')?;
            (
                clock,
                sign * (number(hours, 0..=23)? * 3600 + number(minutes, 0..=59)? * 60),
            )
        }
    };
    let (clock, fraction) = clock.split_once('.').unwrap_or((clock, ""));
    let mut hms = clock.splitn(3, ':');
    let hour = number(hms.next()?, 0..=23)?;
    let minute = number(hms.next()?, 0..=59)?;
    let second = match hms.next() {
        Some(s) => number(s, 0..=59)?,
        None => 0,
    };
    let nanos = match fraction {
        "" => 0,
        digits if digits.len() <= 9 => {
            number(digits, 0..=999_999_999)? * 10_i64.pow(9 - digits.len() as u32)
        }
        _ => return None,
    };
    let days = days_from_civil(year, month, day);
    let seconds = days * DAY + hour * 3600 + minute * 60 + second - offset;
    Timestamp::new(seconds, nanos as i32).ok()
}

/// `2026-11-27T14:00:00Z`, with as many fraction digits as needed.
pub fn format(at: Timestamp) -> String {
    let (seconds, nanos) = (at.as_second(), at.subsec_nanosecond());
    let (year, month, day) = civil_from_days(seconds.div_euclid(DAY));
    let in_day = seconds.rem_euclid(DAY);
    let mut text = format!(
        "{year:04}-{month:02}-{day:02}T{:02}:{:02}:{:02}",
        in_day / 3600,
        in_day % 3600 / 60,
        in_day % 60
    );
    if nanos != 0 {
        let fraction = format!("{nanos:09}");
        text.push('.');
        text.push_str(fraction.trim_end_matches('0'));
    }
    text.push('Z');
    text
}

fn read<E: Error>(text: &str) -> Result<Timestamp, E> {
    parse(text).ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(text), &EXPECTED))
}

pub fn serialize<S: Serializer>(at: &Timestamp, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&format(*at))
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Timestamp, D::Error> {
    read(&String::deserialize(deserializer)?)
}

/// The same for `Option<Timestamp>` fields.
pub mod optional {
    use jiff::Timestamp;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(
        at: &Option<Timestamp>,
        serializer: S,
    ) -> Result<S::Ok, S::Error> {
        match at {
            Some(at) => serializer.serialize_str(&super::format(*at)),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Timestamp>, D::Error> {
        Option::<String>::deserialize(deserializer)?
            .map(|text| super::read(&text))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn instants_read_and_write_like_jiff_does() {
        for text in [
            "2026-11-27T14:00:00Z",
            "1999-12-31T23:59:59.5Z",
            "2026-03-29T01:00:00.123456789Z",
            "1970-01-01T00:00:00Z",
            "2100-02-28T00:00:00Z",
        ] {
            let ours = parse(text).unwrap();
            let jiffs: Timestamp = text.parse().unwrap();
            assert_eq!(ours, jiffs, "{text}");
            assert_eq!(format(ours), jiffs.to_string(), "{text}");
        }
        assert_eq!(
            parse("2026-11-27T15:00:00+01:00"),
            parse("2026-11-27T14:00:00Z")
        );
        assert_eq!(parse("2026-11-27T09:30-04:30"), parse("2026-11-27T14:00Z"));
    }

    #[test]
    fn bad_instants_are_refused_saying_what_is_expected() {
        for bad in [
            "tomorrow",
            "2026-02-30T10:00:00Z",
            "2026-11-27",
            "2026-11-27T25:00:00Z",
            "2026-11-27T10:00:00",
            "2026-11-27T10:00:00.1234567890Z",
        ] {
            assert_eq!(parse(bad), None, "{bad}");
        }
        #[derive(serde::Deserialize)]
        struct At {
            #[serde(with = "super")]
            #[allow(dead_code)]
            at: Timestamp,
        }
        let error = serde_json::from_str::<At>(r#"{"at": "tomorrow"}"#)
            .err()
            .unwrap()
            .to_string();
        assert!(error.contains(EXPECTED), "{error}");
    }

    #[test]
    fn every_day_of_four_centuries_round_trips() {
        let first = days_from_civil(2000, 1, 1);
        for days in first..first + 146_097 {
            let (y, m, d) = civil_from_days(days);
            assert_eq!(days_from_civil(y, m, d), days);
        }
    }
}
