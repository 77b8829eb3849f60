//! A transaction under construction that remembers which entities it writes, so the change set is derived
//! from the writes themselves and reported only once they are committed.

use crate::{
    Ctx,
    changes::{Change, ChangeSet, Op},
    error::DomainError,
    feed,
    store::{Condition, Item, Key, StoreError, WriteOp},
};

#[derive(Default)]
pub(crate) struct Tx {
    ops: Vec<WriteOp>,
    /// For each operation, the error to report when its condition fails.
    on_fail: Vec<DomainError>,
    changes: ChangeSet,
}

impl Tx {
    /// Writes an entity; `on_fail` explains a failed condition in domain terms.
    pub fn put_entity(
        &mut self,
        resource: &'static str,
        id: &str,
        op: Op,
        item: Item,
        condition: Condition,
        on_fail: DomainError,
    ) {
        self.changes.push(Change {
            resource,
            id: id.to_owned(),
            op,
        });
        self.push(WriteOp::Put { item, condition }, on_fail);
    }

    pub fn delete_entity(
        &mut self,
        resource: &'static str,
        id: &str,
        key: Key,
        condition: Condition,
        on_fail: DomainError,
    ) {
        self.changes.push(Change {
            resource,
            id: id.to_owned(),
            op: Op::Deleted,
        });
        self.push(WriteOp::Delete { key, condition }, on_fail);
    }

    /// Writes or removes an item that is not an entity (a uniqueness guard, a counter): no invalidation.
    pub fn push(&mut self, op: WriteOp, on_fail: DomainError) {
        self.ops.push(op);
        self.on_fail.push(on_fail);
    }

    /// Commits every operation and, when entities changed, the change-feed record saying so — in the same
    /// transaction, so no write escapes the feed.
    pub async fn commit(mut self, ctx: &Ctx) -> Result<ChangeSet, DomainError> {
        if !self.changes.is_empty() {
            let record = feed::record(ctx, &self.changes);
            self.push(
                WriteOp::Put {
                    item: record,
                    condition: Condition::NotExists,
                },
                DomainError::contended(),
            );
        }
        match ctx.store().transact(self.ops).await {
            Ok(()) => Ok(self.changes),
            Err(StoreError::ConditionFailed { index }) => Err(self
                .on_fail
                .into_iter()
                .nth(index)
                .unwrap_or(DomainError::Store(StoreError::ConditionFailed { index }))),
            Err(other) => Err(other.into()),
        }
    }
}
