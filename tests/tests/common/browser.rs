//! Browser helpers: the local stack on a free port, headless Chromium over WebDriver, waits that poll with a
//! deadline, and request counting with the browser's resource timing.

use std::{
    path::PathBuf,
    sync::{
        Arc, Mutex,
        atomic::{AtomicU64, Ordering},
    },
    time::{Duration, SystemTime, UNIX_EPOCH},
};

use super::eventually;
use fantoccini::{Client, ClientBuilder, Locator, key::Key};
use serde_json::json;
use studio_chat::planner::Planner;
use studio_domain::Services;
use studio_store::EmbeddedStore;

pub const WAIT: Duration = Duration::from_secs(20);

pub struct Stack {
    pub url: String,
    pub services: Services,
    /// The Content-Security-Policy violations the browser reported (`report-uri /api/csp-report`).
    csp_reports: Arc<Mutex<Vec<String>>>,
    _dir: tempfile::TempDir,
}

/// Every browser test runs under the production CSP: one that the browser reported a violation of fails when its
/// stack goes (unless it already failed).
impl Drop for Stack {
    fn drop(&mut self) {
        let reports = self.csp_reports.lock().unwrap();
        if !reports.is_empty() && !std::thread::panicking() {
            panic!("the page broke its Content-Security-Policy: {reports:#?}");
        }
    }
}

/// Keeps the body of each CSP report, then lets the API's own handler answer it.
async fn record_csp_report(
    axum::extract::State(reports): axum::extract::State<Arc<Mutex<Vec<String>>>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    if request.uri().path() != "/api/csp-report" {
        return next.run(request).await;
    }
    let (parts, body) = request.into_parts();
    let bytes = axum::body::to_bytes(body, 64 * 1024)
        .await
        .unwrap_or_default();
    reports
        .lock()
        .unwrap()
        .push(String::from_utf8_lossy(&bytes).into_owned());
    next.run(axum::extract::Request::from_parts(parts, bytes.into()))
        .await
}

impl Stack {
    /// The CSP reports received so far, which the stack then forgets.
    pub fn take_csp_reports(&self) -> Vec<String> {
        std::mem::take(&mut *self.csp_reports.lock().unwrap())
    }

    /// The newest record of the demo studio's history: who made the last write, through what, and what.
    pub async fn last_write(&self) -> studio_wire::Activity {
        let query = studio_domain::history::ActivityQuery {
            limit: Some(1),
            ..Default::default()
        };
        let page = studio_domain::history::list(&self.demo(), &query)
            .await
            .unwrap();
        page.items.into_iter().next().expect("a write was recorded")
    }

    /// The demo studio, to read and write its data directly.
    pub fn demo(&self) -> studio_domain::Ctx {
        studio_domain::Ctx::new(
            studio_domain::StudioId::parse(studio_local::DEMO_STUDIO).unwrap(),
            self.services.clone(),
        )
    }
}

/// Clicks the button reading `label`, once there is one.
pub async fn click_button(browser: &Client, label: &str) {
    button(browser, label).await.click().await.unwrap();
}

/// The button reading `label`, once there is one.
pub async fn button(browser: &Client, label: &str) -> fantoccini::elements::Element {
    let xpath = format!("//button[normalize-space()='{label}']");
    browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(&xpath))
        .await
        .unwrap()
}

/// Whether a WebDriver server was given (`cargo xtask test` starts chromedriver and sets it); without one
/// the browser cases are skipped, and say so.
pub fn webdriver() -> Option<String> {
    static SAID: std::sync::Once = std::sync::Once::new();
    let url = std::env::var("STUDIO_TEST_WEBDRIVER").ok();
    if url.is_none() {
        super::skipping(
            &SAID,
            "the browser cases, since STUDIO_TEST_WEBDRIVER is not set (`cargo xtask test` builds the SPA, starts chromedriver and sets it)",
        );
    }
    url
}

/// The local stack (same router as `studio-local`) on a fresh store with the demo data; `None` when no
/// browser can be driven.
pub async fn start_stack() -> Option<Stack> {
    start_stack_with_config(None).await
}

/// The SPA's runtime config served instead of the local stack's, when given.
async fn serve_config(
    axum::extract::State(config): axum::extract::State<Arc<Option<serde_json::Value>>>,
    request: axum::extract::Request,
    next: axum::middleware::Next,
) -> axum::response::Response {
    match &*config {
        Some(config) if request.uri().path() == "/config.json" => {
            axum::response::IntoResponse::into_response(axum::Json(config.clone()))
        }
        _ => next.run(request).await,
    }
}

/// The stack, its SPA told `config` as its runtime config (`/config.json`) instead of the local dev identity.
pub async fn start_stack_with_config(config: Option<serde_json::Value>) -> Option<Stack> {
    webdriver()?;
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
    // The demo was there before the page opened, as a real studio's data is: its writes are dated a minute back,
    // so that the change feed's first pull finds none of them fresh (see the SPA's `store/feed.rs`) however
    // quickly the page opens after the seeding.
    let mut seeding = services.clone();
    seeding.ids = Arc::new(Earlier::by(Duration::from_secs(60)));
    studio_local::seed::seed(&seeding).await.unwrap();
    let csp_reports = Arc::new(Mutex::new(Vec::new()));
    let router = studio_local::router(services.clone(), Arc::new(Planner), &dist)
        .layer(axum::middleware::from_fn_with_state(
            csp_reports.clone(),
            record_csp_report,
        ))
        .layer(axum::middleware::from_fn_with_state(
            Arc::new(config),
            serve_config,
        ));
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await.unwrap();
    let url = format!("http://{}", listener.local_addr().unwrap());
    tokio::spawn(async move { axum::serve(listener, router).await.unwrap() });
    Some(Stack {
        url,
        services,
        csp_reports,
        _dir: dir,
    })
}

/// Ids (and so change ids) made a while before now: writes dated that long ago.
pub struct Earlier(Duration, AtomicU64);

impl Earlier {
    pub fn by(back: Duration) -> Self {
        Self(back, AtomicU64::new(0))
    }
}

impl studio_domain::IdGen for Earlier {
    fn new_id(&self) -> String {
        let now = SystemTime::now().duration_since(UNIX_EPOCH).unwrap();
        let made = (now - self.0).as_millis() as u64;
        ulid::Ulid::from_parts(made, u128::from(self.1.fetch_add(1, Ordering::Relaxed))).to_string()
    }
}

pub async fn browser() -> Client {
    let webdriver = webdriver().expect("start_stack checks for a WebDriver server first");
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

/// Waits for the element `locator` finds, then clicks it.
pub async fn click(browser: &Client, locator: Locator<'_>) {
    browser
        .wait()
        .at_most(WAIT)
        .for_element(locator)
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
}

/// `target/test-artifacts/` (created): what the tests leave for a person to look at.
pub fn artifacts() -> PathBuf {
    let dir = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../target/test-artifacts");
    std::fs::create_dir_all(&dir).unwrap();
    dir
}

/// The text of the element `css` finds, once there is one.
pub async fn shown(browser: &Client, css: &str) -> String {
    text_at(browser, Locator::Css(css)).await
}

/// The text of the element `locator` finds, once there is one.
pub async fn text_at(browser: &Client, locator: Locator<'_>) -> String {
    browser
        .wait()
        .at_most(WAIT)
        .for_element(locator)
        .await
        .unwrap()
        .text()
        .await
        .unwrap()
}

pub async fn text_of(browser: &Client, id: &str) -> Option<String> {
    browser.find(Locator::Id(id)).await.ok()?.text().await.ok()
}

/// Opens the Clients page of `stack` and waits for the demo studio's four clients.
pub async fn open_clients(browser: &Client, stack: &Stack) {
    browser
        .goto(&format!("{}/clients", stack.url))
        .await
        .unwrap();
    wait_text(browser, "client-count", "4").await;
}

/// Waits until the element `id` shows `expected`.
pub async fn wait_text(browser: &Client, id: &str, expected: &str) {
    let seen = std::sync::Mutex::new(None);
    let shown = super::within(WAIT, || async {
        let text = text_of(browser, id).await;
        let matches = text.as_deref() == Some(expected);
        *seen.lock().unwrap() = text;
        matches.then_some(())
    })
    .await;
    assert!(
        shown.is_some(),
        "timed out waiting for #{id} to show {expected:?}; it showed {:?}",
        seen.lock().unwrap()
    );
}

/// Every request the page made for data: (path and query, start, end) in ms since navigation. The change
/// feed's periodic polls are left out: they are not views fetching what they show.
pub async fn requests(browser: &Client) -> Vec<(String, f64, f64)> {
    let script = "return performance.getEntriesByType('resource').map(e => [new URL(e.name).pathname + new URL(e.name).search, e.startTime, e.responseEnd]);";
    let value = browser.execute(script, vec![]).await.unwrap();
    let all: Vec<(String, f64, f64)> = serde_json::from_value(value).unwrap();
    all.into_iter()
        .filter(|(path, ..)| !path.starts_with("/api/changes"))
        .collect()
}

/// The data requests that started at or after `since`, sorted, once there are at least `expected` of them.
pub async fn requests_since(browser: &Client, since: f64, expected: usize) -> Vec<String> {
    let mut paths = eventually(&format!("{expected} requests"), WAIT, || async {
        let paths: Vec<String> = requests(browser)
            .await
            .into_iter()
            .filter(|(_, start, _)| *start >= since)
            .map(|(path, ..)| path)
            .collect();
        (paths.len() >= expected).then_some(paths)
    })
    .await;
    paths.sort();
    paths
}

/// Opens the assistant panel, unless it is open.
pub async fn open_assistant(browser: &Client) {
    if browser.find(Locator::Id("assistant-input")).await.is_err() {
        browser
            .find(Locator::Id("assistant-toggle"))
            .await
            .unwrap()
            .click()
            .await
            .unwrap();
    }
}

/// Replaces the text of the input `css` finds with `text`.
/// Replaces the text of the field `css` finds as a person would: emptied with the `input` event a person's
/// deletion fires, in one step (WebDriver's clear fires none: the form would not know, and a render before the
/// typing would put the old text back), then typed.
pub async fn fill(browser: &Client, css: &str, text: &str) {
    let element = browser.find(Locator::Css(css)).await.unwrap();
    let emptied = "arguments[0].value = ''; arguments[0].dispatchEvent(new Event('input', { bubbles: true }))";
    let argument = serde_json::to_value(&element).unwrap();
    browser.execute(emptied, vec![argument]).await.unwrap();
    element.send_keys(text).await.unwrap();
}

pub async fn send_to_assistant(browser: &Client, message: &str) {
    open_assistant(browser).await;
    let input = browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Id("assistant-input"))
        .await
        .unwrap();
    input.send_keys(message).await.unwrap();
    input.send_keys(&Key::Enter.to_string()).await.unwrap();
}

/// Clicks Confirm on the assistant's proposal card and returns the time the confirmation's response ended.
pub async fn confirm_proposal(browser: &Client) -> f64 {
    click(browser, Locator::Css(".proposal-buttons .danger")).await;
    eventually("the confirmation's response", WAIT, || async {
        requests(browser)
            .await
            .into_iter()
            .filter(|(path, ..)| path.ends_with("/confirm"))
            .map(|(_, _, end)| end)
            .find(|end| *end > 0.0)
    })
    .await
}

/// Waits for the n-th assistant reply and returns the time its response ended.
pub async fn chat_response_end(browser: &Client, n: usize) -> f64 {
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

pub async fn mark_page(browser: &Client) {
    browser
        .execute("window.__noReload = 'still here'; return null;", vec![])
        .await
        .unwrap();
}

pub async fn page_was_not_reloaded(browser: &Client) -> bool {
    browser
        .execute("return window.__noReload || null;", vec![])
        .await
        .unwrap()
        == json!("still here")
}
