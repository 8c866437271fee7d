//! The dev host's shared state and its routes: the XArr pages, the template API, and the
//! developer endpoints under `/__dev/`.

use std::path::PathBuf;
use std::sync::{Arc, Mutex};

use axum::http::{header, HeaderValue};
use axum::routing::{get, post};
use axum::Router;
use serde_json::Value;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;

use crate::sim::Sim;
use crate::{api, control, media, pages, panel, template};

pub struct AppState {
    pub sim: Mutex<Sim>,
    /// Plain static hosting (no template rendering) from this folder.
    pub static_dir: Option<PathBuf>,
    pub theme_dir: PathBuf,
    pub theme_name: String,
    pub csp: bool,
    pub live: bool,
    pub probe: bool,
    /// Visits of `/__dev/return/<id>` per order: how often a page navigated back to the merchant.
    pub returns: Mutex<std::collections::HashMap<String, u32>>,
    pub base_url: String,
    pub escape: template::Escape,
}

pub type Shared = Arc<AppState>;

impl AppState {
    pub fn new(args: &crate::cli::Args, base_url: String) -> Self {
        Self {
            sim: Mutex::new(Sim::new(args.fixtures.clone(), args.faults.clone())),
            static_dir: args.static_dir.clone(),
            theme_dir: args.theme.clone(),
            theme_name: theme_name(&args.theme),
            csp: args.csp,
            live: args.live,
            probe: args.probe,
            returns: Mutex::default(),
            base_url,
            escape: args.escape,
        }
    }
}

pub fn router(state: Shared) -> Router {
    let assets_path = format!("/templates/pay/{}/assets", state.theme_name);
    // Assets are sent whole on every load: a merchant's edit shows on the next reload even when it
    // falls in the same second as the last one (Last-Modified has one-second resolution).
    let assets = tower::ServiceBuilder::new()
        .map_request(|mut req: axum::http::Request<axum::body::Body>| {
            req.headers_mut().remove(header::IF_MODIFIED_SINCE);
            req.headers_mut().remove(header::IF_NONE_MATCH);
            req
        })
        .layer(tower_http::set_header::SetResponseHeaderLayer::overriding(
            header::CACHE_CONTROL,
            HeaderValue::from_static("no-cache"),
        ))
        .service(ServeDir::new(state.theme_dir.join("assets")));
    let fallback = state.static_dir.clone().map(ServeDir::new);
    let router = Router::new()
        .route("/pay/status", get(pages::status_page))
        .route("/pay/separate/{id}", get(pages::separate_page))
        .route("/pay/{id}", get(pages::pay_page))
        .route("/api/order/{endpoint}", post(api::answer_call))
        .route("/__dev/", get(panel::page))
        .route("/__dev/panel.js", get(panel::script))
        .route(
            "/__dev/orders",
            get(control::list_orders).post(control::create_order),
        )
        .route("/__dev/orders/{id}/{action}", post(control::order_action))
        .route("/__dev/log", get(control::log))
        .route("/__dev/page-data/{id}", get(pages::page_data))
        .route(
            "/__dev/faults",
            get(control::get_faults).post(control::set_faults),
        )
        .route("/__dev/audio/pay.wav", get(media::audio))
        .route("/__dev/return/{id}", get(media::return_page))
        .route("/__dev/returns/{id}", get(control::return_count))
        .route("/__dev/probe.js", get(media::probe_script))
        .route("/__dev/live.js", get(panel::live_script))
        .route("/__dev/logo/{name}", get(media::logo))
        .route("/__dev/qr-picture/{id}", get(media::qr_picture))
        .route("/__dev/qr-picture/{id}/{file}", get(media::qr_picture))
        .route("/__dev/changes", get(control::changes))
        .nest_service(&assets_path, assets);
    let router = match fallback {
        Some(files) => router.fallback_service(files),
        None => router,
    };
    router
        .layer(CompressionLayer::new().gzip(true).br(true))
        .with_state(state)
}

pub fn theme_name(dir: &std::path::Path) -> String {
    std::fs::read_to_string(dir.join("manifest.json"))
        .ok()
        .and_then(|s| serde_json::from_str::<Value>(&s).ok())
        .and_then(|v| v.get("name").and_then(Value::as_str).map(str::to_owned))
        .or_else(|| dir.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "paypage".into())
}
