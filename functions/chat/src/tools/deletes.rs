//! Deletion tools: a client, a room, an item of equipment, a project, a draft invoice. Each is destructive, so
//! the turn only proposes it (see `pending`); it runs when a person confirms, on the version they saw.

use futures::future::BoxFuture;
use serde::Deserialize;
use serde_json::{Value, json};
use studio_domain::{ChangeSet, DomainError, clients, equipment, invoices, projects, rooms};

use super::{Tool, ToolEnv, ToolOutcome, ToolResult, arguments, failed};

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct Target {
    target: String,
}

fn tool(
    name: &'static str,
    description: &'static str,
    what: &'static str,
    run: for<'a> fn(&'a ToolEnv, &'a Value) -> BoxFuture<'a, ToolResult>,
) -> Tool {
    let parameters = json!({
        "type": "object",
        "properties": {"target": {"type": "string", "description": what}},
        "required": ["target"]
    });
    Tool::new(name, description, parameters, run)
}

pub fn tools() -> Vec<Tool> {
    vec![
        tool(
            "delete_client",
            "Delete a client (refused while sessions, invoices or projects refer to it).",
            "The client's name, email or id.",
            |env, args| Box::pin(delete_client(env, args)),
        ),
        tool(
            "delete_room",
            "Delete a room (refused while sessions refer to it).",
            "The room's name or id.",
            |env, args| Box::pin(delete_room(env, args)),
        ),
        tool(
            "delete_equipment",
            "Delete an item of equipment.",
            "The item's name or id.",
            |env, args| Box::pin(delete_equipment(env, args)),
        ),
        tool(
            "delete_project",
            "Delete a project (refused while sessions or invoices refer to it).",
            "The project's name or id.",
            |env, args| Box::pin(delete_project(env, args)),
        ),
        tool(
            "delete_invoice",
            "Delete a draft invoice (an issued one is cancelled with a credit note instead).",
            "The invoice's number, id, or its client's name for their draft.",
            |env, args| Box::pin(delete_invoice(env, args)),
        ),
    ]
}

fn target(env: &ToolEnv, tool: &str, args: &Value) -> Result<String, ToolOutcome> {
    Ok(arguments::<Target>(env, tool, args)?.target)
}

/// The outcome of a deletion of `name` (e.g. "le client « Cache Test »" / "the client \"Cache Test\"").
fn deleted(
    env: &ToolEnv,
    name: (String, String),
    result: Result<ChangeSet, DomainError>,
) -> ToolResult {
    match result {
        Ok(changes) => Ok(ToolOutcome::success(
            env.say(
                format!("J'ai supprimé {}.", name.0),
                format!("I deleted {}.", name.1),
            ),
            json!({ "deleted": true }),
            changes,
        )),
        Err(error) => Err(failed(
            env,
            &format!("Je n'ai pas supprimé {}", name.0),
            &format!("I did not delete {}", name.1),
            &error,
        )),
    }
}

async fn delete_client(env: &ToolEnv, args: &Value) -> ToolResult {
    let client = super::clients::resolve(env, &target(env, "delete_client", args)?).await?;
    let result = clients::delete(&env.ctx, &client.id, Some(client.version)).await;
    let name = &client.name;
    deleted(
        env,
        (
            format!("le client « {name} »"),
            format!("the client \"{name}\""),
        ),
        result,
    )
}

async fn delete_room(env: &ToolEnv, args: &Value) -> ToolResult {
    let room = super::rooms::resolve(env, &target(env, "delete_room", args)?).await?;
    let result = rooms::delete(&env.ctx, &room.id, Some(room.version)).await;
    let name = &room.name;
    deleted(
        env,
        (
            format!("la salle « {name} »"),
            format!("the room \"{name}\""),
        ),
        result,
    )
}

async fn delete_equipment(env: &ToolEnv, args: &Value) -> ToolResult {
    let item = super::equipment::resolve_gear(env, &target(env, "delete_equipment", args)?).await?;
    let result = equipment::delete(&env.ctx, &item.id, Some(item.version)).await;
    let name = &item.name;
    deleted(
        env,
        (
            format!("l'équipement « {name} »"),
            format!("the item \"{name}\""),
        ),
        result,
    )
}

async fn delete_project(env: &ToolEnv, args: &Value) -> ToolResult {
    let project = super::projects::resolve(env, &target(env, "delete_project", args)?).await?;
    let result = projects::delete(&env.ctx, &project.id, Some(project.version)).await;
    let title = &project.name;
    deleted(
        env,
        (
            format!("le projet « {title} »"),
            format!("the project \"{title}\""),
        ),
        result,
    )
}

async fn delete_invoice(env: &ToolEnv, args: &Value) -> ToolResult {
    let invoice = super::invoices::resolve(env, &target(env, "delete_invoice", args)?).await?;
    let result = invoices::delete(&env.ctx, &invoice.id, Some(invoice.version)).await;
    let name = super::invoices::label(&invoice);
    deleted(
        env,
        (format!("la facture {name}"), format!("the invoice {name}")),
        result,
    )
}
