//! Quotes through the API router, on both stores: numbered drafts with server totals, sent / accepted /
//! rejected / expired, edits refused once sent with a message saying why, an accepted quote made into a draft
//! invoice exactly once (even when two conversions race), and a client with quotes kept.

mod common;

use axum::{
    Router,
    http::{Method, StatusCode},
};
use common::{STUDIO_A, call, router};
use jiff::{Timestamp, ToSpan, tz::TimeZone};
use serde_json::{Value, json};

async fn send(router: &Router, method: Method, uri: &str, body: Value) -> (StatusCode, Value) {
    call(router, method, uri, Some(body), STUDIO_A).await
}

fn today() -> jiff::civil::Date {
    Timestamp::now()
        .to_zoned_datetime(TimeZone::get("Europe/Paris").unwrap())
        .date()
}

async fn client(router: &Router, name: &str) -> String {
    let (status, created) = send(router, Method::POST, "/api/clients", json!({"name": name})).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    created["data"]["id"].as_str().unwrap().to_owned()
}

async fn quote(router: &Router, client: &str, extra: Value) -> Value {
    let mut body = json!({"client_id": client, "lines": [{"description": "Mix, par titre", "quantity": "3", "unit_price": 3333}]});
    body.as_object_mut()
        .unwrap()
        .extend(extra.as_object().unwrap().clone());
    let (status, created) = send(router, Method::POST, "/api/quotes", body).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    created["data"].clone()
}

async fn step(router: &Router, quote: &Value, action: &str) -> (StatusCode, Value) {
    let uri = format!("/api/quotes/{}/{action}", quote["id"].as_str().unwrap());
    send(
        router,
        Method::POST,
        &uri,
        json!({"version": quote["version"]}),
    )
    .await
}

on_both_stores! {
    fn a_quote_is_numbered_sent_accepted_and_invoiced_once(store) {
        let router = router(store);
        let client = client(&router, "Léa Martin").await;
        let draft = quote(&router, &client, json!({})).await;
        let year = today().year();
        assert_eq!(draft["number"], format!("D-{year}-0001"));
        assert_eq!((draft["status"].clone(), draft["totals"]["net"].clone(), draft["totals"]["gross"].clone()), (json!("draft"), json!(9_999), json!(11_999)));
        assert_eq!(draft["valid_until"], today().checked_add(30.days()).unwrap().to_string());

        let (status, sent) = step(&router, &draft, "send").await;
        assert_eq!(status, StatusCode::OK, "{sent}");
        let sent = sent["data"].clone();
        let edit = json!({"version": sent["version"], "notes": "autre"});
        let uri = format!("/api/quotes/{}", sent["id"].as_str().unwrap());
        let (status, refused) = send(&router, Method::PATCH, &uri, edit).await;
        assert_eq!((status, refused["error"]["code"].clone()), (StatusCode::CONFLICT, json!("quote_state")), "{refused}");
        assert!(refused["error"]["message"].as_str().unwrap().contains("is sent"), "{refused}");
        let (status, _) = send(&router, Method::DELETE, &format!("{uri}?version={}", sent["version"]), json!({})).await;
        assert_eq!(status, StatusCode::CONFLICT, "a sent quote is kept");

        let (_, accepted) = step(&router, &sent, "accept").await;
        let accepted = accepted["data"].clone();
        assert_eq!(accepted["status"], "accepted");
        let (status, made) = step(&router, &accepted, "invoice").await;
        assert_eq!(status, StatusCode::CREATED, "{made}");
        let invoice = made["data"].clone();
        assert_eq!((invoice["status"].clone(), invoice["client_id"].clone(), invoice["totals"].clone()), (json!("draft"), json!(client), accepted["totals"].clone()));
        for stale in [json!({"resource": "quotes", "id": accepted["id"]}), json!({"resource": "invoices"}), json!({"resource": "clients", "id": client})] {
            assert!(made["invalidations"].as_array().unwrap().contains(&stale), "{stale} in {made}");
        }
        let (_, reread) = call(&router, Method::GET, &uri, None, STUDIO_A).await;
        assert_eq!((reread["status"].clone(), reread["invoice_id"].clone()), (json!("invoiced"), invoice["id"].clone()));
        let (status, again) = step(&router, &reread, "invoice").await;
        assert_eq!((status, again["error"]["code"].clone()), (StatusCode::CONFLICT, json!("quote_state")));
        let (_, invoices) = call(&router, Method::GET, "/api/invoices", None, STUDIO_A).await;
        assert_eq!(invoices["items"].as_array().unwrap().len(), 1);

        let (status, kept) = send(&router, Method::DELETE, &format!("/api/clients/{client}?version=1"), json!({})).await;
        assert_eq!((status, kept["error"]["code"].clone()), (StatusCode::CONFLICT, json!("in_use")));
    }

    fn two_racing_conversions_make_one_invoice(store) {
        let router = router(store);
        let client = client(&router, "Marc Dubois").await;
        let draft = quote(&router, &client, json!({})).await;
        let sent = step(&router, &draft, "send").await.1["data"].clone();
        let accepted = step(&router, &sent, "accept").await.1["data"].clone();
        let (a, b) = tokio::join!(step(&router, &accepted, "invoice"), step(&router, &accepted, "invoice"));
        let mut statuses = [a.0, b.0];
        statuses.sort();
        assert_eq!(statuses, [StatusCode::CREATED, StatusCode::CONFLICT], "{} / {}", a.1, b.1);
        let (_, invoices) = call(&router, Method::GET, "/api/invoices", None, STUDIO_A).await;
        assert_eq!(invoices["items"].as_array().unwrap().len(), 1);
    }

    fn a_rejected_or_expired_quote_cannot_be_accepted_and_a_draft_is_deleted(store) {
        let router = router(store);
        let client = client(&router, "Blue Harbor Records").await;
        let yesterday = today().yesterday().unwrap().to_string();
        let late = quote(&router, &client, json!({"valid_until": yesterday})).await;
        let sent = step(&router, &late, "send").await.1["data"].clone();
        let uri = format!("/api/quotes/{}", sent["id"].as_str().unwrap());
        assert_eq!(call(&router, Method::GET, &uri, None, STUDIO_A).await.1["status"], "expired");
        let (status, refused) = step(&router, &sent, "accept").await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert!(refused["error"]["message"].as_str().unwrap().contains("expired"), "{refused}");

        let other = quote(&router, &client, json!({})).await;
        assert_eq!(other["number"], format!("D-{}-0002", today().year()));
        let sent = step(&router, &other, "send").await.1["data"].clone();
        let rejected = step(&router, &sent, "reject").await.1["data"].clone();
        assert_eq!(rejected["status"], "rejected");
        assert_eq!(step(&router, &rejected, "accept").await.0, StatusCode::CONFLICT);

        let empty = quote(&router, &client, json!({"lines": []})).await;
        let (status, refused) = step(&router, &empty, "send").await;
        assert_eq!((status, refused["error"]["problem"]["problems"]["lines"]["code"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("no_lines")));
        let uri = format!("/api/quotes/{}", empty["id"].as_str().unwrap());
        assert_eq!(send(&router, Method::DELETE, &format!("{uri}?version=1"), json!({})).await.0, StatusCode::OK);
        assert_eq!(call(&router, Method::GET, &uri, None, STUDIO_A).await.0, StatusCode::NOT_FOUND);
    }

    fn a_quote_links_only_a_project_of_its_own_client(store) {
        let router = router(store);
        let (lea, marc) = (client(&router, "Léa Martin").await, client(&router, "Marc Dubois").await);
        let (_, project) = send(&router, Method::POST, "/api/projects", json!({"client_id": lea, "name": "Lumières"})).await;
        let project_id = project["data"]["id"].clone();
        let body = json!({"client_id": marc, "project_id": project_id, "lines": []});
        let (status, refused) = send(&router, Method::POST, "/api/quotes", body).await;
        assert_eq!((status, refused["error"]["problem"]["problems"]["project_id"]["code"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("no_such")), "{refused}");
        let linked = quote(&router, &lea, json!({"project_id": project_id})).await;
        assert_eq!(linked["project_id"], project_id);
    }
}
