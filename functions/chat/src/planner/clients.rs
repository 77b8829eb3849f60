//! Client sentences: create, rename, change an email, search, list, count — the `clients` tools.

use jiff::civil::Date;

use super::{
    Intent,
    text::{Text, clean},
};

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
pub const CREATE_VERBS: &[&str] = &[
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

/// "Combien de clients ?", "how many clients": the count word right before "client(s)", so that "combien de
/// sessions a le client Martin" is not read as counting clients.
pub fn count(text: &Text, _: Date) -> Option<Intent> {
    text.has(&[
        " combien de client",
        " combien de cliente",
        " nombre de client",
        " how many client",
        " count the client",
        " count client",
        " count my client",
    ])
    .then_some(Intent::CountClients)
}

/// "Cherche Martin", "find Martin".
pub fn search(text: &Text, _: Date) -> Option<Intent> {
    let (_, end) = text.find_any(
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
    )?;
    let start = text
        .find_any(
            &[" le client ", " la cliente ", " client ", " the client "],
            end - 1,
        )
        .map_or(end, |(_, e)| e);
    text.value_after(start, &["?", "!"])
        .map(|query| Intent::SearchClients { query })
}

/// "Liste les clients", "show me all clients".
pub fn list(text: &Text, _: Date) -> Option<Intent> {
    let asks = text.has(&[
        " liste",
        " list ",
        " montre",
        " affiche",
        " show ",
        " quels sont",
        " which are",
        " all clients",
        " tous les clients",
    ]);
    (asks && text.has(&[" client"])).then_some(Intent::ListClients)
}

/// "Crée un client nommé Léa Martin avec l'email lea@example.com".
pub fn create(text: &Text, _: Date) -> Option<Intent> {
    const COMPANY: &[&str] = &[
        " la societe ",
        " une societe ",
        " the company ",
        " a company ",
    ];
    if !(text.has(CREATE_VERBS) && (text.has(&[" client"]) || text.has(COMPANY))) {
        return None;
    }
    let email = text.email();
    let name = match text.find_any(NAME_MARKERS, 0) {
        Some((_, end)) => text.value_after(end - 1, STOPS),
        // "Ajoute le client Jean Dupont avec …", "Add a client Jean Dupont with …", "Crée la société …"
        None => {
            let (_, end) = text
                .find_any(&[" client ", " cliente "], 0)
                .or_else(|| text.find_any(COMPANY, 0))?;
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
    Some(Intent::CreateClient {
        name,
        email,
        phone,
        company,
    })
}

/// "Renomme Léa Martin en Léa Dupont".
pub fn rename(text: &Text, _: Date) -> Option<Intent> {
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
    // "Renomme la salle Studio A en …": a room, said so.
    let room = text
        .find_any(&[" la salle ", " salle ", " the room ", " room "], end - 1)
        .filter(|&(s, _)| s == end - 1);
    let start = text
        .find_any(
            &[" le client ", " la cliente ", " client ", " the client "],
            end - 1,
        )
        .filter(|&(s, _)| s == end - 1)
        .or(room);
    let start = start.map_or(end - 1, |(_, e)| e - 1);
    let (sep_start, sep_end) = text.find_any(&[" en ", " to ", " as ", " => ", " -> "], start)?;
    let named = clean(&text.slice(start, sep_start))?;
    let name = text.value_after(sep_end - 1, &["?", "!"])?;
    Some(match room {
        Some(_) => Intent::RenameRoom { room: named, name },
        None => Intent::RenameClient {
            client: named,
            name,
        },
    })
}

/// "Change le téléphone de Léa Martin en 06 12 34 56 78", "Change Lea Martin's phone to +33 6 12 34 56 78".
pub fn change_phone(text: &Text, _: Date) -> Option<Intent> {
    let of = [
        " telephone de ",
        " tel de ",
        " numero de ",
        " phone of ",
        " phone number of ",
    ];
    let separators = [" en ", " to ", " : "];
    let (name_start, name_end) = match text.find_any(&of, 0) {
        // "le téléphone de Léa Martin en …", "the phone of Lea Martin to …"
        Some((_, end)) => (end - 1, text.find_any(&separators, end - 1)?.0),
        // "Lea Martin's phone to …"
        None => {
            let (at, _) = text.find_any(&["'s phone"], 0)?;
            let verb = text.find_any(&[" change ", " set ", " update "], 0)?.1 - 1;
            (verb, at)
        }
    };
    let (_, after) = text.find_any(&separators, name_end)?;
    let client = clean(&text.slice(name_start, name_end))?;
    let phone = clean(&text.slice(after, usize::MAX))?;
    let digits = phone.chars().filter(char::is_ascii_digit).count();
    (digits >= 6
        && phone
            .chars()
            .all(|c| c.is_ascii_digit() || " +.-()".contains(c)))
    .then_some(Intent::ChangeClientPhone { client, phone })
}

/// "Change l'email de Léa Martin en lea@studio.fr".
pub fn change_email(text: &Text, _: Date) -> Option<Intent> {
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
    Some(Intent::ChangeClientEmail { client, email })
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::planner::parse;

    fn today() -> Date {
        Date::new(2026, 11, 26).unwrap()
    }

    fn create(name: &str, email: Option<&str>) -> Option<Intent> {
        Some(Intent::CreateClient {
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
            Some(Intent::CreateClient {
                name: "Blue Note Records".into(),
                email: None,
                phone: Some("+33 1 23 45 67 89".into()),
                company: true
            })
        );
    }

    #[test]
    fn renames_in_both_languages() {
        let expected = Some(Intent::RenameClient {
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
        let expected = Some(Intent::ChangeClientEmail {
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
            Some(Intent::SearchClients {
                query: "Martin".into()
            })
        );
        assert_eq!(
            parse("find Martin", today()),
            Some(Intent::SearchClients {
                query: "Martin".into()
            })
        );
        assert_eq!(
            parse("Liste les clients", today()),
            Some(Intent::ListClients)
        );
        assert_eq!(
            parse("show me all clients", today()),
            Some(Intent::ListClients)
        );
        assert_eq!(
            parse("Combien de clients avons-nous ?", today()),
            Some(Intent::CountClients)
        );
        assert_eq!(
            parse("How many clients do we have?", today()),
            Some(Intent::CountClients)
        );
    }

    #[test]
    fn counting_one_client_s_sessions_is_not_counting_clients() {
        assert_ne!(
            parse("Combien de sessions a le client Martin ?", today()),
            Some(Intent::CountClients)
        );
    }

    #[test]
    fn nonsense_is_not_an_intent() {
        assert_eq!(parse("Quel temps fait-il ?", today()), None);
        assert_eq!(parse("", today()), None);
    }
}
