//! Room sentences: when a room is free — the `check_availability` tool.

use jiff::civil::Date;

use super::{
    Intent,
    sessions::STOP,
    text::{Text, name_at},
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
