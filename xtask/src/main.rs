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
mod spa;
mod tools;
mod wasm;

use std::{
    path::{Path, PathBuf},
    process::{Command, ExitCode},
};

use services::Service;
use spa::{build_spa, check_spa_size};
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
    run_quietly(command)
}

/// `run` without saying so (for a command run many times over, which says what it does once itself).
pub fn run_quietly(command: &mut Command) -> Result {
    let status = command
        .status()
        .map_err(|e| format!("could not start {command:?}: {e}"))?;
    if status.success() {
        Ok(())
    } else {
        Err(format!("{command:?} failed with {status}"))
    }
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
