//! The words for every [`Problem`], in French and English: the one catalogue the API body, the SPA and the
//! assistant all word errors with.

use std::collections::BTreeMap;

use crate::{FieldProblem, Locale, Money, Problem};

/// How sentences name one entity of a resource.
struct Noun {
    fr: &'static str,
    fr_plural: &'static str,
    feminine: bool,
    en: &'static str,
    en_plural: &'static str,
}

/// Each resource's noun (a table looked through rather than a `match`, as `FIELD_LABELS`).
const NOUNS: &[(&str, Noun)] = &[
    (
        "clients",
        Noun {
            fr: "client",
            fr_plural: "clients",
            feminine: false,
            en: "client",
            en_plural: "clients",
        },
    ),
    (
        "rooms",
        Noun {
            fr: "salle",
            fr_plural: "salles",
            feminine: true,
            en: "room",
            en_plural: "rooms",
        },
    ),
    (
        "equipment",
        Noun {
            fr: "équipement",
            fr_plural: "équipements",
            feminine: false,
            en: "item",
            en_plural: "items",
        },
    ),
    (
        "sessions",
        Noun {
            fr: "session",
            fr_plural: "sessions",
            feminine: true,
            en: "session",
            en_plural: "sessions",
        },
    ),
    (
        "settings",
        Noun {
            fr: "réglage",
            fr_plural: "réglages",
            feminine: false,
            en: "setting",
            en_plural: "settings",
        },
    ),
    (
        "invoices",
        Noun {
            fr: "facture",
            fr_plural: "factures",
            feminine: true,
            en: "invoice",
            en_plural: "invoices",
        },
    ),
    (
        "payments",
        Noun {
            fr: "paiement",
            fr_plural: "paiements",
            feminine: false,
            en: "payment",
            en_plural: "payments",
        },
    ),
    (
        "projects",
        Noun {
            fr: "projet",
            fr_plural: "projets",
            feminine: false,
            en: "project",
            en_plural: "projects",
        },
    ),
    (
        "tracks",
        Noun {
            fr: "morceau",
            fr_plural: "morceaux",
            feminine: false,
            en: "track",
            en_plural: "tracks",
        },
    ),
    (
        "quotes",
        Noun {
            fr: "devis",
            fr_plural: "devis",
            feminine: false,
            en: "quote",
            en_plural: "quotes",
        },
    ),
    (
        "conversations",
        Noun {
            fr: "conversation",
            fr_plural: "conversations",
            feminine: true,
            en: "conversation",
            en_plural: "conversations",
        },
    ),
];

fn noun(resource: &str) -> &'static Noun {
    const ITEM: Noun = Noun {
        fr: "élément",
        fr_plural: "éléments",
        feminine: false,
        en: "item",
        en_plural: "items",
    };
    NOUNS
        .iter()
        .find(|(name, _)| *name == resource)
        .map_or(&ITEM, |(_, noun)| noun)
}

/// What one entity of `resource` is called: "client" / "salle" / "room".
pub fn resource_noun(resource: &str, locale: Locale) -> &'static str {
    let noun = noun(resource);
    match locale {
        Locale::Fr => noun.fr,
        Locale::En => noun.en,
    }
}

impl Noun {
    /// "ce client", "cette salle", "cet équipement".
    fn this_fr(&self) -> String {
        let article = if self.feminine {
            "cette"
        } else if starts_with_vowel(self.fr) {
            "cet"
        } else {
            "ce"
        };
        format!("{article} {}", self.fr)
    }

    /// "un autre client", "une autre salle".
    fn another_fr(&self) -> String {
        let article = if self.feminine {
            "une autre"
        } else {
            "un autre"
        };
        format!("{article} {}", self.fr)
    }

    /// "de client", "d'équipement".
    fn of_fr(&self) -> String {
        if starts_with_vowel(self.fr) {
            format!("d'{}", self.fr)
        } else {
            format!("de {}", self.fr)
        }
    }

    fn e(&self) -> &'static str {
        if self.feminine { "e" } else { "" }
    }
}

fn starts_with_vowel(word: &str) -> bool {
    word.starts_with(['a', 'e', 'i', 'o', 'u', 'é', 'è', 'h'])
}

/// How a field is named in a sentence.
pub fn field_label(field: &str, locale: Locale) -> &'static str {
    // "lines.2.quantity" is named by its last part.
    let field = field.rsplit('.').next().unwrap_or(field);
    let (_, fr, en) = FIELD_LABELS
        .iter()
        .find(|(name, ..)| *name == field)
        .unwrap_or(&("", "valeur", "value"));
    crate::pick(locale, fr, en)
}

/// Each field's name in the API, and what it is called in French and in English. (A table looked through rather
/// than a `match`: the same words, ≈ 0.5 KB less of the SPA's gzipped wasm.)
const FIELD_LABELS: &[(&str, &str, &str)] = &[
    ("name", "nom", "name"),
    ("email", "adresse e-mail", "email"),
    ("phone", "téléphone", "phone number"),
    ("notes", "notes", "notes"),
    ("kind", "type", "type"),
    ("hourly_rate", "tarif horaire", "hourly rate"),
    ("half_day_rate", "tarif demi-journée", "half-day rate"),
    ("day_rate", "tarif journée", "day rate"),
    ("capacity", "capacité", "capacity"),
    ("colour", "couleur", "colour"),
    ("category", "catégorie", "category"),
    ("brand", "marque", "brand"),
    ("model", "modèle", "model"),
    ("serial_number", "numéro de série", "serial number"),
    ("status", "statut", "status"),
    ("version", "version", "version"),
    ("condition", "état", "condition"),
    ("room_id", "salle", "room"),
    ("room", "salle", "room"),
    ("client_id", "client", "client"),
    ("client", "client", "client"),
    ("title", "titre", "title"),
    ("engineer", "ingénieur", "engineer"),
    ("start", "début", "start"),
    ("from", "début", "start"),
    ("end", "fin", "end"),
    ("to", "fin", "end"),
    ("limit", "limite", "limit"),
    ("message", "message", "message"),
    ("display_name", "nom affiché", "display name"),
    ("artist", "artiste", "artist"),
    ("budget", "budget", "budget"),
    ("starts_on", "date de début", "start date"),
    ("due_on", "échéance", "due date"),
    ("number", "numéro", "number"),
    ("duration", "durée", "duration"),
    ("bpm", "tempo", "tempo"),
    ("key", "tonalité", "key"),
    ("description", "description", "description"),
    ("quantity", "quantité", "quantity"),
    ("unit_price", "prix unitaire", "unit price"),
    ("vat_rate", "taux de TVA", "VAT rate"),
    ("lines", "lignes", "lines"),
    ("amount", "montant", "amount"),
    ("reference", "référence", "reference"),
    ("invoice_id", "facture", "invoice"),
    ("legal_name", "raison sociale", "legal name"),
    ("address", "adresse", "address"),
    ("siret", "SIRET", "SIRET"),
    ("vat_number", "numéro de TVA", "VAT number"),
    (
        "default_vat_rate",
        "taux de TVA par défaut",
        "default VAT rate",
    ),
    ("currency", "devise", "currency"),
    ("time_zone", "fuseau horaire", "time zone"),
    ("opens_at", "heure d'ouverture", "opening time"),
    ("closes_at", "heure de fermeture", "closing time"),
    ("payment_terms_days", "délai de paiement", "payment terms"),
    ("invoice_footer", "pied de facture", "invoice footer"),
    ("issued_on", "date d'émission", "issue date"),
    ("paid", "payé", "paid"),
    ("paid_on", "date de paiement", "payment date"),
    ("method", "moyen de paiement", "payment method"),
    ("valid_until", "valable jusqu'au", "valid until"),
    ("price", "prix", "price"),
    ("active", "active", "active"),
    ("bookable", "réservable", "bookable"),
    ("vat_exempt", "franchise en base de TVA", "VAT exemption"),
    ("tracks", "morceaux", "tracks"),
];

/// The catalogue's `text` with a capital first letter. Its words are French and English: their letters are
/// Latin-1's, whose capitals are 32 code points lower. (Unicode's full case tables, which `char::to_uppercase`
/// brings, would weigh 12 KB in the SPA's wasm.)
fn capitalized(text: &str) -> String {
    let mut chars = text.chars();
    match chars.next() {
        Some(first) => std::iter::once(capital(first)).chain(chars).collect(),
        None => String::new(),
    }
}

fn capital(letter: char) -> char {
    match letter {
        'a'..='z' | 'à'..='ö' | 'ø'..='þ' => {
            char::from_u32(letter as u32 - 32).unwrap_or(letter)
        }
        _ => letter,
    }
}

/// The sentence for one invalid field.
pub fn field_problem(field: &str, problem: &FieldProblem, locale: Locale) -> String {
    let label = field_label(field, locale);
    let (fr, en) = match problem {
        FieldProblem::Required => (
            format!("Le champ « {label} » est obligatoire."),
            format!("{} is required.", capitalized(label)),
        ),
        FieldProblem::TooLong { max } => (
            format!("Le champ « {label} » est trop long : {max} caractères au plus."),
            format!(
                "{} is too long: at most {max} characters.",
                capitalized(label)
            ),
        ),
        FieldProblem::OutOfRange { min, max } => {
            // A VAT rate is kept in hundredths of a percent, and said as a percentage.
            let rate = field.ends_with("vat_rate");
            let bound = |n: i64| match u32::try_from(n) {
                Ok(hundredths) if rate => crate::invoices::rate_text(hundredths, locale),
                _ => n.to_string(),
            };
            let (min, max) = (bound(*min), bound(*max));
            (
                format!("Le champ « {label} » doit être compris entre {min} et {max}."),
                format!("{} must be between {min} and {max}.", capitalized(label)),
            )
        }
        FieldProblem::AmountTooLarge { max } => (
            format!(
                "Le champ « {label} » est trop grand : {} au plus.",
                Money(*max).plain(locale)
            ),
            format!(
                "{} is too large: at most {}.",
                capitalized(label),
                Money(*max).plain(locale)
            ),
        ),
        FieldProblem::NotAnAmount { value } => (
            format!("« {value} » n'est pas un montant (par exemple 180 ou 180,50)."),
            format!("“{value}” is not an amount (e.g. 180 or 180.50)."),
        ),
        FieldProblem::NegativeAmount => (
            format!("Le champ « {label} » ne peut pas être négatif."),
            format!("{} cannot be negative.", capitalized(label)),
        ),
        FieldProblem::NotPositive => (
            format!("Le champ « {label} » doit être supérieur à zéro."),
            format!("{} must be more than zero.", capitalized(label)),
        ),
        FieldProblem::NotAnEmail { value } => (
            format!(
                "« {value} » n'est pas une adresse e-mail valide (par exemple nom@exemple.fr)."
            ),
            format!(
                "“{value}” is not a valid email address (expected something like name@example.com)."
            ),
        ),
        FieldProblem::NotAPhone { value } => (
            format!(
                "« {value} » n'est pas un numéro de téléphone : chiffres, espaces et + - ( ) . seulement."
            ),
            format!("“{value}” is not a phone number: digits, spaces and + - ( ) . only."),
        ),
        FieldProblem::NotAColour { value } => (
            format!("« {value} » n'est pas une couleur comme #5b3df5."),
            format!("“{value}” is not a colour like #5b3df5."),
        ),
        FieldProblem::NotATimeZone { value } => (
            format!("« {value} » n'est pas un fuseau horaire IANA (par exemple Europe/Paris)."),
            format!("“{value}” is not an IANA time zone (e.g. Europe/Paris)."),
        ),
        FieldProblem::UnknownCurrency { value } => (
            format!(
                "« {value} » n'est pas une devise prise en charge ({}).",
                crate::money::CURRENCIES.join(", ")
            ),
            format!(
                "“{value}” is not a supported currency ({}).",
                crate::money::CURRENCIES.join(", ")
            ),
        ),
        FieldProblem::NotATime { value } => (
            format!("« {value} » n'est pas une heure (HH:MM)."),
            format!("“{value}” is not a time (HH:MM)."),
        ),
        FieldProblem::NotADate { value } => (
            format!("« {value} » n'est pas une date (AAAA-MM-JJ)."),
            format!("“{value}” is not a date (YYYY-MM-DD)."),
        ),
        FieldProblem::NotANumber { value } => (
            format!("« {value} » n'est pas un nombre."),
            format!("“{value}” is not a number."),
        ),
        FieldProblem::NotASiret { value } => (
            format!("« {value} » n'est pas un SIRET : 14 chiffres."),
            format!("“{value}” is not a SIRET number: 14 digits."),
        ),
        FieldProblem::ClosesBeforeOpens => (
            "L'heure de fermeture doit suivre l'heure d'ouverture.".to_owned(),
            "The closing time must be after the opening time.".to_owned(),
        ),
        FieldProblem::HalfDayAboveDay => (
            "Une demi-journée ne peut pas coûter plus qu'une journée.".to_owned(),
            "A half day cannot cost more than a day.".to_owned(),
        ),
        FieldProblem::NoLines => (
            "Une facture s'émet avec au moins une ligne.".to_owned(),
            "An invoice is issued with at least one line.".to_owned(),
        ),
        FieldProblem::NothingToInvoice => (
            "Aucune session de cette période ne reste à facturer.".to_owned(),
            "No session of that period is left to invoice.".to_owned(),
        ),
        FieldProblem::VatWhileExempt => (
            "Le studio est exonéré de TVA (art. 293 B du CGI) : le taux est 0.".to_owned(),
            "The studio is VAT-exempt: the rate is 0.".to_owned(),
        ),
        FieldProblem::NoSuch { resource, value } => {
            let noun = noun(resource);
            (
                format!("Il n'y a pas {} « {value} ».", noun.of_fr()),
                format!("There is no {} “{value}”.", noun.en),
            )
        }
        FieldProblem::NotBookable { room } => (
            format!(
                "La salle {room} ne peut pas être réservée : elle est inactive ou non réservable."
            ),
            format!("The room {room} cannot be booked: it is inactive or not bookable."),
        ),
        FieldProblem::EndBeforeStart => (
            "La fin doit être après le début.".to_owned(),
            "The end must be after the start.".to_owned(),
        ),
        FieldProblem::TooLongSession { max_hours } => (
            format!(
                "Une session dure au plus {} ; réservez plusieurs sessions pour un travail plus long.",
                duration_fr(*max_hours)
            ),
            format!(
                "A session lasts at most {}; book several sessions for longer work.",
                duration_en(*max_hours)
            ),
        ),
        FieldProblem::TooShortSession { min_minutes } => (
            format!("Une session dure au moins {min_minutes} minutes."),
            format!("A session lasts at least {min_minutes} minutes."),
        ),
        FieldProblem::NotOnTheMinute => (
            "Les heures se donnent en minutes entières, sans secondes.".to_owned(),
            "Times are whole minutes, without seconds.".to_owned(),
        ),
        FieldProblem::OutsideBookingWindow { from, to } => (
            format!("Les sessions se réservent entre le {from} et le {to}."),
            format!("Sessions are booked between {from} and {to}."),
        ),
        FieldProblem::RangeTooWide { max_days } => (
            format!("La période couvre au plus {max_days} jours."),
            format!("The period covers at most {max_days} days."),
        ),
        FieldProblem::RangeRequired => (
            "Indiquez le début et la fin de la période (from et to).".to_owned(),
            "Give the start and the end of the period (from and to).".to_owned(),
        ),
        FieldProblem::BadCursor => (
            "Ce curseur ne vient pas de l'API ; repartez de la première page.".to_owned(),
            "This cursor is not one the API returned; start from the first page.".to_owned(),
        ),
        // Not one of ours, so named as sent.
        FieldProblem::UnknownField => (
            format!("« {field} » n'est pas un champ de cette requête."),
            format!("“{field}” is not a field of this request."),
        ),
        FieldProblem::Unreadable => (
            format!("La valeur de « {label} » n'a pas la forme attendue."),
            format!("The value of {label} is not of the expected kind."),
        ),
        FieldProblem::BadToken => (
            "Cet identifiant doit faire de 1 à 64 lettres, chiffres, - ou _.".to_owned(),
            "This id must be 1 to 64 letters, digits, - or _.".to_owned(),
        ),
        FieldProblem::SkippedTime { value, zone } => (
            format!(
                "{value} n'existe pas dans le fuseau {zone} : on avance l'heure cette nuit-là."
            ),
            format!("{value} does not exist in {zone}: the clocks go forward that night."),
        ),
    };
    crate::pick(locale, fr, en)
}

fn duration_fr(hours: i64) -> String {
    if hours % 24 == 0 {
        format!("{} jours", hours / 24)
    } else {
        format!("{hours} heures")
    }
}

fn duration_en(hours: i64) -> String {
    if hours % 24 == 0 {
        format!("{} days", hours / 24)
    } else {
        format!("{hours} hours")
    }
}

/// Field → sentence for each invalid field.
pub fn validation_sentences(
    problems: &BTreeMap<String, FieldProblem>,
    locale: Locale,
) -> BTreeMap<String, String> {
    problems
        .iter()
        .map(|(field, p)| (field.clone(), field_problem(field, p, locale)))
        .collect()
}

/// The sentence for invalid fields: each field's, one after the other.
pub fn validation(problems: &BTreeMap<String, FieldProblem>, locale: Locale) -> String {
    let sentences: Vec<String> = problems
        .iter()
        .map(|(field, p)| field_problem(field, p, locale))
        .collect();
    joined(sentences.iter().map(String::as_str))
}

/// Sentences one after the other, as one. (The SPA words its own refusals with this and `field_problem` alone,
/// so the rest of the catalogue, which only the API needs, stays out of its wasm.)
pub fn joined<'a>(sentences: impl IntoIterator<Item = &'a str>) -> String {
    sentences.into_iter().collect::<Vec<_>>().join(" ")
}

/// Field → sentence, for the fields a problem is about (empty when it is about none).
pub fn field_sentences(problem: &Problem, locale: Locale) -> BTreeMap<String, String> {
    match problem {
        Problem::Validation { problems } => validation_sentences(problems, locale),
        Problem::Duplicate { field, .. } => {
            let mut sentences = BTreeMap::new();
            sentences.insert(field.clone(), self::problem(problem, locale));
            sentences
        }
        _ => BTreeMap::new(),
    }
}

/// The sentence for a whole problem.
pub fn problem(problem: &Problem, locale: Locale) -> String {
    let (fr, en) = match problem {
        Problem::Validation { problems } => {
            let all = validation(problems, locale);
            (all.clone(), all)
        }
        Problem::NotFound { resource, .. } => {
            let noun = noun(resource);
            (
                format!("{} n'existe pas (ou plus).", capitalized(&noun.this_fr())),
                format!("This {} does not exist (or no longer does).", noun.en),
            )
        }
        Problem::Duplicate {
            resource,
            field,
            value,
        } => {
            let noun = noun(resource);
            let another = capitalized(&noun.another_fr());
            match field.as_str() {
                "name" => (
                    format!("{another} s'appelle déjà « {value} »."),
                    format!("Another {} is already called “{value}”.", noun.en),
                ),
                "email" => (
                    format!("{another} utilise déjà l'adresse {value}."),
                    format!("Another {} already uses the email {value}.", noun.en),
                ),
                other => (
                    format!(
                        "{another} a déjà la valeur « {value} » ({}).",
                        field_label(other, Locale::Fr)
                    ),
                    format!(
                        "Another {} already has the {} “{value}”.",
                        noun.en,
                        field_label(other, Locale::En)
                    ),
                ),
            }
        }
        Problem::Conflict { resource, .. } => {
            let noun = noun(resource);
            (
                format!(
                    "{} a été modifié{} par quelqu'un d'autre depuis que vous l'avez ouvert{} ; rechargez et réessayez.",
                    capitalized(&noun.this_fr()),
                    noun.e(),
                    noun.e()
                ),
                format!(
                    "This {} was changed by someone else since you loaded it; reload and try again.",
                    noun.en
                ),
            )
        }
        Problem::InUse {
            resource,
            dependents,
        } => {
            let (noun, deps) = (noun(resource), self::noun(dependents));
            if resource == "clients" && dependents == "invoices" {
                (
                    "Ce client a des factures : supprimez ses brouillons ; un client qui a des factures émises se conserve."
                        .to_owned(),
                    "This client has invoices: delete its drafts; a client with issued invoices is kept.".to_owned(),
                )
            } else if resource == "invoices" {
                (
                    "Cette facture a des paiements : contre-passez-les avant d'émettre un avoir."
                        .to_owned(),
                    "This invoice has payments: reverse them before issuing a credit note."
                        .to_owned(),
                )
            } else if resource == "rooms" {
                (
                    format!(
                        "Cette salle a des {} ; rendez-la inactive au lieu de la supprimer.",
                        deps.fr_plural
                    ),
                    format!(
                        "This room has {}; mark it inactive instead of deleting it.",
                        deps.en_plural
                    ),
                )
            } else {
                (
                    format!(
                        "{} a des {} ; supprimez-les d'abord.",
                        capitalized(&noun.this_fr()),
                        deps.fr_plural
                    ),
                    format!(
                        "This {} has {}; delete them first.",
                        noun.en, deps.en_plural
                    ),
                )
            }
        }
        Problem::Booked { room, conflicts } => {
            let titles = conflicts
                .iter()
                .map(|c| format!("« {} »", c.title))
                .collect::<Vec<_>>()
                .join(", ");
            let titles_en = conflicts
                .iter()
                .map(|c| format!("“{}”", c.title))
                .collect::<Vec<_>>()
                .join(", ");
            (
                format!("{room} est déjà réservé à ce moment-là : {titles}."),
                format!("{room} is already booked at that time: {titles_en}."),
            )
        }
        Problem::Issued { number } => (
            format!(
                "La facture {number} est émise : elle ne peut plus être modifiée ni supprimée ; émettez un avoir pour l'annuler."
            ),
            format!(
                "Invoice {number} is issued: it can no longer be edited or deleted; issue a credit note to cancel it."
            ),
        ),
        Problem::NotIssued => (
            "Ce brouillon n'est pas émis : supprimez-le plutôt que d'émettre un avoir.".to_owned(),
            "This draft is not issued: delete it rather than issue a credit note.".to_owned(),
        ),
        Problem::AlreadyCancelled { number } => (
            format!("La facture {number} est déjà annulée par un avoir."),
            format!("Invoice {number} is already cancelled by a credit note."),
        ),
        Problem::QuoteState { number, status } => {
            let (fr, en) = match status.as_str() {
                "draft" => (
                    "est un brouillon : envoyez-le d'abord",
                    "is a draft: send it first",
                ),
                "sent" => (
                    "est envoyé : il ne change plus ; il attend d'être accepté ou refusé",
                    "is sent: it no longer changes; it awaits acceptance or rejection",
                ),
                "accepted" => (
                    "est accepté : transformez-le en facture",
                    "is accepted: turn it into an invoice",
                ),
                "invoiced" => ("est déjà facturé", "is already invoiced"),
                "expired" => (
                    "a expiré : faites un nouveau devis",
                    "has expired: make a new quote",
                ),
                _ => (
                    "est refusé : faites un nouveau devis",
                    "was rejected: make a new quote",
                ),
            };
            (
                format!("Le devis {number} {fr}."),
                format!("Quote {number} {en}."),
            )
        }
        Problem::Overpayment { balance, currency } => (
            format!(
                "Ce paiement dépasse ce que la facture doit encore : {} au plus.",
                Money(*balance).display(currency, locale)
            ),
            format!(
                "This payment is more than the invoice still owes: at most {}.",
                Money(*balance).display(currency, locale)
            ),
        ),
        Problem::AlreadyReversed => (
            "Ce paiement est déjà contre-passé.".to_owned(),
            "This payment is already reversed.".to_owned(),
        ),
        Problem::Contended => (
            "Trop de modifications en même temps ; réessayez.".to_owned(),
            "Too many changes at the same time; please try again.".to_owned(),
        ),
        Problem::ChangedSince { resource, .. } => {
            let noun = noun(resource);
            (
                format!(
                    "{} a été modifié{} depuis ; rien n'a été annulé.",
                    capitalized(&noun.this_fr()),
                    noun.e()
                ),
                format!("This {} was changed since; nothing was undone.", noun.en),
            )
        }
        Problem::NotUndoable { resource } => {
            let noun = noun(resource);
            (
                format!("Cette modification ({}) ne peut pas être annulée.", noun.fr),
                format!("This change ({}) cannot be undone.", noun.en),
            )
        }
        Problem::Decided { status } => {
            let (fr, en) = match status.as_str() {
                "confirmed" => ("déjà confirmée", "already confirmed"),
                "cancelled" => ("annulée", "cancelled"),
                _ => ("expirée", "expired"),
            };
            (
                format!("Cette proposition est {fr} ; rien de plus n'a été fait."),
                format!("This proposal is {en}; nothing more was done."),
            )
        }
        Problem::BadRequest { detail } => (
            format!("La requête n'est pas valide : {detail}"),
            format!("The request is not valid: {detail}"),
        ),
        Problem::UnsupportedMediaType => (
            "Envoyez le corps en JSON, avec l'en-tête Content-Type: application/json.".to_owned(),
            "Send the body as JSON with the header Content-Type: application/json.".to_owned(),
        ),
        Problem::NoRoute => (
            "Cette route de l'API n'existe pas.".to_owned(),
            "There is no such API route.".to_owned(),
        ),
        Problem::Unauthenticated => (
            "Connectez-vous pour utiliser Studio.".to_owned(),
            "Sign in to use Studio.".to_owned(),
        ),
        Problem::AssistantCap { limit } => (
            format!(
                "L'assistant a répondu aux {limit} demandes permises aujourd'hui pour ce studio ; réessayez demain."
            ),
            format!(
                "The assistant has answered the {limit} requests allowed today for this studio; try again tomorrow."
            ),
        ),
        Problem::TooLarge { max_bytes } => (
            format!(
                "La requête est trop volumineuse : {} Ko au plus.",
                max_bytes / 1024
            ),
            format!("The request is too large: at most {} KB.", max_bytes / 1024),
        ),
        Problem::Internal => (
            "Un problème est survenu de notre côté ; réessayez.".to_owned(),
            "Something went wrong on our side; please try again.".to_owned(),
        ),
    };
    crate::pick(locale, fr, en)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn a_capital_is_unicodes_for_every_latin_1_letter() {
        for letter in ('a'..='z').chain('à'..='þ').filter(|c| *c != '÷') {
            assert_eq!(
                capital(letter).to_string(),
                letter.to_uppercase().to_string(),
                "{letter}"
            );
        }
        assert_eq!(capitalized("état de l'équipement"), "État de l'équipement");
        assert_eq!(capital('1'), '1');
    }

    fn both(problem: &Problem) -> (String, String) {
        (
            self::problem(problem, Locale::Fr),
            self::problem(problem, Locale::En),
        )
    }

    #[test]
    fn a_duplicate_room_name_reads_right_in_both_languages() {
        let duplicate = Problem::Duplicate {
            resource: "rooms".into(),
            field: "name".into(),
            value: "Studio A".into(),
        };
        assert_eq!(
            both(&duplicate),
            (
                "Une autre salle s'appelle déjà « Studio A ».".to_owned(),
                "Another room is already called “Studio A”.".to_owned()
            )
        );
    }

    #[test]
    fn nouns_agree_in_french() {
        let gone = |resource: &str| {
            problem(
                &Problem::NotFound {
                    resource: resource.into(),
                    id: "X".into(),
                },
                Locale::Fr,
            )
        };
        assert_eq!(gone("clients"), "Ce client n'existe pas (ou plus).");
        assert_eq!(gone("rooms"), "Cette salle n'existe pas (ou plus).");
        assert_eq!(gone("equipment"), "Cet équipement n'existe pas (ou plus).");
        let stale = Problem::Conflict {
            resource: "sessions".into(),
            id: "X".into(),
        };
        assert!(both(&stale).0.starts_with("Cette session a été modifiée"));
    }

    #[test]
    fn a_vat_rate_out_of_range_is_bounded_in_percent() {
        let problem = FieldProblem::OutOfRange {
            min: 0,
            max: 10_000,
        };
        assert_eq!(
            field_problem("default_vat_rate", &problem, Locale::Fr),
            "Le champ « taux de TVA par défaut » doit être compris entre 0 % et 100 %."
        );
        assert!(
            field_problem("lines.1.vat_rate", &problem, Locale::En)
                .ends_with("between 0 % and 100 %.")
        );
        assert!(field_problem("capacity", &problem, Locale::En).ends_with("between 0 and 10000."));
    }

    fn field_samples() -> Vec<FieldProblem> {
        field_cases().into_iter().map(|(p, _, _)| p).collect()
    }

    fn field_cases() -> Vec<(FieldProblem, &'static str, &'static str)> {
        vec![
            (FieldProblem::Required, "obligatoire", "required"),
            (FieldProblem::TooLong { max: 200 }, "200", "200"),
            (
                FieldProblem::OutOfRange { min: 1, max: 1000 },
                "1000",
                "1000",
            ),
            (
                FieldProblem::AmountTooLarge { max: 100_000_000 },
                "1\u{202f}000\u{202f}000,00",
                "1,000,000.00",
            ),
            (
                FieldProblem::NotAnAmount {
                    value: "abc".into(),
                },
                "abc",
                "abc",
            ),
            (FieldProblem::NegativeAmount, "négatif", "negative"),
            (
                FieldProblem::NotPositive,
                "supérieur à zéro",
                "more than zero",
            ),
            (
                FieldProblem::NotAnEmail {
                    value: "nope".into(),
                },
                "nope",
                "nope",
            ),
            (
                FieldProblem::NotAPhone {
                    value: "call".into(),
                },
                "call",
                "call",
            ),
            (
                FieldProblem::NotAColour {
                    value: "red".into(),
                },
                "red",
                "red",
            ),
            (
                FieldProblem::NotATimeZone {
                    value: "Mars/Base".into(),
                },
                "Mars/Base",
                "Mars/Base",
            ),
            (
                FieldProblem::UnknownCurrency {
                    value: "XYZ".into(),
                },
                "XYZ",
                "XYZ",
            ),
            (
                FieldProblem::NotATime {
                    value: "25:00".into(),
                },
                "25:00",
                "25:00",
            ),
            (
                FieldProblem::NotADate {
                    value: "31/02".into(),
                },
                "AAAA",
                "YYYY",
            ),
            (
                FieldProblem::NotANumber {
                    value: "abc".into(),
                },
                "nombre",
                "number",
            ),
            (
                FieldProblem::NotASiret {
                    value: "123".into(),
                },
                "14 chiffres",
                "14 digits",
            ),
            (FieldProblem::ClosesBeforeOpens, "fermeture", "closing"),
            (FieldProblem::HalfDayAboveDay, "demi-journée", "half day"),
            (FieldProblem::NoLines, "ligne", "line"),
            (FieldProblem::NothingToInvoice, "facturer", "invoice"),
            (FieldProblem::VatWhileExempt, "293 B", "VAT-exempt"),
            (
                FieldProblem::NoSuch {
                    resource: "rooms".into(),
                    value: "Z".into(),
                },
                "pas de salle « Z »",
                "no room “Z”",
            ),
            (
                FieldProblem::NotBookable {
                    room: "Studio B".into(),
                },
                "Studio B",
                "Studio B",
            ),
            (FieldProblem::EndBeforeStart, "fin", "end"),
            (
                FieldProblem::TooLongSession { max_hours: 168 },
                "7 jours",
                "7 days",
            ),
            (
                FieldProblem::TooShortSession { min_minutes: 15 },
                "15 minutes",
                "15 minutes",
            ),
            (FieldProblem::NotOnTheMinute, "minutes", "minutes"),
            (
                FieldProblem::OutsideBookingWindow {
                    from: "2020-01-01".into(),
                    to: "2036-12-31".into(),
                },
                "2036-12-31",
                "2036-12-31",
            ),
            (
                FieldProblem::RangeTooWide { max_days: 62 },
                "62 jours",
                "62 days",
            ),
            (FieldProblem::RangeRequired, "from et to", "from and to"),
            (FieldProblem::BadCursor, "curseur", "cursor"),
            (FieldProblem::BadToken, "64", "64"),
            (
                FieldProblem::UnknownField,
                "n'est pas un champ",
                "not a field",
            ),
            (FieldProblem::Unreadable, "forme attendue", "expected kind"),
            (
                FieldProblem::SkippedTime {
                    value: "2027-03-28 02:30".into(),
                    zone: "Europe/Paris".into(),
                },
                "on avance l'heure",
                "clocks go forward",
            ),
        ]
    }

    #[test]
    fn every_field_problem_is_worded_in_both_languages_with_its_values() {
        for (problem, fr, en) in field_cases() {
            let (said_fr, said_en) = (
                field_problem("name", &problem, Locale::Fr),
                field_problem("name", &problem, Locale::En),
            );
            assert!(said_fr.contains(fr), "{problem:?} in French: {said_fr}");
            assert!(said_en.contains(en), "{problem:?} in English: {said_en}");
            assert_ne!(said_fr, said_en, "{problem:?} is not translated");
        }
    }

    /// One sample of every problem; the match without a wildcard makes a new code fail to compile here until it
    /// has a sample, so no refusal reaches a user unworded.
    fn samples() -> Vec<Problem> {
        let all = vec![
            Problem::Validation {
                problems: BTreeMap::from([("name".to_owned(), FieldProblem::Required)]),
            },
            Problem::NotFound {
                resource: "rooms".into(),
                id: "01J".into(),
            },
            Problem::Duplicate {
                resource: "clients".into(),
                field: "email".into(),
                value: "a@b.fr".into(),
            },
            Problem::Conflict {
                resource: "clients".into(),
                id: "01J".into(),
            },
            Problem::InUse {
                resource: "clients".into(),
                dependents: "sessions".into(),
            },
            Problem::InUse {
                resource: "clients".into(),
                dependents: "invoices".into(),
            },
            Problem::InUse {
                resource: "invoices".into(),
                dependents: "payments".into(),
            },
            Problem::Booked {
                room: "Studio A".into(),
                conflicts: vec![crate::BookedSlot {
                    session_id: "S".into(),
                    title: "Voix".into(),
                    room_id: "R".into(),
                    start: jiff::Timestamp::UNIX_EPOCH,
                    end: jiff::Timestamp::UNIX_EPOCH,
                }],
            },
            Problem::Issued {
                number: "2026-0004".into(),
            },
            Problem::NotIssued,
            Problem::AlreadyCancelled {
                number: "2026-0004".into(),
            },
            Problem::QuoteState {
                number: "D-2026-0003".into(),
                status: "sent".into(),
            },
            Problem::Overpayment {
                balance: 6_400,
                currency: "EUR".into(),
            },
            Problem::AlreadyReversed,
            Problem::Contended,
            Problem::ChangedSince {
                resource: "sessions".into(),
                id: "01J".into(),
            },
            Problem::NotUndoable {
                resource: "invoices".into(),
            },
            Problem::Decided {
                status: "confirmed".into(),
            },
            Problem::BadRequest {
                detail: "unknown field `nmae`".into(),
            },
            Problem::UnsupportedMediaType,
            Problem::NoRoute,
            Problem::Unauthenticated,
            Problem::TooLarge { max_bytes: 65_536 },
            Problem::AssistantCap { limit: 500 },
            Problem::Internal,
        ];
        for problem in &all {
            match problem {
                Problem::Validation { .. }
                | Problem::NotFound { .. }
                | Problem::Duplicate { .. }
                | Problem::Conflict { .. }
                | Problem::InUse { .. }
                | Problem::Booked { .. }
                | Problem::Issued { .. }
                | Problem::NotIssued
                | Problem::AlreadyCancelled { .. }
                | Problem::QuoteState { .. }
                | Problem::Overpayment { .. }
                | Problem::AlreadyReversed
                | Problem::Contended
                | Problem::ChangedSince { .. }
                | Problem::NotUndoable { .. }
                | Problem::Decided { .. }
                | Problem::BadRequest { .. }
                | Problem::UnsupportedMediaType
                | Problem::NoRoute
                | Problem::Unauthenticated
                | Problem::TooLarge { .. }
                | Problem::AssistantCap { .. }
                | Problem::Internal => {}
            }
        }
        all
    }

    #[test]
    fn every_problem_is_worded_in_both_languages_with_its_values() {
        for problem in samples() {
            let (fr, en) = both(&problem);
            assert!(!fr.is_empty() && !en.is_empty(), "{problem:?}");
            assert_ne!(fr, en, "{problem:?} is not translated");
            for value in ["a@b.fr", "Studio A", "Voix", "nmae", "64", "2026-0004"] {
                let json = serde_json::to_string(&problem).unwrap();
                if json.contains(value) {
                    assert!(
                        fr.contains(value) && en.contains(value),
                        "{problem:?} drops {value}: {fr} / {en}"
                    );
                }
            }
            // English words that would betray an untranslated French sentence.
            for english in [" the ", " is ", " already ", "Another"] {
                assert!(!fr.contains(english), "{problem:?} in French: {fr}");
            }
        }
    }

    #[test]
    fn every_problem_survives_the_trip_over_the_wire() {
        let mut all = samples();
        all.push(Problem::Validation {
            problems: field_samples()
                .into_iter()
                .enumerate()
                .map(|(i, p)| (format!("f{i}"), p))
                .collect(),
        });
        for problem in all {
            let json = serde_json::to_value(&problem).unwrap();
            assert!(json["code"].is_string(), "{json}");
            let back: Problem = serde_json::from_value(json.clone()).unwrap();
            assert_eq!(back, problem, "{json}");
        }
    }
}
