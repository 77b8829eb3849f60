//! Equipment: the studio's gear, its status (operational, in maintenance, …) and where it lives.

mod fields;

use async_trait::async_trait;
use studio_wire::{Equipment, EquipmentPatch, FieldProblem, NewEquipment, Page, Room};

pub use fields::EquipmentFields;

use crate::{
    ChangeSet, Crud, Ctx, DomainError,
    entity::{self, Entity, ListQuery},
    refs::Refs,
    tx::Tx,
};

impl Entity for Equipment {
    const RESOURCE: &'static str = "equipment";
    const PREFIX: &'static str = "EQUIPMENT#";

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

fn searchable(item: &Equipment) -> Vec<&str> {
    [
        Some(&item.name),
        Some(&item.category),
        item.brand.as_ref(),
        item.model.as_ref(),
        item.serial_number.as_ref(),
    ]
    .into_iter()
    .flatten()
    .map(String::as_str)
    .collect()
}

/// Refuses a room that does not exist (when the room changes).
async fn check_room(ctx: &Ctx, room_id: Option<&str>) -> Result<(), DomainError> {
    let Some(room_id) = room_id else {
        return Ok(());
    };
    match entity::get::<Room>(ctx, room_id).await {
        Ok(_) => Ok(()),
        Err(e) if e.is_not_found() => Err(DomainError::field(
            "room_id",
            FieldProblem::NoSuch {
                resource: Room::RESOURCE.to_owned(),
                value: room_id.to_owned(),
            },
        )),
        Err(e) => Err(e),
    }
}

pub async fn create(
    ctx: &Ctx,
    input: &NewEquipment,
) -> Result<(Equipment, ChangeSet), DomainError> {
    let fields = EquipmentFields::parse(input)?;
    check_room(ctx, fields.room_id.as_deref()).await?;
    let now = ctx.now();
    let mut item = Equipment {
        id: ctx.new_id(),
        name: String::new(),
        category: String::new(),
        brand: None,
        model: None,
        serial_number: None,
        status: input.status,
        condition: input.condition,
        room_id: None,
        notes: None,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    fields.write(&mut item);
    let mut tx = Tx::default();
    // The room's counter, in the same transaction: the room cannot be deleted from under its equipment.
    Refs::move_ref(
        &mut tx,
        ctx,
        Refs::room_equipment,
        None,
        item.room_id.as_deref(),
    )
    .await?;
    entity::insert(&mut tx, ctx, &item);
    let changes = tx.commit(ctx).await?;
    Ok((item, changes))
}

pub async fn get(ctx: &Ctx, id: &str) -> Result<Equipment, DomainError> {
    entity::get(ctx, id).await
}

/// Applies `patch` if `patch.version` is still the stored one. Writes nothing when nothing changes.
pub async fn update(
    ctx: &Ctx,
    id: &str,
    patch: &EquipmentPatch,
) -> Result<(Equipment, ChangeSet), DomainError> {
    let current: Equipment = entity::get(ctx, id).await?;
    let before = EquipmentFields::stored(&current);
    let after = before.patched(patch)?;
    if after.room_id != before.room_id {
        check_room(ctx, after.room_id.as_deref()).await?;
    }
    entity::check_version(&current, Some(patch.version))?;
    if after == before {
        return Ok((current, ChangeSet::default()));
    }
    let mut item = current.clone();
    after.write(&mut item);
    item.updated_at = ctx.now();
    let mut tx = Tx::default();
    let (from, to) = (current.room_id.as_deref(), item.room_id.as_deref());
    Refs::move_ref(&mut tx, ctx, Refs::room_equipment, from, to).await?;
    entity::replace(&mut tx, ctx, &current, &mut item);
    let changes = tx.commit(ctx).await?;
    Ok((item, changes))
}

pub async fn delete(ctx: &Ctx, id: &str, version: Option<u64>) -> Result<ChangeSet, DomainError> {
    let current: Equipment = entity::get(ctx, id).await?;
    entity::check_version(&current, version)?;
    let mut tx = Tx::default();
    Refs::move_ref(
        &mut tx,
        ctx,
        Refs::room_equipment,
        current.room_id.as_deref(),
        None,
    )
    .await?;
    entity::remove(&mut tx, ctx, &current);
    tx.commit(ctx).await
}

pub async fn list(ctx: &Ctx, query: &ListQuery) -> Result<Page<Equipment>, DomainError> {
    entity::list(ctx, query, searchable).await
}

/// The equipment a person may mean by `reference`: id, name, or any of brand/model/serial ("U87").
pub async fn find(ctx: &Ctx, reference: &str) -> Result<Vec<Equipment>, DomainError> {
    entity::find_by_name::<Equipment>(ctx, reference, |e| &e.name, searchable).await
}

/// The equipment service as the API mounts it.
pub struct EquipmentService;

#[async_trait]
impl Crud for EquipmentService {
    type Entity = Equipment;
    type New = NewEquipment;
    type Patch = EquipmentPatch;
    type Query = ListQuery;

    async fn get(ctx: &Ctx, id: &str) -> Result<Equipment, DomainError> {
        get(ctx, id).await
    }
    async fn create(
        ctx: &Ctx,
        input: &NewEquipment,
    ) -> Result<(Equipment, ChangeSet), DomainError> {
        create(ctx, input).await
    }
    async fn update(
        ctx: &Ctx,
        id: &str,
        patch: &EquipmentPatch,
    ) -> Result<(Equipment, ChangeSet), DomainError> {
        update(ctx, id, patch).await
    }
    async fn delete(ctx: &Ctx, id: &str, version: Option<u64>) -> Result<ChangeSet, DomainError> {
        delete(ctx, id, version).await
    }
    async fn list(ctx: &Ctx, query: &ListQuery) -> Result<Page<Equipment>, DomainError> {
        list(ctx, query).await
    }
}

#[cfg(test)]
mod tests {
    use studio_wire::{FieldProblem, Money, NewRoom};

    use super::*;
    use crate::{rooms, testing::ctx};

    #[tokio::test]
    async fn equipment_lives_in_a_room_that_exists_or_in_none() {
        let ctx = ctx();
        let gear = |room_id: Option<&str>| NewEquipment {
            name: "Neumann U87".into(),
            category: "microphone".into(),
            room_id: room_id.map(str::to_owned),
            ..NewEquipment::default()
        };
        let nowhere = "01J0000000000000000000000Z";
        assert_eq!(
            create(&ctx, &gear(Some(nowhere))).await.unwrap_err(),
            DomainError::field(
                "room_id",
                FieldProblem::NoSuch {
                    resource: "rooms".into(),
                    value: nowhere.into()
                }
            )
        );
        let studio = NewRoom {
            name: "Studio A".into(),
            hourly_rate: Money(5_000),
            ..NewRoom::default()
        };
        let (room, _) = rooms::create(&ctx, &studio).await.unwrap();
        let (item, _) = create(&ctx, &gear(Some(&room.id))).await.unwrap();
        assert_eq!(item.room_id.as_deref(), Some(room.id.as_str()));
        let out = EquipmentPatch {
            version: item.version,
            room_id: Some(String::new()),
            status: Some(studio_wire::EquipmentStatus::Maintenance),
            ..EquipmentPatch::default()
        };
        let (item, changes) = update(&ctx, &item.id, &out).await.unwrap();
        assert_eq!(
            (item.room_id, item.status),
            (None, studio_wire::EquipmentStatus::Maintenance)
        );
        assert!(!changes.is_empty());
    }
}
