//! What packaging refuses: a merchant's own file, fully static HTML in the wasm, and an
//! unescaped template action.

use std::path::Path;

use crate::util::Result;

/// The only `${...}` actions the theme's HTML may write without escaping: values the XArr server
/// computes itself that no API, merchant or customer text can reach (`templateAssets` is
/// `/templates/pay/<name>/assets`, the theme's own folder name).
const UNESCAPED_ALLOWED: &[&str] = &["${.templateAssets}"];

/// Files the merchant guides tell merchants to add to `assets/` (their stylesheet, named by
/// `data-stylesheet`, and their logo). The package never contains one: unzipping an upgrade over
/// the installed folder keeps what is not in the package, and would overwrite these.
pub(super) const MERCHANT_FILES: &[&str] = &["custom.css", "logo.png"];

/// Refuses to package a file a merchant creates (see [`MERCHANT_FILES`]).
pub(super) fn check_not_merchant_file(name: &str) -> Result {
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
pub(super) fn check_no_static_html(wasm: &Path) -> Result {
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

pub(super) fn static_html(bytes: &[u8]) -> Vec<String> {
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
pub(super) fn check_actions(file: &str, html: &str) -> Result {
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
