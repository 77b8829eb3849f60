//! Dates and times as people say them — "demain 14h", "vendredi 10h30", "tomorrow at 2pm", "27/11 9h",
//! "2026-11-27T14:00" — resolved in the studio's time zone relative to today. A local time that does not exist
//! (clocks going forward) is refused with a message saying so; an hour that happens twice (clocks going back)
//! means its first occurrence.

use jiff::{
    Timestamp,
    civil::{Date, DateTime, Time, Weekday},
    tz::TimeZone,
};
use studio_domain::text::fold;
use studio_wire::NIGHT_SESSION_MAX;

/// What a phrase said: a day, a time of day, or both.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Default)]
pub struct When {
    pub date: Option<Date>,
    pub time: Option<Time>,
}

const WEEKDAYS: [(&str, Weekday); 14] = [
    ("lundi", Weekday::Monday),
    ("mardi", Weekday::Tuesday),
    ("mercredi", Weekday::Wednesday),
    ("jeudi", Weekday::Thursday),
    ("vendredi", Weekday::Friday),
    ("samedi", Weekday::Saturday),
    ("dimanche", Weekday::Sunday),
    ("monday", Weekday::Monday),
    ("tuesday", Weekday::Tuesday),
    ("wednesday", Weekday::Wednesday),
    ("thursday", Weekday::Thursday),
    ("friday", Weekday::Friday),
    ("saturday", Weekday::Saturday),
    ("sunday", Weekday::Sunday),
];

const MONTHS: [(&str, i8); 40] = [
    ("janvier", 1),
    ("fevrier", 2),
    ("mars", 3),
    ("avril", 4),
    ("mai", 5),
    ("juin", 6),
    ("juillet", 7),
    ("aout", 8),
    ("septembre", 9),
    ("octobre", 10),
    ("novembre", 11),
    ("decembre", 12),
    ("january", 1),
    ("february", 2),
    ("march", 3),
    ("april", 4),
    ("may", 5),
    ("june", 6),
    ("july", 7),
    ("august", 8),
    ("september", 9),
    ("october", 10),
    ("november", 11),
    ("december", 12),
    ("jan", 1),
    ("janv", 1),
    ("feb", 2),
    ("fev", 2),
    ("mar", 3),
    ("apr", 4),
    ("avr", 4),
    ("jun", 6),
    ("jul", 7),
    ("juil", 7),
    ("aug", 8),
    ("sep", 9),
    ("sept", 9),
    ("oct", 10),
    ("nov", 11),
    ("dec", 12),
];

/// The month a word names ("décembre", "Dec", "déc.", "December").
pub fn month_of(word: &str) -> Option<i8> {
    let w = fold(word.trim_matches(|c: char| ",.;!?()".contains(c)));
    MONTHS.iter().find(|(name, _)| *name == w).map(|(_, n)| *n)
}

/// A small count, in digits or words: "2", "deux", "two", "une", "a".
pub fn count_of(word: &str) -> Option<i64> {
    const WORDS: [(&str, i64); 17] = [
        ("un", 1),
        ("an", 1),
        ("une", 1),
        ("a", 1),
        ("one", 1),
        ("deux", 2),
        ("two", 2),
        ("trois", 3),
        ("three", 3),
        ("quatre", 4),
        ("four", 4),
        ("cinq", 5),
        ("five", 5),
        ("six", 6),
        ("sept", 7),
        ("seven", 7),
        ("huit", 8),
    ];
    word.parse()
        .ok()
        .filter(|n| (1..=60).contains(n))
        .or_else(|| WORDS.iter().find(|(w, _)| *w == word).map(|(_, n)| *n))
}

/// The day of the month a word says: "15", "15th", "1st", "2nd", "3rd", "1er".
fn day_of_month(word: &str) -> Option<i8> {
    let w = fold(word.trim_matches(|c: char| ",.;!?()".contains(c)));
    let digits = ["st", "nd", "rd", "th", "er"]
        .iter()
        .find_map(|suffix| w.strip_suffix(suffix))
        .unwrap_or(&w);
    digits.parse().ok().filter(|d| (1..=31).contains(d))
}

/// "14h", "14h30", "14:30", "2pm", "2:30pm", "9am", "midi", "noon", "minuit", "midnight".
pub fn time_of(word: &str) -> Option<Time> {
    let w = fold(word.trim_matches(|c: char| ",.;!?()".contains(c)));
    match w.as_str() {
        "midi" | "noon" => return Time::new(12, 0, 0, 0).ok(),
        "minuit" | "midnight" => return Time::new(0, 0, 0, 0).ok(),
        _ => {}
    }
    let (body, offset) = if let Some(b) = w.strip_suffix("pm") {
        (b, 12)
    } else if let Some(b) = w.strip_suffix("am") {
        (b, 0)
    } else {
        (w.as_str(), -1)
    };
    let (hour, minute) = if let Some((h, m)) = body.split_once(['h', ':']) {
        (h, if m.is_empty() { "0" } else { m })
    } else if offset >= 0 {
        (body, "0")
    } else {
        return None;
    };
    let (mut hour, minute): (i8, i8) = (hour.parse().ok()?, minute.parse().ok()?);
    if offset >= 0 {
        if !(1..=12).contains(&hour) {
            return None;
        }
        hour = hour % 12 + offset;
    }
    Time::new(hour, minute, 0, 0).ok()
}

/// "aujourd'hui", "demain", "après-demain", "hier", "avant-hier", "today", "tomorrow", "yesterday", a weekday (the next one, today included),
/// "27/11", "27/11/2026", "2026-11-27".
fn date_word(word: &str, today: Date) -> Option<Date> {
    let w = fold(word.trim_matches(|c: char| ",.;!?()".contains(c)));
    // "tomorrow's session".
    let w = w.strip_suffix("'s").map(str::to_owned).unwrap_or(w);
    match w.as_str() {
        "aujourd'hui" | "today" | "ce soir" | "tonight" => return Some(today),
        "demain" | "tomorrow" => return today.tomorrow().ok(),
        "apres-demain" => return today.tomorrow().ok()?.tomorrow().ok(),
        // A session already played, booked to be invoiced.
        "hier" | "yesterday" => return today.yesterday().ok(),
        "avant-hier" => return today.yesterday().ok()?.yesterday().ok(),
        _ => {}
    }
    if let Some((_, weekday)) = WEEKDAYS.iter().find(|(name, _)| *name == w) {
        let ahead = (weekday.to_monday_zero_offset() - today.weekday().to_monday_zero_offset())
            .rem_euclid(7);
        return today
            .checked_add(jiff::Span::new().days(i64::from(ahead)))
            .ok();
    }
    if let Ok(date) = w.parse::<Date>() {
        return Some(date);
    }
    let parts: Vec<&str> = w.split('/').collect();
    if let [day, month, rest @ ..] = parts.as_slice() {
        let year = match rest {
            [year] => year.parse().ok()?,
            [] => today.year(),
            _ => return None,
        };
        let date = Date::new(year, month.parse().ok()?, day.parse().ok()?).ok()?;
        // "27/11" said in December means next year's.
        return Some(if rest.is_empty() && date < today {
            date.checked_add(jiff::Span::new().years(1)).ok()?
        } else {
            date
        });
    }
    None
}

/// Reads a phrase: every date-like and time-like word in it. "2026-11-27T14:00" counts as both.
pub fn parse(phrase: &str, today: Date) -> When {
    let mut when = When::default();
    let phrase = fold(phrase)
        .replace("apres demain", "apres-demain")
        .replace("avant hier", "avant-hier")
        .replace("day before yesterday", "avant-hier")
        .replace("day after tomorrow", "apres-demain");
    let words: Vec<&str> = phrase.split_whitespace().collect();
    for (i, word) in words.iter().enumerate() {
        // A date and a time ("2026-11-27t14:00"); a date alone ("2026-11-29") says no time.
        if word.contains('t')
            && let Ok(dt) = word.trim_end_matches('z').parse::<DateTime>()
        {
            when.date = Some(dt.date());
            when.time = Some(dt.time());
            continue;
        }
        if when.date.is_none() {
            when.date = date_word(word, today);
            // "jeudi prochain", "next Thursday" said on a Thursday: a week from today, not today.
            let next = |j: Option<usize>| {
                j.and_then(|j| words.get(j))
                    .is_some_and(|w| ["prochain", "next"].contains(w))
            };
            if when.date == Some(today)
                && WEEKDAYS.iter().any(|(name, _)| *name == fold(word))
                && (next(Some(i + 1)) || next(i.checked_sub(1)))
            {
                when.date = today.checked_add(jiff::Span::new().days(7)).ok();
            }
            // "dans deux semaines", "in 3 days".
            if when.date.is_none()
                && ["dans", "in"].contains(word)
                && let (Some(n), Some(unit)) =
                    (words.get(i + 1).and_then(|n| count_of(n)), words.get(i + 2))
            {
                let days = match unit.trim_end_matches('s') {
                    "jour" | "day" => Some(n),
                    "semaine" | "week" => Some(7 * n),
                    _ => None,
                };
                when.date = days.and_then(|d| today.checked_add(jiff::Span::new().days(d)).ok());
            }
            // "27 novembre", "November 27", "Dec 15th", "le 27": a month's day, next year's once past.
            if when.date.is_none()
                && let Some(day) = day_of_month(word)
            {
                let month = words
                    .get(i + 1)
                    .and_then(|m| month_of(m))
                    .or_else(|| i.checked_sub(1).and_then(|j| month_of(words[j])));
                let is_le = i > 0 && words[i - 1] == "le";
                when.date = match month {
                    Some(month) => Date::new(today.year(), month, day).ok().and_then(|date| {
                        if date < today {
                            Date::new(today.year() + 1, month, day).ok()
                        } else {
                            Some(date)
                        }
                    }),
                    None if is_le => Date::new(today.year(), today.month(), day).ok(),
                    None => None,
                };
            }
        }
        if when.time.is_none() {
            when.time = time_of(word);
        }
    }
    when
}

/// "2026-11-27T10:00": a local date and time as the planner writes and reads them.
pub fn local_iso(at: DateTime) -> String {
    format!(
        "{}T{:02}:{:02}",
        studio_wire::day::format(at.date()),
        at.hour(),
        at.minute()
    )
}

/// "cette semaine", "this week", "la semaine prochaine", "next week": Monday to Sunday.
pub fn week(phrase: &str, today: Date) -> Option<(Date, Date)> {
    let phrase = fold(phrase);
    let weeks = if ["semaine prochaine", "next week"]
        .iter()
        .any(|p| phrase.contains(p))
    {
        1
    } else if ["cette semaine", "this week", "de la semaine", "the week"]
        .iter()
        .any(|p| phrase.contains(p))
    {
        0
    } else {
        return None;
    };
    let back = i64::from(today.weekday().to_monday_zero_offset());
    let monday = today
        .checked_add(jiff::Span::new().days(7 * weeks - back))
        .ok()?;
    Some((monday, monday.checked_add(jiff::Span::new().days(6)).ok()?))
}

/// The instant of a local date and time in `zone`; refuses a time that the clocks skip.
pub fn instant(date: Date, time: Time, zone: &TimeZone) -> Result<Timestamp, String> {
    let local = date.to_datetime(time);
    let ambiguous = zone.to_ambiguous_timestamp(local);
    if matches!(ambiguous.offset(), jiff::tz::AmbiguousOffset::Gap { .. }) {
        let name = zone.iana_name().unwrap_or("the studio's time zone");
        return Err(format!(
            "{local} does not exist in {name}: the clocks go forward that night. Choose a time after the change."
        ));
    }
    // In a fold (clocks going back) the earlier of the two instants.
    ambiguous.compatible().map_err(|e| e.to_string())
}

/// A start and an end from two phrases ("demain 14h", "18h"): the end takes the start's day unless it names
/// one, and an end at or before the start on the same day means the next day (a night session, 22h–2h).
/// From `start` to `end` (phrases read relative to `today`); a start that names no day is on `day`.
pub fn interval(
    start: &str,
    end: &str,
    today: Date,
    day: Date,
    zone: &TimeZone,
) -> Result<(Timestamp, Timestamp), String> {
    let s = parse(start, today);
    let date = s.date.unwrap_or(day);
    let time = s
        .time
        .ok_or_else(|| format!("\"{start}\" does not say at what time (e.g. 14h or 2pm)."))?;
    let e = parse(end, today);
    let end_time = e
        .time
        .ok_or_else(|| format!("\"{end}\" does not say at what time the session ends."))?;
    let mut end_date = e.date.unwrap_or(date);
    let night = e.date.is_none() && end_time <= time;
    if night {
        end_date = end_date.tomorrow().map_err(|e| e.to_string())?;
    }
    let (from, to) = (
        instant(date, time, zone)?,
        instant(end_date, end_time, zone)?,
    );
    if night && to.duration_since(from) > NIGHT_SESSION_MAX {
        return Err(format!(
            "\"{end}\" is before \"{start}\": the end must be after the start."
        ));
    }
    Ok((from, to))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::new(2026, 11, 26).unwrap() // a Thursday
    }

    fn d(y: i16, m: i8, day: i8) -> Option<Date> {
        Date::new(y, m, day).ok()
    }

    fn t(h: i8, m: i8) -> Option<Time> {
        Time::new(h, m, 0, 0).ok()
    }

    #[test]
    fn a_date_alone_says_no_time() {
        let said = parse("2026-11-29", today());
        assert_eq!((said.date, said.time), (Date::new(2026, 11, 29).ok(), None));
        let both = parse("2026-11-29T14:30", today());
        assert_eq!(both.time, Time::new(14, 30, 0, 0).ok());
    }

    #[test]
    fn french_and_english_days_and_times() {
        assert_eq!(
            parse("demain 14h", today()),
            When {
                date: d(2026, 11, 27),
                time: t(14, 0)
            }
        );
        assert_eq!(
            parse("tomorrow at 2pm", today()),
            When {
                date: d(2026, 11, 27),
                time: t(14, 0)
            }
        );
        assert_eq!(
            parse("vendredi 10h30", today()),
            When {
                date: d(2026, 11, 27),
                time: t(10, 30)
            }
        );
        assert_eq!(
            parse("monday 9am", today()),
            When {
                date: d(2026, 11, 30),
                time: t(9, 0)
            }
        );
        assert_eq!(
            parse("jeudi", today()).date,
            d(2026, 11, 26),
            "today's weekday is today"
        );
        assert_eq!(
            parse("après-demain midi", today()),
            When {
                date: d(2026, 11, 28),
                time: t(12, 0)
            }
        );
        assert_eq!(
            parse("27/11 9h", today()),
            When {
                date: d(2026, 11, 27),
                time: t(9, 0)
            }
        );
        assert_eq!(
            parse("le 3 décembre à 18:30", today()),
            When {
                date: d(2026, 12, 3),
                time: t(18, 30)
            }
        );
        assert_eq!(
            parse("2026-12-01T08:00", today()),
            When {
                date: d(2026, 12, 1),
                time: t(8, 0)
            }
        );
        assert_eq!(parse("12am", today()).time, t(0, 0));
    }

    #[test]
    fn times_are_read_in_the_studio_zone() {
        let paris = TimeZone::get("Europe/Paris").unwrap();
        let (start, end) = interval("demain 14h", "18h", today(), today(), &paris).unwrap();
        assert_eq!(start.to_string(), "2026-11-27T13:00:00Z");
        assert_eq!(end.to_string(), "2026-11-27T17:00:00Z");
        let (_, end) = interval("demain 22h", "2h", today(), today(), &paris).unwrap();
        assert_eq!(
            end.to_string(),
            "2026-11-28T01:00:00Z",
            "a night session ends the next day"
        );
        let refused = interval("demain 14h", "12h", today(), today(), &paris).unwrap_err();
        assert!(refused.contains("before"), "not a 22-hour night: {refused}");
    }

    #[test]
    fn a_time_the_clocks_skip_is_refused_with_a_reason() {
        let paris = TimeZone::get("Europe/Paris").unwrap();
        let error = instant(
            Date::new(2027, 3, 28).unwrap(),
            Time::new(2, 30, 0, 0).unwrap(),
            &paris,
        )
        .unwrap_err();
        assert!(
            error.contains("does not exist") && error.contains("Europe/Paris"),
            "{error}"
        );
        // 02:30 on the autumn change happens twice: the first one (summer time) is meant.
        let fold = instant(
            Date::new(2026, 10, 25).unwrap(),
            Time::new(2, 30, 0, 0).unwrap(),
            &paris,
        )
        .unwrap();
        assert_eq!(fold.to_string(), "2026-10-25T00:30:00Z");
    }
}
