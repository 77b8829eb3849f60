//! A refusal reads right in the user's language wherever it is shown: the API words it from its code and values
//! in the request's language (`Accept-Language`), and the assistant in the turn's — never by reading English.

mod common;

use axum::{
    body::Body,
    http::{Request, StatusCode},
};
use common::{STUDIO_A, router, router_with, scripted, send};
use serde_json::{Value, json};

async fn post_in(
    router: &axum::Router,
    uri: &str,
    body: Value,
    language: &str,
) -> (StatusCode, Value) {
    let request = Request::post(uri)
        .header("content-type", "application/json")
        .header("accept-language", language)
        .header("x-studio", STUDIO_A)
        .body(Body::from(body.to_string()))
        .unwrap();
    send(router, request).await
}

const STUDIO_A_FR: &str = "Une autre salle s'appelle déjà « Studio A ».";
const STUDIO_A_EN: &str = "Another room is already called “Studio A”.";

on_both_stores! {
    fn a_duplicate_room_name_reads_right_in_french_and_in_english(store) {
        let router = router(store);
        let room = json!({"name": "Studio A", "hourly_rate": 5000});
        assert_eq!(post_in(&router, "/api/rooms", room.clone(), "fr-FR").await.0, StatusCode::CREATED);
        for (language, sentence) in [("fr-FR,fr;q=0.9,en;q=0.8", STUDIO_A_FR), ("en-GB,en;q=0.9", STUDIO_A_EN)] {
            let (status, body) = post_in(&router, "/api/rooms", room.clone(), language).await;
            assert_eq!(status, StatusCode::CONFLICT, "{body}");
            let error = &body["error"];
            assert_eq!(error["code"], "duplicate");
            assert_eq!(error["problem"], json!({"code": "duplicate", "resource": "rooms", "field": "name", "value": "Studio A"}));
            assert_eq!((error["message"].as_str(), error["fields"]["name"].as_str()), (Some(sentence), Some(sentence)), "{language}");
        }
    }

    fn field_problems_come_with_their_codes_and_values_in_the_request_language(store) {
        let router = router(store);
        let (status, body) = post_in(&router, "/api/clients", json!({"name": " ", "email": "nope"}), "fr").await;
        assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY);
        let error = &body["error"];
        assert_eq!(error["problem"], json!({"code": "validation", "problems": {"name": {"code": "required"}, "email": {"code": "not_an_email", "value": "nope"}}}));
        assert_eq!(error["fields"]["name"], "Le champ « nom » est obligatoire.");
        assert!(error["fields"]["email"].as_str().unwrap().starts_with("« nope » n'est pas une adresse e-mail valide"), "{body}");
        let (_, body) = post_in(&router, "/api/clients", json!({"name": " "}), "en-US").await;
        assert_eq!(body["error"]["fields"]["name"], "Name is required.");
    }

    fn a_half_day_priced_above_its_day_is_refused_and_nothing_is_written(store) {
        let router = router(store);
        let room = json!({"name": "Studio H", "hourly_rate": 5000, "half_day_rate": 30000, "day_rate": 25000});
        for (language, sentence) in [("fr", "Une demi-journée ne peut pas coûter plus qu'une journée."), ("en", "A half day cannot cost more than a day.")] {
            let (status, body) = post_in(&router, "/api/rooms", room.clone(), language).await;
            assert_eq!(status, StatusCode::UNPROCESSABLE_ENTITY, "{body}");
            assert_eq!(body["error"]["problem"]["problems"]["half_day_rate"], json!({"code": "half_day_above_day"}));
            assert_eq!(body["error"]["fields"]["half_day_rate"], sentence);
        }
        let (_, rooms) = common::call(&router, axum::http::Method::GET, "/api/rooms", None, STUDIO_A).await;
        assert_eq!(rooms["items"], json!([]), "nothing written");
    }
}

#[tokio::test]
async fn the_assistant_words_the_duplicate_room_in_the_turn_s_language() {
    let room = json!({"name": "Studio A", "hourly_rate": 50});
    let (_script, model) = scripted::start(vec![
        scripted::tool_call("c1", "create_room", room.clone()),
        scripted::text("ok"),
        scripted::tool_call("c2", "create_room", room.clone()),
        scripted::text("non"),
        scripted::tool_call("c3", "create_room", room),
        scripted::text("no"),
    ])
    .await;
    let (store, _dir) = common::embedded_store();
    let router = router_with(store, model);
    let turn = |message: &'static str, locale: &'static str| {
        let router = router.clone();
        async move {
            let request = Request::post("/api/chat")
                .header("content-type", "application/json")
                .header("x-studio", STUDIO_A)
                .body(Body::from(
                    json!({"message": message, "locale": locale}).to_string(),
                ))
                .unwrap();
            let (status, body) = send(&router, request).await;
            assert_eq!(status, StatusCode::OK, "{body}");
            body
        }
    };
    let created = turn("Crée la salle Studio A", "fr").await;
    assert_eq!(created["actions"][0]["ok"], true, "{created}");

    let refused = turn("Crée la salle Studio A", "fr").await;
    assert_eq!(
        refused["actions"][0]["summary"],
        format!("Je n'ai pas créé la salle. {STUDIO_A_FR}")
    );
    assert_eq!(refused["invalidations"], json!([]));
    let refused = turn("Create the room Studio A", "en").await;
    assert_eq!(
        refused["actions"][0]["summary"],
        format!("I did not create the room. {STUDIO_A_EN}")
    );
}
