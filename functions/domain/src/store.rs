//! The storage port: a key-value store with conditional, multi-item, all-or-nothing writes.
//!
//! Its semantics are DynamoDB's (items under a partition key, sorted by sort key, `TransactWriteItems`), so that
//! every business invariant is a condition checked by the store in the same transaction as the write. Both
//! adapters (DynamoDB and the embedded engine) pass one conformance suite.

use async_trait::async_trait;

#[derive(Debug, Clone, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub struct Key {
    /// Partition: always `STUDIO#<id>` for tenant data, built from the caller's studio.
    pub pk: String,
    /// `<TYPE>#<ulid>` for entities, `UNIQUE#…` for uniqueness guards.
    pub sk: String,
}

impl Key {
    pub fn new(pk: impl Into<String>, sk: impl Into<String>) -> Self {
        Self {
            pk: pk.into(),
            sk: sk.into(),
        }
    }
}

/// A stored item: its key, its optimistic-concurrency version and its JSON document.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Item {
    pub key: Key,
    pub version: u64,
    pub data: String,
    /// Unix seconds after which the store may delete the item (DynamoDB's TTL); `None` keeps it.
    pub expires_at: Option<i64>,
}

impl Item {
    /// An item that never expires.
    pub fn new(key: Key, version: u64, data: String) -> Self {
        Self {
            key,
            version,
            data,
            expires_at: None,
        }
    }
}

/// A condition on the item's current state, checked atomically with the write.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Condition {
    None,
    NotExists,
    Exists,
    /// The item exists and its version is exactly this one.
    Version(u64),
}

impl Condition {
    /// The rule both adapters share for deciding a condition against the current item.
    pub fn holds(self, current: Option<u64>) -> bool {
        match self {
            Condition::None => true,
            Condition::NotExists => current.is_none(),
            Condition::Exists => current.is_some(),
            Condition::Version(v) => current == Some(v),
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub enum WriteOp {
    Put {
        item: Item,
        condition: Condition,
    },
    Delete {
        key: Key,
        condition: Condition,
    },
    /// Writes nothing; fails the transaction unless the condition holds.
    Check {
        key: Key,
        condition: Condition,
    },
}

impl WriteOp {
    pub fn key(&self) -> &Key {
        match self {
            WriteOp::Put { item, .. } => &item.key,
            WriteOp::Delete { key, .. } | WriteOp::Check { key, .. } => key,
        }
    }

    pub fn condition(&self) -> Condition {
        match self {
            WriteOp::Put { condition, .. }
            | WriteOp::Delete { condition, .. }
            | WriteOp::Check { condition, .. } => *condition,
        }
    }
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub struct QueryPage {
    pub items: Vec<Item>,
    /// The sort key to continue after, when more items may follow.
    pub last_key: Option<String>,
}

#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
pub enum StoreError {
    /// The transaction wrote nothing because the condition of operation `index` did not hold.
    #[error("condition of operation {index} failed")]
    ConditionFailed { index: usize },
    /// The request itself is not valid for the store (e.g. two operations on one key).
    #[error("invalid store request: {0}")]
    Invalid(String),
    /// Concurrent transactions kept this one from committing (DynamoDB's `TransactionConflict`), even after the
    /// adapter's own retries; nothing was written, and the caller may try again.
    #[error("concurrent transactions on the same items")]
    Conflict,
    #[error("store unavailable: {0}")]
    Unavailable(String),
}

/// Which way a query reads sort keys.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Direction {
    Ascending,
    Descending,
}

#[async_trait]
pub trait Store: Send + Sync {
    /// A strongly consistent read of one item.
    async fn get(&self, key: &Key) -> Result<Option<Item>, StoreError>;

    /// Items of partition `pk` whose sort key starts with `prefix`, read in `direction` from the key `from`
    /// (exclusive): ascending, or descending for lists read from their latest entity (ids are time-ordered).
    async fn query_from(
        &self,
        pk: &str,
        prefix: &str,
        from: Option<&str>,
        limit: usize,
        direction: Direction,
    ) -> Result<QueryPage, StoreError>;

    /// `query_from` ascending, after `after`.
    async fn query(
        &self,
        pk: &str,
        prefix: &str,
        after: Option<&str>,
        limit: usize,
    ) -> Result<QueryPage, StoreError> {
        self.query_from(pk, prefix, after, limit, Direction::Ascending)
            .await
    }

    /// All operations or none. At most 100 operations, each key at most once.
    async fn transact(&self, ops: Vec<WriteOp>) -> Result<(), StoreError>;
}

/// Checks the rules shared by both adapters before a transaction reaches the store.
pub fn validate_transaction(ops: &[WriteOp]) -> Result<(), StoreError> {
    if ops.is_empty() || ops.len() > 100 {
        return Err(StoreError::Invalid(format!(
            "a transaction takes 1 to 100 operations, not {}",
            ops.len()
        )));
    }
    let mut keys: Vec<&Key> = ops.iter().map(WriteOp::key).collect();
    keys.sort();
    if keys.windows(2).any(|pair| pair[0] == pair[1]) {
        return Err(StoreError::Invalid(
            "a transaction names the same item twice".into(),
        ));
    }
    Ok(())
}
