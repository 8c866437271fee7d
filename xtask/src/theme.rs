//! Building the release page and packaging it as an installable XArr pay theme.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::hashnames;
use crate::tools;
use crate::util::run as exec;
use crate::util::{root, start_devhost, step, tool_path, Result};

mod checks;
mod inline;

use checks::*;
pub use inline::minify_js;
use inline::*;

/// The theme's name: its folder and `manifest.json`'s `name` (letters, digits and `_`).
pub const THEME: &str = "paypage";

/// The placeholder Trunk writes before every asset URL (see Trunk.toml).
const PLACEHOLDER: &str = "/__PAYPAGE_ASSETS__/";

/// Where index.html names the boot script, which packaging replaces with its minified text.
const BOOT_TAG: &str = "<script data-paypage-boot src=\"/__PAYPAGE_ASSETS__/boot.js\"></script>";

/// The file beside the theme's pages that holds the inline boot script's CSP hash
/// (`'sha256-…'`, for a `script-src` directive; the dev host's `--csp` reads it).
pub const BOOT_HASH_FILE: &str = "boot-script.sha256";

/// Where Trunk's output links the theme's stylesheet, which packaging replaces with its text: the
/// first layout then happens as the page is parsed, before the early info answer comes back,
/// instead of when a stylesheet arrives one round trip later (and keeps the main thread from the
/// answer).
const STYLE_TAG: &str = "<link rel=\"stylesheet\" href=\"/__PAYPAGE_ASSETS__/main.css\"/>";

/// The file beside the theme's pages that holds the inline stylesheet's CSP hash (for a
/// `style-src` directive).
pub const STYLE_HASH_FILE: &str = "main-style.sha256";

/// The only `${...}` actions the theme's HTML may write without escaping: values the XArr server
/// computes itself that no API, merchant or customer text can reach (`templateAssets` is
/// `/templates/pay/<name>/assets`, the theme's own folder name).
const UNESCAPED_ALLOWED: &[&str] = &["${.templateAssets}"];

/// Files the merchant guides tell merchants to add to `assets/` (their stylesheet, named by
/// `data-stylesheet`, and their logo). The package never contains one: unzipping an upgrade over
/// the installed folder keeps what is not in the package, and would overwrite these.
pub const MERCHANT_FILES: &[&str] = &["custom.css", "logo.png"];

pub fn theme_dir() -> PathBuf {
    root().join("target/xarr-theme").join(THEME)
}

pub fn static_dir() -> PathBuf {
    root().join("target/static-site")
}

/// `cargo xtask theme [--zip] [--no-screenshot]`: returns the theme folder.
pub fn run(args: &[String]) -> Result<PathBuf> {
    let with_screenshot = !args.iter().any(|a| a == "--no-screenshot");
    // The screenshot needs Chromium; building needs only the build tools.
    if with_screenshot {
        tools::ensure_all()?;
    } else {
        tools::ensure_build()?;
    }
    let dist = build_release()?;
    let dir = package(&dist)?;
    if with_screenshot {
        screenshot(&dir)?;
    }
    if args.iter().any(|a| a == "--zip") {
        let zip = zip(&dir)?;
        println!("zip: {}", zip.display());
    }
    Ok(dir)
}

/// `trunk build --release` (wasm-opt from binaryen's npm release in e2e/node_modules), then the
/// shipped JavaScript minified with terser.
pub fn build_release() -> Result<PathBuf> {
    step("building the release page (trunk build --release)");
    exec(
        Command::new("trunk")
            .args(["build", "--release"])
            .env("PATH", tool_path())
            .env_remove("NO_COLOR")
            .current_dir(root()),
    )?;
    let dist = root().join("target/trunk-dist");
    step("minifying the shipped JavaScript (terser)");
    // paypage.js is a module; boot.js a classic script (it is inlined into <head>).
    for (file, module) in [("paypage.js", true), ("boot.js", false)] {
        let path = dist.join(file);
        minify_js(&path, module, &path)?;
    }
    build_firstpaint(&dist.join(FIRSTPAINT))?;
    Ok(dist)
}

/// The first-paint module's file in `assets/`, beside `paypage_bg.wasm`.
pub const FIRSTPAINT: &str = "firstpaint.wasm";

/// `crates/firstpaint` for the browser: built alone (its core without std; in one build with the
/// page crate the core would have std), with the workspace's release profile, then `wasm-opt -Oz`
/// (binaryen's npm release) into `out`.
fn build_firstpaint(out: &Path) -> Result {
    step("building the first-paint module (crates/firstpaint, wasm-opt -Oz)");
    exec(
        Command::new("cargo")
            .args(["build", "--release", "--target", "wasm32-unknown-unknown"])
            .args(["-p", "paypage-firstpaint"])
            .current_dir(root()),
    )?;
    let built = target_dir().join("wasm32-unknown-unknown/release/paypage_firstpaint.wasm");
    exec(
        Command::new("wasm-opt")
            .arg("-Oz")
            .arg(&built)
            .arg("-o")
            .arg(out)
            .env("PATH", tool_path()),
    )
}

/// Cargo's target folder: `CARGO_TARGET_DIR` (relative to the workspace), else `target/`.
fn target_dir() -> PathBuf {
    match std::env::var_os("CARGO_TARGET_DIR") {
        Some(dir) => root().join(dir),
        None => root().join("target"),
    }
}

fn package_version() -> Result<String> {
    let toml = std::fs::read_to_string(root().join("Cargo.toml")).map_err(|e| e.to_string())?;
    let mut in_package = false;
    for line in toml.lines() {
        let l = line.trim();
        if l.starts_with('[') {
            in_package = l == "[package]";
        } else if in_package {
            if let Some(v) = l.strip_prefix("version = \"") {
                return Ok(v.trim_end_matches('"').to_owned());
            }
        }
    }
    Err("no [package] version in Cargo.toml".into())
}

/// Writes `target/xarr-theme/paypage/` (XArr layout) and `target/static-site/` (plain static
/// hosting) from Trunk's output.
pub fn package(dist: &Path) -> Result<PathBuf> {
    step("packaging the XArr theme");
    let html = std::fs::read_to_string(dist.join("index.html"))
        .map_err(|e| format!("dist/index.html: {e}"))?;
    let boot =
        std::fs::read_to_string(dist.join("boot.js")).map_err(|e| format!("dist/boot.js: {e}"))?;
    let (html, boot_hash) = inline_boot(&html, boot.trim_end())?;
    let css = std::fs::read_to_string(dist.join("main.css"))
        .map_err(|e| format!("dist/main.css: {e}"))?;
    let css = compact_css(&css)?;
    let (html, style_hash) = inline_element(&html, STYLE_TAG, "style", css.trim_end())?;
    if !html.contains(PLACEHOLDER) {
        return Err("Trunk's output has no asset placeholder; check Trunk.toml public_url".into());
    }
    let html = put_words(&html, &core_words()?)?;
    let dir = theme_dir();
    let _ = std::fs::remove_dir_all(&dir);
    let assets = dir.join("assets");
    std::fs::create_dir_all(&assets).map_err(|e| e.to_string())?;
    let site = static_dir();
    let _ = std::fs::remove_dir_all(&site);
    std::fs::create_dir_all(&site).map_err(|e| e.to_string())?;
    for entry in std::fs::read_dir(dist).map_err(|e| e.to_string())? {
        let entry = entry.map_err(|e| e.to_string())?;
        let name = entry.file_name();
        // boot.js and main.css are in the pages themselves.
        if name == "index.html"
            || name == "boot.js"
            || name == "main.css"
            || !entry.path().is_file()
        {
            continue;
        }
        check_not_merchant_file(&name.to_string_lossy())?;
        std::fs::copy(entry.path(), assets.join(&name)).map_err(|e| e.to_string())?;
        std::fs::copy(entry.path(), site.join(&name)).map_err(|e| e.to_string())?;
    }
    check_no_static_html(&dist.join("paypage_bg.wasm"))?;
    for (file, page) in [
        ("index.html", "pay"),
        ("status.html", "status"),
        ("separate.html", "separate"),
    ] {
        let page_html = html.replace("data-page=\"pay\"", &format!("data-page=\"{page}\""));
        let themed = page_html.replace(PLACEHOLDER, "${.templateAssets}/");
        check_actions(file, &themed)?;
        // The hashes were taken before these replacements: the inline texts must not have changed.
        for (what, text) in [("boot script", boot.trim_end()), ("styles", css.trim_end())] {
            if !themed.contains(text) || !page_html.replace(PLACEHOLDER, "/").contains(text) {
                return Err(format!(
                    "{file}: the inline {what} changed after its CSP hash was taken"
                ));
            }
        }
        std::fs::write(dir.join(file), themed).map_err(|e| e.to_string())?;
        std::fs::write(site.join(file), page_html.replace(PLACEHOLDER, "/"))
            .map_err(|e| e.to_string())?;
    }
    // The app's files named by their bytes, in both layouts (after the pages exist: the renaming
    // rewrites their `<meta name="paypage">`, never the inline texts the CSP hashes cover).
    hashnames::name_by_content(&dir, &assets)?;
    hashnames::name_by_content(&site, &site)?;
    for (file, hash) in [(BOOT_HASH_FILE, &boot_hash), (STYLE_HASH_FILE, &style_hash)] {
        std::fs::write(dir.join(file), format!("'{hash}'\n")).map_err(|e| e.to_string())?;
    }
    let manifest = format!(
        "{{\n  \"name\": \"{THEME}\",\n  \"title\": \"paypage 收银台\",\n  \"version\": \"{}\",\n  \"description\": \"快速、安全、无障碍的支付页面 (Rust + WebAssembly)\",\n  \"author\": \"paypage\",\n  \"type\": 3,\n  \"min_program_version\": \"1.5.0.0\",\n  \"screenshot\": \"screenshot.png\"\n}}\n",
        package_version()?
    );
    std::fs::write(dir.join("manifest.json"), manifest).map_err(|e| e.to_string())?;
    Ok(dir)
}

/// A real screenshot of the pending screen, taken in headless Chromium through the dev host.
pub fn screenshot(dir: &Path) -> Result {
    step("taking the theme's screenshot.png in headless Chromium");
    build_devhost(false)?;
    let theme = dir.to_string_lossy().into_owned();
    let (_host, url) = start_devhost(&["--theme", &theme])?;
    exec(
        Command::new("node")
            .arg(root().join("e2e/tools/screenshot.mjs"))
            .arg(format!("{url}/pay/demo_pending"))
            .arg(dir.join("screenshot.png"))
            .current_dir(root()),
    )
}

fn zip(dir: &Path) -> Result<PathBuf> {
    let parent = dir.parent().ok_or("theme dir has no parent")?;
    let zip = parent.join(format!("{THEME}.zip"));
    let _ = std::fs::remove_file(&zip);
    exec(
        Command::new("python3")
            .args(["-m", "zipfile", "-c"])
            .arg(&zip)
            .arg(format!("{THEME}/"))
            .current_dir(parent),
    )?;
    Ok(zip)
}

/// `cargo xtask demo [--port N]`: builds the theme and serves it until interrupted.
pub fn demo(args: &[String]) -> Result {
    let port = args
        .windows(2)
        .find(|w| w[0] == "--port")
        .map(|w| w[1].clone())
        .unwrap_or_else(|| "8080".into());
    let dir = run(&["--no-screenshot".to_owned()])?;
    run_demo_host(&dir, &port)
}

fn run_demo_host(dir: &Path, port: &str) -> Result {
    build_devhost(false)?;
    step(&format!(
        "serving {} on 127.0.0.1:{port} (Ctrl-C to stop)",
        dir.display()
    ));
    crate::util::run(
        Command::new(root().join("target/debug/devhost"))
            .arg("--theme")
            .arg(dir)
            .args(["--port", port]),
    )
}

/// `cargo build -p devhost` (release for the benchmark: a debug build's compression skews timing).
pub fn build_devhost(release: bool) -> Result {
    let mut cmd = Command::new("cargo");
    cmd.args(["build", "--quiet", "-p", "devhost"])
        .current_dir(root());
    if release {
        cmd.arg("--release");
    }
    exec(&mut cmd)
}

#[cfg(test)]
mod tests;
