//! Room tools: list, show, create, update (rename, rates, bookable).

use serde::Deserialize;
use serde_json::{Value, json};
use studio_domain::{ChangeSet, ListQuery, rooms};
use studio_wire::{NewRoom, Room, RoomKind, RoomPatch};

use super::{
    Amount, Noun, Tool, ToolEnv, ToolOutcome, ToolResult, arguments, failed, not_changed, one,
};

pub const ROOM: Noun = Noun {
    fr: "salle",
    fr_plural: "salles",
    feminine: true,
    en: "room",
};

pub fn tools() -> Vec<Tool> {
    let room_ref = json!({"type": "string", "description": "The room's name or id."});
    let fields = json!({
        "name": {"type": "string"},
        "kind": {"type": "string", "enum": ["recording", "mixing", "mastering", "rehearsal", "live"]},
        "hourly_rate": {"type": ["number", "string"], "description": "In the studio's currency, e.g. 50 or \"49.90\"."},
        "half_day_rate": {"type": ["number", "string"]},
        "day_rate": {"type": ["number", "string"]},
        "capacity": {"type": "integer"},
        "colour": {"type": "string", "description": "#rrggbb"},
        "active": {"type": "boolean"},
        "bookable": {"type": "boolean"}
    });
    let mut update = fields.clone();
    update["room"] = room_ref.clone();
    vec![
        Tool::new(
            "list_rooms",
            "List the studio's rooms with their rates.",
            json!({"type": "object", "properties": {}}),
            |env, _| Box::pin(list_rooms(env)),
        ),
        Tool::new(
            "get_room",
            "Show one room: kind, rates, capacity, whether it can be booked.",
            json!({"type": "object", "properties": {"room": room_ref}, "required": ["room"]}),
            |env, args| Box::pin(get_room(env, args)),
        ),
        Tool::new(
            "create_room",
            "Create a room. Half-day and day rates default to 4 and 8 hours at the hourly rate.",
            json!({"type": "object", "properties": fields, "required": ["name", "hourly_rate"]}),
            |env, args| Box::pin(create_room(env, args)),
        ),
        Tool::new(
            "update_room",
            "Change a room (rename, rates, make it inactive or not bookable). Give only what changes.",
            json!({"type": "object", "properties": update, "required": ["room"]}),
            |env, args| Box::pin(update_room(env, args)),
        ),
    ]
}

pub fn label(room: &Room) -> String {
    room.name.clone()
}

fn brief(room: &Room) -> Value {
    json!({ "id": room.id, "name": room.name, "hourly_rate": room.hourly_rate, "active": room.active, "bookable": room.bookable })
}

/// The one room `reference` names.
pub async fn resolve(env: &ToolEnv, reference: &str) -> Result<Room, ToolOutcome> {
    let found = rooms::find(&env.ctx, reference)
        .await
        .map_err(|e| failed(env, "Recherche impossible", "Search failed", &e))?;
    one(env, &ROOM, reference, found, label, brief)
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
        .map(|r| format!("{} ({}/h)", r.name, env.money(r.hourly_rate)))
        .collect::<Vec<_>>()
        .join(", ");
    let summary = env.say(format!("Salles : {names}."), format!("Rooms: {names}."));
    Ok(ToolOutcome::success(
        summary,
        json!(page.items.iter().map(brief).collect::<Vec<_>>()),
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
    let room = resolve(env, &args.room).await?;
    let bookable = if room.active && room.bookable {
        env.say("réservable", "bookable")
    } else {
        env.say("non réservable", "not bookable")
    };
    let (hour, half, day) = (
        env.money(room.hourly_rate),
        env.money(room.half_day_rate),
        env.money(room.day_rate),
    );
    let summary = env.say(
        format!(
            "{} : {hour}/h, demi-journée {half}, journée {day}, {bookable}.",
            room.name
        ),
        format!(
            "{}: {hour}/h, half day {half}, day {day}, {bookable}.",
            room.name
        ),
    );
    Ok(ToolOutcome::success(
        summary,
        json!(room),
        ChangeSet::default(),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct RoomArgs {
    room: Option<String>,
    name: Option<String>,
    kind: Option<RoomKind>,
    hourly_rate: Option<Amount>,
    half_day_rate: Option<Amount>,
    day_rate: Option<Amount>,
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
        hourly_rate: args.hourly_rate.map(|a| a.0).unwrap_or_default(),
        half_day_rate: args.half_day_rate.map(|a| a.0),
        day_rate: args.day_rate.map(|a| a.0),
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
    Ok(ToolOutcome::success(summary, brief(&room), changes))
}

async fn update_room(env: &ToolEnv, args: &Value) -> ToolResult {
    let args: RoomArgs = arguments(env, "update_room", args)?;
    let room = resolve(env, args.room.as_deref().unwrap_or_default()).await?;
    let patch = RoomPatch {
        version: room.version,
        name: args.name,
        kind: args.kind,
        hourly_rate: args.hourly_rate.map(|a| a.0),
        half_day_rate: args.half_day_rate.map(|a| a.0),
        day_rate: args.day_rate.map(|a| a.0),
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
    Ok(ToolOutcome::success(summary, brief(&updated), changes))
}
