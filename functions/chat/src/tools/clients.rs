//! Client tools: search, list, count, get, create, update.

use serde::Deserialize;
use serde_json::{Value, json};
use studio_domain::{ChangeSet, DomainError, ListQuery, clients};
use studio_wire::{Client, ClientKind, ClientPatch, NewClient};

use super::{Noun, Tool, ToolEnv, ToolOutcome, ToolResult, arguments, failed, not_changed, one};

pub const CLIENT: Noun = Noun {
    fr: "client",
    fr_plural: "clients",
    feminine: false,
    en: "client",
};

pub fn tools() -> Vec<Tool> {
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
        Tool::new(
            "search_clients",
            "Find clients whose name, email or phone contains the query.",
            json!({"type": "object", "properties": {"query": {"type": "string"}}, "required": ["query"]}),
            |env, args| Box::pin(read_many(env, "search_clients", args)),
        ),
        Tool::new(
            "list_clients",
            "List the studio's clients, oldest first.",
            json!({"type": "object", "properties": {"limit": {"type": "integer", "minimum": 1, "maximum": 50}}}),
            |env, args| Box::pin(read_many(env, "list_clients", args)),
        ),
        Tool::new(
            "count_clients",
            "Count the studio's clients, optionally only those matching a query.",
            json!({"type": "object", "properties": {"query": {"type": "string"}}}),
            |env, args| Box::pin(read_many(env, "count_clients", args)),
        ),
        Tool::new(
            "get_client",
            "Show one client's details.",
            json!({"type": "object", "properties": {"client": client_ref}, "required": ["client"]}),
            |env, args| Box::pin(get_client(env, args)),
        ),
        Tool::new(
            "create_client",
            "Create a client. Only name is required; email must be unique in the studio.",
            json!({"type": "object", "properties": fields, "required": ["name"]}),
            |env, args| Box::pin(create_client(env, args)),
        ),
        Tool::new(
            "update_client",
            "Change a client's fields (rename, change email, …). Give only the fields to change; an empty string clears a field.",
            json!({"type": "object", "properties": update_props, "required": ["client"]}),
            |env, args| Box::pin(update_client(env, args)),
        ),
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

pub fn brief(client: &Client) -> Value {
    json!({ "id": client.id, "name": client.name, "email": client.email })
}

pub fn label(client: &Client) -> String {
    match &client.email {
        Some(email) => format!("{} <{email}>", client.name),
        None => client.name.clone(),
    }
}

fn labels(clients: &[Client]) -> String {
    clients.iter().map(label).collect::<Vec<_>>().join(", ")
}

/// The one client `reference` names.
pub async fn resolve(env: &ToolEnv, reference: &str) -> Result<Client, ToolOutcome> {
    let found = clients::find(&env.ctx, reference)
        .await
        .map_err(|e| failed(env, "Recherche impossible", "Search failed", &e))?;
    one(env, &CLIENT, reference, found, label, brief)
}

async fn read_many(env: &ToolEnv, tool: &str, args: &Value) -> ToolResult {
    let args: QueryArgs = arguments(env, tool, args)?;
    let failed = |e: DomainError| failed(env, "Lecture impossible", "Could not read clients", &e);
    if tool == "count_clients" {
        let total = clients::count(&env.ctx, args.query.as_deref())
            .await
            .map_err(failed)?;
        let summary = env.say(
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
        limit: Some(limit),
        q: args.query.clone(),
        ..ListQuery::default()
    };
    let page = clients::list(&env.ctx, &query).await.map_err(failed)?;
    let summary = match (&args.query, page.items.is_empty()) {
        (Some(q), true) => env.say(
            format!("Aucun client ne correspond à « {q} »."),
            format!("No client matches \"{q}\"."),
        ),
        (None, true) => env.say(
            "Vous n'avez encore aucun client.".into(),
            "You have no clients yet.".into(),
        ),
        (_, false) => env.say(
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

async fn get_client(env: &ToolEnv, args: &Value) -> ToolResult {
    let args: ClientRef = arguments(env, "get_client", args)?;
    let client = resolve(env, &args.client).await?;
    let summary = env.say(
        format!("Client : {}.", label(&client)),
        format!("Client: {}.", label(&client)),
    );
    Ok(ToolOutcome::success(
        summary,
        json!(client),
        ChangeSet::default(),
    ))
}

async fn create_client(env: &ToolEnv, args: &Value) -> ToolResult {
    let input: NewClient = arguments(env, "create_client", args)?;
    let (client, changes) = clients::create(&env.ctx, &input).await.map_err(|e| {
        failed(
            env,
            "Je n'ai pas créé le client",
            "I did not create the client",
            &e,
        )
    })?;
    let summary = env.say(
        format!("J'ai créé le client « {} ».", label(&client)),
        format!("I created the client \"{}\".", label(&client)),
    );
    Ok(ToolOutcome::success(summary, brief(&client), changes))
}

async fn update_client(env: &ToolEnv, args: &Value) -> ToolResult {
    let args: UpdateArgs = arguments(env, "update_client", args)?;
    let client = resolve(env, &args.client).await?;
    let patch = ClientPatch {
        version: client.version,
        name: args.name,
        email: args.email,
        phone: args.phone,
        kind: args.kind,
        notes: args.notes,
    };
    let (updated, changes) = clients::update(&env.ctx, &client.id, &patch)
        .await
        .map_err(|e| not_changed(env, &client.name, &e))?;
    let summary = if changes.is_empty() {
        env.say(
            format!("Rien à changer pour « {} ».", label(&updated)),
            format!("Nothing to change for \"{}\".", label(&updated)),
        )
    } else {
        env.say(
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
