//! `cargo xtask bench [--latency-ms N] [--runs N]`: the performance benchmark. Builds the release
//! theme, serves it with the dev host adding a fixed latency to every API call, and measures it in
//! headless Chromium (bench/run.mjs). A benchmark, not a test: it reports, CI does not run it.

use std::process::Command;

use crate::theme;
use crate::tools;
use crate::util::{root, run, start_devhost_bin, step, Result};

pub fn run_bench(args: &[String]) -> Result {
    let arg = |name: &str, default: &str| {
        args.windows(2)
            .find(|w| w[0] == name)
            .map(|w| w[1].clone())
            .unwrap_or_else(|| default.to_owned())
    };
    let latency = arg("--latency-ms", "100");
    let runs = arg("--runs", "7");
    tools::ensure_all()?;
    let dir = root().join("bench");
    if !dir.join("node_modules/lighthouse").exists() {
        step("installing the benchmark's npm packages (lighthouse)");
        run(Command::new("npm")
            .args(["install", "--no-audit", "--no-fund"])
            .current_dir(&dir))?;
    }
    let dist = theme::build_release()?;
    let theme_dir = theme::package(&dist)?;
    step("building the dev host (release: it stands in for XArr's own fast static serving)");
    theme::build_devhost(true)?;
    let theme_arg = theme_dir.to_string_lossy().into_owned();
    let bin = root().join("target/release/devhost");
    let (_host, url) = start_devhost_bin(&bin, &["--theme", &theme_arg, "--latency-ms", &latency])?;
    step(&format!(
        "benchmark: {runs} loads at {latency} ms API latency against {url}"
    ));
    run(Command::new("node")
        .arg(dir.join("run.mjs"))
        .env("PAYPAGE_URL", &url)
        .env("PAYPAGE_LATENCY_MS", &latency)
        .env("PAYPAGE_RUNS", &runs)
        .current_dir(&dir))
}
