//! Projects and their tracks through the API router, on both stores: typed fields, versions, tracks changed
//! with their project's version, and a client with projects kept.

mod common;

use axum::{
    Router,
    http::{Method, StatusCode},
};
use common::{STUDIO_A, call, router};
use serde_json::{Value, json};

async fn send(router: &Router, method: Method, uri: &str, body: Value) -> (StatusCode, Value) {
    call(router, method, uri, Some(body), STUDIO_A).await
}

async fn client(router: &Router) -> String {
    let (status, created) = send(
        router,
        Method::POST,
        "/api/clients",
        json!({"name": "Léa Martin"}),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    created["data"]["id"].as_str().unwrap().to_owned()
}

on_both_stores! {
    fn a_session_works_on_a_project_of_its_client_which_lists_it_and_is_kept(store) {
        let router = router(store);
        let client = client(&router).await;
        let (_, other) = send(&router, Method::POST, "/api/clients", json!({"name": "Marc Dubois"})).await;
        let (_, room) = send(&router, Method::POST, "/api/rooms", json!({"name": "Studio A", "hourly_rate": 5000})).await;
        let (_, project) = send(&router, Method::POST, "/api/projects", json!({"client_id": client, "name": "Lumières"})).await;
        let id = project["data"]["id"].as_str().unwrap().to_owned();
        let booking = |who: &Value, hour: u32| json!({"client_id": who, "room_id": room["data"]["id"], "project_id": id,
            "start": format!("2027-03-10T{hour:02}:00:00Z"), "end": format!("2027-03-10T{:02}:00:00Z", hour + 2)});

        let (status, refused) = send(&router, Method::POST, "/api/sessions", booking(&other["data"]["id"], 8)).await;
        assert_eq!((status, refused["error"]["problem"]["problems"]["project_id"]["code"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("no_such")), "{refused}");
        let (status, session) = send(&router, Method::POST, "/api/sessions", booking(&json!(client), 10)).await;
        assert_eq!(status, StatusCode::CREATED, "{session}");
        assert!(session["invalidations"].as_array().unwrap().contains(&json!({"resource": "projects", "id": id})), "the project page shows its sessions: {session}");
        let (_, listed) = call(&router, Method::GET, &format!("/api/sessions?project={id}"), None, STUDIO_A).await;
        assert_eq!(listed["items"].as_array().unwrap().len(), 1, "{listed}");

        let uri = format!("/api/projects/{id}");
        let (status, kept) = send(&router, Method::DELETE, &format!("{uri}?version=1"), json!({})).await;
        assert_eq!((status, kept["error"]["problem"]["dependents"].clone()), (StatusCode::CONFLICT, json!("sessions")), "{kept}");
        let session_uri = format!("/api/sessions/{}", session["data"]["id"].as_str().unwrap());
        let (status, unlinked) = send(&router, Method::PATCH, &session_uri, json!({"version": 1, "project_id": ""})).await;
        assert_eq!(status, StatusCode::OK, "{unlinked}");
        let (_, listed) = call(&router, Method::GET, &format!("/api/sessions?project={id}"), None, STUDIO_A).await;
        assert_eq!(listed["items"], json!([]));
        assert_eq!(send(&router, Method::DELETE, &format!("{uri}?version=1"), json!({})).await.0, StatusCode::OK);
    }

    fn a_project_named_by_an_invoice_or_a_quote_is_kept_and_only_its_client_s_documents_name_it(store) {
        let router = router(store);
        let client = client(&router).await;
        let (_, other) = send(&router, Method::POST, "/api/clients", json!({"name": "Marc Dubois"})).await;
        let (_, project) = send(&router, Method::POST, "/api/projects", json!({"client_id": client, "name": "Lumières"})).await;
        let id = project["data"]["id"].as_str().unwrap().to_owned();
        let lines = json!([{"description": "Mix", "quantity": "1", "unit_price": 10000}]);

        let theirs = json!({"client_id": other["data"]["id"], "project_id": id, "lines": lines});
        let (status, refused) = send(&router, Method::POST, "/api/invoices", theirs).await;
        assert_eq!((status, refused["error"]["problem"]["problems"]["project_id"]["code"].clone()), (StatusCode::UNPROCESSABLE_ENTITY, json!("no_such")), "{refused}");

        let (status, invoice) = send(&router, Method::POST, "/api/invoices", json!({"client_id": client, "project_id": id, "lines": lines})).await;
        assert_eq!((status, invoice["data"]["project_id"].clone()), (StatusCode::CREATED, json!(id)), "{invoice}");
        let uri = format!("/api/projects/{id}");
        let (status, kept) = send(&router, Method::DELETE, &format!("{uri}?version=1"), json!({})).await;
        assert_eq!((status, kept["error"]["problem"]["dependents"].clone()), (StatusCode::CONFLICT, json!("invoices")), "{kept}");

        // Unlinking the draft frees the project; a quote made for it keeps it again, and its invoice carries it.
        let invoice_uri = format!("/api/invoices/{}", invoice["data"]["id"].as_str().unwrap());
        let (status, unlinked) = send(&router, Method::PATCH, &invoice_uri, json!({"version": 1, "project_id": ""})).await;
        assert_eq!((status, unlinked["data"].get("project_id")), (StatusCode::OK, None), "{unlinked}");
        let (status, quote) = send(&router, Method::POST, "/api/quotes", json!({"client_id": client, "project_id": id, "lines": lines})).await;
        assert_eq!(status, StatusCode::CREATED, "{quote}");
        let (status, kept) = send(&router, Method::DELETE, &format!("{uri}?version=1"), json!({})).await;
        assert_eq!((status, kept["error"]["problem"]["dependents"].clone()), (StatusCode::CONFLICT, json!("quotes")), "{kept}");
        let quote_uri = format!("/api/quotes/{}", quote["data"]["id"].as_str().unwrap());
        let (_, sent) = send(&router, Method::POST, &format!("{quote_uri}/send"), json!({"version": 1})).await;
        let (_, accepted) = send(&router, Method::POST, &format!("{quote_uri}/accept"), json!({"version": sent["data"]["version"]})).await;
        let (_, made) = send(&router, Method::POST, &format!("{quote_uri}/invoice"), json!({"version": accepted["data"]["version"]})).await;
        assert_eq!(made["data"]["project_id"], json!(id), "{made}");
    }

    fn a_project_is_created_with_typed_fields_and_bad_input_writes_nothing(store) {
        let router = router(store);
        let client = client(&router).await;
        let bad = json!({"client_id": client, "name": " ", "budget": -100, "starts_on": "2027-02-01", "due_on": "2027-01-01"});
        let (status, refused) = send(&router, Method::POST, "/api/projects", bad).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
        let fields: Vec<&String> = refused["error"]["fields"].as_object().unwrap().keys().collect();
        assert_eq!(fields, ["budget", "due_on", "name"]);
        let nobody = json!({"client_id": "01J0000000000000000000000Z", "name": "Album"});
        assert_eq!(send(&router, Method::POST, "/api/projects", nobody).await.0, StatusCode::UNPROCESSABLE_ENTITY);
        assert_eq!(call(&router, Method::GET, "/api/projects", None, STUDIO_A).await.1["items"], json!([]));

        let album = json!({"client_id": client, "name": "Premier album", "artist": "Léa M", "kind": "album", "budget": 500000, "starts_on": "2027-01-04", "due_on": "2027-03-31"});
        let (status, created) = send(&router, Method::POST, "/api/projects", album).await;
        assert_eq!(status, StatusCode::CREATED, "{created}");
        assert_eq!((created["data"]["status"].clone(), created["data"]["budget"].clone()), (json!("pre_production"), json!(500000)));
        assert!(created["invalidations"].as_array().unwrap().contains(&json!({"resource": "clients", "id": client})));
        let (_, found) = call(&router, Method::GET, "/api/projects?q=lea%20m", None, STUDIO_A).await;
        assert_eq!(found["items"].as_array().unwrap().len(), 1, "found by artist, ignoring case and accents");
    }

    fn tracks_change_with_their_project_s_version(store) {
        let router = router(store);
        let client = client(&router).await;
        let (_, project) = send(&router, Method::POST, "/api/projects", json!({"client_id": client, "name": "EP"})).await;
        let id = project["data"]["id"].as_str().unwrap().to_owned();
        let tracks = format!("/api/projects/{id}/tracks");
        let (status, one) = send(&router, Method::POST, &tracks, json!({"version": 1, "title": "Intro", "bpm": 92, "key": "A minor"})).await;
        assert_eq!(status, StatusCode::CREATED, "{one}");
        let (_, two) = send(&router, Method::POST, &tracks, json!({"version": 2, "title": "Nuit", "duration": 215})).await;
        let listed = two["data"]["tracks"].as_array().unwrap().clone();
        assert_eq!((listed[0]["number"].clone(), listed[1]["number"].clone()), (json!(1), json!(2)));
        assert_eq!(send(&router, Method::POST, &tracks, json!({"version": 1, "title": "Late"})).await.0, StatusCode::CONFLICT, "stale version");
        let (status, bad) = send(&router, Method::POST, &tracks, json!({"version": 3, "title": "", "bpm": 900})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{bad}");

        let track = listed[0]["id"].as_str().unwrap();
        let (status, mixed) = send(&router, Method::PATCH, &format!("{tracks}/{track}"), json!({"version": 3, "status": "mixing"})).await;
        assert_eq!(status, StatusCode::OK, "{mixed}");
        assert_eq!(mixed["data"]["tracks"][0]["status"], "mixing");
        assert!(mixed["invalidations"].as_array().unwrap().contains(&json!({"resource": "projects", "id": id})));
        let (status, _) = call(&router, Method::DELETE, &format!("{tracks}/{track}?version=4"), None, STUDIO_A).await;
        assert_eq!(status, StatusCode::OK);
        let (_, project) = call(&router, Method::GET, &format!("/api/projects/{id}"), None, STUDIO_A).await;
        assert_eq!(project["tracks"].as_array().unwrap().len(), 1);
        let missing = format!("{tracks}/01J0000000000000000000000Z");
        assert_eq!(send(&router, Method::PATCH, &missing, json!({"version": 5, "status": "mixing"})).await.0, StatusCode::NOT_FOUND);
    }

    fn a_client_with_projects_is_kept(store) {
        let router = router(store);
        let client = client(&router).await;
        let (_, project) = send(&router, Method::POST, "/api/projects", json!({"client_id": client, "name": "Démo"})).await;
        let (status, refused) = call(&router, Method::DELETE, &format!("/api/clients/{client}?version=1"), None, STUDIO_A).await;
        assert_eq!((status, refused["error"]["problem"]["dependents"].clone()), (StatusCode::CONFLICT, json!("projects")));
        let uri = format!("/api/projects/{}?version=1", project["data"]["id"].as_str().unwrap());
        assert_eq!(call(&router, Method::DELETE, &uri, None, STUDIO_A).await.0, StatusCode::OK);
        assert_eq!(call(&router, Method::DELETE, &format!("/api/clients/{client}?version=1"), None, STUDIO_A).await.0, StatusCode::OK);
    }
}
