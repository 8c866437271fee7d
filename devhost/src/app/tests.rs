//! The dev host over HTTP, through its router: the cashier flow's endpoints, their faults and log
//! lines, the site options in a rendered page, the panel's list of scenarios.

use std::sync::atomic::{AtomicU32, Ordering};
use std::sync::Arc;

use axum::body::Body;
use axum::http::Request;
use serde_json::{json, Value};
use tower::ServiceExt;

use super::router;
use crate::state::AppState;

/// A theme whose page shows the site options.
const PAGE: &str = r#"<title>${"web_title" | get_option | html}</title><img src="${"web_logo" | get_option | html}">[${"nope" | get_option | html}]"#;

/// A dev host's routes, on a theme folder of its own (removed with it).
struct Host {
    app: axum::Router,
    dir: std::path::PathBuf,
}

impl Drop for Host {
    fn drop(&mut self) {
        let _ = std::fs::remove_dir_all(&self.dir);
    }
}

/// A dev host started with `args`.
fn host(args: &[&str]) -> Host {
    static N: AtomicU32 = AtomicU32::new(0);
    let n = N.fetch_add(1, Ordering::Relaxed);
    let dir = std::env::temp_dir().join(format!("devhost-test-{}-{n}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(dir.join("index.html"), PAGE).unwrap();
    let theme = ["--theme", dir.to_str().unwrap()];
    let all = theme.iter().chain(args).map(std::ffi::OsString::from);
    let crate::cli::Parsed::Run(args) = crate::cli::parse(all).unwrap() else {
        panic!("help")
    };
    let app = router(Arc::new(AppState::new(&args, "http://127.0.0.1:9".into())));
    Host { app, dir }
}

/// `method uri` with `body`: the HTTP status and the body's text.
async fn send(host: &Host, method: &str, uri: &str, body: &str) -> (u16, String) {
    let req = Request::builder()
        .method(method)
        .uri(uri)
        .header("content-type", "application/json")
        .body(Body::from(body.to_owned()))
        .unwrap();
    let resp = host.app.clone().oneshot(req).await.unwrap();
    let status = resp.status().as_u16();
    let bytes = axum::body::to_bytes(resp.into_body(), usize::MAX)
        .await
        .unwrap();
    (status, String::from_utf8(bytes.to_vec()).unwrap())
}

async fn json_of(app: &Host, method: &str, uri: &str, body: &str) -> Value {
    let (status, text) = send(app, method, uri, body).await;
    assert_eq!(status, 200, "{method} {uri}: {text}");
    serde_json::from_str(&text).unwrap()
}

/// The log's (path, answer) pairs of `id`.
async fn log_of(app: &Host, id: &str) -> Vec<(String, String)> {
    let log = json_of(app, "GET", &format!("/__dev/log?order_id={id}"), "").await;
    let entries = log["entries"].as_array().unwrap().iter();
    let text = |e: &Value, k: &str| e[k].as_str().unwrap().to_owned();
    entries
        .map(|e| (text(e, "path"), text(e, "answer")))
        .collect()
}

#[tokio::test]
async fn the_cashier_endpoints_answer_over_http_and_every_call_is_logged() {
    let app = host(&[]);
    let body = r#"{"order_id": "demo_cashier"}"#;
    let types = json_of(&app, "POST", "/api/pay/types?_time=1", body).await;
    assert_eq!(types["data"][1]["value"], "wxpay");
    let qr = json_of(&app, "POST", "/api/order/qrcode?_time=2", body).await;
    assert_eq!(qr["code"], 400);
    // A double click: two choices sent, two logged.
    let choice = r#"{"order_id": "demo_cashier", "pay_type": "wxpay"}"#;
    for _ in 0..2 {
        let ok = json_of(&app, "POST", "/api/order/chose-type?_time=3", choice).await;
        assert_eq!(ok["code"], 200);
    }
    let qr = json_of(&app, "POST", "/api/order/qrcode?_time=4", body).await;
    assert_eq!(qr["code"], 200);
    let chose = "HTTP 200 code=200 pay_type=\"wxpay\"".to_owned();
    let want = [
        ("/api/pay/types", "HTTP 200 code=200 items=2".to_owned()),
        ("/api/order/qrcode", "HTTP 200 code=400".to_owned()),
        ("/api/order/chose-type", chose.clone()),
        ("/api/order/chose-type", chose),
        ("/api/order/qrcode", "HTTP 200 code=200".to_owned()),
    ]
    .map(|(p, a)| (p.to_owned(), a));
    assert_eq!(log_of(&app, "demo_cashier").await, want);
    // Types is under /api/pay/ only.
    assert_eq!(send(&app, "POST", "/api/order/types", body).await.0, 404);
}

#[tokio::test]
async fn faults_reach_the_cashier_endpoints_and_a_choice_they_stop_is_not_taken() {
    let app = host(&[]);
    let order = r#"{"scenario": "cashier", "order_id": "f", "faults": {"error_rate": 1}}"#;
    json_of(&app, "POST", "/__dev/orders", order).await;
    let body = r#"{"order_id": "f", "pay_type": "alipay"}"#;
    assert_eq!(send(&app, "POST", "/api/pay/types", body).await.0, 500);
    assert_eq!(
        send(&app, "POST", "/api/order/chose-type", body).await.0,
        500
    );
    json_of(&app, "POST", "/__dev/orders/f/faults", "{}").await;
    let info = json_of(&app, "POST", "/api/order/info", body).await;
    assert_eq!(
        info["data"]["pay_type"], "",
        "the stopped choice was not taken"
    );
    let answers: Vec<String> = log_of(&app, "f").await.into_iter().map(|e| e.1).collect();
    assert_eq!(
        answers[..2],
        ["fault: HTTP 500", "fault: HTTP 500 pay_type=\"alipay\""]
    );
    // Global faults: the command line's, the API down.
    let app = host(&["--error-rate", "1"]);
    let body = r#"{"order_id": "demo_cashier"}"#;
    assert_eq!(send(&app, "POST", "/api/pay/types", body).await.0, 500);
    let app = host(&[]);
    json_of(&app, "POST", "/__dev/faults", r#"{"down_for_secs": 30}"#).await;
    assert_eq!(
        send(&app, "POST", "/api/order/chose-type", body).await.0,
        503
    );
}

#[tokio::test]
async fn get_option_renders_the_site_options_of_the_flags_and_the_control_api() {
    let app = host(&[]);
    let (_, page) = send(&app, "GET", "/pay/demo_cashier", "").await;
    assert_eq!(
        page,
        "<title>XArr 演示站</title><img src=\"/__dev/logo/site.svg\">[]"
    );
    let app = host(&["--option", "web_title=<b>小店</b>", "--option", "nope=x"]);
    let (_, page) = send(&app, "GET", "/pay/demo_cashier", "").await;
    assert!(
        page.starts_with("<title>&lt;b&gt;小店&lt;/b&gt;</title>"),
        "{page}"
    );
    assert!(page.ends_with("[x]"), "{page}");
    let change = r#"{"web_title": "新店", "web_logo": null}"#;
    let now = json_of(&app, "POST", "/__dev/options", change).await;
    assert_eq!(
        (&now["web_title"], now.get("web_logo")),
        (&json!("新店"), None)
    );
    let (_, page) = send(&app, "GET", "/pay/demo_cashier", "").await;
    assert_eq!(page, "<title>新店</title><img src=\"\">[x]");
    let data = json_of(&app, "GET", "/__dev/page-data/demo_cashier", "").await;
    assert_eq!(data["__options"]["web_title"], "新店");
    assert_eq!(
        send(&app, "POST", "/__dev/options", r#"{"web_title": 1}"#)
            .await
            .0,
        400
    );
    json_of(&app, "DELETE", "/__dev/options", "").await;
    let now = json_of(&app, "GET", "/__dev/options", "").await;
    assert_eq!(now["web_title"], "<b>小店</b>");
    assert_eq!(now["web_logo"], "/__dev/logo/site.svg");
}

#[tokio::test]
async fn the_panel_lists_the_cashier_scenarios_and_their_orders() {
    let app = host(&[]);
    let list = json_of(&app, "GET", "/__dev/orders", "").await;
    let names: Vec<&str> = list["scenarios"]
        .as_array()
        .unwrap()
        .iter()
        .filter_map(|s| s["name"].as_str())
        .collect();
    for name in [
        "cashier",
        "cashier_single",
        "cashier_empty",
        "cashier_hostile",
        "cashier_refuse",
        "cashier_types_fail",
    ] {
        assert!(names.contains(&name), "{name}");
        let id = format!("demo_{name}");
        assert!(list["orders"]
            .as_array()
            .unwrap()
            .iter()
            .any(|o| o["order_id"] == *id));
    }
}

#[tokio::test]
async fn the_merchant_return_page_counts_visits_at_any_path_under_it() {
    let app = host(&[]);
    for path in ["/__dev/return/o1", "/__dev/return/o1/shop/pay/EXT20240601"] {
        let (status, page) = send(&app, "GET", path, "").await;
        assert_eq!(status, 200, "{path}");
        assert!(page.contains("merchant-return"), "{path}: {page}");
    }
    let count = json_of(&app, "GET", "/__dev/returns/o1", "").await;
    assert_eq!(count["count"], 2);
    let other = json_of(&app, "GET", "/__dev/returns/shop", "").await;
    assert_eq!(other["count"], 0);
}

/// `GET uri`: the status and the `Cache-Control` header.
async fn cache_of(host: &Host, uri: &str) -> (u16, String) {
    let req = Request::builder().uri(uri).body(Body::empty()).unwrap();
    let resp = host.app.clone().oneshot(req).await.unwrap();
    let value = resp
        .headers()
        .get("cache-control")
        .map(|v| v.to_str().unwrap().to_owned())
        .unwrap_or_default();
    (resp.status().as_u16(), value)
}

#[tokio::test]
async fn files_named_by_their_content_are_cached_for_good_and_the_rest_revalidated() {
    let app = host(&[]);
    let assets = app.dir.join("assets");
    std::fs::create_dir_all(&assets).unwrap();
    for file in [
        "paypage-0123abcd.js",
        "paypage_bg-3f2a9c1d.wasm",
        "favicon.svg",
        "custom.css",
        "paypage_bg.wasm",
    ] {
        std::fs::write(assets.join(file), "x").unwrap();
    }
    let base = format!(
        "/templates/pay/{}/assets",
        app.dir.file_name().unwrap().to_str().unwrap()
    );
    for (file, want) in [
        ("paypage-0123abcd.js", crate::assets::IMMUTABLE),
        ("paypage_bg-3f2a9c1d.wasm", crate::assets::IMMUTABLE),
        ("favicon.svg", "no-cache"),
        ("custom.css", "no-cache"),
        ("paypage_bg.wasm", "no-cache"),
    ] {
        assert_eq!(
            cache_of(&app, &format!("{base}/{file}")).await,
            (200, want.to_owned()),
            "{file}"
        );
    }
    // A hashed name that is not there is not cached.
    let (status, cache) = cache_of(&app, &format!("{base}/paypage-ffffffff.js")).await;
    assert_eq!((status, cache.as_str()), (404, "no-cache"));
    assert_eq!(
        cache_of(&app, "/pay/demo_pending").await,
        (200, "no-cache".to_owned())
    );
}
