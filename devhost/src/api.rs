//! The template API (`POST /api/order/<endpoint>`, and the cashier flow's `POST /api/pay/types`):
//! the simulator's answer, after the configured latency and faults, and a line in the call log.

use std::time::Duration;

use axum::body::Bytes;
use axum::extract::{Path, State};
use axum::http::{header, HeaderValue, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use serde_json::Value;

use crate::sim::{self, Fault, HttpAnswer, Sim};
use crate::state::Shared;

/// The endpoints under `/api/order/`.
const ORDER_ENDPOINTS: &[&str] = &["info", "status", "qrcode", "audio", "chose-type"];

/// `POST /api/order/<endpoint>`.
pub async fn answer_call(
    State(st): State<Shared>,
    Path(endpoint): Path<String>,
    uri: Uri,
    body: Bytes,
) -> Response {
    if !ORDER_ENDPOINTS.contains(&endpoint.as_str()) {
        return (StatusCode::NOT_FOUND, "unknown endpoint").into_response();
    }
    serve(&st, &endpoint, &uri, &body).await
}

/// `POST /api/pay/types`: the pay types open to an order (the cashier flow).
pub async fn pay_types_call(State(st): State<Shared>, uri: Uri, body: Bytes) -> Response {
    serve(&st, "types", &uri, &body).await
}

/// One template API call: decided at once under the simulator's lock, sent after the latency
/// (and, for a hang, never in time).
async fn serve(st: &Shared, endpoint: &str, uri: &Uri, body: &[u8]) -> Response {
    let request: Value = serde_json::from_slice(body).unwrap_or(Value::Null);
    let call = {
        let Ok(mut sim) = st.sim.lock() else {
            return StatusCode::INTERNAL_SERVER_ERROR.into_response();
        };
        decide(&mut sim, endpoint, &request, uri)
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
    // A call stopped by HTTP 500 or the API down never reaches the simulated server (no choice
    // is taken, no turn passes); a hanging one does, only its answer comes too late.
    let answer = match fault {
        Some(Fault::Error500 | Fault::Down) => (0, String::new(), ""),
        Some(Fault::Hang) | None => sim.answer_request(endpoint, order_id.as_deref(), request),
    };
    let asked = match request.get("pay_type") {
        Some(t) if endpoint == "chose-type" => format!(" pay_type={t}"),
        _ => String::new(),
    };
    let label = match &fault {
        Some(Fault::Error500) => "fault: HTTP 500".to_owned(),
        Some(Fault::Hang) => "fault: hang".to_owned(),
        Some(Fault::Down) => "fault: API down".to_owned(),
        None => format!("HTTP {} {}", answer.0, summarize(&answer.1)),
    } + &asked;
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
            let items = v
                .get("data")
                .and_then(Value::as_array)
                .map(|list| format!(" items={}", list.len()))
                .unwrap_or_default();
            format!(
                "code={}{status}{items}",
                v.get("code").cloned().unwrap_or(Value::Null)
            )
        })
        .unwrap_or_else(|| "(not JSON)".into())
}

/// The order an API call addresses: `order_id`, or `out_order_id` + `pid` (only for info,
/// status and audio, as XArr).
fn lookup_order(sim: &Sim, endpoint: &str, req: &Value) -> Option<String> {
    if let Some(id) = req.get("order_id").and_then(Value::as_str) {
        return Some(id.to_owned());
    }
    if !["info", "status", "audio"].contains(&endpoint) {
        return None;
    }
    let out = req.get("out_order_id").and_then(Value::as_str)?;
    req.get("pid")?;
    sim.orders
        .values()
        .find(|o| sim.info_data(o).get("out_order_id").and_then(Value::as_str) == Some(out))
        .map(|o| o.order_id.clone())
}

#[cfg(test)]
mod tests {
    use serde_json::json;

    use super::*;
    use crate::sim::{CreateOrder, Faults};

    /// A hanging call reached the server: its choice is taken, only the answer comes too late.
    #[test]
    fn a_hanging_choice_is_taken_and_logged_as_a_hang() {
        let fixtures = std::path::PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures");
        let mut sim = Sim::new(fixtures, Faults::default());
        let faults = Faults {
            timeout_rate: 1.0,
            ..Faults::default()
        };
        let order = CreateOrder {
            scenario: "cashier".into(),
            order_id: Some("h".into()),
            faults: Some(faults),
            ..Default::default()
        };
        sim.create(order).unwrap();
        let uri: Uri = "/api/order/chose-type?_time=1".parse().unwrap();
        let request = json!({"order_id": "h", "pay_type": "wxpay"});
        let call = decide(&mut sim, "chose-type", &request, &uri);
        assert!(matches!(call.fault, Some(Fault::Hang)));
        let info = sim.info_data(&sim.orders["h"]);
        assert_eq!(info["pay_type"], "wxpay");
        let logged = sim.log.last().unwrap();
        assert_eq!(logged.answer, "fault: hang pay_type=\"wxpay\"");
        assert_eq!(
            (logged.query.as_str(), logged.order_id.as_str()),
            ("_time=1", "h")
        );
    }
}
