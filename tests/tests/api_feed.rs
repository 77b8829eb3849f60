//! The change feed, on both stores: every committed write shows up once, with its invalidations, for the other
//! browsers of the same studio only.

mod common;

use axum::{
    Router,
    body::Body,
    http::{Method, Request, StatusCode},
};
use common::{STUDIO_A, STUDIO_B, call, router, send};
use serde_json::{Value, json};

async fn create_from(router: &Router, origin: &str, name: &str) -> String {
    let request = Request::post("/api/clients")
        .header("content-type", "application/json")
        .header("x-studio", STUDIO_A)
        .header("x-studio-origin", origin)
        .body(Body::from(json!({ "name": name }).to_string()))
        .unwrap();
    let (status, created) = send(router, request).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    created["data"]["id"].as_str().unwrap().to_owned()
}

async fn feed(router: &Router, query: &str, studio: &str) -> Value {
    let (status, page) = call(
        router,
        Method::GET,
        &format!("/api/changes{query}"),
        None,
        studio,
    )
    .await;
    assert_eq!(status, StatusCode::OK, "{page}");
    page
}

on_both_stores! {
    fn other_browsers_see_each_write_once_with_its_invalidations(store) {
        let router = router(store);
        let start = feed(&router, "", STUDIO_A).await;
        assert_eq!(start["changes"], json!([]));
        let cursor = start["cursor"].as_str().unwrap().to_owned();

        let id = create_from(&router, "browser-1", "Cache Test").await;
        let seen_elsewhere = feed(&router, &format!("?since={cursor}&origin=browser-2"), STUDIO_A).await;
        let changes = seen_elsewhere["changes"].as_array().unwrap();
        assert_eq!(changes.len(), 1);
        assert_eq!(changes[0]["invalidations"], json!([{"resource": "clients"}, {"resource": "clients", "id": id}]));

        let own = feed(&router, &format!("?since={cursor}&origin=browser-1"), STUDIO_A).await;
        assert_eq!(own["changes"], json!([]), "a browser does not get its own writes back");

        // Reading again from the new cursor may repeat recent changes (clock overlap), never with a new id.
        let next = seen_elsewhere["cursor"].as_str().unwrap();
        let again = feed(&router, &format!("?since={next}&origin=browser-2"), STUDIO_A).await;
        assert!(again["changes"].as_array().unwrap().iter().all(|c| c["id"] == changes[0]["id"]), "{again}");

        let other_studio = feed(&router, &format!("?since={cursor}"), STUDIO_B).await;
        assert_eq!(other_studio["changes"], json!([]));
        let (status, _) = call(&router, Method::GET, "/api/changes?since=nonsense", None, STUDIO_A).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }

    fn refused_and_empty_writes_leave_no_trace_in_the_feed(store) {
        let router = router(store);
        let cursor = feed(&router, "", STUDIO_A).await["cursor"].as_str().unwrap().to_owned();
        let (status, _) = call(&router, Method::POST, "/api/clients", Some(json!({"name": " "})), STUDIO_A).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let (_, chat) = call(&router, Method::POST, "/api/chat", Some(json!({"message": "How many clients?"})), STUDIO_A).await;
        assert_eq!(chat["invalidations"], json!([]));
        assert_eq!(feed(&router, &format!("?since={cursor}"), STUDIO_A).await["changes"], json!([]));
    }
}
