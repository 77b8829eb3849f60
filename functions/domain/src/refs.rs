//! Reference counters: `REF#<KIND>#<id>` counts the sessions that point at a room or a client. Every booking
//! writes it (conditionally on its version) in the booking's transaction, and a deletion checks it in the
//! deletion's transaction — so "no sessions" and "delete" are one atomic step, even against a racing booking.

use serde::{Deserialize, Serialize};

use crate::{
    Ctx, DomainError,
    store::{Condition, Item, Key, StoreError, WriteOp},
    tx::Tx,
};

#[derive(Debug, Clone, Default, Serialize, Deserialize)]
struct Count {
    sessions: u64,
}

pub(crate) struct Refs {
    key: Key,
}

impl Refs {
    pub fn room(ctx: &Ctx, id: &str) -> Self {
        Self {
            key: Key::new(ctx.studio.partition(), format!("REF#ROOM#{id}")),
        }
    }

    pub fn client(ctx: &Ctx, id: &str) -> Self {
        Self {
            key: Key::new(ctx.studio.partition(), format!("REF#CLIENT#{id}")),
        }
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

    /// Adds `delta` sessions in `tx`; the transaction fails with `Contended` if another write got there first.
    pub async fn add(&self, tx: &mut Tx, ctx: &Ctx, delta: i64) -> Result<(), DomainError> {
        let (count, version) = self.read(ctx).await?;
        let sessions = count.sessions.saturating_add_signed(delta);
        let condition = version.map_or(Condition::NotExists, Condition::Version);
        let data = serde_json::to_string(&Count { sessions }).expect("a counter serialises");
        let item = Item::new(self.key.clone(), version.unwrap_or(0) + 1, data);
        tx.push(WriteOp::Put { item, condition }, DomainError::Contended);
        Ok(())
    }

    /// Fails now if sessions point here, and makes `tx` fail if one is booked before it commits: it writes the
    /// counter (still zero), so it collides with any booking's write of it. The zero counter stays behind.
    pub async fn require_none(
        &self,
        tx: &mut Tx,
        ctx: &Ctx,
        message: &str,
    ) -> Result<(), DomainError> {
        let (count, version) = self.read(ctx).await?;
        if count.sessions > 0 {
            return Err(DomainError::Conflict {
                message: message.to_owned(),
            });
        }
        let condition = version.map_or(Condition::NotExists, Condition::Version);
        let data = serde_json::to_string(&Count::default()).expect("a counter serialises");
        let item = Item::new(self.key.clone(), version.unwrap_or(0) + 1, data);
        tx.push(
            WriteOp::Put { item, condition },
            DomainError::Conflict {
                message: message.to_owned(),
            },
        );
        Ok(())
    }
}
