//! Projects (albums, EPs…) of a client, with their tracks inside. A client with projects cannot be deleted
//! (a reference counter, checked in the deletion's transaction).

mod fields;

use async_trait::async_trait;
use studio_wire::{
    Client, FieldProblem, NewProject, NewTrack, Page, Project, ProjectPatch, Track, TrackPatch,
};

pub use fields::{ProjectFields, TRACKS_MAX};

use crate::{
    ChangeSet, Crud, Ctx, DomainError,
    entity::{self, Entity, ListQuery},
    refs::Refs,
    tx::Tx,
};

impl Entity for Project {
    const RESOURCE: &'static str = "projects";
    const PREFIX: &'static str = "PROJECT#";

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

fn searchable(project: &Project) -> Vec<&str> {
    [Some(&project.name), project.artist.as_ref()]
        .into_iter()
        .flatten()
        .map(String::as_str)
        .collect()
}

async fn check_client(ctx: &Ctx, client_id: &str) -> Result<(), DomainError> {
    match entity::get::<Client>(ctx, client_id).await {
        Ok(_) => Ok(()),
        Err(e) if e.is_not_found() => Err(DomainError::field(
            "client_id",
            FieldProblem::NoSuch {
                resource: Client::RESOURCE.to_owned(),
                value: client_id.to_owned(),
            },
        )),
        Err(e) => Err(e),
    }
}

pub async fn create(ctx: &Ctx, input: &NewProject) -> Result<(Project, ChangeSet), DomainError> {
    let fields = ProjectFields::parse(input)?;
    check_client(ctx, &fields.client_id).await?;
    let now = ctx.now();
    let mut project = Project {
        id: ctx.new_id(),
        client_id: String::new(),
        name: String::new(),
        artist: None,
        kind: input.kind,
        status: input.status,
        budget: None,
        starts_on: None,
        due_on: None,
        notes: None,
        tracks: Vec::new(),
        created_at: now,
        updated_at: now,
        version: 1,
    };
    fields.write(&mut project);
    let mut tx = Tx::default();
    Refs::client_projects(ctx, &project.client_id)
        .add(&mut tx, ctx, 1)
        .await?;
    entity::insert(&mut tx, ctx, &project);
    let changes = tx.commit(ctx).await?;
    Ok((project.clone(), changes.touching_client(&project.client_id)))
}

pub async fn get(ctx: &Ctx, id: &str) -> Result<Project, DomainError> {
    entity::get(ctx, id).await
}

/// Writes `next` over `current` (read at `version`), with the client's detail view marked stale.
async fn save(
    ctx: &Ctx,
    current: &Project,
    mut next: Project,
) -> Result<(Project, ChangeSet), DomainError> {
    next.updated_at = ctx.now();
    let mut tx = Tx::default();
    entity::replace(&mut tx, ctx, current, &mut next);
    let changes = tx.commit(ctx).await?;
    Ok((next.clone(), changes.touching_client(&next.client_id)))
}

pub async fn update(
    ctx: &Ctx,
    id: &str,
    patch: &ProjectPatch,
) -> Result<(Project, ChangeSet), DomainError> {
    let current: Project = entity::get(ctx, id).await?;
    let before = ProjectFields::stored(&current);
    let after = before.patched(patch)?;
    entity::check_version(&current, Some(patch.version))?;
    if after == before {
        return Ok((current, ChangeSet::default()));
    }
    let mut next = current.clone();
    after.write(&mut next);
    save(ctx, &current, next).await
}

/// A session, invoice or quote may name a project only of its own client.
pub(crate) async fn check_link(
    ctx: &Ctx,
    project: Option<&str>,
    client_id: &str,
) -> Result<(), DomainError> {
    let Some(id) = project else { return Ok(()) };
    let no_such = || {
        DomainError::field(
            "project_id",
            FieldProblem::NoSuch {
                resource: Project::RESOURCE.to_owned(),
                value: id.to_owned(),
            },
        )
    };
    match entity::get::<Project>(ctx, id).await {
        Ok(p) if p.client_id == client_id => Ok(()),
        Ok(_) => Err(no_such()),
        Err(e) if e.is_not_found() => Err(no_such()),
        Err(e) => Err(e),
    }
}

/// Deletes a project that no session, invoice or quote names.
pub async fn delete(ctx: &Ctx, id: &str, version: Option<u64>) -> Result<ChangeSet, DomainError> {
    let current: Project = entity::get(ctx, id).await?;
    entity::check_version(&current, version)?;
    let mut tx = Tx::default();
    Refs::project_sessions(ctx, id)
        .require_none(&mut tx, ctx)
        .await?;
    Refs::project_invoices(ctx, id)
        .require_none(&mut tx, ctx)
        .await?;
    Refs::project_quotes(ctx, id)
        .require_none(&mut tx, ctx)
        .await?;
    Refs::client_projects(ctx, &current.client_id)
        .add(&mut tx, ctx, -1)
        .await?;
    entity::remove(&mut tx, ctx, &current);
    Ok(tx.commit(ctx).await?.touching_client(&current.client_id))
}

/// Every project of the studio, oldest first (all pages).
pub async fn all(ctx: &Ctx) -> Result<Vec<Project>, DomainError> {
    entity::all(ctx, None, searchable).await
}

pub async fn list(ctx: &Ctx, query: &ListQuery) -> Result<Page<Project>, DomainError> {
    entity::list(ctx, query, searchable).await
}

/// The projects a person may mean by `reference` (id or name).
pub async fn find(ctx: &Ctx, reference: &str) -> Result<Vec<Project>, DomainError> {
    entity::find_by_name::<Project>(ctx, reference, |p| &p.name, searchable).await
}

/// Adds a track (numbered after the last one unless given), if the project is still at `input.version`.
pub async fn add_track(
    ctx: &Ctx,
    id: &str,
    input: &NewTrack,
) -> Result<(Project, ChangeSet), DomainError> {
    let current: Project = entity::get(ctx, id).await?;
    let number = current.tracks.iter().map(|t| t.number).max().unwrap_or(0) + 1;
    let track = fields::new_track(ctx.new_id(), number, input)?;
    entity::check_version(&current, Some(input.version))?;
    if current.tracks.len() >= TRACKS_MAX {
        return Err(DomainError::field(
            "tracks",
            FieldProblem::OutOfRange {
                min: 0,
                max: TRACKS_MAX as i64,
            },
        ));
    }
    let mut next = current.clone();
    next.tracks.push(track);
    next.tracks.sort_by_key(|t| t.number);
    save(ctx, &current, next).await
}

fn track_not_found(track_id: &str) -> DomainError {
    DomainError::not_found("tracks", track_id)
}

/// Changes one track, if the project is still at `patch.version`.
pub async fn update_track(
    ctx: &Ctx,
    id: &str,
    track_id: &str,
    patch: &TrackPatch,
) -> Result<(Project, ChangeSet), DomainError> {
    let current: Project = entity::get(ctx, id).await?;
    let index = current
        .tracks
        .iter()
        .position(|t| t.id == track_id)
        .ok_or_else(|| track_not_found(track_id))?;
    let track: Track = fields::patched_track(&current.tracks[index], patch)?;
    entity::check_version(&current, Some(patch.version))?;
    if track == current.tracks[index] {
        return Ok((current, ChangeSet::default()));
    }
    let mut next = current.clone();
    next.tracks[index] = track;
    next.tracks.sort_by_key(|t| t.number);
    save(ctx, &current, next).await
}

/// Removes one track, if the project is still at `version`.
pub async fn remove_track(
    ctx: &Ctx,
    id: &str,
    track_id: &str,
    version: u64,
) -> Result<(Project, ChangeSet), DomainError> {
    let current: Project = entity::get(ctx, id).await?;
    if !current.tracks.iter().any(|t| t.id == track_id) {
        return Err(track_not_found(track_id));
    }
    entity::check_version(&current, Some(version))?;
    let mut next = current.clone();
    next.tracks.retain(|t| t.id != track_id);
    save(ctx, &current, next).await
}

/// The projects service as the API mounts it.
pub struct Projects;

#[async_trait]
impl Crud for Projects {
    type Entity = Project;
    type New = NewProject;
    type Patch = ProjectPatch;
    type Query = ListQuery;

    async fn get(ctx: &Ctx, id: &str) -> Result<Project, DomainError> {
        get(ctx, id).await
    }
    async fn create(ctx: &Ctx, input: &NewProject) -> Result<(Project, ChangeSet), DomainError> {
        create(ctx, input).await
    }
    async fn update(
        ctx: &Ctx,
        id: &str,
        patch: &ProjectPatch,
    ) -> Result<(Project, ChangeSet), DomainError> {
        update(ctx, id, patch).await
    }
    async fn delete(ctx: &Ctx, id: &str, version: Option<u64>) -> Result<ChangeSet, DomainError> {
        delete(ctx, id, version).await
    }
    async fn list(ctx: &Ctx, query: &ListQuery) -> Result<Page<Project>, DomainError> {
        list(ctx, query).await
    }
}
