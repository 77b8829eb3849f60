//! Clients: the service the API and the assistant both call.
//!
//! Storage layout in the studio's partition:
//! - `CLIENT#<ulid>` — the client (JSON), with its version;
//! - `UNIQUE#CLIENT_EMAIL#<lower-case email>` — a guard item holding the client id, written in the same
//!   transaction as the client, so two clients can never share an email even when requests race.

mod fields;

use studio_wire::{Client, ClientPatch, NewClient, Page};

pub use fields::{ClientFields, ClientName, Email};

use crate::{
    changes::{ChangeSet, Op},
    context::Ctx,
    error::DomainError,
    store::{Condition, Item, Key, StoreError, WriteOp},
    text::fold,
    tx::Tx,
};

pub const RESOURCE: &str = "clients";
const PREFIX: &str = "CLIENT#";
const DEFAULT_LIMIT: usize = 50;
const MAX_LIMIT: usize = 200;

/// `GET /api/clients` parameters.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub struct ListQuery {
    pub cursor: Option<String>,
    pub limit: Option<usize>,
    /// Matches name, email or phone, ignoring case and accents.
    pub q: Option<String>,
}

fn is_id(raw: &str) -> bool {
    raw.len() == 26
        && raw
            .chars()
            .all(|c| c.is_ascii_digit() || c.is_ascii_uppercase())
}

fn key(ctx: &Ctx, id: &str) -> Key {
    Key::new(ctx.studio.partition(), format!("{PREFIX}{id}"))
}

fn email_guard(ctx: &Ctx, email: &Email) -> Key {
    Key::new(
        ctx.studio.partition(),
        format!("UNIQUE#CLIENT_EMAIL#{}", email.unique_key()),
    )
}

fn duplicate_email(email: &Email) -> DomainError {
    DomainError::Duplicate {
        field: "email",
        message: format!("Another client already uses the email {}.", email.as_str()),
    }
}

fn not_found(id: &str) -> DomainError {
    DomainError::NotFound {
        resource: RESOURCE,
        id: id.to_owned(),
    }
}

fn stale(id: &str) -> DomainError {
    DomainError::Conflict {
        message: format!(
            "Client {id} was changed by someone else since you loaded it; reload and try again."
        ),
    }
}

fn decode(item: &Item) -> Result<Client, DomainError> {
    let mut client: Client = serde_json::from_str(&item.data).map_err(|e| {
        StoreError::Unavailable(format!("corrupt client item {}: {e}", item.key.sk))
    })?;
    client.version = item.version;
    Ok(client)
}

fn encode(key: Key, client: &Client) -> Item {
    Item {
        key,
        version: client.version,
        data: serde_json::to_string(client).expect("a client serialises"),
    }
}

fn fields_of(client: &Client) -> ClientFields {
    ClientFields {
        name: ClientName::parse(&client.name).expect("stored names are valid"),
        email: client
            .email
            .as_deref()
            .map(|e| Email::parse(e).expect("stored emails are valid")),
        phone: client.phone.clone(),
        kind: client.kind,
        notes: client.notes.clone(),
    }
}

fn apply(client: &mut Client, fields: ClientFields) {
    client.name = fields.name.into_inner();
    client.email = fields.email.map(|e| e.as_str().to_owned());
    client.phone = fields.phone;
    client.kind = fields.kind;
    client.notes = fields.notes;
}

pub async fn create(ctx: &Ctx, input: &NewClient) -> Result<(Client, ChangeSet), DomainError> {
    let fields = ClientFields::parse(input)?;
    let now = ctx.now();
    let id = ctx.new_id();
    let mut tx = Tx::default();
    if let Some(email) = &fields.email {
        let guard = Item {
            key: email_guard(ctx, email),
            version: 1,
            data: serde_json::to_string(&id).expect("string"),
        };
        tx.push(
            WriteOp::Put {
                item: guard,
                condition: Condition::NotExists,
            },
            duplicate_email(email),
        );
    }
    let mut client = Client {
        id: id.clone(),
        name: String::new(),
        email: None,
        phone: None,
        kind: fields.kind,
        notes: None,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    apply(&mut client, fields);
    let conflict = DomainError::Conflict {
        message: format!("Client id {id} is already taken."),
    };
    tx.put_entity(
        RESOURCE,
        &id,
        Op::Created,
        encode(key(ctx, &id), &client),
        Condition::NotExists,
        conflict,
    );
    let changes = tx.commit(ctx.store()).await?;
    tracing::info!(studio = %ctx.studio, client = %id, "client created");
    Ok((client, changes))
}

pub async fn get(ctx: &Ctx, id: &str) -> Result<Client, DomainError> {
    if !is_id(id) {
        return Err(not_found(id));
    }
    let item = ctx
        .store()
        .get(&key(ctx, id))
        .await?
        .ok_or_else(|| not_found(id))?;
    decode(&item)
}

/// Applies `patch` if `patch.version` is still the stored one. Writes nothing when nothing changes.
pub async fn update(
    ctx: &Ctx,
    id: &str,
    patch: &ClientPatch,
) -> Result<(Client, ChangeSet), DomainError> {
    let current = get(ctx, id).await?;
    let before = fields_of(&current);
    let after = before.patched(patch)?;
    if current.version != patch.version {
        return Err(stale(id));
    }
    if after == before {
        return Ok((current, ChangeSet::default()));
    }
    let mut tx = Tx::default();
    let old_key = before.email.as_ref().map(Email::unique_key);
    let new_key = after.email.as_ref().map(Email::unique_key);
    if old_key != new_key {
        if let Some(old) = &before.email {
            tx.push(
                WriteOp::Delete {
                    key: email_guard(ctx, old),
                    condition: Condition::None,
                },
                stale(id),
            );
        }
        if let Some(new) = &after.email {
            let guard = Item {
                key: email_guard(ctx, new),
                version: 1,
                data: serde_json::to_string(id).expect("string"),
            };
            tx.push(
                WriteOp::Put {
                    item: guard,
                    condition: Condition::NotExists,
                },
                duplicate_email(new),
            );
        }
    }
    let mut client = current.clone();
    apply(&mut client, after);
    client.updated_at = ctx.now();
    client.version = current.version + 1;
    let item = encode(key(ctx, id), &client);
    tx.put_entity(
        RESOURCE,
        id,
        Op::Updated,
        item,
        Condition::Version(current.version),
        stale(id),
    );
    let changes = tx.commit(ctx.store()).await?;
    tracing::info!(studio = %ctx.studio, client = %id, version = client.version, "client updated");
    Ok((client, changes))
}

/// Deletes the client and frees its email. With `version`, only if nobody changed it since.
pub async fn delete(ctx: &Ctx, id: &str, version: Option<u64>) -> Result<ChangeSet, DomainError> {
    let current = get(ctx, id).await?;
    if version.is_some_and(|v| v != current.version) {
        return Err(stale(id));
    }
    let mut tx = Tx::default();
    if let Some(email) = fields_of(&current).email {
        tx.push(
            WriteOp::Delete {
                key: email_guard(ctx, &email),
                condition: Condition::None,
            },
            stale(id),
        );
    }
    tx.delete_entity(
        RESOURCE,
        id,
        key(ctx, id),
        Condition::Version(current.version),
        stale(id),
    );
    let changes = tx.commit(ctx.store()).await?;
    tracing::info!(studio = %ctx.studio, client = %id, "client deleted");
    Ok(changes)
}

fn matches(client: &Client, needle: &str) -> bool {
    [
        Some(&client.name),
        client.email.as_ref(),
        client.phone.as_ref(),
    ]
    .into_iter()
    .flatten()
    .any(|value| fold(value).contains(needle))
}

/// One page of clients, oldest first, optionally filtered by `q`.
pub async fn list(ctx: &Ctx, query: &ListQuery) -> Result<Page<Client>, DomainError> {
    let limit = query.limit.unwrap_or(DEFAULT_LIMIT);
    if !(1..=MAX_LIMIT).contains(&limit) {
        return Err(DomainError::field(
            "limit",
            format!("limit must be between 1 and {MAX_LIMIT}."),
        ));
    }
    if query.cursor.as_deref().is_some_and(|c| !is_id(c)) {
        return Err(DomainError::field(
            "cursor",
            "This cursor is not one the API returned; start from the first page.",
        ));
    }
    let needle = query
        .q
        .as_deref()
        .map(fold)
        .map(|q| q.trim().to_owned())
        .filter(|q| !q.is_empty());
    let partition = ctx.studio.partition();
    let mut after = query.cursor.as_ref().map(|c| format!("{PREFIX}{c}"));
    let mut items = Vec::new();
    loop {
        // Without a filter one page of the store is one page of the answer; with one, read ahead in batches.
        let batch = if needle.is_some() {
            MAX_LIMIT
        } else {
            limit - items.len()
        };
        let page = ctx
            .store()
            .query(&partition, PREFIX, after.as_deref(), batch)
            .await?;
        for item in &page.items {
            let client = decode(item)?;
            if needle.as_deref().is_none_or(|n| matches(&client, n)) {
                items.push(client);
                if items.len() == limit {
                    let more =
                        page.last_key.is_some() || item != page.items.last().expect("non-empty");
                    let next_cursor = more.then(|| items[limit - 1].id.clone());
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

/// How many clients match `q` (all of them without it).
pub async fn count(ctx: &Ctx, q: Option<&str>) -> Result<usize, DomainError> {
    let mut total = 0;
    let mut cursor = None;
    loop {
        let query = ListQuery {
            cursor,
            limit: Some(MAX_LIMIT),
            q: q.map(str::to_owned),
        };
        let page = list(ctx, &query).await?;
        total += page.items.len();
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => return Ok(total),
        }
    }
}

/// The clients a person may mean by `reference`: an id, an email (exact, any case) or a name. Exact name
/// matches win over partial ones, so "Martin" finds "Martin" even when "Martine" exists.
pub async fn find(ctx: &Ctx, reference: &str) -> Result<Vec<Client>, DomainError> {
    let reference = reference.trim();
    if is_id(reference) {
        return match get(ctx, reference).await {
            Ok(client) => Ok(vec![client]),
            Err(DomainError::NotFound { .. }) => Ok(vec![]),
            Err(e) => Err(e),
        };
    }
    if let Ok(email) = Email::parse(reference) {
        let Some(guard) = ctx.store().get(&email_guard(ctx, &email)).await? else {
            return Ok(vec![]);
        };
        let id: String = serde_json::from_str(&guard.data)
            .map_err(|e| StoreError::Unavailable(e.to_string()))?;
        return Ok(vec![get(ctx, &id).await?]);
    }
    let needle = fold(reference);
    let mut candidates = Vec::new();
    let mut cursor = None;
    loop {
        let query = ListQuery {
            cursor,
            limit: Some(MAX_LIMIT),
            q: Some(reference.to_owned()),
        };
        let page = list(ctx, &query).await?;
        candidates.extend(page.items);
        match page.next_cursor {
            Some(next) => cursor = Some(next),
            None => break,
        }
    }
    let exact: Vec<Client> = candidates
        .iter()
        .filter(|c| fold(&c.name) == needle)
        .cloned()
        .collect();
    Ok(if exact.is_empty() { candidates } else { exact })
}
