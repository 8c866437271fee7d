//! `cargo xtask ci`: the whole suite. Formatting, lints and native tests fail at once; then the
//! browser tests and the end-to-end tests run in each engine (Chromium, Firefox, WebKit), every
//! engine even when an earlier one failed, and the report ends with one `N passed, M failed` line
//! per engine and the total.

use std::path::Path;
use std::process::Command;

use crate::engines::{self, Engine};
use crate::theme;
use crate::tools;
use crate::util::{count_results, root, run_capture, start_devhost, step, tool_path, Result};

/// Passed and failed tests of one group (native, or one engine), suite by suite.
struct Group {
    name: String,
    passed: u64,
    failed: u64,
    /// A suite that failed without failing a test (it did not build, its browser did not start).
    broken: Vec<String>,
}

#[derive(Default)]
struct Report {
    groups: Vec<Group>,
}

impl Report {
    /// Adds a suite's outcome to `group` (created on first use) and says it.
    fn add(&mut self, group: &str, suite: &str, ok: bool, out: &str) {
        let (p, f) = count_results(out);
        println!("-- {group}: {suite}: {p} passed, {f} failed");
        let i = match self.groups.iter().position(|g| g.name == group) {
            Some(i) => i,
            None => {
                self.groups.push(Group {
                    name: group.to_owned(),
                    passed: 0,
                    failed: 0,
                    broken: Vec::new(),
                });
                self.groups.len() - 1
            }
        };
        let g = &mut self.groups[i];
        g.passed += p;
        g.failed += f;
        if !ok && f == 0 {
            g.broken.push(suite.to_owned());
        }
    }

    fn ok(&self) -> bool {
        self.groups
            .iter()
            .all(|g| g.failed == 0 && g.broken.is_empty())
    }

    /// One line per group, then the total.
    fn print(&self) {
        println!();
        let (mut passed, mut failed) = (0, 0);
        for g in &self.groups {
            let broken = if g.broken.is_empty() {
                String::new()
            } else {
                format!("  (did not complete: {})", g.broken.join(", "))
            };
            println!(
                "{:<32} {} passed, {} failed{broken}",
                g.name, g.passed, g.failed
            );
            passed += g.passed;
            failed += g.failed;
        }
        println!("{:<32} {passed} passed, {failed} failed", "total");
    }
}

pub fn run(_args: &[String]) -> Result {
    let started = std::time::Instant::now();
    tools::ensure_all()?;
    lint()?;
    let mut report = Report::default();

    step("the core's dependency tree has no browser crate");
    core_has_no_browser()?;

    step("native tests (core, dev host, xtask)");
    let (ok, out) = run_capture(cargo().args(["test", "--workspace"]));
    report.add("native", "cargo test", ok, &out);
    step("the boot script's rules, minified as it ships, against fixtures/cases/boot.json (node)");
    let (ok, out) = boot_rules().unwrap_or_else(did_not_start);
    report.add("native", "boot rules (node)", ok, &out);
    if !report.ok() {
        report.print();
        return Err("native tests failed".into());
    }

    let chromium = format!("chromium {}", engines::chromium_version());
    let firefox = format!("firefox {}", Engine::Firefox.version());
    let webkit = format!("webkit {} (WebKitGTK)", Engine::Webkit.version());
    browser_tests(&mut report, &chromium, &firefox, &webkit);

    let dist = theme::build_release()?;
    let dir = theme::package(&dist)?;
    step("byte budget: gzip size of every file the pending page loads (bench/size-budget.tsv)");
    crate::size::check_budget(&dir)?;
    theme::screenshot(&dir)?;

    step("end-to-end tests in Chromium (playwright-core against the dev host serving the release theme)");
    let (ok, out) = chromium_e2e(&dir).unwrap_or_else(did_not_start);
    report.add(&chromium, "end-to-end", ok, &out);
    for (engine, group) in [(Engine::Firefox, &firefox), (Engine::Webkit, &webkit)] {
        step(&format!("end-to-end tests in {group} (W3C WebDriver)"));
        let (ok, out) = webdriver_e2e(engine, &dir).unwrap_or_else(did_not_start);
        report.add(group, "end-to-end", ok, &out);
    }

    println!("\nci finished in {:.0} s", started.elapsed().as_secs_f64());
    report.print();
    if report.ok() {
        Ok(())
    } else {
        Err("some tests failed".into())
    }
}

/// `e2e/tests/boot_rules.test.js` on public/boot.js minified as packaging minifies it (no browser:
/// its one page test is skipped without `PAYPAGE_DEVHOST`).
fn boot_rules() -> Result<(bool, String)> {
    let dir = root().join("target/boot-rules");
    std::fs::create_dir_all(&dir).map_err(|e| format!("{}: {e}", dir.display()))?;
    let script = dir.join("boot.min.js");
    theme::minify_js(&root().join("public/boot.js"), false, &script)?;
    Ok(run_capture(
        node_test("e2e/tests/boot_rules.test.js").env("PAYPAGE_BOOT_SCRIPT", &script),
    ))
}

/// A suite whose hosts or browser did not start: said, and counted as not completed.
fn did_not_start(why: String) -> (bool, String) {
    eprintln!("{why}");
    (false, String::new())
}

/// `cargo tree -p paypage-core` on wasm32 (where the page has its browser crates) names none of them.
fn core_has_no_browser() -> Result {
    let out = crate::util::output(cargo().args([
        "tree",
        "-p",
        "paypage-core",
        "-e",
        "normal",
        "--prefix",
        "none",
        "--target",
        "wasm32-unknown-unknown",
    ]))
    .ok_or("cargo tree -p paypage-core failed")?;
    let web = ["leptos", "web-sys", "js-sys", "wasm-bindgen", "gloo"];
    let found: Vec<&str> = out
        .lines()
        .filter(|l| web.iter().any(|w| l.starts_with(w)))
        .collect();
    if found.is_empty() {
        Ok(())
    } else {
        Err(format!("paypage-core depends on browser crates: {found:?}"))
    }
}

fn cargo() -> Command {
    let mut c = Command::new("cargo");
    c.current_dir(root());
    c
}

/// rustfmt and clippy (native on every crate; wasm32 on the page crate, whose lints deny
/// unwrap/expect/panic/indexing).
fn lint() -> Result {
    step("rustfmt --check");
    crate::util::run(cargo().args(["fmt", "--all", "--", "--check"]))?;
    step("clippy (native, every crate, warnings denied)");
    clippy(&["--workspace"])?;
    step("clippy (wasm32, the page crate, warnings denied; unwrap/expect/panic denied)");
    clippy(&["-p", "paypage", "--target", "wasm32-unknown-unknown"])
}

/// `cargo clippy <which> --all-targets -- -D warnings`.
fn clippy(which: &[&str]) -> Result {
    crate::util::run(cargo().arg("clippy").args(which).args([
        "--all-targets",
        "--",
        "-D",
        "warnings",
    ]))
}

/// tests/web (wasm-bindgen-test) in each engine: wasm-pack for Chromium and Firefox;
/// wasm-bindgen-test-runner drives WebKitWebDriver itself (as its "safaridriver"), under Xvfb.
fn browser_tests(report: &mut Report, chromium: &str, firefox: &str, webkit: &str) {
    step("browser tests in Chromium (wasm-pack test --headless --chrome)");
    let (ok, out) = run_browser_suite(|| {
        let mut c = Command::new("wasm-pack");
        c.args(["test", "--headless", "--chrome"])
            .env("CHROMEDRIVER", engines::CHROMEDRIVER);
        c
    });
    report.add(chromium, "browser tests", ok, &out);

    step("browser tests in Firefox (wasm-pack test --headless --firefox)");
    let (ok, out) = run_browser_suite(|| {
        let mut c = Command::new("wasm-pack");
        c.args(["test", "--headless", "--firefox"])
            .env("GECKODRIVER", engines::geckodriver());
        c
    });
    report.add(firefox, "browser tests", ok, &out);

    step(
        "browser tests in WebKitGTK (cargo test --target wasm32 with WebKitWebDriver, under Xvfb)",
    );
    let (ok, out) = run_browser_suite(|| {
        let mut c = Command::new("xvfb-run");
        c.args(["-a", "-s", engines::XVFB_SCREEN])
            .args(["cargo", "test", "--target", "wasm32-unknown-unknown"])
            .args(["--test", "web"])
            .env("SAFARIDRIVER", engines::WEBKIT_DRIVER);
        c
    });
    report.add(webkit, "browser tests", ok, &out);
}

/// Runs a browser-test command; when it fails without a single failed test (the browser
/// process died under the runner: seen once in WebKitGTK, "getauxval() failed: Interrupted
/// system call"), runs it once more and says so. A failed test is never retried.
fn run_browser_suite(command: impl Fn() -> Command) -> (bool, String) {
    // The suite's time limit (WASM_BINDGEN_TEST_TIMEOUT) is in .cargo/config.toml's [env].
    let run = || run_capture(command().env("PATH", tool_path()).current_dir(root()));
    let (ok, out) = run();
    if ok || count_results(&out).1 > 0 {
        return (ok, out);
    }
    println!("-- the browser ended before its tests did (no test failed): running them once more");
    run()
}

/// The dev hosts the Playwright suite uses, and the suite.
fn chromium_e2e(dir: &Path) -> Result<(bool, String)> {
    let theme_arg = dir.to_string_lossy().into_owned();
    let (_host, url) = start_devhost(&["--theme", &theme_arg])?;
    let static_arg = theme::static_dir().to_string_lossy().into_owned();
    let (_static_host, static_url) = start_devhost(&["--static", &static_arg])?;
    let (_csp_host, csp_url) = start_devhost(&["--theme", &theme_arg, "--csp"])?;
    let (_escape_host, escape_url) = start_devhost(&["--theme", &theme_arg, "--escape", "html"])?;
    let gorender = tools::build_gorender()?;
    Ok(run_capture(
        node_test("e2e/tests/")
            .env("PAYPAGE_URL", &url)
            .env("PAYPAGE_STATIC_URL", &static_url)
            .env("PAYPAGE_CSP_URL", &csp_url)
            .env("PAYPAGE_HTML_ESCAPE_URL", &escape_url)
            .env("PAYPAGE_DEVHOST", root().join("target/debug/devhost"))
            .env("PAYPAGE_GORENDER", &gorender)
            .env("PAYPAGE_THEME_DIR", dir),
    ))
}

/// e2e/engines/ in one engine: its WebDriver server, and dev hosts with the probe script that
/// records errors in the page (WebDriver has no console events).
fn webdriver_e2e(engine: Engine, dir: &Path) -> Result<(bool, String)> {
    let theme_arg = dir.to_string_lossy().into_owned();
    let (_host, url) = start_devhost(&["--theme", &theme_arg, "--probe"])?;
    let (_csp_host, csp_url) = start_devhost(&["--theme", &theme_arg, "--probe", "--csp"])?;
    let driver = engines::start_driver(engine)?;
    Ok(run_capture(
        node_test("e2e/engines/")
            .env("PAYPAGE_URL", &url)
            .env("PAYPAGE_CSP_URL", &csp_url)
            .env("PAYPAGE_ENGINE", engine.as_str())
            .env("PAYPAGE_WEBDRIVER_URL", &driver.url),
    ))
}

/// node's test runner on a folder, one file at a time (one browser session at a time).
fn node_test(folder: &str) -> Command {
    let mut c = Command::new("node");
    c.args(["--test", "--test-reporter=spec", "--test-concurrency=1"])
        .arg(folder)
        .current_dir(root());
    c
}
