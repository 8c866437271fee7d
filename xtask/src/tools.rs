//! Installs what the build and tests need and finds missing. A second run installs nothing.

use std::path::Path;
use std::process::Command;

use crate::util::{output, root, run, step, tool_path, Result};

pub const TRUNK: &str = "0.21.14";

/// The exact wasm-bindgen version in Cargo.lock (the CLI must match it).
pub fn locked_wasm_bindgen() -> Result<String> {
    let lock = std::fs::read_to_string(root().join("Cargo.lock"))
        .map_err(|e| format!("Cargo.lock: {e}"))?;
    let mut lines = lock.lines();
    while let Some(l) = lines.next() {
        if l.trim() == "name = \"wasm-bindgen\"" {
            if let Some(v) = lines
                .next()
                .and_then(|v| v.trim().strip_prefix("version = \""))
            {
                return Ok(v.trim_end_matches('"').to_owned());
            }
        }
    }
    Err("wasm-bindgen not found in Cargo.lock".into())
}

fn version_of(bin: &str) -> Option<String> {
    output(Command::new(bin).arg("--version").env("PATH", tool_path()))
}

/// Everything: the wasm target, trunk, wasm-bindgen-cli, wasm-pack, Chromium and its driver, the
/// npm packages (playwright-core, binaryen 116's wasm-opt).
pub fn ensure_all() -> Result {
    ensure_rust()?;
    ensure_chromium()?;
    ensure_npm()?;
    Ok(())
}

/// The Rust side only (target and cargo-installed tools).
pub fn ensure_rust() -> Result {
    let installed =
        output(Command::new("rustup").args(["target", "list", "--installed"])).unwrap_or_default();
    if !installed
        .lines()
        .any(|l| l.trim() == "wasm32-unknown-unknown")
    {
        step("installing the wasm32-unknown-unknown target");
        run(Command::new("rustup").args(["target", "add", "wasm32-unknown-unknown"]))?;
    }
    if version_of("trunk").is_none_or(|v| v.trim() != format!("trunk {TRUNK}")) {
        step(&format!("installing trunk {TRUNK}"));
        run(Command::new("cargo").args(["install", "--locked", &format!("trunk@{TRUNK}")]))?;
    }
    let wb = locked_wasm_bindgen()?;
    if version_of("wasm-bindgen").is_none_or(|v| v.trim() != format!("wasm-bindgen {wb}")) {
        step(&format!(
            "installing wasm-bindgen-cli {wb} (Cargo.lock's version)"
        ));
        run(Command::new("cargo").args(["install", "--force", &format!("wasm-bindgen-cli@{wb}")]))?;
    }
    if version_of("wasm-pack").is_none() {
        step("installing wasm-pack");
        run(Command::new("cargo").args(["install", "--locked", "wasm-pack"]))?;
    }
    Ok(())
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0")
}

/// Debian's chromium and chromium-driver (never a downloaded browser).
pub fn ensure_chromium() -> Result {
    let fonts = Path::new("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc").exists();
    if fonts
        && Path::new("/usr/bin/chromium").exists()
        && Path::new("/usr/bin/chromedriver").exists()
    {
        return Ok(());
    }
    let cmd = "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y chromium chromium-driver fonts-wqy-microhei";
    if !is_root() {
        return Err(format!(
            "Chromium is missing. Install it with:\n  sudo sh -c '{cmd}'"
        ));
    }
    step("installing Debian's chromium and chromium-driver");
    run(Command::new("sh").args(["-c", cmd]))
}

/// npm packages of e2e/ (playwright-core, binaryen 116).
pub fn ensure_npm() -> Result {
    let dir = root().join("e2e");
    let have = |pkg: &str, version: &str| {
        std::fs::read_to_string(dir.join("node_modules").join(pkg).join("package.json"))
            .is_ok_and(|s| s.contains(&format!("\"version\": \"{version}\"")))
    };
    if have("playwright-core", "1.65.1") && have("binaryen", "116.0.0") {
        return Ok(());
    }
    if version_of("npm").is_none() {
        if !is_root() {
            return Err("Node.js and npm are missing: sudo apt-get install -y nodejs npm".into());
        }
        run(Command::new("sh").args([
            "-c",
            "apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y nodejs npm",
        ]))?;
    }
    step("installing the npm packages of e2e/");
    run(Command::new("npm")
        .args(["install", "--no-audit", "--no-fund"])
        .current_dir(&dir))
}
