//! Rooms: name unique per studio (ignoring case and accents), rates in minor units, bookable flags.
//!
//! A room with sessions cannot be deleted (its reference counter, written by every booking, says so in the same
//! transaction); mark it inactive instead.

use studio_wire::{NewRoom, Page, Room, RoomKind, RoomPatch};

use crate::macros::{crud_service, entity};
use crate::{
    ChangeSet, Ctx, DomainError,
    entity::{self, ListQuery, Unique},
    refs::Refs,
    text::fold,
    tx::Tx,
    validate::{Errors, required},
};

entity!(Room, resource = "rooms", prefix = "ROOM#", label = "Room");

const NAMES: Unique = Unique { kind: "ROOM_NAME" };
const NAME_MAX: usize = 100;
/// 1,000,000.00 in minor units: far above any real rate, low enough that prices never overflow.
const RATE_MAX: i64 = 100_000_000;

fn searchable(room: &Room) -> Vec<&str> {
    vec![&room.name]
}

fn rate(label: &str, value: i64) -> Result<i64, String> {
    if (0..=RATE_MAX).contains(&value) {
        Ok(value)
    } else {
        Err(format!(
            "The {label} must be between 0 and {RATE_MAX} (in cents)."
        ))
    }
}

fn capacity(value: u32) -> Result<u32, String> {
    if (1..=1000).contains(&value) {
        Ok(value)
    } else {
        Err("The capacity must be between 1 and 1000 people.".into())
    }
}

fn colour(raw: &str) -> Result<String, String> {
    let value = raw.trim().to_lowercase();
    let ok = value.len() == 7
        && value.starts_with('#')
        && value[1..].chars().all(|c| c.is_ascii_hexdigit());
    if ok {
        Ok(value)
    } else {
        Err(format!("\"{raw}\" is not a colour like #5b3df5."))
    }
}

fn duplicate(name: &str) -> DomainError {
    DomainError::Duplicate {
        field: "name",
        message: format!("Another room is already called {name}."),
    }
}

/// Applies the new values to `room`, checking every field and collecting the errors.
fn apply(room: &mut Room, patch: &RoomPatch) -> Result<(), DomainError> {
    let mut errors = Errors::default();
    if let Some(name) = &patch.name {
        errors.set("name", required("name", name, NAME_MAX), &mut room.name);
    }
    room.kind = patch.kind.unwrap_or(room.kind);
    for (field, value, slot) in [
        ("hourly_rate", patch.hourly_rate, &mut room.hourly_rate),
        (
            "half_day_rate",
            patch.half_day_rate,
            &mut room.half_day_rate,
        ),
        ("day_rate", patch.day_rate, &mut room.day_rate),
    ] {
        if let Some(value) = value {
            errors.set(field, rate(&field.replace('_', " "), value), slot);
        }
    }
    if let Some(value) = patch.capacity {
        errors.set("capacity", capacity(value), &mut room.capacity);
    }
    if let Some(value) = &patch.colour {
        errors.set("colour", colour(value), &mut room.colour);
    }
    room.active = patch.active.unwrap_or(room.active);
    room.bookable = patch.bookable.unwrap_or(room.bookable);
    errors.finish()
}

pub async fn create(ctx: &Ctx, input: &NewRoom) -> Result<(Room, ChangeSet), DomainError> {
    let now = ctx.now();
    let hourly = input.hourly_rate;
    let mut room = Room {
        id: ctx.new_id(),
        name: String::new(),
        kind: RoomKind::default(),
        hourly_rate: 0,
        half_day_rate: 0,
        day_rate: 0,
        capacity: 1,
        colour: "#5b3df5".into(),
        active: true,
        bookable: true,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    let patch = RoomPatch {
        version: 1,
        name: Some(input.name.clone()),
        kind: Some(input.kind),
        hourly_rate: Some(hourly),
        half_day_rate: Some(input.half_day_rate.unwrap_or(hourly.saturating_mul(4))),
        day_rate: Some(input.day_rate.unwrap_or(hourly.saturating_mul(8))),
        capacity: input.capacity,
        colour: input.colour.clone(),
        active: input.active,
        bookable: input.bookable,
    };
    apply(&mut room, &patch)?;
    let mut tx = Tx::default();
    NAMES.claim(
        &mut tx,
        ctx,
        &fold(&room.name),
        &room.id,
        duplicate(&room.name),
    );
    entity::insert(&mut tx, ctx, &room);
    let changes = tx.commit(ctx).await?;
    Ok((room, changes))
}

pub async fn update(
    ctx: &Ctx,
    id: &str,
    patch: &RoomPatch,
) -> Result<(Room, ChangeSet), DomainError> {
    let current: Room = entity::get(ctx, id).await?;
    let mut room = current.clone();
    apply(&mut room, patch)?;
    entity::check_version(&current, Some(patch.version))?;
    if room == current {
        return Ok((current, ChangeSet::default()));
    }
    let mut tx = Tx::default();
    let (old_name, new_name) = (fold(&current.name), fold(&room.name));
    if old_name != new_name {
        NAMES.release(&mut tx, ctx, &old_name, entity::stale::<Room>(id));
        NAMES.claim(&mut tx, ctx, &new_name, id, duplicate(&room.name));
    }
    room.updated_at = ctx.now();
    entity::replace(&mut tx, ctx, &mut room, current.version);
    let changes = tx.commit(ctx).await?;
    Ok((room, changes))
}

pub async fn delete(ctx: &Ctx, id: &str, version: Option<u64>) -> Result<ChangeSet, DomainError> {
    let current: Room = entity::get(ctx, id).await?;
    entity::check_version(&current, version)?;
    let mut tx = Tx::default();
    Refs::room(ctx, id)
        .require_none(
            &mut tx,
            ctx,
            "This room has sessions; mark it inactive instead of deleting it.",
        )
        .await?;
    NAMES.release(
        &mut tx,
        ctx,
        &fold(&current.name),
        entity::stale::<Room>(id),
    );
    entity::remove(&mut tx, ctx, &current);
    tx.commit(ctx).await
}

pub async fn list(ctx: &Ctx, query: &ListQuery) -> Result<Page<Room>, DomainError> {
    entity::list(ctx, query, searchable).await
}

/// The rooms a person may mean by `reference` (id or name).
pub async fn find(ctx: &Ctx, reference: &str) -> Result<Vec<Room>, DomainError> {
    entity::find_by_name::<Room>(ctx, reference, |r| &r.name, searchable).await
}

crud_service!(
    /// The rooms service as the API mounts it.
    Rooms: Room, NewRoom, RoomPatch, ListQuery
);
