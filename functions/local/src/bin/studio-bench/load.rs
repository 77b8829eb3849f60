//! Load over HTTP, as browsers make it: `concurrency` clients each sending one request after another for a while,
//! every latency and status kept. The same driver loads the API and a hello-world server answering the same bytes.

use std::{
    collections::BTreeMap,
    sync::Arc,
    time::{Duration, Instant},
};

use axum::{Router, http::StatusCode, routing::any};
use serde_json::{Value, json};

/// What the clients send.
#[derive(Clone, Copy)]
pub enum Mix {
    /// GET of one path.
    Get(&'static str),
    /// POST of a new client each time.
    Create,
    /// Lists, searches, creations and updates of the clients created (6 : 1 : 2 : 1).
    Mixed,
}

#[derive(Default)]
pub struct Outcome {
    pub latencies: Vec<Duration>,
    pub statuses: BTreeMap<u16, usize>,
    pub elapsed: Duration,
    /// Clients created (answered 201), with the notes written by a later update (answered 200), if any.
    pub written: Vec<(String, Option<String>)>,
}

impl Outcome {
    pub fn percentile(&mut self, p: usize) -> Duration {
        self.latencies.sort();
        self.latencies
            .get(self.latencies.len() * p / 100)
            .copied()
            .unwrap_or_default()
    }

    pub fn per_second(&self) -> f64 {
        self.latencies.len() as f64 / self.elapsed.as_secs_f64()
    }

    pub fn server_errors(&self) -> usize {
        self.statuses
            .iter()
            .filter(|(status, _)| **status >= 500)
            .map(|(_, n)| n)
            .sum()
    }

    fn merge(&mut self, other: Outcome) {
        self.latencies.extend(other.latencies);
        for (status, n) in other.statuses {
            *self.statuses.entry(status).or_default() += n;
        }
        self.written.extend(other.written);
    }
}

/// Runs `concurrency` clients against `base` for `duration`.
pub async fn drive(base: &str, mix: Mix, duration: Duration, concurrency: usize) -> Outcome {
    let http = reqwest::Client::new();
    let started = Instant::now();
    let deadline = started + duration;
    // Names and emails of this run's clients are its own (emails are unique in a studio).
    let run = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .unwrap_or_default()
        .as_millis();
    let workers = (0..concurrency).map(|worker| {
        let (http, base) = (http.clone(), base.to_owned());
        let worker = format!("{run}-{worker}");
        tokio::spawn(async move { client(&http, &base, mix, &worker, deadline).await })
    });
    let mut outcome = Outcome::default();
    for worker in join_clients(workers).await {
        outcome.merge(worker);
    }
    outcome.elapsed = started.elapsed();
    outcome
}

/// Waits for every load client, in order.
async fn join_clients(
    handles: impl Iterator<Item = tokio::task::JoinHandle<Outcome>>,
) -> Vec<Outcome> {
    let mut outcomes = Vec::new();
    for handle in handles.collect::<Vec<_>>() {
        outcomes.push(handle.await.expect("a load client does not panic"));
    }
    outcomes
}

async fn client(
    http: &reqwest::Client,
    base: &str,
    mix: Mix,
    worker: &str,
    deadline: Instant,
) -> Outcome {
    let mut outcome = Outcome::default();
    let mut i = 0usize;
    while Instant::now() < deadline {
        i += 1;
        let new_client = || json!({"name": format!("Load {worker}-{i}"), "email": format!("load-{worker}-{i}@example.com")});
        let (request, kind) = match (mix, i % 10) {
            (Mix::Get(path), _) => (http.get(format!("{base}{path}")), Kind::Read),
            (Mix::Create, _) | (Mix::Mixed, 7 | 8) => (
                http.post(format!("{base}/api/clients")).json(&new_client()),
                Kind::Create,
            ),
            (Mix::Mixed, 6) => (
                http.get(format!("{base}/api/clients?limit=50&q=load%20{worker}")),
                Kind::Read,
            ),
            (Mix::Mixed, 9) => match outcome
                .written
                .iter()
                .position(|(_, notes)| notes.is_none())
            {
                Some(at) => {
                    let notes = format!("updated by {worker} at {i}");
                    let id = &outcome.written[at].0;
                    let body = json!({"version": 1, "notes": notes});
                    let request = http.patch(format!("{base}/api/clients/{id}")).json(&body);
                    (request, Kind::Update(at, notes))
                }
                None => (http.get(format!("{base}/api/clients?limit=50")), Kind::Read),
            },
            (Mix::Mixed, _) => (http.get(format!("{base}/api/clients?limit=50")), Kind::Read),
        };
        let sent = Instant::now();
        let response = request.send().await;
        let (status, body) = match response {
            Ok(response) => {
                let status = response.status().as_u16();
                (
                    status,
                    response.json::<Value>().await.unwrap_or(Value::Null),
                )
            }
            // A request that got no answer is as bad as a 5xx.
            Err(_) => (599, Value::Null),
        };
        outcome.latencies.push(sent.elapsed());
        *outcome.statuses.entry(status).or_default() += 1;
        match kind {
            Kind::Create if status == 201 => {
                if let Some(id) = body["data"]["id"].as_str() {
                    outcome.written.push((id.to_owned(), None));
                }
            }
            Kind::Update(at, notes) if status == 200 => outcome.written[at].1 = Some(notes),
            _ => {}
        }
    }
    outcome
}

enum Kind {
    Read,
    Create,
    Update(usize, String),
}

/// Every write answered 2xx, read back: the clients that are missing or lack their update.
pub async fn lost_writes(base: &str, written: &[(String, Option<String>)]) -> usize {
    let http = reqwest::Client::new();
    let mut lost = 0;
    for (id, notes) in written {
        let found = match http.get(format!("{base}/api/clients/{id}")).send().await {
            Ok(response) if response.status() == 200 => response.json::<Value>().await.ok(),
            _ => None,
        };
        let kept = found.is_some_and(|client| match notes {
            Some(notes) => client["notes"] == json!(notes) && client["version"] == json!(2),
            None => client["version"] == json!(1),
        });
        if !kept {
            lost += 1;
        }
    }
    lost
}

/// The floor: a server on the same HTTP stack (axum on hyper, one process) answering every request with `body`
/// and `status`, doing nothing else.
pub fn floor(status: StatusCode, body: String) -> Router {
    let body = Arc::new(body);
    Router::new().fallback(any(move || {
        let body = body.clone();
        async move {
            (
                status,
                [("content-type", "application/json")],
                body.as_ref().clone(),
            )
        }
    }))
}

/// Serves `router` on a free loopback port; its base URL.
pub async fn serve(router: Router) -> anyhow::Result<String> {
    let listener = tokio::net::TcpListener::bind("127.0.0.1:0").await?;
    let base = format!("http://{}", listener.local_addr()?);
    tokio::spawn(async move { axum::serve(listener, router).await });
    Ok(base)
}
