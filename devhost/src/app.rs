//! The dev host's routes: the XArr pages, the template API, and the developer endpoints under
//! `/__dev/`. The handlers live in their modules and share `state::Shared`; none imports this one.

use axum::routing::{get, post};
use axum::Router;
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;

use crate::state::Shared;
use crate::{api, assets, control, media, pages, panel};

pub fn router(state: Shared) -> Router {
    let router = xarr_routes()
        .merge(dev_routes())
        .merge(theme_assets(&state));
    // Plain static hosting: the site's files from its root, cached by the same rule.
    let router = match state.static_dir.clone() {
        Some(dir) => router.fallback_service(
            tower::ServiceBuilder::new()
                .layer(axum::middleware::from_fn(assets::cache_control))
                .service(ServeDir::new(dir)),
        ),
        None => router,
    };
    router
        .layer(CompressionLayer::new().gzip(true).br(true))
        .with_state(state)
}

/// The theme's `assets/` where XArr serves them: files named by their content are cached for
/// good, the rest revalidated; the app's files may be held back (the fault `app_delay_ms`). See
/// assets.rs.
fn theme_assets(state: &Shared) -> Router<Shared> {
    let files = tower::ServiceBuilder::new()
        .layer(axum::middleware::from_fn(assets::cache_control))
        .layer(axum::middleware::from_fn_with_state(
            state.clone(),
            assets::delay_app,
        ))
        .service(ServeDir::new(state.theme_dir.join("assets")));
    let path = format!("/templates/pay/{}/assets", state.theme_name);
    Router::new().nest_service(&path, files)
}

/// What XArr serves: the three pages and the template API.
fn xarr_routes() -> Router<Shared> {
    Router::new()
        .route("/pay/status", get(pages::status_page))
        .route("/pay/separate/{id}", get(pages::separate_page))
        .route("/pay/{id}", get(pages::pay_page))
        .route("/api/order/{endpoint}", post(api::answer_call))
        .route("/api/pay/types", post(api::pay_types_call))
}

/// The developer endpoints under `/__dev/`: the panel, the orders, the log, the options and
/// faults, and the media the simulated orders point at.
fn dev_routes() -> Router<Shared> {
    Router::new()
        .route("/__dev/", get(panel::page))
        .route("/__dev/panel.js", get(panel::script))
        .route(
            "/__dev/orders",
            get(control::list_orders).post(control::create_order),
        )
        .route("/__dev/orders/{id}/{action}", post(control::order_action))
        .route("/__dev/log", get(control::log))
        .route(
            "/__dev/options",
            get(control::get_options)
                .post(control::set_options)
                .delete(control::reset_options),
        )
        .route("/__dev/page-data/{id}", get(pages::page_data))
        .route(
            "/__dev/faults",
            get(control::get_faults).post(control::set_faults),
        )
        .route("/__dev/audio/pay.wav", get(media::audio))
        .route("/__dev/return/{id}", get(media::return_page))
        .route("/__dev/return/{id}/{*path}", get(control::return_page_at))
        .route("/__dev/returns/{id}", get(control::return_count))
        .route("/__dev/probe.js", get(media::probe_script))
        .route("/__dev/live.js", get(panel::live_script))
        .route("/__dev/logo/{name}", get(media::logo))
        .route("/__dev/qr-picture/{id}", get(media::qr_picture))
        .route("/__dev/qr-picture/{id}/{file}", get(media::qr_picture))
        .route("/__dev/changes", get(control::changes))
}

#[cfg(test)]
mod tests;
