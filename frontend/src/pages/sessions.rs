//! The sessions list (with filters), and one session: move, change status, cancel, delete.

use std::collections::HashMap;

use jiff::SignedDuration;
use studio_wire::{Session, SessionPatch, SessionStatus};
use yew::prelude::*;
use yew_router::prelude::*;

use crate::{
    api::{ApiError, Method, encode},
    components::{
        SessionForm,
        inputs::delete_then_go,
        inputs::{SESSION_STATUSES, bind, bind_select, field_error, general_error, session_status},
    },
    hooks::{sessions_url, use_clients, use_rooms, use_session, use_sessions},
    i18n::{Texts, error_message, use_texts},
    routes::Route,
    store::use_resource_store,
    time,
};

/// A table of sessions, naming clients and rooms.
#[derive(Properties, PartialEq)]
pub struct SessionTableProps {
    pub sessions: Vec<Session>,
}

#[function_component]
pub fn SessionTable(props: &SessionTableProps) -> Html {
    let texts = use_texts();
    let clients = use_clients(String::new());
    let rooms = use_rooms();
    let client_names: HashMap<&str, &str> = clients
        .data
        .iter()
        .flat_map(|p| p.items.iter())
        .map(|c| (c.id.as_str(), c.name.as_str()))
        .collect();
    let room_names: HashMap<&str, &str> = rooms
        .data
        .iter()
        .flat_map(|p| p.items.iter())
        .map(|r| (r.id.as_str(), r.name.as_str()))
        .collect();
    if props.sessions.is_empty() {
        return html! { <p>{ texts.no_sessions }</p> };
    }
    html! {
        <table class="table sessions-table">
            <thead><tr>
                <th>{ texts.col_title }</th><th>{ texts.col_start }</th><th>{ texts.col_end }</th>
                <th>{ texts.col_room }</th><th>{ texts.col_client }</th><th>{ texts.col_status }</th><th>{ texts.col_price }</th>
            </tr></thead>
            <tbody>
                { for props.sessions.iter().map(|s| html! {
                    <tr class="session-row">
                        <td><Link<Route> to={Route::Session { id: s.id.clone() }}>{ &s.title }</Link<Route>></td>
                        <td>{ time::date_time(s.start) }</td>
                        <td>{ time::date_time(s.end) }</td>
                        <td>{ room_names.get(s.room_id.as_str()).copied().unwrap_or_default() }</td>
                        <td>{ client_names.get(s.client_id.as_str()).copied().unwrap_or_default() }</td>
                        <td>{ session_status(texts, s.status) }</td>
                        <td>{ time::money(s.price) }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

#[function_component]
pub fn SessionsPage() -> Html {
    let texts = use_texts();
    let today = time::today();
    let from = use_state(|| today.to_string());
    let to = use_state(|| {
        today
            .checked_add(jiff::Span::new().days(6))
            .unwrap_or(today)
            .to_string()
    });
    let room = use_state(String::new);
    let client = use_state(String::new);
    let creating = use_state(|| false);
    let rooms = use_rooms();
    let clients = use_clients(String::new());
    let range = from
        .parse()
        .ok()
        .zip(to.parse().ok())
        .map(|(f, t)| (time::day_bounds(f).0, time::day_bounds(t).1));
    let url = range.map(|(f, t)| {
        sessions_url(
            f,
            t,
            Some(room.as_str()).filter(|r| !r.is_empty()),
            Some(client.as_str()).filter(|c| !c.is_empty()),
        )
    });
    let sessions = use_sessions(url.unwrap_or_else(|| "/api/sessions".into()));
    html! {
        <section>
            <header class="page-header">
                <h1>{ texts.sessions_title }</h1>
                <button class="primary" onclick={{ let c = creating.clone(); move |_| c.set(!*c) }}>{ texts.new_session }</button>
            </header>
            if *creating {
                <SessionForm date={(*from).clone()} start={"10:00".to_owned()} on_done={{ let c = creating.clone(); Callback::from(move |_| c.set(false)) }} />
            }
            <div class="filters">
                <label>{ texts.from_label }<input type="date" value={(*from).clone()} oninput={bind(&from)} /></label>
                <label>{ texts.to_label }<input type="date" value={(*to).clone()} oninput={bind(&to)} /></label>
                <select onchange={bind_select(&room)}>
                    <option value="" selected={room.is_empty()}>{ texts.all_rooms }</option>
                    { for rooms.data.iter().flat_map(|p| p.items.iter()).map(|r| html! { <option value={r.id.clone()} selected={r.id == *room}>{ &r.name }</option> }) }
                </select>
                <select onchange={bind_select(&client)}>
                    <option value="" selected={client.is_empty()}>{ texts.col_client }</option>
                    { for clients.data.iter().flat_map(|p| p.items.iter()).map(|c| html! { <option value={c.id.clone()} selected={c.id == *client}>{ &c.name }</option> }) }
                </select>
            </div>
            if let Some(e) = &sessions.error {
                <p class="error">{ error_message(texts, e) }</p>
            }
            <SessionTable sessions={sessions.data.map(|p| p.items).unwrap_or_default()} />
        </section>
    }
}

fn status_options(texts: &Texts, current: &str) -> Html {
    SESSION_STATUSES
        .iter()
        .map(|(status, value)| html! { <option value={*value} selected={*value == current}>{ session_status(texts, *status) }</option> })
        .collect()
}

#[derive(Properties, PartialEq)]
pub struct SessionDetailProps {
    pub id: String,
}

#[function_component]
pub fn SessionDetailPage(props: &SessionDetailProps) -> Html {
    let texts = use_texts();
    let fetched = use_session(props.id.clone());
    match (&fetched.data, &fetched.error) {
        (Some(session), _) => {
            html! { <SessionEditor key={session.version} session={session.clone()} /> }
        }
        (None, Some(e)) => {
            html! { <section><p class="error">{ error_message(texts, e) }</p></section> }
        }
        (None, None) => html! { <section><p>{ texts.loading }</p></section> },
    }
}

#[derive(Properties, PartialEq)]
struct SessionEditorProps {
    session: Session,
}

#[function_component]
fn SessionEditor(props: &SessionEditorProps) -> Html {
    let texts = use_texts();
    let store = use_resource_store();
    let navigator = use_navigator();
    let rooms = use_rooms();
    let s = &props.session;
    let (date0, start0) = time::parts(s.start);
    let end0 = time::parts(s.end).1;
    let title = use_state(|| s.title.clone());
    let date = use_state(|| date0);
    let start = use_state(|| start0);
    let end = use_state(|| end0);
    let room = use_state(|| s.room_id.clone());
    let status = use_state(|| {
        SESSION_STATUSES
            .iter()
            .find(|(st, _)| *st == s.status)
            .map(|(_, v)| (*v).to_owned())
            .unwrap_or_default()
    });
    let error = use_state(|| None::<ApiError>);
    let local_error = use_state(|| None::<String>);
    let url = format!("/api/sessions/{}", encode(&s.id));

    let save = {
        let (title, date, start, end, room, status) = (
            title.clone(),
            date.clone(),
            start.clone(),
            end.clone(),
            room.clone(),
            status.clone(),
        );
        let (error, local_error, store, url, version) = (
            error.clone(),
            local_error.clone(),
            store.clone(),
            url.clone(),
            s.version,
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let times = time::instant(&date, &start)
                .and_then(|a| time::instant(&date, &end).map(|b| (a, b)));
            let (start, mut end) = match times {
                Ok(t) => t,
                Err(m) => return local_error.set(Some(m)),
            };
            if end <= start {
                end += SignedDuration::from_hours(24);
            }
            local_error.set(None);
            let status = SESSION_STATUSES
                .iter()
                .find(|(_, v)| *v == status.as_str())
                .map(|(st, _)| *st);
            let patch = SessionPatch {
                version,
                title: Some((*title).clone()),
                room_id: Some((*room).clone()),
                start: Some(start),
                end: Some(end),
                status,
                ..SessionPatch::default()
            };
            let error = error.clone();
            store.mutate::<_, Session>(Method::Patch, url.clone(), Some(patch), move |r| {
                error.set(r.err())
            });
        })
    };
    let cancel = {
        let (error, store, url, version) = (error.clone(), store.clone(), url.clone(), s.version);
        Callback::from(move |_| {
            let patch = SessionPatch {
                version,
                status: Some(SessionStatus::Cancelled),
                ..SessionPatch::default()
            };
            let error = error.clone();
            store.mutate::<_, Session>(Method::Patch, url.clone(), Some(patch), move |r| {
                error.set(r.err())
            });
        })
    };
    let delete = delete_then_go(
        &store,
        format!("{url}?version={}", s.version),
        navigator.clone(),
        Route::Calendar,
        &error,
    );

    let booked = match &*error {
        Some(ApiError::Http { code, message, .. }) if code == "booked" || code == "conflict" => {
            html! { <p class="error">{ message }</p> }
        }
        _ => general_error(texts, &error),
    };
    html! {
        <section class="session-detail">
            <Link<Route> to={Route::Calendar}>{ texts.back_to_calendar }</Link<Route>>
            <h1 id="session-title">{ &s.title }</h1>
            <p>{ session_status(texts, s.status) }{" · "}{ time::money(s.price) }</p>
            <form class="client-form" onsubmit={save}>
                <label>{ texts.col_title }<input value={(*title).clone()} oninput={bind(&title)} />{ field_error(&error, "title") }</label>
                <label>{ texts.col_room }
                    <select onchange={bind_select(&room)}>
                        { for rooms.data.iter().flat_map(|p| p.items.iter()).map(|r| html! { <option value={r.id.clone()} selected={r.id == *room}>{ &r.name }</option> }) }
                    </select>
                    { field_error(&error, "room_id") }
                </label>
                <label>{ texts.col_date }<input type="date" value={(*date).clone()} oninput={bind(&date)} /></label>
                <label>{ texts.col_start }<input type="time" value={(*start).clone()} oninput={bind(&start)} /></label>
                <label>{ texts.col_end }<input type="time" value={(*end).clone()} oninput={bind(&end)} />{ field_error(&error, "end") }</label>
                <label>{ texts.col_status }<select onchange={bind_select(&status)}>{ status_options(texts, &status) }</select></label>
                if let Some(m) = &*local_error {
                    <p class="error">{ m }</p>
                }
                { booked }
                <div class="actions">
                    <button type="submit" class="primary">{ texts.save }</button>
                    if s.status != SessionStatus::Cancelled {
                        <button type="button" onclick={cancel}>{ texts.cancel_session }</button>
                    }
                    <button type="button" class="danger" onclick={delete}>{ texts.delete }</button>
                </div>
            </form>
        </section>
    }
}
