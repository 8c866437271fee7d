//! Installs what the build and tests need and finds missing. A second run installs nothing.

use std::path::Path;
use std::process::Command;

use crate::engines;
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

/// Everything: the wasm target, trunk, wasm-bindgen-cli, wasm-pack, the three browser engines and
/// their drivers, the npm packages (playwright-core, binaryen's wasm-opt, terser, jsqr, pngjs).
pub fn ensure_all() -> Result {
    ensure_build()?;
    ensure_test_tools()?;
    Ok(())
}

/// What building the page needs, and no more (`cargo xtask demo`): the wasm target, trunk,
/// wasm-bindgen-cli and the npm build tools (wasm-opt, terser).
pub fn ensure_build() -> Result {
    ensure_rust()?;
    ensure_npm()
}

/// What the tests need on top: wasm-pack, Chromium, Firefox and WebKitGTK with their drivers.
pub fn ensure_test_tools() -> Result {
    if version_of("wasm-pack").is_none() {
        step("installing wasm-pack (browser tests)");
        run(Command::new("cargo").args(["install", "--locked", "wasm-pack"]))?;
    }
    ensure_chromium()?;
    ensure_engines()
}

/// Debian's firefox-esr, webkit2gtk-driver (WebKitWebDriver + MiniBrowser) and Xvfb, and
/// geckodriver built from crates.io at a pinned version (its own download is not reachable here).
pub fn ensure_engines() -> Result {
    let debian = [
        "/usr/bin/firefox-esr",
        engines::WEBKIT_DRIVER,
        engines::MINIBROWSER,
        "/usr/bin/xvfb-run",
        "/usr/bin/xauth",
    ];
    if !debian.iter().all(|p| Path::new(p).exists()) {
        apt_install(
            "firefox-esr webkit2gtk-driver xvfb xauth",
            "Firefox ESR, WebKitGTK's WebDriver and Xvfb",
        )?;
    }
    let gecko = output(Command::new(engines::geckodriver()).arg("--version")).unwrap_or_default();
    if gecko.lines().next() != Some(&format!("geckodriver {}", engines::GECKODRIVER)) {
        step(&format!(
            "installing geckodriver {} (crates.io)",
            engines::GECKODRIVER
        ));
        run(Command::new("cargo").args([
            "install",
            "--locked",
            &format!("geckodriver@{}", engines::GECKODRIVER),
        ]))?;
    }
    Ok(())
}

/// Debian's Go (the real text/template and html/template XArr's GoFrame runs): the e2e suite
/// renders the packaged pages with them.
pub fn ensure_go() -> Result {
    if version_of_go().is_some() {
        return Ok(());
    }
    apt_install("golang-go", "Go (golang-go)")
}

fn version_of_go() -> Option<String> {
    output(Command::new("go").arg("version"))
}

/// `apt-get install` as root, else the command to run.
fn apt_install(packages: &str, what: &str) -> Result {
    let cmd =
        format!("apt-get update && DEBIAN_FRONTEND=noninteractive apt-get install -y {packages}");
    if !is_root() {
        return Err(format!(
            "{what} is missing. Install it with:\n  sudo sh -c '{cmd}'"
        ));
    }
    step(&format!("installing Debian's {what}"));
    run(Command::new("sh").args(["-c", &cmd]))
}

/// Builds e2e/tools/gorender (Go's template engines with XArr's delimiters) into target/.
pub fn build_gorender() -> Result<std::path::PathBuf> {
    ensure_go()?;
    let out = root().join("target/gorender");
    run(Command::new("go")
        .args(["build", "-o"])
        .arg(&out)
        .arg(".")
        .env("GOFLAGS", "-mod=mod")
        .env("GOCACHE", root().join("target/go-cache"))
        .env("GOPATH", root().join("target/go-path"))
        .current_dir(root().join("e2e/tools/gorender")))?;
    Ok(out)
}

/// The Rust build tools: the wasm32 target, trunk, wasm-bindgen-cli at Cargo.lock's version.
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
    Ok(())
}

fn is_root() -> bool {
    output(Command::new("id").arg("-u")).is_some_and(|u| u.trim() == "0")
}

/// Debian's chromium and chromium-driver (never a downloaded browser).
pub fn ensure_chromium() -> Result {
    let fonts = Path::new("/usr/share/fonts/truetype/wqy/wqy-microhei.ttc").exists();
    if fonts && Path::new("/usr/bin/chromium").exists() && Path::new(engines::CHROMEDRIVER).exists()
    {
        return Ok(());
    }
    apt_install(
        "chromium chromium-driver fonts-wqy-microhei",
        "chromium and chromium-driver",
    )
}

/// npm packages of e2e/, at the exact versions its package.json pins: playwright-core, binaryen
/// (its `wasm-opt` knows the features rustc 1.95 emits; Debian's binaryen 108 produces a wasm
/// that crashes), terser (minifies the shipped JavaScript), jsqr and pngjs (read the QR code the
/// WebDriver engines paint).
pub fn ensure_npm() -> Result {
    let dir = root().join("e2e");
    let manifest = std::fs::read_to_string(dir.join("package.json"))
        .map_err(|e| format!("e2e/package.json: {e}"))?;
    let installed = |pkg: &str, version: &str| {
        std::fs::read_to_string(dir.join("node_modules").join(pkg).join("package.json"))
            .is_ok_and(|s| s.contains(&format!("\"version\": \"{version}\"")))
    };
    let pinned = pinned_dependencies(&manifest);
    if !pinned.is_empty() && pinned.iter().all(|(pkg, version)| installed(pkg, version)) {
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

/// The `"name": "version"` pairs of a package.json's `dependencies` object.
fn pinned_dependencies(manifest: &str) -> Vec<(&str, &str)> {
    let Some(start) = manifest.find("\"dependencies\"") else {
        return Vec::new();
    };
    let body = &manifest[start..];
    let body = body
        .find('{')
        .and_then(|open| {
            body[open + 1..]
                .find('}')
                .map(|close| &body[open + 1..open + 1 + close])
        })
        .unwrap_or_default();
    body.split(',')
        .filter_map(|entry| {
            let mut quoted = entry.split('"').skip(1).step_by(2);
            Some((quoted.next()?, quoted.next()?))
        })
        .collect()
}

#[cfg(test)]
mod tests {
    #[test]
    fn reads_the_pinned_dependencies_of_a_package_json() {
        let manifest = r#"{
  "name": "paypage-e2e",
  "scripts": { "test": "node --test" },
  "dependencies": {
    "binaryen": "132.0.0",
    "jsqr": "1.4.0"
  }
}"#;
        assert_eq!(
            super::pinned_dependencies(manifest),
            [("binaryen", "132.0.0"), ("jsqr", "1.4.0")]
        );
        assert!(super::pinned_dependencies("{}").is_empty());
    }

    #[test]
    fn the_e2e_manifest_pins_every_tool_the_build_and_tests_run() {
        let manifest =
            std::fs::read_to_string(crate::util::root().join("e2e/package.json")).unwrap();
        let names: Vec<&str> = super::pinned_dependencies(&manifest)
            .into_iter()
            .map(|(name, _)| name)
            .collect();
        for tool in ["binaryen", "jsqr", "playwright-core", "pngjs", "terser"] {
            assert!(names.contains(&tool), "{tool} missing from {names:?}");
        }
    }
}
