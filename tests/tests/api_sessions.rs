//! Rooms, equipment and sessions through the API router, on both stores: no double booking, ever.

mod common;

use axum::{
    Router,
    http::{Method, StatusCode},
};
use common::{STUDIO_A, STUDIO_B, call, router};
use serde_json::{Value, json};

async fn post(router: &Router, uri: &str, body: Value) -> (StatusCode, Value) {
    call(router, Method::POST, uri, Some(body), STUDIO_A).await
}

async fn id_of(router: &Router, uri: &str, body: Value) -> String {
    let (status, created) = post(router, uri, body).await;
    assert_eq!(status, StatusCode::CREATED, "{created}");
    created["data"]["id"].as_str().unwrap().to_owned()
}

/// A client and a room to book.
async fn setup(router: &Router) -> (String, String) {
    let client = id_of(router, "/api/clients", json!({"name": "Cache Test"})).await;
    let room = id_of(
        router,
        "/api/rooms",
        json!({"name": "Studio A", "hourly_rate": 5000}),
    )
    .await;
    (client, room)
}

fn booking(client: &str, room: &str, start: &str, end: &str) -> Value {
    json!({"client_id": client, "room_id": room, "start": start, "end": end, "title": "Tracking"})
}

async fn sessions_on(router: &Router, day: &str) -> Vec<Value> {
    let uri = format!("/api/sessions?from={day}T00:00:00Z&to={day}T23:59:59Z");
    let (status, page) = call(router, Method::GET, &uri, None, STUDIO_A).await;
    assert_eq!(status, StatusCode::OK, "{page}");
    page["items"].as_array().unwrap().clone()
}

on_both_stores! {
    fn fifty_concurrent_overlapping_bookings_make_exactly_one_session(store) {
        let router = router(store);
        let (client, room) = setup(&router).await;
        let attempts = (0..50).map(|i| {
            let (router, body) = (router.clone(), booking(&client, &room, &format!("2027-03-10T10:{:02}:00Z", i), "2027-03-10T12:30:00Z"));
            tokio::spawn(async move { post(&router, "/api/sessions", body).await })
        });
        let results: Vec<(StatusCode, Value)> = futures::future::join_all(attempts).await.into_iter().map(Result::unwrap).collect();
        let created = results.iter().filter(|(s, _)| *s == StatusCode::CREATED).count();
        let refused: Vec<&Value> = results.iter().filter(|(s, _)| *s == StatusCode::CONFLICT).map(|(_, b)| b).collect();
        assert_eq!((created, refused.len()), (1, 49), "{:?}", results.iter().map(|r| r.0).collect::<Vec<_>>());
        assert!(refused.iter().all(|b| b["error"]["code"] == "booked" && b["error"]["problem"]["conflicts"].as_array().is_some_and(|c| c.len() == 1)));
        assert_eq!(sessions_on(&router, "2027-03-10").await.len(), 1);
    }

    fn back_to_back_sessions_are_allowed_and_overlaps_are_refused(store) {
        let router = router(store);
        let (client, room) = setup(&router).await;
        let (status, first) = post(&router, "/api/sessions", booking(&client, &room, "2027-03-10T10:00:00Z", "2027-03-10T12:00:00Z")).await;
        assert_eq!(status, StatusCode::CREATED);
        let first_id = first["data"]["id"].as_str().unwrap();
        assert_eq!(first["data"]["price"], 10_000, "2 h at 50.00");
        let mut expected = vec![json!({"resource": "sessions"}), json!({"resource": "clients", "id": client}), json!({"resource": "rooms", "id": room}), json!({"resource": "sessions", "id": first_id})];
        let mut got = first["invalidations"].as_array().unwrap().clone();
        let key = |v: &Value| v.to_string();
        expected.sort_by_key(key);
        got.sort_by_key(key);
        assert_eq!(got, expected, "a booking invalidates sessions and its client's and room's detail views");

        assert_eq!(post(&router, "/api/sessions", booking(&client, &room, "2027-03-10T12:00:00Z", "2027-03-10T13:00:00Z")).await.0, StatusCode::CREATED);
        assert_eq!(post(&router, "/api/sessions", booking(&client, &room, "2027-03-10T08:00:00Z", "2027-03-10T10:00:00Z")).await.0, StatusCode::CREATED);
        let (status, refused) = post(&router, "/api/sessions", booking(&client, &room, "2027-03-10T11:45:00Z", "2027-03-10T12:15:00Z")).await;
        assert_eq!(status, StatusCode::CONFLICT);
        assert_eq!(refused["error"]["problem"]["conflicts"].as_array().unwrap().len(), 2);
        assert_eq!(sessions_on(&router, "2027-03-10").await.len(), 3);
    }

    fn moving_into_a_taken_slot_fails_and_leaves_the_session_where_it_was(store) {
        let router = router(store);
        let (client, room) = setup(&router).await;
        id_of(&router, "/api/sessions", booking(&client, &room, "2027-03-10T10:00:00Z", "2027-03-10T12:00:00Z")).await;
        let second = id_of(&router, "/api/sessions", booking(&client, &room, "2027-03-10T14:00:00Z", "2027-03-10T16:00:00Z")).await;
        let uri = format!("/api/sessions/{second}");
        let patch = json!({"version": 1, "start": "2027-03-10T11:00:00Z", "end": "2027-03-10T13:00:00Z"});
        let (status, body) = call(&router, Method::PATCH, &uri, Some(patch), STUDIO_A).await;
        assert_eq!((status, body["error"]["code"].clone()), (StatusCode::CONFLICT, json!("booked")));
        let (_, unchanged) = call(&router, Method::GET, &uri, None, STUDIO_A).await;
        assert_eq!((unchanged["start"].clone(), unchanged["version"].clone()), (json!("2027-03-10T14:00:00Z"), json!(1)));
        // Its old slot is still its own: a booking there is refused.
        assert_eq!(post(&router, "/api/sessions", booking(&client, &room, "2027-03-10T15:00:00Z", "2027-03-10T15:30:00Z")).await.0, StatusCode::CONFLICT);

        let patch = json!({"version": 1, "start": "2027-03-10T12:00:00Z", "end": "2027-03-10T15:00:00Z"});
        let (status, moved) = call(&router, Method::PATCH, &uri, Some(patch), STUDIO_A).await;
        assert_eq!(status, StatusCode::OK, "{moved}");
        assert_eq!(moved["data"]["price"], 15_000);
        assert_eq!(post(&router, "/api/sessions", booking(&client, &room, "2027-03-10T15:00:00Z", "2027-03-10T16:00:00Z")).await.0, StatusCode::CREATED, "the slot it left is free");
    }

    fn cancelling_frees_the_slot_and_uncancelling_checks_it_again(store) {
        let router = router(store);
        let (client, room) = setup(&router).await;
        let first = id_of(&router, "/api/sessions", booking(&client, &room, "2027-03-10T10:00:00Z", "2027-03-10T12:00:00Z")).await;
        let uri = format!("/api/sessions/{first}");
        let (status, _) = call(&router, Method::PATCH, &uri, Some(json!({"version": 1, "status": "cancelled"})), STUDIO_A).await;
        assert_eq!(status, StatusCode::OK);
        assert!(sessions_on(&router, "2027-03-10").await.is_empty());
        id_of(&router, "/api/sessions", booking(&client, &room, "2027-03-10T11:00:00Z", "2027-03-10T13:00:00Z")).await;
        let (status, body) = call(&router, Method::PATCH, &uri, Some(json!({"version": 2, "status": "scheduled"})), STUDIO_A).await;
        assert_eq!((status, body["error"]["code"].clone()), (StatusCode::CONFLICT, json!("booked")));
        let (status, _) = call(&router, Method::DELETE, &format!("{uri}?version=2"), None, STUDIO_A).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(call(&router, Method::GET, &uri, None, STUDIO_A).await.0, StatusCode::NOT_FOUND);
    }

    fn bad_bookings_get_clear_errors_and_write_nothing(store) {
        let router = router(store);
        let (client, room) = setup(&router).await;
        let cases = [
            (booking(&client, &room, "2027-03-10T12:00:00Z", "2027-03-10T10:00:00Z"), "end"),
            (booking(&client, &room, "2027-03-10T12:00:00Z", "2027-03-18T12:00:00Z"), "end"),
            (booking("01J00000000000000000000000", &room, "2027-03-10T10:00:00Z", "2027-03-10T12:00:00Z"), "client_id"),
            (booking(&client, "01J00000000000000000000000", "2027-03-10T10:00:00Z", "2027-03-10T12:00:00Z"), "room_id"),
        ];
        for (body, field) in cases {
            let (status, error) = post(&router, "/api/sessions", body).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{error}");
            assert!(error["error"]["fields"][field].is_string(), "{field}: {error}");
        }
        let (status, _) = call(&router, Method::PATCH, &format!("/api/rooms/{room}"), Some(json!({"version": 1, "bookable": false})), STUDIO_A).await;
        assert_eq!(status, StatusCode::OK);
        let (status, error) = post(&router, "/api/sessions", booking(&client, &room, "2027-03-10T10:00:00Z", "2027-03-10T12:00:00Z")).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(error["error"]["fields"]["room_id"].as_str().unwrap().contains("Studio A"));
        assert!(sessions_on(&router, "2027-03-10").await.is_empty());
        let (status, _) = call(&router, Method::GET, "/api/sessions", None, STUDIO_A).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "a range or a client is required");
    }

    fn a_filter_that_is_not_an_id_is_refused_saying_so(store) {
        let router = router(store);
        setup(&router).await;
        for (query, field) in [("client=..%2Fx", "client"), ("room=CLIENT%23A", "room"), ("project=x", "project")] {
            let uri = format!("/api/sessions?{query}");
            let (status, body) = call(&router, Method::GET, &uri, None, STUDIO_A).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{uri}: {body}");
            assert_eq!(body["error"]["problem"]["problems"][field]["code"], "no_such", "{uri}: {body}");
        }
    }

    fn sessions_are_listed_by_range_room_and_client_and_rooms_show_availability(store) {
        let router = router(store);
        let (client, room) = setup(&router).await;
        let other_client = id_of(&router, "/api/clients", json!({"name": "Other"})).await;
        let other_room = id_of(&router, "/api/rooms", json!({"name": "Studio B", "hourly_rate": 3000})).await;
        id_of(&router, "/api/sessions", booking(&client, &room, "2027-03-10T10:00:00Z", "2027-03-10T12:00:00Z")).await;
        id_of(&router, "/api/sessions", booking(&other_client, &other_room, "2027-03-10T10:00:00Z", "2027-03-10T12:00:00Z")).await;
        id_of(&router, "/api/sessions", booking(&client, &other_room, "2027-03-11T22:00:00Z", "2027-03-12T02:00:00Z")).await;

        assert_eq!(sessions_on(&router, "2027-03-10").await.len(), 2);
        assert_eq!(sessions_on(&router, "2027-03-12").await.len(), 1, "a session over midnight shows on both days");
        let (_, by_room) = call(&router, Method::GET, &format!("/api/sessions?from=2027-03-09T00:00:00Z&to=2027-03-13T00:00:00Z&room={other_room}"), None, STUDIO_A).await;
        assert_eq!(by_room["items"].as_array().unwrap().len(), 2);
        let (_, by_client) = call(&router, Method::GET, &format!("/api/sessions?client={client}"), None, STUDIO_A).await;
        let starts: Vec<&str> = by_client["items"].as_array().unwrap().iter().map(|s| s["start"].as_str().unwrap()).collect();
        assert_eq!(starts, ["2027-03-10T10:00:00Z", "2027-03-11T22:00:00Z"]);

        let (status, free) = call(&router, Method::GET, &format!("/api/rooms/{room}/availability?from=2027-03-10T08:00:00Z&to=2027-03-10T18:00:00Z"), None, STUDIO_A).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(free["free"], json!([
            {"start": "2027-03-10T08:00:00Z", "end": "2027-03-10T10:00:00Z"},
            {"start": "2027-03-10T12:00:00Z", "end": "2027-03-10T18:00:00Z"}
        ]));

        // Another studio sees none of it.
        let (_, theirs) = call(&router, Method::GET, "/api/sessions?from=2027-03-10T00:00:00Z&to=2027-03-13T00:00:00Z", None, STUDIO_B).await;
        assert_eq!(theirs["items"], json!([]));
    }

    fn rooms_and_clients_with_sessions_cannot_be_deleted(store) {
        let router = router(store);
        let (client, room) = setup(&router).await;
        let session = id_of(&router, "/api/sessions", booking(&client, &room, "2027-03-10T10:00:00Z", "2027-03-10T12:00:00Z")).await;
        let (status, body) = call(&router, Method::DELETE, &format!("/api/rooms/{room}?version=1"), None, STUDIO_A).await;
        assert_eq!(status, StatusCode::CONFLICT, "{body}");
        assert_eq!(call(&router, Method::DELETE, &format!("/api/clients/{client}?version=1"), None, STUDIO_A).await.0, StatusCode::CONFLICT);
        assert_eq!(call(&router, Method::DELETE, &format!("/api/sessions/{session}?version=1"), None, STUDIO_A).await.0, StatusCode::OK);
        assert_eq!(call(&router, Method::DELETE, &format!("/api/rooms/{room}?version=1"), None, STUDIO_A).await.0, StatusCode::OK);
        assert_eq!(call(&router, Method::DELETE, &format!("/api/clients/{client}?version=1"), None, STUDIO_A).await.0, StatusCode::OK);
    }

    fn room_names_are_unique_and_rates_are_checked(store) {
        let router = router(store);
        id_of(&router, "/api/rooms", json!({"name": "Studio A", "hourly_rate": 5000})).await;
        let (status, body) = post(&router, "/api/rooms", json!({"name": "studio a", "hourly_rate": 1})).await;
        assert_eq!((status, body["error"]["code"].clone()), (StatusCode::CONFLICT, json!("duplicate")));
        let (status, body) = post(&router, "/api/rooms", json!({"name": "B", "hourly_rate": -1, "colour": "blue"})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        assert!(body["error"]["fields"]["hourly_rate"].is_string() && body["error"]["fields"]["colour"].is_string(), "{body}");
        let (_, rooms) = call(&router, Method::GET, "/api/rooms", None, STUDIO_A).await;
        let room = &rooms["items"][0];
        assert_eq!((room["half_day_rate"].clone(), room["day_rate"].clone()), (json!(20000), json!(40000)));
    }

    fn equipment_goes_into_maintenance_with_a_version_check(store) {
        let router = router(store);
        let (_, room) = setup(&router).await;
        let mic = id_of(&router, "/api/equipment", json!({"name": "Neumann U87", "category": "microphone", "brand": "Neumann", "model": "U87 Ai", "room_id": room})).await;
        let uri = format!("/api/equipment/{mic}");
        let (status, body) = call(&router, Method::PATCH, &uri, Some(json!({"version": 1, "status": "maintenance"})), STUDIO_A).await;
        assert_eq!(status, StatusCode::OK, "{body}");
        assert_eq!((body["data"]["status"].clone(), body["data"]["version"].clone()), (json!("maintenance"), json!(2)));
        assert_eq!(call(&router, Method::PATCH, &uri, Some(json!({"version": 1, "status": "operational"})), STUDIO_A).await.0, StatusCode::CONFLICT);
        let (status, body) = post(&router, "/api/equipment", json!({"name": "Stand", "category": "stand", "room_id": "01J00000000000000000000000"})).await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
        let (_, found) = call(&router, Method::GET, "/api/equipment?q=u87", None, STUDIO_A).await;
        assert_eq!(found["items"].as_array().unwrap().len(), 1);
    }
}

on_both_stores! {
    fn a_room_with_equipment_is_kept_until_its_equipment_moves_out(store) {
        let router = router(store);
        let room = id_of(&router, "/api/rooms", json!({"name": "Studio A", "hourly_rate": 5000})).await;
        let other = id_of(&router, "/api/rooms", json!({"name": "Studio B", "hourly_rate": 5000})).await;
        let mic = id_of(&router, "/api/equipment", json!({"name": "Neumann U87", "category": "microphone", "room_id": room})).await;
        let (status, refused) = call(&router, Method::DELETE, &format!("/api/rooms/{room}?version=1"), None, STUDIO_A).await;
        assert_eq!((status, refused["error"]["problem"]["dependents"].clone()), (StatusCode::CONFLICT, json!("equipment")), "{refused}");
        let (status, _) = call(&router, Method::PATCH, &format!("/api/equipment/{mic}"), Some(json!({"version": 1, "room_id": other})), STUDIO_A).await;
        assert_eq!(status, StatusCode::OK);
        assert_eq!(call(&router, Method::DELETE, &format!("/api/rooms/{room}?version=1"), None, STUDIO_A).await.0, StatusCode::OK);
        assert_eq!(call(&router, Method::DELETE, &format!("/api/rooms/{other}?version=1"), None, STUDIO_A).await.0, StatusCode::CONFLICT);
        assert_eq!(call(&router, Method::DELETE, &format!("/api/equipment/{mic}?version=2"), None, STUDIO_A).await.0, StatusCode::OK);
        assert_eq!(call(&router, Method::DELETE, &format!("/api/rooms/{other}?version=1"), None, STUDIO_A).await.0, StatusCode::OK);
    }
}
