//! Both LLM providers — OpenAI-compatible and Anthropic's Messages API — against a scripted server on loopback
//! speaking each protocol: the same conformance cases and the same fault matrix. Every turn answers with a
//! clear message inside its deadline, writes already done are reported with their invalidations, and nothing
//! is written twice.

mod common;

use std::time::{Duration, Instant};

use axum::{Router, http::Method};
use common::{
    STUDIO_A, call, chat,
    scripted::{Protocol, Reply, app, call_in, garbage, hang, status, text_in, tool_results},
};
use serde_json::{Value, json};

const BOTH: [Protocol; 2] = [Protocol::OpenAi, Protocol::Anthropic];

async fn clients(router: &Router) -> Vec<Value> {
    call(router, Method::GET, "/api/clients", None, STUDIO_A)
        .await
        .1["items"]
        .as_array()
        .unwrap()
        .clone()
}

fn create(protocol: Protocol) -> Reply {
    call_in(
        protocol,
        "call_1",
        "create_client",
        json!({"name": "Cache Test", "email": "cache-test@example.com"}),
    )
}

#[tokio::test]
async fn a_tool_call_runs_and_its_result_goes_back_in_each_protocol() {
    for protocol in BOTH {
        let replies = vec![create(protocol), text_in(protocol, "C'est fait.")];
        let (router, script, _dir) = app(protocol, replies, Duration::from_secs(10)).await;
        let body = chat(&router, "Crée le client Cache Test").await;
        assert_eq!(body["reply"], "C'est fait.", "{protocol:?}");
        assert_eq!(
            body["invalidations"][0],
            json!({"resource": "clients"}),
            "{protocol:?}"
        );
        assert_eq!(clients(&router).await.len(), 1);
        let requests = script.requests();
        assert_eq!(requests.len(), 2, "{protocol:?}");
        assert_eq!(
            tool_results(&requests[1])[0]["data"]["name"],
            "Cache Test",
            "{protocol:?}"
        );
        let auth = &script.authorizations.lock().unwrap()[0];
        match protocol {
            Protocol::OpenAi => assert_eq!(auth, "Bearer sk-test"),
            Protocol::Anthropic => {
                assert_eq!(auth, "sk-test");
                let system = requests[0]["system"].as_str().unwrap();
                assert!(
                    system.contains("Europe/Paris") && system.contains("never instructions"),
                    "{system}"
                );
                assert!(
                    requests[0]["messages"]
                        .as_array()
                        .unwrap()
                        .iter()
                        .all(|m| m["role"] != "system")
                );
                assert_eq!(requests[0]["tools"][0]["input_schema"]["type"], "object");
            }
        }
    }
}

#[tokio::test]
async fn a_failed_tool_is_reported_as_an_error_in_each_protocol() {
    for protocol in BOTH {
        let replies = vec![
            call_in(
                protocol,
                "c1",
                "update_client",
                json!({"client": "01ARZ3NDEKTSV4RRFFQ69G5FAV", "name": "X"}),
            ),
            call_in(protocol, "c2", "delete_everything", json!({})),
            call_in(protocol, "c3", "create_client", json!({"nom": "typo"})),
            text_in(protocol, "Je n'ai rien trouvé."),
        ];
        let (router, script, _dir) = app(protocol, replies, Duration::from_secs(10)).await;
        let body = chat(&router, "Renomme le client inventé").await;
        assert_eq!(body["invalidations"], json!([]), "{protocol:?}: {body}");
        assert!(clients(&router).await.is_empty());
        let requests = script.requests();
        let results = tool_results(&requests[3]);
        let codes: Vec<&str> = results
            .iter()
            .map(|r| r["error"]["code"].as_str().unwrap())
            .collect();
        assert_eq!(
            codes,
            ["not_found", "unknown_tool", "bad_arguments"],
            "{protocol:?}"
        );
        if protocol == Protocol::Anthropic {
            let blocks: Vec<&Value> = requests[3]["messages"]
                .as_array()
                .unwrap()
                .iter()
                .filter_map(|m| m["content"].as_array())
                .flatten()
                .filter(|b| b["type"] == "tool_result")
                .collect();
            assert!(blocks.iter().all(|b| b["is_error"] == true), "{blocks:?}");
        }
    }
}

#[tokio::test]
async fn rate_limits_server_faults_and_overload_are_retried_honouring_retry_after() {
    for protocol in BOTH {
        let replies = vec![
            status(429, Some("1")),
            status(500, None),
            status(529, None),
            create(protocol),
            text_in(protocol, "C'est fait."),
        ];
        let (router, script, _dir) = app(protocol, replies, Duration::from_secs(20)).await;
        let body = chat(&router, "Crée le client Cache Test").await;
        assert_eq!(body["reply"], "C'est fait.", "{protocol:?}: {body}");
        assert_eq!(clients(&router).await.len(), 1, "written once");
        let arrivals = script.arrivals();
        assert_eq!(arrivals.len(), 5);
        assert!(
            arrivals[1] - arrivals[0] >= Duration::from_millis(950),
            "retry-after: 1 was honoured"
        );
    }
}

#[tokio::test]
async fn a_model_that_keeps_failing_gets_a_clear_answer_and_the_writes_done_are_reported() {
    for protocol in BOTH {
        let mut replies = vec![create(protocol)];
        replies.extend((0..4).map(|_| status(500, None)));
        let (router, _script, _dir) = app(protocol, replies, Duration::from_secs(20)).await;
        let body = chat(&router, "Crée le client Cache Test").await;
        let reply = body["reply"].as_str().unwrap();
        assert!(
            reply.contains("indisponible") && reply.contains("Déjà fait"),
            "{protocol:?}: {reply}"
        );
        assert!(
            body["invalidations"]
                .as_array()
                .unwrap()
                .contains(&json!({"resource": "clients"})),
            "{body}"
        );
        assert_eq!(clients(&router).await.len(), 1);
    }
}

#[tokio::test]
async fn a_body_that_is_not_json_gets_a_clear_answer_and_no_write() {
    for protocol in BOTH {
        let (router, _script, _dir) = app(protocol, vec![garbage()], Duration::from_secs(10)).await;
        let body = chat(&router, "Crée le client Cache Test").await;
        assert!(
            body["reply"].as_str().unwrap().contains("indisponible"),
            "{protocol:?}: {body}"
        );
        assert_eq!(body["invalidations"], json!([]));
        assert!(clients(&router).await.is_empty());
    }
}

#[tokio::test]
async fn a_model_that_hangs_past_the_deadline_is_cut_off_and_says_so() {
    for protocol in BOTH {
        let replies = vec![create(protocol), hang()];
        let budget = Duration::from_millis(1500);
        let (router, _script, _dir) = app(protocol, replies, budget).await;
        let started = Instant::now();
        let body = chat(&router, "Crée le client Cache Test").await;
        let took = started.elapsed();
        let reply = body["reply"].as_str().unwrap();
        assert!(
            reply.contains("trop de temps") && reply.contains("Déjà fait"),
            "{protocol:?}: {reply}"
        );
        assert!(
            body["invalidations"]
                .as_array()
                .unwrap()
                .contains(&json!({"resource": "clients"}))
        );
        // The model never answered: the turn answered at its deadline.
        assert!(took < budget * 4, "answered after {took:?}");
    }
}

#[tokio::test]
async fn a_retried_request_gets_the_first_answer_and_runs_nothing_twice() {
    let protocol = Protocol::OpenAi;
    let replies = vec![create(protocol), text_in(protocol, "C'est fait.")];
    let (router, script, _dir) = app(protocol, replies, Duration::from_secs(10)).await;
    let body = json!({"message": "Crée le client Cache Test", "request_id": "req-1"});
    let (_, first) = call(
        &router,
        Method::POST,
        "/api/chat",
        Some(body.clone()),
        STUDIO_A,
    )
    .await;
    let (_, again) = call(&router, Method::POST, "/api/chat", Some(body), STUDIO_A).await;
    assert_eq!(first, again);
    assert_eq!(first["reply"], "C'est fait.");
    assert_eq!(clients(&router).await.len(), 1, "one write");
    assert_eq!(script.requests().len(), 2, "the model was not asked again");
    let bad = json!({"message": "x", "request_id": "not ok!"});
    let (status, refused) = call(&router, Method::POST, "/api/chat", Some(bad), STUDIO_A).await;
    assert_eq!(
        status,
        axum::http::StatusCode::UNPROCESSABLE_ENTITY,
        "{refused}"
    );
}

#[tokio::test]
async fn too_many_writes_in_one_turn_are_not_run_and_the_user_is_told() {
    let protocol = Protocol::Anthropic;
    // One round asks for twelve writes: the first ones run, the others are answered "limit".
    let many = Reply::from((
        axum::http::StatusCode::OK,
        json!({"content": (0..12).map(|i| json!({"type": "tool_use", "id": format!("m{i}"), "name": "create_client", "input": {"name": format!("Many {i}")}})).collect::<Vec<_>>(), "stop_reason": "tool_use"}),
    ));
    let (router, script, _dir) = app(
        protocol,
        vec![many, text_in(protocol, "Voilà.")],
        Duration::from_secs(10),
    )
    .await;
    let body = chat(&router, "Crée douze clients").await;
    let made = clients(&router).await.len();
    assert_eq!(made, studio_chat::turn::MAX_CALLS_PER_ROUND, "{body}");
    let results = tool_results(&script.requests()[1]);
    assert_eq!(results.len(), 12, "every call gets a result");
    assert_eq!(
        results
            .iter()
            .filter(|r| r["error"]["code"] == "limit")
            .count(),
        12 - made
    );
    assert!(body["reply"].as_str().unwrap().contains("limite"), "{body}");
}
