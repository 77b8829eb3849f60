//! The assistant's two languages.

pub use studio_wire::Locale;

/// Picks the French or the English text.
pub fn pick<T>(locale: Locale, fr: T, en: T) -> T {
    match locale {
        Locale::Fr => fr,
        Locale::En => en,
    }
}

/// Guesses the language of a message: French when it has French words or accents, else English.
pub fn detect(message: &str) -> Locale {
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
    if score(FRENCH) + accents > score(ENGLISH) {
        Locale::Fr
    } else {
        Locale::En
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn detects_french_and_english_requests() {
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
}
