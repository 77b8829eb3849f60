//! Project tools: list, show, create, update (status…), add a track, change a track (status…). Projects are
//! named by name (or id), tracks by title or number within their project.

use serde::Deserialize;
use serde_json::{Value, json};
use studio_domain::{ChangeSet, projects};
use studio_wire::{
    NewProject, NewTrack, Project, ProjectKind, ProjectPatch, ProjectStatus, Track, TrackPatch,
    TrackStatus,
};

use super::{
    Noun, Tool, ToolEnv, ToolOutcome, ToolResult, arguments, client_filter,
    clients::resolve as resolve_client, failed, listed, not_changed, one,
};

const PROJECT: Noun = Noun {
    fr: "projet",
    fr_plural: "projets",
    feminine: false,
    en: "project",
};
const TRACK: Noun = Noun {
    fr: "morceau",
    fr_plural: "morceaux",
    feminine: false,
    en: "track",
};

pub fn tools() -> Vec<Tool> {
    let project_ref = json!({"type": "string", "description": "The project's name or id."});
    let statuses = json!([
        "pre_production",
        "recording",
        "editing",
        "mixing",
        "mastering",
        "completed",
        "delivered",
        "archived"
    ]);
    let track_statuses = json!(["recording", "editing", "mixing", "mastering", "completed"]);
    vec![
        Tool::new(
            "list_projects",
            "List projects, optionally of one client.",
            json!({"type": "object", "properties": {"client": {"type": "string"}}}),
            |env, args| Box::pin(list(env, args)),
        ),
        Tool::new(
            "get_project",
            "Show one project with its tracks.",
            json!({"type": "object", "properties": {"project": project_ref}, "required": ["project"]}),
            |env, args| Box::pin(get(env, args)),
        ),
        Tool::new(
            "create_project",
            "Create a project (album, EP, …) for a client.",
            json!({"type": "object", "properties": {
                "client": {"type": "string", "description": "The client's name, email or id."},
                "name": {"type": "string"}, "artist": {"type": "string"},
                "kind": {"type": "string", "enum": ["album", "ep", "single", "demo", "soundtrack", "podcast"]},
                "status": {"type": "string", "enum": statuses}
            }, "required": ["client", "name"]}),
            |env, args| Box::pin(create(env, args)),
        ),
        Tool::new(
            "update_project",
            "Change a project: its status (pre_production … archived), name or artist.",
            json!({"type": "object", "properties": {
                "project": project_ref, "status": {"type": "string", "enum": statuses},
                "name": {"type": "string"}, "artist": {"type": "string"}
            }, "required": ["project"]}),
            |env, args| Box::pin(update(env, args)),
        ),
        Tool::new(
            "add_track",
            "Add a track to a project (numbered after the last one).",
            json!({"type": "object", "properties": {
                "project": project_ref, "title": {"type": "string"},
                "bpm": {"type": "integer"}, "key": {"type": "string"}
            }, "required": ["project", "title"]}),
            |env, args| Box::pin(add_track(env, args)),
        ),
        Tool::new(
            "update_track",
            "Change a track of a project, e.g. move it to mixing.",
            json!({"type": "object", "properties": {
                "project": project_ref,
                "track": {"type": "string", "description": "The track's title or number."},
                "status": {"type": "string", "enum": track_statuses},
                "title": {"type": "string"}
            }, "required": ["project", "track"]}),
            |env, args| Box::pin(update_track(env, args)),
        ),
    ]
}

fn brief(project: &Project) -> Value {
    json!({ "id": project.id, "name": project.name, "status": project.status, "client_id": project.client_id,
            "tracks": project.tracks.iter().map(|t| json!({"number": t.number, "title": t.title, "status": t.status})).collect::<Vec<_>>() })
}

fn status_word(env: &ToolEnv, status: ProjectStatus) -> &'static str {
    match status {
        ProjectStatus::PreProduction => env.say("pré-production", "pre-production"),
        ProjectStatus::Recording => env.say("enregistrement", "recording"),
        ProjectStatus::Editing => env.say("montage", "editing"),
        ProjectStatus::Mixing => env.say("mixage", "mixing"),
        ProjectStatus::Mastering => env.say("mastering", "mastering"),
        ProjectStatus::Completed => env.say("terminé", "completed"),
        ProjectStatus::Delivered => env.say("livré", "delivered"),
        ProjectStatus::Archived => env.say("archivé", "archived"),
    }
}

fn track_word(env: &ToolEnv, status: TrackStatus) -> &'static str {
    match status {
        TrackStatus::Recording => env.say("enregistrement", "recording"),
        TrackStatus::Editing => env.say("montage", "editing"),
        TrackStatus::Mixing => env.say("mixage", "mixing"),
        TrackStatus::Mastering => env.say("mastering", "mastering"),
        TrackStatus::Completed => env.say("terminé", "completed"),
    }
}

pub(super) async fn resolve(env: &ToolEnv, reference: &str) -> Result<Project, ToolOutcome> {
    let found = projects::find(&env.ctx, reference)
        .await
        .map_err(|e| failed(env, "Recherche impossible", "Search failed", &e))?;
    one(env, &PROJECT, reference, found, |p| p.name.clone(), brief)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ListArgs {
    client: Option<String>,
}

async fn list(env: &ToolEnv, args: &Value) -> ToolResult {
    let args: ListArgs = arguments(env, "list_projects", args)?;
    let client = client_filter(env, args.client.as_deref()).await?;
    let mut found = projects::all(&env.ctx)
        .await
        .map_err(|e| failed(env, "Lecture impossible", "Could not read projects", &e))?;
    found.retain(|p| client.as_ref().is_none_or(|c| &p.client_id == c));
    let line = |p: &Project| format!("« {} » ({})", p.name, status_word(env, p.status));
    let none = ("Aucun projet.", "No projects.");
    listed(env, &found, none, ("Projets", "Projects"), line, brief)
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct ProjectRef {
    project: String,
}

async fn get(env: &ToolEnv, args: &Value) -> ToolResult {
    let args: ProjectRef = arguments(env, "get_project", args)?;
    let project = resolve(env, &args.project).await?;
    let tracks = project
        .tracks
        .iter()
        .map(|t| format!("{}. {} ({})", t.number, t.title, track_word(env, t.status)))
        .collect::<Vec<_>>()
        .join(", ");
    let summary = env.say(
        format!(
            "« {} » — {} : {tracks}.",
            project.name,
            status_word(env, project.status)
        ),
        format!(
            "“{}” — {}: {tracks}.",
            project.name,
            status_word(env, project.status)
        ),
    );
    Ok(ToolOutcome::success(
        summary,
        brief(&project),
        ChangeSet::default(),
    ))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct CreateArgs {
    client: String,
    name: String,
    artist: Option<String>,
    kind: Option<ProjectKind>,
    status: Option<ProjectStatus>,
}

async fn create(env: &ToolEnv, args: &Value) -> ToolResult {
    let args: CreateArgs = arguments(env, "create_project", args)?;
    let client = resolve_client(env, &args.client).await?;
    let input = NewProject {
        client_id: client.id.clone(),
        name: args.name,
        artist: args.artist,
        kind: args.kind.unwrap_or_default(),
        status: args.status.unwrap_or_default(),
        ..NewProject::default()
    };
    let (project, changes) = projects::create(&env.ctx, &input).await.map_err(|e| {
        failed(
            env,
            "Je n'ai pas créé le projet",
            "I did not create the project",
            &e,
        )
    })?;
    let summary = env.say(
        format!(
            "J'ai créé le projet « {} » pour {}.",
            project.name, client.name
        ),
        format!(
            "I created the project “{}” for {}.",
            project.name, client.name
        ),
    );
    Ok(ToolOutcome::success(summary, brief(&project), changes))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct UpdateArgs {
    project: String,
    status: Option<ProjectStatus>,
    name: Option<String>,
    artist: Option<String>,
}

async fn update(env: &ToolEnv, args: &Value) -> ToolResult {
    let args: UpdateArgs = arguments(env, "update_project", args)?;
    let project = resolve(env, &args.project).await?;
    let patch = ProjectPatch {
        version: project.version,
        status: args.status,
        name: args.name,
        artist: args.artist,
        ..ProjectPatch::default()
    };
    let (updated, changes) = projects::update(&env.ctx, &project.id, &patch)
        .await
        .map_err(|e| not_changed(env, &project.name, &e))?;
    let summary = env.say(
        format!(
            "Le projet « {} » est en {}.",
            updated.name,
            status_word(env, updated.status)
        ),
        format!(
            "The project “{}” is now {}.",
            updated.name,
            status_word(env, updated.status)
        ),
    );
    Ok(ToolOutcome::success(summary, brief(&updated), changes))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TrackArgs {
    project: String,
    title: String,
    bpm: Option<u32>,
    key: Option<String>,
}

async fn add_track(env: &ToolEnv, args: &Value) -> ToolResult {
    let args: TrackArgs = arguments(env, "add_track", args)?;
    let project = resolve(env, &args.project).await?;
    let input = NewTrack {
        version: project.version,
        title: args.title,
        bpm: args.bpm,
        key: args.key,
        ..NewTrack::default()
    };
    let (updated, changes) = projects::add_track(&env.ctx, &project.id, &input)
        .await
        .map_err(|e| not_changed(env, &project.name, &e))?;
    let summary = env.say(
        format!(
            "J'ai ajouté « {} » au projet « {} ».",
            input.title, updated.name
        ),
        format!(
            "I added “{}” to the project “{}”.",
            input.title, updated.name
        ),
    );
    Ok(ToolOutcome::success(summary, brief(&updated), changes))
}

#[derive(Deserialize)]
#[serde(deny_unknown_fields)]
struct TrackChange {
    project: String,
    track: String,
    status: Option<TrackStatus>,
    title: Option<String>,
}

/// The track a person means by title (ignoring case and accents) or number.
fn pick_track<'p>(
    env: &ToolEnv,
    project: &'p Project,
    reference: &str,
) -> Result<&'p Track, ToolOutcome> {
    let wanted = studio_domain::text::fold(reference.trim());
    let found: Vec<&Track> = project
        .tracks
        .iter()
        .filter(|t| studio_domain::text::fold(&t.title) == wanted || t.number.to_string() == wanted)
        .collect();
    one(
        env,
        &TRACK,
        reference,
        found,
        |t| t.title.clone(),
        |t| json!({"number": t.number, "title": t.title}),
    )
}

async fn update_track(env: &ToolEnv, args: &Value) -> ToolResult {
    let args: TrackChange = arguments(env, "update_track", args)?;
    let project = resolve(env, &args.project).await?;
    let track = pick_track(env, &project, &args.track)?;
    let patch = TrackPatch {
        version: project.version,
        status: args.status,
        title: args.title,
        ..TrackPatch::default()
    };
    let (updated, changes) = projects::update_track(&env.ctx, &project.id, &track.id, &patch)
        .await
        .map_err(|e| not_changed(env, &track.title, &e))?;
    let now = updated
        .tracks
        .iter()
        .find(|t| t.id == track.id)
        .unwrap_or(track);
    let summary = env.say(
        format!(
            "« {} » ({}) est en {}.",
            now.title,
            updated.name,
            track_word(env, now.status)
        ),
        format!(
            "“{}” ({}) is now {}.",
            now.title,
            updated.name,
            track_word(env, now.status)
        ),
    );
    Ok(ToolOutcome::success(summary, brief(&updated), changes))
}
