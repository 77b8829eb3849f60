//! Rooms: the list with a create form, and one room with its rates, flags and upcoming sessions.

use studio_wire::Room;
use yew::prelude::*;

use super::sessions::SessionTable;
use crate::{
    api::{Method, urls},
    components::history::use_entity_history,
    components::{
        choices::Choice,
        delete_button,
        forms::{RoomForm, RoomFormValues, Submit, set_flag, toggle, use_submit},
        head, loaded, use_studio,
    },
    hooks::{Shared, use_entity, use_rooms, use_sessions},
    i18n::{Texts, use_texts},
    routes::{Route, link, use_go_to},
    time,
};

#[function_component]
pub fn RoomsPage() -> Html {
    let texts = use_texts();
    let studio = use_studio();
    let submit = use_submit();
    let rooms = use_rooms();
    let creating = use_state(|| false);
    let on_create = {
        let (submit, creating) = (submit.clone(), creating.clone());
        Callback::from(move |values: RoomFormValues| {
            let (said, creating) = (submit.clone(), creating.clone());
            submit.send(
                Method::Post,
                urls::ROOMS.collection(),
                values.to_new(),
                move |_| {
                    creating.set(false);
                    said.say(texts.room_created);
                },
            );
        })
    };
    html! {
        <section>
            <header class="page-header">
                <h1>{ texts.rooms_title }</h1>
                <button id="new-room" class="primary" onclick={toggle(&creating)}>{ texts.new_room }</button>
            </header>
            { submit.notice() }
            if *creating {
                <RoomForm initial={RoomFormValues::beside(rooms.data().map_or(&[], |page| page.items.as_slice()))} submit_label={texts.create}
                    busy={*submit.busy} error={(*submit.error).clone()} on_submit={on_create}
                    on_cancel={set_flag(&creating, false)} />
            }
            { loaded(texts, &rooms, |page| html! {
                <table class="table" id="rooms-table">
                    { head(&[(texts.col_name, ""), (texts.col_kind, ""), (texts.col_rate, "money"), (texts.col_half_day, "money"), (texts.col_day, "money"), (texts.col_bookable, "")]) }
                    <tbody>
                        { for page.items.iter().map(|r| html! {
                            <tr class="room-row">
                                <td><span class="swatch" style={format!("background:{}", r.colour)}></span>
                                    { link(Route::Room { id: r.id.clone() }, &r.name) }</td>
                                <td>{ r.kind.label(texts) }</td>
                                <td class="money">{ studio.money(r.hourly_rate, texts) }</td>
                                <td class="money">{ studio.money(r.half_day_rate, texts) }</td>
                                <td class="money">{ studio.money(r.day_rate, texts) }</td>
                                <td>{ if r.active && r.bookable { texts.yes } else { texts.no } }</td>
                            </tr>
                        }) }
                    </tbody>
                </table>
            }) }
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
    let history = use_entity_history("rooms", &props.id);
    let submit = use_submit();
    let on_deleted = use_go_to(Route::Rooms);
    let fetched = use_entity::<Room>(urls::ROOMS, props.id.clone());
    let now = time::this_minute();
    let upcoming = use_sessions(urls::sessions_between(
        now,
        time::after_hours(now, 24 * 31),
        Some(&props.id),
        None,
    ));
    html! {
        <section>
            { link(Route::Rooms, texts.back_to_rooms) }
            { loaded(texts, &fetched, |room| editor(texts, room, &submit, &on_deleted)) }
            // A room that is not there has no sessions to list: the line above says so.
            if fetched.error.is_none() {
                <h2>{ texts.room_sessions }</h2>
                <SessionTable sessions={upcoming.shared()} />
            }
            { history }
        </section>
    }
}

/// The room's name, form and delete button. The form is made again for each version of the room (its key);
/// "Saved" is held by the page, so it outlives the form it was said under.
fn editor(
    texts: &'static Texts,
    room: Shared<Room>,
    submit: &Submit,
    on_deleted: &Callback<()>,
) -> Html {
    let on_save = {
        let (submit, room) = (submit.clone(), room.clone());
        Callback::from(move |values: RoomFormValues| {
            let said = submit.clone();
            submit.send(
                Method::Patch,
                urls::ROOMS.one(&room.id),
                values.to_patch(&room),
                move |_| said.say(texts.saved),
            );
        })
    };
    html! {
        <>
            <h1 id="room-name">{ &room.name }</h1>
            { submit.notice() }
            <RoomForm key={room.version} initial={RoomFormValues::of(&room, texts.locale)} submit_label={texts.save}
                busy={*submit.busy} error={(*submit.error).clone()} on_submit={on_save} />
            <div class="actions">
                { delete_button(texts, texts.confirm_delete_room, urls::ROOMS.delete(&room.id, room.version), Some(on_deleted.clone())) }
            </div>
        </>
    }
}
