//! Sessions: bookings of a room by a client. No two active (non-cancelled) sessions overlap in one room — the
//! calendar's day items enforce it in each booking's transaction (see `calendar`).
//!
//! Each booking's transaction also writes the reference counters of its room and client (so neither can be
//! deleted under it) and an index item `IDX#CLIENT#<client>#<session>` (a client's sessions, read consistently).

mod availability;
mod calendar;
mod pricing;

use futures::future::try_join_all;
use jiff::{SignedDuration, Timestamp};
use serde::Deserialize;
use studio_wire::{
    BookedSlot, Client, NewSession, Page, Room, Session, SessionPatch, SessionStatus,
};

pub use availability::{availability, nearest_free};
pub use pricing::price;

use self::calendar::Placement;
use crate::macros::{crud_service, entity};
use crate::{
    ChangeSet, Ctx, DomainError,
    entity::{self, Entity},
    refs::Refs,
    store::{Condition, Item, Key, WriteOp},
    tx::Tx,
    validate::{Errors, optional, required},
};

entity!(
    Session,
    resource = "sessions",
    prefix = "SESSION#",
    label = "Session"
);

/// The longest session accepted.
pub const MAX_DURATION: SignedDuration = SignedDuration::from_hours(7 * 24);
/// The widest range `list` answers at once.
pub const MAX_RANGE: SignedDuration = SignedDuration::from_hours(62 * 24);
/// How often a booking is retried when concurrent writes changed the days it read.
const ATTEMPTS: usize = 8;

/// `GET /api/sessions` parameters: a time range (`from`, `to`), optionally one room or client; or a client alone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct SessionQuery {
    pub from: Option<Timestamp>,
    pub to: Option<Timestamp>,
    pub room: Option<String>,
    pub client: Option<String>,
}

fn index_key(ctx: &Ctx, client_id: &str, session_id: &str) -> Key {
    Key::new(
        ctx.studio.partition(),
        format!("IDX#CLIENT#{client_id}#{session_id}"),
    )
}

fn placement(session: &Session) -> Option<Placement> {
    (session.status != SessionStatus::Cancelled).then(|| Placement {
        room_id: session.room_id.clone(),
        start: session.start,
        end: session.end,
    })
}

fn check_times(errors: &mut Errors, start: Timestamp, end: Timestamp) {
    if end <= start {
        errors.add("end", "The end must be after the start.");
    } else if end.duration_since(start) > MAX_DURATION {
        errors.add(
            "end",
            "A session lasts at most 7 days; book several sessions for longer projects.",
        );
    }
}

async fn existing<E: Entity>(
    errors: &mut Errors,
    ctx: &Ctx,
    field: &str,
    id: &str,
) -> Result<Option<E>, DomainError> {
    match entity::get::<E>(ctx, id.trim()).await {
        Ok(found) => Ok(Some(found)),
        Err(DomainError::NotFound { .. }) => {
            errors.add(
                field,
                format!("There is no {} with id \"{id}\".", E::LABEL.to_lowercase()),
            );
            Ok(None)
        }
        Err(e) => Err(e),
    }
}

fn bookable(errors: &mut Errors, room: &Room) {
    if !room.active || !room.bookable {
        errors.add(
            "room_id",
            format!(
                "{} cannot be booked: it is inactive or not bookable.",
                room.name
            ),
        );
    }
}

/// The 409 for a refused booking, naming the sessions in the way.
async fn booked(ctx: &Ctx, room: &Room, slots: Vec<calendar::Booked>) -> DomainError {
    let sessions = try_join_all(
        slots
            .iter()
            .map(|s| entity::get::<Session>(ctx, &s.session_id)),
    )
    .await;
    let conflicts: Vec<BookedSlot> = match sessions {
        Ok(sessions) => sessions
            .into_iter()
            .map(|s| BookedSlot {
                session_id: s.id,
                title: s.title,
                room_id: s.room_id,
                start: s.start,
                end: s.end,
            })
            .collect(),
        Err(_) => slots
            .into_iter()
            .map(|s| BookedSlot {
                session_id: s.session_id,
                title: String::new(),
                room_id: room.id.clone(),
                start: s.start,
                end: s.end,
            })
            .collect(),
    };
    let list = conflicts
        .iter()
        .map(|c| format!("\"{}\" {} – {}", c.title, c.start, c.end))
        .collect::<Vec<_>>()
        .join(", ");
    DomainError::Booked {
        message: format!("{} is already booked at that time: {list}.", room.name),
        conflicts,
    }
}

/// Writes what moving `session` from `before` to its new state needs: calendar days, counters, index.
/// `Ok(Err(..))` when the new placement collides with other sessions.
async fn stage(
    ctx: &Ctx,
    tx: &mut Tx,
    room: &Room,
    before: Option<&Session>,
    after: &Session,
) -> Result<Result<(), DomainError>, DomainError> {
    let (old, new) = (before.and_then(placement), placement(after));
    match calendar::plan(ctx, &after.id, old.as_ref(), new.as_ref()).await? {
        Err(slots) => return Ok(Err(booked(ctx, room, slots).await)),
        Ok(ops) => ops
            .into_iter()
            .for_each(|op| tx.push(op, DomainError::Contended)),
    }
    // A room made unbookable (or a client changed) meanwhile sends the booking round again.
    tx.push(
        WriteOp::Check {
            key: entity::key::<Room>(ctx, &room.id),
            condition: Condition::Version(room.version),
        },
        DomainError::Contended,
    );
    let moved = |f: fn(&Session) -> &String| before.is_none_or(|b| f(b) != f(after));
    if moved(|s| &s.room_id) {
        if let Some(b) = before {
            Refs::room(ctx, &b.room_id).add(tx, ctx, -1).await?;
        }
        Refs::room(ctx, &after.room_id).add(tx, ctx, 1).await?;
    }
    if moved(|s| &s.client_id) {
        if let Some(b) = before {
            Refs::client(ctx, &b.client_id).add(tx, ctx, -1).await?;
            tx.push(
                WriteOp::Delete {
                    key: index_key(ctx, &b.client_id, &b.id),
                    condition: Condition::None,
                },
                DomainError::Contended,
            );
        }
        Refs::client(ctx, &after.client_id).add(tx, ctx, 1).await?;
        let item = Item::new(index_key(ctx, &after.client_id, &after.id), 1, "{}".into());
        tx.push(
            WriteOp::Put {
                item,
                condition: Condition::None,
            },
            DomainError::Contended,
        );
        tx.push(
            WriteOp::Check {
                key: entity::key::<Client>(ctx, &after.client_id),
                condition: Condition::Exists,
            },
            DomainError::Contended,
        );
    }
    Ok(Ok(()))
}

/// Books a session. 409 with the conflicting sessions if the room is taken.
pub async fn create(ctx: &Ctx, input: &NewSession) -> Result<(Session, ChangeSet), DomainError> {
    let id = ctx.new_id();
    for _ in 0..ATTEMPTS {
        let mut errors = Errors::default();
        let title = errors.take(
            "title",
            required("title", input.title.as_deref().unwrap_or("Session"), 200),
        );
        let engineer = errors.take(
            "engineer",
            optional("engineer", input.engineer.as_deref(), 100),
        );
        let notes = errors.take("notes", optional("notes", input.notes.as_deref(), 4000));
        check_times(&mut errors, input.start, input.end);
        let client = existing::<Client>(&mut errors, ctx, "client_id", &input.client_id).await?;
        let room = existing::<Room>(&mut errors, ctx, "room_id", &input.room_id).await?;
        if let Some(room) = room
            .as_ref()
            .filter(|_| input.status != SessionStatus::Cancelled)
        {
            bookable(&mut errors, room);
        }
        errors.finish()?;
        let (client, room) = (client.expect("checked"), room.expect("checked"));
        let now = ctx.now();
        let session = Session {
            id: id.clone(),
            title: title.expect("checked"),
            client_id: client.id,
            room_id: room.id.clone(),
            start: input.start,
            end: input.end,
            status: input.status,
            engineer: engineer.expect("checked"),
            notes: notes.expect("checked"),
            price: price(&room, input.start, input.end),
            created_at: now,
            updated_at: now,
            version: 1,
        };
        let mut tx = Tx::default();
        stage(ctx, &mut tx, &room, None, &session).await??;
        entity::insert(&mut tx, ctx, &session);
        match tx.commit(ctx).await {
            Err(DomainError::Contended) => continue,
            Err(e) => return Err(e),
            Ok(changes) => {
                tracing::info!(studio = %ctx.studio, session = %session.id, room = %session.room_id, "session booked");
                let changes = with_cascades(changes, &session, None);
                return Ok((session, changes));
            }
        }
    }
    Err(DomainError::Contended)
}

/// A session's write also makes its client's and room's detail views stale (they show its sessions).
fn with_cascades(mut changes: ChangeSet, after: &Session, before: Option<&Session>) -> ChangeSet {
    for session in [Some(after), before].into_iter().flatten() {
        changes.touch(Client::RESOURCE, &session.client_id);
        changes.touch(Room::RESOURCE, &session.room_id);
    }
    changes
}

pub async fn get(ctx: &Ctx, id: &str) -> Result<Session, DomainError> {
    entity::get(ctx, id).await
}

/// Moves, resizes, cancels, un-cancels or edits a session, if `patch.version` is still the stored one.
pub async fn update(
    ctx: &Ctx,
    id: &str,
    patch: &SessionPatch,
) -> Result<(Session, ChangeSet), DomainError> {
    for _ in 0..ATTEMPTS {
        let current: Session = entity::get(ctx, id).await?;
        let mut next = current.clone();
        let mut errors = Errors::default();
        if let Some(title) = &patch.title {
            errors.set("title", required("title", title, 200), &mut next.title);
        }
        if patch.engineer.is_some() {
            errors.set(
                "engineer",
                optional("engineer", patch.engineer.as_deref(), 100),
                &mut next.engineer,
            );
        }
        if patch.notes.is_some() {
            errors.set(
                "notes",
                optional("notes", patch.notes.as_deref(), 4000),
                &mut next.notes,
            );
        }
        next.start = patch.start.unwrap_or(next.start);
        next.end = patch.end.unwrap_or(next.end);
        next.status = patch.status.unwrap_or(next.status);
        check_times(&mut errors, next.start, next.end);
        if let Some(client_id) = &patch.client_id
            && let Some(client) =
                existing::<Client>(&mut errors, ctx, "client_id", client_id).await?
        {
            next.client_id = client.id;
        }
        let room_id = patch
            .room_id
            .clone()
            .unwrap_or_else(|| current.room_id.clone());
        let room = existing::<Room>(&mut errors, ctx, "room_id", &room_id).await?;
        let placed_anew = placement(&next).is_some() && placement(&next) != placement(&current);
        if let Some(room) = room.as_ref().filter(|_| placed_anew) {
            bookable(&mut errors, room);
        }
        errors.finish()?;
        let room = room.expect("checked");
        next.room_id = room.id.clone();
        entity::check_version(&current, Some(patch.version))?;
        if (next.room_id.as_str(), next.start, next.end)
            != (current.room_id.as_str(), current.start, current.end)
        {
            next.price = price(&room, next.start, next.end);
        }
        if next == current {
            return Ok((current, ChangeSet::default()));
        }
        next.updated_at = ctx.now();
        let mut tx = Tx::default();
        stage(ctx, &mut tx, &room, Some(&current), &next).await??;
        entity::replace(&mut tx, ctx, &mut next, current.version);
        match tx.commit(ctx).await {
            Err(DomainError::Contended) => continue,
            Err(e) => return Err(e),
            Ok(changes) => {
                return Ok((next.clone(), with_cascades(changes, &next, Some(&current))));
            }
        }
    }
    Err(DomainError::Contended)
}

/// Deletes a session and frees its slot. With `version`, only if nobody changed it since.
pub async fn delete(ctx: &Ctx, id: &str, version: Option<u64>) -> Result<ChangeSet, DomainError> {
    for _ in 0..ATTEMPTS {
        let current: Session = entity::get(ctx, id).await?;
        entity::check_version(&current, version)?;
        let mut tx = Tx::default();
        if let Ok(ops) = calendar::plan(ctx, id, placement(&current).as_ref(), None).await? {
            ops.into_iter()
                .for_each(|op| tx.push(op, DomainError::Contended));
        }
        Refs::room(ctx, &current.room_id)
            .add(&mut tx, ctx, -1)
            .await?;
        Refs::client(ctx, &current.client_id)
            .add(&mut tx, ctx, -1)
            .await?;
        tx.push(
            WriteOp::Delete {
                key: index_key(ctx, &current.client_id, id),
                condition: Condition::None,
            },
            DomainError::Contended,
        );
        entity::remove(&mut tx, ctx, &current);
        match tx.commit(ctx).await {
            Err(DomainError::Contended) => continue,
            Err(e) => return Err(e),
            Ok(changes) => return Ok(with_cascades(changes, &current, None)),
        }
    }
    Err(DomainError::Contended)
}

/// Sessions in `[from, to)` (active ones, read from the calendar days, never a scan), optionally of one room
/// and/or client; or, with only `client`, every session of that client (cancelled ones included). By start.
pub async fn list(ctx: &Ctx, query: &SessionQuery) -> Result<Page<Session>, DomainError> {
    let ids: Vec<String> = match (query.from, query.to) {
        (Some(from), Some(to)) => {
            if to <= from || to.duration_since(from) > MAX_RANGE {
                return Err(DomainError::field(
                    "to",
                    "to must be after from, at most 62 days later.",
                ));
            }
            calendar::booked(ctx, query.room.as_deref(), from, to)
                .await?
                .into_iter()
                .map(|s| s.session_id)
                .collect()
        }
        (None, None) if query.client.is_some() => {
            let client = query.client.as_deref().expect("checked");
            let prefix = format!("IDX#CLIENT#{client}#");
            let mut ids = Vec::new();
            let mut after: Option<String> = None;
            loop {
                let page = ctx
                    .store()
                    .query(&ctx.studio.partition(), &prefix, after.as_deref(), 200)
                    .await?;
                ids.extend(
                    page.items
                        .iter()
                        .filter_map(|i| i.key.sk.strip_prefix(&prefix).map(str::to_owned)),
                );
                match page.last_key {
                    Some(last) => after = Some(last),
                    None => break ids,
                }
            }
        }
        _ => {
            return Err(DomainError::field(
                "from",
                "Give both from and to (ISO 8601 instants), or a client.",
            ));
        }
    };
    let mut sessions = try_join_all(ids.iter().map(|id| entity::get::<Session>(ctx, id))).await?;
    sessions.retain(|s| {
        query.client.as_ref().is_none_or(|c| &s.client_id == c)
            && query.room.as_ref().is_none_or(|r| &s.room_id == r)
    });
    sessions.sort_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
    Ok(Page {
        items: sessions,
        next_cursor: None,
    })
}

crud_service!(
    /// The sessions service as the API mounts it.
    Sessions: Session, NewSession, SessionPatch, SessionQuery
);
