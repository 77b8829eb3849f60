//! Session sentences: book, move, cancel, a day's sessions — the `sessions` tools. Dates and times are resolved
//! here against today, so the tools get ISO local times.

use jiff::civil::Date;

use super::{
    Intent,
    text::{ARTICLES, Text, folded, hhmm, is_time, iso, name_at, times},
};
use crate::when;

/// Words that end a name ("le Studio A | demain", "pour Cache Test | à 14h").
pub const STOP: &[&str] = &[
    "pour",
    "for",
    "de",
    "du",
    "from",
    "à",
    "a",
    "au",
    "at",
    "to",
    "on",
    "le",
    "la",
    "demain",
    "aujourd'hui",
    "today",
    "tomorrow",
    "ce",
    "cette",
    "this",
    "next",
    "prochain",
    "est",
    "est-il",
    "is",
    "libre",
    "free",
    "disponible",
    "available",
    "en",
    "into",
    "in",
    "as",
    "?",
    "!",
];

/// The client named after "pour/for" or in "session de/of X" / "X's session".
fn session_client(words: &[String], today: Date) -> Option<String> {
    if let Some(i) = words.iter().position(|w| folded(w).ends_with("'s")) {
        let start = words
            .iter()
            .position(|w| ["move", "cancel", "deplace", "annule"].contains(&folded(w).as_str()))
            .map_or(0, |v| v + 1);
        let mut name: Vec<String> = words[start..=i]
            .iter()
            .filter(|w| !ARTICLES.contains(&folded(w).as_str()))
            .cloned()
            .collect();
        let last = name.pop()?;
        name.push(
            last.trim_end_matches("'s")
                .trim_end_matches("’s")
                .to_owned(),
        );
        return Some(name.join(" "));
    }
    let i = words.windows(2).position(|p| {
        ["session", "seance", "booking", "reservation"].contains(&folded(&p[0]).as_str())
            && ["de", "du", "of", "for", "pour"].contains(&folded(&p[1]).as_str())
    })?;
    name_at(words, i + 2, STOP, today)
}

/// "Réserve le Studio A demain de 14h à 18h pour Léa Martin", "book Studio A tomorrow from 2pm to 6pm for …".
pub fn book(text: &Text, today: Date) -> Option<Intent> {
    if !text.has(&[" reserve ", " reserver ", " book ", " bloque "]) {
        return None;
    }
    let words = &text.words;
    let verb = text.position(&["reserve", "reserver", "book", "bloque"])?;
    let room = name_at(words, verb + 1, STOP, today)?;
    let client_at = text.position(&["pour", "for"])?;
    let client = name_at(words, client_at + 1, STOP, today)?;
    let times = text.times();
    let (start, end) = (times.first()?, times.get(1)?);
    let date = when::parse(&words.join(" "), today).date.unwrap_or(today);
    Some(Intent::Book {
        room,
        client,
        start: iso(date, *start),
        end: hhmm(*end),
    })
}

/// "Annule la session de Léa Martin demain", "cancel Léa Martin's session".
pub fn cancel(text: &Text, today: Date) -> Option<Intent> {
    if !text.has(&[" annule ", " annuler ", " cancel "]) {
        return None;
    }
    let client = session_client(&text.words, today)?;
    Some(Intent::Cancel {
        client,
        on: when::parse(&text.words.join(" "), today).date,
    })
}

/// "Déplace la session de Léa Martin à lundi 10h-12h", "move the session of … tomorrow to friday 9am".
pub fn move_session(text: &Text, today: Date) -> Option<Intent> {
    if !text.has(&[
        " deplace ",
        " deplacer ",
        " decale ",
        " move ",
        " reschedule ",
    ]) {
        return None;
    }
    let words = &text.words;
    let client = session_client(words, today)?;
    // "… à/to <new day and times>": what follows the last such word is the new slot.
    let split = words
        .iter()
        .rposition(|w| ["à", "a", "au", "to", "vers"].contains(&folded(w).as_str()) && !is_time(w));
    let (before, after) = match split {
        Some(i) => (&words[..i], &words[i + 1..]),
        None => (&words[..0], &words[..]),
    };
    let new = when::parse(&after.join(" "), today);
    let new_times = times(after);
    let start = iso(new.date.unwrap_or(today), *new_times.first()?);
    let end = new_times.get(1).map(|t| hhmm(*t));
    let on = when::parse(&before.join(" "), today).date;
    Some(Intent::Move {
        client,
        on,
        start,
        end,
    })
}

/// "Quelles sessions demain ?", "the planning for friday".
pub fn day(text: &Text, today: Date) -> Option<Intent> {
    text.has(&[
        " sessions",
        " session ",
        " planning",
        " agenda",
        " schedule",
    ])
    .then(|| Intent::Sessions {
        day: when::parse(&text.words.join(" "), today).date,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planner::parse;

    fn today() -> Date {
        Date::new(2026, 11, 26).unwrap()
    }

    fn plan(sentence: &str) -> Option<Intent> {
        parse(sentence, today())
    }

    #[test]
    fn bookings_in_french_and_english() {
        let expected = Some(Intent::Book {
            room: "Studio A".into(),
            client: "Cache Test".into(),
            start: "2026-11-27T14:00".into(),
            end: "18:00".into(),
        });
        assert_eq!(
            plan("réserve le Studio A demain de 14h à 18h pour Cache Test"),
            expected
        );
        assert_eq!(
            plan("Book Studio A tomorrow from 2pm to 6pm for Cache Test"),
            expected
        );
        assert_eq!(
            plan("Réserve Studio A vendredi 14h-18h pour Cache Test"),
            expected
        );
    }

    #[test]
    fn cancelling_and_moving() {
        assert_eq!(
            plan("Annule la session de Cache Test demain"),
            Some(Intent::Cancel {
                client: "Cache Test".into(),
                on: Date::new(2026, 11, 27).ok()
            })
        );
        assert_eq!(
            plan("cancel Cache Test's session"),
            Some(Intent::Cancel {
                client: "Cache Test".into(),
                on: None
            })
        );
        assert_eq!(
            plan("Déplace la session de Cache Test à lundi 10h-12h"),
            Some(Intent::Move {
                client: "Cache Test".into(),
                on: None,
                start: "2026-11-30T10:00".into(),
                end: Some("12:00".into())
            })
        );
        assert_eq!(
            plan("move the session of Cache Test tomorrow to friday 9am"),
            Some(Intent::Move {
                client: "Cache Test".into(),
                on: Date::new(2026, 11, 27).ok(),
                start: "2026-11-27T09:00".into(),
                end: None
            })
        );
    }

    #[test]
    fn a_day_s_sessions() {
        assert_eq!(
            plan("Quelles sessions demain ?"),
            Some(Intent::Sessions {
                day: Date::new(2026, 11, 27).ok()
            })
        );
    }
}
