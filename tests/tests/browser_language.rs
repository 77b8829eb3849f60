//! One language at a time: the assistant answers in the interface's language when the question could be either
//! ("Quand le Studio A est-il libre demain ?" has as many French as English signs), and the language chosen
//! survives a reload.

mod common;

use common::{
    browser::{
        WAIT, browser, button, chat_response_end, click_button, send_to_assistant, start_stack,
    },
    eventually,
};
use fantoccini::{Client, Locator};

const TIE: &str = "Quand le Studio A est-il libre demain ?";

/// The assistant's last reply.
async fn last_reply(browser: &Client) -> String {
    let replies = browser
        .find_all(Locator::Css(".assistant-reply"))
        .await
        .unwrap();
    replies.last().unwrap().text().await.unwrap()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_assistant_answers_in_the_interface_language_which_survives_a_reload() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let browser = browser().await;
    browser
        .goto(&format!("{}/?lang=en", stack.url))
        .await
        .unwrap();
    // Ctrl+K opens the assistant with the cursor in its input.
    browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Id("assistant-toggle"))
        .await
        .unwrap();
    let ctrl_k = "window.dispatchEvent(new KeyboardEvent('keydown', { key: 'k', ctrlKey: true })); return null;";
    browser.execute(ctrl_k, vec![]).await.unwrap();
    eventually("the assistant's input to have the focus", WAIT, || async {
        let focused = "return document.activeElement && document.activeElement.id;";
        (browser.execute(focused, vec![]).await.ok()? == "assistant-input").then_some(())
    })
    .await;
    send_to_assistant(&browser, TIE).await;
    chat_response_end(&browser, 1).await;
    let reply = last_reply(&browser).await;
    assert!(reply.contains("is free"), "{reply}");
    // A question lists no action under the reply: actions are for writes.
    assert!(
        browser
            .find(Locator::Css(".assistant-reply .assistant-actions"))
            .await
            .is_err()
    );

    // Switch to French and open the app again, without naming a language (headless Chromium's own is
    // English): French, and the same question is answered in French.
    click_button(&browser, "Français").await;
    // A new conversation (the tab keeps the last one across reloads, and its English reply would count as the
    // first reply here): what is tested is the language, not the conversation.
    let forget = "sessionStorage.removeItem('studio-assistant'); return null;";
    browser.execute(forget, vec![]).await.unwrap();
    browser.goto(&format!("{}/", stack.url)).await.unwrap();
    button(&browser, "English").await;
    send_to_assistant(&browser, TIE).await;
    chat_response_end(&browser, 1).await;
    let reply = last_reply(&browser).await;
    assert!(reply.contains("est libre"), "{reply}");
    // Escape closes the panel, from anywhere on the page.
    let escape = "window.dispatchEvent(new KeyboardEvent('keydown', { key: 'Escape', bubbles: true })); return null;";
    browser.execute(escape, vec![]).await.unwrap();
    browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Id("assistant-toggle"))
        .await
        .unwrap();
    assert!(
        browser.find(Locator::Id("assistant")).await.is_err(),
        "the panel is closed"
    );
    browser.close().await.unwrap();
}
