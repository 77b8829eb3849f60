//! A transaction under construction that remembers which entities it writes, so the change set, the change
//! feed's record and the history's are derived from the writes themselves and reported only once committed.

use crate::{
    Ctx,
    changes::{Change, ChangeSet, Op},
    context::lock,
    error::DomainError,
    feed,
    history::{self, Written},
    store::{Condition, Item, Key, StoreError, WriteOp},
};

/// What an entity was before a write: the condition of the write, and the history's before-image.
pub(crate) enum Before {
    /// It must not exist yet.
    Nothing,
    /// It must still be at this version, whose stored document was this.
    Known(u64, String),
}

impl Before {
    fn condition(&self) -> Condition {
        match self {
            Before::Nothing => Condition::NotExists,
            Before::Known(version, _) => Condition::Version(*version),
        }
    }

    fn into_image(self) -> Option<String> {
        match self {
            Before::Nothing => None,
            Before::Known(_, image) => Some(image),
        }
    }
}

#[derive(Default)]
pub(crate) struct Tx {
    ops: Vec<WriteOp>,
    /// For each operation, the error to report when its condition fails.
    on_fail: Vec<DomainError>,
    changes: ChangeSet,
    written: Vec<Written>,
}

impl Tx {
    /// Writes an entity; `on_fail` explains a failed condition in domain terms.
    pub fn put_entity(
        &mut self,
        resource: &'static str,
        id: &str,
        op: Op,
        item: Item,
        before: Before,
        on_fail: DomainError,
    ) {
        self.changes.push(Change {
            resource,
            id: id.to_owned(),
            op,
        });
        let condition = before.condition();
        self.written.push(Written {
            resource,
            id: id.to_owned(),
            op,
            before: before.into_image(),
            after: Some(item.clone()),
        });
        self.push(WriteOp::Put { item, condition }, on_fail);
    }

    pub fn delete_entity(
        &mut self,
        resource: &'static str,
        id: &str,
        key: Key,
        before: Before,
        on_fail: DomainError,
    ) {
        self.changes.push(Change {
            resource,
            id: id.to_owned(),
            op: Op::Deleted,
        });
        let condition = before.condition();
        self.written.push(Written {
            resource,
            id: id.to_owned(),
            op: Op::Deleted,
            before: before.into_image(),
            after: None,
        });
        self.push(WriteOp::Delete { key, condition }, on_fail);
    }

    /// Writes or removes an item that is not an entity (a uniqueness guard, a counter): no invalidation.
    pub fn push(&mut self, op: WriteOp, on_fail: DomainError) {
        self.ops.push(op);
        self.on_fail.push(on_fail);
    }

    /// Commits every operation and, when entities changed, the change-feed record and the history record
    /// saying so — in the same transaction, so no write escapes either. A previewing context commits nothing
    /// and collects the history entries instead.
    pub async fn commit(mut self, ctx: &Ctx) -> Result<ChangeSet, DomainError> {
        let entries = history::entries(&self.written);
        if let Some(sink) = ctx.preview_sink() {
            lock(sink).extend(entries);
            return Ok(self.changes);
        }
        if !self.changes.is_empty() {
            let record = feed::record(ctx, &self.changes);
            self.push(
                WriteOp::Put {
                    item: record,
                    condition: Condition::NotExists,
                },
                DomainError::contended(),
            );
            let activity = history::activity(ctx, entries);
            for item in history::records(ctx, &activity) {
                let condition = Condition::NotExists;
                self.push(WriteOp::Put { item, condition }, DomainError::contended());
            }
            self.changes.recorded_as(activity.id, activity.undoable);
        }
        let claim = ctx.take_claim();
        if let Some((op, on_fail)) = &claim {
            self.push(op.clone(), on_fail.clone());
        }
        let result = ctx.store().transact(self.ops).await;
        if result.is_err() {
            // Nothing was written: a retry of the domain call must still carry the claim.
            ctx.restore_claim(claim);
        }
        match result {
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

/// Runs the block `attempt` (an async block: `return` ends the attempt) again while it fails on contention —
/// another write took the number, count or guard it was conditioned on, between its reads and its commit — at
/// most `attempts` times, then answers "contended" (409). The loop of every write that takes what other writers
/// may take at the same moment. (A macro, not a function taking an async closure: the API's handlers need the
/// futures `Send`, which async closures borrowing their arguments cannot yet promise.)
macro_rules! retry_contended {
    ($attempts:expr, $attempt:block) => {{
        let mut outcome = Err($crate::error::DomainError::contended());
        for _ in 0..$attempts {
            outcome = async $attempt.await;
            if !matches!(&outcome, Err(e) if e.is_contended()) {
                break;
            }
        }
        outcome
    }};
}
pub(crate) use retry_contended;
