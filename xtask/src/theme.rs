//! Building the release page and packaging it as an installable XArr pay theme: `build.rs`
//! (trunk, terser, the first-paint module), `package.rs` (the XArr and static layouts),
//! `inline.rs` (what is written into the pages, with its CSP hashes), `css.rs` (the stylesheet
//! compacted), `checks.rs` (what packaging refuses). The demo is `crate::demo`.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::tools;
use crate::util::run as exec;
use crate::util::{root, start_devhost, step, Result};

mod build;
mod checks;
mod css;
mod inline;
mod package;

pub use build::{build_devhost, build_release, minify_js};
pub use package::{package, static_dir, THEME};

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

#[cfg(test)]
mod tests;
