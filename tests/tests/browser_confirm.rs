//! Confirmation in the browser: the assistant's deletion is a card with its preview and nothing is deleted;
//! Confirm (even double-clicked) deletes once and the open list updates without a reload; Dismiss does nothing;
//! the cards survive a reload and still work.

mod common;

use common::{
    browser::{
        WAIT, browser, mark_page, open_clients, page_was_not_reloaded, send_to_assistant, shown,
        start_stack, text_of, wait_text,
    },
    eventually,
};
use fantoccini::{Client, Locator};
use studio_domain::{
    clients,
    history::{self, ActivityQuery},
};
use studio_wire::NewClient;

async fn add_client(ctx: &studio_domain::Ctx, name: &str) -> String {
    let input = NewClient {
        name: name.into(),
        ..NewClient::default()
    };
    clients::create(ctx, &input).await.unwrap().0.id
}

/// The button `label` of the proposal card mentioning `name`.
async fn card_button(browser: &Client, name: &str, label: &str) -> fantoccini::elements::Element {
    let xpath = format!(
        "//div[contains(@class,'proposal')][contains(., '{name}')]//button[normalize-space()='{label}']"
    );
    browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(&xpath))
        .await
        .unwrap()
}

async fn deletions_of(ctx: &studio_domain::Ctx, id: &str) -> usize {
    let query = ActivityQuery {
        resource: Some("clients".into()),
        id: Some(id.into()),
        ..ActivityQuery::default()
    };
    let page = history::list(ctx, &query).await.unwrap();
    page.items
        .iter()
        .filter(|a| {
            a.entries
                .iter()
                .any(|e| e.op == studio_wire::EntryOp::Deleted)
        })
        .count()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_proposed_deletion_waits_for_confirm_and_a_double_click_deletes_once() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let ctx = stack.demo();
    let id = add_client(&ctx, "Cache Test").await;
    let browser = browser().await;
    browser
        .goto(&format!("{}/clients?lang=fr", stack.url))
        .await
        .unwrap();
    wait_text(&browser, "client-count", "5").await;
    mark_page(&browser).await;

    send_to_assistant(&browser, "Supprime le client Cache Test").await;
    let card = shown(&browser, ".proposal").await;
    assert!(
        card.contains("À confirmer :")
            && card.contains("Supprimer le client")
            && card.contains("Cache Test"),
        "{card}"
    );
    assert!(
        card.contains("suppression"),
        "the preview says what happens to it: {card}"
    );
    assert_eq!(
        text_of(&browser, "client-count").await.as_deref(),
        Some("5"),
        "nothing is deleted before a confirmation"
    );
    assert!(
        shown(&browser, "#clients-table")
            .await
            .contains("Cache Test")
    );
    assert_eq!(clients::find(&ctx, "Cache Test").await.unwrap().len(), 1);

    // A double click: two clicks before the panel re-renders, so two requests reach the server.
    card_button(&browser, "Cache Test", "Confirmer").await;
    browser
        .execute("const b = document.querySelector('.proposal-buttons .danger'); b.click(); b.click(); return null;", vec![])
        .await
        .unwrap();
    wait_text(&browser, "client-count", "4").await;
    assert!(
        !shown(&browser, "#clients-table")
            .await
            .contains("Cache Test")
    );
    assert!(
        page_was_not_reloaded(&browser).await,
        "the page was reloaded"
    );
    let confirms = eventually("both confirmations answered", WAIT, || async {
        let done = common::browser::requests(&browser)
            .await
            .into_iter()
            .filter(|(p, _, end)| p.ends_with("/confirm") && *end > 0.0)
            .count();
        (done == 2).then_some(done)
    })
    .await;
    assert_eq!(confirms, 2);
    assert_eq!(
        deletions_of(&ctx, &id).await,
        1,
        "executed once, one history entry"
    );
    assert!(
        shown(&browser, ".proposal-state")
            .await
            .contains("Confirmé")
    );
    browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_conversation_and_its_proposals_survive_a_reload_and_dismiss_does_nothing() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let ctx = stack.demo();
    add_client(&ctx, "Temp Client").await;
    add_client(&ctx, "Other Temp").await;
    let browser = browser().await;
    browser
        .goto(&format!("{}/clients", stack.url))
        .await
        .unwrap();
    wait_text(&browser, "client-count", "6").await;
    send_to_assistant(&browser, "Delete the client Temp Client").await;
    card_button(&browser, "Temp Client", "Confirm").await;
    send_to_assistant(&browser, "Delete the client Other Temp").await;
    card_button(&browser, "Other Temp", "Confirm").await;

    browser.refresh().await.unwrap();
    wait_text(&browser, "client-count", "6").await;
    common::browser::open_assistant(&browser).await;
    // The conversation is still there, not only its proposals.
    let log = shown(&browser, ".assistant-log").await;
    assert!(
        log.contains("Delete the client Temp Client")
            && log.contains("Delete the client Other Temp"),
        "{log}"
    );
    card_button(&browser, "Other Temp", "Dismiss")
        .await
        .click()
        .await
        .unwrap();
    let xpath = "//div[contains(@class,'proposal')][contains(., 'Other Temp')]//p[contains(@class,'proposal-state')]";
    let state = common::browser::text_at(&browser, Locator::XPath(xpath)).await;
    assert_eq!(state, "Dismissed");
    assert_eq!(
        clients::find(&ctx, "Other Temp").await.unwrap().len(),
        1,
        "a dropped proposal deletes nothing"
    );

    card_button(&browser, "Temp Client", "Confirm")
        .await
        .click()
        .await
        .unwrap();
    wait_text(&browser, "client-count", "5").await;
    let rows = shown(&browser, "#clients-table").await;
    assert!(
        !rows.contains("Temp Client") && rows.contains("Other Temp"),
        "{rows}"
    );
    browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn undo_in_the_panel_takes_a_write_back_and_the_activity_page_says_who_did_what() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let browser = browser().await;
    open_clients(&browser, &stack).await;
    mark_page(&browser).await;
    send_to_assistant(&browser, "Add a client named Nina Simone").await;
    wait_text(&browser, "client-count", "5").await;

    common::browser::click(&browser, Locator::Css(".assistant-actions .undo")).await;
    wait_text(&browser, "client-count", "4").await;
    // Said where the button was, which is gone: an undo is taken once.
    let said = eventually("the undo said done", WAIT, || async {
        let line = shown(&browser, ".assistant-actions").await;
        line.contains("Undone.").then_some(line)
    })
    .await;
    assert!(
        browser
            .find_all(Locator::Css(".assistant-actions .undo"))
            .await
            .unwrap()
            .is_empty(),
        "{said}"
    );
    assert!(
        !shown(&browser, "#clients-table")
            .await
            .contains("Nina Simone")
    );
    assert!(
        page_was_not_reloaded(&browser).await,
        "the page was reloaded"
    );

    browser
        .goto(&format!("{}/activity", stack.url))
        .await
        .unwrap();
    let records = eventually("the creation and its undo", WAIT, || async {
        let records = browser.find_all(Locator::Css(".activity")).await.ok()?;
        let mut texts = Vec::new();
        for record in records {
            texts.push(record.text().await.ok()?);
        }
        let nina: Vec<String> = texts
            .into_iter()
            .filter(|t| t.contains("Nina Simone"))
            .collect();
        (nina.len() == 2).then_some(nina)
    })
    .await;
    let (undo, creation) = (&records[0], &records[1]);
    assert!(
        undo.contains("manager@studio.test")
            && undo.to_lowercase().contains("undo")
            && undo.contains("deleted"),
        "{undo}"
    );
    assert!(
        creation.contains("manager@studio.test")
            && creation.to_lowercase().contains("assistant")
            && creation.contains("created"),
        "{creation}"
    );

    // Filtered by person: only the demo data's writes are left.
    let person = browser.find(Locator::Id("activity-person")).await.unwrap();
    person.send_keys("demo-data").await.unwrap();
    person
        .send_keys(&fantoccini::key::Key::Tab.to_string())
        .await
        .unwrap();
    eventually("only demo-data's records", WAIT, || async {
        let records = browser.find_all(Locator::Css(".activity")).await.ok()?;
        let mut all_theirs = !records.is_empty();
        for record in records {
            all_theirs &= record.text().await.ok()?.contains("demo-data");
        }
        all_theirs.then_some(())
    })
    .await;
    browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_kept_conversation_the_server_no_longer_has_is_started_anew() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let browser = browser().await;
    open_clients(&browser, &stack).await;
    // As after an expiry, or when the tab kept a conversation of another studio.
    let script = "sessionStorage.setItem('studio-assistant', JSON.stringify(['01ARZ3NDEKTSV4RRFFQ69G5FAV', []])); return null;";
    browser.execute(script, vec![]).await.unwrap();
    browser.refresh().await.unwrap();
    wait_text(&browser, "client-count", "4").await;
    send_to_assistant(&browser, "How many clients?").await;
    let reply = shown(&browser, ".assistant-reply").await;
    assert!(reply.contains('4'), "{reply}");
    assert!(
        browser
            .find(Locator::Css(".assistant-error"))
            .await
            .is_err(),
        "no error shown"
    );
    browser.close().await.unwrap();
}
