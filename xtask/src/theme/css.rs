//! The stylesheet as the pages carry it inline: compacted, never rewritten.

use crate::util::Result;

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
