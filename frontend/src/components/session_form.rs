//! Booking a session: client, room, local date and times. A refused booking shows who is in the way.

use studio_wire::{NewSession, Session, SessionStatus};
use yew::prelude::*;

use super::inputs::{bind, bind_select, field_error, general_error};
use crate::{
    api::{ApiError, Method},
    hooks::{pairs, use_clients, use_rooms},
    i18n::use_texts,
    store::use_resource_store,
    time,
};

#[derive(Properties, PartialEq)]
pub struct SessionFormProps {
    /// Prefilled local date (YYYY-MM-DD) and start time (HH:MM), e.g. from a calendar slot.
    pub date: String,
    pub start: String,
    #[prop_or_default]
    pub room_id: Option<String>,
    pub on_done: Callback<()>,
}

#[function_component]
pub fn SessionForm(props: &SessionFormProps) -> Html {
    let texts = use_texts();
    let store = use_resource_store();
    let clients = use_clients(String::new());
    let rooms = use_rooms();
    let title = use_state(String::new);
    let client = use_state(String::new);
    let room = use_state(|| props.room_id.clone().unwrap_or_default());
    let date = use_state(|| props.date.clone());
    let start = use_state(|| props.start.clone());
    let end = use_state(|| {
        let hour: u32 = props
            .start
            .get(..2)
            .and_then(|h| h.parse().ok())
            .unwrap_or(10);
        format!("{:02}:00", (hour + 2).min(23))
    });
    let error = use_state(|| None::<ApiError>);
    let local_error = use_state(|| None::<String>);

    let onsubmit = {
        let (title, client, room, date, start, end) = (
            title.clone(),
            client.clone(),
            room.clone(),
            date.clone(),
            start.clone(),
            end.clone(),
        );
        let (error, local_error, on_done, store) = (
            error.clone(),
            local_error.clone(),
            props.on_done.clone(),
            store.clone(),
        );
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let times = time::instant(&date, &start)
                .and_then(|s| time::instant(&date, &end).map(|e| (s, e)));
            let (start, end) = match times {
                Ok(pair) => pair,
                Err(message) => return local_error.set(Some(message)),
            };
            local_error.set(None);
            let input = NewSession {
                title: (!title.trim().is_empty()).then(|| title.trim().to_owned()),
                client_id: (*client).clone(),
                room_id: (*room).clone(),
                start,
                end,
                status: SessionStatus::Scheduled,
                engineer: None,
                notes: None,
            };
            let (error, on_done) = (error.clone(), on_done.clone());
            store.mutate::<_, Session>(
                Method::Post,
                "/api/sessions".into(),
                Some(input),
                move |result| match result {
                    Ok(_) => on_done.emit(()),
                    Err(e) => error.set(Some(e)),
                },
            );
        })
    };
    let conflicts = match &*error {
        Some(ApiError::Http { code, message, .. }) if code == "booked" => {
            html! { <p class="error">{ texts.booked_by }{" "}{ message }</p> }
        }
        _ => general_error(texts, &error),
    };
    let options = |items: Vec<(String, String)>, selected: &str| -> Html {
        html! {
            <>
                <option value="" selected={selected.is_empty()}>{ texts.choose }</option>
                { for items.into_iter().map(|(id, name)| html! { <option value={id.clone()} selected={id == selected}>{ name }</option> }) }
            </>
        }
    };
    let client_options = pairs(&clients.data, |c| Some((&c.id, &c.name)));
    let room_options = pairs(&rooms.data, |r| {
        (r.active && r.bookable).then_some((r.id.as_str(), r.name.as_str()))
    });
    html! {
        <form class="client-form session-form" {onsubmit}>
            <label>{ texts.col_title }<input name="title" value={(*title).clone()} oninput={bind(&title)} /></label>
            <label>{ texts.col_client }
                <select name="client_id" onchange={bind_select(&client)}>{ options(client_options, &client) }</select>
                { field_error(&error, "client_id") }
            </label>
            <label>{ texts.col_room }
                <select name="room_id" onchange={bind_select(&room)}>{ options(room_options, &room) }</select>
                { field_error(&error, "room_id") }
            </label>
            <label>{ texts.col_date }<input name="date" type="date" value={(*date).clone()} oninput={bind(&date)} /></label>
            <label>{ texts.col_start }<input name="start" type="time" value={(*start).clone()} oninput={bind(&start)} /></label>
            <label>{ texts.col_end }<input name="end" type="time" value={(*end).clone()} oninput={bind(&end)} />{ field_error(&error, "end") }</label>
            if let Some(message) = &*local_error {
                <p class="error">{ message }</p>
            }
            { conflicts }
            <div class="actions">
                <button type="submit" class="primary">{ texts.create }</button>
                <button type="button" onclick={{ let done = props.on_done.clone(); move |_| done.emit(()) }}>{ texts.cancel }</button>
            </div>
        </form>
    }
}
