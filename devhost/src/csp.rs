//! The strict Content-Security-Policy of `--csp`, from the hashes the theme's packaging wrote
//! down. (Its own module: the shared state builds it, the pages send it; neither imports the
//! other for it.)

/// The strict policy of `--csp`: scripts and styles from the page's own origin, and the inline
/// boot script and stylesheet whose hashes the theme's packaging wrote down (`scripts`, `styles`,
/// e.g. `'sha256-…'`), nothing else inline.
pub fn csp(scripts: &str, styles: &str) -> String {
    let with = |hashes: &str| {
        if hashes.is_empty() {
            String::new()
        } else {
            format!(" {hashes}")
        }
    };
    let (script, style) = (with(scripts), with(styles));
    format!(
        "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'{script}; style-src 'self'{style}; \
         img-src 'self' data:; media-src 'self'; connect-src 'self'; base-uri 'none'; \
         form-action 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'; \
         trusted-types paypage"
    )
}

/// The CSP hashes in one of the theme's hash files (`boot-script.sha256`, `main-style.sha256`,
/// written by `cargo xtask theme`), one `'sha256-…'` per line; empty for a theme without it.
pub fn hashes(theme: &std::path::Path, file: &str) -> String {
    std::fs::read_to_string(theme.join(file))
        .unwrap_or_default()
        .split_whitespace()
        .filter(|h| h.starts_with("'sha256-") && h.ends_with('\''))
        .collect::<Vec<_>>()
        .join(" ")
}
