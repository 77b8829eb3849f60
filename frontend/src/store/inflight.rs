//! Shared in-flight requests: views asking for the same key at the same generation await one request.

use std::{cell::RefCell, future::Future, rc::Rc};

use futures::{
    FutureExt,
    future::{LocalBoxFuture, Shared},
};

pub type SharedRequest<T> = Shared<LocalBoxFuture<'static, T>>;

/// The requests under way, by key. A list: a page has a few under way at once (a map's code weighed more wasm).
type Pending<T> = Vec<(String, SharedRequest<T>)>;

pub struct Inflight<T: Clone> {
    pending: Rc<RefCell<Pending<T>>>,
}

impl<T: Clone> Default for Inflight<T> {
    fn default() -> Self {
        Self {
            pending: Rc::default(),
        }
    }
}

impl<T: Clone + 'static> Inflight<T> {
    /// The request under way for `key`, or a new one from `start`. The entry goes away once it completes, so a
    /// later call (for example after an invalidation) starts a fresh request.
    pub fn join<F>(&self, key: String, start: impl FnOnce() -> F) -> SharedRequest<T>
    where
        F: Future<Output = T> + 'static,
    {
        if let Some((_, existing)) = self.pending.borrow().iter().find(|(k, _)| *k == key) {
            return existing.clone();
        }
        let pending = Rc::clone(&self.pending);
        let request = start();
        let cleanup_key = key.clone();
        let shared = async move {
            let value = request.await;
            pending.borrow_mut().retain(|(k, _)| *k != cleanup_key);
            value
        }
        .boxed_local()
        .shared();
        self.pending.borrow_mut().push((key, shared.clone()));
        shared
    }

    pub fn len(&self) -> usize {
        self.pending.borrow().len()
    }

    pub fn is_empty(&self) -> bool {
        self.len() == 0
    }
}

#[cfg(test)]
mod tests {
    use std::cell::Cell;

    use futures::{channel::oneshot, executor::block_on, future::join};

    use super::*;

    #[test]
    fn two_views_with_the_same_key_share_one_request() {
        let inflight = Inflight::<u32>::default();
        let started = Rc::new(Cell::new(0));
        let (tx, rx) = oneshot::channel::<u32>();
        let count = started.clone();
        let first = inflight.join("clients@1".into(), move || {
            count.set(count.get() + 1);
            async move { rx.await.unwrap() }
        });
        let count = started.clone();
        let second = inflight.join("clients@1".into(), move || {
            count.set(count.get() + 1);
            async { 0 }
        });
        tx.send(7).unwrap();
        assert_eq!(block_on(join(first, second)), (7, 7));
        assert_eq!(started.get(), 1);
    }

    #[test]
    fn a_completed_request_is_not_reused() {
        let inflight = Inflight::<u32>::default();
        assert_eq!(block_on(inflight.join("k".into(), || async { 1 })), 1);
        assert!(inflight.is_empty());
        assert_eq!(block_on(inflight.join("k".into(), || async { 2 })), 2);
    }

    #[test]
    fn different_keys_make_different_requests() {
        let inflight = Inflight::<u32>::default();
        let a = inflight.join("clients@1".into(), || async { 1 });
        let b = inflight.join("clients@2".into(), || async { 2 });
        assert_eq!(inflight.len(), 2);
        assert_eq!(block_on(join(a, b)), (1, 2));
    }
}
