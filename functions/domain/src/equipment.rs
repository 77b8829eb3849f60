//! Equipment: the studio's gear, its status (operational, in maintenance, …) and where it lives.

use studio_wire::{Equipment, EquipmentPatch, NewEquipment, Page, Room};

use crate::macros::{crud_service, entity};
use crate::{
    ChangeSet, Ctx, DomainError,
    entity::{self, ListQuery},
    tx::Tx,
    validate::{Errors, optional, required},
};

entity!(
    Equipment,
    resource = "equipment",
    prefix = "EQUIPMENT#",
    label = "Equipment"
);

const SHORT: usize = 100;
const NOTES: usize = 4000;

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

/// Applies the present fields of `patch`, checking each; `room_id` must name an existing room ("" clears it).
async fn apply(ctx: &Ctx, item: &mut Equipment, patch: &EquipmentPatch) -> Result<(), DomainError> {
    let mut errors = Errors::default();
    if let Some(name) = &patch.name {
        errors.set("name", required("name", name, SHORT), &mut item.name);
    }
    if let Some(category) = &patch.category {
        errors.set(
            "category",
            required("category", category, SHORT),
            &mut item.category,
        );
    }
    for (field, value, slot) in [
        ("brand", &patch.brand, &mut item.brand),
        ("model", &patch.model, &mut item.model),
        (
            "serial_number",
            &patch.serial_number,
            &mut item.serial_number,
        ),
    ] {
        if value.is_some() {
            errors.set(
                field,
                optional(&field.replace('_', " "), value.as_deref(), SHORT),
                slot,
            );
        }
    }
    if patch.notes.is_some() {
        errors.set(
            "notes",
            optional("notes", patch.notes.as_deref(), NOTES),
            &mut item.notes,
        );
    }
    item.status = patch.status.unwrap_or(item.status);
    item.condition = patch.condition.unwrap_or(item.condition);
    if let Some(room) = patch.room_id.as_deref().map(str::trim) {
        if room.is_empty() {
            item.room_id = None;
        } else {
            match entity::get::<Room>(ctx, room).await {
                Ok(room) => item.room_id = Some(room.id),
                Err(DomainError::NotFound { .. }) => {
                    errors.add("room_id", "There is no such room.")
                }
                Err(e) => return Err(e),
            }
        }
    }
    errors.finish()
}

pub async fn create(
    ctx: &Ctx,
    input: &NewEquipment,
) -> Result<(Equipment, ChangeSet), DomainError> {
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
    let patch = EquipmentPatch {
        version: 1,
        name: Some(input.name.clone()),
        category: Some(input.category.clone()),
        brand: input.brand.clone(),
        model: input.model.clone(),
        serial_number: input.serial_number.clone(),
        status: None,
        condition: None,
        room_id: input.room_id.clone(),
        notes: input.notes.clone(),
    };
    apply(ctx, &mut item, &patch).await?;
    let mut tx = Tx::default();
    entity::insert(&mut tx, ctx, &item);
    let changes = tx.commit(ctx).await?;
    Ok((item, changes))
}

pub async fn update(
    ctx: &Ctx,
    id: &str,
    patch: &EquipmentPatch,
) -> Result<(Equipment, ChangeSet), DomainError> {
    let current: Equipment = entity::get(ctx, id).await?;
    let mut item = current.clone();
    apply(ctx, &mut item, patch).await?;
    entity::check_version(&current, Some(patch.version))?;
    if item == current {
        return Ok((current, ChangeSet::default()));
    }
    item.updated_at = ctx.now();
    let mut tx = Tx::default();
    entity::replace(&mut tx, ctx, &mut item, current.version);
    let changes = tx.commit(ctx).await?;
    Ok((item, changes))
}

pub async fn delete(ctx: &Ctx, id: &str, version: Option<u64>) -> Result<ChangeSet, DomainError> {
    let current: Equipment = entity::get(ctx, id).await?;
    entity::check_version(&current, version)?;
    let mut tx = Tx::default();
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

crud_service!(
    /// The equipment service as the API mounts it.
    EquipmentService: Equipment, NewEquipment, EquipmentPatch, ListQuery
);
