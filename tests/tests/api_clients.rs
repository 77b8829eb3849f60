//! `/api/clients` through the API router, on both stores: CRUD, invalidations, bad input, versions, isolation.

mod common;

use axum::{
    body::Body,
    http::{Method, Request, StatusCode},
};
use common::{STUDIO_A, STUDIO_B, call, router, send};
use serde_json::{Value, json};

async fn create(router: &axum::Router, body: Value) -> (StatusCode, Value) {
    call(router, Method::POST, "/api/clients", Some(body), STUDIO_A).await
}

async fn count(router: &axum::Router, studio: &str) -> usize {
    let (status, page) = call(router, Method::GET, "/api/clients?limit=200", None, studio).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    page["items"].as_array().expect("items").len()
}

on_both_stores! {
    fn creating_a_client_returns_it_with_its_invalidations(store) {
        let router = router(store);
        let (status, body) = create(&router, json!({"name": "  Cache Test ", "email": "cache-test@example.com"})).await;
        assert_eq!(status, StatusCode::CREATED, "{body}");
        let id = body["data"]["id"].as_str().unwrap();
        assert_eq!(body["data"]["name"], "Cache Test");
        assert_eq!(body["data"]["version"], 1);
        assert_eq!(body["invalidations"], json!([{"resource": "clients"}, {"resource": "clients", "id": id}]));
        let (status, fetched) = call(&router, Method::GET, &format!("/api/clients/{id}"), None, STUDIO_A).await;
        assert_eq!((status, fetched["email"].clone()), (StatusCode::OK, json!("cache-test@example.com")));
    }

    fn a_duplicate_email_in_any_case_is_refused_and_nothing_is_written(store) {
        let router = router(store);
        assert_eq!(create(&router, json!({"name": "A", "email": "dup@example.com"})).await.0, StatusCode::CREATED);
        let (status, body) = create(&router, json!({"name": "B", "email": "DUP@Example.com"})).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(body["error"]["code"], "duplicate");
        assert!(body["error"]["fields"]["email"].as_str().unwrap().contains("DUP@Example.com"));
        assert_eq!(count(&router, STUDIO_A).await, 1);
    }

    fn bad_input_gets_a_clear_error_and_writes_nothing(store) {
        let router = router(store);
        let long_name = "x".repeat(201);
        let cases = [
            (json!({"name": "A", "email": "not-an-email"}), StatusCode::UNPROCESSABLE_ENTITY, "email"),
            (json!({"name": "   "}), StatusCode::UNPROCESSABLE_ENTITY, "name"),
            (json!({"name": long_name}), StatusCode::UNPROCESSABLE_ENTITY, "name"),
            (json!({"name": "A", "phone": "call me"}), StatusCode::UNPROCESSABLE_ENTITY, "phone"),
        ];
        for (body, expected, field) in cases {
            let (status, error) = create(&router, body).await;
            assert_eq!(status, expected, "{error}");
            assert!(error["error"]["fields"][field].is_string(), "no message for {field}: {error}");
        }
        let (status, error) = create(&router, json!({"name": "A", "nmae": "typo"})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(error["error"]["problem"]["problems"]["nmae"]["code"], "unknown_field", "{error}");
        assert!(error["error"]["fields"]["nmae"].as_str().unwrap().contains("not a field"), "{error}");

        let malformed = Request::post("/api/clients").header("content-type", "application/json").body(Body::from("{\"name\":")).unwrap();
        let (status, error) = send(&router, malformed).await;
        assert_eq!((status, error["error"]["code"].clone()), (StatusCode::BAD_REQUEST, json!("bad_request")));

        let huge = json!({"name": "A", "notes": "n".repeat(100 * 1024)}).to_string();
        let too_large = Request::post("/api/clients").header("content-type", "application/json").body(Body::from(huge)).unwrap();
        let (status, error) = send(&router, too_large).await;
        assert_eq!((status, error["error"]["code"].clone()), (StatusCode::PAYLOAD_TOO_LARGE, json!("too_large")));

        let text = Request::post("/api/clients").header("content-type", "text/plain").body(Body::from("{}")).unwrap();
        assert_eq!(send(&router, text).await.0, StatusCode::UNSUPPORTED_MEDIA_TYPE);

        assert_eq!(count(&router, STUDIO_A).await, 0);
    }

    fn an_update_needs_the_current_version(store) {
        let router = router(store);
        let (_, created) = create(&router, json!({"name": "Old", "email": "old@example.com"})).await;
        let id = created["data"]["id"].as_str().unwrap().to_owned();
        let uri = format!("/api/clients/{id}");
        let (status, updated) = call(&router, Method::PATCH, &uri, Some(json!({"version": 1, "name": "New"})), STUDIO_A).await;
        assert_eq!(status, StatusCode::OK, "{updated}");
        assert_eq!((updated["data"]["name"].clone(), updated["data"]["version"].clone()), (json!("New"), json!(2)));
        assert_eq!(updated["invalidations"], json!([{"resource": "clients"}, {"resource": "clients", "id": id}]));

        let (status, stale) = call(&router, Method::PATCH, &uri, Some(json!({"version": 1, "name": "Lost"})), STUDIO_A).await;
        assert_eq!((status, stale["error"]["code"].clone()), (StatusCode::CONFLICT, json!("conflict")));
        let (_, current) = call(&router, Method::GET, &uri, None, STUDIO_A).await;
        assert_eq!(current["name"], "New");
    }

    fn an_unchanged_update_writes_nothing_and_invalidates_nothing(store) {
        let router = router(store);
        let (_, created) = create(&router, json!({"name": "Same"})).await;
        let uri = format!("/api/clients/{}", created["data"]["id"].as_str().unwrap());
        let (status, body) = call(&router, Method::PATCH, &uri, Some(json!({"version": 1, "name": " Same "})), STUDIO_A).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!((body["data"]["version"].clone(), body["invalidations"].clone()), (json!(1), json!([])));
    }

    fn changing_or_deleting_frees_the_old_email(store) {
        let router = router(store);
        let (_, first) = create(&router, json!({"name": "First", "email": "shared@example.com"})).await;
        let uri = format!("/api/clients/{}", first["data"]["id"].as_str().unwrap());
        let (status, _) = call(&router, Method::PATCH, &uri, Some(json!({"version": 1, "email": "moved@example.com"})), STUDIO_A).await;
        assert_eq!(status, StatusCode::OK);
        let (status, second) = create(&router, json!({"name": "Second", "email": "shared@example.com"})).await;
        assert_eq!(status, StatusCode::CREATED, "the old email is free again");
        assert_eq!(create(&router, json!({"name": "Third", "email": "moved@example.com"})).await.0, StatusCode::CONFLICT);

        let second_uri = format!("/api/clients/{}", second["data"]["id"].as_str().unwrap());
        let (status, stale) = call(&router, Method::DELETE, &format!("{second_uri}?version=7"), None, STUDIO_A).await;
        assert_eq!((status, stale["error"]["code"].clone()), (StatusCode::CONFLICT, json!("conflict")));
        let (status, deleted) = call(&router, Method::DELETE, &format!("{second_uri}?version=1"), None, STUDIO_A).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(deleted["invalidations"][0], json!({"resource": "clients"}));
        assert_eq!(call(&router, Method::GET, &second_uri, None, STUDIO_A).await.0, StatusCode::NOT_FOUND);
        assert_eq!(create(&router, json!({"name": "Fourth", "email": "shared@example.com"})).await.0, StatusCode::CREATED);
    }

    fn lists_page_with_a_cursor_and_filter_by_text(store) {
        let router = router(store);
        for name in ["Alice Martin", "Bob Stone", "Élodie Martin", "Dan Brown", "Eve Martinez"] {
            assert_eq!(create(&router, json!({"name": name})).await.0, StatusCode::CREATED);
        }
        let (_, first) = call(&router, Method::GET, "/api/clients?limit=2", None, STUDIO_A).await;
        let names = |page: &Value| page["items"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_owned()).collect::<Vec<_>>();
        assert_eq!(names(&first), ["Alice Martin", "Bob Stone"]);
        let cursor = first["next_cursor"].as_str().expect("a next page");
        let (_, rest) = call(&router, Method::GET, &format!("/api/clients?limit=10&cursor={cursor}"), None, STUDIO_A).await;
        assert_eq!(names(&rest), ["Élodie Martin", "Dan Brown", "Eve Martinez"]);
        assert!(rest.get("next_cursor").is_none());

        let (_, found) = call(&router, Method::GET, "/api/clients?q=MARTIN&limit=2", None, STUDIO_A).await;
        assert_eq!(names(&found), ["Alice Martin", "Élodie Martin"]);
        let cursor = found["next_cursor"].as_str().expect("a next page of matches");
        let (_, more) = call(&router, Method::GET, &format!("/api/clients?q=martin&cursor={cursor}"), None, STUDIO_A).await;
        assert_eq!(names(&more), ["Eve Martinez"]);

        let (_, accents) = call(&router, Method::GET, "/api/clients?q=elodie", None, STUDIO_A).await;
        assert_eq!(names(&accents), ["Élodie Martin"]);
        let (status, _) = call(&router, Method::GET, "/api/clients?limit=abc", None, STUDIO_A).await;
        assert_eq!(status, StatusCode::BAD_REQUEST);
        let (status, _) = call(&router, Method::GET, "/api/clients?cursor=nonsense", None, STUDIO_A).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    }

    fn another_studio_can_neither_see_nor_change_a_client(store) {
        let router = router(store);
        let (_, created) = create(&router, json!({"name": "Private", "email": "private@example.com"})).await;
        let uri = format!("/api/clients/{}", created["data"]["id"].as_str().unwrap());
        assert_eq!(count(&router, STUDIO_B).await, 0);
        assert_eq!(call(&router, Method::GET, &uri, None, STUDIO_B).await.0, StatusCode::NOT_FOUND);
        let patch = Some(json!({"version": 1, "name": "Hijacked"}));
        assert_eq!(call(&router, Method::PATCH, &uri, patch, STUDIO_B).await.0, StatusCode::NOT_FOUND);
        assert_eq!(call(&router, Method::DELETE, &format!("{uri}?version=1"), None, STUDIO_B).await.0, StatusCode::NOT_FOUND);
        // Emails are unique per studio, not across studios.
        let (status, _) = call(&router, Method::POST, "/api/clients", Some(json!({"name": "Other", "email": "private@example.com"})), STUDIO_B).await;
        assert_eq!(status, StatusCode::CREATED);
        let (_, still) = call(&router, Method::GET, &uri, None, STUDIO_A).await;
        assert_eq!(still["name"], "Private");
    }

    fn fifty_racing_creations_with_one_email_make_one_client(store) {
        let router = router(store);
        let attempts = (0..50).map(|i| {
            let router = router.clone();
            tokio::spawn(async move { create(&router, json!({"name": format!("Racer {i}"), "email": "race@example.com"})).await.0 })
        });
        let statuses: Vec<StatusCode> = futures::future::join_all(attempts).await.into_iter().map(Result::unwrap).collect();
        let created = statuses.iter().filter(|s| **s == StatusCode::CREATED).count();
        let refused = statuses.iter().filter(|s| **s == StatusCode::CONFLICT).count();
        assert_eq!((created, refused), (1, 49));
        assert_eq!(count(&router, STUDIO_A).await, 1);
    }
}

on_both_stores! {
    fn a_delete_without_the_version_is_refused_with_428_and_deletes_nothing(store) {
        let router = router(store);
        let (_, created) = call(&router, Method::POST, "/api/clients", Some(json!({"name": "Cache Test"})), STUDIO_A).await;
        let uri = format!("/api/clients/{}", created["data"]["id"].as_str().unwrap());
        let (status, refused) = call(&router, Method::DELETE, &uri, None, STUDIO_A).await;
        assert_eq!(status, StatusCode::PRECONDITION_REQUIRED, "{refused}");
        assert_eq!(refused["error"]["problem"]["problems"]["version"]["code"], "required", "{refused}");
        assert_eq!(call(&router, Method::GET, &uri, None, STUDIO_A).await.0, StatusCode::OK);
        assert_eq!(call(&router, Method::DELETE, &format!("{uri}?version=1"), None, STUDIO_A).await.0, StatusCode::OK);
    }
}

on_both_stores! {
    fn ids_name_the_clients_to_read_together_and_nothing_else(store) {
        let router = router(store);
        let mut ids = Vec::new();
        for name in ["Ann", "Bob", "Cid"] {
            let (_, created) = create(&router, json!({"name": name})).await;
            ids.push(created["data"]["id"].as_str().unwrap().to_owned());
        }
        // In the order asked, an unknown id left out, another studio's client invisible.
        let (_, other) = call(&router, Method::POST, "/api/clients", Some(json!({"name": "Theirs"})), STUDIO_B).await;
        let unknown = "01ARZ3NDEKTSV4RRFFQ69G5FAV";
        let theirs = other["data"]["id"].as_str().unwrap();
        let uri = format!("/api/clients?ids={},{unknown},{},{theirs}", ids[2], ids[0]);
        let (status, page) = call(&router, Method::GET, &uri, None, STUDIO_A).await;
        assert_eq!(status, StatusCode::OK, "{page}");
        let names: Vec<&str> = page["items"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap()).collect();
        assert_eq!(names, ["Cid", "Ann"]);
        assert!(page["next_cursor"].is_null());

        // Not an id, or more than a page of them: 422 on `ids`.
        let (status, refused) = call(&router, Method::GET, "/api/clients?ids=nope", None, STUDIO_A).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
        assert!(refused["error"]["fields"]["ids"].as_str().unwrap().contains("nope"), "{refused}");
        let many = vec![ids[0].as_str(); 201].join(",");
        let (status, refused) = call(&router, Method::GET, &format!("/api/clients?ids={many}"), None, STUDIO_A).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
        assert!(refused["error"]["fields"]["ids"].is_string(), "{refused}");
    }
}

on_both_stores! {
    fn a_list_reads_from_its_newest_entity_page_by_page_with_order_newest(store) {
        let router = router(store);
        for name in ["Ann", "Bob", "Cid"] {
            assert_eq!(create(&router, json!({"name": name})).await.0, StatusCode::CREATED);
        }
        let names = |page: &Value| page["items"].as_array().unwrap().iter().map(|c| c["name"].as_str().unwrap().to_owned()).collect::<Vec<_>>();
        let (status, first) = call(&router, Method::GET, "/api/clients?order=newest&limit=2", None, STUDIO_A).await;
        assert_eq!(status, StatusCode::OK, "{first}");
        assert_eq!(names(&first), ["Cid", "Bob"]);
        let cursor = first["next_cursor"].as_str().expect("a next page");
        let (_, second) = call(&router, Method::GET, &format!("/api/clients?order=newest&limit=2&cursor={cursor}"), None, STUDIO_A).await;
        assert_eq!(names(&second), ["Ann"]);
        assert!(second["next_cursor"].is_null());
        let (_, oldest) = call(&router, Method::GET, "/api/clients?limit=2", None, STUDIO_A).await;
        assert_eq!(names(&oldest), ["Ann", "Bob"]);

        let (status, refused) = call(&router, Method::GET, "/api/clients?order=sideways", None, STUDIO_A).await;
        assert_eq!(status, StatusCode::BAD_REQUEST, "{refused}");
        assert!(refused["error"]["message"].as_str().unwrap().contains("newest"), "{refused}");
    }
}
