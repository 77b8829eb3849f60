//! The assistant's tools. Each one calls the same domain service as the API, in the caller's studio, and
//! reports a localized one-line summary, a JSON result for the model and the change set of what it wrote.
//! Clients are named by id, email or name: tools resolve them and report ambiguity — the model never invents ids.

use serde::Deserialize;
use serde_json::{Value, json};
use studio_domain::{ChangeSet, Ctx, DomainError, ListQuery, clients};
use studio_wire::{Client, ClientKind, ClientPatch, Locale, NewClient};

use crate::{i18n::pick, model::ToolSpec};

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
    fn success(summary: String, data: Value, changes: ChangeSet) -> Self {
        let result = json!({ "ok": true, "summary": summary, "data": data });
        Self {
            ok: true,
            summary,
            result,
            changes,
        }
    }

    fn failure(summary: String, error: Value) -> Self {
        let result = json!({ "ok": false, "summary": summary, "error": error });
        Self {
            ok: false,
            summary,
            result,
            changes: ChangeSet::default(),
        }
    }
}

pub fn catalogue() -> Vec<ToolSpec> {
    let client_ref = json!({"type": "string", "description": "The client's name, email or id."});
    let fields = json!({
        "name": {"type": "string"},
        "email": {"type": "string"},
        "phone": {"type": "string"},
        "kind": {"type": "string", "enum": ["individual", "company"]},
        "notes": {"type": "string"}
    });
    let mut update_props = fields.clone();
    update_props["client"] = client_ref.clone();
    vec![
        ToolSpec {
            name: "search_clients",
            description: "Find clients whose name, email or phone contains the query.",
            parameters: json!({"type": "object", "properties": {"query": {"type": "string"}}, "required": ["query"]}),
        },
        ToolSpec {
            name: "list_clients",
            description: "List the studio's clients, oldest first.",
            parameters: json!({"type": "object", "properties": {"limit": {"type": "integer", "minimum": 1, "maximum": 50}}}),
        },
        ToolSpec {
            name: "count_clients",
            description: "Count the studio's clients, optionally only those matching a query.",
            parameters: json!({"type": "object", "properties": {"query": {"type": "string"}}}),
        },
        ToolSpec {
            name: "get_client",
            description: "Show one client's details.",
            parameters: json!({"type": "object", "properties": {"client": client_ref}, "required": ["client"]}),
        },
        ToolSpec {
            name: "create_client",
            description: "Create a client. Only name is required; email must be unique in the studio.",
            parameters: json!({"type": "object", "properties": fields, "required": ["name"]}),
        },
        ToolSpec {
            name: "update_client",
            description: "Change a client's fields (rename, change email, …). Give only the fields to change; an empty string clears a field.",
            parameters: json!({"type": "object", "properties": update_props, "required": ["client"]}),
        },
    ]
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QueryArgs {
    #[serde(default)]
    query: Option<String>,
    #[serde(default)]
    limit: Option<usize>,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ClientRef {
    client: String,
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UpdateArgs {
    client: String,
    name: Option<String>,
    email: Option<String>,
    phone: Option<String>,
    kind: Option<ClientKind>,
    notes: Option<String>,
}

fn brief(client: &Client) -> Value {
    json!({ "id": client.id, "name": client.name, "email": client.email })
}

fn label(client: &Client) -> String {
    match &client.email {
        Some(email) => format!("{} <{email}>", client.name),
        None => client.name.clone(),
    }
}

fn labels(clients: &[Client]) -> String {
    clients.iter().map(label).collect::<Vec<_>>().join(", ")
}

/// Why a tool failed, said in the turn's language; the model also gets the code and the English detail.
fn explain(locale: Locale, error: &DomainError) -> String {
    match error {
        DomainError::Duplicate { message, .. } => {
            let email = message
                .trim_end_matches('.')
                .rsplit(' ')
                .next()
                .unwrap_or_default();
            pick(
                locale,
                format!("un autre client utilise déjà l'adresse {email}"),
                format!("another client already uses {email}"),
            )
        }
        DomainError::Validation { fields, message } => match locale {
            Locale::En => message.trim_end_matches('.').to_owned(),
            Locale::Fr => fields
                .keys()
                .map(|field| match field.as_str() {
                    "name" => "le nom est obligatoire et fait au plus 200 caractères",
                    "email" => "l'adresse e-mail n'est pas valide",
                    "phone" => {
                        "le téléphone ne peut contenir que des chiffres, espaces et + - ( ) ."
                    }
                    "notes" => "les notes sont trop longues",
                    _ => "une valeur n'est pas valide",
                })
                .collect::<Vec<_>>()
                .join(" ; "),
        },
        DomainError::NotFound { .. } => pick(
            locale,
            "ce client n'existe plus".into(),
            "that client no longer exists".into(),
        ),
        DomainError::Conflict { .. } => pick(
            locale,
            "le client a été modifié entre-temps, réessayez".into(),
            "the client was changed meanwhile, try again".into(),
        ),
        DomainError::Booked { .. } => pick(
            locale,
            "le créneau est déjà pris".into(),
            "the slot is already taken".into(),
        ),
        DomainError::Contended => pick(
            locale,
            "trop de modifications simultanées, réessayez".into(),
            "too many simultaneous changes, try again".into(),
        ),
        DomainError::Store(_) => pick(
            locale,
            "le stockage est indisponible".into(),
            "storage is unavailable".into(),
        ),
    }
}

fn domain_failure(
    locale: Locale,
    what_fr: &str,
    what_en: &str,
    error: &DomainError,
) -> ToolOutcome {
    let reason = explain(locale, error);
    let summary = pick(
        locale,
        format!("{what_fr} : {reason}."),
        format!("{what_en}: {reason}."),
    );
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
    ToolOutcome::failure(summary, json!({ "code": code, "message": message }))
}

/// Resolves a client reference to exactly one client, or explains why not (none, or several: listed).
async fn resolve(ctx: &Ctx, locale: Locale, reference: &str) -> Result<Client, ToolOutcome> {
    let found = clients::find(ctx, reference)
        .await
        .map_err(|e| domain_failure(locale, "Recherche impossible", "Search failed", &e))?;
    match found.len() {
        1 => Ok(found.into_iter().next().expect("one")),
        0 => Err(ToolOutcome::failure(
            pick(
                locale,
                format!("Aucun client ne correspond à « {reference} »."),
                format!("No client matches \"{reference}\"."),
            ),
            json!({ "code": "not_found", "message": format!("no client matches {reference:?}") }),
        )),
        n => Err(ToolOutcome::failure(
            pick(
                locale,
                format!(
                    "{n} clients correspondent à « {reference} » : {}. Lequel ?",
                    labels(&found)
                ),
                format!(
                    "{n} clients match \"{reference}\": {}. Which one?",
                    labels(&found)
                ),
            ),
            json!({
                "code": "ambiguous",
                "message": format!("{n} clients match {reference:?}; ask which one, or use an email or id"),
                "candidates": found.iter().map(brief).collect::<Vec<_>>(),
            }),
        )),
    }
}

fn bad_arguments(locale: Locale, tool: &str, error: impl std::fmt::Display) -> ToolOutcome {
    ToolOutcome::failure(
        pick(
            locale,
            format!("Arguments invalides pour {tool}."),
            format!("Invalid arguments for {tool}."),
        ),
        json!({ "code": "bad_arguments", "message": format!("{error}") }),
    )
}

fn parse<T: for<'de> Deserialize<'de>>(
    locale: Locale,
    tool: &str,
    arguments: &Value,
) -> Result<T, ToolOutcome> {
    let value = match arguments {
        Value::String(text) => {
            serde_json::from_str(text).map_err(|e| bad_arguments(locale, tool, e))?
        }
        other => other.clone(),
    };
    serde_json::from_value(value).map_err(|e| bad_arguments(locale, tool, e))
}

/// Runs one tool call. Never fails: every problem becomes a failed outcome the model can read and act on.
pub async fn execute(ctx: &Ctx, locale: Locale, name: &str, arguments: &Value) -> ToolOutcome {
    let outcome = match name {
        "search_clients" | "list_clients" | "count_clients" => {
            read_many(ctx, locale, name, arguments).await
        }
        "get_client" => get_client(ctx, locale, arguments).await,
        "create_client" => create_client(ctx, locale, arguments).await,
        "update_client" => update_client(ctx, locale, arguments).await,
        unknown => Err(ToolOutcome::failure(
            pick(
                locale,
                format!("L'outil {unknown} n'existe pas."),
                format!("There is no tool named {unknown}."),
            ),
            json!({ "code": "unknown_tool", "message": format!("unknown tool {unknown}") }),
        )),
    };
    let outcome = outcome.unwrap_or_else(|failure| failure);
    tracing::info!(studio = %ctx.studio, tool = name, ok = outcome.ok, "assistant tool call");
    outcome
}

async fn read_many(
    ctx: &Ctx,
    locale: Locale,
    tool: &str,
    arguments: &Value,
) -> Result<ToolOutcome, ToolOutcome> {
    let args: QueryArgs = parse(locale, tool, arguments)?;
    let failed =
        |e: DomainError| domain_failure(locale, "Lecture impossible", "Could not read clients", &e);
    if tool == "count_clients" {
        let total = clients::count(ctx, args.query.as_deref())
            .await
            .map_err(failed)?;
        let summary = pick(
            locale,
            format!("Vous avez {total} client(s)."),
            format!("You have {total} client(s)."),
        );
        return Ok(ToolOutcome::success(
            summary,
            json!({ "count": total }),
            ChangeSet::default(),
        ));
    }
    let limit = args.limit.unwrap_or(20).clamp(1, 50);
    let query = ListQuery {
        cursor: None,
        limit: Some(limit),
        q: args.query.clone(),
    };
    let page = clients::list(ctx, &query).await.map_err(failed)?;
    let summary = match (&args.query, page.items.is_empty()) {
        (Some(q), true) => pick(
            locale,
            format!("Aucun client ne correspond à « {q} »."),
            format!("No client matches \"{q}\"."),
        ),
        (None, true) => pick(
            locale,
            "Vous n'avez encore aucun client.".into(),
            "You have no clients yet.".into(),
        ),
        (_, false) => pick(
            locale,
            format!(
                "Clients trouvés ({}) : {}.",
                page.items.len(),
                labels(&page.items)
            ),
            format!(
                "Clients found ({}): {}.",
                page.items.len(),
                labels(&page.items)
            ),
        ),
    };
    let data = json!({ "clients": page.items.iter().map(brief).collect::<Vec<_>>(), "more": page.next_cursor.is_some() });
    Ok(ToolOutcome::success(summary, data, ChangeSet::default()))
}

async fn get_client(
    ctx: &Ctx,
    locale: Locale,
    arguments: &Value,
) -> Result<ToolOutcome, ToolOutcome> {
    let args: ClientRef = parse(locale, "get_client", arguments)?;
    let client = resolve(ctx, locale, &args.client).await?;
    let summary = pick(
        locale,
        format!("Client : {}.", label(&client)),
        format!("Client: {}.", label(&client)),
    );
    Ok(ToolOutcome::success(
        summary,
        serde_json::to_value(&client).expect("serialises"),
        ChangeSet::default(),
    ))
}

async fn create_client(
    ctx: &Ctx,
    locale: Locale,
    arguments: &Value,
) -> Result<ToolOutcome, ToolOutcome> {
    let input: NewClient = parse(locale, "create_client", arguments)?;
    let (client, changes) = clients::create(ctx, &input).await.map_err(|e| {
        domain_failure(
            locale,
            "Je n'ai pas créé le client",
            "I did not create the client",
            &e,
        )
    })?;
    let summary = pick(
        locale,
        format!("J'ai créé le client « {} ».", label(&client)),
        format!("I created the client \"{}\".", label(&client)),
    );
    Ok(ToolOutcome::success(summary, brief(&client), changes))
}

async fn update_client(
    ctx: &Ctx,
    locale: Locale,
    arguments: &Value,
) -> Result<ToolOutcome, ToolOutcome> {
    let args: UpdateArgs = parse(locale, "update_client", arguments)?;
    let client = resolve(ctx, locale, &args.client).await?;
    let patch = ClientPatch {
        version: client.version,
        name: args.name,
        email: args.email,
        phone: args.phone,
        kind: args.kind,
        notes: args.notes,
    };
    let (updated, changes) = clients::update(ctx, &client.id, &patch)
        .await
        .map_err(|e| {
            domain_failure(
                locale,
                &format!("Je n'ai pas modifié « {} »", client.name),
                &format!("I did not change \"{}\"", client.name),
                &e,
            )
        })?;
    let summary = if changes.is_empty() {
        pick(
            locale,
            format!("Rien à changer pour « {} ».", label(&updated)),
            format!("Nothing to change for \"{}\".", label(&updated)),
        )
    } else {
        pick(
            locale,
            format!(
                "J'ai mis à jour le client « {} » (avant : {}).",
                label(&updated),
                label(&client)
            ),
            format!(
                "I updated the client \"{}\" (was: {}).",
                label(&updated),
                label(&client)
            ),
        )
    };
    Ok(ToolOutcome::success(summary, brief(&updated), changes))
}
