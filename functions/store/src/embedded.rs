//! The embedded engine: one redb file. A redb write transaction is serializable (one writer at a time), so
//! checking every condition and then writing inside one transaction has DynamoDB's all-or-nothing semantics.

use std::{ops::Bound, path::Path, sync::Arc};

use async_trait::async_trait;
use redb::{Database, ReadableDatabase, ReadableTable, TableDefinition};
use studio_domain::{
    Direction, Item, Key, QueryPage, Store, StoreError, WriteOp, store::validate_transaction,
};

/// (partition, sort key) → (version, expiry in Unix seconds, JSON document). Expired items are kept, as DynamoDB
/// may keep them for a while too: nobody relies on their absence.
const ITEMS: TableDefinition<(&str, &str), (u64, Option<i64>, &str)> =
    TableDefinition::new("items.v2");

#[derive(Clone)]
pub struct EmbeddedStore {
    db: Arc<Database>,
}

fn unavailable(e: impl std::fmt::Display) -> StoreError {
    StoreError::Unavailable(e.to_string())
}

impl EmbeddedStore {
    /// Opens (or creates) the store file.
    pub fn open(path: &Path) -> Result<Self, StoreError> {
        let db = Database::create(path).map_err(unavailable)?;
        let txn = db.begin_write().map_err(unavailable)?;
        txn.open_table(ITEMS).map_err(unavailable)?;
        txn.commit().map_err(unavailable)?;
        Ok(Self { db: Arc::new(db) })
    }

    async fn blocking<T: Send + 'static>(
        &self,
        work: impl FnOnce(&Database) -> Result<T, StoreError> + Send + 'static,
    ) -> Result<T, StoreError> {
        let db = self.db.clone();
        tokio::task::spawn_blocking(move || work(&db))
            .await
            .map_err(unavailable)?
    }
}

#[async_trait]
impl Store for EmbeddedStore {
    async fn get(&self, key: &Key) -> Result<Option<Item>, StoreError> {
        let key = key.clone();
        self.blocking(move |db| {
            let txn = db.begin_read().map_err(unavailable)?;
            let table = txn.open_table(ITEMS).map_err(unavailable)?;
            let found = table
                .get((key.pk.as_str(), key.sk.as_str()))
                .map_err(unavailable)?;
            Ok(found.map(|guard| {
                let (version, expires_at, data) = guard.value();
                Item {
                    key,
                    version,
                    data: data.to_owned(),
                    expires_at,
                }
            }))
        })
        .await
    }

    async fn query_from(
        &self,
        pk: &str,
        prefix: &str,
        from: Option<&str>,
        limit: usize,
        direction: Direction,
    ) -> Result<QueryPage, StoreError> {
        let ascending = direction == Direction::Ascending;
        let (pk, prefix, from) = (pk.to_owned(), prefix.to_owned(), from.map(str::to_owned));
        // Every sort key starting with `prefix` sorts before this one.
        let end = format!("{prefix}{}", char::MAX);
        self.blocking(move |db| {
            let txn = db.begin_read().map_err(unavailable)?;
            let table = txn.open_table(ITEMS).map_err(unavailable)?;
            let from = from.as_deref().map(|sk| Bound::Excluded((pk.as_str(), sk)));
            let range = if ascending {
                let lower = from.unwrap_or(Bound::Included((pk.as_str(), prefix.as_str())));
                table.range::<(&str, &str)>((lower, Bound::Unbounded))
            } else {
                let upper = from.unwrap_or(Bound::Excluded((pk.as_str(), end.as_str())));
                table
                    .range::<(&str, &str)>((Bound::Included((pk.as_str(), prefix.as_str())), upper))
            }
            .map_err(unavailable)?;
            let entries: Box<dyn Iterator<Item = _>> = if ascending {
                Box::new(range)
            } else {
                Box::new(range.rev())
            };
            let mut items = Vec::new();
            let mut last_key = None;
            for entry in entries {
                let (key, value) = entry.map_err(unavailable)?;
                let (item_pk, item_sk) = key.value();
                if item_pk != pk || !item_sk.starts_with(prefix.as_str()) {
                    break;
                }
                if items.len() == limit {
                    last_key = items.last().map(|i: &Item| i.key.sk.clone());
                    break;
                }
                let (version, expires_at, data) = value.value();
                let key = Key::new(item_pk, item_sk);
                items.push(Item {
                    key,
                    version,
                    data: data.to_owned(),
                    expires_at,
                });
            }
            Ok(QueryPage { items, last_key })
        })
        .await
    }

    async fn transact(&self, ops: Vec<WriteOp>) -> Result<(), StoreError> {
        validate_transaction(&ops)?;
        self.blocking(move |db| {
            let txn = db.begin_write().map_err(unavailable)?;
            {
                let mut table = txn.open_table(ITEMS).map_err(unavailable)?;
                for (index, op) in ops.iter().enumerate() {
                    let key = op.key();
                    let current = table
                        .get((key.pk.as_str(), key.sk.as_str()))
                        .map_err(unavailable)?;
                    if !op.condition().holds(current.map(|guard| guard.value().0)) {
                        // Dropping `txn` without commit aborts it: nothing is written.
                        return Err(StoreError::ConditionFailed { index });
                    }
                }
                for op in &ops {
                    match op {
                        WriteOp::Put { item, .. } => {
                            let key = (item.key.pk.as_str(), item.key.sk.as_str());
                            table
                                .insert(key, (item.version, item.expires_at, item.data.as_str()))
                                .map_err(unavailable)?;
                        }
                        WriteOp::Delete { key, .. } => {
                            table
                                .remove((key.pk.as_str(), key.sk.as_str()))
                                .map_err(unavailable)?;
                        }
                        WriteOp::Check { .. } => {}
                    }
                }
            }
            txn.commit().map_err(unavailable)
        })
        .await
    }
}
