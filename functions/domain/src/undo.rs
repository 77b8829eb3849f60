//! Undo: restores what one history record changed, through each resource's own service — so the domain's rules
//! hold (an un-cancelled session must still fit the calendar) — and only if nothing changed since (each entity
//! must still be at the version the record left it at).

use serde::de::{self, DeserializeOwned, Deserializer, Visitor};
use serde_json::{Map, Value, json};
use studio_wire::{Entry, EntryOp, Problem, Via};

use crate::{
    ChangeSet, Crud, Ctx, DomainError, clients::Clients, equipment::EquipmentService, history,
    invoices::Invoices, projects::Projects, quotes::Quotes, rooms::Rooms, sessions::Sessions,
};

/// Runs `$body` with `$R` the service of the resource named `$resource`: `None` for a resource without undo.
macro_rules! with_service {
    ($resource:expr, $R:ident => $body:expr) => {
        match $resource {
            "clients" => Some({
                type $R = Clients;
                $body
            }),
            "rooms" => Some({
                type $R = Rooms;
                $body
            }),
            "equipment" => Some({
                type $R = EquipmentService;
                $body
            }),
            "sessions" => Some({
                type $R = Sessions;
                $body
            }),
            "invoices" => Some({
                type $R = Invoices;
                $body
            }),
            "projects" => Some({
                type $R = Projects;
                $body
            }),
            "quotes" => Some({
                type $R = Quotes;
                $body
            }),
            _ => None,
        }
    };
}

/// Whether `undo` can restore what these entries changed: no deletion (a deleted entity is not made again),
/// only resources with undo (not a payment: it is reversed), and for a change, a field its resource's patch
/// takes (not an issued number or a status only a step sets). The service may still refuse (changed since).
pub fn possible(entries: &[Entry]) -> bool {
    entries.iter().all(|entry| {
        with_service!(entry.resource.as_str(), R => match entry.op {
            EntryOp::Created => true,
            EntryOp::Updated => restoring::<<R as Crud>::Patch>(entry).is_some(),
            EntryOp::Deleted => false,
        })
        .unwrap_or(false)
    })
}

/// Undoes the history record `activity`, newest entity first. The undo is itself recorded, through `Via::Undo`.
pub async fn undo(ctx: &Ctx, activity: &str) -> Result<ChangeSet, DomainError> {
    let record = history::get(ctx, activity).await?;
    let ctx = ctx.clone().acting(
        &ctx.actor.person,
        Via::Undo {
            activity: record.id.clone(),
        },
    );
    let mut changes = ChangeSet::default();
    for entry in record.entries.iter().rev() {
        let undone = with_service!(entry.resource.as_str(), R => revert::<R>(&ctx, entry).await)
            .unwrap_or_else(|| Err(not_undoable(&entry.resource)));
        changes.extend(undone?);
    }
    Ok(changes)
}

fn not_undoable(resource: &str) -> DomainError {
    Problem::NotUndoable {
        resource: resource.to_owned(),
    }
    .into()
}

async fn revert<R: Crud>(ctx: &Ctx, entry: &Entry) -> Result<ChangeSet, DomainError> {
    let changed_since = |e: DomainError| match e.problem() {
        Problem::Conflict { resource, id } => Problem::ChangedSince { resource, id }.into(),
        _ => e,
    };
    match entry.op {
        EntryOp::Created => R::delete(ctx, &entry.id, Some(entry.version))
            .await
            .map_err(changed_since),
        EntryOp::Updated => {
            let patch =
                restoring::<R::Patch>(entry).ok_or_else(|| not_undoable(&entry.resource))?;
            let (_, changes) = R::update(ctx, &entry.id, &patch)
                .await
                .map_err(changed_since)?;
            Ok(changes)
        }
        EntryOp::Deleted => Err(not_undoable(&entry.resource)),
    }
}

/// The patch that puts back the fields `entry` changed, at the version it left: only the fields a patch accepts
/// (the others — a price, totals — follow from them); none when it accepts none of them. A field that had no
/// value is cleared with "".
fn restoring<P: DeserializeOwned>(entry: &Entry) -> Option<P> {
    let accepted = field_names::<P>();
    let mut patch = Map::new();
    for change in &entry.fields {
        if accepted.contains(&change.field.as_str()) {
            let value = change.before.clone().unwrap_or_else(|| json!(""));
            patch.insert(change.field.clone(), value);
        }
    }
    if patch.is_empty() {
        return None;
    }
    patch.insert("version".into(), json!(entry.version));
    serde_json::from_value(Value::Object(patch)).ok()
}

/// The field names a struct's `Deserialize` accepts, asked of the derive itself.
fn field_names<T: DeserializeOwned>() -> &'static [&'static str] {
    struct Probe;
    #[derive(Debug)]
    struct Fields(&'static [&'static str]);
    impl std::fmt::Display for Fields {
        fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
            write!(f, "{:?}", self.0)
        }
    }
    impl std::error::Error for Fields {}
    impl de::Error for Fields {
        fn custom<M: std::fmt::Display>(_: M) -> Self {
            Fields(&[])
        }
    }
    impl<'de> Deserializer<'de> for Probe {
        type Error = Fields;
        fn deserialize_any<V: Visitor<'de>>(self, _: V) -> Result<V::Value, Fields> {
            Err(Fields(&[]))
        }
        fn deserialize_struct<V: Visitor<'de>>(
            self,
            _: &'static str,
            fields: &'static [&'static str],
            _: V,
        ) -> Result<V::Value, Fields> {
            Err(Fields(fields))
        }
        serde::forward_to_deserialize_any! {
            bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char str string bytes byte_buf option unit
            unit_struct newtype_struct seq tuple tuple_struct map enum identifier ignored_any
        }
    }
    match T::deserialize(Probe) {
        Err(Fields(fields)) => fields,
        Ok(_) => &[],
    }
}

#[cfg(test)]
mod tests {
    use studio_wire::{ClientPatch, FieldChange, SessionPatch};

    use super::*;

    #[test]
    fn a_patch_names_its_own_fields() {
        let fields = field_names::<ClientPatch>();
        assert!(fields.contains(&"email") && fields.contains(&"version"));
        assert!(!fields.contains(&"created_at"));
    }

    #[test]
    fn an_update_is_undone_by_the_fields_it_changed_at_its_version() {
        let entry = Entry {
            resource: "sessions".into(),
            id: "S".into(),
            op: EntryOp::Updated,
            version: 4,
            label: None,
            fields: vec![
                FieldChange {
                    field: "status".into(),
                    before: Some(json!("scheduled")),
                    after: Some(json!("cancelled")),
                },
                FieldChange {
                    field: "price".into(),
                    before: Some(json!(100)),
                    after: Some(json!(0)),
                },
                FieldChange {
                    field: "engineer".into(),
                    before: None,
                    after: Some(json!("Ana")),
                },
            ],
        };
        let patch: SessionPatch = restoring(&entry).expect("a patch");
        assert_eq!(patch.version, 4);
        assert_eq!(patch.status, Some(studio_wire::SessionStatus::Scheduled));
        assert_eq!(patch.engineer.as_deref(), Some(""));
    }

    #[test]
    fn a_change_of_fields_no_patch_accepts_cannot_be_undone() {
        let entry = Entry {
            resource: "invoices".into(),
            id: "I".into(),
            op: EntryOp::Updated,
            version: 2,
            label: None,
            fields: vec![FieldChange {
                field: "price".into(),
                before: None,
                after: Some(json!(1)),
            }],
        };
        assert!(restoring::<ClientPatch>(&entry).is_none());
    }
}
