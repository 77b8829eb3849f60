//! The per-studio change feed: every committed write also writes `CHANGE#<ulid>` (its invalidations and the
//! caller's origin), in its own transaction, expiring after a week. Readers ask for what came after their cursor.
//! There is no per-studio counter, so writes never queue on one item; instead, since clocks of different
//! function instances may disagree a little, a read goes back a few seconds before its cursor and the client
//! drops the changes it has already seen.

use serde::{Deserialize, Serialize};
use studio_wire::{ChangeFeed, FeedChange, FieldProblem, Invalidation};

use crate::{ChangeSet, Ctx, DomainError, Item, StoreError, keys, keys::CHANGE_PREFIX as PREFIX};
/// How far before the cursor a read starts again.
pub const OVERLAP_MS: u64 = 10_000;
/// How long a change stays readable.
const KEEP_SECONDS: i64 = 7 * 24 * 3600;
/// At most this many changes per read; a client this far behind should reload its data anyway.
const MAX_CHANGES: usize = 500;

#[derive(Serialize, Deserialize)]
struct Record {
    invalidations: Vec<Invalidation>,
    #[serde(default, skip_serializing_if = "Option::is_none")]
    origin: Option<String>,
}

/// The feed item for a committed change set.
pub(crate) fn record(ctx: &Ctx, changes: &ChangeSet) -> Item {
    let data = Record {
        invalidations: changes.invalidations(),
        origin: ctx.origin.clone(),
    };
    Item {
        key: keys::change(ctx, &ctx.new_id()),
        version: 1,
        data: serde_json::to_string(&data).expect("a record serialises"),
        expires_at: Some(ctx.now().as_second() + KEEP_SECONDS),
    }
}

fn parse_cursor(cursor: &str) -> Result<ulid::Ulid, DomainError> {
    ulid::Ulid::from_string(cursor)
        .map_err(|_| DomainError::field("since", FieldProblem::BadCursor))
}

/// The changes after `since` not made from `origin` (from a little before it: the overlap). Without `since`,
/// a reader's first read: a cursor for "now", with the changes of the overlap before it — which the reader
/// counts as seen, so that reading from its cursor later does not bring them back as new.
pub async fn since(
    ctx: &Ctx,
    since: Option<&str>,
    origin: Option<&str>,
) -> Result<ChangeFeed, DomainError> {
    let cursor = match since {
        Some(since) => parse_cursor(since)?,
        None => parse_cursor(&ctx.new_id())?,
    };
    let from = ulid::Ulid::from_parts(cursor.timestamp_ms().saturating_sub(OVERLAP_MS), 0);
    let mut after = Some(format!("{PREFIX}{from}"));
    let now = ctx.now().as_second();
    let (mut changes, mut last) = (Vec::new(), cursor);
    while changes.len() < MAX_CHANGES {
        let page = ctx
            .store()
            .query(&ctx.studio.partition(), PREFIX, after.as_deref(), 200)
            .await?;
        for item in &page.items {
            let id = &item.key.sk[PREFIX.len()..];
            let record: Record = serde_json::from_str(&item.data)
                .map_err(|e| StoreError::Unavailable(format!("corrupt change {id}: {e}")))?;
            last = last.max(parse_cursor(id)?);
            // DynamoDB deletes expired items only eventually (and the embedded store never): skip them here.
            let expired = item.expires_at.is_some_and(|at| at < now);
            if !expired && (origin.is_none() || record.origin.as_deref() != origin) {
                changes.push(FeedChange {
                    id: id.to_owned(),
                    invalidations: record.invalidations,
                });
            }
        }
        match page.last_key {
            Some(key) => after = Some(key),
            None => break,
        }
    }
    Ok(ChangeFeed {
        changes,
        cursor: last.to_string(),
    })
}

#[cfg(test)]
mod tests {
    use std::sync::{Arc, Mutex};

    use jiff::{SignedDuration, Timestamp};
    use studio_wire::NewClient;

    use super::*;
    use crate::Clock;

    struct Clockwork(Mutex<Timestamp>);

    impl Clock for Clockwork {
        fn now(&self) -> Timestamp {
            *self.0.lock().unwrap()
        }
    }

    #[tokio::test]
    async fn a_change_past_its_expiry_is_not_returned_even_if_the_store_still_holds_it() {
        let clock = Arc::new(Clockwork(Mutex::new(Timestamp::now())));
        let mut ctx = crate::testing::ctx();
        ctx.services.clock = clock.clone();
        let cursor = since(&ctx, None, None).await.unwrap().cursor;
        let client = NewClient {
            name: "A".into(),
            ..NewClient::default()
        };
        crate::clients::create(&ctx, &client).await.unwrap();
        assert_eq!(
            since(&ctx, Some(&cursor), None)
                .await
                .unwrap()
                .changes
                .len(),
            1
        );
        *clock.0.lock().unwrap() = Timestamp::now() + SignedDuration::from_hours(8 * 24);
        assert!(
            since(&ctx, Some(&cursor), None)
                .await
                .unwrap()
                .changes
                .is_empty()
        );
    }
}
