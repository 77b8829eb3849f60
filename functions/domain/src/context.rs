//! Who is calling (the studio) and the ports a domain call runs against.

use std::{fmt, sync::Arc};

use jiff::Timestamp;

use crate::store::Store;

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

/// One domain call's context: the caller's studio and the ports.
#[derive(Clone)]
pub struct Ctx {
    pub studio: StudioId,
    pub services: Services,
    /// Which browser the call comes from (the SPA's own id), so the change feed can leave out its own writes.
    pub origin: Option<String>,
}

impl Ctx {
    pub fn new(studio: StudioId, services: Services) -> Self {
        Self {
            studio,
            services,
            origin: None,
        }
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
