//! The room calendar, as guard items: `DAY#<UTC date>#<room>` lists the active sessions of that room touching
//! that day. A booking reads the days it covers, refuses on overlap, and rewrites them conditionally on the
//! versions it read, in the same transaction as the session: a racing booking that changed one of those days
//! makes this one fail and start again, so two overlapping sessions can never both commit.

use std::collections::BTreeMap;

use futures::future::try_join_all;
use jiff::{SignedDuration, Timestamp, civil::Date, tz::TimeZone};
use serde::{Deserialize, Serialize};

use crate::{
    Ctx, DomainError,
    store::{Condition, Item, Key, StoreError, WriteOp},
};

/// One active session as its days know it.
#[derive(Debug, Clone, PartialEq, Eq, Serialize, Deserialize)]
pub struct Booked {
    pub session_id: String,
    pub start: Timestamp,
    pub end: Timestamp,
}

impl Booked {
    /// Half-open intervals: back-to-back sessions (one ends when the next starts) do not overlap.
    pub fn overlaps(&self, start: Timestamp, end: Timestamp) -> bool {
        self.start < end && start < self.end
    }
}

/// Where an active session sits: its room and its interval.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Placement {
    pub room_id: String,
    pub start: Timestamp,
    pub end: Timestamp,
}

struct Day {
    key: Key,
    version: Option<u64>,
    slots: Vec<Booked>,
}

/// The UTC dates that `[start, end)` touches.
pub fn days(start: Timestamp, end: Timestamp) -> Vec<Date> {
    let first = start.to_zoned_datetime(TimeZone::UTC).date();
    let last = (end - SignedDuration::from_nanos(1))
        .max(start)
        .to_zoned_datetime(TimeZone::UTC)
        .date();
    let mut dates = vec![first];
    while let Some(&day) = dates.last().filter(|d| **d < last) {
        dates.push(day.tomorrow().expect("dates in range"));
    }
    dates
}

use crate::keys::{day as day_key, day_prefix};

fn decode(item: &Item) -> Result<Vec<Booked>, DomainError> {
    serde_json::from_str(&item.data).map_err(|e| {
        StoreError::Unavailable(format!("corrupt calendar day {}: {e}", item.key.sk)).into()
    })
}

async fn read(ctx: &Ctx, key: Key) -> Result<Day, DomainError> {
    match ctx.store().get(&key).await? {
        Some(item) => Ok(Day {
            slots: decode(&item)?,
            version: Some(item.version),
            key,
        }),
        None => Ok(Day {
            key,
            version: None,
            slots: vec![],
        }),
    }
}

/// The sessions booked in `room_id` (or every room) that overlap `[from, to)`, each once.
pub async fn booked(
    ctx: &Ctx,
    room_id: Option<&str>,
    from: Timestamp,
    to: Timestamp,
) -> Result<Vec<Booked>, DomainError> {
    let partition = ctx.studio.partition();
    let reads = days(from, to).into_iter().map(|date| {
        let partition = partition.clone();
        async move {
            let prefix = match room_id {
                Some(room) => format!("{}{room}", day_prefix(date)),
                None => day_prefix(date),
            };
            let mut found = Vec::new();
            let mut after: Option<String> = None;
            loop {
                let page = ctx
                    .store()
                    .query(&partition, &prefix, after.as_deref(), 100)
                    .await?;
                for item in &page.items {
                    found.extend(decode(item)?);
                }
                match page.last_key {
                    Some(last) => after = Some(last),
                    None => return Ok::<_, DomainError>(found),
                }
            }
        }
    });
    let mut by_id = BTreeMap::new();
    for slot in try_join_all(reads)
        .await?
        .into_iter()
        .flatten()
        .filter(|s| s.overlaps(from, to))
    {
        by_id.insert(slot.session_id.clone(), slot);
    }
    let mut slots: Vec<Booked> = by_id.into_values().collect();
    slots.sort_by_key(|s| s.start);
    Ok(slots)
}

/// The writes that move session `id` from `old` to `new` (either may be absent: booking, cancelling),
/// or the sessions in the way. Every write is conditional on the day's version as read here.
pub async fn plan(
    ctx: &Ctx,
    id: &str,
    old: Option<&Placement>,
    new: Option<&Placement>,
) -> Result<Result<Vec<WriteOp>, Vec<Booked>>, DomainError> {
    let keys_of = |p: &Placement| {
        days(p.start, p.end)
            .into_iter()
            .map(|d| day_key(ctx, d, &p.room_id))
            .collect::<Vec<_>>()
    };
    let new_keys = new.map(keys_of).unwrap_or_default();
    let mut keys = old.map(keys_of).unwrap_or_default();
    keys.extend(new_keys.iter().cloned());
    keys.sort();
    keys.dedup();
    let mut read_days = try_join_all(keys.into_iter().map(|key| read(ctx, key))).await?;

    if let Some(new) = new {
        let mut conflicts: Vec<Booked> = read_days
            .iter()
            .filter(|day| new_keys.contains(&day.key))
            .flat_map(|day| day.slots.iter())
            .filter(|slot| slot.session_id != id && slot.overlaps(new.start, new.end))
            .cloned()
            .collect();
        conflicts.sort_by(|a, b| (a.start, &a.session_id).cmp(&(b.start, &b.session_id)));
        conflicts.dedup();
        if !conflicts.is_empty() {
            return Ok(Err(conflicts));
        }
    }

    let mut ops = Vec::new();
    for day in &mut read_days {
        let before = day.slots.clone();
        day.slots.retain(|slot| slot.session_id != id);
        if let Some(new) = new.filter(|_| new_keys.contains(&day.key)) {
            day.slots.push(Booked {
                session_id: id.to_owned(),
                start: new.start,
                end: new.end,
            });
            day.slots.sort_by_key(|slot| slot.start);
        }
        if day.slots == before {
            continue;
        }
        let condition = day.version.map_or(Condition::NotExists, Condition::Version);
        ops.push(match (day.slots.is_empty(), day.version) {
            (true, Some(_)) => WriteOp::Delete {
                key: day.key.clone(),
                condition,
            },
            (true, None) => continue,
            (false, version) => WriteOp::Put {
                item: Item::new(
                    day.key.clone(),
                    version.unwrap_or(0) + 1,
                    serde_json::to_string(&day.slots).expect("slots serialise"),
                ),
                condition,
            },
        });
    }
    Ok(Ok(ops))
}

#[cfg(test)]
mod tests {
    use super::*;

    fn ts(s: &str) -> Timestamp {
        s.parse().unwrap()
    }

    #[test]
    fn a_session_touches_each_utc_day_it_covers() {
        assert_eq!(
            days(ts("2026-11-27T22:00:00Z"), ts("2026-11-28T02:00:00Z")).len(),
            2
        );
        assert_eq!(
            days(ts("2026-11-27T10:00:00Z"), ts("2026-11-28T00:00:00Z")).len(),
            1,
            "ends at midnight"
        );
        assert_eq!(
            days(ts("2026-11-27T10:00:00Z"), ts("2026-12-04T10:00:00Z")).len(),
            8
        );
    }

    #[test]
    fn back_to_back_sessions_do_not_overlap() {
        let slot = Booked {
            session_id: "a".into(),
            start: ts("2026-11-27T10:00:00Z"),
            end: ts("2026-11-27T12:00:00Z"),
        };
        assert!(!slot.overlaps(ts("2026-11-27T12:00:00Z"), ts("2026-11-27T13:00:00Z")));
        assert!(!slot.overlaps(ts("2026-11-27T08:00:00Z"), ts("2026-11-27T10:00:00Z")));
        assert!(slot.overlaps(ts("2026-11-27T11:59:00Z"), ts("2026-11-27T13:00:00Z")));
    }
}
