//! Studio isolation through the Lambda entry point: real API Gateway v2 (HTTP API) event JSON with JWT claims is
//! parsed by `lambda_http` and served by the same routers as in production (`JwtClaims` identity). Studio B can
//! neither read, list, change nor delete studio A's data through any route or any assistant tool (404 or "no
//! match", never 403, never data); without the claim every route but health answers 401.

mod common;

use std::sync::Arc;

use axum::{Router, http::StatusCode};
use common::scripted;
use http_body_util::BodyExt;
use serde_json::{Value, json};
use studio_api::{AppState, JwtClaims};
use studio_chat::{ChatModel, ChatState, planner::Planner, tools::catalogue};
use studio_domain::Services;
use tower::ServiceExt;

const A: &str = "studio-a";
const B: &str = "studio-b";

fn lambda_router(services: Services) -> Router {
    lambda_router_with(services, Arc::new(Planner))
}

/// The API and chat routers as the Lambdas run them: the identity comes from the JWT claims only.
fn lambda_router_with(services: Services, model: Arc<dyn ChatModel>) -> Router {
    let app = AppState {
        services,
        auth: Arc::new(JwtClaims::default()),
    };
    let chat = ChatState::new(app.clone(), model);
    studio_api::app(app).merge(studio_chat::app(chat))
}

/// An API Gateway v2 event as the HTTP API sends it to the function, with the JWT authorizer's claims.
fn event(method: &str, path_and_query: &str, body: Option<&Value>, studio: Option<&str>) -> String {
    let (path, query) = path_and_query
        .split_once('?')
        .unwrap_or((path_and_query, ""));
    let mut claims = json!({"sub": "user-1", "email": "someone@example.com"});
    if let Some(studio) = studio {
        claims["custom:studio_id"] = json!(studio);
    }
    let authorizer = if studio.is_some() {
        json!({"jwt": {"claims": claims, "scopes": null}})
    } else {
        Value::Null
    };
    json!({
        "version": "2.0",
        "routeKey": "ANY /api/{proxy+}",
        "rawPath": path,
        "rawQueryString": query,
        "headers": {"content-type": "application/json", "host": "api-id.execute-api.eu-west-3.amazonaws.com"},
        "requestContext": {
            "accountId": "123456789012", "apiId": "api-id", "stage": "$default", "requestId": "req-1",
            "routeKey": "ANY /api/{proxy+}", "authorizer": authorizer,
            "domainName": "api-id.execute-api.eu-west-3.amazonaws.com", "domainPrefix": "api-id",
            "time": "26/Nov/2026:08:00:00 +0000", "timeEpoch": 1795680000000_i64,
            "http": {"method": method, "path": path, "protocol": "HTTP/1.1", "sourceIp": "203.0.113.1", "userAgent": "test"}
        },
        "body": body.map(Value::to_string),
        "isBase64Encoded": false
    })
    .to_string()
}

async fn invoke(
    router: &Router,
    method: &str,
    uri: &str,
    body: Option<Value>,
    studio: Option<&str>,
) -> (StatusCode, Value) {
    let request = lambda_http::request::from_str(&event(method, uri, body.as_ref(), studio))
        .expect("a valid API Gateway v2 event");
    let response = router.clone().oneshot(request).await.expect("infallible");
    let status = response.status();
    let bytes = response.into_body().collect().await.unwrap().to_bytes();
    (
        status,
        serde_json::from_slice(&bytes).unwrap_or(Value::Null),
    )
}

async fn create(router: &Router, uri: &str, body: Value) -> Value {
    let (status, created) = invoke(router, "POST", uri, Some(body), Some(A)).await;
    assert_eq!(status, StatusCode::CREATED, "{uri}: {created}");
    created["data"].clone()
}

/// Studio A's client, room, equipment and session (and the booking that made it), each holding a marker that
/// only A's data has: `SECRET-A-NOTE`, `#123456`, `SN-SECRET-A`, `SECRET-A-SESSION`.
async fn studio_a_data(router: &Router) -> (Value, Value, Value, Value, Value) {
    let client = create(
        router,
        "/api/clients",
        json!({"name": "Cache Test", "email": "cache-test@example.com", "notes": "SECRET-A-NOTE"}),
    )
    .await;
    let room = create(
        router,
        "/api/rooms",
        json!({"name": "Studio A", "hourly_rate": 5000, "colour": "#123456"}),
    )
    .await;
    let gear = create(
        router,
        "/api/equipment",
        json!({"name": "Neumann U87", "category": "microphone", "serial_number": "SN-SECRET-A"}),
    )
    .await;
    let booking = json!({"client_id": client["id"], "room_id": room["id"], "start": "2027-03-10T10:00:00Z", "end": "2027-03-10T12:00:00Z", "title": "SECRET-A-SESSION"});
    let session = create(router, "/api/sessions", booking.clone()).await;
    (client, room, gear, session, booking)
}

#[tokio::test]
async fn another_studio_can_neither_read_list_change_nor_delete_through_any_route() {
    let (store, _dir) = common::embedded_store();
    let services = Services::new(store);
    let router = lambda_router(services);
    let (_, before) = invoke(&router, "GET", "/api/changes", None, Some(B)).await;
    let feed_cursor = before["cursor"].as_str().unwrap().to_owned();
    let (client, room, gear, session, booking) = studio_a_data(&router).await;
    let (_, chat) = invoke(
        &router,
        "POST",
        "/api/chat",
        Some(json!({"message": "How many clients?"})),
        Some(A),
    )
    .await;
    let conversation = chat["conversation_id"].as_str().unwrap().to_owned();
    let range = "from=2027-03-01T00:00:00Z&to=2027-03-31T00:00:00Z";

    // Lists: B sees none of A's data.
    let (status, feed) = invoke(
        &router,
        "GET",
        &format!("/api/changes?since={feed_cursor}"),
        None,
        Some(B),
    )
    .await;
    assert_eq!(
        (status, feed["changes"].clone()),
        (StatusCode::OK, json!([])),
        "B's change feed shows none of A's writes"
    );
    for uri in [
        "/api/clients",
        "/api/rooms",
        "/api/equipment",
        &format!("/api/sessions?{range}"),
        &format!("/api/sessions?client={}", client["id"].as_str().unwrap()),
    ] {
        let (status, page) = invoke(&router, "GET", uri, None, Some(B)).await;
        assert_eq!(
            (status, page["items"].clone()),
            (StatusCode::OK, json!([])),
            "{uri}"
        );
    }
    // Entities: 404 to read, change or delete, and A's data stays as it was.
    for (resource, entity, patch) in [
        (
            "clients",
            &client,
            json!({"version": 1, "name": "Hijacked"}),
        ),
        ("rooms", &room, json!({"version": 1, "name": "Hijacked"})),
        (
            "equipment",
            &gear,
            json!({"version": 1, "status": "rented"}),
        ),
        (
            "sessions",
            &session,
            json!({"version": 1, "status": "cancelled"}),
        ),
    ] {
        let uri = format!("/api/{resource}/{}", entity["id"].as_str().unwrap());
        for (method, body) in [
            ("GET", None),
            ("PATCH", Some(patch.clone())),
            ("DELETE", None),
        ] {
            // A delete carries the version (without it: 428, before any lookup).
            let target = if method == "DELETE" {
                format!("{uri}?version=1")
            } else {
                uri.clone()
            };
            let (status, answer) = invoke(&router, method, &target, body, Some(B)).await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{method} {uri}: {answer}");
            assert_eq!(answer["error"]["code"], "not_found");
        }
        let (status, still) = invoke(&router, "GET", &uri, None, Some(A)).await;
        assert_eq!(
            (status, still["version"].clone()),
            (StatusCode::OK, json!(1)),
            "{uri} untouched"
        );
    }
    let availability = format!(
        "/api/rooms/{}/availability?{range}",
        room["id"].as_str().unwrap()
    );
    assert_eq!(
        invoke(&router, "GET", &availability, None, Some(B)).await.0,
        StatusCode::NOT_FOUND
    );
    // Booking with A's client and room ids is refused as unknown ids.
    let (status, refused) = invoke(&router, "POST", "/api/sessions", Some(booking), Some(B)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{refused}");
    // A's conversation cannot be continued by B; B's assistant does not find A's client.
    let resume = json!({"conversation_id": conversation, "message": "How many clients?"});
    assert_eq!(
        invoke(&router, "POST", "/api/chat", Some(resume), Some(B))
            .await
            .0,
        StatusCode::NOT_FOUND
    );
    let (_, reply) = invoke(
        &router,
        "POST",
        "/api/chat",
        Some(json!({"message": "Renomme Cache Test en Hijacked"})),
        Some(B),
    )
    .await;
    assert_eq!(reply["invalidations"], json!([]));
}

#[tokio::test]
async fn another_studio_can_neither_see_change_issue_credit_nor_pay_an_invoice() {
    let (store, _dir) = common::embedded_store();
    let router = lambda_router(Services::new(store));
    let (client, ..) = studio_a_data(&router).await;
    let lines = json!([{"description": "SECRET-A-LINE", "quantity": "1", "unit_price": 10000}]);
    let draft = create(
        &router,
        "/api/invoices",
        json!({"client_id": client["id"], "lines": lines}),
    )
    .await;
    let issued = create(
        &router,
        "/api/invoices",
        json!({"client_id": client["id"], "lines": lines}),
    )
    .await;
    let uri = |invoice: &Value, action: &str| {
        format!("/api/invoices/{}{action}", invoice["id"].as_str().unwrap())
    };
    let (status, _) = invoke(
        &router,
        "POST",
        &uri(&issued, "/issue"),
        Some(json!({"version": 1})),
        Some(A),
    )
    .await;
    assert_eq!(status, StatusCode::OK);

    let (_, page) = invoke(&router, "GET", "/api/invoices", None, Some(B)).await;
    assert_eq!(page["items"], json!([]), "B lists none of A's invoices");
    for (method, action, body) in [
        ("GET", "", None),
        (
            "PATCH",
            "",
            Some(json!({"version": 1, "notes": "Hijacked"})),
        ),
        ("DELETE", "?version=1", None),
        ("POST", "/issue", Some(json!({"version": 1}))),
        ("POST", "/credit-note", Some(json!({"version": 2}))),
    ] {
        for invoice in [&draft, &issued] {
            let (status, answer) = invoke(
                &router,
                method,
                &uri(invoice, action),
                body.clone(),
                Some(B),
            )
            .await;
            assert_eq!(status, StatusCode::NOT_FOUND, "{method} {action}: {answer}");
        }
    }
    // Payments: B can neither pay A's invoice, see its payments, reverse one, nor read A's client's balance.
    let pay = json!({"invoice_id": issued["id"], "amount": 100});
    let (status, paid) = invoke(&router, "POST", "/api/payments", Some(pay.clone()), Some(A)).await;
    assert_eq!(status, StatusCode::CREATED, "{paid}");
    let payment = paid["data"]["id"].as_str().unwrap().to_owned();
    let (status, _) = invoke(&router, "POST", "/api/payments", Some(pay), Some(B)).await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let of_invoice = format!("/api/payments?invoice={}", issued["id"].as_str().unwrap());
    let (_, theirs) = invoke(&router, "GET", &of_invoice, None, Some(B)).await;
    assert_eq!(theirs["items"], json!([]));
    for (method, uri, body) in [
        ("GET", format!("/api/payments/{payment}"), None),
        (
            "POST",
            format!("/api/payments/{payment}/reverse"),
            Some(json!({"version": 1})),
        ),
        (
            "GET",
            format!("/api/clients/{}/balance", client["id"].as_str().unwrap()),
            None,
        ),
    ] {
        let (status, answer) = invoke(&router, method, &uri, body, Some(B)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{method} {uri}: {answer}");
    }
    // Nor print it.
    let print = format!("/api/invoices/{}/print", issued["id"].as_str().unwrap());
    assert_eq!(
        invoke(&router, "GET", &print, None, Some(B)).await.0,
        StatusCode::NOT_FOUND
    );
    assert_eq!(
        invoke(&router, "GET", &print, None, Some(A)).await.0,
        StatusCode::OK
    );
    // A's issued invoice and payment are not B's revenue.
    let (_, theirs) = invoke(&router, "GET", "/api/revenue", None, Some(B)).await;
    assert_eq!(
        (&theirs["invoiced_net"], &theirs["collected"]),
        (&json!(0), &json!(0)),
        "{theirs}"
    );
    let (_, board) = invoke(&router, "GET", "/api/dashboard", None, Some(B)).await;
    assert_eq!(
        (&board["unpaid"]["count"], &board["busiest_rooms"]),
        (&json!(0), &json!([])),
        "A's invoice and room are not on B's dashboard: {board}"
    );
    let (_, ours) = invoke(&router, "GET", "/api/revenue", None, Some(A)).await;
    assert_eq!(ours["collected"], json!(100), "{ours}");
    // B cannot draft an invoice to A's client either.
    let (status, _) = invoke(
        &router,
        "POST",
        "/api/invoices",
        Some(json!({"client_id": client["id"], "lines": lines})),
        Some(B),
    )
    .await;
    assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
    let (_, still) = invoke(&router, "GET", &uri(&draft, ""), None, Some(A)).await;
    assert_eq!(
        (still["status"].clone(), still["version"].clone()),
        (json!("draft"), json!(1))
    );
    let (_, still) = invoke(&router, "GET", &uri(&issued, ""), None, Some(A)).await;
    assert_eq!(
        (still["status"].clone(), still["paid"].clone()),
        (json!("partially_paid"), json!(100))
    );
}

#[tokio::test]
async fn another_studio_can_neither_see_nor_move_a_quote() {
    let (store, _dir) = common::embedded_store();
    let router = lambda_router(Services::new(store));
    let (client, ..) = studio_a_data(&router).await;
    let lines = json!([{"description": "Mix", "quantity": "1", "unit_price": 10000}]);
    let quote = create(
        &router,
        "/api/quotes",
        json!({"client_id": client["id"], "lines": lines}),
    )
    .await;
    let id = quote["id"].as_str().unwrap();
    let (_, page) = invoke(&router, "GET", "/api/quotes", None, Some(B)).await;
    assert_eq!(page["items"], json!([]));
    let version = Some(json!({"version": 1}));
    for (method, uri, body) in [
        ("GET", format!("/api/quotes/{id}"), None),
        (
            "PATCH",
            format!("/api/quotes/{id}"),
            Some(json!({"version": 1, "notes": "Hijacked"})),
        ),
        ("DELETE", format!("/api/quotes/{id}?version=1"), None),
        ("POST", format!("/api/quotes/{id}/send"), version.clone()),
        ("POST", format!("/api/quotes/{id}/accept"), version.clone()),
        ("POST", format!("/api/quotes/{id}/reject"), version.clone()),
        ("POST", format!("/api/quotes/{id}/invoice"), version),
    ] {
        let (status, answer) = invoke(&router, method, &uri, body, Some(B)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{method} {uri}: {answer}");
    }
    let body = json!({"client_id": client["id"], "lines": lines});
    let (status, _) = invoke(&router, "POST", "/api/quotes", Some(body), Some(B)).await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "A's client is unknown to B"
    );
    let (_, still) = invoke(&router, "GET", &format!("/api/quotes/{id}"), None, Some(A)).await;
    assert_eq!(
        (&still["version"], &still["status"]),
        (&json!(1), &json!("draft"))
    );
}

#[tokio::test]
async fn another_studio_can_neither_see_nor_change_a_project_or_its_tracks() {
    let (store, _dir) = common::embedded_store();
    let router = lambda_router(Services::new(store));
    let (client, ..) = studio_a_data(&router).await;
    let project = create(
        &router,
        "/api/projects",
        json!({"client_id": client["id"], "name": "SECRET-A-PROJECT"}),
    )
    .await;
    let id = project["id"].as_str().unwrap();
    let (_, with_track) = invoke(
        &router,
        "POST",
        &format!("/api/projects/{id}/tracks"),
        Some(json!({"version": 1, "title": "Intro"})),
        Some(A),
    )
    .await;
    let track = with_track["data"]["tracks"][0]["id"].as_str().unwrap();
    let (_, page) = invoke(&router, "GET", "/api/projects", None, Some(B)).await;
    assert_eq!(page["items"], json!([]));
    for (method, uri, body) in [
        ("GET", format!("/api/projects/{id}"), None),
        (
            "PATCH",
            format!("/api/projects/{id}"),
            Some(json!({"version": 2, "name": "Hijacked"})),
        ),
        ("DELETE", format!("/api/projects/{id}?version=1"), None),
        (
            "POST",
            format!("/api/projects/{id}/tracks"),
            Some(json!({"version": 2, "title": "X"})),
        ),
        (
            "PATCH",
            format!("/api/projects/{id}/tracks/{track}"),
            Some(json!({"version": 2, "status": "mixing"})),
        ),
        (
            "DELETE",
            format!("/api/projects/{id}/tracks/{track}?version=2"),
            None,
        ),
    ] {
        let (status, answer) = invoke(&router, method, &uri, body, Some(B)).await;
        assert_eq!(status, StatusCode::NOT_FOUND, "{method} {uri}: {answer}");
    }
    let (status, _) = invoke(
        &router,
        "POST",
        "/api/projects",
        Some(json!({"client_id": client["id"], "name": "B"})),
        Some(B),
    )
    .await;
    assert_eq!(
        status,
        StatusCode::UNPROCESSABLE_ENTITY,
        "A's client is unknown to B"
    );
    let (_, still) = invoke(
        &router,
        "GET",
        &format!("/api/projects/{id}"),
        None,
        Some(A),
    )
    .await;
    assert_eq!(
        (
            still["version"].clone(),
            still["tracks"][0]["status"].clone()
        ),
        (json!(2), json!("recording"))
    );
}

#[tokio::test]
async fn each_studio_has_its_own_settings_and_cannot_change_another_s() {
    let (store, _dir) = common::embedded_store();
    let router = lambda_router(Services::new(store));
    let mine =
        json!({"version": 0, "display_name": "SECRET-A-STUDIO", "time_zone": "America/New_York"});
    let (status, saved) = invoke(&router, "PUT", "/api/settings", Some(mine), Some(A)).await;
    assert_eq!(status, StatusCode::OK, "{saved}");

    let (status, theirs) = invoke(&router, "GET", "/api/settings", None, Some(B)).await;
    assert_eq!(status, StatusCode::OK);
    assert_eq!(
        (
            theirs["display_name"].clone(),
            theirs["time_zone"].clone(),
            theirs["version"].clone()
        ),
        (json!("Studio"), json!("Europe/Paris"), json!(0)),
        "B sees its own (default) settings, none of A's"
    );
    // A's version is 1; for B it is stale (B has none saved), and B's own first save touches only B.
    let hijack = json!({"version": 1, "display_name": "Hijacked"});
    let (status, _) = invoke(&router, "PUT", "/api/settings", Some(hijack), Some(B)).await;
    assert_eq!(status, StatusCode::CONFLICT);
    let own = json!({"version": 0, "display_name": "Studio B"});
    let (status, _) = invoke(&router, "PUT", "/api/settings", Some(own), Some(B)).await;
    assert_eq!(status, StatusCode::OK);

    let (_, still) = invoke(&router, "GET", "/api/settings", None, Some(A)).await;
    assert_eq!(
        (
            still["display_name"].clone(),
            still["time_zone"].clone(),
            still["version"].clone()
        ),
        (
            json!("SECRET-A-STUDIO"),
            json!("America/New_York"),
            json!(1)
        )
    );
}

#[tokio::test]
async fn without_the_studio_claim_every_route_but_health_answers_401() {
    let (store, _dir) = common::embedded_store();
    let router = lambda_router(Services::new(store));
    let id = "01J00000000000000000000000";
    let routes = [
        ("GET", "/api/clients".to_owned()),
        ("POST", "/api/clients".to_owned()),
        ("GET", format!("/api/clients/{id}")),
        ("PATCH", format!("/api/clients/{id}")),
        ("DELETE", format!("/api/clients/{id}")),
        ("GET", "/api/rooms".to_owned()),
        ("POST", "/api/rooms".to_owned()),
        ("GET", format!("/api/rooms/{id}")),
        ("PATCH", format!("/api/rooms/{id}")),
        ("DELETE", format!("/api/rooms/{id}")),
        (
            "GET",
            format!(
                "/api/rooms/{id}/availability?from=2027-03-01T00:00:00Z&to=2027-03-02T00:00:00Z"
            ),
        ),
        ("GET", "/api/equipment".to_owned()),
        ("POST", "/api/equipment".to_owned()),
        ("GET", format!("/api/equipment/{id}")),
        ("PATCH", format!("/api/equipment/{id}")),
        ("DELETE", format!("/api/equipment/{id}")),
        (
            "GET",
            "/api/sessions?from=2027-03-01T00:00:00Z&to=2027-03-02T00:00:00Z".to_owned(),
        ),
        ("POST", "/api/sessions".to_owned()),
        ("GET", format!("/api/sessions/{id}")),
        ("PATCH", format!("/api/sessions/{id}")),
        ("DELETE", format!("/api/sessions/{id}")),
        ("POST", "/api/chat".to_owned()),
        ("GET", "/api/changes".to_owned()),
        ("GET", "/api/settings".to_owned()),
        ("PUT", "/api/settings".to_owned()),
        ("GET", "/api/invoices".to_owned()),
        ("POST", "/api/invoices".to_owned()),
        (
            "POST",
            format!("/api/invoices/{}/issue", "01J0000000000000000000000Z"),
        ),
        (
            "POST",
            format!("/api/invoices/{}/credit-note", "01J0000000000000000000000Z"),
        ),
        (
            "GET",
            "/api/payments?invoice=01J0000000000000000000000Z".to_owned(),
        ),
        ("POST", "/api/payments".to_owned()),
        ("GET", "/api/payments/01J0000000000000000000000Z".to_owned()),
        (
            "POST",
            "/api/payments/01J0000000000000000000000Z/reverse".to_owned(),
        ),
        (
            "GET",
            "/api/clients/01J0000000000000000000000Z/balance".to_owned(),
        ),
        ("GET", "/api/revenue".to_owned()),
        ("GET", "/api/dashboard".to_owned()),
        (
            "GET",
            "/api/invoices/01J0000000000000000000000Z/print".to_owned(),
        ),
        ("GET", "/api/quotes".to_owned()),
        ("POST", "/api/quotes".to_owned()),
        (
            "POST",
            "/api/quotes/01J0000000000000000000000Z/accept".to_owned(),
        ),
        (
            "POST",
            "/api/quotes/01J0000000000000000000000Z/invoice".to_owned(),
        ),
        ("GET", "/api/projects".to_owned()),
        ("POST", "/api/projects".to_owned()),
        (
            "POST",
            "/api/projects/01J0000000000000000000000Z/tracks".to_owned(),
        ),
    ];
    for (method, uri) in routes {
        let body = (method == "POST" || method == "PATCH" || method == "PUT")
            .then(|| json!({"message": "hi", "name": "x", "version": 1}));
        let (status, answer) = invoke(&router, method, &uri, body, None).await;
        assert_eq!(status, StatusCode::UNAUTHORIZED, "{method} {uri}: {answer}");
        assert_eq!(answer["error"]["code"], "unauthenticated");
    }
    assert_eq!(
        invoke(&router, "GET", "/api/health", None, None).await.0,
        StatusCode::OK
    );
}

#[tokio::test]
async fn every_assistant_tool_through_the_lambda_chat_route_acts_in_the_callers_studio_only() {
    let (store, _dir) = common::embedded_store();
    let services = Services::new(store);
    let (script, model) = scripted::start(vec![]).await;
    let router = lambda_router_with(services, model);
    let (client, room, gear, session, _) = studio_a_data(&router).await;
    let lines = json!([{"description": "SECRET-A-INVOICE", "quantity": "1", "unit_price": 10000}]);
    let invoice = create(
        &router,
        "/api/invoices",
        json!({"client_id": client["id"], "lines": lines}),
    )
    .await;
    let issue = format!("/api/invoices/{}/issue", invoice["id"].as_str().unwrap());
    let (_, issued) = invoke(
        &router,
        "POST",
        &issue,
        Some(json!({"version": 1})),
        Some(A),
    )
    .await;
    let number = issued["data"]["number"].as_str().unwrap().to_owned();
    create(
        &router,
        "/api/invoices",
        json!({"client_id": client["id"], "lines": lines}),
    )
    .await;
    let project = create(
        &router,
        "/api/projects",
        json!({"client_id": client["id"], "name": "Album A"}),
    )
    .await;
    let quote_lines =
        json!([{"description": "SECRET-A-QUOTE", "quantity": "1", "unit_price": 10000}]);
    let quote = create(
        &router,
        "/api/quotes",
        json!({"client_id": client["id"], "lines": quote_lines}),
    )
    .await;
    let send_quote = format!("/api/quotes/{}/send", quote["id"].as_str().unwrap());
    let (status, _) = invoke(
        &router,
        "POST",
        &send_quote,
        Some(json!({"version": 1})),
        Some(A),
    )
    .await;
    assert_eq!(status, StatusCode::OK);
    let quote_number = quote["number"].as_str().unwrap().to_owned();
    let tracks = format!("/api/projects/{}/tracks", project["id"].as_str().unwrap());
    let (status, _) = invoke(
        &router,
        "POST",
        &tracks,
        Some(json!({"version": 1, "title": "SECRET-A-TRACK"})),
        Some(A),
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);

    // Every assistant tool, called by B's model with A's names and ids: nothing found, nothing written.
    let room_id = room["id"].as_str().unwrap();
    let (client_id, session_id) = (
        client["id"].as_str().unwrap(),
        session["id"].as_str().unwrap(),
    );
    let calls = [
        ("search_clients", json!({"query": "Cache"})),
        ("list_clients", json!({})),
        ("count_clients", json!({})),
        ("get_client", json!({"client": client_id})),
        ("create_client", json!({"name": "B's own client"})),
        (
            "update_client",
            json!({"client": "cache-test@example.com", "name": "Hijacked"}),
        ),
        ("list_rooms", json!({})),
        ("get_room", json!({"room": room_id})),
        (
            "create_room",
            json!({"name": "B's room", "hourly_rate": 10}),
        ),
        (
            "update_room",
            json!({"room": "Studio A", "bookable": false}),
        ),
        ("list_equipment", json!({"query": "U87"})),
        (
            "get_equipment",
            json!({"equipment": gear["id"].as_str().unwrap()}),
        ),
        (
            "create_equipment",
            json!({"name": "B's mic", "category": "microphone"}),
        ),
        (
            "update_equipment",
            json!({"equipment": "U87", "status": "rented"}),
        ),
        (
            "list_sessions",
            json!({"from": "2027-03-01", "to": "2027-03-31"}),
        ),
        (
            "check_availability",
            json!({"room": "Studio A", "day": "2027-03-10"}),
        ),
        (
            "book_session",
            json!({"client": "Cache Test", "room": "Studio A", "start": "2027-03-10T14:00", "end": "16:00"}),
        ),
        (
            "move_session",
            json!({"session": session_id, "start": "2027-03-11T10:00"}),
        ),
        ("cancel_session", json!({"session": session_id})),
        ("list_invoices", json!({})),
        ("get_invoice", json!({"invoice": number})),
        (
            "draft_invoice_from_sessions",
            json!({"client": "Cache Test", "from": "2027-03-01", "to": "2027-03-31"}),
        ),
        ("issue_invoice", json!({"client": "Cache Test"})),
        (
            "record_payment",
            json!({"invoice": number, "amount": 10, "method": "cash"}),
        ),
        ("reverse_payment", json!({"invoice": number})),
        ("credit_note", json!({"invoice": number})),
        ("client_balance", json!({"client": "Cache Test"})),
        ("revenue", json!({})),
        ("list_quotes", json!({})),
        ("send_quote", json!({"quote": quote_number})),
        ("accept_quote", json!({"quote": quote_number})),
        ("quote_to_invoice", json!({"quote": quote_number})),
        ("list_projects", json!({})),
        ("get_project", json!({"project": "Album A"})),
        (
            "create_project",
            json!({"client": "Cache Test", "name": "B's album"}),
        ),
        (
            "update_project",
            json!({"project": "Album A", "status": "archived"}),
        ),
        (
            "add_track",
            json!({"project": "Album A", "title": "B's track"}),
        ),
        (
            "update_track",
            json!({"project": "Album A", "track": "1", "status": "completed"}),
        ),
        ("delete_client", json!({"target": client_id})),
        ("delete_room", json!({"target": "Studio A"})),
        ("delete_equipment", json!({"target": "U87"})),
        ("delete_session", json!({"session": session_id})),
        ("delete_project", json!({"target": "Album A"})),
        ("delete_invoice", json!({"target": "Cache Test"})),
    ];
    let names: Vec<&str> = calls.iter().map(|(name, _)| *name).collect();
    for tool in catalogue() {
        assert!(
            names.contains(&tool.name),
            "tool {} has no isolation case here",
            tool.name
        );
    }
    // What only A's data holds; the references B passed may be echoed back, nothing else.
    let markers = [
        "SECRET-A-NOTE",
        "#123456",
        "SN-SECRET-A",
        "SECRET-A-SESSION",
        "SECRET-A-INVOICE",
        "SECRET-A-TRACK",
        "SECRET-A-QUOTE",
    ];
    // B's assistant, through the Lambda chat route, calling every tool: a round holds at most
    // MAX_CALLS_PER_ROUND calls (and a turn at most MAX_WRITES_PER_TURN writes), so one turn per batch.
    let mut results = Vec::new();
    for (batch, chunk) in calls
        .chunks(studio_chat::turn::MAX_CALLS_PER_ROUND)
        .enumerate()
    {
        let tool_calls: Vec<Value> = chunk
            .iter()
            .enumerate()
            .map(|(i, (name, args))| json!({"id": format!("c{batch}-{i}"), "type": "function", "function": {"name": name, "arguments": args.to_string()}}))
            .collect();
        let round = (
            StatusCode::OK,
            json!({"choices": [{"message": {"role": "assistant", "content": null, "tool_calls": tool_calls}}]}),
        );
        script
            .replies
            .lock()
            .unwrap()
            .extend([round.into(), scripted::Reply::from(scripted::text("Done."))]);
        let (status, turn) = invoke(
            &router,
            "POST",
            "/api/chat",
            Some(json!({"message": "Try everything"})),
            Some(B),
        )
        .await;
        assert_eq!(status, StatusCode::OK, "{turn}");
        let touched: Vec<&str> = turn["invalidations"]
            .as_array()
            .unwrap()
            .iter()
            .filter_map(|i| i["id"].as_str())
            .collect();
        for entity in [&client, &room, &gear, &session, &project] {
            assert!(
                !touched.contains(&entity["id"].as_str().unwrap()),
                "B's turn invalidated A's {entity}"
            );
        }
        results.extend(scripted::tool_results(script.requests().last().unwrap()));
    }
    assert_eq!(results.len(), calls.len());
    for ((name, _), outcome) in calls.iter().zip(&results) {
        let text = outcome.to_string();
        assert!(
            markers.iter().all(|m| !text.contains(m)),
            "{name} leaked A's data: {text}"
        );
        let reads_a_list =
            name.starts_with("list_") || name.starts_with("search_") || name.starts_with("count_");
        // B may create what stands alone; a project needs a client, and B named A's.
        let stands_alone = ["create_client", "create_room", "create_equipment"];
        let expected_ok = stands_alone.contains(name) || reads_a_list || *name == "revenue";
        assert_eq!(outcome["ok"], json!(expected_ok), "{name}: {text}");
    }
    let revenue = &results[names.iter().position(|n| *n == "revenue").unwrap()];
    assert_eq!(
        (
            &revenue["data"]["invoiced_net"],
            &revenue["data"]["documents"]
        ),
        (&json!(0), &json!(0)),
        "A's issued invoice is not B's revenue: {revenue}"
    );
    for (resource, entity, version) in [
        ("clients", &client, 1),
        ("rooms", &room, 1),
        ("equipment", &gear, 1),
        ("sessions", &session, 1),
        ("invoices", &invoice, 2),
        ("projects", &project, 2),
        ("quotes", &quote, 2),
    ] {
        let uri = format!("/api/{resource}/{}", entity["id"].as_str().unwrap());
        let (_, still) = invoke(&router, "GET", &uri, None, Some(A)).await;
        assert_eq!(still["version"], version, "{uri} untouched by B's tools");
    }
}
