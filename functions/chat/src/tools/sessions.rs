//! Session tools: list, check availability, book, move, cancel. Times are phrases ("demain 14h", "18h",
//! "2026-11-27T14:00") read in the studio's time zone; clients and rooms are named, never ids the model made up.

use jiff::{SignedDuration, Timestamp, civil::Time};
use serde::Deserialize;
use serde_json::{Value, json};
use studio_domain::{ChangeSet, DomainError, sessions};
use studio_wire::{NewSession, Problem, Session, SessionPatch, SessionStatus, Slot};

use super::{
    Noun, Tool, ToolEnv, ToolOutcome, ToolResult, arguments, client_filter,
    clients::resolve as resolve_client, failed, one, projects::resolve as resolve_project,
    rooms::resolve as resolve_room,
};
use crate::when;

const SESSION: Noun = Noun {
    fr: "session",
    fr_plural: "sessions",
    feminine: true,
    en: "session",
};

pub fn tools() -> Vec<Tool> {
    let phrase = |what: &str| json!({"type": "string", "description": format!("{what}: local date and time, e.g. 2026-11-27T14:00, or a phrase like \"demain 14h\" / \"tomorrow 2pm\".")});
    let find = json!({
        "session": {"type": "string", "description": "The session's id, if known."},
        "client": {"type": "string", "description": "Otherwise the client's name or email…"},
        "on": {"type": "string", "description": "…and the day of the session (e.g. 2026-11-27, demain)."},
        "title": {"type": "string", "description": "Or the title of an upcoming session."}
    });
    let mut move_props = find.clone();
    move_props["start"] = phrase("New start");
    move_props["end"] = phrase("New end (default: same duration)");
    move_props["shift_minutes"] = json!({"type": "integer", "description": "Instead of a new start: move it by this many minutes (negative: earlier)."});
    move_props["extend_minutes"] = json!({"type": "integer", "description": "Instead: keep its start, make it this many minutes longer (negative: shorter)."});
    vec![
        Tool::new(
            "list_sessions",
            "List booked sessions between two days (default: the next 7 days), optionally for one room or client.",
            json!({"type": "object", "properties": {
                "from": {"type": "string", "description": "First day (2026-11-27, demain, …)"},
                "to": {"type": "string", "description": "Last day, included"},
                "room": {"type": "string"}, "client": {"type": "string"}
            }}),
            |env, args| Box::pin(list(env, args)),
        ),
        Tool::new(
            "check_availability",
            "The free slots of a room on one day, within the studio's opening hours.",
            json!({"type": "object", "properties": {"room": {"type": "string"}, "day": {"type": "string"}}, "required": ["room", "day"]}),
            |env, args| Box::pin(availability(env, args)),
        ),
        Tool::new(
            "book_session",
            "Book a room for a client. Refused if the room is taken; then the nearest free slots are proposed.",
            json!({"type": "object", "properties": {
                "client": {"type": "string", "description": "The client's name, email or id."},
                "room": {"type": "string", "description": "The room's name or id."},
                "start": phrase("Start"), "end": phrase("End (a time alone means the start's day)"),
                "title": {"type": "string"}, "engineer": {"type": "string"}, "notes": {"type": "string"},
                "project": {"type": "string", "description": "The client's project this session works on (name or id)."}
            }, "required": ["client", "room", "start", "end"]}),
            |env, args| Box::pin(book(env, args)),
        ),
        Tool::new(
            "move_session",
            "Move or resize a session (same room unless room is given).",
            json!({"type": "object", "properties": move_props}),
            |env, args| Box::pin(move_session(env, args)),
        ),
        Tool::new(
            "cancel_session",
            "Cancel a session, which frees its slot.",
            json!({"type": "object", "properties": find.clone()}),
            |env, args| Box::pin(cancel(env, args)),
        ),
        Tool::new(
            "delete_session",
            "Delete a session booked by mistake (one that took place or is billed is cancelled instead).",
            json!({"type": "object", "properties": find}),
            |env, args| Box::pin(delete(env, args)),
        ),
    ]
}

fn brief(session: &Session) -> Value {
    json!({ "id": session.id, "title": session.title, "client_id": session.client_id, "room_id": session.room_id,
            "start": session.start, "end": session.end, "status": session.status, "price_minor_units": session.price })
}

/// "lun. 30/11 13:00–18:00"; an end at the next midnight reads 24:00 (not "– mar. 01/12 00:00").
fn span(env: &ToolEnv, start: Timestamp, end: Timestamp) -> String {
    let end_local = end.to_zoned_datetime(env.zone().clone());
    let start_day = start.to_zoned_datetime(env.zone().clone()).date();
    let midnight = end_local.hour() == 0
        && end_local.minute() == 0
        && start_day.tomorrow().ok() == Some(end_local.date());
    if midnight {
        format!("{}–24:00", env.local(start))
    } else if start_day == end_local.date() {
        format!(
            "{}–{:02}:{:02}",
            env.local(start),
            end_local.hour(),
            end_local.minute()
        )
    } else {
        format!("{} – {}", env.local(start), env.local(end))
    }
}

fn label(env: &ToolEnv, session: &Session) -> String {
    format!(
        "« {} » {}",
        session.title,
        span(env, session.start, session.end)
    )
}

fn bad_time(env: &ToolEnv, message: String) -> ToolOutcome {
    ToolOutcome::failure(
        env.say(
            format!("Horaire invalide : {message}"),
            format!("Invalid time: {message}"),
        ),
        json!({ "code": "bad_time", "message": message }),
    )
}

/// Midnight (local) of the day a phrase names.
fn day_start(env: &ToolEnv, phrase: &str) -> Result<Timestamp, ToolOutcome> {
    let date = env.day(phrase)?;
    when::instant(date, Time::midnight(), env.zone()).map_err(|m| bad_time(env, m))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ListArgs {
    from: Option<String>,
    to: Option<String>,
    room: Option<String>,
    client: Option<String>,
}

async fn list(env: &ToolEnv, args: &Value) -> ToolResult {
    let args: ListArgs = arguments(env, "list_sessions", args)?;
    let from = match &args.from {
        Some(day) => day_start(env, day)?,
        None => when::instant(env.today(), Time::midnight(), env.zone())
            .map_err(|m| bad_time(env, m))?,
    };
    let to = match (&args.to, &args.from) {
        (Some(day), _) => day_start(env, day)? + SignedDuration::from_hours(24),
        (None, Some(_)) => from + SignedDuration::from_hours(24),
        (None, None) => from + SignedDuration::from_hours(24 * 7),
    };
    let room = match &args.room {
        Some(r) => Some(resolve_room(env, r).await?.id),
        None => None,
    };
    let client = client_filter(env, args.client.as_deref()).await?;
    let query = sessions::SessionQuery {
        from: Some(from),
        to: Some(to),
        room,
        client,
        project: None,
    };
    let page = sessions::list(&env.ctx, &query)
        .await
        .map_err(|e| failed(env, "Lecture impossible", "Could not read sessions", &e))?;
    let summary = if page.items.is_empty() {
        env.say(
            "Aucune session sur cette période.".into(),
            "No sessions in that period.".into(),
        )
    } else {
        let items = page
            .items
            .iter()
            .map(|s| label(env, s))
            .collect::<Vec<_>>()
            .join(", ");
        env.say(
            format!("Sessions ({}) : {items}.", page.items.len()),
            format!("Sessions ({}): {items}.", page.items.len()),
        )
    };
    Ok(ToolOutcome::success(
        summary,
        json!(page.items.iter().map(brief).collect::<Vec<_>>()),
        ChangeSet::default(),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct AvailabilityArgs {
    room: String,
    day: String,
}

fn slots(env: &ToolEnv, free: &[Slot]) -> String {
    free.iter()
        .map(|s| span(env, s.start, s.end))
        .collect::<Vec<_>>()
        .join(", ")
}

async fn availability(env: &ToolEnv, args: &Value) -> ToolResult {
    let args: AvailabilityArgs = arguments(env, "check_availability", args)?;
    let room = resolve_room(env, &args.room).await?;
    let date = env.day(&args.day)?;
    let free = sessions::free_on(&env.ctx, &env.settings, &room.id, date)
        .await
        .map_err(|e| failed(env, "Lecture impossible", "Could not read the calendar", &e))?;
    let summary = if free.free.is_empty() {
        env.say(
            format!("{} est complet ce jour-là.", room.name),
            format!("{} is fully booked that day.", room.name),
        )
    } else {
        env.say(
            format!("{} est libre : {}.", room.name, slots(env, &free.free)),
            format!("{} is free: {}.", room.name, slots(env, &free.free)),
        )
    };
    Ok(ToolOutcome::success(
        summary,
        json!(free),
        ChangeSet::default(),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct BookArgs {
    client: String,
    room: String,
    start: String,
    end: String,
    title: Option<String>,
    engineer: Option<String>,
    notes: Option<String>,
    project: Option<String>,
}

/// A refused booking: who is in the way, and the nearest free slots of the same length.
async fn taken(
    env: &ToolEnv,
    room: &studio_wire::Room,
    start: Timestamp,
    end: Timestamp,
    error: &DomainError,
) -> ToolOutcome {
    let Problem::Booked { conflicts, .. } = error.problem() else {
        return failed(env, "Je n'ai pas réservé", "I did not book", error);
    };
    let what = conflicts
        .iter()
        .map(|c| format!("« {} » {}", c.title, span(env, c.start, c.end)))
        .collect::<Vec<_>>()
        .join(", ");
    let nearest = sessions::nearest_free(
        &env.ctx,
        &env.settings,
        &room.id,
        start,
        end.duration_since(start),
        3,
    )
    .await
    .unwrap_or_default();
    let proposals = if nearest.is_empty() {
        env.say(
            " Aucun créneau libre proche.".to_owned(),
            " No free slot nearby.".to_owned(),
        )
    } else {
        env.say(
            format!(
                " Créneaux libres les plus proches : {}.",
                slots(env, &nearest)
            ),
            format!(" Nearest free slots: {}.", slots(env, &nearest)),
        )
    };
    ToolOutcome::failure(
        env.say(
            format!(
                "Je n'ai pas réservé : {} est déjà pris par {what}.{proposals}",
                room.name
            ),
            format!(
                "I did not book: {} is already taken by {what}.{proposals}",
                room.name
            ),
        ),
        json!({ "code": "booked", "message": error.to_string(), "conflicts": conflicts, "nearest_free": nearest }),
    )
}

async fn book(env: &ToolEnv, args: &Value) -> ToolResult {
    let args: BookArgs = arguments(env, "book_session", args)?;
    let client = resolve_client(env, &args.client).await?;
    let room = resolve_room(env, &args.room).await?;
    let (start, end) = when::interval(&args.start, &args.end, env.today(), env.today(), env.zone())
        .map_err(|m| bad_time(env, m))?;
    let project = match &args.project {
        Some(p) => Some(resolve_project(env, p).await?.id),
        None => None,
    };
    let input = NewSession {
        title: args.title,
        client_id: client.id.clone(),
        room_id: room.id.clone(),
        project_id: project,
        start,
        end,
        status: SessionStatus::Scheduled,
        engineer: args.engineer,
        notes: args.notes,
    };
    let (session, changes) = match sessions::create(&env.ctx, &input).await {
        Ok(done) => done,
        Err(error) => return Err(taken(env, &room, start, end, &error).await),
    };
    let summary = env.say(
        format!(
            "J'ai réservé {} pour {} : {}.",
            room.name,
            client.name,
            span(env, start, end)
        ),
        format!(
            "I booked {} for {}: {}.",
            room.name,
            client.name,
            span(env, start, end)
        ),
    );
    Ok(ToolOutcome::success(summary, brief(&session), changes))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct FindArgs {
    session: Option<String>,
    client: Option<String>,
    on: Option<String>,
    title: Option<String>,
    room: Option<String>,
    start: Option<String>,
    end: Option<String>,
    shift_minutes: Option<i64>,
    extend_minutes: Option<i64>,
}

/// How far ahead a session named by its title is looked for (a listing covers at most 62 days).
const TITLED_WITHIN_DAYS: i64 = 60;

/// The one session the arguments name: its id, or the client's (on a day, else upcoming) active session.
async fn find(env: &ToolEnv, args: &FindArgs) -> Result<Session, ToolOutcome> {
    // Each candidate says its local start, for the person's answer ("celle de demain 10h") to pick one.
    let candidate = |s: &Session| {
        let mut described = brief(s);
        let local = s.start.to_zoned_datetime(env.zone().clone()).datetime();
        described["local_start"] = json!(when::local_iso(local));
        described
    };
    if let Some(id) = &args.session {
        let found = sessions::get(&env.ctx, id)
            .await
            .map(|s| vec![s])
            .or_else(|e| {
                if e.is_not_found() {
                    Ok(vec![])
                } else {
                    Err(failed(env, "Recherche impossible", "Search failed", &e))
                }
            })?;
        return one(env, &SESSION, id, found, |s| label(env, s), brief);
    }
    if let (Some(title), None) = (&args.title, &args.client) {
        let now = env.ctx.now();
        let query = sessions::SessionQuery {
            from: Some(now),
            to: Some(now + SignedDuration::from_hours(24 * TITLED_WITHIN_DAYS)),
            ..sessions::SessionQuery::default()
        };
        let wanted = studio_domain::text::fold(title.trim());
        let mut found = sessions::list(&env.ctx, &query)
            .await
            .map_err(|e| failed(env, "Recherche impossible", "Search failed", &e))?
            .items;
        found.retain(|s| {
            s.status != SessionStatus::Cancelled && studio_domain::text::fold(&s.title) == wanted
        });
        return one(env, &SESSION, title, found, |s| label(env, s), candidate);
    }
    if let (Some(day), None) = (&args.on, &args.client) {
        // A day alone: its one active session, whoever's it is (several: the person is asked which).
        let from = day_start(env, day)?;
        let query = sessions::SessionQuery {
            from: Some(from),
            to: Some(from + SignedDuration::from_hours(24)),
            ..sessions::SessionQuery::default()
        };
        let mut found = sessions::list(&env.ctx, &query)
            .await
            .map_err(|e| failed(env, "Recherche impossible", "Search failed", &e))?
            .items;
        found.retain(|s| s.status != SessionStatus::Cancelled);
        return one(env, &SESSION, day, found, |s| label(env, s), candidate);
    }
    let reference = args
        .client
        .as_deref()
        .ok_or_else(|| bad_time(env, "name the session's client (or give its id).".into()))?;
    let client = resolve_client(env, reference).await?;
    let within = match &args.on {
        Some(day) => {
            let from = day_start(env, day)?;
            Some((from, from + SignedDuration::from_hours(24)))
        }
        None => None,
    };
    let found = sessions::of_client(&env.ctx, &client.id, within)
        .await
        .map_err(|e| failed(env, "Recherche impossible", "Search failed", &e))?;
    let what = match &args.on {
        Some(day) => format!("{} ({day})", client.name),
        None => client.name.clone(),
    };
    one(env, &SESSION, &what, found, |s| label(env, s), candidate)
}

async fn move_session(env: &ToolEnv, args: &Value) -> ToolResult {
    let args: FindArgs = arguments(env, "move_session", args)?;
    let session = find(env, &args).await?;
    if args.start.is_none() && args.shift_minutes.is_none() && args.extend_minutes.is_none() {
        return Err(bad_time(
            env,
            "say where to move it: a new start, shift_minutes or extend_minutes.".into(),
        ));
    }
    let start_phrase = args.start.clone().unwrap_or_default();
    // A new time that names no day keeps the session on its own day (not today).
    let was = session.start.to_zoned_datetime(env.zone().clone());
    let (start, end) = match (&args.end, args.shift_minutes) {
        _ if args.extend_minutes.is_some() => {
            let by = SignedDuration::from_mins(args.extend_minutes.unwrap_or_default());
            (session.start, session.end + by)
        }
        (_, Some(minutes)) => {
            let by = SignedDuration::from_mins(minutes);
            (session.start + by, session.end + by)
        }
        (Some(end), None) => {
            when::interval(&start_phrase, end, env.today(), was.date(), env.zone())
                .map_err(|m| bad_time(env, m))?
        }
        (None, None) => {
            let w = when::parse(&start_phrase, env.today());
            let time = w.time.unwrap_or(was.time());
            let start = when::instant(w.date.unwrap_or(was.date()), time, env.zone())
                .map_err(|m| bad_time(env, m))?;
            (start, start + session.end.duration_since(session.start))
        }
    };
    let room = match &args.room {
        Some(r) => resolve_room(env, r).await?,
        None => studio_domain::entity::get(&env.ctx, &session.room_id)
            .await
            .map_err(|e| failed(env, "Lecture impossible", "Could not read the room", &e))?,
    };
    let patch = SessionPatch {
        version: session.version,
        start: Some(start),
        end: Some(end),
        room_id: Some(room.id.clone()),
        ..SessionPatch::default()
    };
    let (moved, changes) = match sessions::update(&env.ctx, &session.id, &patch).await {
        Ok(done) => done,
        Err(error) => return Err(taken(env, &room, start, end, &error).await),
    };
    let summary = env.say(
        format!("J'ai déplacé la session : {}.", label(env, &moved)),
        format!("I moved the session: {}.", label(env, &moved)),
    );
    Ok(ToolOutcome::success(summary, brief(&moved), changes))
}

async fn cancel(env: &ToolEnv, args: &Value) -> ToolResult {
    let args: FindArgs = arguments(env, "cancel_session", args)?;
    let session = find(env, &args).await?;
    let patch = SessionPatch {
        version: session.version,
        status: Some(SessionStatus::Cancelled),
        ..SessionPatch::default()
    };
    let (cancelled, changes) = sessions::update(&env.ctx, &session.id, &patch)
        .await
        .map_err(|e| {
            failed(
                env,
                "Je n'ai pas annulé la session",
                "I did not cancel the session",
                &e,
            )
        })?;
    let summary = env.say(
        format!("J'ai annulé la session {}.", label(env, &cancelled)),
        format!("I cancelled the session {}.", label(env, &cancelled)),
    );
    Ok(ToolOutcome::success(summary, brief(&cancelled), changes))
}

async fn delete(env: &ToolEnv, args: &Value) -> ToolResult {
    let args: FindArgs = arguments(env, "delete_session", args)?;
    let session = find(env, &args).await?;
    let changes = sessions::delete(&env.ctx, &session.id, Some(session.version))
        .await
        .map_err(|e| {
            failed(
                env,
                "Je n'ai pas supprimé la session",
                "I did not delete the session",
                &e,
            )
        })?;
    let summary = env.say(
        format!("J'ai supprimé la session {}.", label(env, &session)),
        format!("I deleted the session {}.", label(env, &session)),
    );
    Ok(ToolOutcome::success(summary, brief(&session), changes))
}
