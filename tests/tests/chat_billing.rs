//! The assistant bills through the offline planner, with the same domain services as the API: it issues a
//! client's draft, records a payment on an invoice named by its number, says what a client owes, refuses a
//! credit note on a paid invoice in the user's language, and — once confirmed — reverses a payment and cancels the
//! invoice by a credit note.

mod common;

use axum::http::{Method, StatusCode};
use common::{STUDIO_A, call, chat, chat_confirmed, router};
use jiff::{Timestamp, tz::TimeZone};
use serde_json::json;

on_both_stores! {
    fn the_assistant_issues_records_a_payment_and_says_what_a_client_owes(store) {
        let router = router(store);
        let (_, client) = call(&router, Method::POST, "/api/clients", Some(json!({"name": "Cache Test"})), STUDIO_A).await;
        let lines = json!([{"description": "Mix", "quantity": "2", "unit_price": 10000}]);
        let body = json!({"client_id": client["data"]["id"], "lines": lines});
        let (status, draft) = call(&router, Method::POST, "/api/invoices", Some(body), STUDIO_A).await;
        assert_eq!(status, StatusCode::CREATED, "{draft}");

        let (_, before) = call(&router, Method::GET, "/api/dashboard", None, STUDIO_A).await;
        assert_eq!(before["unpaid"], json!({"count": 0, "amount": 0}), "{before}");
        let issued = chat_confirmed(&router, "Émets la facture de Cache Test").await;
        let (_, after) = call(&router, Method::GET, "/api/dashboard", None, STUDIO_A).await;
        assert_eq!(after["unpaid"], json!({"count": 1, "amount": 24_000}), "the dashboard's unpaid total: {after}");
        assert_eq!(issued["action"]["ok"], true, "{issued}");
        let year = Timestamp::now().to_zoned_datetime(TimeZone::get("Europe/Paris").unwrap()).year();
        let number = format!("{year}-0001");
        assert!(issued["summary"].as_str().unwrap().contains(&number), "{issued}");

        let paid = chat_confirmed(&router, &format!("Enregistre un paiement de 50 € par virement sur la facture {number}")).await;
        assert_eq!(paid["action"]["ok"], true, "{paid}");
        let invoice_id = draft["data"]["id"].as_str().unwrap();
        assert!(paid["invalidations"].as_array().unwrap().contains(&json!({"resource": "invoices", "id": invoice_id})), "{paid}");
        let (_, invoice) = call(&router, Method::GET, &format!("/api/invoices/{invoice_id}"), None, STUDIO_A).await;
        assert_eq!((invoice["status"].clone(), invoice["paid"].clone()), (json!("partially_paid"), json!(5000)));

        let month = chat(&router, "Quel est le chiffre d'affaires de ce mois ?").await;
        assert!(month["reply"].as_str().unwrap().contains("200,00"), "240.00 incl. VAT is 200.00 excl.: {month}");
        assert!(month["reply"].as_str().unwrap().contains("50,00"), "collected: {month}");
        let late = chat(&router, "Quelles factures sont en retard ?").await;
        assert_eq!(late["reply"], "Aucune facture.", "issued today, due in 30 days: {late}");
        let owed = chat(&router, "Combien me doit Cache Test ?").await;
        assert!(owed["reply"].as_str().unwrap().contains("190,00"), "240.00 − 50.00: {owed}");
        let refused = chat(&router, &format!("Annule la facture {number} par un avoir")).await;
        assert_eq!(refused["invalidations"], json!([]));
        assert!(refused["reply"].as_str().unwrap().contains("contre-passez"), "{refused}");
    }
}

on_both_stores! {
    fn the_assistant_reverses_a_payment_then_cancels_the_invoice_by_a_credit_note_once_confirmed(store) {
        let router = router(store);
        let (_, client) = call(&router, Method::POST, "/api/clients", Some(json!({"name": "Cache Test"})), STUDIO_A).await;
        let lines = json!([{"description": "Mix", "quantity": "2", "unit_price": 10000}]);
        let body = json!({"client_id": client["data"]["id"], "lines": lines});
        let (_, draft) = call(&router, Method::POST, "/api/invoices", Some(body), STUDIO_A).await;
        let id = draft["data"]["id"].as_str().unwrap();
        let uri = format!("/api/invoices/{id}/issue");
        let (status, issued) = call(&router, Method::POST, &uri, Some(json!({"version": draft["data"]["version"]})), STUDIO_A).await;
        assert_eq!(status, StatusCode::OK, "{issued}");
        let number = issued["data"]["number"].as_str().unwrap();
        let payment = json!({"invoice_id": id, "amount": 5000});
        assert_eq!(call(&router, Method::POST, "/api/payments", Some(payment), STUDIO_A).await.0, StatusCode::CREATED);

        // A payment taken back is reversed, never recorded again; then the invoice can be cancelled.
        let reversed = chat_confirmed(&router, &format!("Contre-passe le paiement de 50 € de la facture {number}")).await;
        assert_eq!(reversed["action"]["ok"], true, "{reversed}");
        let (_, invoice) = call(&router, Method::GET, &format!("/api/invoices/{id}"), None, STUDIO_A).await;
        assert_eq!((invoice["status"].clone(), invoice["paid"].clone()), (json!("issued"), json!(0)), "{invoice}");
        // The preview names a credit note made afresh at each run: confirming does it, it does not propose again.
        let done = chat_confirmed(&router, &format!("Annule la facture {number} par un avoir")).await;
        assert_eq!(done["action"]["ok"], true, "{done}");
        assert!(done["summary"].as_str().unwrap().contains("AV-"), "{done}");
        let (_, invoice) = call(&router, Method::GET, &format!("/api/invoices/{id}"), None, STUDIO_A).await;
        assert_eq!(invoice["status"], "cancelled", "{invoice}");
    }

    fn the_assistant_sends_and_accepts_a_quote_then_turns_it_into_a_draft_invoice(store) {
        let router = router(store);
        let (_, client) = call(&router, Method::POST, "/api/clients", Some(json!({"name": "Cache Test"})), STUDIO_A).await;
        let lines = json!([{"description": "Mix, par titre", "quantity": "4", "unit_price": 25000}]);
        let (status, quote) = call(&router, Method::POST, "/api/quotes", Some(json!({"client_id": client["data"]["id"], "lines": lines})), STUDIO_A).await;
        assert_eq!(status, StatusCode::CREATED, "{quote}");
        let number = quote["data"]["number"].as_str().unwrap().to_owned();

        let early = chat(&router, &format!("Transforme le devis {number} en facture")).await;
        assert_eq!(early["invalidations"], json!([]));
        assert!(early["reply"].as_str().unwrap().contains("envoyez-le d'abord"), "{early}");
        let sent = chat(&router, &format!("Envoie le devis {number}")).await;
        assert!(sent["reply"].as_str().unwrap().contains("envoyé"), "{sent}");
        let accepted = chat(&router, &format!("Quote {number} was accepted")).await;
        assert!(accepted["reply"].as_str().unwrap().contains("accepted"), "{accepted}");
        let made = chat(&router, &format!("Transforme le devis {number} en facture")).await;
        assert_eq!(made["actions"][0]["ok"], true, "{made}");
        assert!(made["reply"].as_str().unwrap().contains("200,00"), "1 200,00: 4 × 250 € + 20 % VAT: {made}");
        assert!(made["invalidations"].as_array().unwrap().contains(&json!({"resource": "invoices"})), "{made}");
        let (_, invoices) = call(&router, Method::GET, "/api/invoices", None, STUDIO_A).await;
        assert_eq!((invoices["items"][0]["status"].clone(), invoices["items"][0]["totals"]["gross"].clone()), (json!("draft"), json!(120_000)));
    }
}
