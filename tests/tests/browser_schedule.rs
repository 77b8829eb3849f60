//! Browser end-to-end tests for scheduling: the open calendar and equipment pages update by themselves when the
//! assistant books a session or puts a microphone into maintenance; the autumn clock change renders right.

mod common;

use common::{
    browser::{
        WAIT, browser, chat_response_end, mark_page, page_was_not_reloaded, requests,
        send_to_assistant, start_stack,
    },
    eventually,
};
use fantoccini::{Client, Locator};
use jiff::{SignedDuration, ZonedDateTime, tz::TimeZone};
use studio_domain::{clients, rooms, sessions};
use studio_wire::{NewSession, SessionStatus};

/// Waits until an element matching `css` holds `text`.
async fn wait_for_text(browser: &Client, css: &str, text: &str) {
    eventually(&format!("{css} containing {text:?}"), WAIT, || async {
        for element in browser.find_all(Locator::Css(css)).await.ok()? {
            if element.text().await.ok()?.contains(text) {
                return Some(());
            }
        }
        None
    })
    .await;
}

async fn count(browser: &Client, css: &str) -> usize {
    browser
        .find_all(Locator::Css(css))
        .await
        .map(|e| e.len())
        .unwrap_or(0)
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_session_booked_by_the_assistant_appears_on_the_open_calendar_without_reload() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let paris = TimeZone::get("Europe/Paris").unwrap();
    let tomorrow = ZonedDateTime::now()
        .with_time_zone(paris)
        .date()
        .tomorrow()
        .unwrap();
    let monday = tomorrow
        .checked_sub(jiff::Span::new().days(i64::from(tomorrow.weekday().to_monday_zero_offset())))
        .unwrap();
    let browser = browser().await;
    browser
        .goto(&format!("{}/calendar?week={monday}", stack.url))
        .await
        .unwrap();
    eventually("the demo sessions on the calendar", WAIT, || async {
        (count(&browser, ".cal-session").await >= 2).then_some(())
    })
    .await;
    let before = count(&browser, ".cal-session").await;
    mark_page(&browser).await;

    send_to_assistant(
        &browser,
        "réserve le Studio A demain de 19h à 21h pour Léa Martin",
    )
    .await;
    let chat_end = chat_response_end(&browser, 1).await;
    wait_for_text(&browser, ".cal-session", "19:00–21:00").await;
    assert_eq!(count(&browser, ".cal-session").await, before + 1);
    assert!(
        page_was_not_reloaded(&browser).await,
        "the page was reloaded"
    );
    let after: Vec<String> = requests(&browser)
        .await
        .into_iter()
        .filter(|(_, s, _)| *s >= chat_end)
        .map(|(p, ..)| p)
        .collect();
    assert_eq!(
        after.len(),
        1,
        "only the calendar's sessions re-fetch: {after:?}"
    );
    assert!(after[0].starts_with("/api/sessions?from="), "{after:?}");
    browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_microphone_put_into_maintenance_by_the_assistant_changes_status_on_the_open_equipment_page()
 {
    let Some(stack) = start_stack().await else {
        return;
    };
    let browser = browser().await;
    browser
        .goto(&format!("{}/equipment", stack.url))
        .await
        .unwrap();
    wait_for_text(&browser, ".equipment-row", "U87").await;
    assert_eq!(
        count(&browser, ".equipment-row .status-maintenance").await,
        0
    );
    mark_page(&browser).await;

    send_to_assistant(&browser, "Mets le micro U87 en maintenance").await;
    chat_response_end(&browser, 1).await;
    eventually("the U87 in maintenance", WAIT, || async {
        let rows = browser
            .find_all(Locator::Css(".equipment-row"))
            .await
            .ok()?;
        for row in rows {
            if row.text().await.ok()?.contains("U87")
                && row.find(Locator::Css(".status-maintenance")).await.is_ok()
            {
                return Some(());
            }
        }
        None
    })
    .await;
    assert!(page_was_not_reloaded(&browser).await);
    browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_week_of_the_autumn_clock_change_renders_sessions_at_their_local_time() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let ctx = stack.demo();
    let client = clients::find(&ctx, "Léa Martin").await.unwrap().remove(0);
    let room = rooms::find(&ctx, "Studio A").await.unwrap().remove(0);
    // 10:00 in Paris on Sunday 2026-10-25, after the clocks went back (UTC+1), and 10:00 the day before (UTC+2).
    for (start, title) in [
        ("2026-10-25T09:00:00Z", "After the change"),
        ("2026-10-24T08:00:00Z", "Before the change"),
    ] {
        let start: jiff::Timestamp = start.parse().unwrap();
        let input = NewSession {
            title: Some(title.into()),
            client_id: client.id.clone(),
            room_id: room.id.clone(),
            project_id: None,
            start,
            end: start + SignedDuration::from_hours(2),
            status: SessionStatus::Scheduled,
            engineer: None,
            notes: None,
        };
        sessions::create(&ctx, &input).await.unwrap();
    }
    let browser = browser().await;
    browser
        .goto(&format!("{}/calendar?week=2026-10-19", stack.url))
        .await
        .unwrap();
    wait_for_text(&browser, ".cal-session", "After the change").await;
    let heads: Vec<String> = futures::future::join_all(
        browser
            .find_all(Locator::Css(".cal-day-head"))
            .await
            .unwrap()
            .iter()
            .map(|h| async { h.text().await.unwrap() }),
    )
    .await;
    assert_eq!(heads.len(), 7);
    assert!(
        heads[5].contains("24/10") && heads[6].contains("25/10"),
        "{heads:?}"
    );
    for title in ["After the change", "Before the change"] {
        let blocks = browser
            .find_all(Locator::Css(".cal-session"))
            .await
            .unwrap();
        let mut found = false;
        for block in blocks {
            if block.text().await.unwrap().contains(title) {
                let text = block.text().await.unwrap();
                assert!(text.contains("10:00–12:00"), "{title}: {text}");
                let style = block.attr("style").await.unwrap().unwrap_or_default();
                assert!(
                    style.contains("top:108px"),
                    "{title} sits at 10:00 local: {style}"
                );
                found = true;
            }
        }
        assert!(found, "{title} is on the calendar");
    }
    browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn asked_which_session_the_answer_in_the_panel_moves_it_on_the_open_calendar() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let ctx = stack.demo();
    let lea = clients::find(&ctx, "Léa Martin").await.unwrap().remove(0);
    // Léa's demo session tomorrow at 10:00, and a second one the day after, so "her session" is ambiguous.
    let tomorrow = sessions::of_client(&ctx, &lea.id, None)
        .await
        .unwrap()
        .remove(0);
    let room = rooms::find(&ctx, "Studio B").await.unwrap().remove(0);
    let later = tomorrow.start + SignedDuration::from_hours(24);
    let second = NewSession {
        title: Some("Overdubs".into()),
        client_id: lea.id.clone(),
        room_id: room.id.clone(),
        project_id: None,
        start: later,
        end: later + SignedDuration::from_hours(2),
        status: SessionStatus::Scheduled,
        engineer: None,
        notes: None,
    };
    let (second, _) = sessions::create(&ctx, &second).await.unwrap();
    let monday = {
        let day = tomorrow
            .start
            .to_zoned_datetime(TimeZone::get("Europe/Paris").unwrap())
            .date();
        day.checked_sub(jiff::Span::new().days(i64::from(day.weekday().to_monday_zero_offset())))
            .unwrap()
    };
    let browser = browser().await;
    browser
        .goto(&format!("{}/calendar?week={monday}&lang=fr", stack.url))
        .await
        .unwrap();
    let block = format!("#session-{}", tomorrow.id);
    wait_for_text(&browser, &block, "10:00–13:00").await;
    mark_page(&browser).await;

    send_to_assistant(&browser, "Déplace la session de Léa Martin à 16h").await;
    chat_response_end(&browser, 1).await;
    wait_for_text(&browser, ".assistant-reply", "Laquelle ?").await;
    assert!(
        browser
            .find(Locator::Css(&block))
            .await
            .unwrap()
            .text()
            .await
            .unwrap()
            .contains("10:00–13:00")
    );

    send_to_assistant(&browser, "celle de demain").await;
    chat_response_end(&browser, 2).await;
    wait_for_text(&browser, &block, "16:00–19:00").await;
    assert!(
        page_was_not_reloaded(&browser).await,
        "the page was reloaded"
    );
    let untouched = sessions::get(&ctx, &second.id).await.unwrap();
    assert_eq!(untouched.start, later, "the other session did not move");
    browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn sessions_at_the_same_hour_stand_side_by_side_and_an_early_one_is_shown_whole() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let ctx = stack.demo();
    let client = clients::find(&ctx, "Léa Martin").await.unwrap().remove(0);
    let (a, b) = (
        rooms::find(&ctx, "Studio A").await.unwrap().remove(0),
        rooms::find(&ctx, "Studio B").await.unwrap().remove(0),
    );
    // Tuesday 2027-02-09, Paris at UTC+1: 10:00–13:00 in A, 10:00–12:00 in B, 06:00–07:00 in A.
    for (room, start, hours, title) in [
        (&a, "2027-02-09T09:00:00Z", 3, "Ten in A"),
        (&b, "2027-02-09T09:00:00Z", 2, "Ten in B"),
        (&a, "2027-02-09T05:00:00Z", 1, "Early"),
    ] {
        let start: jiff::Timestamp = start.parse().unwrap();
        let input = NewSession {
            title: Some(title.into()),
            client_id: client.id.clone(),
            room_id: room.id.clone(),
            project_id: None,
            start,
            end: start + SignedDuration::from_hours(hours),
            status: SessionStatus::Scheduled,
            engineer: None,
            notes: None,
        };
        sessions::create(&ctx, &input).await.unwrap();
    }
    let browser = browser().await;
    browser
        .goto(&format!("{}/calendar?week=2027-02-08", stack.url))
        .await
        .unwrap();
    wait_for_text(&browser, ".cal-session", "Early").await;
    let mut boxes = std::collections::BTreeMap::new();
    for block in browser
        .find_all(Locator::Css(".cal-session"))
        .await
        .unwrap()
    {
        let text = block.text().await.unwrap();
        let title = ["Ten in A", "Ten in B", "Early"]
            .into_iter()
            .find(|t| text.contains(t));
        if let Some(title) = title {
            let style = block.attr("style").await.unwrap().unwrap_or_default();
            boxes.insert(title, (block.rectangle().await.unwrap(), style));
        }
    }
    let ((ax, _, aw, _), _) = boxes["Ten in A"];
    let ((bx, _, bw, _), _) = boxes["Ten in B"];
    assert!(
        ax + aw <= bx + 1.0 || bx + bw <= ax + 1.0,
        "side by side, neither hiding the other: {boxes:?}"
    );
    let (_, early) = &boxes["Early"];
    assert!(
        early.contains("top:0px") && early.contains("height:36px"),
        "the grid starts at 6:00 and shows the hour whole: {early}"
    );
    browser.close().await.unwrap();
}
