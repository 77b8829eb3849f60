//! Long lists: past the API's page (200), the equipment, projects, quotes and invoices pages show the first page
//! and a "Show more" button that brings the rest with the API's cursor; a change to an item past the first page
//! shows without a reload. (The clients page's own test, with its "200+" count, is in browser_e2e.)

mod common;

use common::{
    browser::{WAIT, browser, click, start_stack},
    eventually,
};
use fantoccini::{Client, Locator};
use studio_domain::{ListQuery, clients, equipment, invoices, projects, quotes};
use studio_wire::{NewEquipment, NewInvoice, NewProject, NewQuote};

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
        invoices::list(&ctx, &all).await.unwrap().items.len(),
    ];
    let mut last_item = String::new();
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
        quotes::create(&ctx, &quote).await.unwrap();
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
