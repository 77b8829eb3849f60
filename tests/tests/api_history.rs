//! The history and undo, on both stores: every write is recorded with who made it, through what, and its fields
//! before and after; undo restores them through the domain's rules, and only if nothing changed since.

mod common;

use axum::{
    Router,
    body::Body,
    http::{Method, Request, StatusCode},
};
use common::{STUDIO_A, call, send};
use serde_json::{Value, json};

/// Sends a JSON request as `person` of studio A.
async fn as_person(
    router: &Router,
    person: &str,
    method: Method,
    uri: &str,
    body: Option<Value>,
) -> (StatusCode, Value) {
    let request = Request::builder()
        .method(method)
        .uri(uri)
        .header("x-studio", STUDIO_A)
        .header("x-studio-person", person)
        .header("content-type", "application/json")
        .body(body.map_or_else(Body::empty, |b| Body::from(b.to_string())))
        .unwrap();
    send(router, request).await
}

async fn activity(router: &Router, query: &str) -> Vec<Value> {
    let (status, page) = call(
        router,
        Method::GET,
        &format!("/api/activity{query}"),
        None,
        STUDIO_A,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    page["items"].as_array().unwrap().clone()
}

async fn undo(router: &Router, activity: &str) -> (StatusCode, Value) {
    call(
        router,
        Method::POST,
        &format!("/api/activity/{activity}/undo"),
        None,
        STUDIO_A,
    )
    .await
}

fn field<'a>(entry: &'a Value, name: &str) -> &'a Value {
    entry["fields"]
        .as_array()
        .unwrap()
        .iter()
        .find(|f| f["field"] == name)
        .unwrap_or_else(|| panic!("no field {name} in {entry}"))
}

on_both_stores! {
    fn every_write_is_recorded_with_its_person_channel_and_fields(store) {
        let router = common::router(store);
        let (status, created) = as_person(&router, "ana@studio.test", Method::POST, "/api/clients", Some(json!({"name": "Cache Test", "email": "cache-test@example.com"}))).await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        let id = created["data"]["id"].as_str().unwrap().to_owned();
        let (status, _) = as_person(&router, "bob@studio.test", Method::PATCH, &format!("/api/clients/{id}"), Some(json!({"version": 1, "phone": "0601020304"}))).await;
        assert_eq!(status, StatusCode::OK);

        let all = activity(&router, "").await;
        assert_eq!(all.len(), 2, "{all:?}");
        let (update, creation) = (&all[0], &all[1]);
        assert_eq!(update["person"], "bob@studio.test", "newest first");
        assert_eq!(update["via"], json!({"kind": "form"}));
        let entry = &update["entries"][0];
        assert_eq!((entry["resource"].as_str(), entry["op"].as_str(), entry["version"].as_u64()), (Some("clients"), Some("updated"), Some(2)));
        assert_eq!(entry["label"], "Cache Test");
        assert_eq!(field(entry, "phone"), &json!({"field": "phone", "after": "0601020304"}));
        assert_eq!(entry["fields"].as_array().unwrap().len(), 1, "only what changed: {entry}");
        assert_eq!(creation["person"], "ana@studio.test");
        assert_eq!(field(&creation["entries"][0], "email")["after"], "cache-test@example.com");

        let mine = activity(&router, &format!("?resource=clients&id={id}")).await;
        assert_eq!(mine.iter().map(|a| a["id"].clone()).collect::<Vec<_>>(), all.iter().map(|a| a["id"].clone()).collect::<Vec<_>>());
        assert_eq!(activity(&router, "?person=ana@studio.test").await.len(), 1);
        assert!(activity(&router, "?via=assistant").await.is_empty());
        assert!(activity(&router, "?resource=rooms").await.is_empty());
        let (status, page) = call(&router, Method::GET, "/api/activity?limit=1", None, STUDIO_A).await;
        assert_eq!(status, StatusCode::OK);
        let cursor = page["next_cursor"].as_str().expect("a cursor to the older record");
        let older = activity(&router, &format!("?limit=1&cursor={cursor}")).await;
        assert_eq!(older[0]["id"], creation["id"]);
        let (status, body) = call(&router, Method::GET, "/api/activity?limit=0", None, STUDIO_A).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
    }

    fn undo_restores_an_update_and_a_creation_and_is_itself_recorded(store) {
        let router = common::router(store);
        let (_, created) = as_person(&router, "ana@studio.test", Method::POST, "/api/clients", Some(json!({"name": "Cache Test", "notes": "Piano"}))).await;
        let id = created["data"]["id"].as_str().unwrap().to_owned();
        let (_, updated) = as_person(&router, "ana@studio.test", Method::PATCH, &format!("/api/clients/{id}"), Some(json!({"version": 1, "name": "Cash Test", "notes": ""}))).await;
        assert_eq!(updated["data"]["name"], "Cash Test");
        let records = activity(&router, "").await;

        let (status, undone) = undo(&router, records[0]["id"].as_str().unwrap()).await;
        assert_eq!(status, StatusCode::OK, "{undone}");
        assert!(undone["invalidations"].as_array().unwrap().contains(&json!({"resource": "clients", "id": id})), "{undone}");
        let (_, client) = call(&router, Method::GET, &format!("/api/clients/{id}"), None, STUDIO_A).await;
        assert_eq!((client["name"].as_str(), client["notes"].as_str()), (Some("Cache Test"), Some("Piano")));
        let latest = &activity(&router, "").await[0];
        assert_eq!(latest["via"], json!({"kind": "undo", "activity": records[0]["id"]}));

        // The creation's record left version 1; the client is at 3 now, so undoing it is refused and nothing goes.
        let (status, refused) = undo(&router, records[1]["id"].as_str().unwrap()).await;
        assert_eq!(status, StatusCode::CONFLICT, "{refused}");
        assert_eq!(refused["error"]["code"], "changed_since");
        let (status, _) = call(&router, Method::GET, &format!("/api/clients/{id}"), None, STUDIO_A).await;
        assert_eq!(status, StatusCode::OK);

        let (_, fresh) = call(&router, Method::POST, "/api/clients", Some(json!({"name": "Undone"})), STUDIO_A).await;
        let fresh_id = fresh["data"]["id"].as_str().unwrap().to_owned();
        let record = activity(&router, "").await[0]["id"].as_str().unwrap().to_owned();
        let (status, body) = undo(&router, &record).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (status, _) = call(&router, Method::GET, &format!("/api/clients/{fresh_id}"), None, STUDIO_A).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "undoing a creation deletes it");
    }

    fn a_record_says_whether_undo_can_restore_it(store) {
        let router = common::router(store);
        let (_, created) = call(&router, Method::POST, "/api/clients", Some(json!({"name": "Léa"})), STUDIO_A).await;
        let id = created["data"]["id"].as_str().unwrap().to_owned();
        let lines = json!([{"description": "Mix", "quantity": "1", "unit_price": 10000}]);
        let (_, draft) = call(&router, Method::POST, "/api/invoices", Some(json!({"client_id": id, "lines": lines})), STUDIO_A).await;
        let invoice = draft["data"]["id"].as_str().unwrap().to_owned();
        let (status, _) = call(&router, Method::POST, &format!("/api/invoices/{invoice}/issue"), Some(json!({"version": 1})), STUDIO_A).await;
        assert_eq!(status, StatusCode::OK);
        let (status, _) = call(&router, Method::POST, "/api/payments", Some(json!({"invoice_id": invoice, "amount": 1000})), STUDIO_A).await;
        assert_eq!(status, StatusCode::CREATED);
        let (_, other) = call(&router, Method::POST, "/api/clients", Some(json!({"name": "Gone"})), STUDIO_A).await;
        let gone = other["data"]["id"].as_str().unwrap();
        let (status, _) = call(&router, Method::DELETE, &format!("/api/clients/{gone}?version=1"), None, STUDIO_A).await;
        assert_eq!(status, StatusCode::OK);
        // Newest first: the deletion, the other client's creation, the payment, the issue, the draft, the client.
        let undoable: Vec<bool> = activity(&router, "").await.iter().map(|r| r["undoable"] == true).collect();
        assert_eq!(undoable, [false, true, false, false, true, true]);
        let entity: Vec<bool> = activity(&router, &format!("?resource=invoices&id={invoice}")).await.iter().map(|r| r["undoable"] == true).collect();
        assert_eq!(entity, [false, false, true], "an entity's history says the same of each record");
    }

    fn undo_after_someone_else_edited_is_refused_and_changes_nothing(store) {
        let router = common::router(store);
        let (_, created) = call(&router, Method::POST, "/api/clients", Some(json!({"name": "Léa"})), STUDIO_A).await;
        let id = created["data"]["id"].as_str().unwrap().to_owned();
        let (status, _) = call(&router, Method::PATCH, &format!("/api/clients/{id}"), Some(json!({"version": 1, "phone": "01"})), STUDIO_A).await;
        assert_eq!(status, StatusCode::OK);
        let record = activity(&router, "").await[0]["id"].as_str().unwrap().to_owned();
        as_person(&router, "bob@studio.test", Method::PATCH, &format!("/api/clients/{id}"), Some(json!({"version": 2, "phone": "02"}))).await;
        let (status, refused) = undo(&router, &record).await;
        assert_eq!(status, StatusCode::CONFLICT, "{refused}");
        assert_eq!(refused["error"]["code"], "changed_since");
        assert!(refused["error"]["message"].as_str().unwrap().contains("changed since"), "{refused}");
        let (_, client) = call(&router, Method::GET, &format!("/api/clients/{id}"), None, STUDIO_A).await;
        assert_eq!(client["phone"], "02");
    }

    fn undoing_a_cancellation_books_the_session_again_only_if_its_slot_is_free(store) {
        let router = common::router(store);
        let (_, client) = call(&router, Method::POST, "/api/clients", Some(json!({"name": "Léa"})), STUDIO_A).await;
        let (_, room) = call(&router, Method::POST, "/api/rooms", Some(json!({"name": "Studio A", "hourly_rate": 5000})), STUDIO_A).await;
        let booking = |start: &str, end: &str| json!({"client_id": client["data"]["id"], "room_id": room["data"]["id"], "start": start, "end": end, "title": "Voix"});
        let book = |body: Value| { let router = router.clone(); async move { call(&router, Method::POST, "/api/sessions", Some(body), STUDIO_A).await } };
        let (_, first) = book(booking("2027-03-10T10:00:00Z", "2027-03-10T12:00:00Z")).await;
        let uri = format!("/api/sessions/{}", first["data"]["id"].as_str().unwrap());
        let (status, _) = call(&router, Method::PATCH, &uri, Some(json!({"version": 1, "status": "cancelled"})), STUDIO_A).await;
        assert_eq!(status, StatusCode::OK);
        let cancellation = activity(&router, "").await[0]["id"].as_str().unwrap().to_owned();

        let (status, other) = book(booking("2027-03-10T11:00:00Z", "2027-03-10T13:00:00Z")).await;
        assert_eq!(status, StatusCode::CREATED, "{other}");
        let (status, refused) = undo(&router, &cancellation).await;
        assert_eq!(status, StatusCode::CONFLICT, "{refused}");
        assert_eq!(refused["error"]["code"], "booked", "the calendar's rule holds for an undo too");

        let (status, _) = call(&router, Method::DELETE, &format!("/api/sessions/{}?version=1", other["data"]["id"].as_str().unwrap()), None, STUDIO_A).await;
        assert_eq!(status, StatusCode::OK);
        let (status, body) = undo(&router, &cancellation).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        let (_, session) = call(&router, Method::GET, &uri, None, STUDIO_A).await;
        assert_eq!(session["status"], "scheduled");
    }
}
