//! What every stored entity shares: one JSON item under `<PREFIX><ulid>` in the studio's partition, a version
//! for optimistic concurrency, pages by key prefix, and uniqueness guards.

use serde::{Deserialize, Serialize, de::DeserializeOwned};
use studio_wire::{FieldProblem, Page, Problem};

use crate::{
    context::Ctx,
    error::DomainError,
    keys,
    store::{Condition, Direction, Item, Key, StoreError, WriteOp},
    text::fold,
    tx::{Before, Tx},
};

pub trait Entity: Serialize + DeserializeOwned + Clone + Send + Sync + 'static {
    /// The resource name used in URLs and invalidations: `clients`.
    const RESOURCE: &'static str;
    /// The sort-key prefix of its items: `CLIENT#`.
    const PREFIX: &'static str;

    fn id(&self) -> &str;
    fn version(&self) -> u64;
    fn set_version(&mut self, version: u64);
}

pub const DEFAULT_LIMIT: usize = 50;
pub const MAX_LIMIT: usize = 200;

/// `GET /api/<resource>` parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct ListQuery {
    pub cursor: Option<String>,
    pub limit: Option<usize>,
    /// Matches the entity's searchable text, ignoring case and accents.
    pub q: Option<String>,
    /// Only these entities (comma-separated ids, at most a page): for a page that shows the names of what its
    /// items refer to. Overrides the other parameters.
    pub ids: Option<String>,
    /// `newest`: from the latest entity back (ids are time-ordered), for lists read from their end (invoices,
    /// quotes). Oldest first otherwise.
    pub order: Option<Order>,
}

/// The order of a list.
#[derive(Debug, Clone, Copy, PartialEq, Eq, Deserialize)]
#[serde(rename_all = "lowercase")]
pub enum Order {
    Oldest,
    Newest,
}

/// Ids are ULIDs; anything else cannot name an entity (and can never reach into another key).
pub fn is_id(raw: &str) -> bool {
    raw.len() == 26
        && raw
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
}

pub(crate) fn key<E: Entity>(ctx: &Ctx, id: &str) -> Key {
    keys::entity(ctx, E::PREFIX, id)
}

pub(crate) fn not_found<E: Entity>(id: &str) -> DomainError {
    DomainError::not_found(E::RESOURCE, id)
}

/// The entity changed since the caller read it.
pub(crate) fn stale<E: Entity>(id: &str) -> DomainError {
    Problem::Conflict {
        resource: E::RESOURCE.to_owned(),
        id: id.to_owned(),
    }
    .into()
}

fn corrupt(item: &Item, e: impl std::fmt::Display) -> DomainError {
    StoreError::Unavailable(format!("corrupt item {}: {e}", item.key.sk)).into()
}

/// A stored JSON value; an item that does not decode is reported as a storage fault, never a panic.
pub(crate) fn decode_value<T: DeserializeOwned>(item: &Item) -> Result<T, DomainError> {
    serde_json::from_str(&item.data).map_err(|e| corrupt(item, e))
}

pub(crate) fn encode_value<T: Serialize>(value: &T) -> String {
    serde_json::to_string(value).expect("the app's own types serialise")
}

pub(crate) fn decode<E: Entity>(item: &Item) -> Result<E, DomainError> {
    let mut entity: E = decode_value(item)?;
    entity.set_version(item.version);
    Ok(entity)
}

pub(crate) fn encode<E: Entity>(ctx: &Ctx, entity: &E) -> Item {
    Item::new(
        key::<E>(ctx, entity.id()),
        entity.version(),
        encode_value(entity),
    )
}

/// Adds the creation of `entity` (version 1) to `tx`.
pub(crate) fn insert<E: Entity>(tx: &mut Tx, ctx: &Ctx, entity: &E) {
    // Ids are fresh ULIDs: a collision means a concurrent write with the same id, which may be retried.
    let taken = DomainError::contended();
    let item = encode(ctx, entity);
    tx.put_entity(
        E::RESOURCE,
        entity.id(),
        crate::Op::Created,
        item,
        Before::Nothing,
        taken,
    );
}

/// Adds the replacement of `before` (as read) by `entity`, its next version, to `tx`.
pub(crate) fn replace<E: Entity>(tx: &mut Tx, ctx: &Ctx, before: &E, entity: &mut E) {
    let read_version = before.version();
    entity.set_version(read_version + 1);
    let item = encode(ctx, entity);
    tx.put_entity(
        E::RESOURCE,
        entity.id(),
        crate::Op::Updated,
        item,
        Before::Known(read_version, encode_value(before)),
        stale::<E>(entity.id()),
    );
}

/// Adds the deletion of `entity` (only if still at its version) to `tx`.
pub(crate) fn remove<E: Entity>(tx: &mut Tx, ctx: &Ctx, entity: &E) {
    let id = entity.id();
    tx.delete_entity(
        E::RESOURCE,
        id,
        key::<E>(ctx, id),
        Before::Known(entity.version(), encode_value(entity)),
        stale::<E>(id),
    );
}

pub async fn get<E: Entity>(ctx: &Ctx, id: &str) -> Result<E, DomainError> {
    if !is_id(id) {
        return Err(not_found::<E>(id));
    }
    let item = ctx
        .store()
        .get(&key::<E>(ctx, id))
        .await?
        .ok_or_else(|| not_found::<E>(id))?;
    decode(&item)
}

/// Fails unless the caller's `expected` version (if any) is the entity's.
pub(crate) fn check_version<E: Entity>(
    entity: &E,
    expected: Option<u64>,
) -> Result<(), DomainError> {
    match expected {
        Some(v) if v != entity.version() => Err(stale::<E>(entity.id())),
        _ => Ok(()),
    }
}

/// The page size `query` asks for (the default without one), checked.
pub fn page_limit(query: &ListQuery) -> Result<usize, DomainError> {
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(DomainError::field(
            "limit",
            FieldProblem::OutOfRange {
                min: 1,
                max: MAX_LIMIT as i64,
            },
        ));
    }
    Ok(limit)
}

/// One page of entities, oldest first (or newest), keeping those whose searchable text contains `q`.
pub async fn list<E: Entity>(
    ctx: &Ctx,
    query: &ListQuery,
    text: impl Fn(&E) -> Vec<&str>,
) -> Result<Page<E>, DomainError> {
    if let Some(ids) = &query.ids {
        return by_ids(ctx, ids).await;
    }
    let limit = page_limit(query)?;
    if query.cursor.as_deref().is_some_and(|c| !is_id(c)) {
        return Err(DomainError::field("cursor", FieldProblem::BadCursor));
    }
    let needle = query
        .q
        .as_deref()
        .map(|q| fold(q.trim()))
        .filter(|q| !q.is_empty());
    let keep = |entity: &E| {
        needle
            .as_deref()
            .is_none_or(|n| text(entity).iter().any(|t| fold(t).contains(n)))
    };
    let partition = ctx.studio.partition();
    let mut after = query.cursor.as_ref().map(|c| format!("{}{c}", E::PREFIX));
    let mut items = Vec::new();
    loop {
        // Without a filter one page of the store is one page of the answer; with one, read ahead in batches.
        let batch = if needle.is_some() {
            MAX_LIMIT
        } else {
            limit - items.len()
        };
        let store = ctx.store();
        let direction = match query.order {
            Some(Order::Newest) => Direction::Descending,
            _ => Direction::Ascending,
        };
        let page = store
            .query_from(&partition, E::PREFIX, after.as_deref(), batch, direction)
            .await?;
        let read = page.items.len();
        for (index, item) in page.items.iter().enumerate() {
            let entity: E = decode(item)?;
            if keep(&entity) {
                items.push(entity);
                if items.len() == limit {
                    let more = page.last_key.is_some() || index + 1 < read;
                    let next_cursor = more.then(|| items[limit - 1].id().to_owned());
                    return Ok(Page { items, next_cursor });
                }
            }
        }
        match page.last_key {
            Some(last) => after = Some(last),
            None => {
                return Ok(Page {
                    items,
                    next_cursor: None,
                });
            }
        }
    }
}

/// The entities `ids` (comma-separated, at most a page) names, in that order, read together; an id naming none
/// is left out (deleted since the page referring to it was read).
pub async fn by_ids<E: Entity>(ctx: &Ctx, ids: &str) -> Result<Page<E>, DomainError> {
    let ids: Vec<&str> = ids
        .split(',')
        .map(str::trim)
        .filter(|id| !id.is_empty())
        .collect();
    if ids.len() > MAX_LIMIT {
        return Err(DomainError::field(
            "ids",
            FieldProblem::OutOfRange {
                min: 1,
                max: MAX_LIMIT as i64,
            },
        ));
    }
    if let Some(bad) = ids.iter().find(|id| !is_id(id)) {
        return Err(DomainError::field(
            "ids",
            FieldProblem::NoSuch {
                resource: E::RESOURCE.to_owned(),
                value: (*bad).to_owned(),
            },
        ));
    }
    let found =
        futures::future::try_join_all(ids.iter().map(|id| get_if_any::<E>(ctx, id))).await?;
    Ok(Page {
        items: found.into_iter().flatten().collect(),
        next_cursor: None,
    })
}

/// Every entity whose searchable text contains `q` (all without it), reading page after page.
pub async fn all<E: Entity>(
    ctx: &Ctx,
    q: Option<&str>,
    text: impl Fn(&E) -> Vec<&str> + Copy,
) -> Result<Vec<E>, DomainError> {
    let mut found = Vec::new();
    let mut cursor = None;
    loop {
        let query = ListQuery {
            cursor,
            limit: Some(MAX_LIMIT),
            q: q.map(str::to_owned),
            ..ListQuery::default()
        };
        let page = list(ctx, &query, text).await?;
        found.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return Ok(found),
        }
    }
}

/// The entities a person may mean by `reference`: its id, or its name (`name_of`). Exact names (ignoring
/// case and accents) win over partial ones, so "Martin" finds "Martin" even when "Martine" exists.
pub async fn find_by_name<E: Entity>(
    ctx: &Ctx,
    reference: &str,
    name_of: impl Fn(&E) -> &str + Copy,
    text: impl Fn(&E) -> Vec<&str> + Copy,
) -> Result<Vec<E>, DomainError> {
    if let Some(found) = find_by_id(ctx, reference).await? {
        return Ok(found);
    }
    let candidates = all::<E>(ctx, Some(reference.trim()), text).await?;
    Ok(exact_names_first(candidates, reference, name_of))
}

/// The entity `reference` names when it is an id (none if no such entity); `None` when it is not an id.
pub(crate) async fn find_by_id<E: Entity>(
    ctx: &Ctx,
    reference: &str,
) -> Result<Option<Vec<E>>, DomainError> {
    let reference = reference.trim();
    if !is_id(reference) {
        return Ok(None);
    }
    Ok(Some(
        get_if_any::<E>(ctx, reference).await?.into_iter().collect(),
    ))
}

/// The entity `id` names, or nothing if none does.
async fn get_if_any<E: Entity>(ctx: &Ctx, id: &str) -> Result<Option<E>, DomainError> {
    match get::<E>(ctx, id).await {
        Ok(entity) => Ok(Some(entity)),
        Err(e) if e.is_not_found() => Ok(None),
        Err(e) => Err(e),
    }
}

/// Of `candidates`, those named exactly `reference` (ignoring case and accents) if any, else all of them.
pub(crate) fn exact_names_first<E>(
    candidates: Vec<E>,
    reference: &str,
    name_of: impl Fn(&E) -> &str,
) -> Vec<E> {
    let needle = fold(reference.trim());
    let (exact, partial): (Vec<E>, Vec<E>) = candidates
        .into_iter()
        .partition(|e| fold(name_of(e)) == needle);
    if exact.is_empty() { partial } else { exact }
}

/// A uniqueness slot: `UNIQUE#<kind>#<value>` holds the id of the entity that owns `value`.
pub(crate) struct Unique {
    pub kind: &'static str,
}

impl Unique {
    pub fn key(&self, ctx: &Ctx, value: &str) -> Key {
        keys::unique(ctx, self.kind, value)
    }

    /// Takes `value` for `owner` in `tx`; the transaction fails with `taken` if someone holds it.
    pub fn claim(&self, tx: &mut Tx, ctx: &Ctx, value: &str, owner: &str, taken: DomainError) {
        let data = serde_json::to_string(owner).expect("a string serialises");
        let item = Item::new(self.key(ctx, value), 1, data);
        tx.push(
            WriteOp::Put {
                item,
                condition: Condition::NotExists,
            },
            taken,
        );
    }

    pub fn release(&self, tx: &mut Tx, ctx: &Ctx, value: &str, on_fail: DomainError) {
        tx.push(
            WriteOp::Delete {
                key: self.key(ctx, value),
                condition: Condition::None,
            },
            on_fail,
        );
    }

    /// The id of the entity holding `value`, if any.
    pub async fn owner(&self, ctx: &Ctx, value: &str) -> Result<Option<String>, DomainError> {
        let Some(item) = ctx.store().get(&self.key(ctx, value)).await? else {
            return Ok(None);
        };
        serde_json::from_str(&item.data)
            .map(Some)
            .map_err(|e| corrupt(&item, e))
    }
}
