//! The offline planner: a `ChatModel` without an LLM. It turns the common requests of a studio's day, in French
//! or English, into the same tool calls an LLM would make, and words its reply from the tools' results. It is
//! the default when no LLM is configured, and what deterministic tests use.
//!
//! A sentence is read once (`text`), then tried against [`RULES`] in order: the first rule that recognises it
//! wins. The modules mirror the tools they call.

mod clients;
#[cfg(test)]
mod corpus;
mod deletes;
mod equipment;
mod follow_up;
mod invoices;
mod projects;
mod quotes;
mod rooms;
mod sessions;
mod text;

use async_trait::async_trait;
use jiff::civil::Date;
use serde_json::{Map, Value, json};
use studio_wire::{
    EquipmentStatus, Locale, PaymentMethod, ProjectKind, ProjectStatus, TrackStatus,
};

use self::text::Text;
use crate::{
    i18n::pick,
    model::{ChatModel, Message, ModelReply, ProviderError, Round, ToolCall},
};

/// What a sentence asks for, with the arguments of the tool that does it.
#[derive(Debug, Clone, PartialEq, Eq)]
pub enum Intent {
    CreateClient {
        name: String,
        email: Option<String>,
        phone: Option<String>,
        company: bool,
    },
    RenameClient {
        client: String,
        name: String,
    },
    RenameRoom {
        room: String,
        name: String,
    },
    /// A new room and its hourly rate (as typed).
    CreateRoom {
        name: String,
        hourly_rate: String,
    },
    RoomRate {
        room: String,
        hourly_rate: String,
    },
    ChangeClientPhone {
        client: String,
        phone: String,
    },
    /// A new piece of equipment, its category from the word that named its kind.
    CreateEquipment {
        name: String,
        category: &'static str,
    },
    /// A piece of equipment put in a room.
    PlaceEquipment {
        equipment: String,
        room: String,
    },
    ChangeClientEmail {
        client: String,
        email: String,
    },
    SearchClients {
        query: String,
    },
    ListClients,
    CountClients,
    Book {
        room: String,
        client: String,
        /// Local ISO date-time; `end` a local time the same day.
        start: String,
        end: String,
    },
    Move {
        client: String,
        on: Option<Date>,
        start: String,
        end: Option<String>,
    },
    Cancel {
        client: String,
        on: Option<Date>,
    },
    /// An upcoming session named by its title.
    CancelTitled {
        title: String,
    },
    /// The one session of a day, whoever's it is.
    CancelOn {
        on: Date,
    },
    /// A client's session moved by some minutes (negative: earlier).
    Shift {
        client: String,
        on: Option<Date>,
        minutes: i64,
    },
    /// A client's session made longer (negative: shorter), its start kept.
    Extend {
        client: String,
        on: Option<Date>,
        minutes: i64,
    },
    /// The equipment in one status.
    EquipmentIn {
        status: EquipmentStatus,
    },
    SetEquipmentStatus {
        equipment: String,
        status: EquipmentStatus,
    },
    Availability {
        room: String,
        day: Date,
    },
    /// The sessions between two days (none: the coming days), optionally one client's or one room's.
    Sessions {
        from: Option<Date>,
        to: Option<Date>,
        client: Option<String>,
        room: Option<String>,
    },
    RecordPayment {
        invoice: String,
        /// As typed ("300", "120,50"), read by the tool's one money parser.
        amount: String,
        method: Option<PaymentMethod>,
    },
    /// One of the invoice's payments taken back (the one of `amount`, when given).
    ReversePayment {
        invoice: String,
        amount: Option<String>,
    },
    ClientBalance {
        client: String,
    },
    CreditNote {
        invoice: String,
    },
    IssueInvoice {
        client: String,
    },
    BillSessions {
        client: String,
        from: Date,
        to: Date,
    },
    Quote {
        quote: String,
        step: QuoteStep,
    },
    OverdueInvoices,
    /// Between two days; none named: this month.
    Revenue {
        from: Option<Date>,
        to: Option<Date>,
    },
    CreateProject {
        client: String,
        name: String,
        kind: Option<ProjectKind>,
    },
    AddTrack {
        project: String,
        title: String,
    },
    /// A track, named by number or title, moves to a stage.
    TrackStage {
        project: String,
        track: String,
        status: TrackStatus,
    },
    ProjectStage {
        project: String,
        status: ProjectStatus,
    },
    /// A client, room, item, project or draft deleted (proposed: a person confirms).
    Delete {
        tool: &'static str,
        target: String,
    },
}

/// What happens to a quote.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum QuoteStep {
    Send,
    Accept,
    Invoice,
}

impl Intent {
    /// The tool call that carries out the intent.
    pub fn tool_call(&self) -> (&'static str, Value) {
        let day = |d: &Option<Date>| d.map(|d| d.to_string());
        // The session's day, when the sentence said it.
        let on_day = |mut args: Value, on: &Option<Date>| {
            if let Some(on) = day(on) {
                args["on"] = json!(on);
            }
            args
        };
        match self {
            Intent::CreateClient {
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
            Intent::RenameClient { client, name } => {
                ("update_client", json!({ "client": client, "name": name }))
            }
            Intent::RenameRoom { room, name } => {
                ("update_room", json!({ "room": room, "name": name }))
            }
            Intent::CreateRoom { name, hourly_rate } => (
                "create_room",
                json!({ "name": name, "hourly_rate": hourly_rate }),
            ),
            Intent::RoomRate { room, hourly_rate } => (
                "update_room",
                json!({ "room": room, "hourly_rate": hourly_rate }),
            ),
            Intent::ChangeClientPhone { client, phone } => {
                ("update_client", json!({ "client": client, "phone": phone }))
            }
            Intent::CreateEquipment { name, category } => (
                "create_equipment",
                json!({ "name": name, "category": category }),
            ),
            Intent::PlaceEquipment { equipment, room } => (
                "update_equipment",
                json!({ "equipment": equipment, "room": room }),
            ),
            Intent::ChangeClientEmail { client, email } => {
                ("update_client", json!({ "client": client, "email": email }))
            }
            Intent::SearchClients { query } => ("search_clients", json!({ "query": query })),
            Intent::ListClients => ("list_clients", json!({})),
            Intent::CountClients => ("count_clients", json!({})),
            Intent::Book {
                room,
                client,
                start,
                end,
            } => (
                "book_session",
                json!({ "room": room, "client": client, "start": start, "end": end }),
            ),
            Intent::Move {
                client,
                on,
                start,
                end,
            } => {
                let mut args = on_day(json!({ "client": client, "start": start }), on);
                if let Some(end) = end {
                    args["end"] = json!(end);
                }
                ("move_session", args)
            }
            Intent::Cancel { client, on } => {
                ("cancel_session", on_day(json!({ "client": client }), on))
            }
            Intent::CancelTitled { title } => ("cancel_session", json!({ "title": title })),
            Intent::CancelOn { on } => ("cancel_session", json!({ "on": on.to_string() })),
            Intent::Shift {
                client,
                on,
                minutes,
            } => {
                let args = json!({ "client": client, "shift_minutes": minutes });
                ("move_session", on_day(args, on))
            }
            Intent::Extend {
                client,
                on,
                minutes,
            } => {
                let args = json!({ "client": client, "extend_minutes": minutes });
                ("move_session", on_day(args, on))
            }
            Intent::EquipmentIn { status } => ("list_equipment", json!({ "status": status })),
            Intent::SetEquipmentStatus { equipment, status } => (
                "update_equipment",
                json!({ "equipment": equipment, "status": status }),
            ),
            Intent::Availability { room, day } => (
                "check_availability",
                json!({ "room": room, "day": day.to_string() }),
            ),
            Intent::Sessions {
                from,
                to,
                client,
                room,
            } => {
                let mut args = json!({});
                if let Some(from) = day(from) {
                    args["from"] = json!(from);
                }
                if let Some(to) = day(to) {
                    args["to"] = json!(to);
                }
                if let Some(client) = client {
                    args["client"] = json!(client);
                }
                if let Some(room) = room {
                    args["room"] = json!(room);
                }
                ("list_sessions", args)
            }
            Intent::RecordPayment {
                invoice,
                amount,
                method,
            } => {
                let mut args = json!({ "invoice": invoice, "amount": amount });
                if let Some(method) = method {
                    args["method"] = json!(method);
                }
                ("record_payment", args)
            }
            Intent::ReversePayment { invoice, amount } => {
                let mut args = json!({ "invoice": invoice });
                if let Some(amount) = amount {
                    args["amount"] = json!(amount);
                }
                ("reverse_payment", args)
            }
            Intent::ClientBalance { client } => ("client_balance", json!({ "client": client })),
            Intent::CreditNote { invoice } => ("credit_note", json!({ "invoice": invoice })),
            Intent::IssueInvoice { client } => ("issue_invoice", json!({ "client": client })),
            Intent::BillSessions { client, from, to } => (
                "draft_invoice_from_sessions",
                json!({ "client": client, "from": from.to_string(), "to": to.to_string() }),
            ),
            Intent::Quote { quote, step } => {
                let tool = match step {
                    QuoteStep::Send => "send_quote",
                    QuoteStep::Accept => "accept_quote",
                    QuoteStep::Invoice => "quote_to_invoice",
                };
                (tool, json!({ "quote": quote }))
            }
            Intent::OverdueInvoices => ("list_invoices", json!({ "overdue": true })),
            Intent::Revenue { from, to } => {
                let mut args = json!({});
                if let Some(from) = day(from) {
                    args["from"] = json!(from);
                }
                if let Some(to) = day(to) {
                    args["to"] = json!(to);
                }
                ("revenue", args)
            }
            Intent::CreateProject { client, name, kind } => {
                let mut args = json!({ "client": client, "name": name });
                if let Some(kind) = kind {
                    args["kind"] = json!(kind);
                }
                ("create_project", args)
            }
            Intent::AddTrack { project, title } => {
                ("add_track", json!({ "project": project, "title": title }))
            }
            Intent::TrackStage {
                project,
                track,
                status,
            } => (
                "update_track",
                json!({ "project": project, "track": track, "status": status }),
            ),
            Intent::ProjectStage { project, status } => (
                "update_project",
                json!({ "project": project, "status": status }),
            ),
            Intent::Delete { tool, target } => (tool, json!({ "target": target })),
        }
    }
}

/// One kind of sentence: how to recognise it, and an example in each language for the help text.
pub struct Rule {
    pub read: fn(&Text, Date) -> Option<Intent>,
    pub fr: &'static str,
    pub en: &'static str,
}

/// Tried in this order; the first that recognises the sentence wins. The order settles overlaps:
/// counting before anything that mentions clients; quotes, named by their number, next; billing next, whose invoice numbers make them precise
/// ("annule la facture … par un avoir" is not cancelling a session); projects next, tracks before projects
/// ("le morceau 2 du projet …" is about the track; "ajoute le morceau" is not creating); email changes and renames before creation ("change" and
/// "ajoute" overlap); creation before booking ("enregistre un client" is not a booking); booking, cancelling
/// and moving before equipment and availability (whose status and "libre" words also appear in bookings);
/// a day's sessions before searching and listing, the loosest rules, last.
pub const RULES: &[Rule] = &[
    Rule {
        read: deletes::delete,
        fr: "Supprime le client Cache Test",
        en: "Delete the client Cache Test",
    },
    Rule {
        read: clients::count,
        fr: "Combien de clients ?",
        en: "How many clients?",
    },
    Rule {
        read: quotes::step,
        fr: "Transforme le devis D-2026-0003 en facture",
        en: "Turn quote D-2026-0003 into an invoice",
    },
    Rule {
        read: invoices::reverse_payment,
        fr: "Contre-passe le paiement de 100 € de la facture 2026-0002",
        en: "Reverse the payment of 100 € on invoice 2026-0002",
    },
    Rule {
        read: invoices::payment,
        fr: "Enregistre un paiement de 300 € par virement sur la facture 2026-0004",
        en: "Record a payment of 300 € by transfer on invoice 2026-0004",
    },
    Rule {
        read: invoices::credit_note,
        fr: "Annule la facture 2026-0004 par un avoir",
        en: "Cancel invoice 2026-0004 with a credit note",
    },
    Rule {
        read: invoices::balance,
        fr: "Combien me doit Léa Martin ?",
        en: "How much does Lea Martin owe?",
    },
    Rule {
        read: invoices::overdue,
        fr: "Quelles factures sont en retard ?",
        en: "Which invoices are overdue?",
    },
    Rule {
        read: invoices::revenue,
        fr: "Quel est le chiffre d'affaires du mois dernier ?",
        en: "What was last month's revenue?",
    },
    Rule {
        read: invoices::bill_sessions,
        fr: "Facture les sessions de Léa Martin du 2026-11-01 au 2026-11-30",
        en: "Invoice the sessions of Lea Martin from 2026-11-01 to 2026-11-30",
    },
    Rule {
        read: invoices::issue,
        fr: "Émets la facture de Léa Martin",
        en: "Issue Lea Martin's invoice",
    },
    Rule {
        read: rooms::rate,
        fr: "Passe le tarif du Studio A à 70 €",
        en: "Set Studio A's hourly rate to 70 €",
    },
    Rule {
        read: projects::track_stage,
        fr: "Passe le morceau 2 de Lumières en mixage",
        en: "Move track 2 of Lumières to mixing",
    },
    Rule {
        read: projects::add_track,
        fr: "Ajoute le morceau Minuit à Lumières",
        en: "Add the track Minuit to Lumières",
    },
    Rule {
        read: projects::create,
        fr: "Crée le projet Nuits blanches pour Léa Martin",
        en: "Create the project Nuits blanches for Lea Martin",
    },
    Rule {
        read: projects::project_stage,
        fr: "Passe le projet Lumières en mastering",
        en: "Move the project Lumières to mastering",
    },
    Rule {
        read: clients::change_phone,
        fr: "Change le téléphone de Léa Martin en 06 12 34 56 78",
        en: "Change Lea Martin's phone to +33 6 12 34 56 78",
    },
    Rule {
        read: clients::change_email,
        fr: "Change l'email de Léa Martin en lea@studio.fr",
        en: "Change the email of Lea Martin to lea@studio.fr",
    },
    Rule {
        read: clients::rename,
        fr: "Renomme Léa Martin en Léa Dupont",
        en: "Rename Lea Martin to Lea Dupont",
    },
    Rule {
        read: rooms::create,
        fr: "Crée la salle Studio C à 55 € de l'heure",
        en: "Add a room Studio C at 55 € an hour",
    },
    Rule {
        read: equipment::create,
        fr: "Ajoute le micro Neumann U47",
        en: "Add the mic Neumann U47",
    },
    Rule {
        read: clients::create,
        fr: "Crée un client nommé Léa Martin avec l'email lea@example.com",
        en: "Add a client named Lea Martin with email lea@example.com",
    },
    Rule {
        read: sessions::book,
        fr: "Réserve le Studio A demain de 14h à 18h pour Léa Martin",
        en: "Book Studio A tomorrow from 2pm to 6pm for Lea Martin",
    },
    Rule {
        read: sessions::cancel,
        fr: "Annule la session de Léa Martin demain",
        en: "Cancel Lea Martin's session tomorrow",
    },
    Rule {
        read: sessions::resize,
        fr: "Prolonge la session de Léa Martin d'une heure",
        en: "Extend Lea Martin's session by an hour",
    },
    Rule {
        read: sessions::move_session,
        fr: "Déplace la session de Léa Martin à vendredi 10h-12h",
        en: "Move the session of Lea Martin to friday 10am",
    },
    Rule {
        read: equipment::in_status,
        fr: "Quel matériel est en maintenance ?",
        en: "Which gear is in maintenance?",
    },
    Rule {
        read: equipment::status,
        fr: "Mets le micro U87 en maintenance",
        en: "Put the U87 into maintenance",
    },
    Rule {
        read: equipment::place,
        fr: "Mets le U87 dans le Studio B",
        en: "Put the SM7B in the Live Room",
    },
    Rule {
        read: rooms::availability,
        fr: "Quand le Studio A est-il libre demain ?",
        en: "Is Studio A free tomorrow?",
    },
    Rule {
        read: sessions::day,
        fr: "Quelles sessions demain ?",
        en: "Which sessions tomorrow?",
    },
    Rule {
        read: clients::search,
        fr: "Cherche Martin",
        en: "Find Martin",
    },
    Rule {
        read: clients::list,
        fr: "Liste les clients",
        en: "List clients",
    },
];

/// The intent of `sentence`, dates read relative to `today`.
pub fn parse(sentence: &str, today: Date) -> Option<Intent> {
    let text = Text::new(sentence);
    // A sentence asking to delete is one deletion or not understood — never, say, a listing of what it names
    // ("Supprime tous les clients" is not "Liste les clients").
    if deletes::asks(&text) {
        return deletes::delete(&text, today);
    }
    RULES.iter().find_map(|rule| (rule.read)(&text, today))
}

/// What the planner understands, one example per rule, in the turn's language.
pub fn help(locale: Locale) -> String {
    let examples = RULES
        .iter()
        .map(|rule| match locale {
            Locale::Fr => format!("« {} »", rule.fr),
            Locale::En => format!("“{}”", rule.en),
        })
        .collect::<Vec<_>>()
        .join(", ");
    pick(
        locale,
        format!("Je n'ai pas compris. Je comprends par exemple : {examples}."),
        format!("I did not understand. I understand, for example: {examples}."),
    )
}

pub struct Planner;

#[async_trait]
impl ChatModel for Planner {
    async fn respond(&self, round: Round<'_>) -> Result<ModelReply, ProviderError> {
        match round.messages.last() {
            Some(Message::User { content }) => {
                // A full request is read as one; else it may answer the question just asked.
                let call = parse(content, round.today)
                    .map(|intent| {
                        let (name, arguments) = intent.tool_call();
                        (name.to_owned(), arguments)
                    })
                    .or_else(|| follow_up::answer(round.messages, round.today));
                Ok(match call {
                    Some((name, arguments)) => ModelReply::ToolCalls {
                        content: None,
                        calls: vec![ToolCall {
                            id: "call_1".into(),
                            name,
                            arguments,
                        }],
                    },
                    None => ModelReply::Text(help(round.locale)),
                })
            }
            // After the tools ran: the reply is what they said, in order.
            Some(Message::Tool { .. }) => {
                let summaries: Vec<String> = round
                    .messages
                    .iter()
                    .rev()
                    .take_while(|m| matches!(m, Message::Tool { .. }))
                    .filter_map(|m| match m {
                        Message::Tool { content, .. } => {
                            serde_json::from_str::<Value>(content).ok().and_then(|v| {
                                v.get("summary").and_then(Value::as_str).map(str::to_owned)
                            })
                        }
                        _ => None,
                    })
                    .collect();
                Ok(ModelReply::Text(
                    summaries.into_iter().rev().collect::<Vec<_>>().join(" "),
                ))
            }
            _ => Ok(ModelReply::Text(help(round.locale))),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_help_example_is_understood_by_its_own_rule() {
        let today = Date::new(2026, 11, 26).unwrap();
        for (index, rule) in RULES.iter().enumerate() {
            for example in [rule.fr, rule.en] {
                let read = parse(example, today);
                assert!(
                    read.is_some(),
                    "the help's example {example:?} is not understood"
                );
                let first = RULES
                    .iter()
                    .position(|r| (r.read)(&Text::new(example), today).is_some());
                assert_eq!(
                    first,
                    Some(index),
                    "{example:?} is taken by an earlier rule"
                );
            }
        }
    }

    #[test]
    fn the_help_lists_every_kind_of_request_in_the_turn_s_language() {
        let (fr, en) = (help(Locale::Fr), help(Locale::En));
        assert!(fr.contains("« Mets le micro U87 en maintenance »"), "{fr}");
        assert!(en.contains("“Put the U87 into maintenance”"), "{en}");
        assert_eq!(fr.matches('«').count(), RULES.len());
    }
}
