//! Packaging's writing into the pages: the boot script's words, the inline boot script and
//! stylesheet with their CSP hashes, and the stylesheet compacted.

use super::*;

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

/// Where index.html asks for the words the boot script shows before the app runs.
pub(super) const WORDS_SLOT: &str = "data-words=\"\"";

/// The words the boot script needs in every language, from the core's text table
/// (`paypage_core::boot::packaged_words`, printed by the core's `words` example): never copied by
/// hand.
pub(super) fn core_words() -> Result<String> {
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
pub(super) fn put_words(html: &str, words: &str) -> Result<String> {
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
pub(super) fn inline_boot(html: &str, script: &str) -> Result<(String, String)> {
    inline_element(html, BOOT_TAG, "script", script)
}

/// Puts `text` in a `<element>` where `tag` is in `html`, after checking it can sit in a template
/// page inline (no `${`, no end of the element, no HTML comment); returns the page and the text's
/// CSP hash.
pub(super) fn inline_element(
    html: &str,
    tag: &str,
    element: &str,
    text: &str,
) -> Result<(String, String)> {
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
pub(super) fn compact_css(css: &str) -> Result<String> {
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
pub(super) fn sha256_base64(text: &str) -> Result<String> {
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
