//! Parsed equipment fields: once built, a value is known to be valid (the room it names is checked against the
//! store by the service).

use studio_wire::{Equipment, EquipmentCondition, EquipmentPatch, EquipmentStatus, NewEquipment};

use crate::{
    error::DomainError,
    text::trimmed,
    validate::{Errors, optional, required},
};

pub const SHORT_MAX: usize = 100;
pub const NOTES_MAX: usize = 4000;

/// A complete, valid set of equipment fields.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct EquipmentFields {
    pub name: String,
    pub category: String,
    pub brand: Option<String>,
    pub model: Option<String>,
    pub serial_number: Option<String>,
    pub status: EquipmentStatus,
    pub condition: EquipmentCondition,
    /// The id of the room it lives in; the service checks that the room exists when it changes.
    pub room_id: Option<String>,
    pub notes: Option<String>,
}

impl EquipmentFields {
    pub fn parse(input: &NewEquipment) -> Result<Self, DomainError> {
        let blank = Self {
            name: String::new(),
            category: String::new(),
            brand: None,
            model: None,
            serial_number: None,
            status: input.status,
            condition: input.condition,
            room_id: None,
            notes: None,
        };
        blank.patched(&EquipmentPatch {
            version: 0,
            name: Some(input.name.clone()),
            category: Some(input.category.clone()),
            brand: input.brand.clone(),
            model: input.model.clone(),
            serial_number: input.serial_number.clone(),
            status: None,
            condition: None,
            room_id: input.room_id.clone(),
            notes: input.notes.clone(),
        })
    }

    /// The fields of a stored item, which were valid when written: they are not parsed again.
    pub fn stored(item: &Equipment) -> Self {
        Self {
            name: item.name.clone(),
            category: item.category.clone(),
            brand: item.brand.clone(),
            model: item.model.clone(),
            serial_number: item.serial_number.clone(),
            status: item.status,
            condition: item.condition,
            room_id: item.room_id.clone(),
            notes: item.notes.clone(),
        }
    }

    pub fn write(self, item: &mut Equipment) {
        item.name = self.name;
        item.category = self.category;
        item.brand = self.brand;
        item.model = self.model;
        item.serial_number = self.serial_number;
        item.status = self.status;
        item.condition = self.condition;
        item.room_id = self.room_id;
        item.notes = self.notes;
    }

    /// The fields after applying `patch`: absent fields keep their value, "" clears an optional one.
    pub fn patched(&self, patch: &EquipmentPatch) -> Result<Self, DomainError> {
        let mut errors = Errors::default();
        let mut next = self.clone();
        for (field, value, slot) in [
            ("name", &patch.name, &mut next.name),
            ("category", &patch.category, &mut next.category),
        ] {
            if let Some(raw) = value
                && let Some(text) = errors.take(field, required(raw, SHORT_MAX))
            {
                *slot = text;
            }
        }
        for (field, value, slot, max) in [
            ("brand", &patch.brand, &mut next.brand, SHORT_MAX),
            ("model", &patch.model, &mut next.model, SHORT_MAX),
            (
                "serial_number",
                &patch.serial_number,
                &mut next.serial_number,
                SHORT_MAX,
            ),
            ("notes", &patch.notes, &mut next.notes, NOTES_MAX),
        ] {
            if let Some(raw) = value
                && let Some(text) = errors.take(field, optional(raw, max))
            {
                *slot = text;
            }
        }
        next.status = patch.status.unwrap_or(next.status);
        next.condition = patch.condition.unwrap_or(next.condition);
        if let Some(raw) = &patch.room_id {
            next.room_id = trimmed(raw);
        }
        errors.finish()?;
        Ok(next)
    }
}
