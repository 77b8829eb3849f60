//! Rooms: the list with a create form, and one room with its rates, flags and upcoming sessions.

use studio_wire::{NewRoom, Room, RoomKind, RoomPatch};
use yew::prelude::*;
use yew_router::prelude::*;

use super::sessions::SessionTable;
use crate::{
    api::{ApiError, Method, encode},
    components::inputs::{bind, bind_select, field_error, general_error, room_kind},
    hooks::{sessions_url, use_room, use_rooms, use_sessions},
    i18n::{Texts, error_message, use_texts},
    routes::Route,
    store::use_resource_store,
    time,
};

const KINDS: [(RoomKind, &str); 5] = [
    (RoomKind::Recording, "recording"),
    (RoomKind::Mixing, "mixing"),
    (RoomKind::Mastering, "mastering"),
    (RoomKind::Rehearsal, "rehearsal"),
    (RoomKind::Live, "live"),
];

fn kind_options(texts: &Texts, current: &str) -> Html {
    KINDS.iter().map(|(k, v)| html! { <option value={*v} selected={*v == current}>{ room_kind(texts, *k) }</option> }).collect()
}

fn kind_of(value: &str) -> RoomKind {
    KINDS
        .iter()
        .find(|(_, v)| *v == value)
        .map(|(k, _)| *k)
        .unwrap_or_default()
}

/// "50" or "49.5" (in the currency) to minor units; anything else becomes -1, which the API refuses with a message.
fn cents(value: &str) -> i64 {
    value
        .trim()
        .replace(',', ".")
        .parse::<f64>()
        .map(|v| (v * 100.0).round() as i64)
        .unwrap_or(-1)
}

#[function_component]
pub fn RoomsPage() -> Html {
    let texts = use_texts();
    let store = use_resource_store();
    let rooms = use_rooms();
    let creating = use_state(|| false);
    let name = use_state(String::new);
    let kind = use_state(|| "recording".to_owned());
    let rate = use_state(String::new);
    let colour = use_state(|| "#5b3df5".to_owned());
    let error = use_state(|| None::<ApiError>);
    let onsubmit =
        {
            let (name, kind, rate, colour, error, creating, store) = (
                name.clone(),
                kind.clone(),
                rate.clone(),
                colour.clone(),
                error.clone(),
                creating.clone(),
                store.clone(),
            );
            Callback::from(move |e: SubmitEvent| {
                e.prevent_default();
                let input = NewRoom {
                    name: (*name).clone(),
                    kind: kind_of(&kind),
                    hourly_rate: cents(&rate),
                    colour: Some((*colour).clone()),
                    ..NewRoom::default()
                };
                let (error, creating) = (error.clone(), creating.clone());
                store.mutate::<_, Room>(Method::Post, "/api/rooms".into(), Some(input), move |r| {
                    match r {
                        Ok(_) => {
                            error.set(None);
                            creating.set(false);
                        }
                        Err(e) => error.set(Some(e)),
                    }
                });
            })
        };
    html! {
        <section>
            <header class="page-header">
                <h1>{ texts.rooms_title }</h1>
                <button id="new-room" class="primary" onclick={{ let c = creating.clone(); move |_| c.set(!*c) }}>{ texts.new_room }</button>
            </header>
            if *creating {
                <form class="client-form" {onsubmit}>
                    <label>{ texts.col_name }<input name="name" value={(*name).clone()} oninput={bind(&name)} />{ field_error(&error, "name") }</label>
                    <label>{ texts.col_kind }<select onchange={bind_select(&kind)}>{ kind_options(texts, &kind) }</select></label>
                    <label>{ texts.col_rate }<input name="hourly_rate" inputmode="decimal" value={(*rate).clone()} oninput={bind(&rate)} />{ field_error(&error, "hourly_rate") }</label>
                    <label>{ texts.col_colour }<input type="color" value={(*colour).clone()} oninput={bind(&colour)} /></label>
                    { general_error(texts, &error) }
                    <div class="actions"><button type="submit" class="primary">{ texts.create }</button></div>
                </form>
            }
            if let Some(e) = &rooms.error {
                <p class="error">{ error_message(texts, e) }</p>
            }
            <table class="table" id="rooms-table">
                <thead><tr>
                    <th>{ texts.col_name }</th><th>{ texts.col_kind }</th><th>{ texts.col_rate }</th>
                    <th>{ texts.col_half_day }</th><th>{ texts.col_day }</th><th>{ texts.col_bookable }</th>
                </tr></thead>
                <tbody>
                    { for rooms.data.iter().flat_map(|p| p.items.iter()).map(|r| html! {
                        <tr class="room-row">
                            <td><span class="swatch" style={format!("background:{}", r.colour)}></span>
                                <Link<Route> to={Route::Room { id: r.id.clone() }}>{ &r.name }</Link<Route>></td>
                            <td>{ room_kind(texts, r.kind) }</td>
                            <td>{ time::money(r.hourly_rate) }</td>
                            <td>{ time::money(r.half_day_rate) }</td>
                            <td>{ time::money(r.day_rate) }</td>
                            <td>{ if r.active && r.bookable { texts.yes } else { texts.no } }</td>
                        </tr>
                    }) }
                </tbody>
            </table>
        </section>
    }
}

#[derive(Properties, PartialEq)]
pub struct RoomDetailProps {
    pub id: String,
}

#[function_component]
pub fn RoomDetailPage(props: &RoomDetailProps) -> Html {
    let texts = use_texts();
    let fetched = use_room(props.id.clone());
    let now = jiff::Timestamp::now();
    let upcoming = use_sessions(sessions_url(
        now,
        now + jiff::SignedDuration::from_hours(24 * 31),
        Some(&props.id),
        None,
    ));
    let body = match (&fetched.data, &fetched.error) {
        (Some(room), _) => html! { <RoomEditor key={room.version} room={room.clone()} /> },
        (None, Some(e)) => html! { <p class="error">{ error_message(texts, e) }</p> },
        (None, None) => html! { <p>{ texts.loading }</p> },
    };
    html! {
        <section>
            <Link<Route> to={Route::Rooms}>{ texts.back_to_rooms }</Link<Route>>
            { body }
            <h2>{ texts.room_sessions }</h2>
            <SessionTable sessions={upcoming.data.map(|p| p.items).unwrap_or_default()} />
        </section>
    }
}

#[derive(Properties, PartialEq)]
struct RoomEditorProps {
    room: Room,
}

#[function_component]
fn RoomEditor(props: &RoomEditorProps) -> Html {
    let texts = use_texts();
    let store = use_resource_store();
    let r = &props.room;
    let money = |c: i64| format!("{}.{:02}", c / 100, c % 100);
    let name = use_state(|| r.name.clone());
    let kind = use_state(|| {
        KINDS
            .iter()
            .find(|(k, _)| *k == r.kind)
            .map(|(_, v)| (*v).to_owned())
            .unwrap_or_default()
    });
    let rate = use_state(|| money(r.hourly_rate));
    let half = use_state(|| money(r.half_day_rate));
    let day = use_state(|| money(r.day_rate));
    let colour = use_state(|| r.colour.clone());
    let bookable = use_state(|| (if r.active && r.bookable { "yes" } else { "no" }).to_owned());
    let error = use_state(|| None::<ApiError>);
    let onsubmit = {
        let (name, kind, rate, half, day, colour, bookable, error, store) = (
            name.clone(),
            kind.clone(),
            rate.clone(),
            half.clone(),
            day.clone(),
            colour.clone(),
            bookable.clone(),
            error.clone(),
            store.clone(),
        );
        let (url, version) = (format!("/api/rooms/{}", encode(&r.id)), r.version);
        Callback::from(move |e: SubmitEvent| {
            e.prevent_default();
            let open = *bookable == "yes";
            let patch = RoomPatch {
                version,
                name: Some((*name).clone()),
                kind: Some(kind_of(&kind)),
                hourly_rate: Some(cents(&rate)),
                half_day_rate: Some(cents(&half)),
                day_rate: Some(cents(&day)),
                colour: Some((*colour).clone()),
                active: Some(open),
                bookable: Some(open),
                ..RoomPatch::default()
            };
            let error = error.clone();
            store.mutate::<_, Room>(Method::Patch, url.clone(), Some(patch), move |r| {
                error.set(r.err())
            });
        })
    };
    html! {
        <>
            <h1 id="room-name">{ &r.name }</h1>
            <form class="client-form" {onsubmit}>
                <label>{ texts.col_name }<input value={(*name).clone()} oninput={bind(&name)} />{ field_error(&error, "name") }</label>
                <label>{ texts.col_kind }<select onchange={bind_select(&kind)}>{ kind_options(texts, &kind) }</select></label>
                <label>{ texts.col_rate }<input value={(*rate).clone()} oninput={bind(&rate)} />{ field_error(&error, "hourly_rate") }</label>
                <label>{ texts.col_half_day }<input value={(*half).clone()} oninput={bind(&half)} />{ field_error(&error, "half_day_rate") }</label>
                <label>{ texts.col_day }<input value={(*day).clone()} oninput={bind(&day)} />{ field_error(&error, "day_rate") }</label>
                <label>{ texts.col_colour }<input type="color" value={(*colour).clone()} oninput={bind(&colour)} />{ field_error(&error, "colour") }</label>
                <label>{ texts.col_bookable }
                    <select onchange={bind_select(&bookable)}>
                        <option value="yes" selected={*bookable == "yes"}>{ texts.yes }</option>
                        <option value="no" selected={*bookable == "no"}>{ texts.no }</option>
                    </select>
                </label>
                { general_error(texts, &error) }
                <div class="actions"><button type="submit" class="primary">{ texts.save }</button></div>
            </form>
        </>
    }
}
