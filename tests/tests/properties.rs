//! Property tests (proptest, bounded case counts): whatever a person types or a client sends, nothing panics, and
//! what is refused is refused with a 4xx that says what to fix — and writes nothing.
//! - the offline planner and the date reader, on any text and on corpus sentences with characters dropped,
//!   doubled or swapped;
//! - every write route of the API, on JSON bodies built from the real field names, real ids and awkward values;
//! - every assistant tool, on arguments built from its own schema's parameter names.
//!
//! "Writes nothing" is read from the history: every committed transaction writes a record, so a refusal must
//! leave the newest record unchanged. The API runs on the embedded store (the same domain code as on DynamoDB,
//! whose adapter the conformance suite covers).

mod common;

use axum::http::{Method, StatusCode};
use common::{STUDIO_A, call, router};
use jiff::civil::date;
use proptest::prelude::*;
use serde_json::{Map, Value, json};
use studio_chat::{planner, tools, tools::ToolEnv, when};
use studio_domain::{Ctx, Services, StudioId, history};
use studio_wire::Locale;

/// One runtime and one seeded studio for all cases of a test (each test runs on its own thread, so a test's
/// "nothing written" never sees another's writes).
struct World {
    runtime: tokio::runtime::Runtime,
    router: axum::Router,
    ctx: Ctx,
    /// Real ids and names the generated values pick from, so that some bodies get past the first check.
    known: Vec<String>,
    _dir: tempfile::TempDir,
}

fn world() -> &'static World {
    thread_local! {
        static WORLD: &'static World = Box::leak(Box::new(seeded()));
    }
    WORLD.with(|w| *w)
}

fn seeded() -> World {
    {
        let runtime = tokio::runtime::Runtime::new().unwrap();
        let (store, dir) = common::embedded_store();
        let services = Services::new(store.clone());
        let ctx = Ctx::new(StudioId::parse(STUDIO_A).unwrap(), services.clone());
        let router = router(store);
        let known = runtime.block_on(async {
            let mut known = Vec::new();
            for (uri, body) in [
                ("/api/clients", json!({"name": "Léa Martin", "email": "lea@example.com"})),
                ("/api/rooms", json!({"name": "Studio A", "hourly_rate": 6000})),
                ("/api/equipment", json!({"name": "U87", "category": "microphone"})),
            ] {
                let (status, created) = call(&router, Method::POST, uri, Some(body), STUDIO_A).await;
                assert_eq!(status, StatusCode::CREATED, "{created}");
                known.push(created["data"]["id"].as_str().unwrap().to_owned());
                known.push(created["data"]["name"].as_str().unwrap().to_owned());
            }
            let (status, project) = call(
                &router,
                Method::POST,
                "/api/projects",
                Some(json!({"client_id": known[0], "name": "Album"})),
                STUDIO_A,
            )
            .await;
            assert_eq!(status, StatusCode::CREATED, "{project}");
            known.push(project["data"]["id"].as_str().unwrap().to_owned());
            let (status, invoice) = call(
                &router,
                Method::POST,
                "/api/invoices",
                Some(json!({"client_id": known[0], "lines": [{"description": "Mix", "quantity": "1", "unit_price": 10000}]})),
                STUDIO_A,
            )
            .await;
            assert_eq!(status, StatusCode::CREATED, "{invoice}");
            known.push(invoice["data"]["id"].as_str().unwrap().to_owned());
            known
        });
        World {
            runtime,
            router,
            ctx,
            known,
            _dir: dir,
        }
    }
}

/// The newest history record's id: unchanged means nothing was written.
fn newest_write(world: &World) -> Option<String> {
    let query = history::ActivityQuery {
        limit: Some(1),
        ..Default::default()
    };
    let page = world
        .runtime
        .block_on(history::list(&world.ctx, &query))
        .unwrap();
    page.items.first().map(|a| a.id.clone())
}

/// Every field name the API's bodies have, and some they do not.
const FIELDS: &[&str] = &[
    "name",
    "email",
    "phone",
    "kind",
    "notes",
    "version",
    "client_id",
    "room_id",
    "project_id",
    "start",
    "end",
    "status",
    "title",
    "engineer",
    "hourly_rate",
    "half_day_rate",
    "day_rate",
    "active",
    "bookable",
    "colour",
    "category",
    "brand",
    "model",
    "condition",
    "lines",
    "description",
    "quantity",
    "unit_price",
    "vat_rate",
    "invoice_id",
    "amount",
    "method",
    "paid_on",
    "reference",
    "valid_until",
    "from",
    "to",
    "artist",
    "budget",
    "starts_on",
    "due_on",
    "number",
    "duration",
    "bpm",
    "key",
    "currency",
    "time_zone",
    "nom",
    "",
];

fn awkward_text() -> impl Strategy<Value = String> {
    prop_oneof![
        Just(String::new()),
        Just("   ".to_owned()),
        Just("2026-02-30".to_owned()),
        Just("2026-11-27T10:00:00Z".to_owned()),
        Just("9999-12-31T23:59:59Z".to_owned()),
        Just("-0001-01-01T00:00:00Z".to_owned()),
        Just("1e400".to_owned()),
        Just("x".repeat(5000)),
        Just("😀\u{0}\u{202e}".to_owned()),
        Just("scheduled".to_owned()),
        Just("cancelled".to_owned()),
        ".{0,24}",
    ]
}

fn leaf(known: Vec<String>) -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::from),
        any::<i64>().prop_map(Value::from),
        (-1000i64..100_000).prop_map(Value::from),
        any::<f64>().prop_map(|f| json!(f)),
        awkward_text().prop_map(Value::from),
        proptest::sample::select(known).prop_map(Value::from),
    ]
}

fn value(known: Vec<String>) -> BoxedStrategy<Value> {
    leaf(known)
        .prop_recursive(3, 24, 6, |inner| {
            prop_oneof![
                proptest::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
                object(inner),
            ]
        })
        .boxed()
}

fn object(values: impl Strategy<Value = Value> + Clone) -> impl Strategy<Value = Value> {
    proptest::collection::vec((proptest::sample::select(FIELDS), values), 0..8).prop_map(|pairs| {
        Value::Object(
            pairs
                .into_iter()
                .map(|(k, v)| (k.to_owned(), v))
                .collect::<Map<_, _>>(),
        )
    })
}

/// A body: mostly an object of known fields, sometimes anything at all.
fn body() -> impl Strategy<Value = Value> {
    let known = world().known.clone();
    prop_oneof![4 => object(value(known.clone())), 1 => value(known)]
}

fn route() -> impl Strategy<Value = (Method, String)> {
    let w = world();
    let (client, room, equipment, project, invoice) = (
        &w.known[0],
        &w.known[2],
        &w.known[4],
        &w.known[6],
        &w.known[7],
    );
    proptest::sample::select(vec![
        (Method::POST, "/api/clients".to_owned()),
        (Method::POST, "/api/rooms".to_owned()),
        (Method::POST, "/api/equipment".to_owned()),
        (Method::POST, "/api/sessions".to_owned()),
        (Method::POST, "/api/projects".to_owned()),
        (Method::POST, "/api/quotes".to_owned()),
        (Method::POST, "/api/invoices".to_owned()),
        (Method::POST, "/api/invoices/from-sessions".to_owned()),
        (Method::POST, "/api/payments".to_owned()),
        (Method::PUT, "/api/settings".to_owned()),
        (Method::PATCH, format!("/api/clients/{client}")),
        (Method::PATCH, format!("/api/rooms/{room}")),
        (Method::PATCH, format!("/api/equipment/{equipment}")),
        (Method::PATCH, format!("/api/projects/{project}")),
        (Method::PATCH, format!("/api/invoices/{invoice}")),
        (Method::POST, format!("/api/projects/{project}/tracks")),
        (Method::POST, format!("/api/invoices/{invoice}/issue")),
    ])
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn the_planner_and_the_date_reader_take_any_text(text in ".{0,80}") {
        let today = date(2026, 11, 27);
        let _ = planner::parse(&text, today);
        let _ = when::parse(&text, today);
        let _ = when::week(&text, today);
    }
}

fn corpus_sentences() -> Vec<String> {
    include_str!("../../functions/chat/src/planner/corpus.txt")
        .lines()
        .filter_map(|line| line.split('\t').next())
        .map(str::trim)
        .filter(|s| !s.is_empty() && !s.starts_with('#'))
        .map(str::to_owned)
        .collect()
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, failure_persistence: None, ..ProptestConfig::default() })]

    /// Near-misses of real requests: a character dropped, doubled or replaced, anywhere.
    #[test]
    fn the_planner_takes_every_corpus_sentence_mangled(
        sentence in proptest::sample::select(corpus_sentences()),
        edits in proptest::collection::vec((any::<prop::sample::Index>(), 0u8..3, any::<char>()), 1..4),
    ) {
        let mut chars: Vec<char> = sentence.chars().collect();
        for (at, edit, c) in edits {
            if chars.is_empty() { break; }
            let i = at.index(chars.len());
            match edit {
                0 => { chars.remove(i); }
                1 => chars.insert(i, chars[i]),
                _ => chars[i] = c,
            }
        }
        let text: String = chars.into_iter().collect();
        for today in [date(2026, 11, 27), date(2026, 12, 31), date(2024, 2, 29)] {
            let _ = planner::parse(&text, today);
            let _ = when::parse(&text, today);
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_request_body_is_taken_or_refused_with_a_4xx_that_writes_nothing(
        (method, uri) in route(),
        body in body(),
    ) {
        let w = world();
        let before = newest_write(w);
        let (status, answer) = w.runtime.block_on(call(&w.router, method.clone(), &uri, Some(body.clone()), STUDIO_A));
        prop_assert!(status.as_u16() < 500, "{method} {uri} {body} → {status} {answer}");
        if status.is_client_error() {
            prop_assert!(answer["error"]["code"].is_string(), "{method} {uri} {body} → {status} {answer}");
            prop_assert!(answer["error"]["message"].as_str().is_some_and(|m| !m.is_empty()), "{answer}");
            if status == StatusCode::UNPROCESSABLE_ENTITY {
                let fields = answer["error"]["fields"].as_object();
                prop_assert!(fields.is_some_and(|f| !f.is_empty()), "a 422 names the field to fix: {method} {uri} {body} → {answer}");
            }
            prop_assert_eq!(newest_write(w), before, "{} {} {} was refused but wrote", method, uri, body);
        }
    }
}

fn tool_names() -> Vec<&'static str> {
    tools::catalogue().iter().map(|spec| spec.name).collect()
}

/// Arguments for `tool`: an object of its own parameters (and a stray one), values as for the API.
fn arguments(tool: &'static str) -> impl Strategy<Value = Value> {
    let spec = tools::catalogue()
        .into_iter()
        .find(|s| s.name == tool)
        .unwrap();
    let mut names: Vec<String> = spec.parameters["properties"]
        .as_object()
        .map(|p| p.keys().cloned().collect())
        .unwrap_or_default();
    names.push("unexpected".to_owned());
    let values = value(world().known.clone());
    proptest::collection::vec((proptest::sample::select(names), values), 0..6)
        .prop_map(|pairs| Value::Object(pairs.into_iter().collect()))
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 600, failure_persistence: None, ..ProptestConfig::default() })]

    #[test]
    fn a_tool_call_succeeds_or_fails_in_words_and_a_failure_writes_nothing(
        (tool, args) in proptest::sample::select(tool_names()).prop_flat_map(|t| (Just(t), arguments(t))),
    ) {
        let w = world();
        let before = newest_write(w);
        let settings = w.runtime.block_on(studio_domain::settings::load(&w.ctx)).unwrap();
        let env = ToolEnv { ctx: w.ctx.clone(), locale: Locale::En, settings };
        let outcome = w.runtime.block_on(tools::execute(&env, tool, &args));
        prop_assert!(!outcome.summary.is_empty(), "{tool} {args}");
        if !outcome.ok {
            prop_assert_eq!(newest_write(w), before, "{} {} failed but wrote", tool, args);
        }
    }
}

/// Session times are bounded: absurd ones are refused with the field to fix, whatever the route.
#[test]
fn absurd_session_times_are_refused_with_the_field() {
    let w = world();
    let (client, room) = (&w.known[0], &w.known[2]);
    for (start, end, field) in [
        ("2026-12-01T10:00:00Z", "2026-12-01T09:00:00Z", "end"),
        ("2026-12-01T10:00:00Z", "2027-12-01T10:00:00Z", "end"),
        ("9000-01-01T10:00:00Z", "9000-01-01T11:00:00Z", "start"),
        (
            "9999-12-31T10:00:00Z",
            "9999-12-31T23:59:59.999999999Z",
            "end",
        ),
        ("1900-01-01T10:00:00Z", "1900-01-01T11:00:00Z", "start"),
    ] {
        let before = newest_write(w);
        let body = json!({"client_id": client, "room_id": room, "start": start, "end": end});
        let (status, answer) = w.runtime.block_on(call(
            &w.router,
            Method::POST,
            "/api/sessions",
            Some(body),
            STUDIO_A,
        ));
        assert_eq!(
            status,
            StatusCode::UNPROCESSABLE_ENTITY,
            "{start} → {end}: {answer}"
        );
        assert!(
            answer["error"]["fields"][field].is_string(),
            "{start} → {end}: {answer}"
        );
        assert_eq!(newest_write(w), before);
    }
}
