//! The server-side figures of `cargo xtask bench`, one `figure` line each (xtask gathers them into its table):
//! - scale: a small studio (100 clients) and a large one (10,000) seeded side by side on the embedded store; the
//!   SPA's requests (through the API router, JSON and all) and the assistant's domain calls timed in turns on
//!   both, with the store items each one reads;
//! - the API over HTTP beside a hello-world server on the same HTTP stack answering the same bytes, loaded alike;
//! - load: mixed reads and writes at concurrency 32 on the embedded store, and on DynamoDB (moto's server) when
//!   `STUDIO_BENCH_DYNAMODB_URL` is set — every write answered 2xx read back.

mod load;

use std::{
    future::Future,
    path::Path,
    sync::Arc,
    time::{Duration, Instant},
};

use axum::{Router, body::Body, http::Request};
use http_body_util::BodyExt;
use load::{Mix, Outcome};
use studio_api::{AppState, DevIdentity};
use studio_domain::{Ctx, DomainError, Services, Store, StudioId, clients};
use studio_local::scale;
use studio_store::{CountingStore, DynamoStore, EmbeddedStore};

const SMALL: usize = 100;
const LARGE: usize = 10_000;
/// Requests per measure and studio.
const RUNS: usize = 1000;

struct Studio {
    ctx: Ctx,
    api: Router,
    store: Arc<CountingStore>,
}

async fn studio(dir: &Path, n: usize) -> anyhow::Result<Studio> {
    let embedded: Arc<dyn Store> = Arc::new(EmbeddedStore::open(&dir.join(format!("{n}.redb")))?);
    let store = Arc::new(CountingStore::new(embedded));
    let studio = StudioId::parse("bench").expect("valid");
    let services = Services::new(store.clone());
    let ctx = Ctx::new(studio.clone(), services.clone());
    let auth = Arc::new(DevIdentity { default: studio });
    let api = studio_api::app(AppState { services, auth });
    let started = Instant::now();
    scale::seed_clients(&ctx, n).await?;
    eprintln!(
        "studio-bench: {n} clients seeded in {:.1} s",
        started.elapsed().as_secs_f64()
    );
    Ok(Studio { ctx, api, store })
}

/// Median and 95th percentile of the times, and the store items read per request.
struct Measured {
    p50: Duration,
    p95: Duration,
    reads: f64,
}

/// Runs `request` `RUNS` times on each studio, alternating, so that both see the same machine.
async fn side_by_side<'a, F, Fut>(
    small: &'a Studio,
    large: &'a Studio,
    request: F,
) -> anyhow::Result<[Measured; 2]>
where
    F: Fn(&'a Studio) -> Fut,
    Fut: Future<Output = anyhow::Result<()>>,
{
    let mut times = [Vec::with_capacity(RUNS), Vec::with_capacity(RUNS)];
    let mut reads = [0u64; 2];
    for _ in 0..RUNS {
        for (i, studio) in [small, large].into_iter().enumerate() {
            studio.store.take_reads();
            let started = Instant::now();
            request(studio).await?;
            times[i].push(started.elapsed());
            reads[i] += studio.store.take_reads();
        }
    }
    Ok([0, 1].map(|i| {
        times[i].sort();
        Measured {
            p50: times[i][RUNS / 2],
            p95: times[i][RUNS * 95 / 100],
            reads: reads[i] as f64 / RUNS as f64,
        }
    }))
}

fn ms(d: Duration) -> String {
    format!("{:.3} ms", d.as_secs_f64() * 1000.0)
}

fn summary(m: &Measured) -> String {
    format!("p50 {}, p95 {}, {:.0} reads", ms(m.p50), ms(m.p95), m.reads)
}

/// What a measure is held to: the same time at both sizes (the same work), or reads bounded by a page.
enum Goal {
    SameTime,
    ReadsAtMost(f64),
}

/// One `figure` line: what, measured at 10,000, the reference at 100, the comparison.
fn report(what: &str, goal: Goal, [small, large]: &[Measured; 2]) {
    let comparison = match goal {
        Goal::SameTime => format!(
            "p50 ×{:.2} (goal ≤ 1.5)",
            large.p50.as_secs_f64() / small.p50.as_secs_f64()
        ),
        Goal::ReadsAtMost(max) => {
            format!("{:.0} reads (goal ≤ {max:.0}: a page + 1)", large.reads)
        }
    };
    println!(
        "figure\t{what}\t{} at {LARGE} clients\t{} at {SMALL}\t{comparison}",
        summary(large),
        summary(small),
    );
}

/// A GET through the API router, as the SPA sends it; fails unless it answers 200.
async fn get(studio: &Studio, uri: &str) -> anyhow::Result<()> {
    let request = Request::get(uri).body(Body::empty())?;
    let response = tower::ServiceExt::oneshot(studio.api.clone(), request).await?;
    let status = response.status();
    let body = response.into_body().collect().await?.to_bytes();
    anyhow::ensure!(
        status.is_success(),
        "{uri}: {status} {}",
        String::from_utf8_lossy(&body)
    );
    Ok(())
}

/// A domain call, as the assistant's tools make it.
async fn call<T>(result: impl Future<Output = Result<T, DomainError>>) -> anyhow::Result<()> {
    result.await?;
    Ok(())
}

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let dir = std::env::temp_dir().join(format!("studio-bench-{}", std::process::id()));
    std::fs::create_dir_all(&dir)?;
    let result = run(&dir).await;
    std::fs::remove_dir_all(&dir)?;
    result
}

async fn run(dir: &Path) -> anyhow::Result<()> {
    scale_figures(dir).await?;
    api_figures(dir).await?;
    let embedded: Arc<dyn Store> = Arc::new(EmbeddedStore::open(&dir.join("load.redb"))?);
    load_figure("embedded store", embedded, LOAD_EMBEDDED).await?;
    if let Ok(url) = std::env::var("STUDIO_BENCH_DYNAMODB_URL") {
        let table = format!("bench-load-{}", std::process::id());
        let dynamo = DynamoStore::at_endpoint(&url, table);
        dynamo.create_table().await?;
        load_figure("DynamoDB (moto's server)", Arc::new(dynamo), LOAD_DYNAMODB).await?;
    }
    Ok(())
}

/// Load: how long, at what concurrency, on each store.
const LOAD_EMBEDDED: Duration = Duration::from_secs(60);
const LOAD_DYNAMODB: Duration = Duration::from_secs(10);
const CONCURRENCY: usize = 32;
/// Each side of an API figure runs this long.
const API_RUN: Duration = Duration::from_secs(5);

/// A studio's API alone on a loopback port (the local stack's, without the SPA).
async fn serve_api(store: Arc<dyn Store>) -> anyhow::Result<(String, Ctx)> {
    let studio = StudioId::parse("bench").expect("valid");
    let services = Services::new(store);
    let ctx = Ctx::new(studio.clone(), services.clone());
    let auth = Arc::new(DevIdentity { default: studio });
    let base = load::serve(studio_api::app(AppState { services, auth })).await?;
    Ok((base, ctx))
}

fn http_summary(outcome: &mut Outcome) -> String {
    let statuses: Vec<String> = outcome
        .statuses
        .iter()
        .map(|(status, n)| format!("{n}×{status}"))
        .collect();
    format!(
        "{} requests ({}), p50 {}, p99 {}, {:.0} req/s",
        outcome.latencies.len(),
        statuses.join(", "),
        ms(outcome.percentile(50)),
        ms(outcome.percentile(99)),
        outcome.per_second()
    )
}

/// Each endpoint loaded alike on the API and on a hello-world server answering its bytes.
async fn api_figures(dir: &Path) -> anyhow::Result<()> {
    let store: Arc<dyn Store> = Arc::new(EmbeddedStore::open(&dir.join("api.redb"))?);
    let (api, ctx) = serve_api(store).await?;
    scale::seed_clients(&ctx, SMALL).await?;
    let room = studio_domain::rooms::create(
        &ctx,
        &studio_wire::NewRoom {
            name: "Studio A".into(),
            hourly_rate: studio_wire::Money(6000),
            ..Default::default()
        },
    )
    .await?
    .0;
    let clients = clients::list(&ctx, &Default::default()).await?.items;
    // A session a day at 10:00 UTC, from three days ago to three days ahead: the week the calendar shows.
    let today = jiff::Timestamp::now().in_tz("UTC")?.date();
    let at_ten = |days: i64| -> anyhow::Result<jiff::Timestamp> {
        let day = today.checked_add(jiff::Span::new().days(days))?;
        Ok(day.at(10, 0, 0, 0).in_tz("UTC")?.timestamp())
    };
    for (client, days) in clients.iter().zip(-3..=3) {
        let start = at_ten(days)?;
        let session = studio_wire::NewSession {
            title: None,
            client_id: client.id.clone(),
            room_id: room.id.clone(),
            project_id: None,
            start,
            end: start.checked_add(jiff::SignedDuration::from_hours(3))?,
            status: Default::default(),
            engineer: None,
            notes: None,
        };
        studio_domain::sessions::create(&ctx, &session).await?;
    }
    let week = format!("/api/sessions?from={}&to={}", at_ten(-3)?, at_ten(4)?);
    let week: &'static str = Box::leak(week.into_boxed_str());
    let http = reqwest::Client::new();
    for (what, mix) in [
        (
            "GET /api/clients?limit=50",
            Mix::Get("/api/clients?limit=50"),
        ),
        ("GET /api/sessions, a week (7 sessions)", Mix::Get(week)),
        ("POST /api/clients", Mix::Create),
    ] {
        // The floor answers what the API answers: one real response's status and bytes.
        let sample = match mix {
            Mix::Get(path) => http.get(format!("{api}{path}")).send().await?,
            _ => {
                let body = serde_json::json!({"name": "Sample", "email": "sample@example.com"});
                http.post(format!("{api}/api/clients"))
                    .json(&body)
                    .send()
                    .await?
            }
        };
        let status = sample.status();
        let floor = load::serve(load::floor(status, sample.text().await?)).await?;
        let mut ours = load::drive(&api, mix, API_RUN, CONCURRENCY).await;
        let mut hello = load::drive(&floor, mix, API_RUN, CONCURRENCY).await;
        println!(
            "figure\tAPI {what} (concurrency {CONCURRENCY}, {} s each)\t{}\thello-world on the same HTTP stack, same bytes: {}\tthroughput ×{:.2} of the floor",
            API_RUN.as_secs(),
            http_summary(&mut ours),
            http_summary(&mut hello),
            ours.per_second() / hello.per_second()
        );
    }
    Ok(())
}

/// Mixed reads and writes for `duration`; then every write answered 2xx is read back and the kept count checked.
async fn load_figure(on: &str, store: Arc<dyn Store>, duration: Duration) -> anyhow::Result<()> {
    let (base, ctx) = serve_api(store).await?;
    scale::seed_clients(&ctx, SMALL).await?;
    let before = clients::count(&ctx, None).await?;
    let mut outcome = load::drive(&base, Mix::Mixed, duration, CONCURRENCY).await;
    let lost = load::lost_writes(&base, &outcome.written).await;
    let counted = clients::count(&ctx, None).await?;
    let created = outcome.written.len();
    let updated = outcome
        .written
        .iter()
        .filter(|(_, notes)| notes.is_some())
        .count();
    println!(
        "figure\tload, {on}: {} s mixed at concurrency {CONCURRENCY}\t{}\t{created} created and {updated} updated, read back; count {counted} = {before} + {created}: {}\t{} 5xx, {lost} lost writes (goal 0 and 0)",
        duration.as_secs(),
        http_summary(&mut outcome),
        if counted == before + created {
            "yes"
        } else {
            "NO"
        },
        outcome.server_errors(),
    );
    Ok(())
}

async fn scale_figures(dir: &Path) -> anyhow::Result<()> {
    let small = studio(dir, SMALL).await?;
    let large = studio(dir, LARGE).await?;
    report(
        "GET /api/clients?limit=50",
        Goal::SameTime,
        &side_by_side(&small, &large, |s| get(s, "/api/clients?limit=50")).await?,
    );
    report(
        "GET /api/clients?q=martin (20 found)",
        Goal::SameTime,
        &side_by_side(&small, &large, |s| get(s, "/api/clients?limit=50&q=martin")).await?,
    );
    report(
        "GET /api/clients?q=a (a page of many)",
        Goal::ReadsAtMost(51.0),
        &side_by_side(&small, &large, |s| get(s, "/api/clients?limit=50&q=a")).await?,
    );
    report(
        "assistant: count clients",
        Goal::SameTime,
        &side_by_side(&small, &large, |s| call(clients::count(&s.ctx, None))).await?,
    );
    report(
        "assistant: find \"Alice Martin\"",
        Goal::SameTime,
        &side_by_side(&small, &large, |s| {
            call(clients::find(&s.ctx, "Alice Martin"))
        })
        .await?,
    );
    Ok(())
}
