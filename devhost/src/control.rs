//! The developer API under `/__dev/` that the control panel, the demo and the tests use: orders
//! (list, create, pay/close/expire/...), faults, the call log, site options, return visits, theme
//! changes.

use axum::body::Bytes;
use axum::extract::{Path, Query, State};
use axum::http::{header, HeaderValue, StatusCode};
use axum::response::{IntoResponse, Response};
use axum::Json;
use serde_json::{json, Value};

use crate::sim::{self, CreateOrder, Faults};
use crate::state::Shared;

pub async fn list_orders(State(st): State<Shared>) -> Response {
    let Ok(mut sim) = st.sim.lock() else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    let now = sim::now_secs();
    for o in sim.orders.values_mut() {
        o.tick(now);
    }
    let orders: Vec<Value> = sim
        .orders
        .values()
        .map(|o| {
            let scenario = sim::SCENARIOS.iter().find(|s| s.name == o.scenario);
            let title = scenario.map(|s| s.title).unwrap_or("");
            let hint = scenario.map(|s| s.hint).unwrap_or("");
            json!({"order_id": o.order_id, "scenario": o.scenario, "title": title, "hint": hint,
                   "status": o.status, "status_text": sim::status_text(o.status),
                   "expire_time": o.expire_time, "url": format!("/pay/{}", o.order_id)})
        })
        .collect();
    let scenarios: Vec<Value> = sim::SCENARIOS
        .iter()
        .map(|s| json!({"name": s.name, "title": s.title}))
        .collect();
    Json(json!({"orders": orders, "scenarios": scenarios, "now": now})).into_response()
}

pub async fn create_order(State(st): State<Shared>, body: Bytes) -> Response {
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

pub async fn order_action(
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

pub async fn log(
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

pub async fn get_faults(State(st): State<Shared>) -> Response {
    match st.sim.lock() {
        Ok(sim) => Json(sim.global_faults.clone()).into_response(),
        Err(_) => StatusCode::INTERNAL_SERVER_ERROR.into_response(),
    }
}

pub async fn set_faults(State(st): State<Shared>, body: Bytes) -> Response {
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

/// `GET /__dev/options`: the site options `get_option` answers.
pub async fn get_options(State(st): State<Shared>) -> Response {
    Json(crate::pages::site_options(&st)).into_response()
}

/// `POST /__dev/options`: strings set options, nulls remove them (`options::apply`); answers
/// them all.
pub async fn set_options(State(st): State<Shared>, body: Bytes) -> Response {
    let Ok(mut options) = st.options.lock() else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    match crate::options::apply(&mut options, &body) {
        Ok(()) => Json(Value::Object(options.clone())).into_response(),
        Err(e) => (StatusCode::BAD_REQUEST, e).into_response(),
    }
}

/// `DELETE /__dev/options`: back to the options the host started with.
pub async fn reset_options(State(st): State<Shared>) -> Response {
    let Ok(mut options) = st.options.lock() else {
        return StatusCode::INTERNAL_SERVER_ERROR.into_response();
    };
    *options = st.start_options.clone();
    Json(Value::Object(options.clone())).into_response()
}

/// `GET /__dev/returns/<id>`: how many times `/__dev/return/<id>` was visited.
pub async fn return_count(State(st): State<Shared>, Path(id): Path<String>) -> Response {
    let count = st
        .returns
        .lock()
        .map(|r| r.get(&id).copied().unwrap_or(0))
        .unwrap_or(0);
    Json(json!({ "order_id": id, "count": count })).into_response()
}

/// `GET /__dev/return/<id>/<path>`: the merchant's return page at a path of the merchant's own
/// (e.g. `shop/pay/<out_order_id>`), counted under `<id>` as `/__dev/return/<id>` is.
pub async fn return_page_at(st: State<Shared>, Path((id, _)): Path<(String, String)>) -> Response {
    crate::media::return_page(st, Path(id)).await
}

/// The newest modification time (ms) of any file in the theme folder: live.js reloads on change.
pub async fn changes(State(st): State<Shared>) -> Response {
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
