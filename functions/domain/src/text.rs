//! Small text rules: trimming, and the one accent-and-case folding every matcher uses (searches, name
//! uniqueness, the assistant's planner).

/// Trims; `None` for an empty result.
pub fn trimmed(raw: &str) -> Option<String> {
    let t = raw.trim();
    (!t.is_empty()).then(|| t.to_owned())
}

/// Lower-case, accents folded — for case- and accent-insensitive matching ("Élodie" finds "elodie").
pub fn fold(raw: &str) -> String {
    raw.chars().map(fold_char).collect()
}

/// One character folded to one character (so a folded text lines up with the original, char for char): lower
/// case, accents dropped, typographic quotes made plain.
pub fn fold_char(c: char) -> char {
    match c.to_lowercase().next().unwrap_or(c) {
        'à' | 'á' | 'â' | 'ã' | 'ä' | 'å' => 'a',
        'ç' => 'c',
        'è' | 'é' | 'ê' | 'ë' => 'e',
        'ì' | 'í' | 'î' | 'ï' => 'i',
        'ñ' => 'n',
        'ò' | 'ó' | 'ô' | 'õ' | 'ö' => 'o',
        'ù' | 'ú' | 'û' | 'ü' => 'u',
        'ý' | 'ÿ' => 'y',
        '’' => '\'',
        '«' | '»' | '“' | '”' => '"',
        other => other,
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn fold_ignores_case_and_accents() {
        assert_eq!(fold("Élodie CRÈME"), "elodie creme");
    }

    #[test]
    fn trimmed_drops_blank_values() {
        assert_eq!(trimmed("  a b "), Some("a b".into()));
        assert_eq!(trimmed("   "), None);
    }
}
