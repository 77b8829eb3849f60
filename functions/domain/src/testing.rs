//! For the domain's own unit tests: the storage port in memory, with the same conditional, all-or-nothing
//! transactions as the real adapters (one lock, so a transaction is atomic), and a context on it.

use std::{collections::BTreeMap, sync::Mutex};

use async_trait::async_trait;

use crate::{
    Ctx, Services, StudioId,
    store::{Direction, Item, Key, QueryPage, Store, StoreError, WriteOp, validate_transaction},
};

#[derive(Default)]
pub struct MemoryStore(Mutex<BTreeMap<Key, Item>>);

#[async_trait]
impl Store for MemoryStore {
    async fn get(&self, key: &Key) -> Result<Option<Item>, StoreError> {
        Ok(self.0.lock().unwrap().get(key).cloned())
    }

    async fn query_from(
        &self,
        pk: &str,
        prefix: &str,
        from: Option<&str>,
        limit: usize,
        direction: Direction,
    ) -> Result<QueryPage, StoreError> {
        let items = self.0.lock().unwrap();
        let matching = |i: &&Item| i.key.pk == pk && i.key.sk.starts_with(prefix);
        Ok(match direction {
            Direction::Ascending => page_of(
                items
                    .values()
                    .filter(matching)
                    .filter(|i| from.is_none_or(|a| i.key.sk.as_str() > a)),
                limit,
            ),
            Direction::Descending => page_of(
                items
                    .values()
                    .rev()
                    .filter(matching)
                    .filter(|i| from.is_none_or(|b| i.key.sk.as_str() < b)),
                limit,
            ),
        })
    }

    async fn transact(&self, ops: Vec<WriteOp>) -> Result<(), StoreError> {
        validate_transaction(&ops)?;
        let mut items = self.0.lock().unwrap();
        for (index, op) in ops.iter().enumerate() {
            let current = items.get(op.key()).map(|i| i.version);
            if !op.condition().holds(current) {
                return Err(StoreError::ConditionFailed { index });
            }
        }
        for op in ops {
            match op {
                WriteOp::Put { item, .. } => {
                    items.insert(item.key.clone(), item);
                }
                WriteOp::Delete { key, .. } => {
                    items.remove(&key);
                }
                WriteOp::Check { .. } => {}
            }
        }
        Ok(())
    }
}

/// The first `limit` of `items`, and the key to read on from when there are more.
fn page_of<'a>(items: impl Iterator<Item = &'a Item>, limit: usize) -> QueryPage {
    let mut page: Vec<Item> = items.take(limit + 1).cloned().collect();
    let more = page.len() > limit;
    page.truncate(limit);
    let last_key = more
        .then(|| page.last().map(|i| i.key.sk.clone()))
        .flatten();
    QueryPage {
        items: page,
        last_key,
    }
}

/// A studio's context on a fresh in-memory store.
pub fn ctx() -> Ctx {
    let services = Services::new(std::sync::Arc::new(MemoryStore::default()));
    Ctx::new(StudioId::parse("studio-test").expect("valid"), services)
}
