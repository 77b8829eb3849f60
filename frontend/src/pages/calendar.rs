//! The week calendar: one column per day (in the studio's time zone, 23- and 25-hour days included), sessions
//! coloured by room, a room filter, previous/next week, click a session to open it, click an empty slot to book.

use jiff::civil::Date;
use yew::prelude::*;
use yew_router::prelude::*;

use crate::{
    api::{Method, urls},
    components::forms::{SessionForm, SessionFormValues, edit, pick_one, use_submit},
    format,
    hooks::{name_of, pairs, use_client_names, use_rooms, use_sessions},
    i18n::use_texts,
    routes::Route,
    time,
};

/// The first hour shown (earlier when a session of the week starts earlier), and the height of an hour in pixels.
const FIRST_HOUR: i32 = 7;
const HOUR_PX: i32 = 36;

/// Each block's lane and the number of lanes of its group of overlapping blocks, so that sessions at the same
/// hour (two rooms) stand side by side instead of one hiding the other. `spans` are (start, end) in minutes,
/// sorted by start.
fn lanes(spans: &[(i32, i32)]) -> Vec<(usize, usize)> {
    let mut placed = vec![(0, 1); spans.len()];
    // Per lane, where its last block ends, within the current group (which starts at `group`).
    let mut ends: Vec<i32> = Vec::new();
    let (mut group, mut group_end) = (0, i32::MIN);
    for (i, &(start, end)) in spans.iter().enumerate() {
        if start >= group_end {
            for p in &mut placed[group..i] {
                p.1 = ends.len();
            }
            (group, group_end) = (i, end);
            ends.clear();
        }
        group_end = group_end.max(end);
        let lane = match ends.iter().position(|&e| e <= start) {
            Some(free) => free,
            None => {
                ends.push(end);
                ends.len() - 1
            }
        };
        ends[lane] = end;
        placed[i].0 = lane;
    }
    let lanes = ends.len();
    for p in &mut placed[group..] {
        p.1 = lanes;
    }
    placed
}

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

/// The day of `monday`'s week a phone shows first: today when it is in that week, else Monday.
fn first_shown(monday: Date) -> i64 {
    let today = time::today();
    let offset = i64::from(today.weekday().to_monday_zero_offset());
    if time::week_start(today) == monday {
        offset
    } else {
        0
    }
}

/// Black or white text, whichever reads better on the `#rrggbb` background (WCAG contrast of each).
fn ink_on(background: &str) -> &'static str {
    let channel = |i: usize| {
        let value = background
            .get(1 + 2 * i..3 + 2 * i)
            .and_then(|hex| u8::from_str_radix(hex, 16).ok())
            .map_or(0.0, |v| f64::from(v) / 255.0);
        if value <= 0.04045 {
            value / 12.92
        } else {
            pow((value + 0.055) / 1.055, 2.4)
        }
    };
    let luminance = 0.2126 * channel(0) + 0.7152 * channel(1) + 0.0722 * channel(2);
    // Against white (luminance 1) and against black (luminance 0).
    let (on_white, on_black) = (1.05 / (luminance + 0.05), (luminance + 0.05) / 0.05);
    if on_white >= on_black { "#fff" } else { "#000" }
}

/// `base` to the power `exponent`: in the browser, its `Math.pow` (Rust's own would weigh 2 KB in the wasm).
fn pow(base: f64, exponent: f64) -> f64 {
    #[cfg(target_arch = "wasm32")]
    return js_sys::Math::pow(base, exponent);
    #[cfg(not(target_arch = "wasm32"))]
    return base.powf(exponent);
}

#[cfg(test)]
mod tests {
    use super::{ink_on, lanes};

    #[test]
    fn overlapping_sessions_share_the_width_and_the_others_keep_it() {
        // 10–13 and 10–12 side by side, 12–14 in the lane freed at 12; 15–16 alone.
        let spans = [(600, 780), (600, 720), (720, 840), (900, 960)];
        assert_eq!(lanes(&spans), [(0, 2), (1, 2), (1, 2), (0, 1)]);
        assert_eq!(lanes(&[]), []);
    }

    #[test]
    fn text_on_a_room_colour_is_whichever_contrasts_more() {
        assert_eq!(ink_on("#5b3df5"), "#fff");
        // The demo's Studio B: white reads at 3.5:1, black at 6:1.
        assert_eq!(ink_on("#0f9d58"), "#000");
        assert_eq!(ink_on("#f5c542"), "#000");
        assert_eq!(ink_on("#1d2330"), "#fff");
    }
}

#[function_component]
pub fn CalendarPage() -> Html {
    let texts = use_texts();
    let monday = use_state(initial_week);
    // On a phone one day is shown at a time: its index in the week.
    let shown = use_state(|| first_shown(*monday));
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
            submit.send(
                Method::Post,
                urls::SESSIONS.collection(),
                values.to_new(),
                move |_| new_slot.set(None),
            );
        })
    };
    let rooms = use_rooms();
    let navigator = use_navigator();

    let colours = pairs(rooms.data(), |r| Some((&r.id, &r.colour)));
    let shown_clients = sessions.data().into_iter().flat_map(|p| &p.items);
    let client_names = use_client_names(shown_clients.map(|s| s.client_id.as_str()).collect());
    let go = |weeks: i64| {
        let (monday, shown) = (monday.clone(), shown.clone());
        Callback::from(move |_| {
            if weeks == 0 {
                // Today's week, and on a phone today itself.
                let this_week = time::week_start(time::today());
                monday.set(this_week);
                shown.set(first_shown(this_week));
            } else {
                monday.set(shift(*monday, weeks));
            }
        })
    };
    // The phone's day switcher: across the week's edges it moves the week too.
    let step = |days: i64| {
        let (monday, shown) = (monday.clone(), shown.clone());
        Callback::from(move |_| {
            let next = *shown + days;
            if !(0..7).contains(&next) {
                monday.set(shift(*monday, next.div_euclid(7)));
            }
            shown.set(next.rem_euclid(7));
        })
    };
    // From 7:00, or from the hour of the week's earliest session; one that runs past midnight (a night session)
    // shows from 0:00 on its second day. Two clock readings per session, not one per day shown.
    let first_hour = sessions
        .data()
        .into_iter()
        .flat_map(|page| &page.items)
        .map(|s| {
            let last = s
                .end
                .checked_sub(jiff::SignedDuration::from_secs(1))
                .unwrap_or(s.end);
            let (start, last) = (time::local(s.start), time::local(last));
            if start.date() == last.date() {
                i32::from(start.hour())
            } else {
                0
            }
        })
        .fold(FIRST_HOUR, i32::min);
    let hours: Vec<i32> = (first_hour..24).collect();
    let height = (24 - first_hour) * HOUR_PX;

    let today = time::today();
    let column = |(index, date): (usize, &Date)| {
        let date = *date;
        let open_slot = {
            let new_slot = new_slot.clone();
            Callback::from(move |e: MouseEvent| {
                let hour = (first_hour + e.offset_y() / HOUR_PX).clamp(0, 23);
                new_slot.set(Some((
                    studio_wire::day::format(date),
                    format!("{hour:02}:00"),
                )));
            })
        };
        let (day_start, day_end) = time::day_bounds(date);
        let blocks = sessions.data().map(|page| {
            let of_day: Vec<_> = page.items.iter().filter(|s| s.start < day_end && s.end > day_start).collect();
            let spans: Vec<(i32, i32)> = of_day.iter().map(|s| (time::minutes_into(date, s.start), time::minutes_into(date, s.end))).collect();
            of_day
                .iter()
                .zip(&spans)
                .zip(lanes(&spans))
                .map(|((s, &(start, end)), (lane, lanes))| {
                    let top = ((start - first_hour * 60).max(0) * HOUR_PX) / 60;
                    let bottom = ((end - first_hour * 60).max(0) * HOUR_PX) / 60;
                    let colour = Some(name_of(&colours, &s.room_id)).filter(|c| !c.is_empty()).unwrap_or_else(|| "#5b3df5".into());
                    let width = 100.0 / lanes as f64;
                    let style = format!(
                        "top:{top}px;height:{}px;left:calc({}% + 1px);width:calc({width}% - 2px);background:{colour};color:{}",
                        (bottom - top).max(14), lane as f64 * width, ink_on(&colour)
                    );
                    let open = {
                        let (navigator, id) = (navigator.clone(), s.id.clone());
                        Callback::from(move |e: MouseEvent| {
                            e.stop_propagation();
                            if let Some(n) = &navigator {
                                n.push(&Route::Session { id: id.clone() });
                            }
                        })
                    };
                    let client = name_of(&client_names, &s.client_id);
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
            <div CLASS={format!("cal-day{}{}", if index as i64 == *shown { " current" } else { "" }, if date == today { " today" } else { "" })}>
                <div class="cal-day-head" aria-current={(date == today).then_some("date")}>{ label }</div>
                <div class="cal-day-body" data-date={studio_wire::day::format(date)} style={format!("height:{height}px")} onclick={open_slot}>
                    { for hours.iter().map(|h| html! { <div class="cal-hour-line" style={format!("top:{}px", (h - first_hour) * HOUR_PX)}></div> }) }
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
                    <button id="today" onclick={go(0)}>{ texts.today }</button>
                    <button id="next-week" title={texts.next_week} aria-label={texts.next_week} onclick={go(1)}>{ "→" }</button>
                    <select id="room-filter" aria-label={texts.col_room} onchange={edit(&room_filter, |v, s| *v = s)}>
                        { pick_one(texts.all_rooms, pairs(rooms.data(), |r| Some((&r.id, &r.name))), &room_filter) }
                    </select>
                </div>
            </header>
            if let Some((date, start)) = (*new_slot).clone() {
                <SessionForm key={format!("{date}{start}")} initial={SessionFormValues::booking(date.clone(), start.clone(), room.clone())}
                    submit_label={texts.create} busy={*submit.busy} error={(*submit.error).clone()} on_submit={on_book}
                    on_cancel={{ let s = new_slot.clone(); Callback::from(move |_| s.set(None)) }} />
            }
            <div class="day-switcher">
                <button id="previous-day" title={texts.previous_day} aria-label={texts.previous_day} onclick={step(-1)}>{ "←" }</button>
                <strong>{ format::date(days[*shown as usize], texts.locale) }</strong>
                <button id="next-day" title={texts.next_day} aria-label={texts.next_day} onclick={step(1)}>{ "→" }</button>
            </div>
            <div class="cal-grid">
                <div class="cal-hours" style={format!("height:{height}px")}>
                    { for hours.iter().map(|h| html! { <div class="cal-hour" style={format!("top:{}px", (h - first_hour) * HOUR_PX)}>{ format::hour(*h, texts.locale) }</div> }) }
                </div>
                { for days.iter().enumerate().map(column) }
            </div>
        </section>
    }
}
