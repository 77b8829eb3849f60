//! The assistant books, moves and cancels sessions and changes equipment, in French and English, through
//! `POST /api/chat` with the offline planner — never around the no-double-booking rule.

mod common;

use axum::{
    Router,
    http::{Method, StatusCode},
};
use common::{STUDIO_A, call, chat, chat_confirmed, confirm, router};
use jiff::{Timestamp, ToSpan, ZonedDateTime, tz::TimeZone};
use serde_json::{Value, json};

async fn setup(router: &Router) {
    for (uri, body) in [
        (
            "/api/clients",
            json!({"name": "Cache Test", "email": "cache-test@example.com"}),
        ),
        (
            "/api/rooms",
            json!({"name": "Studio A", "hourly_rate": 5000}),
        ),
        (
            "/api/equipment",
            json!({"name": "Neumann U87", "category": "microphone", "model": "U87 Ai"}),
        ),
    ] {
        assert_eq!(
            call(router, Method::POST, uri, Some(body), STUDIO_A)
                .await
                .0,
            StatusCode::CREATED
        );
    }
}

/// Tomorrow at `hour`:00 in `zone`, as the planner understands "demain".
fn tomorrow_in(zone: &str, hour: i8) -> Timestamp {
    let zone = TimeZone::get(zone).unwrap();
    let today = ZonedDateTime::now().with_time_zone(zone.clone()).date();
    zone.to_timestamp(today.tomorrow().unwrap().at(hour, 0, 0, 0))
        .unwrap()
}

/// Tomorrow at `hour`:00 in Paris, the default studio zone.
fn tomorrow_at(hour: i8) -> Timestamp {
    tomorrow_in("Europe/Paris", hour)
}

async fn sessions_tomorrow(router: &Router) -> Vec<Value> {
    let (from, to) = (tomorrow_at(0), tomorrow_at(0) + 24.hours());
    let uri = format!("/api/sessions?from={from}&to={to}");
    call(router, Method::GET, &uri, None, STUDIO_A).await.1["items"]
        .as_array()
        .unwrap()
        .clone()
}

on_both_stores! {
    fn the_assistant_books_by_names_in_the_studio_time_zone(store) {
        let router = router(store);
        setup(&router).await;
        let body = chat(&router, "réserve le Studio A demain de 14h à 18h pour Cache Test").await;
        assert_eq!(body["actions"][0]["ok"], true, "{body}");
        let booked = sessions_tomorrow(&router).await;
        assert_eq!(booked.len(), 1);
        assert_eq!(booked[0]["start"], json!(tomorrow_at(14)));
        assert_eq!(booked[0]["end"], json!(tomorrow_at(18)));
        let invalidated: Vec<&str> = body["invalidations"].as_array().unwrap().iter().map(|i| i["resource"].as_str().unwrap()).collect();
        assert!(invalidated.contains(&"sessions") && invalidated.contains(&"rooms") && invalidated.contains(&"clients"), "{invalidated:?}");
    }

    fn a_studio_moved_to_new_york_books_demain_a_10h_at_ten_in_new_york(store) {
        let router = router(store);
        setup(&router).await;
        let moved = json!({"version": 0, "time_zone": "America/New_York"});
        let (status, saved) = call(&router, Method::PUT, "/api/settings", Some(moved), STUDIO_A).await;
        assert_eq!(status, StatusCode::OK, "{saved}");
        assert_eq!(saved["invalidations"], json!([{"resource": "settings"}, {"resource": "settings", "id": "studio"}]));
        let body = chat(&router, "Réserve le Studio A demain à 10h jusqu'à 12h pour Cache Test").await;
        assert_eq!(body["actions"][0]["ok"], true, "{body}");
        let (from, to) = (tomorrow_in("America/New_York", 0), tomorrow_in("America/New_York", 23));
        let uri = format!("/api/sessions?from={from}&to={to}");
        let booked = call(&router, Method::GET, &uri, None, STUDIO_A).await.1["items"].clone();
        assert_eq!(booked[0]["start"], json!(tomorrow_in("America/New_York", 10)), "{booked}");
        assert_ne!(tomorrow_in("America/New_York", 10), tomorrow_at(10));
        assert!(body["reply"].as_str().unwrap().contains("10:00–12:00"), "{body}");
    }

    fn a_taken_slot_gets_a_reply_naming_the_conflict_and_the_nearest_free_slots_and_no_write(store) {
        let router = router(store);
        setup(&router).await;
        chat(&router, "Book Studio A tomorrow from 2pm to 6pm for Cache Test").await;
        let body = chat(&router, "réserve le Studio A demain de 15h à 17h pour Cache Test").await;
        assert_eq!(body["invalidations"], json!([]));
        let reply = body["reply"].as_str().unwrap();
        assert!(reply.contains("déjà pris") && reply.contains("Session Cache Test") && reply.contains("14:00–18:00"), "{reply}");
        assert!(reply.contains("Créneaux libres les plus proches") && reply.contains("18:00–20:00"), "{reply}");
        assert_eq!(sessions_tomorrow(&router).await.len(), 1);
    }

    fn the_assistant_moves_and_cancels_and_cancelling_frees_the_slot(store) {
        let router = router(store);
        setup(&router).await;
        chat(&router, "réserve le Studio A demain de 10h à 12h pour Cache Test").await;
        let moved = chat(&router, "Déplace la session de Cache Test à demain 15h-17h").await;
        assert_eq!(moved["actions"][0]["ok"], true, "{moved}");
        assert_eq!(sessions_tomorrow(&router).await[0]["start"], json!(tomorrow_at(15)));
        let cancelled = chat_confirmed(&router, "Annule la session de Cache Test demain").await;
        assert_eq!(cancelled["action"]["ok"], true, "{cancelled}");
        assert!(sessions_tomorrow(&router).await.is_empty());
        let rebooked = chat(&router, "Book Studio A tomorrow from 3pm to 5pm for Cache Test").await;
        assert_eq!(rebooked["actions"][0]["ok"], true, "the cancelled slot is free again: {rebooked}");
    }

    fn a_new_time_without_a_day_keeps_the_session_on_its_own_day(store) {
        let router = router(store);
        setup(&router).await;
        chat(&router, "réserve le Studio A demain de 10h à 12h pour Cache Test").await;
        // Tomorrow's session moved "to 4 pm": tomorrow at 16:00 (never today), for the same two hours.
        let moved = chat(&router, "Move tomorrow's session of Cache Test to 4pm").await;
        assert_eq!(moved["actions"][0]["ok"], true, "{moved}");
        let tomorrow = sessions_tomorrow(&router).await;
        assert_eq!((tomorrow[0]["start"].clone(), tomorrow[0]["end"].clone()), (json!(tomorrow_at(16)), json!(tomorrow_at(18))));
        // The same without naming the session's day: the tool keeps it on its day.
        let again = chat(&router, "Déplace la session de Cache Test à 9h").await;
        assert_eq!(again["actions"][0]["ok"], true, "{again}");
        assert_eq!(sessions_tomorrow(&router).await[0]["start"], json!(tomorrow_at(9)));
    }

    fn asked_which_of_two_sessions_the_answer_moves_that_one_and_no_other(store) {
        let router = router(store);
        setup(&router).await;
        chat(&router, "réserve le Studio A demain de 10h à 12h pour Cache Test").await;
        chat(&router, "réserve le Studio A après-demain de 10h à 12h pour Cache Test").await;
        let asked = chat(&router, "Déplace la session de Cache Test à 16h").await;
        assert_eq!((asked["actions"][0]["ok"].clone(), asked["invalidations"].clone()), (json!(false), json!([])), "{asked}");
        assert!(asked["reply"].as_str().unwrap().contains("2 sessions correspondent à « Cache Test » : "), "{asked}");
        assert!(asked["reply"].as_str().unwrap().ends_with("Laquelle ?"), "{asked}");
        // An answer naming neither writes nothing; the one naming tomorrow's moves that one.
        let turn = |message: &'static str| {
            let router = router.clone();
            let conversation = asked["conversation_id"].clone();
            async move {
                let body = json!({"message": message, "conversation_id": conversation});
                call(&router, Method::POST, "/api/chat", Some(body), STUDIO_A).await.1
            }
        };
        let unclear = turn("bonjour").await;
        assert_eq!(unclear["invalidations"], json!([]), "{unclear}");
        let answered = turn("celle de demain").await;
        assert_eq!(answered["actions"][0]["ok"], true, "{answered}");
        assert_eq!(sessions_tomorrow(&router).await[0]["start"], json!(tomorrow_at(16)));
        let after = tomorrow_at(10) + 24.hours();
        let uri = format!("/api/sessions?from={after}&to={}", after + 2.hours());
        let untouched = call(&router, Method::GET, &uri, None, STUDIO_A).await.1;
        assert_eq!(untouched["items"][0]["start"], json!(after), "{untouched}");
    }

    fn a_session_moves_by_an_offset_grows_and_is_cancelled_by_its_title(store) {
        let router = router(store);
        setup(&router).await;
        chat(&router, "réserve le Studio A demain de 10h à 12h pour Cache Test").await;
        let later = chat(&router, "Décale la session de Cache Test d'une heure").await;
        assert_eq!(later["actions"][0]["ok"], true, "{later}");
        let tomorrow = sessions_tomorrow(&router).await;
        assert_eq!((tomorrow[0]["start"].clone(), tomorrow[0]["end"].clone()), (json!(tomorrow_at(11)), json!(tomorrow_at(13))));
        let longer = chat(&router, "Prolonge la session de Cache Test d'une heure").await;
        assert_eq!(longer["actions"][0]["ok"], true, "{longer}");
        let tomorrow = sessions_tomorrow(&router).await;
        assert_eq!((tomorrow[0]["start"].clone(), tomorrow[0]["end"].clone()), (json!(tomorrow_at(11)), json!(tomorrow_at(14))));
        // Pushed to another day: the same hours there.
        let day_after = tomorrow_at(11) + 24.hours();
        let local = day_after.to_zoned_datetime(TimeZone::get("Europe/Paris").unwrap()).date();
        let pushed = chat(&router, &format!("Repousse la session de Cache Test au {local}")).await;
        assert_eq!(pushed["actions"][0]["ok"], true, "{pushed}");
        assert!(sessions_tomorrow(&router).await.is_empty());
        let uri = format!("/api/sessions?from={day_after}&to={}", day_after + 3.hours());
        let moved = call(&router, Method::GET, &uri, None, STUDIO_A).await.1;
        assert_eq!((moved["items"][0]["start"].clone(), moved["items"][0]["end"].clone()), (json!(day_after), json!(day_after + 3.hours())));
        let cancelled = chat_confirmed(&router, "Annule la session Session Cache Test").await;
        assert_eq!(cancelled["action"]["ok"], true, "{cancelled}");
    }

    fn rooms_gear_and_a_client_s_phone_are_created_and_changed_by_sentence(store) {
        let router = router(store);
        setup(&router).await;
        for sentence in [
            "Crée la salle Studio C à 55 € de l'heure",
            "Passe le tarif du Studio A à 70 €",
            "Ajoute le micro Neumann U47",
            "Change le téléphone de Cache Test en 06 12 34 56 78",
            "Le planning de la salle Studio A cette semaine",
        ] {
            let body = chat(&router, sentence).await;
            assert_eq!(body["actions"][0]["ok"], true, "{sentence}: {body}");
        }
        let (_, rooms) = call(&router, Method::GET, "/api/rooms", None, STUDIO_A).await;
        let rates: Vec<(Value, Value)> = rooms["items"].as_array().unwrap().iter().map(|r| (r["name"].clone(), r["hourly_rate"].clone())).collect();
        assert_eq!(rates, [(json!("Studio A"), json!(7000)), (json!("Studio C"), json!(5500))]);
        let (_, gear) = call(&router, Method::GET, "/api/equipment?q=U47", None, STUDIO_A).await;
        assert_eq!((gear["items"][0]["name"].clone(), gear["items"][0]["category"].clone()), (json!("Neumann U47"), json!("microphone")));
        let (_, clients) = call(&router, Method::GET, "/api/clients", None, STUDIO_A).await;
        assert_eq!(clients["items"][0]["phone"], "06 12 34 56 78");
    }

    fn a_day_s_one_session_is_cancelled_by_its_day_and_two_are_asked_about(store) {
        let router = router(store);
        setup(&router).await;
        chat(&router, "réserve le Studio A demain de 10h à 12h pour Cache Test").await;
        chat(&router, "réserve le Studio A demain de 14h à 16h pour Cache Test").await;
        let asked = chat(&router, "Annule la session de demain").await;
        assert_eq!(asked["invalidations"], json!([]), "{asked}");
        assert!(asked["reply"].as_str().unwrap().ends_with("Laquelle ?"), "{asked}");
        let body = json!({"message": "celle de 14h", "conversation_id": asked["conversation_id"]});
        let answered = call(&router, Method::POST, "/api/chat", Some(body), STUDIO_A).await.1;
        assert_eq!(answered["actions"][0]["ok"], true, "{answered}");
        assert!(sessions_tomorrow(&router).await.iter().all(|s| s["status"] != "cancelled"), "only proposed");
        confirm(&router, &answered).await;
        let left = sessions_tomorrow(&router).await;
        let active: Vec<&Value> = left.iter().filter(|s| s["status"] != "cancelled").collect();
        assert_eq!(active.len(), 1);
        assert_eq!(active[0]["start"], json!(tomorrow_at(10)));
        // Now the day has one session: the day alone names it.
        let cancelled = chat_confirmed(&router, "Annule la session de demain").await;
        assert_eq!(cancelled["action"]["ok"], true, "{cancelled}");
    }

    fn a_local_time_skipped_by_the_clocks_is_refused_with_a_clear_message(store) {
        let router = router(store);
        setup(&router).await;
        let body = chat(&router, "réserve le Studio A le 28/03/2027 de 2h30 à 4h pour Cache Test").await;
        assert_eq!(body["invalidations"], json!([]));
        let reply = body["reply"].as_str().unwrap();
        assert!(reply.contains("does not exist") && reply.contains("clocks go forward"), "{reply}");
    }

    fn the_assistant_puts_a_microphone_into_maintenance_and_in_a_room_and_renames_the_room(store) {
        let router = router(store);
        setup(&router).await;
        let body = chat(&router, "Mets le micro U87 en maintenance").await;
        assert_eq!(body["actions"][0]["ok"], true, "{body}");
        assert_eq!(body["invalidations"][0], json!({"resource": "equipment"}));
        let (_, gear) = call(&router, Method::GET, "/api/equipment", None, STUDIO_A).await;
        assert_eq!(gear["items"][0]["status"], "maintenance");
        // Asking what is in maintenance lists it, and writes nothing.
        let asked = chat(&router, "Quel matériel est en maintenance ?").await;
        assert!(asked["reply"].as_str().unwrap().contains("Neumann U87"), "{asked}");
        assert_eq!(asked["invalidations"], json!([]));
        let none = chat(&router, "Which gear is out of service?").await;
        assert_eq!(none["reply"], "No equipment.", "{none}");
        let back = chat(&router, "the U87 is operational again").await;
        assert!(back["reply"].as_str().unwrap().contains("operational"), "{back}");
        // Put in a room, and the room renamed, by name.
        let placed = chat(&router, "Mets le U87 dans le Studio A").await;
        assert_eq!(placed["actions"][0]["ok"], true, "{placed}");
        let (_, rooms) = call(&router, Method::GET, "/api/rooms", None, STUDIO_A).await;
        let (_, gear) = call(&router, Method::GET, "/api/equipment", None, STUDIO_A).await;
        assert_eq!(gear["items"][0]["room_id"], rooms["items"][0]["id"]);
        let renamed = chat(&router, "Renomme la salle Studio A en Studio Alpha").await;
        assert_eq!(renamed["actions"][0]["ok"], true, "{renamed}");
        let (_, rooms) = call(&router, Method::GET, "/api/rooms", None, STUDIO_A).await;
        assert_eq!(rooms["items"][0]["name"], "Studio Alpha");
    }

    fn availability_and_the_days_sessions_are_read_without_writes(store) {
        let router = router(store);
        setup(&router).await;
        chat(&router, "réserve le Studio A demain de 14h à 18h pour Cache Test").await;
        let free = chat(&router, "Quand le Studio A est-il libre demain ?").await;
        let reply = free["reply"].as_str().unwrap();
        assert!(reply.contains("08:00–14:00") && reply.contains("18:00–24:00"), "to closing at midnight: {reply}");
        let agenda = chat(&router, "Quelles sessions demain ?").await;
        assert!(agenda["reply"].as_str().unwrap().contains("Session Cache Test"), "{agenda}");
        assert_eq!((free["invalidations"].clone(), agenda["invalidations"].clone()), (json!([]), json!([])));
    }
}
