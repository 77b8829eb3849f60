//! The assistant bills through the offline planner, with the same domain services as the API: it issues a
//! client's draft, records a payment on an invoice named by its number, says what a client owes, and refuses a
//! credit note on a paid invoice in the user's language.

mod common;

use axum::http::{Method, StatusCode};
use common::{STUDIO_A, call, chat, router};
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

        let issued = chat(&router, "Émets la facture de Cache Test").await;
        assert_eq!(issued["actions"][0]["ok"], true, "{issued}");
        let year = Timestamp::now().to_zoned_datetime(TimeZone::get("Europe/Paris").unwrap()).year();
        let number = format!("{year}-0001");
        assert!(issued["reply"].as_str().unwrap().contains(&number), "{issued}");

        let paid = chat(&router, &format!("Enregistre un paiement de 50 € par virement sur la facture {number}")).await;
        assert_eq!(paid["actions"][0]["ok"], true, "{paid}");
        let invoice_id = draft["data"]["id"].as_str().unwrap();
        assert!(paid["invalidations"].as_array().unwrap().contains(&json!({"resource": "invoices", "id": invoice_id})), "{paid}");
        let (_, invoice) = call(&router, Method::GET, &format!("/api/invoices/{invoice_id}"), None, STUDIO_A).await;
        assert_eq!((invoice["status"].clone(), invoice["paid"].clone()), (json!("partially_paid"), json!(5000)));

        let month = chat(&router, "Quel est le chiffre d'affaires de ce mois ?").await;
        assert!(month["reply"].as_str().unwrap().contains("200,00"), "240.00 incl. VAT is 200.00 excl.: {month}");
        assert!(month["reply"].as_str().unwrap().contains("50,00"), "collected: {month}");
        let owed = chat(&router, "Combien me doit Cache Test ?").await;
        assert!(owed["reply"].as_str().unwrap().contains("190,00"), "240.00 − 50.00: {owed}");
        let refused = chat(&router, &format!("Annule la facture {number} par un avoir")).await;
        assert_eq!(refused["invalidations"], json!([]));
        assert!(refused["reply"].as_str().unwrap().contains("contre-passez"), "{refused}");
    }
}
