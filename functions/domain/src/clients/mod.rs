//! Clients: the service the API and the assistant both call.
//!
//! Storage in the studio's partition: `CLIENT#<ulid>` (the client) and `UNIQUE#CLIENT_EMAIL#<lower-case email>`
//! (a guard holding the client id, written in the same transaction, so two clients never share an email even
//! when requests race).

mod fields;

use studio_wire::{Client, ClientPatch, NewClient, Page};

pub use fields::{ClientFields, ClientName, Email};

use crate::macros::{crud_service, entity};
use crate::{
    changes::ChangeSet,
    context::Ctx,
    entity::{self, Entity, ListQuery, Unique},
    error::DomainError,
    refs::Refs,
    tx::Tx,
};

entity!(
    Client,
    resource = "clients",
    prefix = "CLIENT#",
    label = "Client"
);

pub const RESOURCE: &str = Client::RESOURCE;
const EMAILS: Unique = Unique {
    kind: "CLIENT_EMAIL",
};

fn duplicate_email(email: &Email) -> DomainError {
    DomainError::Duplicate {
        field: "email",
        message: format!("Another client already uses the email {}.", email.as_str()),
    }
}

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
        EMAILS.claim(
            &mut tx,
            ctx,
            &email.unique_key(),
            &id,
            duplicate_email(email),
        );
    }
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
    apply(&mut client, fields);
    entity::insert(&mut tx, ctx, &client);
    let changes = tx.commit(ctx).await?;
    tracing::info!(studio = %ctx.studio, client = %client.id, "client created");
    Ok((client, changes))
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
    let before = fields_of(&current);
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
    apply(&mut client, after);
    client.updated_at = ctx.now();
    entity::replace(&mut tx, ctx, &mut client, current.version);
    let changes = tx.commit(ctx).await?;
    tracing::info!(studio = %ctx.studio, client = %id, version = client.version, "client updated");
    Ok((client, changes))
}

/// Deletes the client and frees its email. With `version`, only if nobody changed it since.
pub async fn delete(ctx: &Ctx, id: &str, version: Option<u64>) -> Result<ChangeSet, DomainError> {
    let current: Client = entity::get(ctx, id).await?;
    entity::check_version(&current, version)?;
    let mut tx = Tx::default();
    Refs::client(ctx, id)
        .require_none(
            &mut tx,
            ctx,
            "This client has sessions; they must be deleted first.",
        )
        .await?;
    if let Some(email) = fields_of(&current).email {
        EMAILS.release(
            &mut tx,
            ctx,
            &email.unique_key(),
            entity::stale::<Client>(id),
        );
    }
    entity::remove(&mut tx, ctx, &current);
    let changes = tx.commit(ctx).await?;
    tracing::info!(studio = %ctx.studio, client = %id, "client deleted");
    Ok(changes)
}

/// One page of clients, oldest first, optionally filtered by `q` (name, email or phone).
pub async fn list(ctx: &Ctx, query: &ListQuery) -> Result<Page<Client>, DomainError> {
    entity::list(ctx, query, searchable).await
}

/// How many clients match `q` (all of them without it).
pub async fn count(ctx: &Ctx, q: Option<&str>) -> Result<usize, DomainError> {
    Ok(entity::all::<Client>(ctx, q, searchable).await?.len())
}

/// The clients a person may mean by `reference`: an id, an email (exact, any case) or a name.
pub async fn find(ctx: &Ctx, reference: &str) -> Result<Vec<Client>, DomainError> {
    if let Ok(email) = Email::parse(reference) {
        let Some(id) = EMAILS.owner(ctx, &email.unique_key()).await? else {
            return Ok(vec![]);
        };
        return Ok(vec![get(ctx, &id).await?]);
    }
    entity::find_by_name::<Client>(ctx, reference, |c| &c.name, searchable).await
}

crud_service!(
    /// The clients service as the API mounts it.
    Clients: Client, NewClient, ClientPatch, ListQuery
);
