//! Browser end-to-end tests: the real SPA (built by Trunk) in headless Chromium over WebDriver, against the
//! local stack on a free loopback port. Requests are counted with the browser's resource timing.

mod common;

use std::{path::PathBuf, sync::Arc, time::Duration};

use common::eventually;
use fantoccini::{Client, ClientBuilder, Locator, key::Key};
use serde_json::{Value, json};
use studio_chat::planner::Planner;
use studio_domain::{Ctx, Services, StudioId, clients};
use studio_store::EmbeddedStore;

const WAIT: Duration = Duration::from_secs(20);

struct Stack {
    url: String,
    services: Services,
    _dir: tempfile::TempDir,
}

/// The local stack (same router as `studio-local`) on a fresh store with the demo data.
async fn start_stack() -> Stack {
    let dist = PathBuf::from(std::env::var("STUDIO_DIST").expect(
        "STUDIO_DIST is not set: run the tests with `cargo xtask test`, which builds the SPA and starts chromedriver",
    ));
    assert!(
        dist.join("index.html").exists(),
        "{} holds no built SPA",
        dist.display()
    );
    let dir = tempfile::tempdir().unwrap();
    let services = Services::new(Arc::new(
        EmbeddedStore::open(&dir.path().join("e2e.redb")).unwrap(),
    ));
    studio_local::seed::seed(&services).await.unwrap();
    let router = studio_local::router(services.clone(), Arc::new(Planner), &dist);
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    Stack {
        url,
        services,
        _dir: dir,
    }
}

async fn browser() -> Client {
    let webdriver = std::env::var("STUDIO_TEST_WEBDRIVER")
        .expect("STUDIO_TEST_WEBDRIVER is not set: run the tests with `cargo xtask test`, which starts chromedriver");
    let profile = tempfile::tempdir().unwrap().keep();
    let args = [
        "--headless=new",
        "--no-sandbox",
        "--disable-gpu",
        "--disable-dev-shm-usage",
        "--disable-background-networking",
        "--disable-component-update",
        "--disable-sync",
        "--no-first-run",
        "--disable-quic",
        "--lang=fr-FR",
    ];
    let mut user_args: Vec<String> = args.iter().map(|a| (*a).to_owned()).collect();
    user_args.push(format!("--user-data-dir={}", profile.display()));
    let mut capabilities = serde_json::Map::new();
    capabilities.insert(
        "goog:chromeOptions".into(),
        json!({ "args": user_args, "binary": "/usr/bin/chromium" }),
    );
    ClientBuilder::rustls()
        .unwrap()
        .capabilities(capabilities)
        .connect(&webdriver)
        .await
        .expect("connect to chromedriver")
}

async fn text_of(browser: &Client, id: &str) -> Option<String> {
    browser.find(Locator::Id(id)).await.ok()?.text().await.ok()
}

/// Waits until the element `id` shows `expected`.
async fn wait_text(browser: &Client, id: &str, expected: &str) {
    eventually(&format!("#{id} to show {expected:?}"), WAIT, || async {
        (text_of(browser, id).await.as_deref() == Some(expected)).then_some(())
    })
    .await;
}

/// Every resource request the page made: (path and query, start, end) in ms since navigation.
async fn requests(browser: &Client) -> Vec<(String, f64, f64)> {
    let script = "return performance.getEntriesByType('resource').map(e => [new URL(e.name).pathname + new URL(e.name).search, e.startTime, e.responseEnd]);";
    let value = browser.execute(script, vec![]).await.unwrap();
    serde_json::from_value(value).unwrap()
}

async fn send_to_assistant(browser: &Client, message: &str) {
    if browser.find(Locator::Id("assistant-input")).await.is_err() {
        browser
            .find(Locator::Id("assistant-toggle"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    }
    let input = browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Id("assistant-input"))
        .await
        .unwrap();
    input.send_keys(message).await.unwrap();
    input.send_keys(&Key::Enter.to_string()).await.unwrap();
}

/// Waits for the n-th assistant reply and returns the time its response ended.
async fn chat_response_end(browser: &Client, n: usize) -> f64 {
    eventually("the assistant's reply", WAIT, || async {
        let replies = browser
            .find_all(Locator::Css(".assistant-reply"))
            .await
            .ok()?;
        (replies.len() >= n).then_some(())
    })
    .await;
    let chats: Vec<f64> = requests(browser)
        .await
        .into_iter()
        .filter(|(p, ..)| p == "/api/chat")
        .map(|(_, _, end)| end)
        .collect();
    assert_eq!(chats.len(), n, "one chat request per message");
    chats[n - 1]
}

async fn mark_page(browser: &Client) {
    browser
        .execute("window.__noReload = 'still here'; return null;", vec![])
        .await
        .unwrap();
}

async fn page_was_not_reloaded(browser: &Client) -> bool {
    browser
        .execute("return window.__noReload || null;", vec![])
        .await
        .unwrap()
        == json!("still here")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_assistant_creates_a_client_and_the_open_clients_page_shows_it_without_reload() {
    let stack = start_stack().await;
    let browser = browser().await;
    browser
        .goto(&format!("{}/clients", stack.url))
        .await
        .unwrap();
    wait_text(&browser, "client-count", "4").await;
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
    let rows = browser
        .find(Locator::Id("clients-table"))
        .await
        .unwrap()
        .text()
        .await
        .unwrap();
    assert!(
        rows.contains("Cache Test") && rows.contains("cache-test@example.com"),
        "{rows}"
    );
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
    browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn only_mounted_views_of_what_changed_refetch() {
    let stack = start_stack().await;
    let ctx = Ctx::new(
        StudioId::parse(studio_local::DEMO_STUDIO).unwrap(),
        stack.services.clone(),
    );
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

    // Léa is renamed: her open detail view updates, once, and so does the list behind the badge.
    send_to_assistant(&browser, "Renomme Léa Martin en Léa Dupont").await;
    let second_end = chat_response_end(&browser, 2).await;
    wait_text(&browser, "client-name", "Léa Dupont").await;
    let mut after_second: Vec<String> =
        eventually("the detail and the list to be re-fetched", WAIT, || async {
            let paths: Vec<String> = requests(&browser)
                .await
                .into_iter()
                .filter(|(_, s, _)| *s >= second_end)
                .map(|(p, ..)| p)
                .collect();
            (paths.len() >= 2).then_some(paths)
        })
        .await;
    after_second.sort();
    assert_eq!(after_second, [detail.as_str(), "/api/clients?limit=200"]);
    assert!(page_was_not_reloaded(&browser).await);
    browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_create_form_shows_field_errors_and_adds_the_client_through_the_same_store() {
    let stack = start_stack().await;
    let browser = browser().await;
    browser
        .goto(&format!("{}/clients", stack.url))
        .await
        .unwrap();
    wait_text(&browser, "client-count", "4").await;
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
    browser.close().await.unwrap();
}
