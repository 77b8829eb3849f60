//! Free time: a room's free slots in a range, and the free slots nearest to a wished-for one.

use jiff::{
    SignedDuration, Timestamp,
    civil::{Date, Time},
};
use studio_wire::{Availability, FieldProblem, Room, Slot};

use super::calendar;
use crate::{Ctx, DomainError, entity, settings::Settings};

/// The widest range `availability` answers at once, in days.
pub const MAX_RANGE_DAYS: i64 = 31;

/// The gaps between the room's active sessions within `[from, to)`.
pub async fn availability(
    ctx: &Ctx,
    room_id: &str,
    from: Timestamp,
    to: Timestamp,
) -> Result<Availability, DomainError> {
    if to <= from {
        return Err(DomainError::field("to", FieldProblem::EndBeforeStart));
    }
    if to.duration_since(from) > SignedDuration::from_hours(24 * MAX_RANGE_DAYS) {
        return Err(DomainError::field(
            "to",
            FieldProblem::RangeTooWide {
                max_days: MAX_RANGE_DAYS,
            },
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

/// The instants a local day's opening hours span (the clocks' changes included).
fn opening(settings: &Settings, date: Date) -> Option<(Timestamp, Timestamp)> {
    let (opens, closes) = settings.hours();
    let at = |minutes: i32| {
        let (day, minutes) = if minutes >= 24 * 60 {
            (date.tomorrow().ok()?, minutes - 24 * 60)
        } else {
            (date, minutes)
        };
        let time = Time::new((minutes / 60) as i8, (minutes % 60) as i8, 0, 0).ok()?;
        let local = day
            .to_datetime(time)
            .to_zoned_datetime(settings.zone.clone());
        local.ok().map(|z| z.timestamp())
    };
    Some((at(opens)?, at(closes)?))
}

/// The room's free slots on a local day, within the studio's opening hours.
pub async fn free_on(
    ctx: &Ctx,
    settings: &Settings,
    room_id: &str,
    date: Date,
) -> Result<Availability, DomainError> {
    let Some((from, to)) = opening(settings, date) else {
        return Err(DomainError::field(
            "from",
            FieldProblem::OutsideBookingWindow {
                from: super::fields::EARLIEST.to_owned(),
                to: super::fields::LATEST.to_owned(),
            },
        ));
    };
    availability(ctx, room_id, from, to).await
}

/// Up to `count` free slots of `length` in the room, nearest to `wanted` (same week), within the studio's
/// opening hours on one local day — the hours a studio actually books.
pub async fn nearest_free(
    ctx: &Ctx,
    settings: &Settings,
    room_id: &str,
    wanted: Timestamp,
    length: SignedDuration,
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
        let date = start.to_zoned_datetime(settings.zone.clone()).date();
        opening(settings, date)
            .is_some_and(|(opens, closes)| start >= opens && start + length <= closes)
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
