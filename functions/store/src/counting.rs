//! A store that counts the items read through it, for measuring what a request costs the store (the benchmark,
//! and tests that hold a request's reads to a bound).

use std::sync::{
    Arc,
    atomic::{AtomicU64, Ordering},
};

use async_trait::async_trait;
use studio_domain::{Direction, Item, Key, QueryPage, Store, StoreError, WriteOp};

pub struct CountingStore {
    inner: Arc<dyn Store>,
    read: AtomicU64,
}

impl CountingStore {
    pub fn new(inner: Arc<dyn Store>) -> Self {
        Self {
            inner,
            read: AtomicU64::new(0),
        }
    }

    /// The items read since the last call (a `get` that finds nothing counts as one read).
    pub fn take_reads(&self) -> u64 {
        self.read.swap(0, Ordering::Relaxed)
    }
}

#[async_trait]
impl Store for CountingStore {
    async fn get(&self, key: &Key) -> Result<Option<Item>, StoreError> {
        self.read.fetch_add(1, Ordering::Relaxed);
        self.inner.get(key).await
    }

    async fn query_from(
        &self,
        pk: &str,
        prefix: &str,
        from: Option<&str>,
        limit: usize,
        direction: Direction,
    ) -> Result<QueryPage, StoreError> {
        let page = self
            .inner
            .query_from(pk, prefix, from, limit, direction)
            .await?;
        self.read
            .fetch_add(page.items.len().max(1) as u64, Ordering::Relaxed);
        Ok(page)
    }

    async fn transact(&self, ops: Vec<WriteOp>) -> Result<(), StoreError> {
        self.inner.transact(ops).await
    }
}
