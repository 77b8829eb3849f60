//! The printable invoice as a person sees it: the demo studio's partly paid invoice to a record label, opened
//! in Chromium at A4 width in French and in English, with each legal mention on the page and a screenshot of
//! it kept in `target/test-artifacts/` to look at.

mod common;

use common::{
    browser::{WAIT, artifacts, browser, start_stack},
    eventually,
};
use fantoccini::Locator;
use studio_domain::invoices::{self, InvoiceQuery};
use studio_wire::InvoiceStatus;

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn the_printable_invoice_shows_every_legal_mention_in_french_and_english() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let demo = stack.demo();
    let all = invoices::list(&demo, &InvoiceQuery::default())
        .await
        .unwrap()
        .items;
    let invoice = all
        .iter()
        .find(|i| i.status == InvoiceStatus::PartiallyPaid)
        .expect("the demo data has a partly paid invoice");
    let number = invoice.number.clone().unwrap();
    let browser = browser().await;
    // An A4 page is 210 mm wide: 794 CSS pixels.
    browser.set_window_size(794, 1123).await.unwrap();
    let pages = [
        (
            "fr",
            vec![
                format!("Facture {number}"),
                "Studio Démo SARL".into(),
                "12 rue des Studios, 75011 Paris".into(),
                "SIRET 12345678900012".into(),
                "N° TVA intracommunautaire FR12123456789".into(),
                "Date d'émission".into(),
                "Échéance".into(),
                "Blue Harbor Records".into(),
                "Live Room — journée".into(),
                "TVA 20 % sur".into(),
                "Total HT".into(),
                "Total TTC".into(),
                "Reste à payer".into(),
                "indemnité forfaitaire pour frais de recouvrement de 40 €".into(),
                "art. L441".into(),
            ],
        ),
        (
            "en",
            vec![
                format!("Invoice {number}"),
                "VAT number FR12123456789".into(),
                "Issue date".into(),
                "Due date".into(),
                "Total incl. VAT".into(),
                "fixed recovery indemnity of €40".into(),
            ],
        ),
    ];
    for (lang, mentions) in pages {
        let url = format!(
            "{}/api/invoices/{}/print?lang={lang}",
            stack.url, invoice.id
        );
        browser.goto(&url).await.unwrap();
        let shown = eventually(&format!("the {lang} print view"), WAIT, || async {
            let body = browser.find(Locator::Css("body")).await.ok()?;
            let text = body.text().await.ok()?;
            text.contains(&number).then_some(text)
        })
        .await;
        for mention in &mentions {
            assert!(
                shown.contains(mention.as_str()),
                "{lang}: {mention:?} missing from {shown}"
            );
        }
        let png = browser.screenshot().await.unwrap();
        std::fs::write(
            artifacts().join(format!("printable-invoice-{lang}.png")),
            png,
        )
        .unwrap();
    }
    browser.close().await.unwrap();
}
