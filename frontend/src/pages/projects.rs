//! Projects: the list with a create form, and one project — its details (edited in place), its stage, its
//! tracks (added, renamed, staged and removed in place), its sessions and its invoices.

use studio_wire::{NewTrack, Project, ProjectPatch, ProjectStatus, TrackPatch, TrackStatus};
use yew::prelude::*;
use yew_router::prelude::*;

use super::{SessionTable, invoice_table};
use crate::{
    api::{Method, urls},
    components::history::use_entity_history,
    components::{
        choices::{Choice, options},
        delete_button,
        forms::{
            ProjectForm, ProjectFormValues, Submit, control_value, set_flag, toggle, use_submit,
        },
        head, loaded, use_studio,
    },
    hooks::{
        Shared, name_of, use_client_names, use_entity, use_invoices, use_paged_list, use_sessions,
    },
    i18n::{Texts, error_message, use_texts},
    routes::{Route, close_and_open, link, use_go_to},
};

#[function_component]
pub fn ProjectsPage() -> Html {
    let texts = use_texts();
    let b = texts.billing;
    let projects = use_paged_list::<Project>(urls::PROJECTS, String::new(), urls::Order::Oldest);
    let creating = use_state(|| false);
    let listed = projects.list.data().into_iter().flat_map(|p| &p.items);
    let clients_named = use_client_names(listed.map(|p| p.client_id.as_str()).collect());
    let submit = use_submit();
    let navigator = use_navigator();
    // A new project, once made, opens on its page.
    let on_create = {
        let (submit, creating) = (submit.clone(), creating.clone());
        Callback::from(move |values: ProjectFormValues| {
            let (creating, navigator) = (creating.clone(), navigator.clone());
            let opened = close_and_open(creating, navigator, |id| Route::Project { id });
            let project = Ok(values.to_new());
            submit.send(Method::Post, urls::PROJECTS.collection(), project, opened);
        })
    };
    html! {
        <section class="projects">
            <header class="page-header">
                <h1>{ b.projects_title }</h1>
                <button id="new-project" class="primary" onclick={toggle(&creating)}>{ b.new_project }</button>
            </header>
            if *creating {
                <ProjectForm initial={ProjectFormValues::new_project()} submit_label={texts.create}
                    busy={*submit.busy} error={(*submit.error).clone()} on_submit={on_create}
                    on_cancel={set_flag(&creating, false)} />
            }
            { loaded(texts, &projects.list, |page| if page.items.is_empty() {
                html! { <p class="empty">{ b.no_projects }</p> }
            } else {
                html! {
                    <table class="table projects-table">
                        { head(&[(texts.col_name, ""), (b.col_artist, ""), (texts.col_client, ""), (texts.col_kind, ""), (texts.col_status, ""), (b.tracks, "")]) }
                        <tbody>
                            { for page.items.iter().map(|p| html! {
                                <tr class="project-row">
                                    <td>{ link(Route::Project { id: p.id.clone() }, &p.name) }</td>
                                    <td>{ p.artist.clone().unwrap_or_default() }</td>
                                    <td>{ name_of(&clients_named, &p.client_id) }</td>
                                    <td>{ p.kind.label(texts) }</td>
                                    <td><span class="badge">{ p.status.label(texts) }</span></td>
                                    <td>{ p.tracks.len() }</td>
                                </tr>
                            }) }
                        </tbody>
                    </table>
                }
            }) }
            { projects.more_button(texts, "projects-more") }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct ProjectDetailProps {
    pub id: String,
}

#[function_component]
pub fn ProjectDetailPage(props: &ProjectDetailProps) -> Html {
    let texts = use_texts();
    let history = use_entity_history("projects", &props.id);
    let b = texts.billing;
    let fetched = use_entity::<Project>(urls::PROJECTS, props.id.clone());
    let sessions = use_sessions(urls::project_sessions(&props.id));
    let invoices = use_invoices(urls::project_invoices(&props.id));
    let studio = use_studio();
    let listed = invoices.data().into_iter().flat_map(|p| &p.items);
    let named = use_client_names(listed.map(|i| i.client_id.as_str()).collect());
    let client_id = fetched.data().map_or("", |p| p.client_id.as_str());
    let held = Held {
        submit: use_submit(),
        tracks: use_submit(),
        editing: use_state(|| false),
        new_track: use_state(String::new),
        on_deleted: use_go_to(Route::Projects),
        client_named: use_client_names(vec![client_id]),
    };
    html! {
        <section class="project-detail">
            { link(Route::Projects, b.back_to_projects) }
            { loaded(texts, &fetched, |project| view(texts, project, &held)) }
            // A project that is not there has nothing to list: the line above says so.
            if fetched.error.is_none() {
                <h2>{ b.project_sessions }</h2>
                <SessionTable sessions={sessions.shared()} />
                <h2>{ b.project_invoices }</h2>
                { loaded(texts, &invoices, |page| invoice_table(texts, &studio, &page.items.iter().collect::<Vec<_>>(), &named, false)) }
            }
            { history }
        </section>
    }
}

/// What the project's view keeps between renders, held by the page.
struct Held {
    submit: Submit,
    /// The tracks' own writes: what they are refused for is said under them, where the change was made.
    tracks: Submit,
    editing: UseStateHandle<bool>,
    new_track: UseStateHandle<String>,
    on_deleted: Callback<()>,
    client_named: Vec<(String, String)>,
}

/// The project's fields (or their form while editing), its stage, and its tracks, each changed in place.
fn view(texts: &'static Texts, project: Shared<Project>, held: &Held) -> Html {
    let b = texts.billing;
    let Held {
        submit,
        tracks,
        editing,
        new_track,
        on_deleted,
        client_named,
    } = held;
    let on_save = {
        let (submit, editing, project) = (submit.clone(), editing.clone(), project.clone());
        Callback::from(move |values: ProjectFormValues| {
            let (said, editing) = (submit.clone(), editing.clone());
            submit.send(
                Method::Patch,
                urls::PROJECTS.one(&project.id),
                Ok(values.to_patch(&project)),
                move |_| {
                    editing.set(false);
                    said.say(texts.saved);
                },
            );
        })
    };
    let on_stage = {
        let (submit, id, version) = (submit.clone(), project.id.clone(), project.version);
        Callback::from(move |e: Event| {
            let patch = ProjectPatch {
                version,
                status: ProjectStatus::from_value(&control_value(&e)),
                ..ProjectPatch::default()
            };
            submit.send(Method::Patch, urls::PROJECTS.one(&id), Ok(patch), |_| {});
        })
    };
    // A track's title or stage, changed in place: `change` writes the control's value into the patch.
    let on_track = |track: String, change: fn(&mut TrackPatch, String)| {
        let (submit, id, version) = (tracks.clone(), project.id.clone(), project.version);
        Callback::from(move |e: Event| {
            let mut patch = TrackPatch {
                version,
                ..TrackPatch::default()
            };
            change(&mut patch, control_value(&e));
            submit.send(
                Method::Patch,
                urls::project_track(&id, &track),
                Ok(patch),
                |_| {},
            );
        })
    };
    let on_add = {
        let (submit, id, version, title) = (
            tracks.clone(),
            project.id.clone(),
            project.version,
            new_track.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let track = NewTrack {
                version,
                title: (*title).clone(),
                ..NewTrack::default()
            };
            let title = title.clone();
            submit.send(
                Method::Post,
                urls::project_tracks(&id),
                Ok(track),
                move |_| title.set(String::new()),
            );
        })
    };
    let client = name_of(client_named, &project.client_id);
    html! {
        <>
            <header class="page-header">
                <h1 id="project-name">{ &project.name }</h1>
                <label class="filter">{ texts.col_status }{" "}
                    <select id="project-status" onchange={on_stage}>{ options(texts, project.status) }</select>
                </label>
            </header>
            { submit.notice() }
            if **editing {
                <ProjectForm initial={ProjectFormValues::from(&*project)} submit_label={texts.save}
                    busy={*submit.busy} error={(*submit.error).clone()} on_submit={on_save}
                    on_cancel={set_flag(editing, false)} />
            } else {
                // The stage is changed in place, outside any form: whatever it was refused for is said here.
                if let Some(e) = &*submit.error {
                    <p class="error" role="alert">{ error_message(texts, e) }</p>
                }
                <dl class="fields">
                    if let Some(artist) = &project.artist {
                        <dt>{ b.col_artist }</dt><dd>{ artist }</dd>
                    }
                    <dt>{ texts.col_client }</dt>
                    <dd>{ link(Route::Client { id: project.client_id.clone() }, &client) }</dd>
                    <dt>{ texts.col_kind }</dt><dd>{ project.kind.label(texts) }</dd>
                    if let Some(notes) = &project.notes {
                        <dt>{ texts.col_notes }</dt><dd>{ notes }</dd>
                    }
                </dl>
                <div class="actions">
                    <button id="edit-project" class="primary" onclick={set_flag(editing, true)}>{ texts.edit }</button>
                    { delete_button(texts, texts.confirm_delete_project, urls::PROJECTS.delete(&project.id, project.version), Some(on_deleted.clone())) }
                </div>
            }
            <h2>{ b.tracks }</h2>
            if project.tracks.is_empty() {
                <p class="empty">{ b.no_tracks }</p>
            } else {
                <table class="table tracks-table">
                    { head(&[(b.col_number, ""), (texts.col_title, ""), (texts.col_status, ""), ("", "")]) }
                    <tbody>
                        { for project.tracks.iter().map(|t| html! {
                            <tr class="track-row">
                                <td>{ t.number }</td>
                                <td><input class="track-title" id={format!("track-{}-title", t.number)} value={t.title.clone()}
                                    aria-label={format!("{} {}", texts.col_title, t.number)} maxlength="200"
                                    onchange={on_track(t.id.clone(), |p, s| p.title = Some(s))} /></td>
                                <td><select class="status-select" id={format!("track-{}-status", t.number)} aria-label={format!("{} — {}", t.title, texts.col_status)}
                                    onchange={on_track(t.id.clone(), |p, s| p.status = TrackStatus::from_value(&s))}>{ options(texts, t.status) }</select></td>
                                <td>{ delete_button(texts, texts.confirm_delete_track, format!("{}?version={}", urls::project_track(&project.id, &t.id), project.version), None) }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
            // A field's problem included (a refused title names its field, which is the row's input).
            if let Some(e) = &*tracks.error {
                <p class="error tracks-error" role="alert">{ error_message(texts, e) }</p>
            }
            <form class="add-track" onsubmit={on_add}>
                <label>{ b.new_track }{" "}
                    <input id="new-track-title" name="title" value={(**new_track).clone()} required=true maxlength="200"
                        oninput={{ let t = new_track.clone(); move |e: InputEvent| t.set(control_value(&e)) }} />
                </label>
                <button type="submit" disabled={*tracks.busy}>{ b.add_track }</button>
            </form>
        </>
    }
}
