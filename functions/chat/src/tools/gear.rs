//! Room and equipment tools: list, create, update (rename, rates, bookable; status, condition, room).

use serde::Deserialize;
use serde_json::{Value, json};
use studio_domain::{ChangeSet, ListQuery, equipment, rooms};
use studio_wire::{
    Equipment, EquipmentCondition, EquipmentPatch, EquipmentStatus, NewEquipment, NewRoom, Room,
    RoomKind, RoomPatch,
};

use super::{Noun, ToolEnv, ToolOutcome, ToolResult, arguments, failed, not_changed, one};
use crate::model::ToolSpec;

pub const ROOM: Noun = Noun {
    fr: "salle",
    en: "room",
};
const GEAR: Noun = Noun {
    fr: "équipement",
    en: "equipment item",
};

pub fn specs() -> Vec<ToolSpec> {
    let room_fields = json!({
        "name": {"type": "string"},
        "kind": {"type": "string", "enum": ["recording", "mixing", "mastering", "rehearsal", "live"]},
        "hourly_rate": {"type": "number", "description": "In the studio's currency (e.g. 50 for 50.00 €)."},
        "half_day_rate": {"type": "number"},
        "day_rate": {"type": "number"},
        "capacity": {"type": "integer"},
        "colour": {"type": "string", "description": "#rrggbb"},
        "active": {"type": "boolean"},
        "bookable": {"type": "boolean"}
    });
    let mut room_update = room_fields.clone();
    room_update["room"] = json!({"type": "string", "description": "The room's name or id."});
    let gear_fields = json!({
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
    let mut gear_update = gear_fields.clone();
    gear_update["equipment"] =
        json!({"type": "string", "description": "Its name, brand, model, serial number or id."});
    vec![
        ToolSpec {
            name: "list_rooms",
            description: "List the studio's rooms with their rates.",
            parameters: json!({"type": "object", "properties": {}}),
        },
        ToolSpec {
            name: "get_room",
            description: "Show one room: kind, rates, capacity, whether it can be booked.",
            parameters: json!({"type": "object", "properties": {"room": {"type": "string", "description": "The room's name or id."}}, "required": ["room"]}),
        },
        ToolSpec {
            name: "create_room",
            description: "Create a room. Half-day and day rates default to 4 and 8 hours at the hourly rate.",
            parameters: json!({"type": "object", "properties": room_fields, "required": ["name", "hourly_rate"]}),
        },
        ToolSpec {
            name: "update_room",
            description: "Change a room (rename, rates, make it inactive or not bookable). Give only what changes.",
            parameters: json!({"type": "object", "properties": room_update, "required": ["room"]}),
        },
        ToolSpec {
            name: "list_equipment",
            description: "List equipment, optionally matching a query (name, brand, model, serial).",
            parameters: json!({"type": "object", "properties": {"query": {"type": "string"}}}),
        },
        ToolSpec {
            name: "get_equipment",
            description: "Show one piece of equipment: status, condition, room, notes.",
            parameters: json!({"type": "object", "properties": {"equipment": {"type": "string", "description": "Its name, brand, model, serial number or id."}}, "required": ["equipment"]}),
        },
        ToolSpec {
            name: "create_equipment",
            description: "Add a piece of equipment.",
            parameters: json!({"type": "object", "properties": gear_fields, "required": ["name", "category"]}),
        },
        ToolSpec {
            name: "update_equipment",
            description: "Change a piece of equipment, e.g. put it into maintenance or back into service.",
            parameters: json!({"type": "object", "properties": gear_update, "required": ["equipment"]}),
        },
    ]
}

fn cents(amount: Option<f64>) -> Option<i64> {
    amount.map(|a| (a * 100.0).round() as i64)
}

fn money(cents: i64) -> String {
    format!("{}.{:02} €", cents / 100, cents % 100)
}

pub fn room_label(room: &Room) -> String {
    room.name.clone()
}

fn room_brief(room: &Room) -> Value {
    json!({ "id": room.id, "name": room.name, "hourly_rate": money(room.hourly_rate), "active": room.active, "bookable": room.bookable })
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

/// The one room `reference` names.
pub async fn resolve_room(env: &ToolEnv, reference: &str) -> Result<Room, ToolOutcome> {
    let found = rooms::find(&env.ctx, reference)
        .await
        .map_err(|e| failed(env, "Recherche impossible", "Search failed", &e))?;
    one(env, &ROOM, reference, found, room_label, room_brief)
}

fn status_word(env: &ToolEnv, status: EquipmentStatus) -> &'static str {
    match status {
        EquipmentStatus::Operational => env.say("opérationnel", "operational"),
        EquipmentStatus::Maintenance => env.say("en maintenance", "in maintenance"),
        EquipmentStatus::OutOfService => env.say("hors service", "out of service"),
        EquipmentStatus::Rented => env.say("loué", "rented"),
    }
}

pub async fn run(env: &ToolEnv, name: &str, args: &Value) -> Option<ToolResult> {
    Some(match name {
        "list_rooms" => list_rooms(env).await,
        "get_room" => get_room(env, args).await,
        "get_equipment" => get_equipment(env, args).await,
        "create_room" => create_room(env, args).await,
        "update_room" => update_room(env, args).await,
        "list_equipment" => list_equipment(env, args).await,
        "create_equipment" => create_equipment(env, args).await,
        "update_equipment" => update_equipment(env, args).await,
        _ => return None,
    })
}

async fn list_rooms(env: &ToolEnv) -> ToolResult {
    let query = ListQuery {
        limit: Some(200),
        ..ListQuery::default()
    };
    let page = rooms::list(&env.ctx, &query)
        .await
        .map_err(|e| failed(env, "Lecture impossible", "Could not read rooms", &e))?;
    let names = page
        .items
        .iter()
        .map(|r| format!("{} ({}/h)", r.name, money(r.hourly_rate)))
        .collect::<Vec<_>>()
        .join(", ");
    let summary = env.say(format!("Salles : {names}."), format!("Rooms: {names}."));
    Ok(ToolOutcome::success(
        summary,
        json!(page.items.iter().map(room_brief).collect::<Vec<_>>()),
        ChangeSet::default(),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoomRef {
    room: String,
}

async fn get_room(env: &ToolEnv, args: &Value) -> ToolResult {
    let args: RoomRef = arguments(env, "get_room", args)?;
    let room = resolve_room(env, &args.room).await?;
    let bookable = if room.active && room.bookable {
        env.say("réservable", "bookable")
    } else {
        env.say("non réservable", "not bookable")
    };
    let summary = env.say(
        format!(
            "{} : {}/h, demi-journée {}, journée {}, {bookable}.",
            room.name,
            money(room.hourly_rate),
            money(room.half_day_rate),
            money(room.day_rate)
        ),
        format!(
            "{}: {}/h, half day {}, day {}, {bookable}.",
            room.name,
            money(room.hourly_rate),
            money(room.half_day_rate),
            money(room.day_rate)
        ),
    );
    Ok(ToolOutcome::success(
        summary,
        serde_json::to_value(&room).expect("serialises"),
        ChangeSet::default(),
    ))
}

/// The one piece of equipment `reference` names.
async fn resolve_gear(env: &ToolEnv, reference: &str) -> Result<Equipment, ToolOutcome> {
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
        serde_json::to_value(&item).expect("serialises"),
        ChangeSet::default(),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoomArgs {
    room: Option<String>,
    name: Option<String>,
    kind: Option<RoomKind>,
    hourly_rate: Option<f64>,
    half_day_rate: Option<f64>,
    day_rate: Option<f64>,
    capacity: Option<u32>,
    colour: Option<String>,
    active: Option<bool>,
    bookable: Option<bool>,
}

async fn create_room(env: &ToolEnv, args: &Value) -> ToolResult {
    let args: RoomArgs = arguments(env, "create_room", args)?;
    let input = NewRoom {
        name: args.name.unwrap_or_default(),
        kind: args.kind.unwrap_or_default(),
        hourly_rate: cents(args.hourly_rate).unwrap_or(-1),
        half_day_rate: cents(args.half_day_rate),
        day_rate: cents(args.day_rate),
        capacity: args.capacity,
        colour: args.colour,
        active: args.active,
        bookable: args.bookable,
    };
    let (room, changes) = rooms::create(&env.ctx, &input).await.map_err(|e| {
        failed(
            env,
            "Je n'ai pas créé la salle",
            "I did not create the room",
            &e,
        )
    })?;
    let summary = env.say(
        format!("J'ai créé la salle « {} ».", room.name),
        format!("I created the room \"{}\".", room.name),
    );
    Ok(ToolOutcome::success(summary, room_brief(&room), changes))
}

async fn update_room(env: &ToolEnv, args: &Value) -> ToolResult {
    let args: RoomArgs = arguments(env, "update_room", args)?;
    let room = resolve_room(env, args.room.as_deref().unwrap_or_default()).await?;
    let patch = RoomPatch {
        version: room.version,
        name: args.name,
        kind: args.kind,
        hourly_rate: cents(args.hourly_rate),
        half_day_rate: cents(args.half_day_rate),
        day_rate: cents(args.day_rate),
        capacity: args.capacity,
        colour: args.colour,
        active: args.active,
        bookable: args.bookable,
    };
    let (updated, changes) = rooms::update(&env.ctx, &room.id, &patch)
        .await
        .map_err(|e| not_changed(env, &room.name, &e))?;
    let summary = env.say(
        format!("J'ai mis à jour la salle « {} ».", updated.name),
        format!("I updated the room \"{}\".", updated.name),
    );
    Ok(ToolOutcome::success(summary, room_brief(&updated), changes))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct QueryArgs {
    query: Option<String>,
}

async fn list_equipment(env: &ToolEnv, args: &Value) -> ToolResult {
    let args: QueryArgs = arguments(env, "list_equipment", args)?;
    let query = ListQuery {
        limit: Some(200),
        q: args.query,
        ..ListQuery::default()
    };
    let page = equipment::list(&env.ctx, &query)
        .await
        .map_err(|e| failed(env, "Lecture impossible", "Could not read equipment", &e))?;
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
        Some(r) if !r.trim().is_empty() => Ok(Some(resolve_room(env, &r).await?.id)),
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
