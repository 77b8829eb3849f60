//! Browser end-to-end tests for clients: the real SPA (built by Trunk) in headless Chromium over WebDriver,
//! against the local stack on a free loopback port. Requests are counted with the browser's resource timing.

mod common;

use std::{sync::Arc, time::Duration};

use common::{
    browser::{
        Earlier, WAIT, browser, chat_response_end, fill, mark_page, open_clients,
        page_was_not_reloaded, requests, requests_since, send_to_assistant, shown, start_stack,
        text_of, wait_text,
    },
    eventually,
};
use fantoccini::Locator;
use serde_json::{Value, json};
use studio_domain::clients;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_assistant_creates_a_client_and_the_open_clients_page_shows_it_without_reload() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let browser = browser().await;
    open_clients(&browser, &stack).await;
    let before: usize = text_of(&browser, "client-count")
        .await
        .unwrap()
        .parse()
        .unwrap();
    mark_page(&browser).await;

    send_to_assistant(
        &browser,
        "Crée un nouveau client avec email cache-test@example.com et nom Cache Test",
    )
    .await;
    let chat_end = chat_response_end(&browser, 1).await;

    let after = (before + 1).to_string();
    wait_text(&browser, "client-count", &after).await;
    wait_text(&browser, "nav-client-count", &after).await;
    let rows = shown(&browser, "#clients-table").await;
    assert!(
        rows.contains("Cache Test") && rows.contains("cache-test@example.com"),
        "{rows}"
    );
    // The write is listed under the reply, linking to the new client.
    let link = browser
        .find(Locator::Css(".assistant-reply .assistant-actions a"))
        .await
        .unwrap()
        .attr("href")
        .await
        .unwrap()
        .unwrap();
    let ctx = stack.demo();
    let created = clients::find(&ctx, "Cache Test").await.unwrap().remove(0);
    assert_eq!(link, format!("/clients/{}", created.id));
    assert!(
        page_was_not_reloaded(&browser).await,
        "the page was reloaded"
    );

    let after_chat: Vec<String> = requests(&browser)
        .await
        .into_iter()
        .filter(|(_, start, _)| *start >= chat_end)
        .map(|(p, ..)| p)
        .collect();
    // The page and the navigation badge show the same list: they share the one request.
    assert_eq!(
        after_chat,
        ["/api/clients?limit=200"],
        "requests after the chat response"
    );
    // The history says who made it, through the assistant, in this conversation.
    let record = stack.last_write().await;
    assert_eq!(record.person, "manager@studio.test");
    assert!(
        matches!(record.via, studio_wire::Via::Assistant { .. }),
        "{record:?}"
    );
    assert_eq!(record.entries[0].label.as_deref(), Some("Cache Test"));
    browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_mounted_views_of_what_changed_refetch() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let ctx = stack.demo();
    let lea = clients::find(&ctx, "Léa Martin").await.unwrap().remove(0);
    let browser = browser().await;
    browser
        .goto(&format!("{}/clients/{}", stack.url, lea.id))
        .await
        .unwrap();
    wait_text(&browser, "client-name", "Léa Martin").await;
    wait_text(&browser, "nav-client-count", "4").await;
    mark_page(&browser).await;

    // Another client is created: the list (the badge) is stale, Léa's detail view is not.
    send_to_assistant(&browser, "Add a client named Nina Simone").await;
    let first_end = chat_response_end(&browser, 1).await;
    wait_text(&browser, "nav-client-count", "5").await;
    let detail = format!("/api/clients/{}", lea.id);
    let after_first: Vec<String> = requests(&browser)
        .await
        .into_iter()
        .filter(|(_, s, _)| *s >= first_end)
        .map(|(p, ..)| p)
        .collect();
    assert_eq!(after_first, ["/api/clients?limit=200"]);

    // Léa is renamed: her open detail view and its history update, once, and so does the list behind the badge
    // (which her sessions' table names her from).
    send_to_assistant(&browser, "Renomme Léa Martin en Léa Dupont").await;
    let second_end = chat_response_end(&browser, 2).await;
    wait_text(&browser, "client-name", "Léa Dupont").await;
    let history = format!("/api/activity?limit=20&resource=clients&id={}", lea.id);
    assert_eq!(
        requests_since(&browser, second_end, 3).await,
        [history.as_str(), detail.as_str(), "/api/clients?limit=200"]
    );
    assert!(page_was_not_reloaded(&browser).await);
    browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_create_form_shows_field_errors_and_adds_the_client_through_the_same_store() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let browser = browser().await;
    open_clients(&browser, &stack).await;
    browser
        .find(Locator::Id("new-client"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let form = browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(".client-form"))
        .await
        .unwrap();
    form.find(Locator::Css("input[name=name]"))
        .await
        .unwrap()
        .send_keys("Form Client")
        .await
        .unwrap();
    // An email the domain refuses but the browser's own check lets through.
    form.find(Locator::Css("input[name=email]"))
        .await
        .unwrap()
        .send_keys("form@example")
        .await
        .unwrap();
    form.find(Locator::Css("button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let error = browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(".field-error"))
        .await
        .unwrap();
    assert!(error.text().await.unwrap().contains("form@example"));
    assert_eq!(
        text_of(&browser, "client-count").await.as_deref(),
        Some("4")
    );

    let email = form.find(Locator::Css("input[name=email]")).await.unwrap();
    email.send_keys(".com").await.unwrap();
    form.find(Locator::Css("button[type=submit]"))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    wait_text(&browser, "client-count", "5").await;
    wait_text(&browser, "nav-client-count", "5").await;
    let value: Value = browser
        .execute(
            "return document.body.innerText.includes('form@example.com');",
            vec![],
        )
        .await
        .unwrap();
    assert_eq!(value, json!(true));
    // The history says who made it, through a form.
    let record = stack.last_write().await;
    assert_eq!(
        (record.person.as_str(), &record.via),
        ("manager@studio.test", &studio_wire::Via::Form)
    );
    assert_eq!(record.entries[0].op, studio_wire::EntryOp::Created);
    browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_in_another_tab_updates_this_tab_without_reload() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let browser = browser().await;
    open_clients(&browser, &stack).await;
    mark_page(&browser).await;
    let first = browser.window().await.unwrap();

    let second = browser.new_window(true).await.unwrap();
    browser.switch_to_window(second.handle).await.unwrap();
    open_clients(&browser, &stack).await;
    send_to_assistant(&browser, "Add a client named Other Tab").await;
    wait_text(&browser, "client-count", "5").await;

    browser.switch_to_window(first).await.unwrap();
    wait_text(&browser, "client-count", "5").await;
    let rows = shown(&browser, "#clients-table").await;
    assert!(rows.contains("Other Tab"), "{rows}");
    assert!(
        page_was_not_reloaded(&browser).await,
        "the first tab was reloaded"
    );
    browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn another_users_write_reaches_this_page_through_the_change_feed() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let mine = browser().await;
    open_clients(&mine, &stack).await;
    mark_page(&mine).await;

    // Someone else, in another browser, adds a client through the assistant.
    let theirs = browser().await;
    open_clients(&theirs, &stack).await;
    send_to_assistant(&theirs, "Add a client named Other User").await;
    wait_text(&theirs, "client-count", "5").await;
    theirs.close().await.unwrap();

    // The feed is pulled every 10 s while the page is visible.
    wait_text(&mine, "client-count", "5").await;
    assert!(page_was_not_reloaded(&mine).await);
    mine.close().await.unwrap();
}

/// How many times the page has pulled the change feed.
async fn feed_pulls(browser: &fantoccini::Client) -> usize {
    let script = "return performance.getEntriesByType('resource').filter(e => new URL(e.name).pathname == '/api/changes').length;";
    let value = browser.execute(script, vec![]).await.unwrap();
    value.as_u64().unwrap() as usize
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_write_made_just_before_the_page_opened_makes_no_view_fetch_again() {
    let Some(stack) = start_stack().await else {
        return;
    };
    // Someone else added a client 5 s ago: inside the feed's overlap, before the page's views were fetched.
    let mut services = stack.services.clone();
    services.ids = Arc::new(Earlier::by(Duration::from_secs(5)));
    let ctx =
        studio_domain::Ctx::new(stack.demo().studio, services).with_origin(Some("their-browser"));
    let client = studio_wire::NewClient {
        name: "Just Before".into(),
        ..Default::default()
    };
    clients::create(&ctx, &client).await.unwrap();

    let browser = browser().await;
    browser
        .goto(&format!("{}/clients", stack.url))
        .await
        .unwrap();
    wait_text(&browser, "client-count", "5").await;
    // The first pull (at load) and the next (10 s later) bring the write; the one after proves both were handled.
    for pulls in [2, 3] {
        eventually(&format!("{pulls} pulls of the feed"), WAIT, || async {
            (feed_pulls(&browser).await >= pulls).then_some(())
        })
        .await;
    }
    let lists: Vec<String> = requests(&browser)
        .await
        .into_iter()
        .map(|(path, ..)| path)
        .filter(|path| path.starts_with("/api/clients?"))
        .collect();
    assert_eq!(
        lists,
        ["/api/clients?limit=200"],
        "the list was fetched once"
    );
    browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn switching_to_the_second_demo_studio_shows_only_its_clients() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let browser = browser().await;
    open_clients(&browser, &stack).await;
    let switch = browser.find(Locator::Id("studio-switch")).await.unwrap();
    switch.select_by_value("demo-2").await.unwrap();
    wait_text(&browser, "client-count", "1").await;
    let rows = shown(&browser, "#clients-table").await;
    assert!(
        rows.contains("Autre Studio Client") && !rows.contains("Léa Martin"),
        "{rows}"
    );
    browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_clients_search_finds_words_by_their_start_and_says_when_nothing_matches() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let browser = browser().await;
    open_clients(&browser, &stack).await;
    let search = browser.find(Locator::Id("client-search")).await.unwrap();
    search.send_keys("mar").await.unwrap();
    wait_text(&browser, "client-count", "2").await;
    let table = shown(&browser, "#clients-table").await;
    assert!(
        table.contains("Léa Martin") && table.contains("Marc Dubois"),
        "{table}"
    );

    fill(&browser, "#client-search", "artin").await;
    let said = shown(&browser, ".clients .empty").await;
    assert_eq!(said, "No client has a word starting like this.");
    browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_a_page_of_clients_show_more_loads_the_next_ones() {
    let Some(stack) = start_stack().await else {
        return;
    };
    // 4 demo clients + 200: a page (200) and 4 more.
    for i in 0..200 {
        let client = studio_wire::NewClient {
            name: format!("Zz Client {i:03}"),
            ..Default::default()
        };
        clients::create(&stack.demo(), &client).await.unwrap();
    }
    let browser = browser().await;
    browser
        .goto(&format!("{}/clients", stack.url))
        .await
        .unwrap();
    wait_text(&browser, "client-count", "200+").await;
    common::browser::click(&browser, Locator::Id("clients-more")).await;
    wait_text(&browser, "client-count", "204").await;
    let table = shown(&browser, "#clients-table").await;
    assert!(table.contains("Zz Client 199"), "the last client is listed");
    assert!(
        browser.find(Locator::Id("clients-more")).await.is_err(),
        "nothing more to show"
    );
    browser.close().await.unwrap();
}
