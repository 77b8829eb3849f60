//! Billing in the browser: with an invoice, the dashboard or a project open, the assistant records a payment,
//! issues an invoice, cancels one by a credit note or moves a track — and the open page shows it without a
//! reload, each view that shows the changed data re-fetching once and no other. A quote opens with its lines.

mod common;

use common::browser::{
    WAIT, browser, button, chat_response_end, click, click_button, confirm_proposal, fill,
    mark_page, page_was_not_reloaded, requests_since, send_to_assistant, shown, start_stack,
    text_of, wait_text,
};
use common::eventually;
use fantoccini::{Client, Locator};
use studio_domain::{clients, dashboard, invoices, projects, quotes};
use studio_wire::{InvoiceKind, InvoiceStatus, Locale, Money, QuoteStatus, TrackStatus};

/// An amount as the French interface shows it, as WebDriver reads it (its element text turns no-break spaces
/// into spaces).
fn euros(cents: i64) -> String {
    Money(cents)
        .display("EUR", Locale::Fr)
        .replace('\u{a0}', " ")
}

/// The demo data's issued invoice with nothing paid yet.
async fn issued_unpaid(ctx: &studio_domain::Ctx) -> studio_wire::Invoice {
    invoices::all(ctx)
        .await
        .unwrap()
        .into_iter()
        .find(|i| {
            i.kind == InvoiceKind::Invoice
                && i.status == InvoiceStatus::Issued
                && i.paid.cents() == 0
        })
        .expect("the demo data has an issued, unpaid invoice")
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_assistant_records_a_payment_and_the_open_invoice_shows_it() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let ctx = stack.demo();
    let invoice = issued_unpaid(&ctx).await;
    let number = invoice.number.clone().unwrap();
    let gross = invoice.totals.gross.cents();
    let browser = browser().await;
    browser
        .goto(&format!("{}/invoices/{}?lang=fr", stack.url, invoice.id))
        .await
        .unwrap();
    wait_text(&browser, "invoice-balance", &euros(gross)).await;
    wait_text(&browser, "invoice-status", "Émise").await;
    // The client's other invoices (read by client) are mounted too.
    browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(".invoices-table"))
        .await
        .unwrap();
    mark_page(&browser).await;

    send_to_assistant(
        &browser,
        &format!("Enregistre un paiement de 100 € par virement sur la facture {number}"),
    )
    .await;
    chat_response_end(&browser, 1).await;
    assert!(shown(&browser, ".proposal").await.contains(&number));
    assert_eq!(
        text_of(&browser, "invoice-paid").await,
        Some(euros(0)),
        "only proposed"
    );
    let confirmed = confirm_proposal(&browser).await;

    wait_text(&browser, "invoice-paid", &euros(10_000)).await;
    wait_text(&browser, "invoice-balance", &euros(gross - 10_000)).await;
    wait_text(&browser, "invoice-status", "Payée en partie").await;
    assert!(
        shown(&browser, ".payments-table")
            .await
            .contains("Virement")
    );
    assert!(
        page_was_not_reloaded(&browser).await,
        "the page was reloaded"
    );
    // The detail, its history, its payments and the list each re-fetch once; nothing else does.
    let mut expected = vec![
        format!("/api/invoices/{}", invoice.id),
        format!("/api/activity?limit=20&resource=invoices&id={}", invoice.id),
        format!("/api/invoices?client={}&order=newest", invoice.client_id),
        format!("/api/payments?invoice={}", invoice.id),
    ];
    expected.sort();
    assert_eq!(requests_since(&browser, confirmed, 4).await, expected);
    browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_clients_page_lists_her_invoices_and_a_credit_note_the_assistant_makes_appears_there() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let ctx = stack.demo();
    let invoice = issued_unpaid(&ctx).await;
    let number = invoice.number.clone().unwrap();
    let theirs = invoices::of_client(&ctx, &invoice.client_id).await.unwrap();
    let others: Vec<String> = invoices::all(&ctx)
        .await
        .unwrap()
        .into_iter()
        .filter(|i| i.client_id != invoice.client_id)
        .filter_map(|i| i.number)
        .collect();
    assert!(
        !others.is_empty(),
        "the demo data has other clients' invoices"
    );
    let browser = browser().await;
    browser
        .goto(&format!(
            "{}/clients/{}?lang=fr",
            stack.url, invoice.client_id
        ))
        .await
        .unwrap();
    let rows = || async {
        let rows = browser
            .find_all(Locator::Css(".invoices-table .invoice-row"))
            .await
            .unwrap();
        let mut texts = Vec::new();
        for row in rows {
            texts.push(row.text().await.unwrap());
        }
        texts
    };
    let listed = eventually("her invoices to be listed", WAIT, || async {
        let listed = rows().await;
        (listed.len() == theirs.len()).then_some(listed)
    })
    .await;
    assert!(
        listed.iter().any(|row| row.starts_with(&number)),
        "{listed:?}"
    );
    assert!(
        others
            .iter()
            .all(|n| listed.iter().all(|row| !row.contains(n.as_str()))),
        "only hers: {listed:?}"
    );
    mark_page(&browser).await;

    send_to_assistant(
        &browser,
        &format!("Annule la facture {number} par un avoir"),
    )
    .await;
    chat_response_end(&browser, 1).await;
    confirm_proposal(&browser).await;

    let listed = eventually("the credit note to be listed", WAIT, || async {
        let listed = rows().await;
        (listed.len() == theirs.len() + 1).then_some(listed)
    })
    .await;
    assert!(
        listed[0].starts_with("AV-") && listed[0].contains("Avoir"),
        "newest first: {listed:?}"
    );
    assert!(
        listed
            .iter()
            .any(|row| row.starts_with(&number) && row.contains("Annulée")),
        "{listed:?}"
    );
    assert!(
        page_was_not_reloaded(&browser).await,
        "the page was reloaded"
    );
    browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_assistant_issues_an_invoice_and_the_dashboard_unpaid_total_changes() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let ctx = stack.demo();
    let lea = clients::find(&ctx, "Léa Martin").await.unwrap().remove(0);
    let draft = invoices::drafts_of(&ctx, &lea.id).await.unwrap().remove(0);
    let before = dashboard::get(&ctx).await.unwrap().unpaid;
    let browser = browser().await;
    browser
        .goto(&format!("{}/?lang=fr", stack.url))
        .await
        .unwrap();
    wait_text(&browser, "dashboard-unpaid", &euros(before.amount.cents())).await;
    mark_page(&browser).await;

    send_to_assistant(&browser, "Émets la facture de Léa Martin").await;
    chat_response_end(&browser, 1).await;
    let chat_end = confirm_proposal(&browser).await;

    let after = before.amount.cents() + draft.totals.gross.cents();
    wait_text(&browser, "dashboard-unpaid", &euros(after)).await;
    assert_eq!(
        invoices::get(&ctx, &draft.id).await.unwrap().status,
        InvoiceStatus::Issued
    );
    assert!(
        page_was_not_reloaded(&browser).await,
        "the page was reloaded"
    );
    // The dashboard shows invoices, payments, sessions and rooms: one request, once.
    assert_eq!(
        requests_since(&browser, chat_end, 1).await,
        ["/api/dashboard"]
    );
    browser.close().await.unwrap();
}

/// The value of the `<select>` `id`.
async fn selected(browser: &Client, id: &str) -> Option<String> {
    let element = browser.find(Locator::Id(id)).await.ok()?;
    element.prop("value").await.ok().flatten()
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_assistant_moves_a_track_to_mixing_and_the_open_project_shows_it() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let ctx = stack.demo();
    let album = projects::find(&ctx, "Lumières").await.unwrap().remove(0);
    let last = album.tracks.last().expect("the demo album has tracks");
    assert_eq!(last.status, TrackStatus::Recording);
    let status = format!("track-{}-status", last.number);
    let browser = browser().await;
    browser
        .goto(&format!("{}/projects/{}?lang=fr", stack.url, album.id))
        .await
        .unwrap();
    wait_text(&browser, "project-name", "Lumières").await;
    eventually("the track to show as recording", WAIT, || async {
        (selected(&browser, &status).await.as_deref() == Some("recording")).then_some(())
    })
    .await;
    mark_page(&browser).await;

    send_to_assistant(
        &browser,
        &format!("Passe le morceau {} de Lumières en mixage", last.number),
    )
    .await;
    let chat_end = chat_response_end(&browser, 1).await;

    eventually("the track to show as mixing", WAIT, || async {
        (selected(&browser, &status).await.as_deref() == Some("mixing")).then_some(())
    })
    .await;
    assert!(
        page_was_not_reloaded(&browser).await,
        "the page was reloaded"
    );
    // The project and its history, which shows the change.
    assert_eq!(
        requests_since(&browser, chat_end, 2).await,
        [
            format!("/api/activity?limit=20&resource=projects&id={}", album.id),
            format!("/api/projects/{}", album.id)
        ]
    );
    browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_draft_is_edited_issued_paid_and_its_payment_reversed_from_its_page_with_no_edit_or_delete_once_issued()
 {
    let Some(stack) = start_stack().await else {
        return;
    };
    let ctx = stack.demo();
    let lea = clients::find(&ctx, "Léa Martin").await.unwrap().remove(0);
    let draft = invoices::drafts_of(&ctx, &lea.id).await.unwrap().remove(0);
    let browser = browser().await;
    browser
        .goto(&format!("{}/invoices/{}?lang=fr", stack.url, draft.id))
        .await
        .unwrap();
    wait_text(&browser, "invoice-number", "Brouillon de facture").await;
    assert!(browser.find(Locator::Css("button.delete")).await.is_ok());

    // A draft is edited: a line added; a quantity that is no number is refused before anything is written.
    click_button(&browser, "Modifier").await;
    click_button(&browser, "Ajouter une ligne").await;
    let row = draft.lines.len();
    let input = |name: &str| format!(".lines-form input[name='lines.{row}.{name}']");
    fill(&browser, &input("description"), "Stems").await;
    fill(&browser, &input("quantity"), "deux").await;
    fill(&browser, &input("unit_price"), "40").await;
    click_button(&browser, "Enregistrer").await;
    browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(
            "//span[@class='field-error'][contains(., 'deux')]",
        ))
        .await
        .unwrap();
    assert_eq!(
        invoices::get(&ctx, &draft.id).await.unwrap().version,
        draft.version
    );
    fill(&browser, &input("quantity"), "2").await;
    click_button(&browser, "Enregistrer").await;
    let net = draft.totals.net.cents() + 8_000;
    wait_text(&browser, "invoice-net", &euros(net)).await;
    let gross = invoices::get(&ctx, &draft.id)
        .await
        .unwrap()
        .totals
        .gross
        .cents();

    // Issuing asks first, then numbers the invoice.
    click_button(&browser, "Émettre").await;
    browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(
            "//span[contains(., 'Émettre cette facture ?')]",
        ))
        .await
        .unwrap();
    click_button(&browser, "Émettre").await;
    wait_text(&browser, "invoice-status", "Émise").await;
    let issued = invoices::get(&ctx, &draft.id).await.unwrap();
    wait_text(
        &browser,
        "invoice-number",
        issued.number.as_deref().unwrap(),
    )
    .await;
    let controls = shown(&browser, ".invoice-detail .actions").await;
    assert!(
        !controls.contains("Supprimer") && !controls.contains("Modifier"),
        "an issued invoice offers {controls:?}"
    );

    // A payment through the form: 50 € by card.
    fill(&browser, ".payment-form input[name=amount]", "50").await;
    browser
        .find(Locator::Css(".payment-form select[name=method]"))
        .await
        .unwrap()
        .select_by_value("card")
        .await
        .unwrap();
    click_button(&browser, "Enregistrer un paiement").await;
    wait_text(&browser, "invoice-paid", &euros(5_000)).await;
    wait_text(&browser, "invoice-balance", &euros(gross - 5_000)).await;
    wait_text(&browser, "invoice-status", "Payée en partie").await;

    // Taken back: the payment is reversed (a negative entry, asked first), and the invoice is owed again.
    click_button(&browser, "Contre-passer").await;
    browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::XPath(
            "//span[contains(., 'Contre-passer ce paiement ?')]",
        ))
        .await
        .unwrap();
    click_button(&browser, "Contre-passer").await;
    wait_text(&browser, "invoice-paid", &euros(0)).await;
    wait_text(&browser, "invoice-balance", &euros(gross)).await;
    wait_text(&browser, "invoice-status", "Émise").await;
    let payments = shown(&browser, ".payments-table tbody").await;
    assert!(
        payments.contains("contre-passé") && payments.contains("Annulation"),
        "{payments}"
    );
    assert!(
        browser
            .find(Locator::XPath("//button[.='Contre-passer']"))
            .await
            .is_err(),
        "nothing left to reverse: {payments}"
    );
    browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_quote_opens_from_the_list_with_its_lines_and_totals_and_is_accepted_from_its_page() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let ctx = stack.demo();
    let quote = quotes::all(&ctx)
        .await
        .unwrap()
        .into_iter()
        .find(|q| q.status == QuoteStatus::Sent)
        .expect("the demo data has a sent quote");
    let browser = browser().await;
    browser
        .goto(&format!("{}/quotes?lang=fr", stack.url))
        .await
        .unwrap();
    mark_page(&browser).await;
    click(&browser, Locator::LinkText(&quote.number)).await;
    wait_text(&browser, "quote-number", &quote.number).await;
    wait_text(&browser, "quote-gross", &euros(quote.totals.gross.cents())).await;
    let lines = shown(&browser, ".lines-table tbody").await;
    for line in &quote.lines {
        assert!(lines.contains(&line.description), "{lines}");
    }
    wait_text(&browser, "quote-status", "Envoyé").await;
    click_button(&browser, "Accepter").await;
    wait_text(&browser, "quote-status", "Accepté").await;
    button(&browser, "Convertir en facture").await;
    assert!(
        page_was_not_reloaded(&browser).await,
        "the page was reloaded"
    );
    browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_quote_is_rejected_only_once_the_refusal_is_confirmed() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let ctx = stack.demo();
    let sent = |q: &studio_wire::Quote| q.status == QuoteStatus::Sent;
    let quote = quotes::all(&ctx)
        .await
        .unwrap()
        .into_iter()
        .find(sent)
        .unwrap();
    let browser = browser().await;
    browser
        .goto(&format!("{}/quotes/{}?lang=fr", stack.url, quote.id))
        .await
        .unwrap();
    wait_text(&browser, "quote-status", "Envoyé").await;
    click_button(&browser, "Refuser").await;
    let asked = shown(&browser, "main").await;
    assert!(asked.contains("ne pourra plus être accepté"), "{asked}");
    let now = quotes::get(&ctx, &quote.id).await.unwrap();
    assert_eq!(
        now.status,
        QuoteStatus::Sent,
        "nothing is written before it is confirmed"
    );
    click_button(&browser, "Refuser").await;
    wait_text(&browser, "quote-status", "Refusé").await;
    let now = quotes::get(&ctx, &quote.id).await.unwrap();
    assert_eq!(now.status, QuoteStatus::Rejected);
    browser.close().await.unwrap();
}

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn a_quote_is_made_from_the_quotes_page_then_edited_while_a_draft() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let ctx = stack.demo();
    let lea = clients::find(&ctx, "Léa Martin").await.unwrap().remove(0);
    let browser = browser().await;
    browser
        .goto(&format!("{}/quotes?lang=fr", stack.url))
        .await
        .unwrap();
    mark_page(&browser).await;
    click_button(&browser, "Nouveau devis").await;
    browser
        .wait()
        .at_most(WAIT)
        .for_element(Locator::Css(&format!(
            ".lines-form select[name=client_id] option[value='{}']",
            lea.id
        )))
        .await
        .unwrap()
        .click()
        .await
        .unwrap();
    let line = |name: &str| format!(".lines-form input[name='lines.0.{name}']");
    fill(&browser, &line("description"), "Mix, par titre").await;
    fill(&browser, &line("quantity"), "2").await;
    fill(&browser, &line("unit_price"), "250").await;
    click_button(&browser, "Créer").await;
    // The new quote's page: 2 × 250 € at the studio's 20 %.
    wait_text(&browser, "quote-gross", &euros(60_000)).await;
    wait_text(&browser, "quote-status", "Brouillon").await;
    assert!(
        shown(&browser, ".quote-detail dl")
            .await
            .contains("Léa Martin"),
        "its client"
    );
    click_button(&browser, "Modifier").await;
    fill(&browser, &line("quantity"), "3").await;
    click_button(&browser, "Enregistrer").await;
    wait_text(&browser, "quote-gross", &euros(90_000)).await;
    assert!(
        page_was_not_reloaded(&browser).await,
        "the page was reloaded"
    );
    browser.close().await.unwrap();
}
