//! The home page: today's and the coming days' sessions, what is left to collect and what is overdue, this
//! month's revenue against last month's, and the week's busiest rooms — figures drawn as bars where a person
//! would rather look than read. One request (`GET /api/dashboard`), re-fetched once per change of anything
//! it shows.

use studio_wire::{Dashboard, Money, Session};
use yew::prelude::*;

use crate::{
    components::{Studio, loaded, use_studio},
    format,
    hooks::{name_of, pairs, use_client_names, use_dashboard, use_rooms},
    i18n::{Texts, use_texts},
    routes::{Route, link},
};

#[function_component]
pub fn HomePage() -> Html {
    let texts = use_texts();
    let studio = use_studio();
    let dashboard = use_dashboard();
    let rooms = use_rooms();
    let overdue = dashboard
        .data()
        .into_iter()
        .flat_map(|d| &d.overdue_invoices);
    let client_names = use_client_names(overdue.map(|i| i.client_id.as_str()).collect());
    let room_names = pairs(rooms.data(), |r| Some((&r.id, &r.name)));
    let names = Names {
        rooms: &room_names,
        clients: &client_names,
    };
    html! {
        <section class="dashboard">
            <h1>{ texts.billing.dashboard_title }</h1>
            { loaded(texts, &dashboard, |board| cards(texts, &studio, &names, &board)) }
        </section>
    }
}

/// Rooms and clients by id, `(id, name)`.
struct Names<'a> {
    rooms: &'a [(String, String)],
    clients: &'a [(String, String)],
}

/// A bar `value / max` wide (at least a sliver when not zero), its figure written beside it.
fn bar(value: i64, max: i64) -> Html {
    let percent = if max > 0 && value > 0 {
        (value * 100 / max).max(2)
    } else {
        0
    };
    html! { <span class="bar-track"><span class="bar" style={format!("width:{percent}%")}></span></span> }
}

/// The dashboard's cards (a function of the page, not a component of its own).
fn cards(texts: &Texts, studio: &Studio, names: &Names, board: &Dashboard) -> Html {
    let b = texts.billing;
    let money = |m: Money| studio.money(m, texts);
    let sessions = |list: &[Session], with_day: bool| -> Html {
        list.iter()
            .map(|s| {
                let when = if with_day {
                    format::date_time(s.start, texts.locale)
                } else {
                    format!(
                        "{}–{}",
                        format::clock(s.start, texts.locale),
                        format::clock(s.end, texts.locale)
                    )
                };
                html! {
                    <li><span class="when">{ when }</span>{" "}
                        { link(Route::Session { id: s.id.clone() }, &s.title) }
                        {" · "}{ name_of(names.rooms, &s.room_id) }</li>
                }
            })
            .collect()
    };
    let (this, last) = (&board.revenue_this_month, &board.revenue_last_month);
    let top = this.invoiced_net.cents().max(last.invoiced_net.cents());
    let busiest = board
        .busiest_rooms
        .iter()
        .map(|r| r.minutes)
        .max()
        .unwrap_or(0);
    html! {
        <div class="cards">
            <article class="card">
                <h2>{ b.unpaid }</h2>
                <p class="figure" id="dashboard-unpaid">{ money(board.unpaid.amount) }</p>
                <p>{ count(texts, board.unpaid.count) }</p>
            </article>
            <article CLASS={if board.overdue.count > 0 { "card alert" } else { "card" }}>
                <h2>{ b.overdue }</h2>
                <p class="figure" id="dashboard-overdue">{ money(board.overdue.amount) }</p>
                if board.overdue_invoices.is_empty() {
                    <p>{ b.no_overdue }</p>
                } else {
                    <ul class="plain">
                        { for board.overdue_invoices.iter().map(|i| html! {
                            <li>{ link(Route::Invoice { id: i.id.clone() }, &i.number) }
                                {" · "}{ name_of(names.clients, &i.client_id) }{" · "}{ money(i.balance) }
                                {" · "}{ b.col_due }{" "}{ format::date(i.due_on, texts.locale) }</li>
                        }) }
                    </ul>
                }
            </article>
            <article class="card">
                <h2>{ b.revenue }</h2>
                <dl class="bars">
                    <dt>{ b.this_month }</dt>
                    <dd>{ bar(this.invoiced_net.cents(), top) }<span id="revenue-this-month">{ money(this.invoiced_net) }</span></dd>
                    <dt>{ b.last_month }</dt>
                    <dd>{ bar(last.invoiced_net.cents(), top) }<span>{ money(last.invoiced_net) }</span></dd>
                </dl>
                <p>{ money(this.collected) }{" "}{ b.collected }</p>
            </article>
            <article class="card">
                <h2>{ b.busiest_rooms }</h2>
                <dl class="bars">
                    { for board.busiest_rooms.iter().map(|r| html! {
                        <>
                            <dt>{ &r.name }</dt>
                            <dd>{ bar(r.minutes, busiest) }<span>{ format!("{} {}", format::hours(r.minutes, texts.locale), b.hours_short) }</span></dd>
                        </>
                    }) }
                </dl>
            </article>
            <article class="card wide">
                <h2>{ b.today_sessions }</h2>
                if board.today_sessions.is_empty() {
                    <p>{ b.nothing_today }</p>
                } else {
                    <ul class="plain" id="dashboard-today">{ sessions(&board.today_sessions, false) }</ul>
                }
                <h2>{ b.upcoming }</h2>
                if board.upcoming.is_empty() {
                    <p>{ texts.no_sessions }</p>
                } else {
                    <ul class="plain">{ sessions(&board.upcoming, true) }</ul>
                }
            </article>
        </div>
    }
}

fn count(texts: &Texts, n: u32) -> String {
    format!("{n} {}", texts.billing.invoices_word)
}
