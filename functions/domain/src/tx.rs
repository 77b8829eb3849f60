//! A transaction under construction that remembers which entities it writes, so the change set is derived
//! from the writes themselves and reported only once they are committed.

use crate::{
    changes::{Change, ChangeSet, Op},
    error::DomainError,
    store::{Condition, Item, Key, Store, StoreError, WriteOp},
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

    pub async fn commit(self, store: &dyn Store) -> Result<ChangeSet, DomainError> {
        match store.transact(self.ops).await {
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
