//! Project tasks, so that a newcomer needs two commands:
//! - `cargo xtask dev`  — builds the SPA and serves the app at http://127.0.0.1:8080 (embedded store, demo data,
//!   offline assistant unless `STUDIO_LLM_*` is set);
//! - `cargo xtask test` — every check and test: fmt, clippy (native and wasm32), the SAM template's linters, unit,
//!   API on both stores (moto's DynamoDB server), chat (scripted OpenAI-compatible server), browser e2e (headless
//!   Chromium), then the arm64 Lambda zips and their size budget.
//!
//! Also: `cargo xtask bench` (every figure the README quotes, beside its reference), `cargo xtask lambda-zips`,
//! `cargo xtask deploy`.
//!
//! Both install what a fresh machine lacks (see tools.rs) and stop every service they start, by pid.

mod bench;
mod lambda;
mod services;
mod tools;

use std::{
    path::{Path, PathBuf},
    process::{Command, ExitCode},
};

use services::Service;
use tools::Tools;

fn main() -> ExitCode {
    let task = std::env::args().nth(1).unwrap_or_default();
    let result = match task.as_str() {
        "dev" => dev(),
        "test" => test(),
        "build-spa" => Tools::ensure(false).and_then(|tools| build_spa(&tools)),
        "lambda-zips" => Tools::ensure(true).and_then(|tools| lambda::build_zips(&tools).map(drop)),
        "bench" => Tools::ensure(true).and_then(|tools| bench::bench(&tools)),
        "deploy" => Tools::ensure(true).and_then(|tools| lambda::deploy(&tools)),
        _ => Err("usage: cargo xtask <dev|test|build-spa|lambda-zips|bench|deploy>".into()),
    };
    match result {
        Ok(()) => ExitCode::SUCCESS,
        Err(message) => {
            eprintln!("xtask: {message}");
            ExitCode::FAILURE
        }
    }
}

pub type Result<T = ()> = std::result::Result<T, String>;

/// The workspace root: the nearest folder, from the current one up, that holds `xtask/`. Found at run time,
/// not baked in at build time: a target directory shared by several checkouts may hold another one's binary.
pub fn root() -> PathBuf {
    let cwd = std::env::current_dir().expect("a current directory");
    cwd.ancestors()
        .find(|dir| dir.join("xtask/Cargo.toml").is_file() && dir.join("Cargo.toml").is_file())
        .map(Path::to_path_buf)
        .unwrap_or(cwd)
}

/// Runs a command to completion; fails with what was run.
pub fn run(command: &mut Command) -> Result {
    eprintln!("xtask: running {command:?}");
    let status = command
        .status()
        .map_err(|e| format!("could not start {command:?}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{command:?} failed with {status}"))
    }
}

pub fn build_spa(tools: &Tools) -> Result {
    run(tools
        .command("trunk")
        .args(["build", "--release"])
        .current_dir(root()))
}

/// The SPA's gzipped wasm may not grow past this many bytes. History (gzip -9): 385,750 B with the billing
/// pages; 414,572 B with the history, the assistant's proposal cards, Undo and kept conversation; 417,586 B with
/// "Show more" past a page of clients and the benchmark's switch; then 390,009 B once JSON went through the
/// browser's own parser (`api::json`, −27.6 KB); then 399,494 B with "Show more" on every long list, the client
/// picker, names looked up by id past the first page and the change feed's first pull (+9.4 KB); then 354,494 B
/// (2026-11-27, −45 KB): routes parsed by hand, writes untyped past their body, no Unicode case tables (the
/// catalogue's capitals are Latin-1's), no sort routines for maps built one entry at a time, markup written once
/// (table heads, inputs, links); then 348,486 B with history's `Via` read without serde's buffering of internally
/// tagged enums (−6 KB); then 335,709 B (−12.8 KB): fetched values kept type-erased, five components made
/// functions, wasm-opt's `--low-memory-unused`, one `<option>` list and one count wording; then 327,117 B
/// (−8.6 KB): history values and quantities read without `serde_json::Value` (its map, serializer and float
/// printer), a refusal's sentences kept as a list rather than a map, JSON's parse and error words out of line;
/// then 326,688 B with two components fewer (the invoice's project link, the 404 page); then 320,359 B (−6.3 KB):
/// talc as the allocator, links routed by the shell rather than a `Link` component each, history values taken as
/// the browser parsed them, fetched values compared by address in props (+2.2 KB on purpose: the history's values
/// worded like the rest of the interface, its fields in reading order); then 322,041 B (+1.7 KB on purpose,
/// 2026-11-28: fixes from a studio manager's walk-through — a client's invoices on its page, a payment's
/// Reverse control, a delete's question per resource, calendar sessions side by side and from their hour, Undo
/// only where it applies); then 324,297 B (+2.3 KB on purpose: a quote's own page, its lines and totals drawn
/// by the invoice's table, now shared); then 327,258 B (+3 KB on purpose: a new quote made, and a draft edited,
/// from the SPA with the invoice's lines form); then 326,364 B (the table of invoices a function over the
/// invoices its callers hold, not a component taking a copy). About 0.5 KB of slack. Lower it when the SPA shrinks; raise it only
/// on purpose (issue 10's goal is 250 KB).
const SPA_GZIP_BUDGET: u64 = 326_900;

/// Prints the built SPA's wasm size, raw and gzipped, and fails above the budget.
fn check_spa_size() -> Result {
    let dist = root().join("dist");
    let wasm = std::fs::read_dir(&dist)
        .map_err(|e| format!("{}: {e}", dist.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .find(|path| path.extension().is_some_and(|ext| ext == "wasm"))
        .ok_or("no .wasm in dist/")?;
    let raw = std::fs::metadata(&wasm).map_err(|e| e.to_string())?.len();
    let output = Command::new("gzip")
        .args(["-9", "-c"])
        .arg(&wasm)
        .output()
        .map_err(|e| format!("gzip: {e}"))?;
    let gzip = output.stdout.len() as u64;
    println!(
        "SPA wasm: {} KB raw, {} KB gzip (budget {} KB gzip)",
        raw / 1024,
        gzip / 1024,
        SPA_GZIP_BUDGET / 1024
    );
    if gzip > SPA_GZIP_BUDGET {
        return Err(format!(
            "the SPA's wasm is {gzip} bytes gzipped, over its budget of {SPA_GZIP_BUDGET}"
        ));
    }
    Ok(())
}

fn dev() -> Result {
    let tools = Tools::ensure(false)?;
    build_spa(&tools)?;
    run(tools.cargo().args(["build", "-p", "studio-local"]))?;
    let binary = tools.target_dir().join("debug/studio-local");
    let mut server = tools.command(binary.to_str().expect("utf-8 path"));
    server
        .current_dir(root())
        .env("STUDIO_DIST", root().join("dist"));
    eprintln!("xtask: serving http://127.0.0.1:8080/ — Ctrl+C to stop");
    run(&mut server)
}

fn test() -> Result {
    let tools = Tools::ensure(true)?;
    run(tools.cargo().args(["fmt", "--all", "--check"]))?;
    run(tools.cargo().args([
        "clippy",
        "--workspace",
        "--all-targets",
        "--locked",
        "--",
        "-D",
        "warnings",
    ]))?;
    run(tools.cargo().args([
        "clippy",
        "-p",
        "studio-frontend",
        "-p",
        "studio-wire",
        "--target",
        "wasm32-unknown-unknown",
        "--locked",
        "--",
        "-D",
        "warnings",
    ]))?;
    lambda::lint_infra(&tools)?;
    build_spa(&tools)?;
    check_spa_size()?;

    let moto = Service::moto(&tools)?;
    let chromedriver = Service::chromedriver(&tools)?;
    let mut tests = tools.cargo();
    tests
        .args(["test", "--workspace", "--locked"])
        .env("STUDIO_TEST_DYNAMODB_URL", moto.url())
        .env("STUDIO_TEST_WEBDRIVER", chromedriver.url())
        .env("STUDIO_TEST_AXE", tools.axe())
        .env("STUDIO_DIST", root().join("dist"));
    // The offline assistant's score on its phrasing corpus: its test writes it (afresh, never a stale one).
    let corpus = root().join("target/test-artifacts/planner-corpus.txt");
    let _ = std::fs::remove_file(&corpus);
    let outcome = run_counting(&mut tests);
    drop(chromedriver);
    drop(moto);
    let (passed, failed) = outcome?;
    // After the tests, which it cannot change: the arm64 release build is the slowest step.
    let zips = if failed == 0 {
        lambda::build_zips(&tools).map(drop)
    } else {
        Ok(())
    };
    if let Ok(score) = std::fs::read_to_string(corpus) {
        print!("{score}");
    }
    // One closing line for the whole run, after the services are stopped.
    println!("{passed} passed, {failed} failed");
    zips?;
    if failed > 0 || passed == 0 {
        Err("tests failed or none ran".into())
    } else {
        Ok(())
    }
}

/// Runs `cargo test`, echoing its output, and adds up its `test result:` lines.
fn run_counting(command: &mut Command) -> Result<(usize, usize)> {
    use std::io::{BufRead, BufReader};
    eprintln!("xtask: running {command:?}");
    let mut child = command
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("could not start {command:?}: {e}"))?;
    let (mut passed, mut failed) = (0, 0);
    for line in BufReader::new(child.stdout.take().expect("piped")).lines() {
        let line = line.map_err(|e| e.to_string())?;
        println!("{line}");
        if let Some(summary) = line.strip_prefix("test result: ") {
            let count = |word: &str| {
                summary
                    .split(';')
                    .find_map(|part| {
                        part.trim()
                            .trim_start_matches("ok. ")
                            .trim_start_matches("FAILED. ")
                            .strip_suffix(word)
                    })
                    .and_then(|n| n.trim().parse::<usize>().ok())
                    .unwrap_or(0)
            };
            passed += count("passed");
            failed += count("failed");
        }
    }
    let status = child.wait().map_err(|e| e.to_string())?;
    if !status.success() && failed == 0 {
        return Err(format!("{command:?} failed with {status}"));
    }
    Ok((passed, failed))
}
