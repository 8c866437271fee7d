//! The template API (`POST /api/order/<endpoint>`): the simulator's answer, after the configured
//! latency and faults, and a line in the call log.

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::sim::{self, Fault, HttpAnswer, Sim};
use crate::state::Shared;

/// `POST /api/order/<endpoint>`: decided at once under the simulator's lock, sent after the
/// latency (and, for a hang, never in time).
pub async fn answer_call(
    State(st): State<Shared>,
    Path(endpoint): Path<String>,
    uri: Uri,
    body: Bytes,
) -> Response {
    if !["info", "status", "qrcode", "audio"].contains(&endpoint.as_str()) {
        return (StatusCode::NOT_FOUND, "unknown endpoint").into_response();
    }
    let request: Value = serde_json::from_slice(&body).unwrap_or(Value::Null);
    let call = {
        let Ok(mut sim) = st.sim.lock() else {
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        };
        decide(&mut sim, &endpoint, &request, &uri)
    };
    if call.latency_ms > 0 {
        tokio::time::sleep(Duration::from_millis(call.latency_ms)).await;
    }
    let mut resp = respond(call.fault, call.answer).await;
    resp.headers_mut().insert(
        header::CACHE_CONTROL,
        HeaderValue::from_static("no-cache, private"),
    );
    resp
}

/// What one call gets: its latency, a fault or none, the answer; logged as it is decided.
struct Decided {
    latency_ms: u64,
    fault: Option<Fault>,
    answer: HttpAnswer,
}

fn decide(sim: &mut Sim, endpoint: &str, request: &Value, uri: &Uri) -> Decided {
    let order_id = lookup_order(sim, endpoint, request);
    let order_faults = order_id
        .as_deref()
        .and_then(|id| sim.orders.get(id))
        .map(|o| o.faults.clone())
        .unwrap_or_default();
    let global = sim.global_faults.clone();
    let roll = sim.random();
    let fault = sim::pick_fault(&global, endpoint, roll)
        .or_else(|| sim::pick_fault(&order_faults, endpoint, roll));
    let answer = sim.answer_request(endpoint, order_id.as_deref(), request);
    let label = match &fault {
        Some(Fault::Error500) => "fault: HTTP 500".to_owned(),
        Some(Fault::Hang) => "fault: hang".to_owned(),
        Some(Fault::Down) => "fault: API down".to_owned(),
        None => format!("HTTP {} {}", answer.0, summarize(&answer.1)),
    };
    sim.record(
        "POST",
        uri.path(),
        uri.query().unwrap_or_default(),
        order_id.as_deref().unwrap_or(""),
        &label,
    );
    Decided {
        latency_ms: global.latency_ms + order_faults.latency_ms,
        fault,
        answer,
    }
}

async fn respond(fault: Option<Fault>, answer: HttpAnswer) -> Response {
    match fault {
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
            let (status, body, content_type) = answer;
            (
                StatusCode::from_u16(status).unwrap_or(StatusCode::OK),
                [(header::CONTENT_TYPE, content_type)],
                body,
            )
                .into_response()
        }
    }
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
