//! Browser tests for what studio settings and coded errors change on screen: a studio moved to New York books
//! and shows 10:00 New York time; a refused form reads right in French, then in English.

mod common;

use common::{
    browser::{WAIT, browser, click, fill, requests, start_stack},
    eventually,
};
use fantoccini::{Client, Locator, elements::Element};
use jiff::{Timestamp, tz::TimeZone};
use studio_domain::{clients, rooms, sessions, settings};
use studio_wire::SettingsPatch;

/// The text of the first element matching `css` that contains `text`.
async fn wait_for_text(browser: &Client, css: &str, text: &str) -> String {
    eventually(&format!("{css} containing {text:?}"), WAIT, || async {
        for element in browser.find_all(Locator::Css(css)).await.ok()? {
            let shown = element.text().await.ok()?;
            if shown.contains(text) {
                return Some(shown);
            }
        }
        None
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_studio_in_new_york_books_ten_o_clock_through_the_form_and_its_calendar_shows_ten_o_clock()
 {
    let Some(stack) = start_stack().await else {
        return;
    };
    let ctx = stack.demo();
    let version = settings::get(&ctx).await.unwrap().version;
    let moved = SettingsPatch {
        version,
        time_zone: Some("America/New_York".into()),
        ..SettingsPatch::default()
    };
    settings::update(&ctx, &moved).await.unwrap();
    let client = clients::find(&ctx, "Marc Dubois").await.unwrap().remove(0);
    let room = rooms::find(&ctx, "Studio B").await.unwrap().remove(0);

    let browser = browser().await;
    browser
        .goto(&format!("{}/sessions", stack.url))
        .await
        .unwrap();
    click(&browser, Locator::Css(".page-header button.primary")).await;
    let form = browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(".session-form"))
        .await
        .unwrap();
    // The form opens on today, 10:00 to 12:00, in the studio's zone.
    eventually("the form's client and room choices", WAIT, || async {
        let client_choice = form
            .find(Locator::Css("select[name=client_id]"))
            .await
            .ok()?;
        let room_choice = form.find(Locator::Css("select[name=room_id]")).await.ok()?;
        client_choice.select_by_value(&client.id).await.ok()?;
        room_choice.select_by_value(&room.id).await.ok()?;
        Some(())
    })
    .await;
    click(&browser, Locator::Css(".entity-form button[type=submit]")).await;

    let new_york = TimeZone::get("America/New_York").unwrap();
    let today = Timestamp::now().to_zoned_datetime(new_york.clone()).date();
    let ten = new_york.to_timestamp(today.at(10, 0, 0, 0)).unwrap();
    let booked = eventually("the booking to be stored", WAIT, || async {
        let query = sessions::SessionQuery {
            client: Some(client.id.clone()),
            ..Default::default()
        };
        let found = sessions::list(&ctx, &query).await.ok()?.items;
        found.into_iter().find(|s| s.room_id == room.id)
    })
    .await;
    assert_eq!(
        booked.start, ten,
        "10:00 typed in the form is 10:00 in New York"
    );

    browser
        .goto(&format!("{}/calendar", stack.url))
        .await
        .unwrap();
    let shown = wait_for_text(&browser, ".cal-session", "Marc Dubois").await;
    assert!(
        shown.contains("10:00–12:00"),
        "the calendar shows New York time: {shown}"
    );
    browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_duplicate_room_name_reads_right_under_the_field_in_one_language_then_the_other() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let browser = browser().await;
    browser.goto(&format!("{}/rooms", stack.url)).await.unwrap();
    new_room_form(&browser, &[("name", "Studio A"), ("hourly_rate", "55,50")]).await;
    click(&browser, Locator::Css(".entity-form button[type=submit]")).await;
    // Whichever language the browser starts in, the same refusal reads right in it, then in the other one.
    const FRENCH: &str = "Une autre salle s'appelle déjà « Studio A ».";
    const ENGLISH: &str = "Another room is already called “Studio A”.";
    let first = wait_for_text(&browser, ".room-form .field-error", "Studio A").await;
    let then = match first.as_str() {
        FRENCH => ENGLISH,
        ENGLISH => FRENCH,
        other => panic!("the refusal is worded neither in French nor in English: {other}"),
    };
    // In the other language, the same refusal comes worded in it (the SPA sends its language with every request).
    click(&browser, Locator::Css("nav button.link")).await;
    click(&browser, Locator::Css(".entity-form button[type=submit]")).await;
    wait_for_text(&browser, ".room-form .field-error", then).await;
    browser.close().await.unwrap();
}

/// The rooms page's form for a new room, opened and filled with `fields`.
async fn new_room_form(browser: &Client, fields: &[(&str, &str)]) -> Element {
    click(browser, Locator::Id("new-room")).await;
    let form = browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(".room-form"))
        .await
        .unwrap();
    for (field, value) in fields {
        form.find(Locator::Css(&format!("input[name={field}]")))
            .await
            .unwrap()
            .send_keys(value)
            .await
            .unwrap();
    }
    form
}

/// The text of the page's notice, once it says one of `sentences` (the browser's language picks which).
async fn notice(browser: &Client, sentences: [&str; 2]) -> String {
    eventually(&format!("a notice saying {sentences:?}"), WAIT, || async {
        let shown = browser
            .find(Locator::Css("p.notice[role=status]"))
            .await
            .ok()?
            .text()
            .await
            .ok()?;
        sentences.contains(&shown.as_str()).then_some(shown)
    })
    .await
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_new_room_is_said_created_in_a_colour_no_room_has_and_a_saved_room_is_said_saved() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let browser = browser().await;
    browser.goto(&format!("{}/rooms", stack.url)).await.unwrap();
    wait_for_text(&browser, ".room-row", "Studio A").await;
    let mut taken = Vec::new();
    for swatch in browser
        .find_all(Locator::Css(".room-row .swatch"))
        .await
        .unwrap()
    {
        taken.push(swatch.attr("style").await.unwrap().unwrap_or_default());
    }
    assert!(taken.len() >= 2, "the demo's rooms: {taken:?}");

    let form = new_room_form(&browser, &[("name", "Studio Neuf"), ("hourly_rate", "40")]).await;
    let colour = form
        .find(Locator::Css("input[name=colour]"))
        .await
        .unwrap()
        .prop("value")
        .await
        .unwrap()
        .unwrap();
    assert!(
        !taken.iter().any(|style| style.contains(&colour)),
        "{colour} is already a room's: {taken:?}"
    );
    click(&browser, Locator::Css(".entity-form button[type=submit]")).await;
    notice(&browser, ["Salle créée.", "Room created."]).await;
    let row = wait_for_text(&browser, ".room-row", "Studio Neuf").await;
    assert!(row.contains("Studio Neuf"));

    click(&browser, Locator::LinkText("Studio Neuf")).await;
    let rate = ".room-form input[name=hourly_rate]";
    browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(rate))
        .await
        .unwrap();
    fill(&browser, rate, "45").await;
    click(&browser, Locator::Css(".entity-form button[type=submit]")).await;
    // Said once the room is saved — and still said once the page shows its new version.
    notice(&browser, ["Modifications enregistrées.", "Changes saved."]).await;
    eventually("the saved rate", WAIT, || async {
        let room = rooms::list(&stack.demo(), &Default::default())
            .await
            .ok()?
            .items
            .into_iter()
            .find(|r| r.name == "Studio Neuf")?;
        (room.hourly_rate == studio_wire::Money(4_500)).then_some(())
    })
    .await;
    notice(&browser, ["Modifications enregistrées.", "Changes saved."]).await;
    // The room's upcoming sessions were asked for when the page opened, and again at most once, after the write.
    let asked = requests(&browser)
        .await
        .into_iter()
        .filter(|(path, ..)| path.starts_with("/api/sessions?from="))
        .count();
    assert!(
        asked <= 2,
        "the room's upcoming sessions were asked for {asked} times"
    );
    browser.close().await.unwrap();
}

/// Types `value` into the form's input `name` as a person's browser would report it (a time or date input
/// takes keys in the browser's own format; its value is what the form reads).
async fn set_input(browser: &Client, name: &str, value: &str) {
    let script =
        "const input = document.querySelector(`.session-form input[name=${arguments[0]}]`);
        input.value = arguments[1];
        input.dispatchEvent(new Event('input', { bubbles: true }));
        input.dispatchEvent(new Event('change', { bubbles: true }));";
    browser
        .execute(script, vec![name.into(), value.into()])
        .await
        .unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_booking_before_opening_time_or_in_the_past_is_pointed_out_under_its_times() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let hours = settings::get(&stack.demo()).await.unwrap();
    let opening = format!("{}–{}", hours.opens_at, hours.closes_at);
    let browser = browser().await;
    browser
        .goto(&format!("{}/sessions", stack.url))
        .await
        .unwrap();
    click(&browser, Locator::Css(".page-header button.primary")).await;
    browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(".session-form"))
        .await
        .unwrap();
    let tomorrow = Timestamp::now()
        .to_zoned_datetime(TimeZone::get(&hours.time_zone).unwrap())
        .date()
        .tomorrow()
        .unwrap();
    set_input(&browser, "date", &tomorrow.to_string()).await;
    set_input(&browser, "start", "10:00").await;
    set_input(&browser, "end", "12:00").await;
    eventually("no caution for tomorrow 10:00", WAIT, || async {
        let found = browser
            .find_all(Locator::Css(".session-form .caution"))
            .await
            .ok()?;
        found.is_empty().then_some(())
    })
    .await;

    set_input(&browser, "start", "06:00").await;
    let caution = wait_for_text(&browser, ".session-form .caution", &opening).await;
    assert!(
        caution.starts_with("En dehors des heures d'ouverture")
            || caution.starts_with("Outside opening hours"),
        "{caution}"
    );

    let yesterday = tomorrow.yesterday().unwrap().yesterday().unwrap();
    set_input(&browser, "date", &yesterday.to_string()).await;
    set_input(&browser, "start", "10:00").await;
    let past = [
        "Cette session commence dans le passé.",
        "This session starts in the past.",
    ];
    eventually("the caution of a session in the past", WAIT, || async {
        for caution in browser
            .find_all(Locator::Css(".session-form .caution"))
            .await
            .ok()?
        {
            if past.contains(&caution.text().await.ok()?.as_str()) {
                return Some(());
            }
        }
        None
    })
    .await;
    browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn saved_settings_are_said_saved_and_still_said_once_the_page_shows_their_new_version() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let browser = browser().await;
    browser
        .goto(&format!("{}/settings", stack.url))
        .await
        .unwrap();
    let terms = ".entity-form input[name=payment_terms_days]";
    browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(terms))
        .await
        .unwrap();
    fill(&browser, terms, "45").await;
    let before = requests(&browser)
        .await
        .iter()
        .map(|r| r.1)
        .fold(0.0, f64::max);
    click(&browser, Locator::Css(".entity-form button[type=submit]")).await;
    notice(&browser, ["Modifications enregistrées.", "Changes saved."]).await;
    // The write, then the settings fetched again (their new version), then two frames for the page to draw them.
    eventually(
        "the settings fetched again after the write",
        WAIT,
        || async {
            let done: Vec<f64> = requests(&browser)
                .await
                .into_iter()
                .filter(|(path, start, end)| {
                    path == "/api/settings" && *start > before && *end > 0.0
                })
                .map(|r| r.2)
                .collect();
            (done.len() >= 2).then_some(())
        },
    )
    .await;
    browser
        .execute_async(
            "const done = arguments[arguments.length - 1]; requestAnimationFrame(() => requestAnimationFrame(done));",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(
        settings::get(&stack.demo())
            .await
            .unwrap()
            .payment_terms_days,
        45
    );
    notice(&browser, ["Modifications enregistrées.", "Changes saved."]).await;
    browser.close().await.unwrap();
}
