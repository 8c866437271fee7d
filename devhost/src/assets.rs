//! The theme's asset files as a CDN in front of XArr should serve them: a file named by its
//! content (`paypage_bg-3f2a9c1d.wasm`, written by `cargo xtask theme`) never changes, so it is
//! cached for a year as immutable; every other file (`favicon.svg`, the merchant's `custom.css`
//! and logo) and the pages are revalidated on each load (`no-cache`). And the fault that delays
//! the app's own files.

use axum::extract::State;
use axum::http::{header, HeaderValue};
use axum::response::Response;

use crate::state::Shared;

/// The `Cache-Control` of a file named by its content.
pub const IMMUTABLE: &str = "public, max-age=31536000, immutable";

/// Hex digits of the content hash in a name.
const HASH_LEN: usize = 8;

/// The logical name of a path's file: `/a/paypage_bg-3f2a9c1d.wasm` -> `paypage_bg.wasm`, or
/// `None` when the name carries no content hash.
pub fn logical_name(path: &str) -> Option<String> {
    let file = path.rsplit('/').next().unwrap_or(path);
    let (stem, ext) = file.rsplit_once('.')?;
    let (head, hash) = stem.rsplit_once('-')?;
    let hex = hash.len() == HASH_LEN
        && hash
            .bytes()
            .all(|b| b.is_ascii_digit() || (b'a'..=b'f').contains(&b));
    (hex && !head.is_empty()).then(|| format!("{head}.{ext}"))
}

/// Sets `Cache-Control` on an asset's answer by its name (and asks the file whole: a merchant's
/// edit of an unhashed file shows on the next reload even when it falls in the same second as the
/// last one, as Last-Modified has one-second resolution).
pub async fn cache_control(
    mut req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    let immutable = logical_name(req.uri().path()).is_some();
    req.headers_mut().remove(header::IF_MODIFIED_SINCE);
    req.headers_mut().remove(header::IF_NONE_MATCH);
    let mut resp = next.run(req).await;
    let value = if immutable && resp.status().is_success() {
        IMMUTABLE
    } else {
        "no-cache"
    };
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static(value));
    resp
}

/// Whether a path is one of the app's own files (`paypage.js`, `paypage_bg.wasm`, by their
/// logical name).
fn is_app_file(path: &str) -> bool {
    let file = path.rsplit('/').next().unwrap_or(path);
    let name = logical_name(path).unwrap_or_else(|| file.to_owned());
    name == "paypage.js" || name == "paypage_bg.wasm"
}

/// The fault `app_delay_ms`: the app's own files wait that long before they are served, globally
/// or for the pages of one order (the order whose `/pay/<id>` page asks, by its `Referer`).
pub async fn delay_app(
    State(st): State<Shared>,
    req: axum::extract::Request,
    next: axum::middleware::Next,
) -> Response {
    if is_app_file(req.uri().path()) {
        let order = req
            .headers()
            .get(header::REFERER)
            .and_then(|r| r.to_str().ok())
            .and_then(|r| r.split(['?', '#']).next())
            .and_then(|r| r.rsplit_once("/pay/"))
            .map(|(_, id)| id.to_owned());
        let delay = st
            .sim
            .lock()
            .map(|s| {
                let own = order
                    .and_then(|id| s.orders.get(&id).map(|o| o.faults.app_delay_ms))
                    .unwrap_or(0);
                own.max(s.global_faults.app_delay_ms)
            })
            .unwrap_or(0);
        if delay > 0 {
            tokio::time::sleep(std::time::Duration::from_millis(delay.min(60_000))).await;
        }
    }
    next.run(req).await
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn hashed_names_are_told_from_stable_ones() {
        for (path, logical) in [
            (
                "/t/assets/paypage_bg-3f2a9c1d.wasm",
                Some("paypage_bg.wasm"),
            ),
            ("/paypage-0123abcd.js", Some("paypage.js")),
            ("firstpaint-deadbeef.wasm", Some("firstpaint.wasm")),
            ("/t/assets/paypage_bg.wasm", None),
            ("/t/assets/favicon.svg", None),
            ("/t/assets/custom.css", None),
            ("/t/assets/my-logo.png", None),
            ("/t/assets/a-3F2A9C1D.js", None),
            ("/t/assets/-3f2a9c1d.js", None),
        ] {
            assert_eq!(logical_name(path).as_deref(), logical, "{path}");
        }
        assert!(is_app_file("/a/paypage-0123abcd.js"));
        assert!(is_app_file("/a/paypage_bg.wasm"));
        assert!(!is_app_file("/a/firstpaint-0123abcd.wasm"));
        assert!(!is_app_file("/a/favicon.svg"));
    }
}
