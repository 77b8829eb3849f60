//! Reference counters: `REF#<KIND>#<id>` counts what points at an entity — the sessions of a room or a client,
//! the invoices of a client. Every write that adds or removes a reference writes the counter (conditionally on
//! its version) in its own transaction, and a deletion checks it in the deletion's transaction — so "nothing
//! refers to it" and "delete" are one atomic step, even against a racing booking or invoice.

use serde::{Deserialize, Serialize};
use studio_wire::Problem;

use crate::{
    Ctx, DomainError, keys,
    store::{Condition, Item, Key, StoreError, WriteOp},
    tx::Tx,
};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Count {
    /// (Named `sessions` when sessions were the only references.)
    #[serde(alias = "sessions")]
    count: u64,
}

pub(crate) struct Refs {
    key: Key,
    /// The resource counted into (`rooms`, `clients`) and what refers to it, for the refusal to name them.
    resource: &'static str,
    dependents: &'static str,
}

impl Refs {
    /// The sessions booked in a room.
    pub fn room(ctx: &Ctx, id: &str) -> Self {
        Self {
            key: keys::refs(ctx, "ROOM", id),
            resource: "rooms",
            dependents: "sessions",
        }
    }

    /// The equipment kept in a room.
    pub fn room_equipment(ctx: &Ctx, id: &str) -> Self {
        Self {
            key: keys::refs(ctx, "ROOM_EQUIPMENT", id),
            resource: "rooms",
            dependents: "equipment",
        }
    }

    /// Every client of the studio (kept, so that counting them reads one item).
    pub fn studio_clients(ctx: &Ctx) -> Self {
        Self {
            key: keys::refs(ctx, "STUDIO", "CLIENTS"),
            resource: "studios",
            dependents: "clients",
        }
    }

    /// A client's sessions.
    pub fn client(ctx: &Ctx, id: &str) -> Self {
        Self {
            key: keys::refs(ctx, "CLIENT", id),
            resource: "clients",
            dependents: "sessions",
        }
    }

    /// A client's invoices (drafts, issued ones and credit notes).
    pub fn client_invoices(ctx: &Ctx, id: &str) -> Self {
        Self {
            key: keys::refs(ctx, "CLIENT_INVOICES", id),
            resource: "clients",
            dependents: "invoices",
        }
    }

    /// A client's projects.
    pub fn client_projects(ctx: &Ctx, id: &str) -> Self {
        Self {
            key: keys::refs(ctx, "CLIENT_PROJECTS", id),
            resource: "clients",
            dependents: "projects",
        }
    }

    /// The sessions worked on a project.
    pub fn project_sessions(ctx: &Ctx, id: &str) -> Self {
        Self {
            key: keys::refs(ctx, "PROJECT_SESSIONS", id),
            resource: "projects",
            dependents: "sessions",
        }
    }

    /// The invoices (drafts, issued ones and credit notes) that bill a project.
    pub fn project_invoices(ctx: &Ctx, id: &str) -> Self {
        Self {
            key: keys::refs(ctx, "PROJECT_INVOICES", id),
            resource: "projects",
            dependents: "invoices",
        }
    }

    /// The quotes made for a project.
    pub fn project_quotes(ctx: &Ctx, id: &str) -> Self {
        Self {
            key: keys::refs(ctx, "PROJECT_QUOTES", id),
            resource: "projects",
            dependents: "quotes",
        }
    }

    /// Moves one reference from `before` to `after` (either may be none; a project, a room…), in `tx`.
    pub async fn move_ref(
        tx: &mut Tx,
        ctx: &Ctx,
        of: fn(&Ctx, &str) -> Self,
        before: Option<&str>,
        after: Option<&str>,
    ) -> Result<(), DomainError> {
        if before == after {
            return Ok(());
        }
        if let Some(id) = before {
            of(ctx, id).add(tx, ctx, -1).await?;
        }
        if let Some(id) = after {
            of(ctx, id).add(tx, ctx, 1).await?;
        }
        Ok(())
    }

    /// A client's quotes.
    pub fn client_quotes(ctx: &Ctx, id: &str) -> Self {
        Self {
            key: keys::refs(ctx, "CLIENT_QUOTES", id),
            resource: "clients",
            dependents: "quotes",
        }
    }

    fn in_use(&self) -> DomainError {
        Problem::InUse {
            resource: self.resource.to_owned(),
            dependents: self.dependents.to_owned(),
        }
        .into()
    }

    async fn read(&self, ctx: &Ctx) -> Result<(Count, Option<u64>), DomainError> {
        match ctx.store().get(&self.key).await? {
            None => Ok((Count::default(), None)),
            Some(item) => {
                let count = serde_json::from_str(&item.data).map_err(|e| {
                    StoreError::Unavailable(format!("corrupt counter {}: {e}", item.key.sk))
                })?;
                Ok((count, Some(item.version)))
            }
        }
    }

    /// Whether the counter exists (a count of zero may be written; an absent one was never kept).
    pub async fn is_kept(&self, ctx: &Ctx) -> Result<bool, DomainError> {
        Ok(self.read(ctx).await?.1.is_some())
    }

    /// How many references there are now.
    pub async fn count(&self, ctx: &Ctx) -> Result<u64, DomainError> {
        Ok(self.read(ctx).await?.0.count)
    }

    /// Adds `delta` references in `tx`; the transaction fails with `Contended` if another write got there first.
    pub async fn add(&self, tx: &mut Tx, ctx: &Ctx, delta: i64) -> Result<(), DomainError> {
        let (count, version) = self.read(ctx).await?;
        let next = count.count.saturating_add_signed(delta);
        let condition = version.map_or(Condition::NotExists, Condition::Version);
        let data = serde_json::to_string(&Count { count: next }).expect("a counter serialises");
        let item = Item::new(self.key.clone(), version.unwrap_or(0) + 1, data);
        tx.push(WriteOp::Put { item, condition }, DomainError::contended());
        Ok(())
    }

    /// Fails now if anything refers here, and makes `tx` fail if a reference is added before it commits: it writes the
    /// counter (still zero), so it collides with any booking's write of it. The zero counter stays behind.
    pub async fn require_none(&self, tx: &mut Tx, ctx: &Ctx) -> Result<(), DomainError> {
        let (count, version) = self.read(ctx).await?;
        if count.count > 0 {
            return Err(self.in_use());
        }
        let condition = version.map_or(Condition::NotExists, Condition::Version);
        let data = serde_json::to_string(&Count::default()).expect("a counter serialises");
        let item = Item::new(self.key.clone(), version.unwrap_or(0) + 1, data);
        tx.push(WriteOp::Put { item, condition }, self.in_use());
        Ok(())
    }
}
