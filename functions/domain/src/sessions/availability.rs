//! Free time: a room's free slots in a range, and the free slots nearest to a wished-for one.

use jiff::{SignedDuration, Timestamp, tz::TimeZone};
use studio_wire::{Availability, Room, Slot};

use super::calendar;
use crate::{Ctx, DomainError, entity};

/// The widest range `availability` answers at once.
pub const MAX_RANGE: SignedDuration = SignedDuration::from_hours(31 * 24);

/// The gaps between the room's active sessions within `[from, to)`.
pub async fn availability(
    ctx: &Ctx,
    room_id: &str,
    from: Timestamp,
    to: Timestamp,
) -> Result<Availability, DomainError> {
    if to <= from || to.duration_since(from) > MAX_RANGE {
        return Err(DomainError::field(
            "to",
            "to must be after from, at most 31 days later.",
        ));
    }
    let room: Room = entity::get(ctx, room_id).await?;
    let booked = calendar::booked(ctx, Some(&room.id), from, to).await?;
    let mut free = Vec::new();
    let mut cursor = from;
    for slot in booked {
        if slot.start > cursor {
            free.push(Slot {
                start: cursor,
                end: slot.start.min(to),
            });
        }
        cursor = cursor.max(slot.end);
    }
    if cursor < to {
        free.push(Slot {
            start: cursor,
            end: to,
        });
    }
    Ok(Availability {
        room_id: room.id,
        from,
        to,
        free,
    })
}

/// Up to `count` free slots of `length` in the room, nearest to `wanted` (same week), starting between 08:00 and
/// 23:00 in the studio's time zone and ending by midnight there — the hours a studio actually books.
pub async fn nearest_free(
    ctx: &Ctx,
    room_id: &str,
    wanted: Timestamp,
    length: SignedDuration,
    zone: &TimeZone,
    count: usize,
) -> Result<Vec<Slot>, DomainError> {
    let day = SignedDuration::from_hours(24);
    let (from, to) = (wanted - day, wanted + day * 7);
    let free = availability(ctx, room_id, from, to).await?.free;
    let step = SignedDuration::from_mins(30);
    let mut candidates = Vec::new();
    for gap in free
        .iter()
        .filter(|g| g.end.duration_since(g.start) >= length)
    {
        // Every half hour along the gap, plus the exact wanted start when it falls inside.
        let mut start = gap.start;
        while start + length <= gap.end {
            candidates.push(start);
            start += step;
        }
        if gap.start <= wanted && wanted + length <= gap.end {
            candidates.push(wanted);
        }
    }
    let in_hours = |start: Timestamp| {
        let local = start.to_zoned_datetime(zone.clone());
        let end_local = (start + length).to_zoned_datetime(zone.clone());
        local.hour() >= 8
            && local.hour() <= 23
            && (end_local.date() == local.date()
                || (end_local.hour(), end_local.minute()) == (0, 0))
    };
    candidates.retain(|s| in_hours(*s) && *s >= ctx.now() - step);
    candidates.sort_by_key(|s| (s.duration_since(wanted).abs(), *s));
    candidates.dedup();
    let mut chosen: Vec<Slot> = Vec::new();
    for start in candidates {
        let slot = Slot {
            start,
            end: start + length,
        };
        if chosen
            .iter()
            .all(|c| !(c.start < slot.end && slot.start < c.end))
        {
            chosen.push(slot);
        }
        if chosen.len() == count {
            break;
        }
    }
    chosen.sort_by_key(|s| s.start);
    Ok(chosen)
}
