//! Deletion sentences: "Supprime le client Cache Test", "Delete the room Studio C" — the `delete_*` tools,
//! which only propose (a person confirms).

use jiff::civil::Date;

use super::{
    Intent,
    text::{Text, clean},
};

const VERBS: &[&str] = &[
    " supprime ",
    " supprimer ",
    " supprimez ",
    " efface ",
    " delete ",
    " remove ",
];

/// What follows the verb, and the tool that deletes it.
const KINDS: &[(&str, &str)] = &[
    (" le client ", "delete_client"),
    (" la cliente ", "delete_client"),
    (" the client ", "delete_client"),
    (" client ", "delete_client"),
    (" la salle ", "delete_room"),
    (" the room ", "delete_room"),
    (" room ", "delete_room"),
    (" le projet ", "delete_project"),
    (" the project ", "delete_project"),
    (" project ", "delete_project"),
    (" l'equipement ", "delete_equipment"),
    (" le micro ", "delete_equipment"),
    (" the item ", "delete_equipment"),
    (" the equipment ", "delete_equipment"),
    (" le brouillon de ", "delete_invoice"),
    (" la facture ", "delete_invoice"),
    (" the draft of ", "delete_invoice"),
    (" the invoice ", "delete_invoice"),
];

/// Whether the sentence asks to delete something (then it is read as one deletion, or not understood).
pub fn asks(text: &Text) -> bool {
    text.find_any(VERBS, 0).is_some()
}

pub fn delete(text: &Text, _: Date) -> Option<Intent> {
    let (_, verb_end) = text.find_any(VERBS, 0)?;
    let at = verb_end - 1;
    KINDS.iter().find_map(|&(marker, tool)| {
        let (start, end) = text.find_any(&[marker], at)?;
        if start != at {
            return None;
        }
        let target = clean(&text.slice(end - 1, usize::MAX))?;
        Some(Intent::Delete { tool, target })
    })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn read(sentence: &str) -> Option<Intent> {
        delete(&Text::new(sentence), jiff::civil::date(2026, 11, 27))
    }

    #[test]
    fn names_what_to_delete_in_both_languages() {
        let client = Intent::Delete {
            tool: "delete_client",
            target: "Cache Test".into(),
        };
        assert_eq!(read("Supprime le client Cache Test"), Some(client.clone()));
        assert_eq!(read("Delete the client Cache Test."), Some(client));
        assert_eq!(
            read("Supprime l'équipement Neumann U87"),
            Some(Intent::Delete {
                tool: "delete_equipment",
                target: "Neumann U87".into()
            })
        );
        assert_eq!(
            read("Supprime la session de demain"),
            None,
            "sessions are cancelled"
        );
    }

    #[test]
    fn deleting_everything_is_not_understood_rather_than_read_as_a_listing() {
        for sentence in ["Supprime tous les clients", "Delete all clients"] {
            assert_eq!(
                super::super::parse(sentence, jiff::civil::date(2026, 11, 27)),
                None,
                "{sentence}"
            );
        }
    }
}
