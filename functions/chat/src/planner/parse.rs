//! From a sentence to an intent. Keywords are matched case- and accent-insensitively; names and emails are
//! cut from the original text so they keep their case and accents.

use jiff::civil::Date;
use serde_json::{Map, Value, json};

use super::schedule::{self, Schedule};

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Intent {
    Create {
        name: String,
        email: Option<String>,
        phone: Option<String>,
        company: bool,
    },
    Rename {
        client: String,
        name: String,
    },
    ChangeEmail {
        client: String,
        email: String,
    },
    Search {
        query: String,
    },
    List,
    Count,
    Schedule(Schedule),
}

impl Intent {
    /// The tool call that carries out the intent.
    pub fn tool_call(&self) -> (&'static str, Value) {
        match self {
            Intent::Create {
                name,
                email,
                phone,
                company,
            } => {
                let mut args = Map::new();
                args.insert("name".into(), json!(name));
                if let Some(email) = email {
                    args.insert("email".into(), json!(email));
                }
                if let Some(phone) = phone {
                    args.insert("phone".into(), json!(phone));
                }
                if *company {
                    args.insert("kind".into(), json!("company"));
                }
                ("create_client", Value::Object(args))
            }
            Intent::Rename { client, name } => {
                ("update_client", json!({ "client": client, "name": name }))
            }
            Intent::ChangeEmail { client, email } => {
                ("update_client", json!({ "client": client, "email": email }))
            }
            Intent::Search { query } => ("search_clients", json!({ "query": query })),
            Intent::List => ("list_clients", json!({})),
            Intent::Count => ("count_clients", json!({})),
            Intent::Schedule(schedule) => schedule.tool_call(),
        }
    }
}

/// The sentence twice, char for char: as typed, and folded (lower case, no accents) for matching.
pub struct Text {
    original: Vec<char>,
    folded: Vec<char>,
}

fn fold_char(c: char) -> char {
    let lower = c.to_lowercase().next().unwrap_or(c);
    match lower {
        'à' | 'â' | 'ä' | 'á' => 'a',
        'ç' => 'c',
        'é' | 'è' | 'ê' | 'ë' => 'e',
        'î' | 'ï' | 'í' => 'i',
        'ô' | 'ö' | 'ó' => 'o',
        'ù' | 'û' | 'ü' | 'ú' => 'u',
        '’' => '\'',
        '«' | '»' | '“' | '”' => '"',
        other => other,
    }
}

impl Text {
    /// A word folded the way sentences are (lower case, no accents).
    pub fn fold_str(word: &str) -> String {
        word.chars().map(fold_char).collect()
    }

    pub fn new(raw: &str) -> Self {
        // Padding with spaces lets every keyword be matched as " word ".
        let original: Vec<char> = format!(" {} ", raw.trim()).chars().collect();
        let folded = original.iter().map(|&c| fold_char(c)).collect();
        Self { original, folded }
    }

    /// Char index of the first `pattern` (folded) at or after `from`.
    fn find(&self, pattern: &str, from: usize) -> Option<usize> {
        let pattern: Vec<char> = pattern.chars().collect();
        (from..=self.folded.len().saturating_sub(pattern.len()))
            .find(|&i| self.folded[i..].starts_with(&pattern))
    }

    /// The first of `patterns` found at or after `from`: (start, end).
    fn find_any(&self, patterns: &[&str], from: usize) -> Option<(usize, usize)> {
        patterns
            .iter()
            .filter_map(|p| {
                self.find(p, from)
                    .map(|start| (start, start + p.chars().count()))
            })
            .min_by_key(|&(start, end)| (start, usize::MAX - end))
    }

    pub fn has(&self, patterns: &[&str]) -> bool {
        self.find_any(patterns, 0).is_some()
    }

    fn slice(&self, start: usize, end: usize) -> String {
        self.original[start..end.min(self.original.len())]
            .iter()
            .collect()
    }

    /// The value that follows a marker: up to the next connector, trimmed of quotes and punctuation.
    fn value_after(&self, start: usize, stops: &[&str]) -> Option<String> {
        let end = self
            .find_any(stops, start)
            .map_or(self.original.len(), |(s, _)| s);
        clean(&self.slice(start, end))
    }

    /// The first word holding an `@`.
    fn email(&self) -> Option<String> {
        self.slice(0, self.original.len())
            .split_whitespace()
            .find(|w| w.contains('@'))
            .map(|w| w.trim_matches(|c: char| !c.is_alphanumeric()).to_owned())
    }
}

fn clean(raw: &str) -> Option<String> {
    let value = raw
        .trim()
        .trim_matches(|c: char| c.is_whitespace() || "\"'«»“”.,;:!?".contains(c))
        .trim();
    (!value.is_empty()).then(|| value.to_owned())
}

/// Words that end a value: "… nom Cache Test et email …".
const STOPS: &[&str] = &[
    " et ",
    " avec ",
    " and ",
    " with ",
    ",",
    ";",
    " email",
    " e-mail",
    " mail ",
    " adresse",
    " tel ",
    " telephone",
    " phone",
    " sa ",
    " son ",
    " whose ",
    " dont ",
    "?",
    "!",
    " (",
];
const NAME_MARKERS: &[&str] = &[
    " nomme ",
    " nommee ",
    " appele ",
    " appelee ",
    " du nom de ",
    " au nom de ",
    " nom ",
    " named ",
    " called ",
    " name ",
];
const CREATE_VERBS: &[&str] = &[
    " cree ",
    " creer ",
    " creez ",
    " ajoute ",
    " ajouter ",
    " ajoutez ",
    " enregistre ",
    " nouveau client",
    " nouvelle cliente",
    " create ",
    " add ",
    " register ",
    " new client",
];

/// The intent of `sentence`, dates read relative to `today`.
pub fn parse(sentence: &str, today: Date) -> Option<Intent> {
    let text = Text::new(sentence);
    if text.has(&[" combien ", " how many ", " nombre de client", " count "])
        && text.has(&[" client"])
    {
        return Some(Intent::Count);
    }
    if let Some(intent) = change_email(&text).or_else(|| rename(&text)) {
        return Some(intent);
    }
    if text.has(CREATE_VERBS) && text.has(&[" client"]) {
        return create(&text);
    }
    if let Some(schedule) = schedule::parse(&text, sentence, today) {
        return Some(Intent::Schedule(schedule));
    }
    if let Some((_, end)) = text.find_any(
        &[
            " cherche ",
            " recherche ",
            " trouve ",
            " find ",
            " search for ",
            " search ",
            " look up ",
            " qui est ",
        ],
        0,
    ) {
        let start = text
            .find_any(
                &[" le client ", " la cliente ", " client ", " the client "],
                end - 1,
            )
            .map_or(end, |(_, e)| e);
        return text
            .value_after(start, &["?", "!"])
            .map(|query| Intent::Search { query });
    }
    if text.has(&[
        " liste",
        " list ",
        " montre",
        " affiche",
        " show ",
        " quels sont",
        " which are",
        " all clients",
        " tous les clients",
    ]) && text.has(&[" client"])
    {
        return Some(Intent::List);
    }
    None
}

fn create(text: &Text) -> Option<Intent> {
    let email = text.email();
    let name = match text.find_any(NAME_MARKERS, 0) {
        Some((_, end)) => text.value_after(end - 1, STOPS),
        // "Ajoute le client Jean Dupont avec …", "Add a client Jean Dupont with …"
        None => {
            let (_, end) = text.find_any(&[" client ", " cliente "], 0)?;
            text.value_after(end - 1, STOPS)
        }
    }?;
    if name.contains('@') {
        return None;
    }
    let phone = text
        .find_any(&[" telephone ", " tel ", " phone ", " numero "], 0)
        .and_then(|(_, end)| text.value_after(end - 1, STOPS));
    let company = text.has(&[" societe", " entreprise", " company", " label "]);
    Some(Intent::Create {
        name,
        email,
        phone,
        company,
    })
}

fn rename(text: &Text) -> Option<Intent> {
    let (_, end) = text.find_any(
        &[
            " renomme ",
            " renommer ",
            " rename ",
            " change le nom de ",
            " change the name of ",
        ],
        0,
    )?;
    let start = text
        .find_any(
            &[" le client ", " la cliente ", " client ", " the client "],
            end - 1,
        )
        .filter(|&(s, _)| s == end - 1);
    let start = start.map_or(end - 1, |(_, e)| e - 1);
    let (sep_start, sep_end) = text.find_any(&[" en ", " to ", " as ", " => ", " -> "], start)?;
    let client = clean(&text.slice(start, sep_start))?;
    let name = text.value_after(sep_end - 1, &["?", "!"])?;
    Some(Intent::Rename { client, name })
}

fn change_email(text: &Text) -> Option<Intent> {
    let email = text.email()?;
    if !text.has(&[
        " change",
        " modifie",
        " met a jour",
        " mets a jour",
        " update",
        " set ",
        " remplace",
    ]) {
        return None;
    }
    // "l'email de Cache Test en x@y", "the email of Cache Test to x@y", "Cache Test's email to x@y"
    let client = if let Some((_, end)) = text.find_any(
        &[
            "mail de ",
            "mail du client ",
            "mail of ",
            "mail for ",
            "adresse de ",
        ],
        0,
    ) {
        let (stop, _) = text.find_any(
            &[" en ", " to ", " pour ", " par ", " a ", ":", " -> "],
            end - 1,
        )?;
        clean(&text.slice(end, stop))?
    } else {
        let (possessive, _) = text.find_any(&["'s email", "'s e-mail"], 0)?;
        let (_, verb_end) = text.find_any(&[" update ", " change ", " set "], 0)?;
        clean(&text.slice(verb_end, possessive))?
    };
    let client = client
        .trim_start_matches("client ")
        .trim_start_matches("the client ")
        .to_owned();
    Some(Intent::ChangeEmail { client, email })
}

#[cfg(test)]
mod tests {
    use super::*;

    fn today() -> Date {
        Date::new(2026, 11, 26).unwrap()
    }

    fn create(name: &str, email: Option<&str>) -> Option<Intent> {
        Some(Intent::Create {
            name: name.into(),
            email: email.map(Into::into),
            phone: None,
            company: false,
        })
    }

    #[test]
    fn french_creation_requests() {
        let expected = create("Cache Test", Some("cache-test@example.com"));
        assert_eq!(
            parse(
                "Crée un nouveau client avec email cache-test@example.com et nom Cache Test",
                today()
            ),
            expected
        );
        assert_eq!(
            parse(
                "Ajoute le client Cache Test avec l'email cache-test@example.com",
                today()
            ),
            expected
        );
        assert_eq!(
            parse(
                "crée un client nommé « Cache Test », email cache-test@example.com.",
                today()
            ),
            expected
        );
        assert_eq!(
            parse("Créer une nouvelle cliente appelée Élodie Crème", today()),
            create("Élodie Crème", None)
        );
    }

    #[test]
    fn english_creation_requests() {
        let expected = create("Cache Test", Some("cache-test@example.com"));
        assert_eq!(
            parse(
                "Add a client named Cache Test with email cache-test@example.com",
                today()
            ),
            expected
        );
        assert_eq!(
            parse(
                "Create a new client with email cache-test@example.com and name Cache Test",
                today()
            ),
            expected
        );
        assert_eq!(
            parse("add client Cache Test", today()),
            create("Cache Test", None)
        );
    }

    #[test]
    fn a_creation_with_phone_and_company() {
        assert_eq!(
            parse(
                "Add a company client named Blue Note Records with phone +33 1 23 45 67 89",
                today()
            ),
            Some(Intent::Create {
                name: "Blue Note Records".into(),
                email: None,
                phone: Some("+33 1 23 45 67 89".into()),
                company: true
            })
        );
    }

    #[test]
    fn renames_in_both_languages() {
        let expected = Some(Intent::Rename {
            client: "Cache Test".into(),
            name: "Cache Prod".into(),
        });
        assert_eq!(
            parse("Renomme le client Cache Test en Cache Prod", today()),
            expected
        );
        assert_eq!(parse("Rename Cache Test to Cache Prod", today()), expected);
    }

    #[test]
    fn email_changes_in_both_languages() {
        let expected = Some(Intent::ChangeEmail {
            client: "Cache Test".into(),
            email: "new@example.com".into(),
        });
        assert_eq!(
            parse("Change l'email de Cache Test en new@example.com", today()),
            expected
        );
        assert_eq!(
            parse("Change the email of Cache Test to new@example.com", today()),
            expected
        );
        assert_eq!(
            parse("Update Cache Test's email to new@example.com", today()),
            expected
        );
    }

    #[test]
    fn searches_lists_and_counts() {
        assert_eq!(
            parse("Cherche le client Martin", today()),
            Some(Intent::Search {
                query: "Martin".into()
            })
        );
        assert_eq!(
            parse("find Martin", today()),
            Some(Intent::Search {
                query: "Martin".into()
            })
        );
        assert_eq!(parse("Liste les clients", today()), Some(Intent::List));
        assert_eq!(parse("show me all clients", today()), Some(Intent::List));
        assert_eq!(
            parse("Combien de clients avons-nous ?", today()),
            Some(Intent::Count)
        );
        assert_eq!(
            parse("How many clients do we have?", today()),
            Some(Intent::Count)
        );
    }

    #[test]
    fn nonsense_is_not_an_intent() {
        assert_eq!(parse("Quel temps fait-il ?", today()), None);
        assert_eq!(parse("", today()), None);
    }
}
