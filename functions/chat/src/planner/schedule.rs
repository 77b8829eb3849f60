//! Scheduling sentences: book, move, cancel a session; equipment status; room availability; the sessions of a
//! day. Dates and times are resolved here against today, so the tools get ISO local times.

use jiff::civil::{Date, Time};
use serde_json::{Value, json};

use super::parse::Text;
use crate::when;

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Schedule {
    Book {
        room: String,
        client: String,
        start: String,
        end: String,
    },
    Move {
        client: String,
        on: Option<Date>,
        start: String,
        end: Option<String>,
    },
    Cancel {
        client: String,
        on: Option<Date>,
    },
    Equipment {
        equipment: String,
        status: &'static str,
    },
    Availability {
        room: String,
        day: Date,
    },
    Sessions {
        day: Option<Date>,
    },
}

impl Schedule {
    pub fn tool_call(&self) -> (&'static str, Value) {
        let day = |d: &Option<Date>| d.map(|d| d.to_string());
        match self {
            Schedule::Book {
                room,
                client,
                start,
                end,
            } => (
                "book_session",
                json!({ "room": room, "client": client, "start": start, "end": end }),
            ),
            Schedule::Move {
                client,
                on,
                start,
                end,
            } => {
                let mut args = json!({ "client": client, "start": start });
                if let Some(on) = day(on) {
                    args["on"] = json!(on);
                }
                if let Some(end) = end {
                    args["end"] = json!(end);
                }
                ("move_session", args)
            }
            Schedule::Cancel { client, on } => {
                let mut args = json!({ "client": client });
                if let Some(on) = day(on) {
                    args["on"] = json!(on);
                }
                ("cancel_session", args)
            }
            Schedule::Equipment { equipment, status } => (
                "update_equipment",
                json!({ "equipment": equipment, "status": status }),
            ),
            Schedule::Availability { room, day } => (
                "check_availability",
                json!({ "room": room, "day": day.to_string() }),
            ),
            Schedule::Sessions { day } => match day {
                Some(d) => ("list_sessions", json!({ "from": d.to_string() })),
                None => ("list_sessions", json!({})),
            },
        }
    }
}

/// Words that end a name ("le Studio A | demain", "pour Cache Test | à 14h").
const STOP: &[&str] = &[
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
const ARTICLES: &[&str] = &[
    "le", "la", "l'", "les", "the", "a", "un", "une", "mon", "notre", "my", "our",
];

fn is_time(word: &str) -> bool {
    when::time_of(word).is_some()
}

fn is_date(word: &str, today: Date) -> bool {
    when::parse(word, today).date.is_some()
}

/// Words of the sentence, with "10h-12h" split in two.
fn words(sentence: &str) -> Vec<String> {
    sentence
        .split_whitespace()
        .flat_map(|w| match w.split_once('-') {
            Some((a, b)) if is_time(a) && is_time(b) => vec![a.to_owned(), b.to_owned()],
            _ => vec![w.to_owned()],
        })
        .map(|w| w.trim_matches(|c: char| ",.;!?«»\"".contains(c)).to_owned())
        .filter(|w| !w.is_empty())
        .collect()
}

fn folded(word: &str) -> String {
    Text::fold_str(word)
}

/// The name that starts at `from`: articles skipped, up to a stop word, a date or a time.
fn name_at(words: &[String], from: usize, today: Date) -> Option<String> {
    let mut i = from;
    while i < words.len() && ARTICLES.contains(&folded(&words[i]).as_str()) {
        i += 1;
    }
    let mut name = Vec::new();
    while i < words.len() {
        let w = &words[i];
        let f = folded(w);
        // A stop word counts in lower case only: "Studio A" keeps its "A".
        let stop = STOP.contains(&f.as_str()) && w.starts_with(|c: char| !c.is_uppercase());
        if (!name.is_empty() && stop) || is_time(w) || (!name.is_empty() && is_date(w, today)) {
            break;
        }
        name.push(w.as_str());
        i += 1;
    }
    (!name.is_empty()).then(|| name.join(" "))
}

fn position(words: &[String], targets: &[&str]) -> Option<usize> {
    words
        .iter()
        .position(|w| targets.contains(&folded(w).as_str()))
}

fn times(words: &[String]) -> Vec<Time> {
    words.iter().filter_map(|w| when::time_of(w)).collect()
}

fn iso(date: Date, time: Time) -> String {
    format!("{date}T{:02}:{:02}", time.hour(), time.minute())
}

fn hhmm(time: Time) -> String {
    format!("{:02}:{:02}", time.hour(), time.minute())
}

/// The client named after "pour/for" or in "session de/of X" / "X's session".
fn session_client(words: &[String], today: Date) -> Option<String> {
    if let Some(i) = words.iter().position(|w| folded(w).ends_with("'s")) {
        let start = position(words, &["move", "cancel", "deplace", "annule"]).map_or(0, |v| v + 1);
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
        [
            "session",
            "séance",
            "seance",
            "booking",
            "reservation",
            "réservation",
        ]
        .contains(&folded(&p[0]).as_str())
            && ["de", "du", "of", "for", "pour"].contains(&folded(&p[1]).as_str())
    })?;
    name_at(words, i + 2, today)
}

pub fn parse(text: &Text, sentence: &str, today: Date) -> Option<Schedule> {
    let words = words(sentence);
    let when = when::parse(sentence, today);
    if text.has(&[" reserve ", " reserver ", " book ", " bloque "]) {
        let verb = position(
            &words,
            &[
                "réserve",
                "reserve",
                "réserver",
                "reserver",
                "book",
                "bloque",
            ],
        )?;
        let room = name_at(&words, verb + 1, today)?;
        let client_at = position(&words, &["pour", "for"])?;
        let client = name_at(&words, client_at + 1, today)?;
        let times = times(&words);
        let (start, end) = (times.first()?, times.get(1)?);
        let date = when.date.unwrap_or(today);
        return Some(Schedule::Book {
            room,
            client,
            start: iso(date, *start),
            end: hhmm(*end),
        });
    }
    if text.has(&[" annule ", " annuler ", " cancel "]) {
        let client = session_client(&words, today)?;
        return Some(Schedule::Cancel {
            client,
            on: when.date,
        });
    }
    if text.has(&[
        " deplace ",
        " deplacer ",
        " decale ",
        " move ",
        " reschedule ",
    ]) {
        let client = session_client(&words, today)?;
        // "… à/to <new day and times>": what follows the last such word is the new slot.
        let split = words.iter().rposition(|w| {
            ["à", "a", "au", "to", "vers"].contains(&folded(w).as_str()) && !is_time(w)
        });
        let (before, after) = match split {
            Some(i) => (sentence_of(&words[..i]), sentence_of(&words[i + 1..])),
            None => (String::new(), sentence.to_owned()),
        };
        let new = when::parse(&after, today);
        let new_times = times(&self::words(&after));
        let start = iso(new.date.unwrap_or(today), *new_times.first()?);
        let end = new_times.get(1).map(|t| hhmm(*t));
        let on = when::parse(&before, today).date;
        return Some(Schedule::Move {
            client,
            on,
            start,
            end,
        });
    }
    let status = if text.has(&[" hors service", " out of service", " en panne", " broken"]) {
        Some("out_of_service")
    } else if text.has(&[" maintenance", " en reparation", " repair"]) {
        Some("maintenance")
    } else if text.has(&[
        " en service",
        " back in service",
        " operationnel",
        " operational",
        " repare ",
        " fixed",
        " works again",
    ]) {
        Some("operational")
    } else if text.has(&[" loue ", " rented"]) {
        Some("rented")
    } else {
        None
    };
    if let Some(status) = status {
        let verb = position(
            &words,
            &[
                "mets", "met", "mettre", "passe", "put", "mark", "set", "remets", "send",
            ],
        )
        .map_or(0, |v| v + 1);
        let skip = [
            "micro",
            "microphone",
            "mic",
            "le",
            "la",
            "l'",
            "the",
            "my",
            "notre",
            "our",
        ];
        let rest: Vec<String> = words[verb..]
            .iter()
            .skip_while(|w| skip.contains(&folded(w).as_str()))
            .cloned()
            .collect();
        let equipment = name_at(&rest, 0, today)?;
        return Some(Schedule::Equipment { equipment, status });
    }
    if text.has(&[" libre", " free ", " free?", " disponib", " available"]) {
        let marker =
            position(&words, &["quand", "du", "de", "is", "of", "when"]).map_or(0, |v| v + 1);
        let room = name_at(&words, marker, today)?;
        return Some(Schedule::Availability {
            room,
            day: when.date.unwrap_or(today),
        });
    }
    if text.has(&[
        " sessions",
        " session ",
        " planning",
        " agenda",
        " schedule",
    ]) {
        return Some(Schedule::Sessions { day: when.date });
    }
    None
}

fn sentence_of(words: &[String]) -> String {
    words.join(" ")
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::new(2026, 11, 26).unwrap()
    }

    fn plan(sentence: &str) -> Option<Schedule> {
        parse(&Text::new(sentence), sentence, today())
    }

    #[test]
    fn bookings_in_french_and_english() {
        let expected = Some(Schedule::Book {
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
            Some(Schedule::Cancel {
                client: "Cache Test".into(),
                on: Date::new(2026, 11, 27).ok()
            })
        );
        assert_eq!(
            plan("cancel Cache Test's session"),
            Some(Schedule::Cancel {
                client: "Cache Test".into(),
                on: None
            })
        );
        assert_eq!(
            plan("Déplace la session de Cache Test à lundi 10h-12h"),
            Some(Schedule::Move {
                client: "Cache Test".into(),
                on: None,
                start: "2026-11-30T10:00".into(),
                end: Some("12:00".into())
            })
        );
        assert_eq!(
            plan("move the session of Cache Test tomorrow to friday 9am"),
            Some(Schedule::Move {
                client: "Cache Test".into(),
                on: Date::new(2026, 11, 27).ok(),
                start: "2026-11-27T09:00".into(),
                end: None
            })
        );
    }

    #[test]
    fn equipment_status_availability_and_agenda() {
        assert_eq!(
            plan("Mets le micro U87 en maintenance"),
            Some(Schedule::Equipment {
                equipment: "U87".into(),
                status: "maintenance"
            })
        );
        assert_eq!(
            plan("put the U87 into maintenance"),
            Some(Schedule::Equipment {
                equipment: "U87".into(),
                status: "maintenance"
            })
        );
        assert_eq!(
            plan("le U87 est de nouveau opérationnel"),
            Some(Schedule::Equipment {
                equipment: "U87".into(),
                status: "operational"
            })
        );
        assert_eq!(
            plan("Quand le Studio A est-il libre demain ?"),
            Some(Schedule::Availability {
                room: "Studio A".into(),
                day: Date::new(2026, 11, 27).unwrap()
            })
        );
        assert_eq!(
            plan("is Studio A free tomorrow?"),
            Some(Schedule::Availability {
                room: "Studio A".into(),
                day: Date::new(2026, 11, 27).unwrap()
            })
        );
        assert_eq!(
            plan("Quelles sessions demain ?"),
            Some(Schedule::Sessions {
                day: Date::new(2026, 11, 27).ok()
            })
        );
    }
}
