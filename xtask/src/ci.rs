//! `cargo xtask ci`: the whole suite, failing loudly at the first failure, ending with one line
//! `N passed, M failed` over every test suite that ran.

use std::process::Command;

use crate::theme;
use crate::tools;
use crate::util::{count_results, root, run_capture, start_devhost, step, tool_path, Result};

#[derive(Default)]
struct Tally {
    passed: u64,
    failed: u64,
}

impl Tally {
    fn add(&mut self, suite: &str, ok: bool, out: &str) -> Result {
        let (p, f) = count_results(out);
        self.passed += p;
        self.failed += f;
        println!("-- {suite}: {p} passed, {f} failed");
        if ok && f == 0 {
            Ok(())
        } else {
            self.summary();
            Err(format!("{suite} failed"))
        }
    }

    fn summary(&self) {
        println!("\n{} passed, {} failed", self.passed, self.failed);
    }
}

pub fn run(_args: &[String]) -> Result {
    let started = std::time::Instant::now();
    tools::ensure_all()?;
    let r = root();
    let mut tally = Tally::default();

    step("rustfmt --check");
    crate::util::run(
        Command::new("cargo")
            .args(["fmt", "--all", "--", "--check"])
            .current_dir(&r),
    )?;

    step("clippy (native, every crate, warnings denied)");
    clippy(&["--workspace"])?;
    step("clippy (wasm32, the page crate, warnings denied; unwrap/expect/panic denied)");
    clippy(&["-p", "paypage", "--target", "wasm32-unknown-unknown"])?;

    step("native tests (core, dev host, xtask)");
    let (ok, out) = run_capture(
        Command::new("cargo")
            .args(["test", "--workspace"])
            .current_dir(&r),
    );
    tally.add("native tests", ok, &out)?;

    step("browser tests (wasm-pack test --headless --chrome)");
    let (ok, out) = run_capture(
        Command::new("wasm-pack")
            .args(["test", "--headless", "--chrome"])
            .env("PATH", tool_path())
            .env("CHROMEDRIVER", "/usr/bin/chromedriver")
            .current_dir(&r),
    );
    tally.add("browser tests", ok, &out)?;

    let dist = theme::build_release()?;
    let dir = theme::package(&dist)?;
    step("byte budget: gzip size of every file the pending page loads (bench/size-budget.tsv)");
    crate::size::check_budget(&dir)?;
    theme::screenshot(&dir)?;

    step("end-to-end tests (playwright-core + Chromium against the dev host serving the release theme)");
    let (ok, out) = {
        let theme_arg = dir.to_string_lossy().into_owned();
        let (_host, url) = start_devhost(&["--theme", &theme_arg])?;
        let static_arg = theme::static_dir().to_string_lossy().into_owned();
        let (_static_host, static_url) = start_devhost(&["--static", &static_arg])?;
        let (_csp_host, csp_url) = start_devhost(&["--theme", &theme_arg, "--csp"])?;
        let (_escape_host, escape_url) =
            start_devhost(&["--theme", &theme_arg, "--escape", "html"])?;
        let gorender = tools::build_gorender()?;
        run_capture(
            Command::new("node")
                .args(["--test", "--test-reporter=spec", "--test-concurrency=1"])
                .arg("e2e/tests/")
                .env("PAYPAGE_URL", &url)
                .env("PAYPAGE_STATIC_URL", &static_url)
                .env("PAYPAGE_CSP_URL", &csp_url)
                .env("PAYPAGE_HTML_ESCAPE_URL", &escape_url)
                .env("PAYPAGE_DEVHOST", r.join("target/debug/devhost"))
                .env("PAYPAGE_GORENDER", &gorender)
                .env("PAYPAGE_THEME_DIR", &dir)
                .current_dir(&r),
        )
    };
    tally.add("end-to-end tests", ok, &out)?;

    println!("\nci finished in {:.0} s", started.elapsed().as_secs_f64());
    tally.summary();
    if tally.failed > 0 {
        return Err("some tests failed".into());
    }
    Ok(())
}

/// `cargo clippy <which> --all-targets -- -D warnings`.
fn clippy(which: &[&str]) -> Result {
    crate::util::run(
        Command::new("cargo")
            .arg("clippy")
            .args(which)
            .args(["--all-targets", "--", "-D", "warnings"])
            .current_dir(root()),
    )
}
