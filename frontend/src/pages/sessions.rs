//! The sessions list (with filters), and one session: move, change status, cancel, delete.

use studio_wire::{Page, Session, SessionPatch, SessionStatus};
use yew::prelude::*;

use crate::{
    api::{Method, urls},
    components::history::use_entity_history,
    components::{
        ClientPicker, Studio,
        choices::Choice,
        delete_button,
        forms::{
            SessionForm, SessionFormValues, Submit, edit, general_error, pick_one, set_flag,
            toggle, use_submit,
        },
        head, loaded, use_studio,
    },
    format,
    hooks::{Shared, name_of, pairs, use_client_names, use_entity, use_rooms, use_sessions},
    i18n::{Texts, use_texts},
    routes::{Route, link, use_go_to},
    time,
};

/// A table of sessions, naming clients and rooms: a fetched page of them, shared (none while it loads).
#[derive(Properties, PartialEq)]
pub struct SessionTableProps {
    pub sessions: Option<Shared<Page<Session>>>,
}

#[function_component]
pub fn SessionTable(props: &SessionTableProps) -> Html {
    let texts = use_texts();
    let rooms = use_rooms();
    let studio = use_studio();
    let sessions = props
        .sessions
        .as_deref()
        .map_or(&[][..], |page| &page.items);
    let client_names = use_client_names(sessions.iter().map(|s| s.client_id.as_str()).collect());
    let room_names = pairs(rooms.data(), |r| Some((&r.id, &r.name)));
    if sessions.is_empty() {
        return html! { <p>{ texts.no_sessions }</p> };
    }
    html! {
        <table class="table sessions-table">
            { head(&[(texts.col_title, ""), (texts.col_start, ""), (texts.col_end, ""), (texts.col_room, ""), (texts.col_client, ""), (texts.col_status, ""), (texts.col_price, "money")]) }
            <tbody>
                { for sessions.iter().map(|s| html! {
                    <tr class="session-row">
                        <td>{ link(Route::Session { id: s.id.clone() }, &s.title) }</td>
                        <td>{ format::date_time(s.start, texts.locale) }</td>
                        <td>{ format::end_time(s.start, s.end, texts.locale) }</td>
                        <td>{ name_of(&room_names, &s.room_id) }</td>
                        <td>{ name_of(&client_names, &s.client_id) }</td>
                        <td>{ s.status.label(texts) }</td>
                        <td class="money">{ studio.money(s.price, texts) }</td>
                    </tr>
                }) }
            </tbody>
        </table>
    }
}

#[function_component]
pub fn SessionsPage() -> Html {
    let texts = use_texts();
    let submit = use_submit();
    let today = time::today();
    let from = use_state(|| studio_wire::day::format(today));
    let to = use_state(|| studio_wire::day::format(time::add_days(today, 6)));
    let room = use_state(String::new);
    let client = use_state(String::new);
    let creating = use_state(|| false);
    let rooms = use_rooms();
    let range = time::parse_date(&from)
        .zip(time::parse_date(&to))
        .map(|(f, t)| (time::day_bounds(f).0, time::day_bounds(t).1));
    let (f, t) = range.unwrap_or_else(|| time::day_bounds(today));
    let sessions = use_sessions(urls::sessions_between(
        f,
        t,
        Some(room.as_str()).filter(|r| !r.is_empty()),
        Some(client.as_str()).filter(|c| !c.is_empty()),
    ));
    let on_create = {
        let (submit, creating) = (submit.clone(), creating.clone());
        Callback::from(move |values: SessionFormValues| {
            let (said, creating) = (submit.clone(), creating.clone());
            submit.send(
                Method::Post,
                urls::SESSIONS.collection(),
                values.to_new(),
                move |_| {
                    creating.set(false);
                    said.say(texts.session_created);
                },
            );
        })
    };
    html! {
        <section>
            <header class="page-header">
                <h1>{ texts.sessions_title }</h1>
                <button class="primary" onclick={toggle(&creating)}>{ texts.new_session }</button>
            </header>
            { submit.notice() }
            if *creating {
                <SessionForm initial={SessionFormValues::booking((*from).clone(), "10:00".to_owned(), None)}
                    submit_label={texts.create} busy={*submit.busy} error={(*submit.error).clone()} on_submit={on_create}
                    on_cancel={set_flag(&creating, false)} />
            }
            <div class="filters">
                <label>{ texts.from_label }<input type="date" value={(*from).clone()} oninput={edit(&from, |v, s| *v = s)} /></label>
                <label>{ texts.to_label }<input type="date" value={(*to).clone()} oninput={edit(&to, |v, s| *v = s)} /></label>
                <select aria-label={texts.col_room} onchange={edit(&room, |v, s| *v = s)}>
                    { pick_one(texts.all_rooms, pairs(rooms.data(), |r| Some((&r.id, &r.name))), &room) }
                </select>
                <ClientPicker selected={(*client).clone()} onchange={edit(&client, |v, s| *v = s)}
                    label={texts.col_client} none={texts.col_client} />
            </div>
            { loaded(texts, &sessions, |page| html! { <SessionTable sessions={Some(page)} /> }) }
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct SessionDetailProps {
    pub id: String,
}

#[function_component]
pub fn SessionDetailPage(props: &SessionDetailProps) -> Html {
    let texts = use_texts();
    let history = use_entity_history("sessions", &props.id);
    let studio = use_studio();
    let submit = use_submit();
    let cancel_submit = use_submit();
    let go_to_calendar = use_go_to(Route::Calendar);
    let fetched = use_entity::<Session>(urls::SESSIONS, props.id.clone());
    html! {
        <section class="session-detail">
            { link(Route::Calendar, texts.back_to_calendar) }
            { loaded(texts, &fetched, |session| {
                let submits = (&submit, &cancel_submit);
                editor(texts, &studio, session, submits, &go_to_calendar)
            }) }
            { history }
        </section>
    }
}

/// The session's title, status, price, form, cancel and delete buttons. The form is made again for each version of
/// the session (its key); "Saved" is held by the page, so it outlives the form it was said under.
fn editor(
    texts: &'static Texts,
    studio: &Studio,
    s: Shared<Session>,
    (submit, cancel_submit): (&Submit, &Submit),
    go_to_calendar: &Callback<()>,
) -> Html {
    let on_save = {
        let (submit, session) = (submit.clone(), s.clone());
        Callback::from(move |values: SessionFormValues| {
            let said = submit.clone();
            submit.send(
                Method::Patch,
                urls::SESSIONS.one(&session.id),
                values.to_patch(&session),
                move |_| said.say(texts.saved),
            );
        })
    };
    let cancel = {
        let (cancel_submit, id, version) = (cancel_submit.clone(), s.id.clone(), s.version);
        Callback::from(move |_| {
            let patch = SessionPatch {
                version,
                status: Some(SessionStatus::Cancelled),
                ..SessionPatch::default()
            };
            cancel_submit.send(Method::Patch, urls::SESSIONS.one(&id), Ok(patch), |_| ());
        })
    };
    html! {
        <>
            <h1 id="session-title">{ &s.title }</h1>
            { submit.notice() }
            <p>{ s.status.label(texts) }{" · "}{ studio.money(s.price, texts) }</p>
            <SessionForm key={s.version} initial={SessionFormValues::from(&*s)} submit_label={texts.save}
                busy={*submit.busy} error={(*submit.error).clone()} on_submit={on_save} />
            { general_error(texts, &cancel_submit.error) }
            <div class="actions">
                if s.status != SessionStatus::Cancelled {
                    <button type="button" onclick={cancel}>{ texts.cancel_session }</button>
                }
                { delete_button(texts, texts.confirm_delete_session, urls::SESSIONS.delete(&s.id, s.version), Some(go_to_calendar.clone())) }
            </div>
        </>
    }
}
