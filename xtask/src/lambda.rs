//! The Lambda side: arm64 zips built with cargo-lambda (size-checked), the SAM template linted, the init-time
//! benchmark, and the deploy.

use std::{
    io::{BufRead, BufReader, Write},
    net::TcpListener,
    path::PathBuf,
    process::{Command, Stdio},
    sync::mpsc,
    time::{Duration, Instant},
};

use crate::{Result, bench::Figure, root, run, tools::Tools};

/// The functions, as `cargo lambda` names their output folders.
pub const FUNCTIONS: [&str; 2] = ["api", "chat"];
/// Above this a zip fails the build: small packages keep cold starts short.
pub const ZIP_LIMIT: u64 = 4 * 1024 * 1024;

/// Builds both functions for arm64 and copies their zips to `infra/build/<function>.zip`.
pub fn build_zips(tools: &Tools) -> Result<Vec<(String, u64)>> {
    // One build per function, so that one's features (the chat's bundled time-zone data) do not land in the other.
    for function in FUNCTIONS {
        let package = format!("studio-{function}");
        run(tools
            .cargo()
            .args([
                "lambda",
                "build",
                "--release",
                "--arm64",
                "--output-format",
                "zip",
                "-p",
                &package,
                "--bin",
                function,
            ])
            // aws-lc's CPU-jitter entropy costs 20–50 ms on the first random number of a cold start.
            .env("AWS_LC_SYS_NO_JITTER_ENTROPY", "1"))?;
    }
    let out = root().join("infra/build");
    std::fs::create_dir_all(&out).map_err(|e| e.to_string())?;
    let mut sizes = Vec::new();
    for function in FUNCTIONS {
        let zip = tools
            .target_dir()
            .join(format!("lambda/{function}/bootstrap.zip"));
        let size = std::fs::metadata(&zip)
            .map_err(|e| format!("{}: {e}", zip.display()))?
            .len();
        std::fs::copy(&zip, out.join(format!("{function}.zip"))).map_err(|e| e.to_string())?;
        println!("lambda zip {function}: {:.2} MB", size as f64 / 1_048_576.0);
        if size > ZIP_LIMIT {
            return Err(format!(
                "the {function} zip is {size} bytes, over the {ZIP_LIMIT}-byte budget"
            ));
        }
        sizes.push((function.to_owned(), size));
    }
    Ok(sizes)
}

/// cfn-lint and `sam validate --lint` on the template, offline.
pub fn lint_infra(tools: &Tools) -> Result {
    let template = root().join("infra/template.yaml");
    run(tools
        .command(tools.venv_bin("cfn-lint").to_str().expect("utf-8"))
        .arg(&template))?;
    run(tools
        .command(tools.venv_bin("sam").to_str().expect("utf-8"))
        .args([
            "validate",
            "--lint",
            "--region",
            "us-east-1",
            "--template-file",
        ])
        .arg(&template)
        .env("SAM_CLI_TELEMETRY", "0"))
}

/// Times, `runs` times, from spawning `binary` to its first call for work on a fake Lambda Runtime API.
fn init_times(binary: &PathBuf, runs: usize) -> Result<Vec<Duration>> {
    let listener = TcpListener::bind("127.0.0.1:0").map_err(|e| e.to_string())?;
    let address = listener.local_addr().map_err(|e| e.to_string())?;
    let (tx, rx) = mpsc::channel::<Instant>();
    std::thread::spawn(move || {
        for stream in listener.incoming().flatten() {
            let mut line = String::new();
            if BufReader::new(&stream).read_line(&mut line).is_ok()
                && line.contains("/runtime/invocation/next")
            {
                let _ = tx.send(Instant::now());
            }
            // Never answer: the process stays ready and is killed by the benchmark.
            std::mem::forget(stream);
        }
    });
    let mut times = Vec::with_capacity(runs);
    for _ in 0..runs {
        let start = Instant::now();
        let mut child = Command::new(binary)
            .env_clear()
            .env("AWS_LAMBDA_RUNTIME_API", address.to_string())
            .env("AWS_LAMBDA_FUNCTION_NAME", "bench")
            .env("AWS_LAMBDA_FUNCTION_MEMORY_SIZE", "256")
            .env("AWS_LAMBDA_FUNCTION_VERSION", "1")
            .env("AWS_REGION", "eu-west-3")
            .env("AWS_ACCESS_KEY_ID", "AKIDBENCH")
            .env("AWS_SECRET_ACCESS_KEY", "bench")
            .env("AWS_SESSION_TOKEN", "bench")
            .env("TABLE_NAME", "studio")
            .stdout(Stdio::null())
            .stderr(Stdio::null())
            .spawn()
            .map_err(|e| format!("{}: {e}", binary.display()))?;
        let ready = rx
            .recv_timeout(Duration::from_secs(10))
            .map_err(|_| format!("{} never asked for work", binary.display()));
        let _ = child.kill();
        let _ = child.wait();
        times.push(ready? - start);
    }
    Ok(times)
}

fn median(times: &mut [Duration]) -> Duration {
    times.sort();
    times[times.len() / 2]
}

/// The api bootstrap's local init time (process start → asking the Runtime API for work, with the AWS SDK
/// configured) beside a hello-world lambda_http bootstrap, measured alternately in one run.
pub fn bench_init(tools: &Tools) -> Result<Vec<Figure>> {
    run(tools
        .cargo()
        .args([
            "build",
            "--release",
            "-p",
            "studio-api",
            "--bin",
            "api",
            "--example",
            "hello_lambda",
        ])
        .env("AWS_LC_SYS_NO_JITTER_ENTROPY", "1"))?;
    let release = tools.target_dir().join("release");
    let (api, hello) = (release.join("api"), release.join("examples/hello_lambda"));
    let (mut api_times, mut hello_times) = (Vec::new(), Vec::new());
    for _ in 0..25 {
        api_times.extend(init_times(&api, 1)?);
        hello_times.extend(init_times(&hello, 1)?);
    }
    let ms = |d: Duration| d.as_secs_f64() * 1000.0;
    let (api_median, hello_median) = (median(&mut api_times), median(&mut hello_times));
    let p90 = |times: &[Duration]| ms(times[times.len() * 9 / 10]);
    Ok(vec![Figure::new(
        &format!("Lambda init, api bootstrap (median of {})", api_times.len()),
        format!("{:.2} ms (p90 {:.2} ms)", ms(api_median), p90(&api_times)),
        format!(
            "hello-world lambda_http {:.2} ms (p90 {:.2} ms)",
            ms(hello_median),
            p90(&hello_times)
        ),
        format!("×{:.2}", ms(api_median) / ms(hello_median)),
    )])
}

fn output(command: &mut Command) -> Result<String> {
    let out = command
        .output()
        .map_err(|e| format!("could not start {command:?}: {e}"))?;
    if !out.status.success() {
        return Err(format!(
            "{command:?} failed: {}",
            String::from_utf8_lossy(&out.stderr).trim()
        ));
    }
    Ok(String::from_utf8_lossy(&out.stdout).trim().to_owned())
}

/// Builds everything, deploys the stack, uploads the SPA with its runtime config and invalidates index.html.
pub fn deploy(tools: &Tools) -> Result {
    // Fail before any build when the AWS side cannot work.
    for program in ["aws", "sam"] {
        if Command::new(program).arg("--version").output().is_err()
            && !tools.venv_bin(program).exists()
        {
            return Err(format!(
                "`{program}` is not installed: install the AWS CLI and the SAM CLI first."
            ));
        }
    }
    let aws = |args: &[&str]| output(Command::new("aws").args(args));
    aws(&["sts", "get-caller-identity"]).map_err(|_| {
        "AWS credentials are missing or invalid: run `aws configure` (or set AWS_PROFILE / AWS_ACCESS_KEY_ID and \
         AWS_SECRET_ACCESS_KEY), then run `cargo xtask deploy` again."
            .to_owned()
    })?;
    let prefix = std::env::var("STUDIO_AUTH_DOMAIN_PREFIX")
        .map_err(|_| "set STUDIO_AUTH_DOMAIN_PREFIX (a unique prefix for the sign-in domain, e.g. my-studio-auth)".to_owned())?;
    build_zips(tools)?;
    run(tools
        .command("trunk")
        .args(["build", "--release"])
        .current_dir(root()))?;
    // The CSP's hash of the page's loader, by the local stack's own code (one way to compute it).
    run(tools.cargo().args(["build", "-p", "studio-local"]))?;
    let hash = output(
        Command::new(tools.target_dir().join("debug/studio-local"))
            .arg("script-hash")
            .arg(root().join("dist/index.html")),
    )?;
    let mut overrides = vec![
        format!("AuthDomainPrefix={prefix}"),
        format!("SpaScriptHash={hash}"),
    ];
    for (variable, parameter) in [
        ("STUDIO_SITE_URL", "SiteUrl"),
        ("STUDIO_LLM_PROVIDER", "LlmProvider"),
        ("STUDIO_ASSISTANT_DAILY_TURNS", "AssistantDailyTurns"),
        ("STUDIO_LLM_BASE_URL", "LlmBaseUrl"),
        ("STUDIO_LLM_MODEL", "LlmModel"),
        ("STUDIO_LLM_API_KEY_SECRET_ARN", "LlmApiKeySecretArn"),
    ] {
        if let Ok(value) = std::env::var(variable) {
            overrides.push(format!("{parameter}={value}"));
        }
    }
    let infra = root().join("infra");
    run(Command::new("sam")
        .current_dir(&infra)
        .args([
            "deploy",
            "--template-file",
            "template.yaml",
            "--config-file",
            "samconfig.toml",
            "--parameter-overrides",
        ])
        .args(&overrides)
        .env("SAM_CLI_TELEMETRY", "0"))?;
    let stack_output = |key: &str| {
        aws(&[
            "cloudformation",
            "describe-stacks",
            "--stack-name",
            "studio",
            "--query",
            &format!("Stacks[0].Outputs[?OutputKey=='{key}'].OutputValue"),
            "--output",
            "text",
        ])
    };
    let (bucket, distribution) = (stack_output("SiteBucket")?, stack_output("DistributionId")?);
    let config = format!(
        r#"{{"auth":{{"kind":"cognito","domain":"{}","client_id":"{}","redirect_uri":"{}"}}}}"#,
        stack_output("AuthDomain")?,
        stack_output("UserPoolClientId")?,
        std::env::var("STUDIO_SITE_URL").or_else(|_| stack_output("SiteUrl"))?,
    );
    let dist = root().join("dist");
    std::fs::File::create(dist.join("config.json"))
        .and_then(|mut f| f.write_all(config.as_bytes()))
        .map_err(|e| e.to_string())?;
    let target = format!("s3://{bucket}");
    let dist_arg = dist.to_str().expect("utf-8");
    run(Command::new("aws").args([
        "s3",
        "sync",
        dist_arg,
        &target,
        "--delete",
        "--exclude",
        "index.html",
        "--exclude",
        "config.json",
        "--cache-control",
        "public,max-age=31536000,immutable",
    ]))?;
    for file in ["index.html", "config.json"] {
        run(Command::new("aws").args([
            "s3",
            "cp",
            dist.join(file).to_str().expect("utf-8"),
            &format!("{target}/{file}"),
            "--cache-control",
            "no-cache",
        ]))?;
    }
    run(Command::new("aws").args([
        "cloudfront",
        "create-invalidation",
        "--distribution-id",
        &distribution,
        "--paths",
        "/index.html",
        "/config.json",
    ]))?;
    println!("deployed: {}", stack_output("SiteUrl")?);
    Ok(())
}
