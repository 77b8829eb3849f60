//! The change feed: what other people's writes made stale, for screens to catch up without a reload.

use crate::decode::Decode;
use serde::{Deserialize, Serialize};

use crate::Invalidation;

/// One committed write.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode)]
pub struct FeedChange {
    /// Ordered by time; also what the SPA deduplicates on.
    pub id: String,
    pub invalidations: Vec<Invalidation>,
}

/// `GET /api/changes?since=&origin=`: the changes after `since` (with a small overlap, so a change committed by a
/// slightly late clock is not missed), and the cursor to pass next time.
#[derive(Debug, Clone, PartialEq, Serialize, Deserialize, Decode)]
pub struct ChangeFeed {
    pub changes: Vec<FeedChange>,
    pub cursor: String,
}
