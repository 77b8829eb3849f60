//! Room sentences: when a room is free — the `check_availability` tool.

use jiff::civil::Date;

use super::{
    Intent,
    clients::CREATE_VERBS,
    sessions::STOP,
    text::{Text, folded, name_at},
};
use crate::when;

/// "Quand le Studio A est-il libre demain ?", "When is Studio A free tomorrow?". The room's name starts after
/// the last of the words that lead to it ("When is …": after "is").
pub fn availability(text: &Text, today: Date) -> Option<Intent> {
    if !text.has(&[" libre", " free ", " free?", " disponib", " available"]) {
        return None;
    }
    let marker = text
        .last_position(&["quand", "du", "de", "is", "of", "when", "que"])
        .map_or(0, |v| v + 1);
    let room = name_at(&text.words, marker, STOP, today)?;
    Some(Intent::Availability {
        room,
        day: when::parse(&text.words.join(" "), today)
            .date
            .unwrap_or(today),
    })
}

/// "Crée la salle Studio C à 55 € de l'heure", "Add a room Studio C at 55 € an hour".
pub fn create(text: &Text, today: Date) -> Option<Intent> {
    if !text.has(CREATE_VERBS) {
        return None;
    }
    let at = text.position(&["salle", "room"])?;
    let name = name_at(&text.words, at + 1, STOP, today)?;
    let hourly_rate = text.amount()?;
    Some(Intent::CreateRoom { name, hourly_rate })
}

/// "Passe le tarif du Studio A à 70 €", "Set Studio A's hourly rate to 70 €".
pub fn rate(text: &Text, today: Date) -> Option<Intent> {
    if !text.has(&[" tarif", " rate "]) {
        return None;
    }
    let hourly_rate = text.amount()?;
    let words = &text.words;
    let room = match words.iter().position(|w| folded(w).ends_with("'s")) {
        // "Studio A's hourly rate": the name before.
        Some(i) => {
            let start = words[..i]
                .iter()
                .rposition(|w| ["set", "change", "update", "make"].contains(&folded(w).as_str()))
                .map_or(0, |v| v + 1);
            let mut name: Vec<&str> = words[start..=i].iter().map(String::as_str).collect();
            let last = name.pop()?.trim_end_matches("'s");
            name.push(last);
            name.join(" ")
        }
        None => {
            let at = text.position(&["du", "de", "of"])?;
            let from = if words
                .get(at + 1)
                .is_some_and(|w| ["la", "salle"].contains(&folded(w).as_str()))
            {
                words
                    .iter()
                    .skip(at + 1)
                    .position(|w| folded(w) == "salle")
                    .map_or(at + 1, |p| at + 2 + p)
            } else {
                at + 1
            };
            name_at(words, from, STOP, today)?
        }
    };
    Some(Intent::RoomRate { room, hourly_rate })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planner::parse;

    #[test]
    fn when_a_room_is_free_in_french_and_english() {
        let expected = Some(Intent::Availability {
            room: "Studio A".into(),
            day: Date::new(2026, 11, 27).unwrap(),
        });
        let today = Date::new(2026, 11, 26).unwrap();
        assert_eq!(
            parse("Quand le Studio A est-il libre demain ?", today),
            expected
        );
        assert_eq!(parse("is Studio A free tomorrow?", today), expected);
        assert_eq!(parse("When is Studio A free tomorrow?", today), expected);
    }
}
