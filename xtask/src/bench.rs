//! `cargo xtask bench [--latency-ms N] [--runs N] [--compare DIR] [--fast-only] [--phone-only] [--loads-only]`: the performance
//! benchmark. Builds the release theme, serves it with the dev host adding a fixed latency to every
//! API call, and measures it in headless Chromium (bench/run.mjs) on the fast link and with the
//! phone preset. `--compare DIR` serves every pay theme in DIR (`DIR/templates/pay/<name>/`, or
//! `DIR/<name>/`) by its own dev host with the same latency and measures it in the same run.
//! A benchmark, not a test: it reports, CI does not run it.

use std::path::{Path, PathBuf};
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
    let mut hosts = Vec::new();
    let mut compare = Vec::new();
    if let Some(folder) = args.windows(2).find(|w| w[0] == "--compare").map(|w| &w[1]) {
        for (name, theme) in compare_themes(Path::new(folder))? {
            let theme = theme.to_string_lossy().into_owned();
            let (host, url) =
                start_devhost_bin(&bin, &["--theme", &theme, "--latency-ms", &latency])?;
            hosts.push(host);
            compare.push(format!(
                "{{\"name\":\"{}\",\"url\":\"{url}\"}}",
                name.replace(['"', '\\'], "_")
            ));
        }
    }
    let fast_only = args.iter().any(|a| a == "--fast-only");
    let phone_only = args.iter().any(|a| a == "--phone-only");
    let loads_only = args.iter().any(|a| a == "--loads-only");
    step(&format!(
        "benchmark: {runs} loads per theme and condition at {latency} ms API latency against {url}"
    ));
    run(Command::new("node")
        .arg(dir.join("run.mjs"))
        .env("PAYPAGE_URL", &url)
        .env("PAYPAGE_LATENCY_MS", &latency)
        .env("PAYPAGE_RUNS", &runs)
        .env("PAYPAGE_COMPARE", format!("[{}]", compare.join(",")))
        .env("PAYPAGE_FAST_ONLY", if fast_only { "1" } else { "0" })
        .env("PAYPAGE_PHONE_ONLY", if phone_only { "1" } else { "0" })
        .env("PAYPAGE_LOADS_ONLY", if loads_only { "1" } else { "0" })
        .current_dir(&dir))
}

/// The pay themes in a folder: `DIR/templates/pay/<name>/` or `DIR/<name>/`, each with an
/// `index.html`; or DIR itself when it is one theme.
fn compare_themes(dir: &Path) -> Result<Vec<(String, PathBuf)>> {
    let nested = dir.join("templates/pay");
    let dir = if nested.is_dir() {
        nested
    } else {
        dir.to_path_buf()
    };
    let name_of = |p: &Path| {
        p.file_name()
            .map(|n| n.to_string_lossy().into_owned())
            .unwrap_or_default()
    };
    if dir.join("index.html").is_file() {
        return Ok(vec![(name_of(&dir), dir)]);
    }
    let mut themes: Vec<(String, PathBuf)> = std::fs::read_dir(&dir)
        .map_err(|e| format!("--compare {}: {e}", dir.display()))?
        .filter_map(|e| e.ok().map(|e| e.path()))
        .filter(|p| p.join("index.html").is_file())
        .map(|p| (name_of(&p), p))
        .collect();
    themes.sort();
    if themes.is_empty() {
        return Err(format!(
            "--compare {}: no theme folder with an index.html",
            dir.display()
        ));
    }
    Ok(themes)
}
