//! Long lists: past the API's page (200), the equipment, projects, quotes and invoices pages show the first page
//! (quotes and invoices from their newest) and a "Show more" button that brings the rest with the API's cursor;
//! a change to an item past the first page shows without a reload. A client past the first page can be chosen in
//! a form (by searching) and is named wherever something of theirs is listed. (The clients page's own test, with
//! its "200+" count, is in browser_e2e.)

mod common;

use common::{
    browser::{WAIT, browser, click, start_stack},
    eventually,
};
use fantoccini::{Client, Locator};
use studio_domain::{ListQuery, clients, equipment, invoices, projects, quotes};
use studio_wire::{NewClient, NewEquipment, NewInvoice, NewProject, NewQuote};

/// How many rows `css` finds, once it finds `expected`.
async fn rows(browser: &Client, css: &str, expected: usize) {
    eventually(&format!("{expected} × {css}"), WAIT, || async {
        let found = browser.find_all(Locator::Css(css)).await.ok()?.len();
        (found == expected).then_some(())
    })
    .await;
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn past_a_page_each_list_shows_more() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let ctx = stack.demo();
    let all = ListQuery::default();
    let client = clients::list(&ctx, &all).await.unwrap().items.remove(0);
    // The demo's own items, then 200 more of each: a page of 200 and the rest.
    let demo = [
        equipment::list(&ctx, &all).await.unwrap().items.len(),
        projects::list(&ctx, &all).await.unwrap().items.len(),
        quotes::list(&ctx, &all).await.unwrap().items.len(),
        invoices::list(&ctx, &Default::default())
            .await
            .unwrap()
            .items
            .len(),
    ];
    let mut last_item = String::new();
    let mut last_quote = String::new();
    for i in 0..200 {
        let name = format!("Zz {i:03}");
        let item = NewEquipment {
            name: name.clone(),
            category: "Micro".into(),
            ..Default::default()
        };
        last_item = equipment::create(&ctx, &item).await.unwrap().0.id;
        let project = NewProject {
            client_id: client.id.clone(),
            name,
            ..Default::default()
        };
        projects::create(&ctx, &project).await.unwrap();
        let quote = NewQuote {
            client_id: client.id.clone(),
            ..Default::default()
        };
        last_quote = quotes::create(&ctx, &quote).await.unwrap().0.number;
        let invoice = NewInvoice {
            client_id: client.id.clone(),
            ..Default::default()
        };
        invoices::create(&ctx, &invoice).await.unwrap();
    }

    let browser = browser().await;
    let lists = [
        ("equipment", ".equipment-row"),
        ("projects", ".project-row"),
        ("quotes", ".quote-row"),
        ("invoices", ".invoice-row"),
    ];
    for ((page, row), demo) in lists.into_iter().zip(demo) {
        browser
            .goto(&format!("{}/{page}", stack.url))
            .await
            .unwrap();
        rows(&browser, row, 200).await;
        click(&browser, Locator::Id(&format!("{page}-more"))).await;
        rows(&browser, row, 200 + demo).await;
        assert!(
            browser
                .find(Locator::Id(&format!("{page}-more")))
                .await
                .is_err(),
            "{page}: nothing more to show"
        );
    }

    // Quotes and invoices read from their newest: the latest quote heads the first page.
    browser
        .goto(&format!("{}/quotes", stack.url))
        .await
        .unwrap();
    let first_row = common::browser::shown(&browser, ".quote-row").await;
    assert!(
        first_row.contains(&last_quote),
        "{first_row} (newest: {last_quote})"
    );

    // A change to an item past the first page shows there: the pages shown are read again, not only the first.
    browser
        .goto(&format!("{}/equipment", stack.url))
        .await
        .unwrap();
    click(&browser, Locator::Id("equipment-more")).await;
    let row = format!("#equipment-{last_item}");
    let select = browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(&format!("{row} .status-select")))
        .await
        .unwrap();
    select.select_by_value("maintenance").await.unwrap();
    browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(&format!("{row} .status-maintenance")))
        .await
        .unwrap();
    browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_client_past_the_first_page_is_chosen_by_searching_and_named_in_lists() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let ctx = stack.demo();
    // The demo's clients, then 200 more: the newest is past the first page of the list.
    let mut last = None;
    for i in 0..200 {
        let client = NewClient {
            name: format!("Zz Client {i:03}"),
            ..Default::default()
        };
        last = Some(clients::create(&ctx, &client).await.unwrap().0);
    }
    let last = last.unwrap();
    let first_page = clients::list(&ctx, &ListQuery::default()).await.unwrap();
    assert!(first_page.items.iter().all(|c| c.id != last.id));

    let browser = browser().await;
    browser
        .goto(&format!("{}/projects", stack.url))
        .await
        .unwrap();
    click(&browser, Locator::Id("new-project")).await;
    let search = browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(".project-form .picker-search"))
        .await
        .unwrap();
    search.send_keys("Zz Client 199").await.unwrap();
    // Offered: "Choose…" and what the search finds, nothing else.
    eventually("only the searched client to be offered", WAIT, || async {
        let options = browser
            .find_all(Locator::Css(".project-form select[name=client_id] option"))
            .await
            .ok()?;
        (options.len() == 2).then_some(())
    })
    .await;
    let choice = browser
        .find(Locator::Css(".project-form select[name=client_id]"))
        .await
        .unwrap();
    choice.select_by_value(&last.id).await.unwrap();
    browser
        .find(Locator::Css(".project-form input[name=name]"))
        .await
        .unwrap()
        .send_keys("Far Album")
        .await
        .unwrap();
    click(&browser, Locator::Css(".project-form button[type=submit]")).await;

    // Its page names the client, and so does the projects list.
    eventually("the project's page to name its client", WAIT, || async {
        let page = browser
            .find(Locator::Css(".fields"))
            .await
            .ok()?
            .text()
            .await
            .ok()?;
        page.contains("Zz Client 199").then_some(())
    })
    .await;
    browser
        .goto(&format!("{}/projects", stack.url))
        .await
        .unwrap();
    eventually("the projects list to name the client", WAIT, || async {
        let rows = browser
            .find(Locator::Css(".projects-table"))
            .await
            .ok()?
            .text()
            .await
            .ok()?;
        rows.contains("Far Album").then_some(())?;
        rows.contains("Zz Client 199").then_some(())
    })
    .await;
    browser.close().await.unwrap();
}
