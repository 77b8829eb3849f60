//! Every page as a person sees it, in French and in English: at 1280, 1024 and 390 px wide the page never
//! scrolls sideways (a screenshot of each is left in `target/test-artifacts/pages/` to look at), and axe-core
//! finds no serious or critical accessibility violation.

mod common;

use common::{
    browser::{
        Stack, WAIT, artifacts, browser, click, mark_page, open_clients, page_was_not_reloaded,
        start_stack,
    },
    eventually,
};
use fantoccini::{Client, Locator};
use serde_json::Value;
use studio_domain::{ListQuery, clients, dashboard, equipment, invoices, projects, rooms};
use studio_wire::{InvoiceKind, InvoiceStatus, NewInvoice};

/// Every route, with an entity of the demo data for each detail page: (name, path).
async fn pages(stack: &Stack) -> Vec<(&'static str, String)> {
    let ctx = stack.demo();
    let all = ListQuery::default();
    let client = clients::list(&ctx, &all).await.unwrap().items.remove(0);
    let room = rooms::list(&ctx, &all).await.unwrap().items.remove(0);
    let gear = equipment::list(&ctx, &all).await.unwrap().items.remove(0);
    let session = dashboard::get(&ctx).await.unwrap().upcoming.remove(0);
    let project = projects::find(&ctx, "Lumières").await.unwrap().remove(0);
    let invoice = invoices::all(&ctx)
        .await
        .unwrap()
        .into_iter()
        .find(|i| i.status == InvoiceStatus::PartiallyPaid)
        .unwrap();
    vec![
        ("dashboard", "/".to_owned()),
        ("clients", "/clients".to_owned()),
        ("client", format!("/clients/{}", client.id)),
        ("calendar", "/calendar".to_owned()),
        ("sessions", "/sessions".to_owned()),
        ("session", format!("/sessions/{}", session.id)),
        ("rooms", "/rooms".to_owned()),
        ("room", format!("/rooms/{}", room.id)),
        ("equipment", "/equipment".to_owned()),
        ("equipment-item", format!("/equipment/{}", gear.id)),
        ("projects", "/projects".to_owned()),
        ("project", format!("/projects/{}", project.id)),
        ("quotes", "/quotes".to_owned()),
        ("invoices", "/invoices".to_owned()),
        ("invoice", format!("/invoices/{}", invoice.id)),
        ("settings", "/settings".to_owned()),
        ("activity", "/activity".to_owned()),
    ]
}

/// Opens `path` in `lang` and waits until the page has its heading and nothing is loading.
async fn open(browser: &Client, stack: &Stack, path: &str, lang: &str) {
    browser
        .goto(&format!("{}{path}?lang={lang}", stack.url))
        .await
        .unwrap();
    let ready = "return document.querySelector('main h1') !== null && document.querySelector('.loading') === null;";
    eventually(&format!("{path} to be shown"), WAIT, || async {
        (browser.execute(ready, vec![]).await.ok()? == Value::Bool(true)).then_some(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn no_page_scrolls_sideways_and_its_section_is_in_view_in_the_nav_at_desktop_tablet_or_phone_width()
 {
    let Some(stack) = start_stack().await else {
        return;
    };
    let pages = pages(&stack).await;
    let dir = artifacts().join("pages");
    std::fs::create_dir_all(&dir).unwrap();
    let browser = browser().await;
    let mut wider = Vec::new();
    for width in [1280u32, 1024, 390] {
        browser.set_window_size(width, 900).await.unwrap();
        for lang in ["fr", "en"] {
            for (name, path) in &pages {
                open(&browser, &stack, path, lang).await;
                let widths = browser
                    .execute(
                        "const d = document.documentElement; return [d.scrollWidth, d.clientWidth];",
                        vec![],
                    )
                    .await
                    .unwrap();
                let (page, window): (u64, u64) = serde_json::from_value(widths).unwrap();
                if page > window {
                    wider.push(format!("{name} ({lang}, {width} px): {page} px wide"));
                }
                // The section on screen is in view in the navigation (a phone's row of sections scrolls).
                let in_view = "const row = document.querySelector('.nav-links');
                    const a = row.querySelector('a[aria-current=page]');
                    if (!a) return true;
                    const r = a.getBoundingClientRect(), v = row.getBoundingClientRect(); // within a pixel: widths are fractional
                    return r.left >= v.left - 1 && r.right <= v.right + 1;";
                // The row is scrolled once rendered, again once the clients' count widens it: polled until
                // a deadline (once, it was read between the two on the last section).
                let deadline = std::time::Instant::now() + std::time::Duration::from_secs(5);
                while browser.execute(in_view, vec![]).await.unwrap() != Value::Bool(true) {
                    if std::time::Instant::now() > deadline {
                        wider.push(format!(
                            "{name} ({lang}, {width} px): its section is out of view in the nav"
                        ));
                        break;
                    }
                }
                let png = browser.screenshot().await.unwrap();
                std::fs::write(dir.join(format!("{name}-{lang}-{width}.png")), png).unwrap();
            }
        }
    }
    browser.close().await.unwrap();
    assert!(wider.is_empty(), "pages wider than the window: {wider:#?}");
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_missing_entitys_page_says_so_once() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let browser = browser().await;
    let settled = "return document.querySelector('main .error') !== null && document.querySelector('.loading') === null;";
    let said = "return [...document.querySelectorAll('main .error')].map(e => e.textContent);";
    for path in [
        "/clients/nope",
        "/sessions/nope",
        "/rooms/nope",
        "/equipment/nope",
        "/projects/nope",
        "/invoices/nope",
    ] {
        for lang in ["fr", "en"] {
            browser
                .goto(&format!("{}{path}?lang={lang}", stack.url))
                .await
                .unwrap();
            eventually(&format!("{path} to say it is missing"), WAIT, || async {
                (browser.execute(settled, vec![]).await.ok()? == Value::Bool(true)).then_some(())
            })
            .await;
            let errors: Vec<String> =
                serde_json::from_value(browser.execute(said, vec![]).await.unwrap()).unwrap();
            assert_eq!(errors.len(), 1, "{path} ({lang}): {errors:?}");
            let history = browser
                .execute(
                    "return document.querySelector('section.history') !== null;",
                    vec![],
                )
                .await
                .unwrap();
            assert_eq!(
                history,
                Value::Bool(false),
                "{path} ({lang}): a history is shown"
            );
            let headings = browser
                .execute(
                    "return document.querySelectorAll('main h2').length;",
                    vec![],
                )
                .await
                .unwrap();
            assert_eq!(
                headings,
                Value::from(0),
                "{path} ({lang}): sections are shown"
            );
        }
    }
    browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_history_words_its_values_as_the_rest_of_the_interface_does() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let ctx = stack.demo();
    let credit = invoices::all(&ctx)
        .await
        .unwrap()
        .into_iter()
        .find(|i| i.kind == InvoiceKind::CreditNote)
        .unwrap();
    let line = &credit.lines[0];
    let browser = browser().await;
    // The creation's rows (field, value), spaces as typed.
    let rows = "const entries = [...document.querySelectorAll('section.history .activity-entry')];
        const created = entries[entries.length - 1];
        return created ? [...created.querySelectorAll('tr')].map(r =>
            [r.querySelector('th').textContent, r.lastElementChild.textContent.replace(/[\\u00a0\\u202f]/g, ' ')]) : [];";
    for (lang, kind, paid, status, hidden, order) in [
        (
            "fr",
            "Avoir",
            "0,00 €",
            "Émise",
            ["credit", "totaux", "en retard"],
            [
                "numéro",
                "type",
                "statut",
                "date d'émission",
                "lignes",
                "payé",
            ],
        ),
        (
            "en",
            "Credit note",
            "€0.00",
            "Issued",
            ["credit", "totals", "overdue"],
            ["number", "type", "status", "issue date", "lines", "paid"],
        ),
    ] {
        browser
            .goto(&format!("{}/invoices/{}?lang={lang}", stack.url, credit.id))
            .await
            .unwrap();
        let shown: Vec<(String, String)> =
            eventually("the credit note's history", WAIT, || async {
                let rows: Vec<(String, String)> =
                    serde_json::from_value(browser.execute(rows, vec![]).await.ok()?).ok()?;
                (!rows.is_empty()).then_some(rows)
            })
            .await;
        let value = |labels: [&str; 2]| {
            shown
                .iter()
                .find(|(field, _)| labels.contains(&field.as_str()))
                .map(|(_, value)| value.clone())
                .unwrap_or_else(|| panic!("no {labels:?} in {shown:?}"))
        };
        assert_eq!(value(["type", "type"]), kind, "{lang}");
        assert_eq!(value(["payé", "paid"]), paid, "{lang}");
        assert_eq!(value(["statut", "status"]), status, "{lang}");
        // A day in words ("27 nov. 2026"), not as stored.
        let issued = credit.issued_on.unwrap();
        let day = value(["date d'émission", "issue date"]);
        assert!(
            day != studio_wire::day::format(issued) && day.contains(&issued.year().to_string()),
            "{lang}: {day}"
        );
        // A line as the invoice lists it, not its JSON.
        let lines = value(["lignes", "lines"]);
        assert!(
            lines.starts_with(&format!(
                "{} × {} — ",
                line.description,
                line.quantity.text()
            )) && lines.contains(if lang == "fr" { "180,00" } else { "180.00" }),
            "{lang}: {lines}"
        );
        for field in hidden {
            assert!(
                shown.iter().all(|(f, _)| f != field),
                "{lang}: {field} is shown: {shown:?}"
            );
        }
        // What names it first, then its kind, status and dates; the rest by name.
        let fields: Vec<&str> = shown.iter().map(|(f, _)| f.as_str()).collect();
        assert_eq!(fields, order, "{lang}");
    }
    browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_link_opens_its_page_without_a_reload_marked_current_in_the_nav_and_the_tab_title_and_a_click_with_a_modifier_is_left_to_the_browser()
 {
    let Some(stack) = start_stack().await else {
        return;
    };
    let ctx = stack.demo();
    let lea = clients::find(&ctx, "Léa Martin").await.unwrap().remove(0);
    let browser = browser().await;
    open_clients(&browser, &stack).await;
    mark_page(&browser).await;
    let path = "return location.pathname;";
    let at = |expected: String| {
        let browser = &browser;
        async move {
            eventually(&format!("{expected} to be open"), WAIT, || async {
                let heading = browser.execute("const h = document.querySelector('main h1'); return h ? h.textContent : '';", vec![]).await.ok()?;
                let here = browser.execute(path, vec![]).await.ok()?;
                (here == expected.as_str() && heading != "").then_some(())
            })
            .await;
        }
    };
    // A client's name in the list, then the way back, then the navigation's own link.
    click(
        &browser,
        Locator::Css(&format!("main a[href=\"/clients/{}\"]", lea.id)),
    )
    .await;
    at(format!("/clients/{}", lea.id)).await;
    // The navigation marks the section on screen as the current page, a client's page included.
    let current = "return [...document.querySelectorAll('nav a[aria-current=page]')].map(a => a.getAttribute('href'));";
    let marked = |expected: &'static str| {
        let browser = &browser;
        async move {
            eventually(&format!("{expected} marked current"), WAIT, || async {
                let marked = browser.execute(current, vec![]).await.ok()?;
                (marked == serde_json::json!([expected])).then_some(())
            })
            .await;
        }
    };
    marked("/clients").await;
    click(&browser, Locator::Css("main a[href=\"/clients\"]")).await;
    at("/clients".to_owned()).await;
    click(&browser, Locator::Css("nav a[href=\"/rooms\"]")).await;
    at("/rooms".to_owned()).await;
    marked("/rooms").await;
    // The tab's title names the section, then the studio.
    let titled = "const link = document.querySelector('nav a[href=\"/rooms\"]').textContent.trim();
        const studio = document.querySelector('nav .brand').textContent.trim();
        return [document.title, link + ' — ' + studio];";
    eventually("the tab to be titled with the section", WAIT, || async {
        let said = browser.execute(titled, vec![]).await.ok()?;
        (said[0] == said[1] && said[0].as_str()?.len() > 5).then_some(())
    })
    .await;
    assert!(
        page_was_not_reloaded(&browser).await,
        "a link reloaded the page"
    );
    // With Ctrl, Shift, Alt or Meta held (a new tab, a new window, a download) or with another button, the click
    // is the browser's: nothing prevents it. (Seen by a listener on the window, after the app's, which then
    // keeps the browser from following it.)
    let prevented = "const a = document.querySelector('nav a[href=\"/clients\"]');
        let prevented = null;
        const seen = e => { prevented = e.defaultPrevented; e.preventDefault(); };
        window.addEventListener('click', seen);
        a.dispatchEvent(new MouseEvent('click', Object.assign({ bubbles: true, cancelable: true }, arguments[0])));
        window.removeEventListener('click', seen);
        return prevented;";
    for modifier in ["ctrlKey", "shiftKey", "altKey", "metaKey"] {
        let options = serde_json::json!({ modifier: true });
        assert_eq!(
            browser.execute(prevented, vec![options]).await.unwrap(),
            Value::Bool(false),
            "{modifier}"
        );
    }
    assert_eq!(
        browser.execute(path, vec![]).await.unwrap(),
        Value::from("/rooms")
    );
    // The same click without a modifier is the app's.
    assert_eq!(
        browser
            .execute(prevented, vec![serde_json::json!({})])
            .await
            .unwrap(),
        Value::Bool(true)
    );
    at("/clients".to_owned()).await;
    assert!(
        page_was_not_reloaded(&browser).await,
        "a link reloaded the page"
    );
    browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_address_that_names_nothing_shows_the_way_home() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let browser = browser().await;
    let shown = "const h = document.querySelector('main h1'), a = document.querySelector('main a[href=\"/\"]');
        return h && a ? [h.textContent, a.textContent] : null;";
    for (lang, title, home) in [
        ("fr", "Cette page n'existe pas.", "Accueil"),
        ("en", "This page does not exist.", "Home"),
    ] {
        browser
            .goto(&format!("{}/nowhere/at/all?lang={lang}", stack.url))
            .await
            .unwrap();
        let words: (String, String) = eventually("the page that names nothing", WAIT, || async {
            serde_json::from_value(browser.execute(shown, vec![]).await.ok()?).ok()
        })
        .await;
        assert_eq!(words, (title.to_owned(), home.to_owned()), "{lang}");
    }
    browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_invoice_names_its_project_with_a_link_to_it() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let ctx = stack.demo();
    let project = projects::find(&ctx, "Lumières").await.unwrap().remove(0);
    let (invoice, _) = invoices::create(
        &ctx,
        &NewInvoice {
            client_id: project.client_id.clone(),
            project_id: Some(project.id.clone()),
            ..NewInvoice::default()
        },
    )
    .await
    .unwrap();
    let browser = browser().await;
    browser
        .goto(&format!("{}/invoices/{}?lang=fr", stack.url, invoice.id))
        .await
        .unwrap();
    let named = format!(
        "const a = document.querySelector('dl.fields a[href=\"/projects/{}\"]');
        return a ? [a.parentElement.previousElementSibling.textContent, a.textContent] : ['', ''];",
        project.id
    );
    let expected = Value::from(vec!["Projet", project.name.as_str()]);
    eventually("the invoice's project named", WAIT, || async {
        (browser.execute(&named, vec![]).await.ok()? == expected).then_some(())
    })
    .await;
    browser.close().await.unwrap();
}

/// axe-core's serious and critical violations on the page as it is now, each with where it is.
async fn violations(browser: &Client, axe: &str) -> Vec<String> {
    browser
        .execute(&format!("{axe}\nreturn true;"), vec![])
        .await
        .unwrap();
    let run = "const done = arguments[arguments.length - 1];
        axe.run(document, { resultTypes: ['violations'] }).then(r => done(r.violations
            .filter(v => v.impact === 'serious' || v.impact === 'critical')
            .map(v => v.id + ' (' + v.impact + '): ' + v.nodes.slice(0, 3).map(n => n.target.join(' ')).join(' | '))));";
    let violations = browser.execute_async(run, vec![]).await.unwrap();
    serde_json::from_value(violations).unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn axe_finds_no_serious_or_critical_violation_on_any_page_or_open_form() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let axe = std::env::var("STUDIO_TEST_AXE").expect(
        "STUDIO_TEST_AXE is not set: run the tests with `cargo xtask test`, which installs axe-core",
    );
    let axe = std::fs::read_to_string(&axe).unwrap_or_else(|e| panic!("{axe}: {e}"));
    let pages = pages(&stack).await;
    let project = pages
        .iter()
        .find(|(name, _)| *name == "project")
        .unwrap()
        .1
        .clone();
    // The forms, each opened by its button on its page.
    let forms = [
        ("client form", "/clients".to_owned(), "new-client"),
        ("room form", "/rooms".to_owned(), "new-room"),
        ("equipment form", "/equipment".to_owned(), "new-equipment"),
        ("invoice form", "/invoices".to_owned(), "new-invoice"),
        ("quote form", "/quotes".to_owned(), "new-quote"),
        ("project form", "/projects".to_owned(), "new-project"),
        ("project editor", project, "edit-project"),
    ];
    let browser = browser().await;
    let mut found = Vec::new();
    for lang in ["fr", "en"] {
        for (name, path) in &pages {
            open(&browser, &stack, path, lang).await;
            let said = violations(&browser, &axe).await;
            found.extend(said.into_iter().map(|v| format!("{name} ({lang}): {v}")));
        }
        for (name, path, button) in &forms {
            open(&browser, &stack, path, lang).await;
            click(&browser, Locator::Id(button)).await;
            browser
                .wait()
                .at_most(WAIT)
                .for_element(Locator::Css("main form.entity-form"))
                .await
                .unwrap();
            let said = violations(&browser, &axe).await;
            found.extend(said.into_iter().map(|v| format!("{name} ({lang}): {v}")));
        }
    }
    browser.close().await.unwrap();
    assert!(found.is_empty(), "axe-core: {found:#?}");
}
