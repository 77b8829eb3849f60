//! The assistant's tools. Each one calls the same domain service as the API, in the caller's studio, and
//! reports a localized one-line summary, a JSON result for the model and the change set of what it wrote.
//! Entities are named by id or name (clients also by email): tools resolve them and report ambiguity — the
//! model never invents ids.

mod clients;
mod gear;
mod sessions;

use jiff::{Timestamp, civil::Date, tz::TimeZone};
use serde::Deserialize;
use serde_json::{Value, json};
use studio_domain::{ChangeSet, Ctx, DomainError};
use studio_wire::Locale;

use crate::{i18n::pick, model::ToolSpec};

/// Who calls, in which language, and the studio's calendar.
pub struct ToolEnv {
    pub ctx: Ctx,
    pub locale: Locale,
    pub zone: TimeZone,
}

impl ToolEnv {
    pub fn today(&self) -> Date {
        self.ctx.now().to_zoned_datetime(self.zone.clone()).date()
    }

    /// "ven. 27/11 14:00" / "Fri 27/11 14:00" in the studio's time zone.
    pub fn local(&self, at: Timestamp) -> String {
        let zoned = at.to_zoned_datetime(self.zone.clone());
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

/// Every tool, for the model's `tools` list.
pub fn catalogue() -> Vec<ToolSpec> {
    let mut tools = clients::specs();
    tools.extend(gear::specs());
    tools.extend(sessions::specs());
    tools
}

/// Runs one tool call. Never fails: every problem becomes a failed outcome the model can read and act on.
pub async fn execute(env: &ToolEnv, name: &str, arguments: &Value) -> ToolOutcome {
    let outcome = match clients::run(env, name, arguments).await {
        Some(outcome) => outcome,
        None => match gear::run(env, name, arguments).await {
            Some(outcome) => outcome,
            None => match sessions::run(env, name, arguments).await {
                Some(outcome) => outcome,
                None => Err(ToolOutcome::failure(
                    env.say(
                        format!("L'outil {name} n'existe pas."),
                        format!("There is no tool named {name}."),
                    ),
                    json!({ "code": "unknown_tool", "message": format!("unknown tool {name}") }),
                )),
            },
        },
    };
    let outcome = outcome.unwrap_or_else(|failure| failure);
    tracing::info!(studio = %env.ctx.studio, tool = name, ok = outcome.ok, "assistant tool call");
    outcome
}

/// A tool's result: `Err` carries the failed outcome to report.
pub type ToolResult = Result<ToolOutcome, ToolOutcome>;

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

/// Why a domain call failed, said in the turn's language; the model also gets the code and the English detail.
pub fn failed(env: &ToolEnv, what_fr: &str, what_en: &str, error: &DomainError) -> ToolOutcome {
    let reason = match error {
        DomainError::Duplicate { message, field } => {
            let value = message
                .trim_end_matches('.')
                .rsplit(' ')
                .next()
                .unwrap_or_default();
            match *field {
                "email" => env.say(
                    format!("un autre client utilise déjà l'adresse {value}"),
                    format!("another client already uses {value}"),
                ),
                _ => env.say(
                    format!("« {value} » est déjà pris"),
                    format!("\"{value}\" is already taken"),
                ),
            }
        }
        DomainError::Validation { fields, message } => match env.locale {
            Locale::En => message.trim_end_matches('.').to_owned(),
            Locale::Fr => fields
                .keys()
                .map(|field| match field.as_str() {
                    "name" => "le nom est obligatoire et pas trop long",
                    "email" => "l'adresse e-mail n'est pas valide",
                    "phone" => {
                        "le téléphone ne peut contenir que des chiffres, espaces et + - ( ) ."
                    }
                    "notes" => "les notes sont trop longues",
                    "end" => "la fin doit suivre le début, et une session dure au plus 7 jours",
                    "room_id" => "cette salle ne peut pas être réservée",
                    _ => "une valeur n'est pas valide",
                })
                .collect::<Vec<_>>()
                .join(" ; "),
        },
        DomainError::NotFound { .. } => env.say(
            "cet élément n'existe plus".into(),
            "it no longer exists".into(),
        ),
        DomainError::Conflict { message } => env.say(
            format!("conflit ({message})"),
            message.trim_end_matches('.').to_owned(),
        ),
        DomainError::Booked { .. } => env.say(
            "le créneau est déjà pris".into(),
            "the slot is already taken".into(),
        ),
        DomainError::Contended => env.say(
            "trop de modifications simultanées, réessayez".into(),
            "too many simultaneous changes, try again".into(),
        ),
        DomainError::Store(_) => env.say(
            "le stockage est indisponible".into(),
            "storage is unavailable".into(),
        ),
    };
    let code = match error {
        DomainError::Validation { .. } => "validation",
        DomainError::NotFound { .. } => "not_found",
        DomainError::Duplicate { .. } => "duplicate",
        DomainError::Conflict { .. } => "conflict",
        DomainError::Booked { .. } => "booked",
        DomainError::Contended => "contended",
        DomainError::Store(_) => "unavailable",
    };
    let message = match error {
        DomainError::Store(_) => "storage is unavailable".to_owned(),
        other => other.to_string(),
    };
    let summary = env.say(
        format!("{what_fr} : {reason}."),
        format!("{what_en}: {reason}."),
    );
    ToolOutcome::failure(summary, json!({ "code": code, "message": message }))
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
    pub en: &'static str,
}

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
                format!("Aucun {} ne correspond à « {reference} ».", noun.fr),
                format!("No {} matches \"{reference}\".", noun.en),
            ),
            json!({ "code": "not_found", "message": format!("no {} matches {reference:?}", noun.en) }),
        )),
        n => {
            let names = found.iter().map(&label).collect::<Vec<_>>().join(", ");
            Err(ToolOutcome::failure(
                env.say(
                    format!(
                        "{n} {}s correspondent à « {reference} » : {names}. Lequel ?",
                        noun.fr
                    ),
                    format!(
                        "{n} {}s match \"{reference}\": {names}. Which one?",
                        noun.en
                    ),
                ),
                json!({
                    "code": "ambiguous",
                    "message": format!("{n} {}s match {reference:?}; ask which one, or use an id", noun.en),
                    "candidates": found.iter().map(brief).collect::<Vec<_>>(),
                }),
            ))
        }
    }
}
