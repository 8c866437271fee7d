//! The installable XArr theme (`target/xarr-theme/paypage/`) and the plain static site
//! (`target/static-site/`) from Trunk's output.

use std::path::{Path, PathBuf};

use super::checks::{check_actions, check_no_static_html, check_not_merchant_file};
use super::css::compact_css;
use super::inline::{core_words, inline_boot, inline_element, put_words, STYLE_TAG};
use crate::hashnames;
use crate::util::{root, step, Result};

/// The theme's name: its folder and `manifest.json`'s `name` (letters, digits and `_`).
pub const THEME: &str = "paypage";

pub fn theme_dir() -> PathBuf {
    root().join("target/xarr-theme").join(THEME)
}

pub fn static_dir() -> PathBuf {
    root().join("target/static-site")
}

/// The placeholder Trunk writes before every asset URL (see Trunk.toml).
const PLACEHOLDER: &str = "/__PAYPAGE_ASSETS__/";

/// The file beside the theme's pages that holds the inline boot script's CSP hash
/// (`'sha256-…'`, for a `script-src` directive; the dev host's `--csp` reads it).
pub const BOOT_HASH_FILE: &str = "boot-script.sha256";

/// The file beside the theme's pages that holds the inline stylesheet's CSP hash (for a
/// `style-src` directive).
pub const STYLE_HASH_FILE: &str = "main-style.sha256";

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
