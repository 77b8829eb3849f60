//! The history: every committed transaction records, in that same transaction, who made it, when, through what
//! (a form, an assistant conversation, an undo) and each entity's fields before and after. It backs the Activity
//! page, each entity's History and the assistant's Undo (`undo`).
//!
//! Records sort newest first: their sort key holds the bitwise complement of the activity's ULID.

use std::collections::BTreeSet;

use serde::Deserialize;
use serde_json::{Map, Value};
use studio_wire::{Activity, Entry, EntryOp, FieldChange, FieldProblem, Page, Via};

use crate::{
    Ctx, DomainError, Item, Op,
    entity::{decode_value, encode_value},
    keys,
};

/// Fields every entity has that say nothing to a reader of the history.
const UNTOLD: [&str; 4] = ["id", "version", "created_at", "updated_at"];
/// At most this many records are read for one page of a filtered history.
const READ_MAX: usize = 200;
pub const DEFAULT_LIMIT: usize = 30;

/// An entity a transaction writes, as the history needs it.
pub(crate) struct Written {
    pub resource: &'static str,
    pub id: String,
    pub op: Op,
    /// The stored document it replaces (none for a creation).
    pub before: Option<String>,
    /// The item written (none for a deletion).
    pub after: Option<Item>,
}

fn object(data: &str) -> Option<Map<String, Value>> {
    match serde_json::from_str(data) {
        Ok(Value::Object(map)) => Some(map),
        _ => None,
    }
}

/// The fields whose values differ between `before` and `after`, in name order.
fn changed_fields(
    before: Option<&Map<String, Value>>,
    after: Option<&Map<String, Value>>,
) -> Vec<FieldChange> {
    let value = |side: Option<&Map<String, Value>>, field: &str| {
        side.and_then(|m| m.get(field))
            .filter(|v| !v.is_null())
            .cloned()
    };
    let names: BTreeSet<&String> = before
        .iter()
        .chain(after.iter())
        .flat_map(|m| m.keys())
        .collect();
    names
        .into_iter()
        .filter(|name| !UNTOLD.contains(&name.as_str()))
        .map(|name| FieldChange {
            field: name.clone(),
            before: value(before, name),
            after: value(after, name),
        })
        .filter(|change| change.before != change.after)
        .collect()
}

fn label(image: Option<&Map<String, Value>>) -> Option<String> {
    let image = image?;
    ["name", "title", "number"]
        .iter()
        .find_map(|field| image.get(*field)?.as_str().map(str::to_owned))
}

/// The history entries of `written`. Each before-image is the document the write's condition requires, so
/// it is exact whenever the transaction commits.
pub(crate) fn entries(written: &[Written]) -> Vec<Entry> {
    written
        .iter()
        .filter(|w| w.op != Op::Touched)
        .map(|w| {
            let before = w.before.as_deref().and_then(object);
            let after = w.after.as_ref().and_then(|item| object(&item.data));
            Entry {
                resource: w.resource.to_owned(),
                id: w.id.clone(),
                op: match w.op {
                    Op::Created => EntryOp::Created,
                    Op::Deleted => EntryOp::Deleted,
                    Op::Updated | Op::Touched => EntryOp::Updated,
                },
                version: w.after.as_ref().map_or(0, |item| item.version),
                label: label(after.as_ref()).or_else(|| label(before.as_ref())),
                fields: changed_fields(before.as_ref(), after.as_ref()),
            }
        })
        .collect()
}

/// The sort key part that lists `activity` (a ULID) newest first.
fn newest_first(activity: &str) -> Option<String> {
    let id = ulid::Ulid::from_string(activity).ok()?;
    Some(ulid::Ulid(!id.0).to_string())
}

fn activity_id(newest_first: &str) -> Option<String> {
    let id = ulid::Ulid::from_string(newest_first).ok()?;
    Some(ulid::Ulid(!id.0).to_string())
}

/// The items recording `activity`: one for the Activity page, one per entity for its History.
pub(crate) fn records(ctx: &Ctx, activity: &Activity) -> Vec<Item> {
    let order = newest_first(&activity.id).expect("activity ids are ULIDs");
    let mut items = vec![Item::new(
        keys::activity(ctx, &order),
        1,
        encode_value(activity),
    )];
    for entry in &activity.entries {
        let mine = Activity {
            entries: vec![entry.clone()],
            ..activity.clone()
        };
        let key = keys::entity_history(ctx, &entry.resource, &entry.id, &order);
        items.push(Item::new(key, 1, encode_value(&mine)));
    }
    items
}

/// The record of a transaction made now by the caller. Whether it can be undone is decided here, from all its
/// entries, and kept with each of its items (an entity's history holds only that entity's entry).
pub(crate) fn activity(ctx: &Ctx, entries: Vec<Entry>) -> Activity {
    Activity {
        id: ctx.new_id(),
        at: ctx.now(),
        person: ctx.actor.person.clone(),
        via: ctx.actor.via.clone(),
        undoable: crate::undo::possible(&entries),
        entries,
    }
}

/// `GET /api/activity` parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct ActivityQuery {
    /// Only records that wrote this resource (`clients`)…
    pub resource: Option<String>,
    /// …or this one entity of it.
    pub id: Option<String>,
    pub person: Option<String>,
    /// `assistant` or `form`.
    pub via: Option<String>,
    pub cursor: Option<String>,
    pub limit: Option<usize>,
}

fn keeps(query: &ActivityQuery, activity: &Activity) -> bool {
    let via_ok = match query.via.as_deref() {
        Some("assistant") => matches!(activity.via, Via::Assistant { .. }),
        Some("form") => !matches!(activity.via, Via::Assistant { .. }),
        _ => true,
    };
    let resource_ok = query
        .resource
        .as_deref()
        .is_none_or(|r| activity.entries.iter().any(|e| e.resource == r));
    let person_ok = query.person.as_deref().is_none_or(|p| activity.person == p);
    via_ok && resource_ok && person_ok
}

fn bad(field: &str, problem: FieldProblem) -> DomainError {
    DomainError::field(field, problem)
}

/// A page of the history, newest first. A filtered page reads at most `READ_MAX` records and may come back
/// short, with a cursor to read on.
pub async fn list(ctx: &Ctx, query: &ActivityQuery) -> Result<Page<Activity>, DomainError> {
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=READ_MAX).contains(&limit) {
        let range = FieldProblem::OutOfRange {
            min: 1,
            max: READ_MAX as i64,
        };
        return Err(bad("limit", range));
    }
    let prefix = match (&query.resource, &query.id) {
        (Some(resource), Some(id)) => {
            if !crate::entity::is_id(id) || !resource.chars().all(|c| c.is_ascii_lowercase()) {
                let no_such = FieldProblem::NoSuch {
                    resource: resource.clone(),
                    value: id.clone(),
                };
                return Err(bad("id", no_such));
            }
            keys::entity_history_prefix(resource, id)
        }
        (None, Some(_)) => return Err(bad("resource", FieldProblem::Required)),
        _ => keys::ACTIVITY_PREFIX.to_owned(),
    };
    let after = match &query.cursor {
        Some(cursor) => {
            let order =
                newest_first(cursor).ok_or_else(|| bad("cursor", FieldProblem::BadCursor))?;
            Some(format!("{prefix}{order}"))
        }
        None => None,
    };
    let page = ctx
        .store()
        .query(
            &ctx.studio.partition(),
            &prefix,
            after.as_deref(),
            READ_MAX.min(limit * 4),
        )
        .await?;
    let mut items = Vec::new();
    let mut more = page.last_key.is_some();
    let mut last_read = None;
    for (index, item) in page.items.iter().enumerate() {
        let activity: Activity = decode_value(item)?;
        last_read = activity_id(&item.key.sk[prefix.len()..]);
        if keeps(query, &activity) {
            items.push(activity);
            if items.len() == limit {
                more |= index + 1 < page.items.len();
                break;
            }
        }
    }
    Ok(Page {
        items,
        next_cursor: if more { last_read } else { None },
    })
}

/// One history record.
pub async fn get(ctx: &Ctx, id: &str) -> Result<Activity, DomainError> {
    let missing = || DomainError::not_found("activity", id);
    let order = newest_first(id).ok_or_else(missing)?;
    let item = ctx
        .store()
        .get(&keys::activity(ctx, &order))
        .await?
        .ok_or_else(missing)?;
    decode_value(&item)
}
