//! The assistant's tools. Each one calls the same domain service as the API, in the caller's studio, and
//! reports a localized one-line summary, a JSON result for the model and the change set of what it wrote.
//! Entities are named by id or name (clients also by email): tools resolve them and report ambiguity — the
//! model never invents ids.

mod clients;
mod deletes;
mod equipment;
mod invoices;
mod projects;
mod quotes;
mod revenue;
mod rooms;
mod sessions;

use std::sync::OnceLock;

use futures::future::BoxFuture;
use jiff::{Timestamp, civil::Date};
use serde::{Deserialize, Deserializer};
use serde_json::{Value, json};
use studio_domain::{ChangeSet, Ctx, DomainError, settings::Settings};
use studio_wire::{Locale, Money, messages};

use crate::{i18n::pick, model::ToolSpec};

/// Who calls, in which language, and the studio's settings (its time zone, currency and hours).
pub struct ToolEnv {
    pub ctx: Ctx,
    pub locale: Locale,
    pub settings: Settings,
}

impl ToolEnv {
    pub fn zone(&self) -> &jiff::tz::TimeZone {
        &self.settings.zone
    }

    pub fn today(&self) -> Date {
        self.ctx.now().to_zoned_datetime(self.zone().clone()).date()
    }

    /// The day a phrase names ("2026-11-30", "demain", "friday"), or a failure saying it is not one.
    pub fn day(&self, phrase: &str) -> Result<Date, ToolOutcome> {
        crate::when::parse(phrase, self.today())
            .date
            .ok_or_else(|| {
                ToolOutcome::failure(
                    self.say(
                        format!("« {phrase} » n'est pas un jour."),
                        format!("\"{phrase}\" is not a day."),
                    ),
                    json!({ "code": "bad_time", "message": format!("{phrase:?} is not a day") }),
                )
            })
    }

    /// "27/11/2026" in French, "2026-11-27" in English.
    pub fn date(&self, day: Date) -> String {
        self.say(
            format!("{:02}/{:02}/{}", day.day(), day.month(), day.year()),
            day.to_string(),
        )
    }

    /// "ven. 27/11 14:00" / "Fri 27/11 14:00" in the studio's time zone.
    pub fn local(&self, at: Timestamp) -> String {
        let zoned = at.to_zoned_datetime(self.zone().clone());
        let day = match self.locale {
            Locale::Fr => ["lun.", "mar.", "mer.", "jeu.", "ven.", "sam.", "dim."],
            Locale::En => ["Mon", "Tue", "Wed", "Thu", "Fri", "Sat", "Sun"],
        }[zoned.weekday().to_monday_zero_offset() as usize];
        format!(
            "{day} {:02}/{:02} {:02}:{:02}",
            zoned.day(),
            zoned.month(),
            zoned.hour(),
            zoned.minute()
        )
    }

    /// An amount in the studio's currency, in the turn's language.
    pub fn money(&self, amount: Money) -> String {
        self.settings.money(amount, self.locale)
    }

    /// Picks the French or English text.
    pub fn say<T>(&self, fr: T, en: T) -> T {
        pick(self.locale, fr, en)
    }
}

/// What one tool call did.
#[derive(Debug, Clone)]
pub struct ToolOutcome {
    pub ok: bool,
    /// One line for a person, in the turn's language.
    pub summary: String,
    /// The result for the model: `{ok, summary, …}`.
    pub result: Value,
    pub changes: ChangeSet,
}

impl ToolOutcome {
    pub fn success(summary: String, data: Value, changes: ChangeSet) -> Self {
        let result = json!({ "ok": true, "summary": summary, "data": data });
        Self {
            ok: true,
            summary,
            result,
            changes,
        }
    }

    pub fn failure(summary: String, error: Value) -> Self {
        let result = json!({ "ok": false, "summary": summary, "error": error });
        Self {
            ok: false,
            summary,
            result,
            changes: ChangeSet::default(),
        }
    }
}

/// How a tool runs: its arguments as the model sent them, in the caller's environment.
pub type Handler = for<'a> fn(&'a ToolEnv, &'a Value) -> BoxFuture<'a, ToolResult>;

/// One tool: what the model is told, and the function that runs it.
pub struct Tool {
    pub spec: ToolSpec,
    pub run: Handler,
}

impl Tool {
    pub fn new(
        name: &'static str,
        description: &'static str,
        parameters: Value,
        run: Handler,
    ) -> Self {
        Self {
            spec: ToolSpec {
                name,
                description,
                parameters,
            },
            run,
        }
    }
}

/// Every tool, by name; built once.
fn table() -> &'static [Tool] {
    static TABLE: OnceLock<Vec<Tool>> = OnceLock::new();
    TABLE.get_or_init(|| {
        [
            clients::tools(),
            rooms::tools(),
            equipment::tools(),
            sessions::tools(),
            invoices::tools(),
            projects::tools(),
            quotes::tools(),
            revenue::tools(),
            deletes::tools(),
        ]
        .into_iter()
        .flatten()
        .collect()
    })
}

/// What a tool does to the studio's data.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Class {
    Read,
    /// A write that Undo can take back.
    Write,
    /// Deletes, cancels, issues, records money or deactivates: a person confirms it before it runs.
    Destructive,
}

const READS: &[&str] = &[
    "search_clients",
    "list_clients",
    "count_clients",
    "get_client",
    "list_rooms",
    "get_room",
    "list_equipment",
    "get_equipment",
    "list_sessions",
    "check_availability",
    "list_invoices",
    "get_invoice",
    "client_balance",
    "list_projects",
    "get_project",
    "list_quotes",
    "revenue",
];
const WRITES: &[&str] = &[
    "create_client",
    "update_client",
    "create_room",
    "update_room",
    "create_equipment",
    "update_equipment",
    "book_session",
    "move_session",
    "draft_invoice_from_sessions",
    "create_project",
    "update_project",
    "add_track",
    "update_track",
    "send_quote",
    "accept_quote",
    "quote_to_invoice",
];
const DESTRUCTIVE: &[&str] = &[
    "cancel_session",
    "delete_session",
    "issue_invoice",
    "record_payment",
    "reverse_payment",
    "credit_note",
    "delete_client",
    "delete_room",
    "delete_equipment",
    "delete_project",
    "delete_invoice",
];

/// The class of a call: by its tool, except that a room update which deactivates the room is destructive.
pub fn class(name: &str, arguments: &Value) -> Option<Class> {
    let deactivates = || {
        let args = match arguments {
            Value::String(text) => serde_json::from_str(text).unwrap_or_default(),
            other => other.clone(),
        };
        args.get("active") == Some(&Value::Bool(false))
    };
    if DESTRUCTIVE.contains(&name) || (name == "update_room" && deactivates()) {
        Some(Class::Destructive)
    } else if WRITES.contains(&name) {
        Some(Class::Write)
    } else {
        READS.contains(&name).then_some(Class::Read)
    }
}

/// Every tool, for the model's `tools` list.
pub fn catalogue() -> Vec<ToolSpec> {
    table().iter().map(|tool| tool.spec.clone()).collect()
}

/// Runs one tool call. Never fails: every problem becomes a failed outcome the model can read and act on.
pub async fn execute(env: &ToolEnv, name: &str, arguments: &Value) -> ToolOutcome {
    let outcome = match table().iter().find(|tool| tool.spec.name == name) {
        Some(tool) => (tool.run)(env, arguments).await.unwrap_or_else(|f| f),
        None => ToolOutcome::failure(
            env.say(
                format!("L'outil {name} n'existe pas."),
                format!("There is no tool named {name}."),
            ),
            json!({ "code": "unknown_tool", "message": format!("unknown tool {name}") }),
        ),
    };
    tracing::info!(studio = %env.ctx.studio, tool = name, ok = outcome.ok, "assistant tool call");
    outcome
}

/// A tool's result: `Err` carries the failed outcome to report.
pub type ToolResult = Result<ToolOutcome, ToolOutcome>;

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn every_tool_has_exactly_one_class() {
        for tool in table() {
            let name = tool.spec.name;
            let lists = [READS, WRITES, DESTRUCTIVE];
            let named = lists.iter().filter(|list| list.contains(&name)).count();
            assert_eq!(
                named, 1,
                "{name} must be in exactly one of READS, WRITES, DESTRUCTIVE"
            );
        }
        let declared = READS.len() + WRITES.len() + DESTRUCTIVE.len();
        assert_eq!(declared, table().len(), "every classified tool exists");
    }

    #[test]
    fn deactivating_a_room_needs_a_confirmation_and_renaming_does_not() {
        let off = json!({"room": "Studio A", "active": false});
        assert_eq!(class("update_room", &off), Some(Class::Destructive));
        assert_eq!(
            class("update_room", &json!({"room": "A", "name": "B"})),
            Some(Class::Write)
        );
        assert_eq!(
            class("update_room", &Value::String(off.to_string())),
            Some(Class::Destructive)
        );
        assert_eq!(
            class("cancel_session", &json!({})),
            Some(Class::Destructive)
        );
        assert_eq!(class("invented", &json!({})), None);
    }
}

/// Arguments as JSON (or a string holding JSON, as some models send), into the tool's argument type.
pub fn arguments<T: for<'de> Deserialize<'de>>(
    env: &ToolEnv,
    tool: &str,
    arguments: &Value,
) -> Result<T, ToolOutcome> {
    let bad = |e: &dyn std::fmt::Display| {
        ToolOutcome::failure(
            env.say(
                format!("Arguments invalides pour {tool}."),
                format!("Invalid arguments for {tool}."),
            ),
            json!({ "code": "bad_arguments", "message": e.to_string() }),
        )
    };
    let value = match arguments {
        Value::String(text) => serde_json::from_str(text).map_err(|e| bad(&e))?,
        other => other.clone(),
    };
    serde_json::from_value(value).map_err(|e| bad(&e))
}

/// Why a domain call failed, worded in the turn's language from the problem's code and values; the model
/// also gets the problem itself.
pub fn failed(env: &ToolEnv, what_fr: &str, what_en: &str, error: &DomainError) -> ToolOutcome {
    let problem = error.problem();
    let reason = messages::problem(&problem, env.locale);
    let summary = env.say(
        format!("{what_fr}. {reason}"),
        format!("{what_en}. {reason}"),
    );
    ToolOutcome::failure(
        summary,
        json!({ "code": problem.code(), "message": reason, "problem": problem }),
    )
}

/// An amount as a model sends it: a number (`50`, `49.9`) or text (`"49,90 €"`), read by the one money parser.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct Amount(pub Money);

impl<'de> Deserialize<'de> for Amount {
    fn deserialize<D: Deserializer<'de>>(deserializer: D) -> Result<Self, D::Error> {
        let text = match Value::deserialize(deserializer)? {
            Value::Number(n) => n.to_string(),
            Value::String(s) => s,
            other => {
                return Err(serde::de::Error::custom(format!(
                    "{other} is not an amount"
                )));
            }
        };
        Money::parse(&text).map(Amount).map_err(|problem| {
            serde::de::Error::custom(messages::field_problem("amount", &problem, Locale::En))
        })
    }
}

/// Why an update of `name` was refused.
pub fn not_changed(env: &ToolEnv, name: &str, error: &DomainError) -> ToolOutcome {
    failed(
        env,
        &format!("Je n'ai pas modifié « {name} »"),
        &format!("I did not change \"{name}\""),
        error,
    )
}

/// How tools name a kind of thing, in both languages.
pub struct Noun {
    pub fr: &'static str,
    pub fr_plural: &'static str,
    /// French agrees with it: "Aucune session", "Laquelle ?".
    pub feminine: bool,
    pub en: &'static str,
}

/// The id of the client a listing is narrowed to, when the model named one.
pub async fn client_filter(
    env: &ToolEnv,
    client: Option<&str>,
) -> Result<Option<String>, ToolOutcome> {
    match client {
        Some(reference) => Ok(Some(clients::resolve(env, reference).await?.id)),
        None => Ok(None),
    }
}

/// What a listing tool answers: "Factures (2) : a, b." (or `none`), and each item's brief for the model.
pub fn listed<E>(
    env: &ToolEnv,
    items: &[E],
    none: (&str, &str),
    title: (&str, &str),
    line: impl Fn(&E) -> String,
    brief: impl Fn(&E) -> Value,
) -> ToolResult {
    let summary = if items.is_empty() {
        env.say(none.0, none.1).to_owned()
    } else {
        let lines = items.iter().map(line).collect::<Vec<_>>().join(" ; ");
        let count = items.len();
        env.say(
            format!("{} ({count}) : {lines}.", title.0),
            format!("{} ({count}): {lines}.", title.1),
        )
    };
    Ok(ToolOutcome::success(
        summary,
        Value::Array(items.iter().map(brief).collect()),
        ChangeSet::default(),
    ))
}

/// Candidates listed when a reference matches several.
pub const MAX_CANDIDATES: usize = 10;

/// Exactly one of `found`, or a failed outcome: none match, or several do (listed, so the model can ask).
pub fn one<E>(
    env: &ToolEnv,
    noun: &Noun,
    reference: &str,
    found: Vec<E>,
    label: impl Fn(&E) -> String,
    brief: impl Fn(&E) -> Value,
) -> Result<E, ToolOutcome> {
    match found.len() {
        1 => Ok(found.into_iter().next().expect("one")),
        0 => Err(ToolOutcome::failure(
            env.say(
                format!(
                    "{} {} ne correspond à « {reference} ».",
                    if noun.feminine { "Aucune" } else { "Aucun" },
                    noun.fr
                ),
                format!("No {} matches \"{reference}\".", noun.en),
            ),
            json!({ "code": "not_found", "message": format!("no {} matches {reference:?}", noun.en) }),
        )),
        n => {
            // The first few are enough to ask "which one?"; a longer list would flood the model and the reply.
            let shown = &found[..n.min(MAX_CANDIDATES)];
            let mut names = shown.iter().map(&label).collect::<Vec<_>>().join(", ");
            if n > shown.len() {
                names.push_str(&env.say(
                    format!(" (et {} autres)", n - shown.len()),
                    format!(" (and {} more)", n - shown.len()),
                ));
            }
            Err(ToolOutcome::failure(
                env.say(
                    format!(
                        "{n} {} correspondent à « {reference} » : {names}. {} ?",
                        noun.fr_plural,
                        if noun.feminine { "Laquelle" } else { "Lequel" }
                    ),
                    format!(
                        "{n} {}s match \"{reference}\": {names}. Which one?",
                        noun.en
                    ),
                ),
                json!({
                    "code": "ambiguous",
                    "message": format!("{n} {}s match {reference:?}; ask which one, or use an id", noun.en),
                    "reference": reference,
                    "candidates": shown.iter().map(|e| {
                        let mut candidate = brief(e);
                        candidate["label"] = json!(label(e));
                        candidate
                    }).collect::<Vec<_>>(),
                }),
            ))
        }
    }
}
