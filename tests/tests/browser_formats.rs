//! Local formats: the same amount and the same day, as the French and the English interface show them
//! (written by the browser's `Intl`, not by hand).

mod common;

use common::browser::{browser, shown, start_stack};
use jiff::civil::date;
use studio_domain::{clients, invoices, payments};
use studio_wire::{Money, NewInvoice, NewLine, NewPayment, PaymentMethod, Quantity};

#[tokio::test(flavor = "multi_thread", worker_threads = 2)]
async fn an_amount_and_a_day_read_the_french_and_the_english_way() {
    let Some(stack) = start_stack().await else {
        return;
    };
    let ctx = stack.demo();
    let lea = clients::find(&ctx, "Léa Martin").await.unwrap().remove(0);
    let draft = NewInvoice {
        client_id: lea.id.clone(),
        lines: vec![NewLine {
            description: "Album".into(),
            quantity: Quantity::ONE,
            unit_price: Money(200_000),
            vat_rate: None,
        }],
        ..NewInvoice::default()
    };
    let (invoice, _) = invoices::create(&ctx, &draft).await.unwrap();
    let (invoice, _) = invoices::issue(&ctx, &invoice.id, invoice.version)
        .await
        .unwrap();
    let payment = NewPayment {
        invoice_id: invoice.id.clone(),
        amount: Money(123_450),
        method: PaymentMethod::Transfer,
        paid_on: Some(date(2026, 3, 5)),
        reference: None,
    };
    payments::record(&ctx, &payment).await.unwrap();

    let browser = browser().await;
    for (lang, day, amount) in [
        ("fr", "5 mars 2026", "1\u{202f}234,50 €"),
        ("en", "5 Mar 2026", "€1,234.50"),
    ] {
        browser
            .goto(&format!(
                "{}/invoices/{}?lang={lang}",
                stack.url, invoice.id
            ))
            .await
            .unwrap();
        let row = shown(&browser, ".payment-row").await;
        assert!(row.contains(day) && row.contains(amount), "{lang}: {row:?}");
    }
    browser.close().await.unwrap();
}
