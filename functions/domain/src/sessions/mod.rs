//! Sessions: bookings of a room by a client. No two active (non-cancelled) sessions overlap in one room — the
//! calendar's day items enforce it in each booking's transaction (see `calendar`).
//!
//! Each booking's transaction also writes the reference counters of its room and client (so neither can be
//! deleted under it) and an index item `IDX#CLIENT#<client>#<session>` (a client's sessions, read consistently).

mod availability;
mod calendar;
mod fields;
mod pricing;

use async_trait::async_trait;
use futures::future::try_join_all;
use jiff::{SignedDuration, Timestamp};
use serde::Deserialize;
use studio_wire::{
    BookedSlot, Client, FieldProblem, NewSession, Page, Problem, Project, Room, Session,
    SessionPatch, SessionStatus,
};

pub use availability::{availability, free_on, nearest_free};
pub use fields::{MAX_DURATION, MIN_DURATION, SessionFields, SessionTimes};
pub use pricing::price;

use self::calendar::Placement;
use crate::{
    ChangeSet, Crud, Ctx, DomainError,
    entity::{self, Entity},
    index, keys, projects,
    refs::Refs,
    store::{Condition, Key, WriteOp},
    tx::{Tx, retry_contended},
    validate::Errors,
};

impl Entity for Session {
    const RESOURCE: &'static str = "sessions";
    const PREFIX: &'static str = "SESSION#";

    fn id(&self) -> &str {
        &self.id
    }
    fn version(&self) -> u64 {
        self.version
    }
    fn set_version(&mut self, version: u64) {
        self.version = version;
    }
}

/// The widest range `list` answers at once, in days.
pub const MAX_RANGE_DAYS: i64 = 62;
/// How often a booking is retried when concurrent writes changed the days it read.
const ATTEMPTS: usize = 8;

/// `GET /api/sessions` parameters: a time range (`from`, `to`), optionally one room, client or project; or a
/// client and/or project alone.
#[derive(Debug, Clone, Default, PartialEq, Eq, Deserialize)]
pub struct SessionQuery {
    pub from: Option<Timestamp>,
    pub to: Option<Timestamp>,
    pub room: Option<String>,
    pub client: Option<String>,
    pub project: Option<String>,
}

/// The title of a session booked without one.
pub fn default_title(client: &Client) -> String {
    format!("Session {}", client.name)
}

fn index_key(ctx: &Ctx, client_id: &str, session_id: &str) -> Key {
    keys::client_session(ctx, client_id, session_id)
}

fn placement(session: &Session) -> Option<Placement> {
    (session.status != SessionStatus::Cancelled).then(|| Placement {
        room_id: session.room_id.clone(),
        start: session.start,
        end: session.end,
    })
}

/// The entity `id` names, or `None` with a `no_such` problem recorded against `field`.
async fn existing<E: Entity>(
    errors: &mut Errors,
    ctx: &Ctx,
    field: &str,
    id: &str,
) -> Result<Option<E>, DomainError> {
    match entity::get::<E>(ctx, id).await {
        Ok(found) => Ok(Some(found)),
        Err(e) if e.is_not_found() => {
            errors.add(
                field,
                FieldProblem::NoSuch {
                    resource: E::RESOURCE.to_owned(),
                    value: id.to_owned(),
                },
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
            FieldProblem::NotBookable {
                room: room.name.clone(),
            },
        );
    }
}

/// The client and room the fields name, both existing; the room bookable when `placing`.
async fn references(
    ctx: &Ctx,
    fields: &SessionFields,
    placing: bool,
) -> Result<(Client, Room), DomainError> {
    let mut errors = Errors::default();
    let client = existing::<Client>(&mut errors, ctx, "client_id", &fields.client_id).await?;
    let room = existing::<Room>(&mut errors, ctx, "room_id", &fields.room_id).await?;
    if let Some(room) = room.as_ref().filter(|_| placing) {
        bookable(&mut errors, room);
    }
    match (client, room, errors.finish()) {
        (Some(client), Some(room), Ok(())) => Ok((client, room)),
        (_, _, Err(refused)) => Err(refused),
        _ => unreachable!("a missing reference always records a problem"),
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
    Problem::Booked {
        room: room.name.clone(),
        conflicts,
    }
    .into()
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
            .for_each(|op| tx.push(op, DomainError::contended())),
    }
    // A room made unbookable (or a client changed) meanwhile sends the booking round again.
    tx.push(
        WriteOp::Check {
            key: entity::key::<Room>(ctx, &room.id),
            condition: Condition::Version(room.version),
        },
        DomainError::contended(),
    );
    let moved = |f: fn(&Session) -> &String| before.is_none_or(|b| f(b) != f(after));
    if moved(|s| &s.room_id) {
        if let Some(b) = before {
            Refs::room(ctx, &b.room_id).add(tx, ctx, -1).await?;
        }
        Refs::room(ctx, &after.room_id).add(tx, ctx, 1).await?;
    }
    let project = |s: &Session| s.project_id.clone();
    let was = before.and_then(project);
    Refs::move_ref(
        tx,
        ctx,
        Refs::project_sessions,
        was.as_deref(),
        after.project_id.as_deref(),
    )
    .await?;
    if moved(|s| &s.client_id) {
        if let Some(b) = before {
            Refs::client(ctx, &b.client_id).add(tx, ctx, -1).await?;
            index::remove(tx, index_key(ctx, &b.client_id, &b.id));
        }
        Refs::client(ctx, &after.client_id).add(tx, ctx, 1).await?;
        index::add(tx, index_key(ctx, &after.client_id, &after.id));
        tx.push(
            WriteOp::Check {
                key: entity::key::<Client>(ctx, &after.client_id),
                condition: Condition::Exists,
            },
            DomainError::contended(),
        );
    }
    Ok(Ok(()))
}

/// Books a session. 409 with the conflicting sessions if the room is taken.
pub async fn create(ctx: &Ctx, input: &NewSession) -> Result<(Session, ChangeSet), DomainError> {
    let fields = SessionFields::parse(input)?;
    let id = ctx.new_id();
    retry_contended!(ATTEMPTS, {
        let placing = fields.status != SessionStatus::Cancelled;
        let (client, room) = references(ctx, &fields, placing).await?;
        projects::check_link(ctx, fields.project_id.as_deref(), &client.id).await?;
        let now = ctx.now();
        let mut session = Session {
            id: id.clone(),
            title: String::new(),
            client_id: client.id.clone(),
            room_id: room.id.clone(),
            project_id: None,
            start: fields.times.start,
            end: fields.times.end,
            status: fields.status,
            engineer: None,
            notes: None,
            price: price(&room, fields.times.start, fields.times.end),
            created_at: now,
            updated_at: now,
            version: 1,
        };
        fields.clone().write(&mut session, &default_title(&client));
        let mut tx = Tx::default();
        stage(ctx, &mut tx, &room, None, &session).await??;
        entity::insert(&mut tx, ctx, &session);
        let changes = tx.commit(ctx).await?;
        tracing::info!(studio = %ctx.studio, session = %session.id, room = %session.room_id, "session booked");
        let changes = with_cascades(changes, &session, None);
        Ok((session, changes))
    })
}

/// A session's write also makes its client's and room's detail views stale (they show its sessions).
fn with_cascades(mut changes: ChangeSet, after: &Session, before: Option<&Session>) -> ChangeSet {
    for session in [Some(after), before].into_iter().flatten() {
        changes.touch(Client::RESOURCE, &session.client_id);
        changes.touch(Room::RESOURCE, &session.room_id);
        if let Some(project) = &session.project_id {
            changes.touch(Project::RESOURCE, project);
        }
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
    retry_contended!(ATTEMPTS, {
        let current: Session = entity::get(ctx, id).await?;
        let after = SessionFields::stored(&current).patched(patch)?;
        let mut next = current.clone();
        after.clone().write(&mut next, &current.title);
        let placed_anew = placement(&next).is_some() && placement(&next) != placement(&current);
        let (client, room) = references(ctx, &after, placed_anew).await?;
        (next.client_id, next.room_id) = (client.id, room.id.clone());
        if (&next.client_id, &next.project_id) != (&current.client_id, &current.project_id) {
            projects::check_link(ctx, next.project_id.as_deref(), &next.client_id).await?;
        }
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
        entity::replace(&mut tx, ctx, &current, &mut next);
        let changes = tx.commit(ctx).await?;
        Ok((next.clone(), with_cascades(changes, &next, Some(&current))))
    })
}

/// Deletes a session and frees its slot. With `version`, only if nobody changed it since.
pub async fn delete(ctx: &Ctx, id: &str, version: Option<u64>) -> Result<ChangeSet, DomainError> {
    retry_contended!(ATTEMPTS, {
        let current: Session = entity::get(ctx, id).await?;
        entity::check_version(&current, version)?;
        let mut tx = Tx::default();
        if let Ok(ops) = calendar::plan(ctx, id, placement(&current).as_ref(), None).await? {
            ops.into_iter()
                .for_each(|op| tx.push(op, DomainError::contended()));
        }
        Refs::room(ctx, &current.room_id)
            .add(&mut tx, ctx, -1)
            .await?;
        Refs::client(ctx, &current.client_id)
            .add(&mut tx, ctx, -1)
            .await?;
        let project = current.project_id.as_deref();
        Refs::move_ref(&mut tx, ctx, Refs::project_sessions, project, None).await?;
        index::remove(&mut tx, index_key(ctx, &current.client_id, id));
        entity::remove(&mut tx, ctx, &current);
        let changes = tx.commit(ctx).await?;
        Ok(with_cascades(changes, &current, None))
    })
}

/// Sessions in `[from, to)` (active ones, read from the calendar days, never a scan), optionally of one room,
/// client and/or project; or, with only `client` and/or `project`, every session of that client or project
/// (cancelled ones included, read from the client's index). By start.
pub async fn list(ctx: &Ctx, query: &SessionQuery) -> Result<Page<Session>, DomainError> {
    // A filter names an entity by its id; anything else can name none (and never reaches into another key).
    for (field, resource, value) in [
        ("room", "rooms", &query.room),
        ("client", "clients", &query.client),
        ("project", "projects", &query.project),
    ] {
        if let Some(value) = value.as_deref().filter(|v| !entity::is_id(v)) {
            return Err(DomainError::field(
                field,
                FieldProblem::NoSuch {
                    resource: resource.to_owned(),
                    value: value.to_owned(),
                },
            ));
        }
    }
    let ids: Vec<String> = match (query.from, query.to) {
        (Some(from), Some(to)) => {
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
            calendar::booked(ctx, query.room.as_deref(), from, to)
                .await?
                .into_iter()
                .map(|s| s.session_id)
                .collect()
        }
        (None, None) if query.client.is_some() || query.project.is_some() => {
            let client = match (&query.client, &query.project) {
                (Some(client), _) => client.clone(),
                (None, Some(project)) => entity::get::<Project>(ctx, project).await?.client_id,
                (None, None) => unreachable!("checked"),
            };
            index::ids(ctx, &keys::client_sessions_prefix(&client)).await?
        }
        _ => {
            return Err(DomainError::field("from", FieldProblem::RangeRequired));
        }
    };
    let mut sessions = try_join_all(ids.iter().map(|id| entity::get::<Session>(ctx, id))).await?;
    sessions.retain(|s| {
        query.client.as_ref().is_none_or(|c| &s.client_id == c)
            && query.room.as_ref().is_none_or(|r| &s.room_id == r)
            && query
                .project
                .as_ref()
                .is_none_or(|p| s.project_id.as_ref() == Some(p))
    });
    sessions.sort_by(|a, b| (a.start, &a.id).cmp(&(b.start, &b.id)));
    Ok(Page {
        items: sessions,
        next_cursor: None,
    })
}

/// The active sessions of a client: those touching `[from, to)` when given, else those not yet over.
/// What "the session of Léa Martin (tomorrow)" can mean, for a form's picker and the assistant alike.
pub async fn of_client(
    ctx: &Ctx,
    client_id: &str,
    within: Option<(Timestamp, Timestamp)>,
) -> Result<Vec<Session>, DomainError> {
    let query = SessionQuery {
        client: Some(client_id.to_owned()),
        ..SessionQuery::default()
    };
    let mut found = list(ctx, &query).await?.items;
    found.retain(|s| s.status != SessionStatus::Cancelled);
    match within {
        Some((from, to)) => found.retain(|s| s.start < to && s.end > from),
        None => {
            let now = ctx.now();
            found.retain(|s| s.end > now);
        }
    }
    Ok(found)
}

/// The sessions service as the API mounts it.
pub struct Sessions;

#[async_trait]
impl Crud for Sessions {
    type Entity = Session;
    type New = NewSession;
    type Patch = SessionPatch;
    type Query = SessionQuery;

    async fn get(ctx: &Ctx, id: &str) -> Result<Session, DomainError> {
        get(ctx, id).await
    }
    async fn create(ctx: &Ctx, input: &NewSession) -> Result<(Session, ChangeSet), DomainError> {
        create(ctx, input).await
    }
    async fn update(
        ctx: &Ctx,
        id: &str,
        patch: &SessionPatch,
    ) -> Result<(Session, ChangeSet), DomainError> {
        update(ctx, id, patch).await
    }
    async fn delete(ctx: &Ctx, id: &str, version: Option<u64>) -> Result<ChangeSet, DomainError> {
        delete(ctx, id, version).await
    }
    async fn list(ctx: &Ctx, query: &SessionQuery) -> Result<Page<Session>, DomainError> {
        list(ctx, query).await
    }
}

#[cfg(test)]
mod tests {
    use jiff::civil::date;
    use studio_wire::{FieldProblem, Money, NewClient, NewRoom, RoomPatch, SettingsPatch};

    use super::*;
    use crate::{clients, rooms, settings, testing::ctx};

    async fn studio(ctx: &Ctx) -> (Client, Room) {
        let client = NewClient {
            name: "Léa Martin".into(),
            ..NewClient::default()
        };
        let room = NewRoom {
            name: "Studio A".into(),
            hourly_rate: Money(5_000),
            ..NewRoom::default()
        };
        (
            clients::create(ctx, &client).await.unwrap().0,
            rooms::create(ctx, &room).await.unwrap().0,
        )
    }

    fn booking(client: &Client, room: &Room, start: &str, end: &str) -> NewSession {
        NewSession {
            title: None,
            client_id: client.id.clone(),
            room_id: room.id.clone(),
            project_id: None,
            start: start.parse().unwrap(),
            end: end.parse().unwrap(),
            status: SessionStatus::Scheduled,
            engineer: None,
            notes: None,
        }
    }

    #[tokio::test]
    async fn overlaps_in_one_room_are_refused_and_back_to_back_sessions_are_fine() {
        let ctx = ctx();
        let (client, room) = studio(&ctx).await;
        let (first, _) = create(
            &ctx,
            &booking(
                &client,
                &room,
                "2027-03-10T10:00:00Z",
                "2027-03-10T12:00:00Z",
            ),
        )
        .await
        .unwrap();
        assert_eq!(first.title, "Session Léa Martin", "named after its client");
        assert_eq!(first.price, Money(10_000));
        let refused = create(
            &ctx,
            &booking(
                &client,
                &room,
                "2027-03-10T11:00:00Z",
                "2027-03-10T13:00:00Z",
            ),
        )
        .await
        .unwrap_err();
        let DomainError::Refused(Problem::Booked {
            room: name,
            conflicts,
        }) = refused
        else {
            panic!("expected a booking conflict, got {refused:?}");
        };
        assert_eq!((name.as_str(), conflicts.len()), ("Studio A", 1));
        create(
            &ctx,
            &booking(
                &client,
                &room,
                "2027-03-10T12:00:00Z",
                "2027-03-10T13:00:00Z",
            ),
        )
        .await
        .unwrap();
    }

    #[tokio::test]
    async fn cancelling_frees_the_slot_and_an_inactive_room_takes_no_booking() {
        let ctx = ctx();
        let (client, room) = studio(&ctx).await;
        let slot = booking(
            &client,
            &room,
            "2027-03-10T10:00:00Z",
            "2027-03-10T12:00:00Z",
        );
        let (session, _) = create(&ctx, &slot).await.unwrap();
        let cancel = SessionPatch {
            version: session.version,
            status: Some(SessionStatus::Cancelled),
            ..SessionPatch::default()
        };
        update(&ctx, &session.id, &cancel).await.unwrap();
        create(&ctx, &slot).await.unwrap();
        let closed = RoomPatch {
            version: room.version,
            active: Some(false),
            ..RoomPatch::default()
        };
        rooms::update(&ctx, &room.id, &closed).await.unwrap();
        let later = booking(
            &client,
            &room,
            "2027-03-11T10:00:00Z",
            "2027-03-11T12:00:00Z",
        );
        assert_eq!(
            create(&ctx, &later).await.unwrap_err(),
            DomainError::field(
                "room_id",
                FieldProblem::NotBookable {
                    room: "Studio A".into()
                }
            )
        );
    }

    #[tokio::test]
    async fn free_slots_follow_the_studio_s_zone_and_opening_hours() {
        let ctx = ctx();
        let (client, room) = studio(&ctx).await;
        let hours = SettingsPatch {
            version: 0,
            time_zone: Some("America/New_York".into()),
            opens_at: Some("09:00".into()),
            closes_at: Some("18:00".into()),
            ..SettingsPatch::default()
        };
        settings::update(&ctx, &hours).await.unwrap();
        // 12:00–14:00 in New York (UTC-4 in June).
        create(
            &ctx,
            &booking(
                &client,
                &room,
                "2027-06-10T16:00:00Z",
                "2027-06-10T18:00:00Z",
            ),
        )
        .await
        .unwrap();
        let studio_settings = settings::load(&ctx).await.unwrap();
        let free = free_on(&ctx, &studio_settings, &room.id, date(2027, 6, 10))
            .await
            .unwrap()
            .free;
        let local = |at: Timestamp| {
            let z = at.to_zoned_datetime(studio_settings.zone.clone());
            format!("{:02}:{:02}", z.hour(), z.minute())
        };
        let spans: Vec<(String, String)> = free
            .iter()
            .map(|s| (local(s.start), local(s.end)))
            .collect();
        assert_eq!(
            spans,
            [
                ("09:00".into(), "12:00".into()),
                ("14:00".into(), "18:00".into())
            ]
        );
    }
}
