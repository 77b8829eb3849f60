//! Who is calling (the studio) and the ports a domain call runs against.

use std::{
    fmt,
    sync::{Arc, Mutex},
};

use jiff::Timestamp;
use studio_wire::{Entry, Via};

use crate::{
    error::DomainError,
    store::{Store, WriteOp},
};

/// The tenant. Comes from the caller's identity only — never from a body, path or query.
#[derive(Debug, Clone, PartialEq, Eq, Hash)]
pub struct StudioId(String);

impl StudioId {
    /// Accepts 1–64 characters of `[A-Za-z0-9_-]`, so it can never break out of a storage key.
    pub fn parse(raw: &str) -> Option<Self> {
        let ok = !raw.is_empty()
            && raw.len() <= 64
            && raw
                .chars()
                .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_');
        ok.then(|| Self(raw.to_owned()))
    }

    pub fn as_str(&self) -> &str {
        &self.0
    }

    /// The partition key of everything this studio owns.
    pub fn partition(&self) -> String {
        format!("STUDIO#{}", self.0)
    }
}

impl fmt::Display for StudioId {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

pub(crate) fn lock<T>(mutex: &Mutex<T>) -> std::sync::MutexGuard<'_, T> {
    mutex
        .lock()
        .unwrap_or_else(|poisoned| poisoned.into_inner())
}

pub trait Clock: Send + Sync {
    fn now(&self) -> Timestamp;
}

pub struct SystemClock;

impl Clock for SystemClock {
    fn now(&self) -> Timestamp {
        Timestamp::now()
    }
}

pub trait IdGen: Send + Sync {
    fn new_id(&self) -> String;
}

/// ULIDs: unique, and sorted by creation time (monotonic within this process, even within one millisecond),
/// so a key-prefix query lists oldest first.
#[derive(Default)]
pub struct UlidGen(std::sync::Mutex<ulid::Generator>);

impl IdGen for UlidGen {
    fn new_id(&self) -> String {
        let mut generator = self
            .0
            .lock()
            .unwrap_or_else(|poisoned| poisoned.into_inner());
        // Overflow needs 2^80 ids in one millisecond; a fresh random ULID is still unique then.
        generator
            .generate()
            .unwrap_or_else(|_| ulid::Ulid::generate())
            .to_string()
    }
}

/// The ports, built once at start-up and shared by every request.
#[derive(Clone)]
pub struct Services {
    pub store: Arc<dyn Store>,
    pub clock: Arc<dyn Clock>,
    pub ids: Arc<dyn IdGen>,
}

impl Services {
    pub fn new(store: Arc<dyn Store>) -> Self {
        Self {
            store,
            clock: Arc::new(SystemClock),
            ids: Arc::new(UlidGen::default()),
        }
    }
}

/// Who acts and through what: recorded in the history with every write.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Actor {
    /// The signed-in person.
    pub person: String,
    pub via: Via,
}

/// A write to add to the next committed transaction, once: what makes a confirmed proposal run exactly once.
type Claim = Arc<Mutex<Option<(WriteOp, DomainError)>>>;

/// One domain call's context: the caller's studio and the ports.
#[derive(Clone)]
pub struct Ctx {
    pub studio: StudioId,
    pub services: Services,
    /// Which browser the call comes from (the SPA's own id), so the change feed can leave out its own writes.
    pub origin: Option<String>,
    pub actor: Actor,
    /// When set, transactions are not committed: what they would write is collected here (a preview).
    preview: Option<Arc<Mutex<Vec<Entry>>>>,
    claim: Claim,
}

impl Ctx {
    pub fn new(studio: StudioId, services: Services) -> Self {
        Self {
            studio,
            services,
            origin: None,
            actor: Actor {
                person: String::new(),
                via: Via::Form,
            },
            preview: None,
            claim: Claim::default(),
        }
    }

    /// The same caller acting as `person` through `via`.
    pub fn acting(mut self, person: &str, via: Via) -> Self {
        self.actor = Actor {
            person: person.to_owned(),
            via,
        };
        self
    }

    /// A context whose writes are only previewed: each transaction's entries go to the returned list.
    pub fn previewing(&self) -> (Self, Arc<Mutex<Vec<Entry>>>) {
        let sink = Arc::new(Mutex::new(Vec::new()));
        let mut ctx = self.clone();
        ctx.preview = Some(sink.clone());
        ctx.claim = Claim::default();
        (ctx, sink)
    }

    /// A context whose first committed transaction also performs `op` (failing with `on_fail` if its condition
    /// does not hold).
    pub fn claiming(&self, op: WriteOp, on_fail: DomainError) -> Self {
        let mut ctx = self.clone();
        ctx.claim = Arc::new(Mutex::new(Some((op, on_fail))));
        ctx
    }

    /// Whether the claim was committed (or there was none).
    pub fn claim_spent(&self) -> bool {
        lock(&self.claim).is_none()
    }

    pub(crate) fn take_claim(&self) -> Option<(WriteOp, DomainError)> {
        lock(&self.claim).take()
    }

    pub(crate) fn restore_claim(&self, claim: Option<(WriteOp, DomainError)>) {
        if claim.is_some() {
            *lock(&self.claim) = claim;
        }
    }

    /// Where previewed entries go, when this context only previews.
    pub(crate) fn preview_sink(&self) -> Option<&Mutex<Vec<Entry>>> {
        self.preview.as_deref()
    }

    /// Tags the writes of this call with `origin` (1–64 letters, digits, `-` or `_`; anything else is ignored).
    pub fn with_origin(mut self, origin: Option<&str>) -> Self {
        self.origin = origin
            .filter(|o| {
                !o.is_empty()
                    && o.len() <= 64
                    && o.chars()
                        .all(|c| c.is_ascii_alphanumeric() || c == '-' || c == '_')
            })
            .map(str::to_owned);
        self
    }

    pub fn store(&self) -> &dyn Store {
        self.services.store.as_ref()
    }

    pub fn now(&self) -> Timestamp {
        self.services.clock.now()
    }

    pub fn new_id(&self) -> String {
        self.services.ids.new_id()
    }
}
