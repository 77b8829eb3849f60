//! Session sentences: book, move, cancel, a day's sessions — the `sessions` tools. Dates and times are resolved
//! here against today, so the tools get ISO local times.

use jiff::civil::{Date, Time};

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
    "hier",
    "avant-hier",
    "yesterday",
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
    "d'une",
    "d'un",
    "by",
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
                    "extend",
                    "shorten",
                    "prolonge",
                    "raccourcis",
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

/// "Réserve le Studio A demain de 14h à 18h pour Léa Martin", "book Studio A tomorrow from 2pm to 6pm for …",
/// "… à 14h pour 3 heures …", "… de 10 à 13h …".
pub fn book(text: &Text, today: Date) -> Option<Intent> {
    if !text.has(&[" reserve ", " reserver ", " book ", " bloque "]) {
        return None;
    }
    let words = &text.words;
    let verb = text.position(&["reserve", "reserver", "book", "bloque"])?;
    let room = name_at(words, verb + 1, STOP, today)?;
    // The client follows the "pour"/"for" that does not say a duration.
    let client_at = (0..words.len()).rev().find(|&i| {
        ["pour", "for"].contains(&folded(&words[i]).as_str()) && hours_at(words, i + 1).is_none()
    })?;
    let client = name_at(words, client_at + 1, STOP, today)?;
    let (start, end) = slot(words)?;
    let date = when::parse(&words.join(" "), today).date.unwrap_or(today);
    Some(Intent::Book {
        room,
        client,
        start: iso(date, start),
        end: hhmm(end),
    })
}

/// "3 heures", "2 hours", "une heure" at `i`: a whole number of hours.
fn hours_at(words: &[String], i: usize) -> Option<i64> {
    let n = when::count_of(&folded(words.get(i)?))?;
    let unit = folded(words.get(i + 1)?);
    ["heure", "heures", "h", "hour", "hours"]
        .contains(&unit.as_str())
        .then_some(n)
}

/// The start and end a booking sentence says: two times; one time and a duration ("pour 3 heures"); or a bare
/// hour before the end ("de 10 à 13h").
fn slot(words: &[String]) -> Option<(Time, Time)> {
    let found = times(words);
    if let [start, end, ..] = found.as_slice() {
        return Some((*start, *end));
    }
    let end = *found.first()?;
    if let Some(hours) = (0..words.len())
        .filter(|&i| ["pour", "for"].contains(&folded(&words[i]).as_str()))
        .find_map(|i| hours_at(words, i + 1))
    {
        let end_hour = i64::from(end.hour()) + hours;
        let end = Time::new(
            i8::try_from(end_hour).ok().filter(|h| *h < 24)?,
            end.minute(),
            0,
            0,
        )
        .ok()?;
        let start = found[0];
        return Some((start, end));
    }
    // "de 10 à 13h": the number before "à" is the start's hour.
    let at = words.iter().position(|w| is_time(w))?;
    let bare = words.get(at.checked_sub(2)?)?;
    let joins = ["à", "a", "to"].contains(&folded(words.get(at - 1)?).as_str());
    let hour: i8 = bare.parse().ok().filter(|h| (0..24).contains(h))?;
    joins
        .then(|| Time::new(hour, 0, 0, 0).ok())
        .flatten()
        .map(|start| (start, end))
}

/// "Annule la session de Léa Martin demain", "cancel Léa Martin's session".
pub fn cancel(text: &Text, today: Date) -> Option<Intent> {
    if !text.has(&[" annule ", " annuler ", " cancel "]) {
        return None;
    }
    let client = session_client(&text.words, today).filter(|name| !is_date(name, today));
    let Some(client) = client else {
        let words = &text.words;
        let at = words
            .iter()
            .position(|w| ["session", "seance"].contains(&folded(w).as_str()))?;
        let rest = words[at + 1..].join(" ");
        // "Annule la session de demain": the day's one session.
        let on = when::parse(&rest, today).date;
        let only_a_day = words[at + 1..]
            .iter()
            .all(|w| is_date(w, today) || ["de", "du", "of", "on"].contains(&folded(w).as_str()));
        if let (Some(on), true) = (on, only_a_day) {
            return Some(Intent::CancelOn { on });
        }
        // "Annule la session Voix — album": its title follows.
        return (!rest.is_empty()).then_some(Intent::CancelTitled { title: rest });
    };
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
        " repousse ",
        " move ",
        " reschedule ",
        " push ",
    ]) {
        return None;
    }
    let words = &text.words;
    let client = session_client(words, today)?;
    if let Some(minutes) = shift(words) {
        let on = when::parse(&words.join(" "), today).date;
        return Some(Intent::Shift {
            client,
            on,
            minutes,
        });
    }
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
    let start = match (new.date, new_times.first()) {
        (_, Some(time)) => match new.date.or(on) {
            Some(day) => iso(day, *time),
            None => hhmm(*time),
        },
        // "push it to Friday": a new day named after "à"/"to", the same time (the tool keeps it).
        (Some(day), None) if split.is_some() => studio_wire::day::format(day),
        _ => return None,
    };
    let end = new_times.get(1).map(|t| hhmm(*t));
    Some(Intent::Move {
        client,
        on,
        start,
        end,
    })
}

/// "Prolonge la session de Léa Martin d'une heure", "Shorten Lea Martin's session by 30 minutes".
pub fn resize(text: &Text, today: Date) -> Option<Intent> {
    let longer = text.has(&[" prolonge ", " rallonge ", " extend ", " lengthen "]);
    let shorter = text.has(&[" raccourcis ", " raccourcir ", " ecourte ", " shorten "]);
    if !(longer || shorter) {
        return None;
    }
    let words = &text.words;
    let client = session_client(words, today)?;
    let minutes = shift(words)?.abs();
    Some(Intent::Extend {
        client,
        on: when::parse(&words.join(" "), today).date,
        minutes: if shorter { -minutes } else { minutes },
    })
}

/// "d'une heure", "de 30 minutes", "by an hour", "by 2 hours" — later, or earlier when the sentence says so
/// ("plus tôt", "earlier", "avance").
fn shift(words: &[String]) -> Option<i64> {
    let folded: Vec<String> = words.iter().map(|w| folded(w)).collect();
    let (count, unit) = folded.iter().enumerate().find_map(|(i, w)| {
        let (count, unit) = match w.as_str() {
            "d'une" | "d'un" => (Some(1), folded.get(i + 1)?),
            "de" | "by" => (when::count_of(folded.get(i + 1)?), folded.get(i + 2)?),
            _ => return None,
        };
        let minutes = match unit.trim_end_matches('s') {
            "heure" | "hour" | "h" => 60,
            "minute" | "min" => 1,
            _ => return None,
        };
        Some((count?, minutes))
    })?;
    let earlier = folded
        .iter()
        .any(|w| ["tot", "earlier", "avance", "avancer"].contains(&w.as_str()));
    Some(if earlier { -count * unit } else { count * unit })
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
    let (from, to) = match when::week(&text.words.join(" "), today) {
        Some((monday, sunday)) => (Some(monday), Some(sunday)),
        None => {
            let day = when::parse(&text.words.join(" "), today).date;
            (day, day)
        }
    };
    // One room's, named as one: "le planning de la salle Studio A", "the room Studio A's sessions".
    let room = words
        .iter()
        .position(|w| ["salle", "room"].contains(&folded(w).as_str()))
        .and_then(|i| name_at(words, i + 1, STOP, today))
        .map(|name| name.trim_end_matches("'s").to_owned());
    let client = client.filter(|_| room.is_none());
    Some(Intent::Sessions {
        from,
        to,
        client,
        room,
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
                from: Date::new(2026, 11, 27).ok(),
                to: Date::new(2026, 11, 27).ok(),
                client: None,
                room: None,
            })
        );
        let lea = Some(Intent::Sessions {
            from: None,
            to: None,
            client: Some("Léa Martin".into()),
            room: None,
        });
        assert_eq!(plan("Combien de sessions a Léa Martin ?"), lea);
        assert_eq!(plan("How many sessions does Léa Martin have?"), lea);
    }
}
