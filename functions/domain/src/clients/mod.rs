//! Clients: the service the API and the assistant both call.
//!
//! Storage in the studio's partition: `CLIENT#<ulid>` (the client) and `UNIQUE#CLIENT_EMAIL#<lower-case email>`
//! (a guard holding the client id, written in the same transaction, so two clients never share an email even
//! when requests race), `TERM#CLIENT#<word>#<id>` (its words, for searching: `search`) and `REF#STUDIO#CLIENTS`
//! (how many clients the studio has, for counting without reading them). All written in the client's transactions.

mod fields;

use async_trait::async_trait;
use studio_wire::{Client, ClientPatch, NewClient, Page, Problem};

pub use fields::{ClientFields, ClientName, Email, Phone};

use crate::{
    Crud,
    changes::ChangeSet,
    context::Ctx,
    entity::{self, Entity, ListQuery, Unique},
    error::DomainError,
    refs::Refs,
    search::Index,
    tx::{Tx, retry_contended},
};

impl Entity for Client {
    const RESOURCE: &'static str = "clients";
    const PREFIX: &'static str = "CLIENT#";

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

pub const RESOURCE: &str = Client::RESOURCE;
const EMAILS: Unique = Unique {
    kind: "CLIENT_EMAIL",
};

fn duplicate_email(email: &Email) -> DomainError {
    Problem::Duplicate {
        resource: RESOURCE.to_owned(),
        field: "email".to_owned(),
        value: email.as_str().to_owned(),
    }
    .into()
}

/// A write that lost a race on the studio's client count is tried again, this many times.
const ATTEMPTS: usize = 50;
/// The most clients a reference (a name) is resolved among.
const FIND_CAP: usize = 50;

static INDEX: Index<Client> = Index {
    kind: "CLIENT",
    text: searchable,
};

fn searchable(client: &Client) -> Vec<&str> {
    [
        Some(&client.name),
        client.email.as_ref(),
        client.phone.as_ref(),
    ]
    .into_iter()
    .flatten()
    .map(String::as_str)
    .collect()
}

pub async fn create(ctx: &Ctx, input: &NewClient) -> Result<(Client, ChangeSet), DomainError> {
    let fields = ClientFields::parse(input)?;
    let now = ctx.now();
    let id = ctx.new_id();
    let mut client = Client {
        id,
        name: String::new(),
        email: None,
        phone: None,
        kind: fields.kind,
        notes: None,
        created_at: now,
        updated_at: now,
        version: 1,
    };
    fields.clone().write(&mut client);
    retry_contended!(ATTEMPTS, {
        let mut tx = Tx::default();
        if let Some(email) = &fields.email {
            EMAILS.claim(
                &mut tx,
                ctx,
                &email.unique_key(),
                &client.id,
                duplicate_email(email),
            );
        }
        entity::insert(&mut tx, ctx, &client);
        INDEX.write(&mut tx, ctx, None, Some(&client));
        Refs::studio_clients(ctx).add(&mut tx, ctx, 1).await?;
        let changes = tx.commit(ctx).await?;
        tracing::info!(studio = %ctx.studio, client = %client.id, "client created");
        Ok((client.clone(), changes))
    })
}

pub async fn get(ctx: &Ctx, id: &str) -> Result<Client, DomainError> {
    entity::get(ctx, id).await
}

/// Applies `patch` if `patch.version` is still the stored one. Writes nothing when nothing changes.
pub async fn update(
    ctx: &Ctx,
    id: &str,
    patch: &ClientPatch,
) -> Result<(Client, ChangeSet), DomainError> {
    let current: Client = entity::get(ctx, id).await?;
    let before = ClientFields::stored(&current);
    let after = before.patched(patch)?;
    entity::check_version(&current, Some(patch.version))?;
    if after == before {
        return Ok((current, ChangeSet::default()));
    }
    let mut tx = Tx::default();
    let old_email = before.email.as_ref().map(Email::unique_key);
    if old_email != after.email.as_ref().map(Email::unique_key) {
        if let Some(old) = &old_email {
            EMAILS.release(&mut tx, ctx, old, entity::stale::<Client>(id));
        }
        if let Some(new) = &after.email {
            EMAILS.claim(&mut tx, ctx, &new.unique_key(), id, duplicate_email(new));
        }
    }
    let mut client = current.clone();
    after.write(&mut client);
    client.updated_at = ctx.now();
    entity::replace(&mut tx, ctx, &current, &mut client);
    INDEX.write(&mut tx, ctx, Some(&current), Some(&client));
    let changes = tx.commit(ctx).await?;
    tracing::info!(studio = %ctx.studio, client = %id, version = client.version, "client updated");
    Ok((client, changes))
}

/// Deletes the client and frees its email. With `version`, only if nobody changed it since.
pub async fn delete(ctx: &Ctx, id: &str, version: Option<u64>) -> Result<ChangeSet, DomainError> {
    retry_contended!(ATTEMPTS, {
        let current: Client = entity::get(ctx, id).await?;
        entity::check_version(&current, version)?;
        let mut tx = Tx::default();
        Refs::client(ctx, id).require_none(&mut tx, ctx).await?;
        Refs::client_invoices(ctx, id)
            .require_none(&mut tx, ctx)
            .await?;
        Refs::client_projects(ctx, id)
            .require_none(&mut tx, ctx)
            .await?;
        Refs::client_quotes(ctx, id)
            .require_none(&mut tx, ctx)
            .await?;
        if let Some(email) = ClientFields::stored(&current).email {
            EMAILS.release(
                &mut tx,
                ctx,
                &email.unique_key(),
                entity::stale::<Client>(id),
            );
        }
        entity::remove(&mut tx, ctx, &current);
        INDEX.write(&mut tx, ctx, Some(&current), None);
        Refs::studio_clients(ctx).add(&mut tx, ctx, -1).await?;
        let changes = tx.commit(ctx).await?;
        tracing::info!(studio = %ctx.studio, client = %id, "client deleted");
        Ok(changes)
    })
}

/// One page of clients: oldest first; with `q`, those it finds by the start of their words (name, email,
/// phone), through the word index.
pub async fn list(ctx: &Ctx, query: &ListQuery) -> Result<Page<Client>, DomainError> {
    if let Some(ids) = &query.ids {
        return entity::by_ids(ctx, ids).await;
    }
    let limit = entity::page_limit(query)?;
    if let Some(q) = &query.q
        && let Some(page) = INDEX.search(ctx, q, query.cursor.as_deref(), limit).await?
    {
        return Ok(page);
    }
    let everything = ListQuery {
        q: None,
        ..query.clone()
    };
    entity::list(ctx, &everything, searchable).await
}

/// How many clients `q` finds (all of them without it, read from the kept count).
pub async fn count(ctx: &Ctx, q: Option<&str>) -> Result<usize, DomainError> {
    if let Some(q) = q
        && let Some(found) = INDEX.find_all(ctx, q, usize::MAX).await?
    {
        return Ok(found.len());
    }
    let total = Refs::studio_clients(ctx).count(ctx).await?;
    Ok(usize::try_from(total).unwrap_or(usize::MAX))
}

/// The clients a person may mean by `reference`: an id, an email (exact, any case) or a name (by the start of
/// its words; exact names first).
pub async fn find(ctx: &Ctx, reference: &str) -> Result<Vec<Client>, DomainError> {
    if let Ok(email) = Email::parse(reference) {
        let Some(id) = EMAILS.owner(ctx, &email.unique_key()).await? else {
            return Ok(vec![]);
        };
        return Ok(vec![get(ctx, &id).await?]);
    }
    if let Some(found) = entity::find_by_id(ctx, reference).await? {
        return Ok(found);
    }
    let candidates = INDEX
        .find_all(ctx, reference, FIND_CAP)
        .await?
        .unwrap_or_default();
    Ok(entity::exact_names_first(
        candidates,
        reference,
        |c: &Client| &c.name,
    ))
}

/// Writes every client's index terms and the kept count from the clients themselves, for a studio whose
/// clients were written before the index existed; does nothing once the count is kept. Reads every client: run
/// it before serving (the local stack does at start-up), not beside writes.
pub async fn reindex(ctx: &Ctx) -> Result<usize, DomainError> {
    let counter = Refs::studio_clients(ctx);
    if counter.is_kept(ctx).await? {
        return Ok(0);
    }
    let all = entity::all::<Client>(ctx, None, searchable).await?;
    // At most 24 terms a client: four clients a transaction stay under its 100 operations.
    for batch in all.chunks(4) {
        let mut tx = Tx::default();
        for client in batch {
            INDEX.write(&mut tx, ctx, None, Some(client));
        }
        tx.commit(ctx).await?;
    }
    if !all.is_empty() {
        let mut tx = Tx::default();
        counter.add(&mut tx, ctx, all.len() as i64).await?;
        tx.commit(ctx).await?;
    }
    tracing::info!(studio = %ctx.studio, clients = all.len(), "clients indexed");
    Ok(all.len())
}

/// The clients service as the API mounts it.
pub struct Clients;

#[async_trait]
impl Crud for Clients {
    type Entity = Client;
    type New = NewClient;
    type Patch = ClientPatch;
    type Query = ListQuery;

    async fn get(ctx: &Ctx, id: &str) -> Result<Client, DomainError> {
        get(ctx, id).await
    }
    async fn create(ctx: &Ctx, input: &NewClient) -> Result<(Client, ChangeSet), DomainError> {
        create(ctx, input).await
    }
    async fn update(
        ctx: &Ctx,
        id: &str,
        patch: &ClientPatch,
    ) -> Result<(Client, ChangeSet), DomainError> {
        update(ctx, id, patch).await
    }
    async fn delete(ctx: &Ctx, id: &str, version: Option<u64>) -> Result<ChangeSet, DomainError> {
        delete(ctx, id, version).await
    }
    async fn list(ctx: &Ctx, query: &ListQuery) -> Result<Page<Client>, DomainError> {
        list(ctx, query).await
    }
}
