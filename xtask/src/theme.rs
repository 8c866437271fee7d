//! Building the release page and packaging it as an installable XArr pay theme.

use std::path::{Path, PathBuf};
use std::process::Command;

use crate::hashnames;
use crate::tools;
use crate::util::run as exec;
use crate::util::{root, start_devhost, step, tool_path, Result};

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
        let mut cmd = Command::new("terser");
        cmd.arg(&path);
        if module {
            cmd.arg("--module");
        }
        exec(
            cmd.args(["--compress", "--mangle", "--comments", "false", "-o"])
                .arg(&path)
                .env("PATH", tool_path()),
        )?;
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

/// Where index.html asks for the words the boot script shows before the app runs.
const WORDS_SLOT: &str = "data-words=\"\"";

/// The words the boot script needs in every language, from the core's text table
/// (`paypage_core::boot::packaged_words`, printed by the core's `words` example): never copied by
/// hand.
fn core_words() -> Result<String> {
    let out = Command::new("cargo")
        .args(["run", "--quiet", "-p", "paypage-core", "--example", "words"])
        .current_dir(root())
        .output()
        .map_err(|e| format!("cargo run --example words: {e}"))?;
    let words = String::from_utf8(out.stdout).map_err(|e| e.to_string())?;
    if !out.status.success() || !words.trim_start().starts_with('{') {
        return Err(format!(
            "cargo run --example words failed: {}",
            String::from_utf8_lossy(&out.stderr)
        ));
    }
    Ok(words.trim().to_owned())
}

/// Writes `words` (JSON) into the page's `data-words` slot, as a single-quoted attribute value.
pub fn put_words(html: &str, words: &str) -> Result<String> {
    if html.matches(WORDS_SLOT).count() != 1 {
        return Err(format!(
            "index.html must have one {WORDS_SLOT} (the boot script's words)"
        ));
    }
    // XArr's template engine parses every dollar-brace in the page: none may come from a text.
    let escaped = words
        .replace('&', "&amp;")
        .replace('\'', "&#39;")
        .replace('<', "&lt;")
        .replace('>', "&gt;")
        .replace('$', "&#36;");
    Ok(html.replacen(WORDS_SLOT, &["data-words='", &escaped, "'"].concat(), 1))
}

/// Puts the boot script's text where index.html names it, after checking that the text can sit in
/// a template page inline: no `${` (XArr's engine parses every one, wherever it is), nothing that
/// ends the script element or starts a comment in it. Returns the page and the script's CSP hash
/// (`sha256-<base64>`).
pub fn inline_boot(html: &str, script: &str) -> Result<(String, String)> {
    inline_element(html, BOOT_TAG, "script", script)
}

/// Puts `text` in a `<element>` where `tag` is in `html`, after checking it can sit in a template
/// page inline (no `${`, no end of the element, no HTML comment); returns the page and the text's
/// CSP hash.
fn inline_element(html: &str, tag: &str, element: &str, text: &str) -> Result<(String, String)> {
    if !html.contains(tag) {
        return Err(format!("index.html has no {tag}"));
    }
    let lower = text.to_ascii_lowercase();
    let end = ["</", element].concat();
    for (bad, why) in [
        ("${", "XArr's template engine would parse it"),
        (end.as_str(), "it would end the element"),
        ("<!--", "it would open an HTML comment in it"),
    ] {
        if lower.contains(bad) {
            return Err(format!("the inline {element} holds `{bad}`: {why}"));
        }
    }
    let inline = ["<", element, ">", text, "</", element, ">"].concat();
    Ok((html.replacen(tag, &inline, 1), sha256_base64(text)?))
}

/// The styles as the page carries them: comments out, each run of (ASCII) whitespace one space
/// (none next to `{`, `}`, `;` or `,`), strings as written. Nothing else changes: no rule is
/// rewritten, so the cascade is the source's. (On the phone preset the inline styles are most of
/// the HTML's bytes: comments were 800 B of its 8.9 KB gzip.) What it cannot compact without
/// reading CSS's grammar it refuses, so a stylesheet change fails the packaging instead of being
/// mangled: a backslash outside a string, an unquoted `url(`, a comment with a token on both sides.
fn compact_css(css: &str) -> Result<String> {
    let tight = |x: char| matches!(x, '{' | '}' | ';' | ',');
    let mut out = String::with_capacity(css.len());
    let mut chars = css.chars().peekable();
    let mut space = false;
    while let Some(c) = chars.next() {
        match c {
            '/' if chars.peek() == Some(&'*') => {
                chars.next();
                let mut last = ' ';
                loop {
                    match chars.next() {
                        Some('/') if last == '*' => break,
                        Some(x) => last = x,
                        None => return Err("main.css: a comment is not closed".into()),
                    }
                }
                // `.a/**/.b` is `.a.b`, `a/**/b` two names: neither is written as a space.
                let open_before = space || out.is_empty() || out.ends_with(tight);
                let open_after = chars
                    .peek()
                    .is_none_or(|n| n.is_ascii_whitespace() || tight(*n) || *n == '/');
                if !open_before && !open_after {
                    return Err(
                        "main.css: a comment between two tokens (put a space beside it)".into(),
                    );
                }
            }
            '\\' => return Err("main.css: a backslash outside a string".into()),
            '(' if out
                .get(out.len().saturating_sub(3)..)
                .is_some_and(|end| end.eq_ignore_ascii_case("url"))
                && !matches!(chars.peek(), Some('"' | '\'')) =>
            {
                return Err("main.css: an unquoted url(...)".into());
            }
            c if c.is_ascii_whitespace() => space = true,
            '"' | '\'' => {
                if space && !out.is_empty() && !out.ends_with(['{', '}', ';', ',']) {
                    out.push(' ');
                }
                space = false;
                out.push(c);
                loop {
                    match chars.next() {
                        Some('\\') => {
                            out.push('\\');
                            if let Some(x) = chars.next() {
                                out.push(x);
                            }
                        }
                        Some(x) if x == c => {
                            out.push(x);
                            break;
                        }
                        Some(x) => out.push(x),
                        None => return Err("main.css: a string is not closed".into()),
                    }
                }
            }
            c => {
                if space && !out.is_empty() && !tight(c) && !out.ends_with(tight) {
                    out.push(' ');
                }
                space = false;
                out.push(c);
            }
        }
    }
    Ok(out)
}

/// The SHA-256 of `text` in base64, as CSP writes hashes (`sha256-…`); by python3's hashlib
/// (xtask is std only).
fn sha256_base64(text: &str) -> Result<String> {
    use std::io::Write;
    let mut child = Command::new("python3")
        .args([
            "-c",
            "import sys,hashlib,base64;print('sha256-'+base64.b64encode(hashlib.sha256(sys.stdin.buffer.read()).digest()).decode())",
        ])
        .stdin(std::process::Stdio::piped())
        .stdout(std::process::Stdio::piped())
        .spawn()
        .map_err(|e| format!("python3: {e}"))?;
    child
        .stdin
        .take()
        .ok_or("python3: no stdin")?
        .write_all(text.as_bytes())
        .map_err(|e| e.to_string())?;
    let out = child.wait_with_output().map_err(|e| e.to_string())?;
    let hash = String::from_utf8_lossy(&out.stdout).trim().to_owned();
    if !out.status.success() || !hash.starts_with("sha256-") {
        return Err("python3 could not hash the boot script".into());
    }
    Ok(hash)
}

/// Refuses to package a file a merchant creates (see [`MERCHANT_FILES`]).
pub fn check_not_merchant_file(name: &str) -> Result {
    if MERCHANT_FILES.contains(&name) {
        return Err(format!(
            "the build wrote assets/{name}, a file the merchant guides tell merchants to create: \
             an upgrade unzipped over their theme would overwrite theirs"
        ));
    }
    Ok(())
}

/// The wasm holds no HTML markup string. leptos's `view!` turns a *fully static* element (literal
/// attributes and text only) into an HTML string that it parses through `innerHTML`, which a page
/// under Trusted Types (`require-trusted-types-for 'script'`) refuses: every element needs at least
/// one expression (see `STOP_MARK` in components/screens.rs). Such strings always close a tag.
pub fn check_no_static_html(wasm: &Path) -> Result {
    let bytes = std::fs::read(wasm).map_err(|e| format!("{}: {e}", wasm.display()))?;
    let found = static_html(&bytes);
    if found.is_empty() {
        Ok(())
    } else {
        Err(format!(
            "the wasm builds elements from HTML strings (Trusted Types refuse them): {}; give each \
             one an expression, e.g. {{CONST}} for its text",
            found.join(", ")
        ))
    }
}

fn static_html(bytes: &[u8]) -> Vec<String> {
    let mut found = Vec::new();
    let mut i = 0;
    while let Some(at) = bytes
        .get(i..)
        .and_then(|rest| rest.windows(2).position(|w| w == b"</"))
    {
        let start = i + at + 2;
        let name: Vec<u8> = bytes
            .get(start..)
            .unwrap_or_default()
            .iter()
            .take_while(|b| b.is_ascii_alphanumeric())
            .copied()
            .collect();
        if !name.is_empty() && bytes.get(start + name.len()) == Some(&b'>') {
            // Show the markup around it: back to the opening `<` of this run.
            let from = bytes
                .get(..start)
                .and_then(|head| head.iter().rposition(|b| *b == 0))
                .map_or(0, |z| z + 1)
                .max(start.saturating_sub(80));
            let snippet = String::from_utf8_lossy(
                bytes.get(from..start + name.len() + 1).unwrap_or_default(),
            );
            found.push(snippet.into_owned());
        }
        i = start;
    }
    found
}

/// Every `${...}` in a theme page must be safe under GoFrame's default engine (Go's text/template,
/// which writes values raw): an action that can carry API, merchant or customer text must end its
/// pipeline with Go's `html` (`${.orderInfo.subject | html}`). Fails naming the file, line and
/// action.
pub fn check_actions(file: &str, html: &str) -> Result {
    let mut rest = html;
    let mut line = 1;
    while let Some(i) = rest.find("${") {
        line += rest[..i].matches('\n').count();
        let tail = &rest[i..];
        let end = tail
            .find('}')
            .ok_or_else(|| format!("{file}:{line}: unterminated ${{ action"))?;
        let action = &tail[..=end];
        let inner = action[2..action.len() - 1]
            .trim()
            .trim_start_matches("- ")
            .trim_end_matches(" -");
        let escaped = inner
            .rsplit('|')
            .next()
            .is_some_and(|last| last.split_whitespace().next() == Some("html"));
        if !escaped && !UNESCAPED_ALLOWED.contains(&action) {
            return Err(format!(
                "{file}:{line}: template action {action} is not escaped: end it with `| html` \
                 (XArr's default engine writes values raw)"
            ));
        }
        line += action.matches('\n').count();
        rest = &tail[end + 1..];
    }
    Ok(())
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
mod tests {
    #[test]
    fn styles_are_compacted_without_touching_a_rule() {
        let check =
            |css: &str, want: &str| assert_eq!(super::compact_css(css).unwrap(), want, "{css}");
        check(
            "/* a */\n.a {\n  color: red; /* b */\n}\n",
            ".a{color: red;}",
        );
        check(
            "a :hover, b > c { margin: 0  auto }",
            "a :hover,b > c{margin: 0 auto}",
        );
        check(
            ".q::before { content: \"/* not a comment */  x\"; }",
            ".q::before{content: \"/* not a comment */  x\";}",
        );
        check(".q { content: 'it\\'s  /*' }", ".q{content: 'it\\'s  /*'}");
        check("a /* x */b{}", "a b{}");
        check(".a{x: \u{a0}y}", ".a{x: \u{a0}y}");
        check(
            ".i { background: url(\"a.png\") }",
            ".i{background: url(\"a.png\")}",
        );
        check(
            "@media (min-width: 40rem) {\n  .a { x: y }\n}",
            "@media (min-width: 40rem){.a{x: y}}",
        );
        for bad in [
            "a { /* open",
            "a { content: \"open }",
            ".a/**/.b {}",
            "a/**/b {}",
            ".a\\ b {}",
            ".i { background: url(a.png) }",
        ] {
            assert!(super::compact_css(bad).is_err(), "{bad}");
        }
    }

    #[test]
    fn static_html_in_the_wasm_is_found() {
        let wasm = b"\0abc\0<div class=\"pp-icon\" aria-hidden=\"true\">!</div>\0x</ y</>z";
        let found = super::static_html(wasm);
        assert_eq!(
            found,
            vec!["<div class=\"pp-icon\" aria-hidden=\"true\">!</div>".to_owned()]
        );
        assert!(super::static_html(b"\0pp-icon\0aria-hidden\0</\0").is_empty());
    }

    #[test]
    fn the_boot_script_is_inlined_with_its_hash_and_refused_when_unsafe() {
        let page = format!("<head>{}<link rel=stylesheet></head>", super::BOOT_TAG);
        let (html, hash) = super::inline_boot(&page, "var a=1;").unwrap();
        assert_eq!(
            html,
            "<head><script>var a=1;</script><link rel=stylesheet></head>"
        );
        // echo -n 'var a=1;' | sha256sum, in base64
        assert_eq!(hash, "sha256-gaaMFNHZyRta8zB2VHkWLMP4tMxJ+d8v3dTW7nw2r6M=");
        for bad in ["x='$'+'{'+'a';y='${a}'", "s='</SCRIPT>'", "c='<!--'"] {
            assert!(super::inline_boot(&page, bad).is_err(), "{bad}");
        }
        assert!(super::inline_boot("<head></head>", "var a=1;").is_err());
        let page = format!("<head>{}</head>", super::STYLE_TAG);
        let (html, _) = super::inline_element(&page, super::STYLE_TAG, "style", "a{b:c}").unwrap();
        assert_eq!(html, "<head><style>a{b:c}</style></head>");
        assert!(super::inline_element(&page, super::STYLE_TAG, "style", "a{}</STYLE>").is_err());
    }

    #[test]
    fn the_words_are_written_into_their_slot_escaped() {
        let page = "<meta name=\"paypage\" data-words=\"\">";
        let html = super::put_words(page, r#"{"en":{"a":"it's <b> & c"}}"#).unwrap();
        assert_eq!(
            html,
            "<meta name=\"paypage\" data-words='{\"en\":{\"a\":\"it&#39;s &lt;b&gt; &amp; c\"}}'>"
        );
        assert!(super::put_words("<meta>", "{}").is_err());
        // A dollar-brace in a text would be a template action under XArr's engine.
        let html = super::put_words(page, r#"{"en":{"a":"${.x}"}}"#).unwrap();
        assert!(!html.contains("${"), "{html}");
        assert!(html.contains("&#36;{.x}"), "{html}");
    }

    #[test]
    fn packaging_refuses_the_merchants_files() {
        for name in [
            "boot.js",
            "main.css",
            "paypage_bg.wasm",
            "firstpaint.wasm",
            "favicon.svg",
        ] {
            assert!(super::check_not_merchant_file(name).is_ok(), "{name}");
        }
        for name in ["custom.css", "logo.png"] {
            let e = super::check_not_merchant_file(name).unwrap_err();
            assert!(e.contains(&format!("assets/{name}")), "{e}");
        }
    }

    #[test]
    fn packaging_refuses_unescaped_actions() {
        let ok = "<p>${.orderInfo.subject | html}</p><script src=\"${.templateAssets}/b.js\">${html .contact}\
            <div data-inject-web-title='${\"web_title\" | get_option | html}'>";
        assert!(super::check_actions("index.html", ok).is_ok());
        for (bad, line) in [
            ("<h1>${.orderInfo.subject}</h1>", 1),
            ("a\nb\n<div data-x=\"${.orderInfo.order_id | js}\">", 3),
            ("${.server_time}", 1),
            ("\n${\"web_title\" | get_option}", 2),
        ] {
            let e = super::check_actions("index.html", bad).unwrap_err();
            assert!(e.starts_with(&format!("index.html:{line}: ")), "{e}");
        }
    }
}
