//! `studio-local`: serves the app at http://127.0.0.1:8080 on an embedded store with demo data.
//!
//! Options (environment): `STUDIO_PORT` (8080), `STUDIO_DATA` (`.local/studio.redb`), `STUDIO_DIST` (`dist`),
//! and the LLM settings `STUDIO_LLM_BASE_URL`, `STUDIO_LLM_MODEL`, `STUDIO_LLM_API_KEY` (offline planner if unset).
//!
//! `studio-local script-hash <index.html>` prints the CSP hash of a built page's one inline script, Trunk's loader
//! (the deploy passes it to the template), and exits.

use std::{net::SocketAddr, path::PathBuf, sync::Arc};

use anyhow::Context;
use studio_domain::Services;
use studio_store::EmbeddedStore;

#[tokio::main]
async fn main() -> anyhow::Result<()> {
    let args: Vec<String> = std::env::args().skip(1).collect();
    if let [command, page] = args.as_slice()
        && command == "script-hash"
    {
        let html = std::fs::read_to_string(page).with_context(|| format!("reading {page}"))?;
        match studio_local::csp::script_hashes(&html).as_slice() {
            [one] => println!("{}", one.trim_matches('\'')),
            other => anyhow::bail!("{page} has {} inline scripts, not one", other.len()),
        }
        return Ok(());
    }
    tracing_subscriber::fmt()
        .with_env_filter(
            tracing_subscriber::EnvFilter::try_from_default_env().unwrap_or_else(|_| "info".into()),
        )
        .init();
    let env =
        |name: &str, default: &str| std::env::var(name).unwrap_or_else(|_| default.to_owned());
    let port: u16 = env("STUDIO_PORT", "8080")
        .parse()
        .context("STUDIO_PORT must be a port number")?;
    let data = PathBuf::from(env("STUDIO_DATA", ".local/studio.redb"));
    let dist = PathBuf::from(env("STUDIO_DIST", "dist"));
    if !dist.join("index.html").exists() {
        anyhow::bail!(
            "{} has no index.html: build the SPA first (cargo xtask dev does)",
            dist.display()
        );
    }
    if let Some(parent) = data.parent() {
        std::fs::create_dir_all(parent)
            .with_context(|| format!("creating {}", parent.display()))?;
    }
    let store = EmbeddedStore::open(&data)
        .with_context(|| format!("opening the store at {}", data.display()))?;
    let services = Services::new(Arc::new(store));
    studio_local::seed::seed(&services)
        .await
        .context("seeding demo data")?;
    let router = studio_local::router(services, studio_chat::model_from_env(), &dist);
    let addr = SocketAddr::from(([127, 0, 0, 1], port));
    let listener = tokio::net::TcpListener::bind(addr)
        .await
        .with_context(|| format!("binding {addr}"))?;
    tracing::info!(
        "Studio is running at http://{addr}/ (data in {})",
        data.display()
    );
    axum::serve(listener, router)
        .with_graceful_shutdown(async {
            let _ = tokio::signal::ctrl_c().await;
        })
        .await?;
    Ok(())
}
