//! The assistant's two languages.

pub use studio_wire::Locale;

/// Picks the French or the English text.
pub fn pick<T>(locale: Locale, fr: T, en: T) -> T {
    match locale {
        Locale::Fr => fr,
        Locale::En => en,
    }
}

/// The language to answer in: the interface's, unless the message is clearly in the other one (at least two
/// of its words or accents, and none of the interface's language); without an interface language, the message's
/// (French when it has more French signs than English ones).
pub fn reply_language(message: &str, interface: Option<Locale>) -> Locale {
    let (french, english) = signs(message);
    match interface {
        Some(Locale::Fr) if english >= 2 && french == 0 => Locale::En,
        Some(Locale::En) if french >= 2 && english == 0 => Locale::Fr,
        Some(interface) => interface,
        None if french > english => Locale::Fr,
        None => Locale::En,
    }
}

/// How many French and English signs (common words, accents) a message has.
fn signs(message: &str) -> (usize, usize) {
    const FRENCH: &[&str] = &[
        "crée", "créer", "cree", "ajoute", "nouveau", "avec", "nom", "et", "le", "la", "les", "un",
        "une", "de", "des", "combien", "renomme", "cherche", "trouve", "liste", "montre",
        "affiche", "change", "en", "pour", "qui",
    ];
    const ENGLISH: &[&str] = &[
        "create", "add", "new", "with", "named", "name", "and", "the", "a", "an", "of", "how",
        "many", "rename", "find", "search", "list", "show", "to", "for", "who",
    ];
    let lower = message.to_lowercase();
    let words: Vec<&str> = lower
        .split(|c: char| !c.is_alphanumeric() && c != '\'')
        .filter(|w| !w.is_empty())
        .collect();
    let score = |dict: &[&str]| words.iter().filter(|w| dict.contains(w)).count();
    let accents = lower.chars().filter(|c| "éèêàçùôîï".contains(*c)).count();
    (score(FRENCH) + accents, score(ENGLISH))
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn without_an_interface_language_the_message_decides() {
        let detect = |message| reply_language(message, None);
        assert_eq!(
            detect("Crée un nouveau client avec email cache-test@example.com et nom Cache Test"),
            Locale::Fr
        );
        assert_eq!(
            detect("Add a client named Cache Test with email cache-test@example.com"),
            Locale::En
        );
        assert_eq!(detect("combien de clients ?"), Locale::Fr);
        assert_eq!(detect("how many clients do I have"), Locale::En);
    }

    #[test]
    fn the_interface_language_wins_unless_the_message_is_clearly_the_other() {
        // A tie ("le" against "a"): the interface's language.
        let tie = "Quand le Studio A est-il libre demain ?";
        assert_eq!(reply_language(tie, Some(Locale::Fr)), Locale::Fr);
        assert_eq!(reply_language(tie, Some(Locale::En)), Locale::En);
        // Clearly the other language.
        assert_eq!(
            reply_language("how many clients do I have", Some(Locale::Fr)),
            Locale::En
        );
        assert_eq!(
            reply_language("Crée un client nommé Léa", Some(Locale::En)),
            Locale::Fr
        );
        // One English word in a French interface is not enough.
        assert_eq!(
            reply_language("Book Studio B", Some(Locale::Fr)),
            Locale::Fr
        );
    }
}
