//! What the build and the tests need beyond Rust, installed when missing (a fresh machine has none of it):
//! the wasm32 target, the SPA's pinned nightly with the standard library's source, Trunk, wasm-bindgen-cli
//! (the version in Cargo.lock), wasm-opt (binaryen from npm), and for tests Chromium + ChromeDriver (Debian)
//! and, in a venv from PyPI, moto's server, cfn-lint, the SAM CLI and cargo-lambda with zig. See TOOLCHAIN.md.

use std::{
    ffi::OsString,
    path::{Path, PathBuf},
    process::Command,
};

use crate::{Result, root, run, spa};

const TRUNK: &str = "0.21.14";
const BINARYEN: &str = "132.0.0";
/// The accessibility checker the browser tests run on every page.
const AXE: &str = "4.14.1";
/// Python tools, in one venv: moto's server for DynamoDB tests, the template linters, cargo-lambda with zig, brotli
/// (the benchmark's SPA transfer size).
const PYTHON_TOOLS: [&str; 6] = [
    "moto[server]==5.2.5",
    "cfn-lint==1.58.0",
    "aws-sam-cli==1.170.0",
    "cargo-lambda==1.9.2",
    "ziglang==0.17.1",
    "brotli==1.2.1",
];

pub struct Tools {
    dir: PathBuf,
    path: OsString,
}

fn output(program: &str, args: &[&str]) -> Option<String> {
    let out = Command::new(program).args(args).output().ok()?;
    out.status
        .success()
        .then(|| String::from_utf8_lossy(&out.stdout).into_owned())
}

/// The version of `name` that Cargo.lock pins.
fn locked_version(name: &str) -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("reading Cargo.lock: {e}"))?;
    let entry = format!("name = \"{name}\"\nversion = \"");
    let start = lock
        .find(&entry)
        .ok_or(format!("{name} is not in Cargo.lock"))?
        + entry.len();
    Ok(lock[start..]
        .split('"')
        .next()
        .unwrap_or_default()
        .to_owned())
}

impl Tools {
    /// Makes sure everything is installed; `for_tests` adds the browser and moto.
    pub fn ensure(for_tests: bool) -> Result<Self> {
        let dir = std::env::var_os("STUDIO_TOOLS")
            .map(PathBuf::from)
            .unwrap_or_else(|| {
                PathBuf::from(std::env::var_os("HOME").unwrap_or_else(|| "/root".into()))
                    .join(".cache/studio-tools")
            });
        std::fs::create_dir_all(&dir).map_err(|e| format!("creating {}: {e}", dir.display()))?;
        let mut paths = vec![dir.join("node_modules/.bin"), dir.join("venv/bin")];
        paths.extend(std::env::split_paths(
            &std::env::var_os("PATH").unwrap_or_default(),
        ));
        let path = std::env::join_paths(paths).map_err(|e| e.to_string())?;
        let tools = Tools { dir, path };

        if !output("rustup", &["target", "list", "--installed"])
            .unwrap_or_default()
            .contains("wasm32-unknown-unknown")
        {
            run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
        }
        // The SPA's wasm is built by a pinned nightly from the standard library's source (spa.rs).
        let sysroot = output(
            "rustc",
            &[&format!("+{}", spa::TOOLCHAIN), "--print", "sysroot"],
        );
        if !sysroot.is_some_and(|s| {
            Path::new(s.trim())
                .join("lib/rustlib/src/rust/library")
                .is_dir()
        }) {
            run(Command::new("rustup").args([
                "toolchain",
                "install",
                spa::TOOLCHAIN,
                "--profile",
                "minimal",
                "--component",
                "rust-src",
            ]))?;
        }
        if !output("trunk", &["--version"])
            .unwrap_or_default()
            .contains(TRUNK)
        {
            run(Command::new("cargo").args(["install", "--locked", "trunk", "--version", TRUNK]))?;
        }
        let bindgen = locked_version("wasm-bindgen")?;
        let trunk_toml =
            std::fs::read_to_string(root().join("Trunk.toml")).map_err(|e| e.to_string())?;
        if !trunk_toml.contains(&format!("wasm_bindgen = \"{bindgen}\"")) {
            return Err(format!(
                "Trunk.toml's wasm_bindgen must be {bindgen}, the version in Cargo.lock"
            ));
        }
        if !output("wasm-bindgen", &["--version"])
            .unwrap_or_default()
            .contains(&bindgen)
        {
            // Without --locked: its lockfile wants a crate version the registry mirror lacks (TOOLCHAIN.md).
            run(Command::new("cargo").args([
                "install",
                "wasm-bindgen-cli",
                "--version",
                &bindgen,
            ]))?;
        }
        if !tools.dir.join("node_modules/.bin/wasm-opt").exists() {
            let binaryen = format!("binaryen@{BINARYEN}");
            run(Command::new("npm")
                .args(["install", "--no-audit", "--no-fund", "--prefix"])
                .arg(&tools.dir)
                .arg(binaryen))?;
        }
        if for_tests {
            tools.ensure_test_services()?;
        }
        // Trunk builds offline (it passes --offline to cargo): every crate must be fetched first.
        run(tools.cargo().args(["fetch", "--locked"]))?;
        run(spa::with_spa_toolchain(&mut tools.cargo()).args([
            "fetch",
            "--target",
            "wasm32-unknown-unknown",
        ]))?;
        Ok(tools)
    }

    fn ensure_test_services(&self) -> Result {
        if !Path::new("/usr/bin/chromium").exists() || !Path::new("/usr/bin/chromedriver").exists()
        {
            run(Command::new("apt-get").args(["update", "-qq"]))?;
            run(Command::new("apt-get")
                .args(["install", "-y", "-qq", "chromium", "chromium-driver"])
                .env("DEBIAN_FRONTEND", "noninteractive"))?;
        }
        if !self.axe().exists() {
            run(Command::new("npm")
                .args(["install", "--no-audit", "--no-fund", "--prefix"])
                .arg(&self.dir)
                .arg(format!("axe-core@{AXE}")))?;
        }
        let python = self.python();
        let installed = Command::new(&python)
            .args([
                "-c",
                "import moto.server, werkzeug.serving, cfnlint, samcli, ziglang, brotli",
            ])
            .output()
            .is_ok_and(|o| o.status.success())
            && self.venv_bin("cargo-lambda").exists();
        if !installed {
            if !python.exists() {
                run(Command::new("python3")
                    .args(["-m", "venv"])
                    .arg(self.dir.join("venv")))?;
            }
            run(Command::new(self.venv_bin("pip"))
                .args(["install", "-q"])
                .args(PYTHON_TOOLS))?;
        }
        Ok(())
    }

    /// axe-core's browser script.
    pub fn axe(&self) -> PathBuf {
        self.dir.join("node_modules/axe-core/axe.min.js")
    }

    /// The venv's Python, which has moto.
    pub fn python(&self) -> PathBuf {
        self.venv_bin("python")
    }

    /// A program installed in the tools venv.
    pub fn venv_bin(&self, name: &str) -> PathBuf {
        self.dir.join("venv/bin").join(name)
    }

    /// A command with the tools on PATH. The same PATH for every cargo call keeps builds warm.
    pub fn command(&self, program: &str) -> Command {
        let mut command = Command::new(program);
        command.env("PATH", &self.path);
        command
    }

    pub fn cargo(&self) -> Command {
        let mut command = self.command("cargo");
        command.current_dir(root());
        command
    }

    pub fn target_dir(&self) -> PathBuf {
        std::env::var_os("CARGO_TARGET_DIR")
            .map(PathBuf::from)
            .unwrap_or_else(|| root().join("target"))
    }
}
