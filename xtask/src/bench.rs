//! `cargo xtask bench`: every figure the README quotes, each beside the reference it is compared to, measured in
//! the same run — printed as one table (machine, date) and written to `target/bench/bench.json`.

use std::process::Command;

use crate::{Result, lambda, root, run, services::Service, spa::build_spa, tools::Tools};

/// One line of the table.
pub struct Figure {
    pub what: String,
    pub measured: String,
    pub reference: String,
    pub comparison: String,
}

impl Figure {
    pub fn new(what: &str, measured: String, reference: String, comparison: String) -> Self {
        Self {
            what: what.to_owned(),
            measured,
            reference,
            comparison,
        }
    }
}

pub fn bench(tools: &Tools) -> Result {
    build_spa(tools)?;
    let mut figures = server(tools)?;
    figures.extend(chat_to_screen(tools)?);
    figures.extend(lambda::bench_init(tools)?);
    figures.extend(zips(tools)?);
    figures.extend(spa_transfer(tools)?);
    let table = render(&figures);
    print!("{table}");
    let out = root().join("target/bench");
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    std::fs::write(out.join("bench.json"), json(&figures)).map_err(|e| e.to_string())?;
    std::fs::write(out.join("bench.md"), table).map_err(|e| e.to_string())?;
    println!("written: target/bench/bench.json, target/bench/bench.md");
    Ok(())
}

/// `studio-bench` (built optimised): scale, the API beside its floor, load on both stores (moto started here).
fn server(tools: &Tools) -> Result<Vec<Figure>> {
    run(tools.cargo().args([
        "build",
        "--profile",
        "bench",
        "-p",
        "studio-local",
        "--bin",
        "studio-bench",
    ]))?;
    // The `bench` profile's binaries land in `release/`.
    let binary = tools.target_dir().join("release/studio-bench");
    let moto = Service::moto(tools)?;
    eprintln!("xtask: running {} (≈ 2.5 min)", binary.display());
    let output = Command::new(&binary)
        .env("STUDIO_BENCH_DYNAMODB_URL", moto.url())
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("{}: {e}", binary.display()));
    drop(moto);
    figures_in(output?)
}

/// The `figure` lines a measuring program printed (it fails the bench if it failed).
fn figures_in(output: std::process::Output) -> Result<Vec<Figure>> {
    if !output.status.success() {
        return Err(format!(
            "a measuring program failed: {}",
            String::from_utf8_lossy(&output.stdout)
        ));
    }
    Ok(String::from_utf8_lossy(&output.stdout)
        .lines()
        .filter_map(|line| {
            let mut fields = line.strip_prefix("figure\t")?.split('\t');
            let mut next = || fields.next().unwrap_or_default().to_owned();
            let what = next();
            Some(Figure::new(&what, next(), next(), next()))
        })
        .collect())
}

/// In headless Chromium (`tests/examples/chat_to_screen.rs`): assistant writes to the screen, targeted
/// invalidation beside "invalidate everything".
fn chat_to_screen(tools: &Tools) -> Result<Vec<Figure>> {
    let chromedriver = Service::chromedriver(tools)?;
    let output = tools
        .cargo()
        .args([
            "run",
            "-q",
            "-p",
            "studio-tests",
            "--example",
            "chat_to_screen",
        ])
        .env("STUDIO_TEST_WEBDRIVER", chromedriver.url())
        .env("STUDIO_DIST", root().join("dist"))
        .stderr(std::process::Stdio::inherit())
        .output()
        .map_err(|e| format!("the chat → screen bench: {e}"));
    drop(chromedriver);
    figures_in(output?)
}

fn zips(tools: &Tools) -> Result<Vec<Figure>> {
    Ok(lambda::build_zips(tools)?
        .into_iter()
        .map(|(function, size)| {
            Figure::new(
                &format!("Lambda zip: {function}"),
                format!("{:.2} MB", size as f64 / 1_048_576.0),
                format!("{:.0} MB budget", lambda::ZIP_LIMIT as f64 / 1_048_576.0),
                format!(
                    "{:.0} % of it",
                    size as f64 * 100.0 / lambda::ZIP_LIMIT as f64
                ),
            )
        })
        .collect())
}

/// Bytes of `file` compressed by gzip -9 and by brotli (quality 11), as a CDN would serve them.
fn compressed(tools: &Tools, file: &std::path::Path) -> Result<(u64, u64)> {
    let gzip = crate::spa::gzipped_size(file)?;
    let brotli = Command::new(tools.python())
        .args([
            "-c",
            "import brotli, sys; print(len(brotli.compress(open(sys.argv[1], 'rb').read(), quality=11)))",
        ])
        .arg(file)
        .output()
        .map_err(|e| format!("brotli: {e}"))?;
    let brotli = String::from_utf8_lossy(&brotli.stdout)
        .trim()
        .parse()
        .map_err(|e| format!("brotli's size: {e}"))?;
    Ok((gzip, brotli))
}

fn spa_transfer(tools: &Tools) -> Result<Vec<Figure>> {
    let dist = root().join("dist");
    let mut figures = Vec::new();
    let mut files: Vec<_> = std::fs::read_dir(&dist)
        .map_err(|e| format!("{}: {e}", dist.display()))?
        .filter_map(|entry| entry.ok().map(|e| e.path()))
        .filter(|path| {
            path.extension()
                .is_some_and(|ext| ext == "wasm" || ext == "js")
        })
        .collect();
    files.sort();
    for file in files {
        let kind = if file.extension().is_some_and(|ext| ext == "wasm") {
            "wasm"
        } else {
            "JS glue"
        };
        let raw = std::fs::metadata(&file).map_err(|e| e.to_string())?.len();
        let (gzip, brotli) = compressed(tools, &file)?;
        let comparison = if kind == "wasm" {
            let goal = crate::spa::SPA_GZIP_BUDGET;
            format!(
                "gzip {:.2}× the {} B goal",
                gzip as f64 / goal as f64,
                group(goal)
            )
        } else {
            String::new()
        };
        figures.push(Figure::new(
            &format!("SPA transfer: {kind}"),
            format!("{} B gzip, {} B brotli", group(gzip), group(brotli)),
            format!("{} B raw", group(raw)),
            comparison,
        ));
    }
    Ok(figures)
}

/// 414572 → "414,572".
pub fn group(n: u64) -> String {
    let digits = n.to_string();
    let mut out = String::new();
    for (i, c) in digits.chars().enumerate() {
        if i > 0 && (digits.len() - i).is_multiple_of(3) {
            out.push(',');
        }
        out.push(c);
    }
    out
}

fn machine() -> String {
    let cpu = std::fs::read_to_string("/proc/cpuinfo")
        .ok()
        .and_then(|info| {
            info.lines().find_map(|l| {
                l.strip_prefix("model name")
                    .map(|m| m.trim_start_matches([' ', '\t', ':']).to_owned())
            })
        })
        .unwrap_or_else(|| "unknown CPU".into());
    let cores = std::thread::available_parallelism().map_or(0, usize::from);
    let memory = std::fs::read_to_string("/proc/meminfo")
        .ok()
        .and_then(|info| {
            let kb: u64 = info
                .lines()
                .next()?
                .split_whitespace()
                .nth(1)?
                .parse()
                .ok()?;
            Some(format!("{} GiB", kb / 1_048_576))
        })
        .unwrap_or_default();
    format!("{cpu}, {cores} cores, {memory}")
}

fn today() -> String {
    Command::new("date")
        .args(["-u", "+%Y-%m-%d %H:%M UTC"])
        .output()
        .map(|o| String::from_utf8_lossy(&o.stdout).trim().to_owned())
        .unwrap_or_default()
}

fn render(figures: &[Figure]) -> String {
    let mut out = format!("Studio bench — {} — {}\n\n", machine(), today());
    out.push_str("| figure | measured | reference (same run) | comparison |\n|---|---|---|---|\n");
    for f in figures {
        out.push_str(&format!(
            "| {} | {} | {} | {} |\n",
            f.what, f.measured, f.reference, f.comparison
        ));
    }
    out
}

/// A JSON string literal.
fn quoted(text: &str) -> String {
    let mut out = String::from('"');
    for c in text.chars() {
        match c {
            '"' => out.push_str("\\\""),
            '\\' => out.push_str("\\\\"),
            c if (c as u32) < 0x20 => out.push_str(&format!("\\u{:04x}", c as u32)),
            c => out.push(c),
        }
    }
    out.push('"');
    out
}

fn json(figures: &[Figure]) -> String {
    let rows: Vec<String> = figures
        .iter()
        .map(|f| {
            format!(
                "    {{\"figure\": {}, \"measured\": {}, \"reference\": {}, \"comparison\": {}}}",
                quoted(&f.what),
                quoted(&f.measured),
                quoted(&f.reference),
                quoted(&f.comparison)
            )
        })
        .collect();
    format!(
        "{{\n  \"machine\": {},\n  \"date\": {},\n  \"figures\": [\n{}\n  ]\n}}\n",
        quoted(&machine()),
        quoted(&today()),
        rows.join(",\n")
    )
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn numbers_are_grouped_by_thousands() {
        assert_eq!(group(414_572), "414,572");
        assert_eq!(group(1_105_435), "1,105,435");
        assert_eq!(group(999), "999");
    }

    #[test]
    fn json_strings_are_escaped() {
        assert_eq!(quoted("a \"b\" \\ ×"), "\"a \\\"b\\\" \\\\ ×\"");
    }
}
