//! Days on the wire: `2026-11-27`. Read and written here rather than by jiff's general parser and printer (see
//! `instant`): every `Date` field of the wire types goes through `#[serde(with = "crate::day")]` (or
//! `crate::day::optional`).

use jiff::civil::Date;
use serde::{Deserialize, Deserializer, Serializer, de::Error};

const EXPECTED: &str = "a day like 2026-11-27";

/// `YYYY-MM-DD`, a day that exists.
pub fn parse(text: &str) -> Option<Date> {
    let (year, month, day) = crate::instant::ymd(text)?;
    Date::new(year as i16, month as i8, day as i8).ok()
}

/// `2026-11-27`.
pub fn format(day: Date) -> String {
    format!("{:04}-{:02}-{:02}", day.year(), day.month(), day.day())
}

/// As a person reads it: "27/11/2026" in French, "27 Nov 2026" in English (unambiguous wherever the reader is).
pub fn display(day: Date, locale: crate::Locale) -> String {
    const MONTHS: [&str; 12] = [
        "Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec",
    ];
    crate::pick(
        locale,
        format!("{:02}/{:02}/{}", day.day(), day.month(), day.year()),
        // Day, month in letters, year: read the same on both sides of the Atlantic.
        format!(
            "{} {} {}",
            day.day(),
            MONTHS[usize::from(day.month().unsigned_abs()) - 1],
            day.year()
        ),
    )
}

fn read<E: Error>(text: &str) -> Result<Date, E> {
    parse(text).ok_or_else(|| E::invalid_value(serde::de::Unexpected::Str(text), &EXPECTED))
}

pub fn serialize<S: Serializer>(day: &Date, serializer: S) -> Result<S::Ok, S::Error> {
    serializer.serialize_str(&format(*day))
}

pub fn deserialize<'de, D: Deserializer<'de>>(deserializer: D) -> Result<Date, D::Error> {
    read(&String::deserialize(deserializer)?)
}

/// The same for `Option<Date>` fields.
pub mod optional {
    use jiff::civil::Date;
    use serde::{Deserialize, Deserializer, Serializer};

    pub fn serialize<S: Serializer>(day: &Option<Date>, serializer: S) -> Result<S::Ok, S::Error> {
        match day {
            Some(day) => serializer.serialize_str(&super::format(*day)),
            None => serializer.serialize_none(),
        }
    }

    pub fn deserialize<'de, D: Deserializer<'de>>(
        deserializer: D,
    ) -> Result<Option<Date>, D::Error> {
        Option::<String>::deserialize(deserializer)?
            .map(|text| super::read(&text))
            .transpose()
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn days_read_and_write_like_jiff_does() {
        let mut day = Date::new(1999, 1, 1).unwrap();
        while day.year() < 2101 {
            let text = day.to_string();
            assert_eq!((parse(&text), format(day)), (Some(day), text));
            day = day.tomorrow().unwrap();
        }
        for bad in ["2026-02-29", "2026-13-01", "2026-1-1x", "27/11/2026", ""] {
            assert_eq!(parse(bad), None, "{bad}");
        }
    }
}
