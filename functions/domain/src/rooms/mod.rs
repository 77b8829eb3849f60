//! Rooms: name unique per studio (ignoring case and accents), rates as money, bookable flags.
//!
//! A room with sessions cannot be deleted (its reference counter, written by every booking, says so in the same
//! transaction); mark it inactive instead.

mod fields;

use async_trait::async_trait;
use studio_wire::{Money, NewRoom, Page, Problem, Room, RoomKind, RoomPatch};

pub use fields::{Colour, RoomFields};

use crate::{
    ChangeSet, Crud, Ctx, DomainError,
    entity::{self, Entity, ListQuery, Unique},
    refs::Refs,
    text::fold,
    tx::Tx,
};

impl Entity for Room {
    const RESOURCE: &'static str = "rooms";
    const PREFIX: &'static str = "ROOM#";

    fn id(&self) -> &str {
        &self.id
    }
    fn version(&self) -> u64 {
        self.version
    }
    fn set_version(&mut self, version: u64) {
        self.version = version;
    }
}

const NAMES: Unique = Unique { kind: "ROOM_NAME" };

fn searchable(room: &Room) -> Vec<&str> {
    vec![&room.name]
}

fn duplicate(name: &str) -> DomainError {
    Problem::Duplicate {
        resource: Room::RESOURCE.to_owned(),
        field: "name".to_owned(),
        value: name.to_owned(),
    }
    .into()
}

pub async fn create(ctx: &Ctx, input: &NewRoom) -> Result<(Room, ChangeSet), DomainError> {
    let fields = RoomFields::parse(input)?;
    let now = ctx.now();
    let mut room = Room {
        id: ctx.new_id(),
        name: String::new(),
        kind: RoomKind::default(),
        hourly_rate: Money::ZERO,
        half_day_rate: Money::ZERO,
        day_rate: Money::ZERO,
        capacity: 1,
        colour: String::new(),
        active: true,
        bookable: true,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    fields.write(&mut room);
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

pub async fn get(ctx: &Ctx, id: &str) -> Result<Room, DomainError> {
    entity::get(ctx, id).await
}

/// Applies `patch` if `patch.version` is still the stored one. Writes nothing when nothing changes.
pub async fn update(
    ctx: &Ctx,
    id: &str,
    patch: &RoomPatch,
) -> Result<(Room, ChangeSet), DomainError> {
    let current: Room = entity::get(ctx, id).await?;
    let before = RoomFields::stored(&current);
    let after = before.patched(patch)?;
    entity::check_version(&current, Some(patch.version))?;
    if after == before {
        return Ok((current, ChangeSet::default()));
    }
    let mut tx = Tx::default();
    let (old_name, new_name) = (fold(&before.name), fold(&after.name));
    if old_name != new_name {
        NAMES.release(&mut tx, ctx, &old_name, entity::stale::<Room>(id));
        NAMES.claim(&mut tx, ctx, &new_name, id, duplicate(&after.name));
    }
    let mut room = current.clone();
    after.write(&mut room);
    room.updated_at = ctx.now();
    entity::replace(&mut tx, ctx, &current, &mut room);
    let changes = tx.commit(ctx).await?;
    Ok((room, changes))
}

/// Deletes a room without sessions and frees its name. With `version`, only if nobody changed it since.
pub async fn delete(ctx: &Ctx, id: &str, version: Option<u64>) -> Result<ChangeSet, DomainError> {
    let current: Room = entity::get(ctx, id).await?;
    entity::check_version(&current, version)?;
    let mut tx = Tx::default();
    Refs::room(ctx, id).require_none(&mut tx, ctx).await?;
    Refs::room_equipment(ctx, id)
        .require_none(&mut tx, ctx)
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

/// The rooms service as the API mounts it.
pub struct Rooms;

#[async_trait]
impl Crud for Rooms {
    type Entity = Room;
    type New = NewRoom;
    type Patch = RoomPatch;
    type Query = ListQuery;

    async fn get(ctx: &Ctx, id: &str) -> Result<Room, DomainError> {
        get(ctx, id).await
    }
    async fn create(ctx: &Ctx, input: &NewRoom) -> Result<(Room, ChangeSet), DomainError> {
        create(ctx, input).await
    }
    async fn update(
        ctx: &Ctx,
        id: &str,
        patch: &RoomPatch,
    ) -> Result<(Room, ChangeSet), DomainError> {
        update(ctx, id, patch).await
    }
    async fn delete(ctx: &Ctx, id: &str, version: Option<u64>) -> Result<ChangeSet, DomainError> {
        delete(ctx, id, version).await
    }
    async fn list(ctx: &Ctx, query: &ListQuery) -> Result<Page<Room>, DomainError> {
        list(ctx, query).await
    }
}

#[cfg(test)]
mod tests {
    use studio_wire::{ClientKind, NewClient, NewSession, Problem, SessionStatus};

    use super::*;
    use crate::{clients, sessions, testing::ctx};

    fn room(name: &str) -> NewRoom {
        NewRoom {
            name: name.into(),
            hourly_rate: Money(5_000),
            ..NewRoom::default()
        }
    }

    #[tokio::test]
    async fn room_names_are_unique_ignoring_case_and_accents() {
        let ctx = ctx();
        let (a, _) = create(&ctx, &room("Studio À")).await.unwrap();
        let refused = create(&ctx, &room("studio a")).await.unwrap_err();
        assert_eq!(
            refused,
            DomainError::Refused(Problem::Duplicate {
                resource: "rooms".into(),
                field: "name".into(),
                value: "studio a".into()
            })
        );
        let (b, _) = create(&ctx, &room("Studio B")).await.unwrap();
        let rename = |name: &str, room: &Room| RoomPatch {
            version: room.version,
            name: Some(name.into()),
            ..RoomPatch::default()
        };
        assert!(update(&ctx, &b.id, &rename("STUDIO A", &b)).await.is_err());
        let (a, _) = update(&ctx, &a.id, &rename("Studio a", &a)).await.unwrap();
        delete(&ctx, &a.id, Some(a.version)).await.unwrap();
        assert!(
            create(&ctx, &room("Studio A")).await.is_ok(),
            "a deleted room frees its name"
        );
    }

    #[tokio::test]
    async fn a_room_with_sessions_cannot_be_deleted_but_can_be_made_inactive() {
        let ctx = ctx();
        let (room, _) = create(&ctx, &room("Studio A")).await.unwrap();
        let client = NewClient {
            name: "Léa Martin".into(),
            kind: ClientKind::Individual,
            ..NewClient::default()
        };
        let (client, _) = clients::create(&ctx, &client).await.unwrap();
        let start: jiff::Timestamp = "2027-03-10T10:00:00Z".parse().unwrap();
        let booking = NewSession {
            title: None,
            client_id: client.id,
            room_id: room.id.clone(),
            project_id: None,
            start,
            end: start + jiff::SignedDuration::from_hours(2),
            status: SessionStatus::Scheduled,
            engineer: None,
            notes: None,
        };
        sessions::create(&ctx, &booking).await.unwrap();
        assert_eq!(
            delete(&ctx, &room.id, Some(room.version)).await,
            Err(DomainError::Refused(Problem::InUse {
                resource: "rooms".into(),
                dependents: "sessions".into()
            }))
        );
        let inactive = RoomPatch {
            version: room.version,
            active: Some(false),
            ..RoomPatch::default()
        };
        let (room, _) = update(&ctx, &room.id, &inactive).await.unwrap();
        assert!(!room.active);
    }
}
