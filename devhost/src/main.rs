//! devhost: an XArr Pay simulator for previews and tests.
//!
//! Serves a pay theme folder the way XArr does (rendering `${ }` templates), answers the template
//! API from the shared fixtures, and offers a control panel at `/__dev/`. See `--help`.

mod panel;
mod sim;
mod template;

use std::net::SocketAddr;
use std::path::PathBuf;
use std::sync::{Arc, Mutex};
use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::{Html, IntoResponse, Response};
use axum::routing::{get, post};
use axum::{Json, Router};
use serde_json::{json, Value};
use tower_http::compression::CompressionLayer;
use tower_http::services::ServeDir;

use sim::{CreateOrder, Fault, Faults, Sim};

const HELP: &str = "devhost: serve an XArr pay theme folder with a simulated template API

USAGE: devhost [--theme DIR] [--port N] [--escape none|html] [--latency-ms N] [--error-rate F]
               [--timeout-rate F] [--csp] [--static DIR] [--live] [--probe] [--quiet]

  --theme DIR        theme folder with index.html, status.html, separate.html, manifest.json,
                     assets/ (default: target/xarr-theme/paypage)
  --port N           port on 127.0.0.1 (default 8080; 0 picks a free one)
  --fixtures DIR     API fixtures (default: the workspace's fixtures/)
  --escape MODE      how injected values are escaped, as GoFrame does: `none` (the default, GoFrame's
                     default: Go's text/template writes values raw) or `html` (AutoEncode on: Go's
                     html/template). A theme must escape its values itself (`| html`) to be safe
                     under `none`.
  --latency-ms N     latency added to every API call
  --error-rate F     share of API calls answered with HTTP 500 (0..1)
  --timeout-rate F   share of API calls that hang for 60 s (0..1)
  --csp              send a strict Content-Security-Policy with the pages
  --static DIR       plain static hosting instead of XArr: pages are served as files (no
                     template rendering), assets from DIR's root, the API on the same origin
  --live             live reload: open pages reload when a file of the theme folder changes
  --probe            for WebDriver tests: every page loads /__dev/probe.js first, which records
                     uncaught errors, console errors, CSP violations and script injections
  --quiet            print only the listening line
";

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

type Shared = Arc<AppState>;

pub const CSP: &str = "default-src 'self'; script-src 'self' 'wasm-unsafe-eval'; style-src 'self'; img-src 'self' data:; media-src 'self'; connect-src 'self'; base-uri 'none'; form-action 'none'; frame-ancestors 'none'; require-trusted-types-for 'script'; trusted-types paypage";

struct Args {
    theme: PathBuf,
    port: u16,
    fixtures: PathBuf,
    faults: Faults,
    csp: bool,
    quiet: bool,
    static_dir: Option<PathBuf>,
    live: bool,
    probe: bool,
    escape: template::Escape,
}

fn parse_args() -> Result<Args, String> {
    let root = PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("..");
    let mut a = Args {
        theme: root.join("target/xarr-theme/paypage"),
        port: 8080,
        fixtures: root.join("fixtures"),
        faults: Faults::default(),
        csp: false,
        quiet: false,
        static_dir: None,
        live: false,
        probe: false,
        escape: template::Escape::None,
    };
    let mut it = std::env::args().skip(1);
    while let Some(flag) = it.next() {
        let mut value = |name: &str| it.next().ok_or_else(|| format!("{name} needs a value"));
        match flag.as_str() {
            "--theme" => a.theme = PathBuf::from(value("--theme")?),
            "--port" => {
                a.port = value("--port")?
                    .parse()
                    .map_err(|e| format!("--port: {e}"))?
            }
            "--fixtures" => a.fixtures = PathBuf::from(value("--fixtures")?),
            "--latency-ms" => {
                a.faults.latency_ms = value("--latency-ms")?
                    .parse()
                    .map_err(|e| format!("--latency-ms: {e}"))?
            }
            "--error-rate" => {
                a.faults.error_rate = value("--error-rate")?
                    .parse()
                    .map_err(|e| format!("--error-rate: {e}"))?
            }
            "--timeout-rate" => {
                a.faults.timeout_rate = value("--timeout-rate")?
                    .parse()
                    .map_err(|e| format!("--timeout-rate: {e}"))?
            }
            "--escape" => a.escape = template::Escape::parse(&value("--escape")?)?,
            "--csp" => a.csp = true,
            "--live" => a.live = true,
            "--probe" => a.probe = true,
            "--static" => a.static_dir = Some(PathBuf::from(value("--static")?)),
            "--quiet" => a.quiet = true,
            "-h" | "--help" => {
                print!("{HELP}");
                std::process::exit(0);
            }
            other => return Err(format!("unknown argument {other}\n\n{HELP}")),
        }
    }
    Ok(a)
}

#[tokio::main]
async fn main() {
    let args = match parse_args() {
        Ok(a) => a,
        Err(e) => {
            eprintln!("{e}");
            std::process::exit(2);
        }
    };
    let theme_name = theme_name(&args.theme);
    if args.static_dir.is_none() {
        // Said at once; the page itself is refused with the same error when it is asked for.
        for file in ["index.html", "status.html", "separate.html"] {
            if let Ok(src) = std::fs::read_to_string(args.theme.join(file)) {
                if let Err(e) = template::check(&src) {
                    eprintln!("devhost: {file}: {e}; it will not be served");
                }
            }
        }
    }
    let listener =
        match tokio::net::TcpListener::bind(SocketAddr::from(([127, 0, 0, 1], args.port))).await {
            Ok(l) => l,
            Err(e) => {
                eprintln!("devhost: cannot listen on 127.0.0.1:{}: {e}", args.port);
                std::process::exit(1);
            }
        };
    let addr = listener
        .local_addr()
        .map(|a| a.to_string())
        .unwrap_or_default();
    let base_url = format!("http://{addr}");
    let state = Arc::new(AppState {
        sim: Mutex::new(Sim::new(args.fixtures.clone(), args.faults.clone())),
        static_dir: args.static_dir.clone(),
        theme_dir: args.theme.clone(),
        theme_name: theme_name.clone(),
        csp: args.csp,
        live: args.live,
        probe: args.probe,
        returns: Mutex::default(),
        base_url: base_url.clone(),
        escape: args.escape,
    });
    let app = router(state.clone());
    println!("devhost listening on {base_url}");
    if !args.quiet {
        println!("theme: {} ({})", args.theme.display(), theme_name);
        println!("control panel: {base_url}/__dev/");
        for s in sim::scenarios() {
            println!(
                "  {:<14} {base_url}/pay/demo_{}   {}",
                s.name, s.name, s.title
            );
        }
    }
    if let Err(e) = axum::serve(listener, app).await {
        eprintln!("devhost: {e}");
        std::process::exit(1);
    }
}

fn theme_name(dir: &std::path::Path) -> String {
    std::fs::read_to_string(dir.join("manifest.json"))
        .ok()
        .and_then(|s| serde_json::from_str::<Value>(&s).ok())
        .and_then(|v| v.get("name").and_then(Value::as_str).map(str::to_owned))
        .or_else(|| dir.file_name().map(|n| n.to_string_lossy().into_owned()))
        .unwrap_or_else(|| "paypage".into())
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
        .route("/pay/status", get(status_page))
        .route("/pay/separate/{id}", get(separate_page))
        .route("/pay/{id}", get(pay_page))
        .route("/api/order/{endpoint}", post(api))
        .route("/__dev/", get(panel::page))
        .route("/__dev/panel.js", get(panel::script))
        .route("/__dev/orders", get(list_orders).post(create_order))
        .route("/__dev/orders/{id}/{action}", post(order_action))
        .route("/__dev/log", get(log))
        .route("/__dev/page-data/{id}", get(page_data))
        .route("/__dev/faults", get(get_faults).post(set_faults))
        .route("/__dev/audio/pay.wav", get(audio))
        .route("/__dev/return/{id}", get(return_page))
        .route("/__dev/returns/{id}", get(return_count))
        .route("/__dev/probe.js", get(probe_script))
        .route("/__dev/live.js", get(panel::live_script))
        .route("/__dev/logo/{name}", get(logo))
        .route("/__dev/changes", get(changes))
        .nest_service(&assets_path, assets);
    let router = match fallback {
        Some(files) => router.fallback_service(files),
        None => router,
    };
    router
        .layer(CompressionLayer::new().gzip(true).br(true))
        .with_state(state)
}

async fn pay_page(State(st): State<Shared>, Path(id): Path<String>) -> Response {
    render_page(&st, "index.html", &id)
}

async fn separate_page(State(st): State<Shared>, Path(id): Path<String>) -> Response {
    render_page(&st, "separate.html", &id)
}

async fn status_page(
    State(st): State<Shared>,
    Query(q): Query<std::collections::HashMap<String, String>>,
) -> Response {
    let id = q.get("order_id").cloned().unwrap_or_default();
    render_page(&st, "status.html", &id)
}

fn render_page(st: &AppState, file: &str, order_id: &str) -> Response {
    if let Some(dir) = &st.static_dir {
        return match std::fs::read_to_string(dir.join(file)) {
            Ok(html) => {
                let mut resp = Html(html).into_response();
                resp.headers_mut()
                    .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
                resp
            }
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
    let options = site_options();
    match template::render(
        &src,
        &template::Context {
            data: &data,
            options: &options,
            escape: st.escape,
        },
    ) {
        Ok(mut html) => {
            if st.live {
                let tag = "<script src=\"/__dev/live.js\" defer></script>";
                match html.rfind("</body>") {
                    Some(at) => html.insert_str(at, tag),
                    None => html.push_str(tag),
                }
            }
            if st.probe {
                // First in <head>: it must see everything the page's own scripts do.
                let at = html.find("<head>").map(|i| i + "<head>".len()).unwrap_or(0);
                html.insert_str(at, "<script src=\"/__dev/probe.js\"></script>");
            }
            let mut resp = Html(html).into_response();
            let h = resp.headers_mut();
            // no-cache, not no-store: a customer coming back from the payment app with the back
            // button gets the page from the back/forward cache.
            h.insert(header::CACHE_CONTROL, HeaderValue::from_static("no-cache"));
            if st.csp {
                h.insert(
                    header::CONTENT_SECURITY_POLICY,
                    HeaderValue::from_static(CSP),
                );
            }
            resp
        }
        Err(e) => (StatusCode::INTERNAL_SERVER_ERROR, e.to_string()).into_response(),
    }
}

async fn api(
    State(st): State<Shared>,
    Path(endpoint): Path<String>,
    uri: Uri,
    body: Bytes,
) -> Response {
    let query = uri.query().unwrap_or_default().to_owned();
    let path = uri.path().to_owned();
    if !["info", "status", "qrcode", "audio"].contains(&endpoint.as_str()) {
        return (StatusCode::NOT_FOUND, "unknown endpoint").into_response();
    }
    let req: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let (latency, fault, answer) = {
        let Ok(mut sim) = st.sim.lock() else {
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        };
        let order_id = lookup_order(&sim, &endpoint, &req);
        let faults = order_id
            .as_deref()
            .and_then(|id| sim.orders.get(id))
            .map(|o| o.faults.clone())
            .unwrap_or_default();
        let global = sim.global_faults.clone();
        let roll = sim.random();
        let fault = sim::pick_fault(&global, &endpoint, roll)
            .or_else(|| sim::pick_fault(&faults, &endpoint, roll));
        let latency = global.latency_ms + faults.latency_ms;
        let answer = sim.answer(&endpoint, order_id.as_deref());
        let label = match &fault {
            Some(Fault::Error500) => "fault: HTTP 500".to_owned(),
            Some(Fault::Hang) => "fault: hang".to_owned(),
            Some(Fault::Down) => "fault: API down".to_owned(),
            None => format!("HTTP {} {}", answer.0, summarize(&answer.1)),
        };
        sim.record(
            "POST",
            &path,
            &query,
            order_id.as_deref().unwrap_or(""),
            &label,
        );
        (latency, fault, answer)
    };
    if latency > 0 {
        tokio::time::sleep(Duration::from_millis(latency)).await;
    }
    let mut resp = match fault {
        Some(Fault::Error500) => {
            (StatusCode::INTERNAL_SERVER_ERROR, "Internal Server Error").into_response()
        }
        Some(Fault::Down) => (
            StatusCode::SERVICE_UNAVAILABLE,
            [(header::CONTENT_TYPE, "text/html; charset=utf-8")],
            "<html><body><h1>503 Service Unavailable</h1></body></html>",
        )
            .into_response(),
        Some(Fault::Hang) => {
            tokio::time::sleep(sim::hang_duration()).await;
            (StatusCode::GATEWAY_TIMEOUT, "timeout").into_response()
        }
        None => {
            let (status, body, ctype) = answer;
            (
                StatusCode::from_u16(status).unwrap_or(StatusCode::OK),
                [(header::CONTENT_TYPE, ctype)],
                body,
            )
                .into_response()
        }
    };
    resp.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache, private"),
    );
    resp
}

fn summarize(body: &str) -> String {
    serde_json::from_str::<Value>(body)
        .ok()
        .map(|v| {
            let status = v
                .pointer("/data/status")
                .map(|s| format!(" status={s}"))
                .unwrap_or_default();
            format!(
                "code={}{status}",
                v.get("code").cloned().unwrap_or(Value::Null)
            )
        })
        .unwrap_or_else(|| "(not JSON)".into())
}

/// The order an API call addresses: `order_id`, or `out_order_id` + `pid` (not for qrcode).
fn lookup_order(sim: &Sim, endpoint: &str, req: &Value) -> Option<String> {
    if let Some(id) = req.get("order_id").and_then(Value::as_str) {
        return Some(id.to_owned());
    }
    if endpoint == "qrcode" {
        return None;
    }
    let out = req.get("out_order_id").and_then(Value::as_str)?;
    req.get("pid")?;
    sim.orders
        .values()
        .find(|o| sim.info_data(o).get("out_order_id").and_then(Value::as_str) == Some(out))
        .map(|o| o.order_id.clone())
}

async fn list_orders(State(st): State<Shared>) -> Response {
    let Ok(mut sim) = st.sim.lock() else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let now = sim::now_secs();
    for o in sim.orders.values_mut() {
        o.tick(now);
    }
    let scen = sim::scenarios();
    let orders: Vec<Value> = sim
        .orders
        .values()
        .map(|o| {
            let title = scen
                .iter()
                .find(|s| s.name == o.scenario)
                .map(|s| s.title)
                .unwrap_or("");
            let hint = scen
                .iter()
                .find(|s| s.name == o.scenario)
                .map(|s| s.hint)
                .unwrap_or("");
            json!({"order_id": o.order_id, "scenario": o.scenario, "title": title, "hint": hint,
                   "status": o.status, "status_text": sim::status_text(o.status),
                   "expire_time": o.expire_time, "url": format!("/pay/{}", o.order_id)})
        })
        .collect();
    let scenarios: Vec<Value> = scen
        .iter()
        .map(|s| json!({"name": s.name, "title": s.title}))
        .collect();
    Json(json!({"orders": orders, "scenarios": scenarios, "now": now})).into_response()
}

async fn create_order(State(st): State<Shared>, body: Bytes) -> Response {
    let req: CreateOrder = match serde_json::from_slice(&body) {
        Ok(r) => r,
        Err(e) => return (StatusCode::BAD_REQUEST, format!("bad request: {e}")).into_response(),
    };
    let Ok(mut sim) = st.sim.lock() else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    match sim.create(req) {
        Ok(o) => {
            Json(json!({"order_id": o.order_id, "url": format!("/pay/{}", o.order_id), "order": o}))
                .into_response()
        }
        Err(e) => (StatusCode::BAD_REQUEST, e).into_response(),
    }
}

async fn order_action(
    State(st): State<Shared>,
    Path((id, action)): Path<(String, String)>,
    body: Bytes,
) -> Response {
    let Ok(mut sim) = st.sim.lock() else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let Some(o) = sim.orders.get_mut(&id) else {
        return (StatusCode::NOT_FOUND, "no such order").into_response();
    };
    match action.as_str() {
        "pay" => o.status = 2,
        "close" => o.status = 3,
        "expire" => o.status = 4,
        "fail" => o.status = 5,
        "reopen" => {
            o.status = 1;
            o.expire_time = sim::now_secs() + 300;
        }
        "faults" => match serde_json::from_slice::<Faults>(&body) {
            Ok(f) => o.faults = f,
            Err(e) => return (StatusCode::BAD_REQUEST, e.to_string()).into_response(),
        },
        _ => {
            return (
                StatusCode::BAD_REQUEST,
                "actions: pay, close, expire, fail, reopen, faults",
            )
                .into_response()
        }
    }
    Json(json!({"order_id": id, "status": o.status})).into_response()
}

/// What the theme's templates see for an order (XArr's template data).
fn template_data(st: &AppState, order_id: &str) -> Option<Value> {
    let assets = format!("/templates/pay/{}/assets", st.theme_name);
    let root = format!("/templates/pay/{}", st.theme_name);
    let mut sim = st.sim.lock().ok()?;
    Some(sim.page_data(order_id, &assets, &root, &st.base_url))
}

/// The site options `get_option` answers.
fn site_options() -> Value {
    json!({"web_title": "XArr Pay 演示", "site_name": "XArr Pay"})
}

/// `GET /__dev/page-data/<id>`: the template data of an order, with the site options under
/// `__options`: what an outside renderer (the e2e suite's Go one) needs to render the theme.
async fn page_data(State(st): State<Shared>, Path(id): Path<String>) -> Response {
    let Some(mut data) = template_data(&st, &id) else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    if let Some(obj) = data.as_object_mut() {
        obj.insert("__options".into(), site_options());
    }
    Json(data).into_response()
}

async fn log(
    State(st): State<Shared>,
    Query(q): Query<std::collections::HashMap<String, String>>,
) -> Response {
    let Ok(sim) = st.sim.lock() else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let since: u64 = q.get("since").and_then(|s| s.parse().ok()).unwrap_or(0);
    let entries: Vec<&sim::LogEntry> = sim
        .log
        .iter()
        .filter(|e| e.seq > since)
        .filter(|e| q.get("order_id").is_none_or(|id| &e.order_id == id))
        .collect();
    Json(json!({ "entries": entries })).into_response()
}

async fn get_faults(State(st): State<Shared>) -> Response {
    match st.sim.lock() {
        Ok(sim) => Json(sim.global_faults.clone()).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

async fn set_faults(State(st): State<Shared>, body: Bytes) -> Response {
    let mut faults: Faults = match serde_json::from_slice(&body) {
        Ok(f) => f,
        Err(e) => return (StatusCode::BAD_REQUEST, e.to_string()).into_response(),
    };
    // `down_for_secs` is a convenience: the API is unreachable for that long from now.
    if let Some(secs) = serde_json::from_slice::<Value>(&body)
        .ok()
        .and_then(|v| v.get("down_for_secs").and_then(Value::as_i64))
    {
        faults.down_until = sim::now_secs() + secs;
    }
    match st.sim.lock() {
        Ok(mut sim) => {
            sim.global_faults = faults.clone();
            Json(faults).into_response()
        }
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

/// The newest modification time (ms) of any file in the theme folder: live.js reloads on change.
async fn changes(State(st): State<Shared>) -> Response {
    fn newest(dir: &std::path::Path) -> u128 {
        let Ok(entries) = std::fs::read_dir(dir) else {
            return 0;
        };
        entries
            .flatten()
            .map(|e| {
                let p = e.path();
                if p.is_dir() {
                    newest(&p)
                } else {
                    e.metadata()
                        .and_then(|m| m.modified())
                        .ok()
                        .and_then(|t| t.duration_since(std::time::UNIX_EPOCH).ok())
                        .map(|d| d.as_millis())
                        .unwrap_or(0)
                }
            })
            .max()
            .unwrap_or(0)
    }
    let dir = st
        .static_dir
        .clone()
        .unwrap_or_else(|| st.theme_dir.clone());
    let stamp = tokio::task::spawn_blocking(move || newest(&dir))
        .await
        .unwrap_or(0);
    let mut resp = Json(json!({ "stamp": stamp.to_string() })).into_response();
    resp.headers_mut()
        .insert(header::CACHE_CONTROL, HeaderValue::from_static("no-store"));
    resp
}

/// A pay-type icon (the platform serves real ones; these stand in for previews).
async fn logo(Path(name): Path<String>) -> Response {
    let colour = match name.trim_end_matches(".svg") {
        "alipay" => "#1677ff",
        "wxpay" | "wechat" => "#07a35a",
        "qqpay" => "#1f8ad2",
        "bank" => "#d4001b",
        _ => "#5b6472",
    };
    let svg = format!(
        "<svg xmlns=\"http://www.w3.org/2000/svg\" viewBox=\"0 0 20 20\"><rect width=\"20\" height=\"20\" rx=\"5\" fill=\"{colour}\"/><path d=\"M5 10.5l3 3 7-7\" fill=\"none\" stroke=\"#fff\" stroke-width=\"2\"/></svg>"
    );
    ([(header::CONTENT_TYPE, "image/svg+xml")], svg).into_response()
}

async fn return_page(State(st): State<Shared>, Path(id): Path<String>) -> Response {
    if let Ok(mut returns) = st.returns.lock() {
        *returns.entry(id.clone()).or_default() += 1;
    }
    let id = template::escape(&id);
    Html(format!(
        "<!DOCTYPE html><html lang=\"zh-CN\"><head><meta charset=\"utf-8\"><title>商户页面</title></head>\
         <body><main><h1 id=\"merchant-return\">商户页面:订单 {id} 已返回</h1></main></body></html>"
    ))
    .into_response()
}

/// A short two-tone chime as a WAV file, made here so the demo needs no binary asset.
async fn audio() -> Response {
    let rate = 16_000u32;
    let mut samples: Vec<i16> = Vec::new();
    for (freq, ms) in [(880.0f32, 180u32), (1320.0, 260)] {
        let n = rate * ms / 1000;
        for i in 0..n {
            let t = i as f32 / rate as f32;
            let env = 1.0 - i as f32 / n as f32;
            samples.push(((t * freq * std::f32::consts::TAU).sin() * env * 9000.0) as i16);
        }
    }
    let data_len = (samples.len() * 2) as u32;
    let mut wav = Vec::with_capacity(44 + data_len as usize);
    wav.extend_from_slice(b"RIFF");
    wav.extend_from_slice(&(36 + data_len).to_le_bytes());
    wav.extend_from_slice(b"WAVEfmt ");
    wav.extend_from_slice(&16u32.to_le_bytes());
    wav.extend_from_slice(&1u16.to_le_bytes());
    wav.extend_from_slice(&1u16.to_le_bytes());
    wav.extend_from_slice(&rate.to_le_bytes());
    wav.extend_from_slice(&(rate * 2).to_le_bytes());
    wav.extend_from_slice(&2u16.to_le_bytes());
    wav.extend_from_slice(&16u16.to_le_bytes());
    wav.extend_from_slice(b"data");
    wav.extend_from_slice(&data_len.to_le_bytes());
    for s in samples {
        wav.extend_from_slice(&s.to_le_bytes());
    }
    ([(header::CONTENT_TYPE, "audio/wav")], wav).into_response()
}

/// `GET /__dev/returns/<id>`: how many times `/__dev/return/<id>` was visited.
async fn return_count(State(st): State<Shared>, Path(id): Path<String>) -> Response {
    let count = st
        .returns
        .lock()
        .map(|r| r.get(&id).copied().unwrap_or(0))
        .unwrap_or(0);
    Json(json!({ "order_id": id, "count": count })).into_response()
}

async fn probe_script() -> Response {
    (
        [(header::CONTENT_TYPE, "text/javascript; charset=utf-8")],
        include_str!("probe.js"),
    )
        .into_response()
}
