//! Projects: the list with a create form, and one project — its stage, its tracks (each one's stage changed in
//! place), its sessions and its invoices.

use studio_wire::{
    NewProject, Project, ProjectKind, ProjectPatch, ProjectStatus, TrackPatch, TrackStatus,
};
use yew::prelude::*;
use yew_router::prelude::*;

use super::{SessionTable, invoice_table};
use crate::{
    api::{Method, urls},
    components::history::EntityHistory,
    components::{
        ClientPicker,
        choices::{Choice, options},
        delete_button,
        forms::{Shell, edit, field, form_shell, general_error, input, optional, use_submit},
        head, loaded, use_studio,
    },
    hooks::{
        Shared, name_of, use_client_names, use_entity, use_invoices, use_paged_list, use_sessions,
    },
    i18n::use_texts,
    routes::{Route, link, use_go_to},
};

#[function_component]
pub fn ProjectsPage() -> Html {
    let texts = use_texts();
    let b = texts.billing;
    let projects = use_paged_list::<Project>(urls::PROJECTS, String::new(), urls::Order::Oldest);
    let creating = use_state(|| false);
    let listed = projects.list.data().into_iter().flat_map(|p| &p.items);
    let clients_named = use_client_names(listed.map(|p| p.client_id.as_str()).collect());
    html! {
        <section class="projects">
            <header class="page-header">
                <h1>{ b.projects_title }</h1>
                <button id="new-project" class="primary" onclick={{ let c = creating.clone(); move |_| c.set(!*c) }}>{ b.new_project }</button>
            </header>
            if *creating {
                <ProjectForm on_done={{ let c = creating.clone(); Callback::from(move |()| c.set(false)) }} />
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

#[derive(Clone, PartialEq)]
struct ProjectValues {
    client: String,
    name: String,
    artist: String,
    kind: ProjectKind,
}

#[derive(Properties, PartialEq)]
struct ProjectFormProps {
    on_done: Callback<()>,
}

/// A new project: its client, name, artist and kind (the rest is set on its page or by the assistant).
#[function_component]
fn ProjectForm(props: &ProjectFormProps) -> Html {
    let texts = use_texts();
    let b = texts.billing;
    let submit = use_submit();
    let navigator = use_navigator();
    let values = use_state(|| ProjectValues {
        client: String::new(),
        name: String::new(),
        artist: String::new(),
        kind: ProjectKind::default(),
    });
    let on_submit = {
        let (submit, values, done) = (submit.clone(), values.clone(), props.on_done.clone());
        Callback::from(move |()| {
            let (navigator, done) = (navigator.clone(), done.clone());
            let body = NewProject {
                client_id: values.client.clone(),
                name: values.name.clone(),
                artist: optional(&values.artist),
                kind: values.kind,
                ..NewProject::default()
            };
            submit.send(
                Method::Post,
                urls::PROJECTS.collection(),
                Ok(body),
                move |made| {
                    done.emit(());
                    if let (Some(id), Some(navigator)) = (made, navigator) {
                        navigator.push(&Route::Project { id });
                    }
                },
            );
        })
    };
    let error = (*submit.error).clone();
    form_shell(
        texts,
        Shell {
            class: "project-form",
            submit_label: texts.create,
            busy: *submit.busy,
            error: error.clone(),
            on_submit,
            on_cancel: Some(props.on_done.clone()),
        },
        html! { <>
            { field(texts.col_client, "client_id", &error, html! {
                <ClientPicker selected={values.client.clone()} onchange={edit(&values, |v, s| v.client = s)}
                    label={texts.col_client} none={texts.choose} required=true />
            }) }
            { field(texts.col_name, "name", &error, html! {
                <input name="name" value={values.name.clone()} oninput={edit(&values, |v, s| v.name = s)} required=true maxlength="200" />
            }) }
            { input(b.col_artist, "artist", "text", &values.artist, edit(&values, |v, s| v.artist = s), &error) }
            { field(texts.col_kind, "kind", &error, html! {
                <select name="kind" onchange={edit(&values, |v, s| v.kind = ProjectKind::from_value(&s).unwrap_or_default())}>
                    { options(texts, values.kind) }
                </select>
            }) }
        </> },
    )
}

#[derive(Properties, PartialEq)]
pub struct ProjectDetailProps {
    pub id: String,
}

#[function_component]
pub fn ProjectDetailPage(props: &ProjectDetailProps) -> Html {
    let texts = use_texts();
    let b = texts.billing;
    let fetched = use_entity::<Project>(urls::PROJECTS, props.id.clone());
    let sessions = use_sessions(urls::project_sessions(&props.id));
    let invoices = use_invoices(urls::project_invoices(&props.id));
    let studio = use_studio();
    let listed = invoices.data().into_iter().flat_map(|p| &p.items);
    let named = use_client_names(listed.map(|i| i.client_id.as_str()).collect());
    html! {
        <section class="project-detail">
            { link(Route::Projects, b.back_to_projects) }
            { loaded(texts, &fetched, |project| html! { <ProjectView {project} /> }) }
            // A project that is not there has nothing to list: the line above says so.
            if fetched.error.is_none() {
                <h2>{ b.project_sessions }</h2>
                <SessionTable sessions={sessions.shared()} />
                <h2>{ b.project_invoices }</h2>
                { loaded(texts, &invoices, |page| invoice_table(texts, &studio, &page.items.iter().collect::<Vec<_>>(), &named, false)) }
            }
            <EntityHistory resource="projects" id={props.id.clone()} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct ProjectViewProps {
    project: Shared<Project>,
}

#[function_component]
fn ProjectView(props: &ProjectViewProps) -> Html {
    let texts = use_texts();
    let b = texts.billing;
    let submit = use_submit();
    let on_deleted = use_go_to(Route::Projects);
    let project = &props.project;
    let client_named = use_client_names(vec![project.client_id.as_str()]);
    let on_stage = {
        let (submit, id, version) = (submit.clone(), project.id.clone(), project.version);
        Callback::from(move |e: Event| {
            let patch = ProjectPatch {
                version,
                status: ProjectStatus::from_value(&crate::components::forms::control_value(&e)),
                ..ProjectPatch::default()
            };
            submit.send(Method::Patch, urls::PROJECTS.one(&id), Ok(patch), |_| {});
        })
    };
    let on_track = |track: String| {
        let (submit, id, version) = (submit.clone(), project.id.clone(), project.version);
        Callback::from(move |e: Event| {
            let patch = TrackPatch {
                version,
                status: TrackStatus::from_value(&crate::components::forms::control_value(&e)),
                ..TrackPatch::default()
            };
            submit.send(
                Method::Patch,
                urls::project_track(&id, &track),
                Ok(patch),
                |_| {},
            );
        })
    };
    let client = name_of(&client_named, &project.client_id);
    html! {
        <>
            <header class="page-header">
                <h1 id="project-name">{ &project.name }</h1>
                <label class="filter">{ texts.col_status }{" "}
                    <select id="project-status" onchange={on_stage}>{ options(texts, project.status) }</select>
                </label>
            </header>
            { general_error(texts, &submit.error) }
            <dl class="fields">
                if let Some(artist) = &project.artist {
                    <dt>{ b.col_artist }</dt><dd>{ artist }</dd>
                }
                <dt>{ texts.col_client }</dt>
                <dd>{ link(Route::Client { id: project.client_id.clone() }, &client) }</dd>
                <dt>{ texts.col_kind }</dt><dd>{ project.kind.label(texts) }</dd>
            </dl>
            <h2>{ b.tracks }</h2>
            if project.tracks.is_empty() {
                <p class="empty">{ b.no_tracks }</p>
            } else {
                <table class="table tracks-table">
                    { head(&[(b.col_number, ""), (texts.col_title, ""), (texts.col_status, "")]) }
                    <tbody>
                        { for project.tracks.iter().map(|t| html! {
                            <tr class="track-row">
                                <td>{ t.number }</td>
                                <td>{ &t.title }</td>
                                <td><select class="status-select" id={format!("track-{}-status", t.number)} aria-label={format!("{} — {}", t.title, texts.col_status)}
                                    onchange={on_track(t.id.clone())}>{ options(texts, t.status) }</select></td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }
            <div class="actions">
                { delete_button(texts, texts.confirm_delete_project, urls::PROJECTS.delete(&project.id, project.version), Some(on_deleted)) }
            </div>
        </>
    }
}
