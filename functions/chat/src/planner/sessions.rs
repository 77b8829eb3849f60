//! Session sentences: book, move, cancel, a day's sessions — the `sessions` tools. Dates and times are resolved
//! here against today, so the tools get ISO local times.

use jiff::civil::Date;

use super::{
    Intent,
    text::{ARTICLES, Text, folded, hhmm, is_date, is_time, iso, name_at, times},
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
    "dans",
    "as",
    "?",
    "!",
];

/// The client named after "pour/for" or in "session de/of X" / "X's session".
fn session_client(words: &[String], today: Date) -> Option<String> {
    let possessive = |w: &String| {
        let w = folded(w);
        // "tomorrow's session" names a day, not a client.
        w.strip_suffix("'s")
            .is_some_and(|name| !is_date(name, today))
    };
    if let Some(i) = words.iter().position(possessive) {
        let start = words
            .iter()
            .position(|w| {
                [
                    "move",
                    "cancel",
                    "reschedule",
                    "push",
                    "deplace",
                    "annule",
                    "decale",
                ]
                .contains(&folded(w).as_str())
            })
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
    // "la session de demain de Léa Martin": the day, then the client.
    let mut from = i + 2;
    while from + 1 < words.len()
        && is_date(&words[from], today)
        && ["de", "du", "of", "for", "pour"].contains(&folded(&words[from + 1]).as_str())
    {
        from += 2;
    }
    name_at(words, from, STOP, today)
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
    let on = when::parse(&before.join(" "), today).date;
    // No new day named: the session stays on its day ("tomorrow's session … to 4 pm" is tomorrow at 4 pm);
    // the tool keeps it there when neither is known.
    let start = match new.date.or(on) {
        Some(day) => iso(day, *new_times.first()?),
        None => hhmm(*new_times.first()?),
    };
    let end = new_times.get(1).map(|t| hhmm(*t));
    Some(Intent::Move {
        client,
        on,
        start,
        end,
    })
}

/// "Quelles sessions demain ?", "the planning for friday", "Qu'est-ce qui est prévu demain ?", "What's on
/// tomorrow?", "Combien de sessions a Léa Martin ?", "How many sessions does Lea Martin have?".
pub fn day(text: &Text, today: Date) -> Option<Intent> {
    if !text.has(&[
        " sessions",
        " session ",
        " planning",
        " agenda",
        " schedule",
        " prevu",
        " au programme",
        " what's on ",
        " whats on ",
        " what is on ",
    ]) {
        return None;
    }
    // One client's: "… sessions de/a/of/for/does <client>".
    let words = &text.words;
    let client = words
        .iter()
        .position(|w| ["sessions", "session"].contains(&folded(w).as_str()))
        .filter(|&i| {
            words.get(i + 1).is_some_and(|w| {
                ["de", "du", "a", "of", "for", "pour", "does", "has"].contains(&folded(w).as_str())
            })
        })
        .and_then(|i| name_at(words, i + 2, STOP, today))
        .map(|name| {
            let name = name.trim_end_matches(" have").trim_end_matches(" a-t-elle");
            name.trim_end_matches(" a-t-il").to_owned()
        })
        .filter(|name| !is_date(name, today));
    Some(Intent::Sessions {
        day: when::parse(&text.words.join(" "), today).date,
        client,
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
                day: Date::new(2026, 11, 27).ok(),
                client: None,
            })
        );
        let lea = Some(Intent::Sessions {
            day: None,
            client: Some("Léa Martin".into()),
        });
        assert_eq!(plan("Combien de sessions a Léa Martin ?"), lea);
        assert_eq!(plan("How many sessions does Léa Martin have?"), lea);
    }
}
