//! The assistant runs a project through its tools, with the same domain services as the API: it creates a
//! project for a client named by name, adds tracks, moves a track named by its number to mixing and the
//! project to recording, and each change invalidates the project it touched — through a model's tool calls
//! and through the offline planner's French and English sentences alike.

mod common;

use axum::http::{Method, StatusCode};
use common::{
    STUDIO_A, call, chat, router,
    scripted::{self, text, tool_call, tool_results},
};
use serde_json::json;

#[tokio::test]
async fn the_assistant_creates_a_project_adds_tracks_and_moves_them_along() {
    let (router, script, _dir) = scripted::openai_app(vec![
        tool_call(
            "c1",
            "create_project",
            json!({"client": "Cache Test", "name": "Nuits blanches", "kind": "ep"}),
        ),
        tool_call(
            "c2",
            "add_track",
            json!({"project": "Nuits blanches", "title": "Ouverture", "bpm": 92}),
        ),
        tool_call(
            "c3",
            "add_track",
            json!({"project": "Nuits blanches", "title": "Minuit"}),
        ),
        tool_call(
            "c4",
            "update_track",
            json!({"project": "Nuits blanches", "track": "2", "status": "mixing"}),
        ),
        tool_call(
            "c5",
            "update_project",
            json!({"project": "Nuits blanches", "status": "recording"}),
        ),
        text("C'est fait."),
    ])
    .await;

    let (status, _) = call(
        &router,
        Method::POST,
        "/api/clients",
        Some(json!({"name": "Cache Test"})),
        STUDIO_A,
    )
    .await;
    assert_eq!(status, StatusCode::CREATED);

    let turn = chat(
        &router,
        "Crée l'EP Nuits blanches pour Cache Test avec Ouverture et Minuit, Minuit au mixage",
    )
    .await;
    let oks: Vec<_> = turn["actions"]
        .as_array()
        .unwrap()
        .iter()
        .map(|a| a["ok"].clone())
        .collect();
    assert_eq!(oks, vec![json!(true); 5], "{turn}");

    let (_, page) = call(&router, Method::GET, "/api/projects", None, STUDIO_A).await;
    let project = &page["items"][0];
    assert_eq!(
        (&project["name"], &project["kind"], &project["status"]),
        (&json!("Nuits blanches"), &json!("ep"), &json!("recording"))
    );
    let tracks: Vec<_> = project["tracks"]
        .as_array()
        .unwrap()
        .iter()
        .map(|t| (t["number"].clone(), t["title"].clone(), t["status"].clone()))
        .collect();
    assert_eq!(
        tracks,
        vec![
            (json!(1), json!("Ouverture"), json!("recording")),
            (json!(2), json!("Minuit"), json!("mixing")),
        ]
    );
    let touched = json!({"resource": "projects", "id": project["id"]});
    assert!(
        turn["invalidations"].as_array().unwrap().contains(&touched),
        "{turn}"
    );
    // The model was told what the track tool did, in the user's language.
    let requests = script.requests();
    let after_track = tool_results(&requests[4]);
    let track_result = after_track.last().unwrap().to_string();
    assert!(track_result.contains("mixage"), "{track_result}");
}

on_both_stores! {
    fn the_offline_assistant_creates_a_project_and_moves_its_tracks_and_itself_along(store) {
        let router = router(store);
        let (_, client) = call(&router, Method::POST, "/api/clients", Some(json!({"name": "Cache Test"})), STUDIO_A).await;

        let created = chat(&router, "Crée l'album Lumières pour Cache Test").await;
        assert_eq!(created["actions"][0]["ok"], true, "{created}");
        let added = chat(&router, "Ajoute le morceau Aube à Lumières").await;
        assert_eq!(added["actions"][0]["ok"], true, "{added}");
        let added = chat(&router, "Add the track Rue Oberkampf to Lumières").await;
        assert_eq!(added["actions"][0]["ok"], true, "{added}");
        let moved = chat(&router, "Passe le morceau 2 de Lumières en mixage").await;
        assert!(moved["reply"].as_str().unwrap().contains("mixage"), "{moved}");
        let moved = chat(&router, "Move the project Lumières to mastering").await;
        assert_eq!(moved["actions"][0]["ok"], true, "{moved}");

        let (_, page) = call(&router, Method::GET, "/api/projects", None, STUDIO_A).await;
        let project = &page["items"][0];
        assert_eq!((&project["client_id"], &project["kind"], &project["status"]), (&client["data"]["id"], &json!("album"), &json!("mastering")));
        let stages: Vec<_> = project["tracks"].as_array().unwrap().iter().map(|t| (t["title"].clone(), t["status"].clone())).collect();
        assert_eq!(stages, vec![(json!("Aube"), json!("recording")), (json!("Rue Oberkampf"), json!("mixing"))]);
        assert!(moved["invalidations"].as_array().unwrap().contains(&json!({"resource": "projects", "id": project["id"]})), "{moved}");
    }
}
