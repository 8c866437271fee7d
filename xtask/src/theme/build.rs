//! The release page: `trunk build --release`, the shipped JavaScript minified, the first-paint
//! module built alone; and the dev host the screenshot, the demo and the benchmark serve it with.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::util::run as exec;
use crate::util::{root, step, tool_path, Result};

/// Minifies the JavaScript at `path` into `out` as the theme ships it (terser: compress, mangle,
/// no comments; `module` for an ES module). `cargo xtask ci` tests the boot script's rules on
/// this text before any browser runs.
pub fn minify_js(path: &Path, module: bool, out: &Path) -> Result {
    let mut cmd = Command::new("terser");
    cmd.arg(path);
    if module {
        cmd.arg("--module");
    }
    exec(
        cmd.args(["--compress", "--mangle", "--comments", "false", "-o"])
            .arg(out)
            .env("PATH", tool_path()),
    )
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
