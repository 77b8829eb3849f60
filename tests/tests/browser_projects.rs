//! A project's page in the browser: its details edited, its tracks added, renamed and deleted in place — each
//! change written through the API and shown without a reload; a refused change says why and writes nothing.

mod common;

use common::browser::{
    WAIT, browser, click, click_button, fill, mark_page, page_was_not_reloaded, start_stack,
    text_of, wait_text,
};
use common::eventually;
use fantoccini::{Client, Locator, key::Key};
use studio_domain::{clients, projects};
use studio_wire::{NewProject, Project};

/// The value of the input `id`, once there is one.
async fn value_of(browser: &Client, id: &str) -> Option<String> {
    let element = browser.find(Locator::Id(id)).await.ok()?;
    element.prop("value").await.ok().flatten()
}

/// Types `text` over the whole of the input `id` as a person does (select all, type), then leaves it.
async fn retype(browser: &Client, id: &str, text: &str) {
    let keys = format!(
        "{}a{}{}{text}{}",
        Key::Control,
        Key::Null,
        Key::Backspace,
        Key::Tab
    );
    let input = browser.find(Locator::Id(id)).await.unwrap();
    input.send_keys(&keys).await.unwrap();
}

/// The project's track titles as stored, in order.
async fn titles(ctx: &studio_domain::Ctx, id: &str) -> Vec<String> {
    let project: Project = projects::get(ctx, id).await.unwrap();
    project.tracks.into_iter().map(|t| t.title).collect()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_project_is_edited_and_its_tracks_added_renamed_and_deleted_from_its_page() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let ctx = stack.demo();
    let lea = clients::find(&ctx, "Léa Martin").await.unwrap().remove(0);
    let (project, _) = projects::create(
        &ctx,
        &NewProject {
            client_id: lea.id.clone(),
            name: "Sessions d'hiver".into(),
            ..NewProject::default()
        },
    )
    .await
    .unwrap();
    let browser = browser().await;
    browser
        .goto(&format!("{}/projects/{}?lang=fr", stack.url, project.id))
        .await
        .unwrap();
    wait_text(&browser, "project-name", "Sessions d'hiver").await;
    mark_page(&browser).await;

    // Two tracks added, numbered in order.
    for (title, number) in [("Intro", 1), ("Outro", 2)] {
        fill(&browser, "#new-track-title", title).await;
        click_button(&browser, "Ajouter").await;
        let id = format!("track-{number}-title");
        eventually("the added track to show", WAIT, || async {
            (value_of(&browser, &id).await.as_deref() == Some(title)).then_some(())
        })
        .await;
    }
    assert_eq!(titles(&ctx, &project.id).await, ["Intro", "Outro"]);

    // Renamed in place (the change is sent when the field is left).
    retype(&browser, "track-1-title", "Ouverture").await;
    eventually("the rename to be stored", WAIT, || async {
        (titles(&ctx, &project.id).await == ["Ouverture", "Outro"]).then_some(())
    })
    .await;

    // An emptied title is refused with a reason, said under the tracks, and nothing is written.
    retype(&browser, "track-2-title", "").await;
    let said = eventually("the refusal to be said", WAIT, || async {
        let text = browser
            .find(Locator::Css(".project-detail p.tracks-error"))
            .await
            .ok()?
            .text()
            .await
            .ok()?;
        (!text.is_empty()).then_some(text)
    })
    .await;
    assert!(said.contains("titre") || said.contains("Titre"), "{said}");
    assert_eq!(titles(&ctx, &project.id).await, ["Ouverture", "Outro"]);

    // Deleted, once asked.
    click(
        &browser,
        Locator::Css(".track-row:nth-child(2) button.delete"),
    )
    .await;
    click_button(&browser, "Oui, supprimer").await;
    eventually("the deleted track to go", WAIT, || async {
        browser
            .find(Locator::Id("track-2-title"))
            .await
            .is_err()
            .then_some(())
    })
    .await;
    assert_eq!(titles(&ctx, &project.id).await, ["Ouverture"]);

    // The project's own details edited: name and notes.
    click(&browser, Locator::Id("edit-project")).await;
    fill(
        &browser,
        ".project-form input[name=name]",
        "Sessions d'hiver (deluxe)",
    )
    .await;
    fill(
        &browser,
        ".project-form textarea[name=notes]",
        "Mix en janvier",
    )
    .await;
    click_button(&browser, "Enregistrer").await;
    wait_text(&browser, "project-name", "Sessions d'hiver (deluxe)").await;
    assert_eq!(
        text_of(&browser, "project-name").await.as_deref(),
        Some("Sessions d'hiver (deluxe)")
    );
    let stored: Project = projects::get(&ctx, &project.id).await.unwrap();
    assert_eq!(stored.notes.as_deref(), Some("Mix en janvier"));
    assert_eq!(stored.client_id, lea.id, "editing keeps the client");
    assert!(
        page_was_not_reloaded(&browser).await,
        "the page was reloaded"
    );
    browser.close().await.unwrap();
}
