//! Equipment sentences: put a piece into maintenance, out of service, back in service, rented — the
//! `update_equipment` tool.

use jiff::civil::Date;
use studio_wire::EquipmentStatus;

use super::{
    Intent,
    sessions::STOP,
    text::{Text, folded, name_at},
};

/// The status a sentence asks for, by its words.
const STATUSES: [(EquipmentStatus, &[&str]); 4] = [
    (
        EquipmentStatus::OutOfService,
        &[" hors service", " out of service", " en panne", " broken"],
    ),
    (
        EquipmentStatus::Maintenance,
        &[" maintenance", " en reparation", " repair"],
    ),
    (
        EquipmentStatus::Operational,
        &[
            " en service",
            " back in service",
            " operationnel",
            " operational",
            " repare ",
            " fixed",
            " works again",
        ],
    ),
    (EquipmentStatus::Rented, &[" loue ", " rented"]),
];

/// "Ajoute le micro Neumann U47", "Add the mic Neumann U47", "Ajoute un préampli Neve 1073": the kind word
/// says the category.
pub fn create(text: &Text, today: Date) -> Option<Intent> {
    const KINDS: [(&str, &str); 12] = [
        ("micro", "microphone"),
        ("microphone", "microphone"),
        ("mic", "microphone"),
        ("preampli", "preamp"),
        ("preamp", "preamp"),
        ("console", "console"),
        ("guitare", "instrument"),
        ("guitar", "instrument"),
        ("synthe", "instrument"),
        ("synth", "instrument"),
        ("casque", "headphones"),
        ("headphones", "headphones"),
    ];
    if !text.has(super::clients::CREATE_VERBS) {
        return None;
    }
    let words = &text.words;
    let (at, category) = words.iter().enumerate().find_map(|(i, w)| {
        let w = folded(w);
        KINDS.iter().find(|(k, _)| *k == w).map(|(_, c)| (i, *c))
    })?;
    // Only "ajoute le micro …": the kind right after the verb and its article.
    if at > 3 {
        return None;
    }
    let name = name_at(words, at + 1, STOP, today)?;
    Some(Intent::CreateEquipment { name, category })
}

/// The piece of equipment `words` name: without the article or kind word before it ("le micro U87") or the kind
/// after it (English: "the U87 mic").
fn piece(words: &[String], today: Date) -> Option<String> {
    const BEFORE: [&str; 10] = [
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
    let rest: Vec<String> = words
        .iter()
        .skip_while(|w| BEFORE.contains(&folded(w).as_str()))
        .cloned()
        .collect();
    let mut name = name_at(&rest, 0, STOP, today)?;
    for kind in [" mic", " microphone"] {
        if let Some(bare) = name.strip_suffix(kind) {
            name = bare.to_owned();
        }
    }
    Some(name)
}

/// "Mets le U87 dans le Studio B", "Put the SM7B in the Live Room", "Move the U87 to Studio A".
pub fn place(text: &Text, today: Date) -> Option<Intent> {
    let verb = text.position(&[
        "mets", "met", "range", "installe", "place", "put", "move", "deplace",
    ])?;
    let into = text.last_position(&["dans", "in", "into", "to"])?;
    if into <= verb + 1 {
        return None;
    }
    let equipment = piece(&text.words[verb + 1..into], today)?;
    let room = name_at(&text.words, into + 1, STOP, today)?;
    Some(Intent::PlaceEquipment { equipment, room })
}

/// "Quel matériel est en maintenance ?", "Which gear is out of service?", "Qu'est-ce qui est en panne ?": a
/// question lists; it never changes anything.
pub fn in_status(text: &Text, _: Date) -> Option<Intent> {
    let asks = text.has(&[
        " quel ",
        " quels ",
        " quelle ",
        " quelles ",
        " qu'est-ce ",
        " which ",
        " what ",
        " what's ",
        " liste ",
        " list ",
        " combien ",
        " how many ",
    ]) || text.has(&["?"]);
    if !asks {
        return None;
    }
    let (status, _) = STATUSES.iter().find(|(_, words)| text.has(words))?;
    Some(Intent::EquipmentIn { status: *status })
}

/// "Mets le micro U87 en maintenance", "put the U87 mic into maintenance", "le U87 est de nouveau opérationnel".
pub fn status(text: &Text, today: Date) -> Option<Intent> {
    let (status, _) = STATUSES.iter().find(|(_, words)| text.has(words))?;
    let verb = text
        .position(&[
            "mets", "met", "mettre", "passe", "put", "mark", "set", "remets", "send",
        ])
        .map_or(0, |v| v + 1);
    let equipment = piece(&text.words[verb..], today)?;
    // "Mets en maintenance": no piece named.
    if folded(&equipment).starts_with("en ") {
        return None;
    }
    Some(Intent::SetEquipmentStatus {
        equipment,
        status: *status,
    })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planner::parse;

    fn plan(sentence: &str) -> Option<Intent> {
        parse(sentence, Date::new(2026, 11, 26).unwrap())
    }

    #[test]
    fn equipment_status_in_french_and_english() {
        let u87 = |status| {
            Some(Intent::SetEquipmentStatus {
                equipment: "U87".into(),
                status,
            })
        };
        assert_eq!(
            plan("Mets le micro U87 en maintenance"),
            u87(EquipmentStatus::Maintenance)
        );
        assert_eq!(
            plan("put the U87 into maintenance"),
            u87(EquipmentStatus::Maintenance)
        );
        assert_eq!(
            plan("Put the U87 mic into maintenance"),
            u87(EquipmentStatus::Maintenance)
        );
        assert_eq!(
            plan("le U87 est de nouveau opérationnel"),
            u87(EquipmentStatus::Operational)
        );
    }
}
