//! The week calendar: one column per day (in the studio's time zone, 23- and 25-hour days included), sessions
//! coloured by room, a room filter, previous/next week, click a session to open it, click an empty slot to book.

use std::collections::HashMap;

use jiff::civil::Date;
use yew::prelude::*;
use yew_router::prelude::*;

use studio_wire::Session;

use crate::{
    api::{Method, urls},
    components::forms::{SessionForm, SessionFormValues, edit, use_submit},
    format,
    hooks::{pairs, use_clients, use_rooms, use_sessions},
    i18n::use_texts,
    routes::Route,
    time,
};

/// The first hour shown, and the height of an hour in pixels.
const FIRST_HOUR: i32 = 7;
const HOUR_PX: i32 = 36;

/// `?week=YYYY-MM-DD` opens that week (handy for links and tests); else this week.
fn initial_week() -> Date {
    let search = web_sys::window()
        .and_then(|w| w.location().search().ok())
        .unwrap_or_default();
    let asked = search
        .trim_start_matches('?')
        .split('&')
        .find_map(|p| p.strip_prefix("week="))
        .and_then(time::parse_date);
    time::week_start(asked.unwrap_or_else(time::today))
}

fn shift(monday: Date, weeks: i64) -> Date {
    time::add_days(monday, 7 * weeks)
}

#[function_component]
pub fn CalendarPage() -> Html {
    let texts = use_texts();
    let monday = use_state(initial_week);
    let room_filter = use_state(String::new);
    let new_slot = use_state(|| None::<(String, String)>);
    let days = time::week(*monday);
    let from = time::day_bounds(days[0]).0;
    let to = time::day_bounds(days[6]).1;
    let room = (!room_filter.is_empty()).then(|| (*room_filter).clone());
    let sessions = use_sessions(urls::sessions_between(from, to, room.as_deref(), None));
    let submit = use_submit();
    let on_book = {
        let (submit, new_slot) = (submit.clone(), new_slot.clone());
        Callback::from(move |values: SessionFormValues| {
            let new_slot = new_slot.clone();
            submit.send::<_, Session>(
                Method::Post,
                urls::SESSIONS.collection(),
                values.to_new(),
                move |_| new_slot.set(None),
            );
        })
    };
    let rooms = use_rooms();
    let clients = use_clients(String::new());
    let navigator = use_navigator();

    let colours: HashMap<String, String> = pairs(&rooms.data, |r| Some((&r.id, &r.colour)))
        .into_iter()
        .collect();
    let client_names: HashMap<String, String> = pairs(&clients.data, |c| Some((&c.id, &c.name)))
        .into_iter()
        .collect();
    let go = |weeks: i64| {
        let monday = monday.clone();
        Callback::from(move |_| {
            monday.set(if weeks == 0 {
                time::week_start(time::today())
            } else {
                shift(*monday, weeks)
            })
        })
    };
    let hours: Vec<i32> = (FIRST_HOUR..24).collect();
    let height = (24 - FIRST_HOUR) * HOUR_PX;

    let column = |date: Date| {
        let open_slot = {
            let new_slot = new_slot.clone();
            Callback::from(move |e: MouseEvent| {
                let hour = (FIRST_HOUR + e.offset_y() / HOUR_PX).clamp(0, 23);
                new_slot.set(Some((
                    studio_wire::day::format(date),
                    format!("{hour:02}:00"),
                )));
            })
        };
        let (day_start, day_end) = time::day_bounds(date);
        let blocks = sessions.data.as_ref().map(|page| {
            page.items
                .iter()
                .filter(|s| s.start < day_end && s.end > day_start)
                .map(|s| {
                    let top = ((time::minutes_into(date, s.start) - FIRST_HOUR * 60).max(0) * HOUR_PX) / 60;
                    let bottom = ((time::minutes_into(date, s.end) - FIRST_HOUR * 60).max(0) * HOUR_PX) / 60;
                    let colour = colours.get(&s.room_id).cloned().unwrap_or_else(|| "#5b3df5".into());
                    let style = format!("top:{top}px;height:{}px;background:{colour}", (bottom - top).max(14));
                    let open = {
                        let (navigator, id) = (navigator.clone(), s.id.clone());
                        Callback::from(move |e: MouseEvent| {
                            e.stop_propagation();
                            if let Some(n) = &navigator {
                                n.push(&Route::Session { id: id.clone() });
                            }
                        })
                    };
                    let client = client_names.get(&s.client_id).cloned().unwrap_or_default();
                    html! {
                        <div class="cal-session" id={format!("session-{}", s.id)} {style} onclick={open}>
                            <strong>{ &s.title }</strong>
                            <span>{ format!("{}–{}", format::clock(s.start, texts.locale), format::clock(s.end, texts.locale)) }</span>
                            <span>{ client }</span>
                        </div>
                    }
                })
                .collect::<Html>()
        });
        let label = format::weekday(date, texts.locale);
        html! {
            <div class="cal-day">
                <div class="cal-day-head">{ label }</div>
                <div class="cal-day-body" data-date={studio_wire::day::format(date)} style={format!("height:{height}px")} onclick={open_slot}>
                    { for hours.iter().map(|h| html! { <div class="cal-hour-line" style={format!("top:{}px", (h - FIRST_HOUR) * HOUR_PX)}></div> }) }
                    { blocks.unwrap_or_default() }
                </div>
            </div>
        }
    };

    html! {
        <section class="calendar">
            <header class="page-header">
                <h1>{ texts.calendar_title }{" "}<small id="calendar-week">{ format!("{} → {}", format::day_month(days[0], texts.locale), format::day_month(days[6], texts.locale)) }</small></h1>
                <div class="actions">
                    <button id="previous-week" title={texts.previous_week} aria-label={texts.previous_week} onclick={go(-1)}>{ "←" }</button>
                    <button onclick={go(0)}>{ texts.this_week }</button>
                    <button id="next-week" title={texts.next_week} aria-label={texts.next_week} onclick={go(1)}>{ "→" }</button>
                    <select id="room-filter" aria-label={texts.col_room} onchange={edit(&room_filter, |v, s| *v = s)}>
                        <option value="" selected={room_filter.is_empty()}>{ texts.all_rooms }</option>
                        { for pairs(&rooms.data, |r| Some((&r.id, &r.name))).into_iter().map(|(id, name)| html! {
                            <option value={id.clone()} selected={id == *room_filter}>{ name }</option>
                        }) }
                    </select>
                </div>
            </header>
            if let Some((date, start)) = (*new_slot).clone() {
                <SessionForm key={format!("{date}{start}")} initial={SessionFormValues::booking(date.clone(), start.clone(), room.clone())}
                    submit_label={texts.create} busy={*submit.busy} error={(*submit.error).clone()} on_submit={on_book}
                    on_cancel={{ let s = new_slot.clone(); Callback::from(move |_| s.set(None)) }} />
            }
            <div class="cal-grid">
                <div class="cal-hours" style={format!("height:{height}px")}>
                    { for hours.iter().map(|h| html! { <div class="cal-hour" style={format!("top:{}px", (h - FIRST_HOUR) * HOUR_PX)}>{ format!("{h:02}:00") }</div> }) }
                </div>
                { for days.iter().map(|d| column(*d)) }
            </div>
        </section>
    }
}
