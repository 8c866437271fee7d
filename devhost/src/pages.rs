//! The XArr page renderer: a theme's index/status/separate.html rendered with an order's template
//! data, as XArr serves them (or the files as they are, for plain static hosting).

use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{Html, IntoResponse, Response};
use axum::Json;
use serde_json::Value;

use crate::state::{AppState, Shared};
use crate::template;

pub async fn pay_page(State(st): State<Shared>, Path(id): Path<String>) -> Response {
    render_page(&st, "index.html", &id)
}

pub async fn separate_page(State(st): State<Shared>, Path(id): Path<String>) -> Response {
    render_page(&st, "separate.html", &id)
}

pub async fn status_page(
    State(st): State<Shared>,
    Query(q): Query<std::collections::HashMap<String, String>>,
) -> Response {
    let id = q.get("order_id").cloned().unwrap_or_default();
    render_page(&st, "status.html", &id)
}

pub fn render_page(st: &AppState, file: &str, order_id: &str) -> Response {
    if let Some(dir) = &st.static_dir {
        return match std::fs::read_to_string(dir.join(file)) {
            Ok(html) => page_response(st, html),
            Err(e) => (StatusCode::NOT_FOUND, format!("{file}: {e}")).into_response(),
        };
    }
    let path = st.theme_dir.join(file);
    let Ok(src) = std::fs::read_to_string(&path) else {
        return (
            StatusCode::NOT_FOUND,
            format!("theme has no {file} ({})", path.display()),
        )
            .into_response();
    };
    let Some(data) = template_data(st, order_id) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let options = site_options(st);
    let context = template::Context {
        data: &data,
        options: &options,
        escape: st.escape,
    };
    match template::render(&src, &context) {
        Ok(html) => page_response(st, with_dev_scripts(st, html)),
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

/// The dev host's own scripts: live reload (`--live`) before `</body>`, the WebDriver probe
/// (`--probe`) first in `<head>`, where it sees everything the page's own scripts do.
fn with_dev_scripts(st: &AppState, mut html: String) -> String {
    if st.live {
        let tag = "<script src=\"/__dev/live.js\" defer></script>";
        match html.rfind("</body>") {
            Some(at) => html.insert_str(at, tag),
            None => html.push_str(tag),
        }
    }
    if st.probe {
        let at = html.find("<head>").map(|i| i + "<head>".len()).unwrap_or(0);
        html.insert_str(at, "<script src=\"/__dev/probe.js\"></script>");
    }
    html
}

/// A page with its headers: `no-cache`, and the strict CSP under `--csp` (rendered pages only;
/// plain static hosting sends none).
fn page_response(st: &AppState, html: String) -> Response {
    let mut resp = Html(html).into_response();
    let h = resp.headers_mut();
    // no-cache, not no-store: a customer coming back from the payment app with the back button
    // gets the page from the back/forward cache.
    h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
    if let (Some(csp), None) = (&st.csp, &st.static_dir) {
        if let Ok(value) = HeaderValue::from_str(csp) {
            h.insert(header::CONTENT_SECURITY_POLICY, value);
        }
    }
    resp
}

/// What the theme's templates see for an order (XArr's template data).
pub fn template_data(st: &AppState, order_id: &str) -> Option<Value> {
    let assets = format!("/templates/pay/{}/assets", st.theme_name);
    let root = format!("/templates/pay/{}", st.theme_name);
    let mut sim = st.sim.lock().ok()?;
    Some(sim.page_data(order_id, &assets, &root, &st.base_url))
}

/// The site options `get_option` answers (`options`).
pub fn site_options(st: &AppState) -> Value {
    st.options
        .lock()
        .map(|o| Value::Object(o.clone()))
        .unwrap_or_default()
}

/// `GET /__dev/page-data/<id>`: the template data of an order, with the site options under
/// `__options`: what an outside renderer (the e2e suite's Go one) needs to render the theme.
pub async fn page_data(State(st): State<Shared>, Path(id): Path<String>) -> Response {
    let Some(mut data) = template_data(&st, &id) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Some(obj) = data.as_object_mut() {
        obj.insert("__options".into(), site_options(&st));
    }
    Json(data).into_response()
}
