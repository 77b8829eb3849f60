//! Equipment tools: list, show, add, update (status, condition, room).

use serde::Deserialize;
use serde_json::{Value, json};
use studio_domain::{ChangeSet, ListQuery, equipment};
use studio_wire::{Equipment, EquipmentCondition, EquipmentPatch, EquipmentStatus, NewEquipment};

use super::{
    Noun, Tool, ToolEnv, ToolOutcome, ToolResult, arguments, failed, not_changed, one, rooms,
};

const GEAR: Noun = Noun {
    fr: "équipement",
    fr_plural: "équipements",
    feminine: false,
    en: "equipment item",
};

pub fn tools() -> Vec<Tool> {
    let gear_ref =
        json!({"type": "string", "description": "Its name, brand, model, serial number or id."});
    let fields = json!({
        "name": {"type": "string"},
        "category": {"type": "string", "description": "microphone, preamp, console, instrument, …"},
        "brand": {"type": "string"},
        "model": {"type": "string"},
        "serial_number": {"type": "string"},
        "status": {"type": "string", "enum": ["operational", "maintenance", "out_of_service", "rented"]},
        "condition": {"type": "string", "enum": ["excellent", "good", "fair", "poor"]},
        "room": {"type": "string", "description": "The room's name or id; empty to clear."},
        "notes": {"type": "string"}
    });
    let mut update = fields.clone();
    update["equipment"] = gear_ref.clone();
    vec![
        Tool::new(
            "list_equipment",
            "List equipment, optionally matching a query (name, brand, model, serial) or in one status.",
            json!({"type": "object", "properties": {"query": {"type": "string"},
                "status": {"type": "string", "enum": ["operational", "maintenance", "out_of_service", "rented"]}}}),
            |env, args| Box::pin(list_equipment(env, args)),
        ),
        Tool::new(
            "get_equipment",
            "Show one piece of equipment: status, condition, room, notes.",
            json!({"type": "object", "properties": {"equipment": gear_ref}, "required": ["equipment"]}),
            |env, args| Box::pin(get_equipment(env, args)),
        ),
        Tool::new(
            "create_equipment",
            "Add a piece of equipment.",
            json!({"type": "object", "properties": fields, "required": ["name", "category"]}),
            |env, args| Box::pin(create_equipment(env, args)),
        ),
        Tool::new(
            "update_equipment",
            "Change a piece of equipment, e.g. put it into maintenance or back into service.",
            json!({"type": "object", "properties": update, "required": ["equipment"]}),
            |env, args| Box::pin(update_equipment(env, args)),
        ),
    ]
}

fn gear_label(item: &Equipment) -> String {
    match (&item.brand, &item.model) {
        (Some(b), Some(m)) => format!("{} ({b} {m})", item.name),
        _ => item.name.clone(),
    }
}

fn gear_brief(item: &Equipment) -> Value {
    json!({ "id": item.id, "name": item.name, "status": item.status, "room_id": item.room_id })
}

fn status_word(env: &ToolEnv, status: EquipmentStatus) -> &'static str {
    match status {
        EquipmentStatus::Operational => env.say("opérationnel", "operational"),
        EquipmentStatus::Maintenance => env.say("en maintenance", "in maintenance"),
        EquipmentStatus::OutOfService => env.say("hors service", "out of service"),
        EquipmentStatus::Rented => env.say("loué", "rented"),
    }
}

/// The one piece of equipment `reference` names.
pub(super) async fn resolve_gear(env: &ToolEnv, reference: &str) -> Result<Equipment, ToolOutcome> {
    let found = equipment::find(&env.ctx, reference)
        .await
        .map_err(|e| failed(env, "Recherche impossible", "Search failed", &e))?;
    one(env, &GEAR, reference, found, gear_label, gear_brief)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GearRef {
    equipment: String,
}

async fn get_equipment(env: &ToolEnv, args: &Value) -> ToolResult {
    let args: GearRef = arguments(env, "get_equipment", args)?;
    let item = resolve_gear(env, &args.equipment).await?;
    let summary = env.say(
        format!(
            "« {} » est {}.",
            gear_label(&item),
            status_word(env, item.status)
        ),
        format!(
            "\"{}\" is {}.",
            gear_label(&item),
            status_word(env, item.status)
        ),
    );
    Ok(ToolOutcome::success(
        summary,
        json!(item),
        ChangeSet::default(),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QueryArgs {
    #[serde(default)]
    query: Option<String>,
    #[serde(default)]
    status: Option<EquipmentStatus>,
}

async fn list_equipment(env: &ToolEnv, args: &Value) -> ToolResult {
    let args: QueryArgs = arguments(env, "list_equipment", args)?;
    let query = ListQuery {
        limit: Some(200),
        q: args.query,
        ..ListQuery::default()
    };
    let mut page = equipment::list(&env.ctx, &query)
        .await
        .map_err(|e| failed(env, "Lecture impossible", "Could not read equipment", &e))?;
    if let Some(status) = args.status {
        page.items.retain(|i| i.status == status);
    }
    if page.items.is_empty() {
        let summary = env.say("Aucun équipement.".into(), "No equipment.".into());
        return Ok(ToolOutcome::success(
            summary,
            json!([]),
            ChangeSet::default(),
        ));
    }
    let items = page
        .items
        .iter()
        .map(|i| format!("{} — {}", gear_label(i), status_word(env, i.status)))
        .collect::<Vec<_>>()
        .join(", ");
    let summary = env.say(
        format!("Équipement : {items}."),
        format!("Equipment: {items}."),
    );
    Ok(ToolOutcome::success(
        summary,
        json!(page.items.iter().map(gear_brief).collect::<Vec<_>>()),
        ChangeSet::default(),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct GearArgs {
    equipment: Option<String>,
    name: Option<String>,
    category: Option<String>,
    brand: Option<String>,
    model: Option<String>,
    serial_number: Option<String>,
    status: Option<EquipmentStatus>,
    condition: Option<EquipmentCondition>,
    room: Option<String>,
    notes: Option<String>,
}

/// A room reference as a room id ("" stays "", to clear).
async fn room_id(env: &ToolEnv, room: Option<String>) -> Result<Option<String>, ToolOutcome> {
    match room {
        Some(r) if !r.trim().is_empty() => Ok(Some(rooms::resolve(env, &r).await?.id)),
        other => Ok(other),
    }
}

async fn create_equipment(env: &ToolEnv, args: &Value) -> ToolResult {
    let args: GearArgs = arguments(env, "create_equipment", args)?;
    let input = NewEquipment {
        name: args.name.unwrap_or_default(),
        category: args.category.unwrap_or_default(),
        brand: args.brand,
        model: args.model,
        serial_number: args.serial_number,
        status: args.status.unwrap_or_default(),
        condition: args.condition.unwrap_or_default(),
        room_id: room_id(env, args.room).await?,
        notes: args.notes,
    };
    let (item, changes) = equipment::create(&env.ctx, &input).await.map_err(|e| {
        failed(
            env,
            "Je n'ai pas ajouté l'équipement",
            "I did not add the equipment",
            &e,
        )
    })?;
    let summary = env.say(
        format!("J'ai ajouté « {} ».", gear_label(&item)),
        format!("I added \"{}\".", gear_label(&item)),
    );
    Ok(ToolOutcome::success(summary, gear_brief(&item), changes))
}

async fn update_equipment(env: &ToolEnv, args: &Value) -> ToolResult {
    let args: GearArgs = arguments(env, "update_equipment", args)?;
    let item = resolve_gear(env, args.equipment.as_deref().unwrap_or_default()).await?;
    let patch = EquipmentPatch {
        version: item.version,
        name: args.name,
        category: args.category,
        brand: args.brand,
        model: args.model,
        serial_number: args.serial_number,
        status: args.status,
        condition: args.condition,
        room_id: room_id(env, args.room).await?,
        notes: args.notes,
    };
    let (updated, changes) = equipment::update(&env.ctx, &item.id, &patch)
        .await
        .map_err(|e| not_changed(env, &item.name, &e))?;
    let summary = env.say(
        format!(
            "« {} » est maintenant {}.",
            gear_label(&updated),
            status_word(env, updated.status)
        ),
        format!(
            "\"{}\" is now {}.",
            gear_label(&updated),
            status_word(env, updated.status)
        ),
    );
    Ok(ToolOutcome::success(summary, gear_brief(&updated), changes))
}
