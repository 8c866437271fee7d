//! Faults added to API answers: latency, HTTP 500, hanging calls, the API down; global (command
//! line, control API) or per order.

use std::time::Duration;

use serde::{Deserialize, Serialize};

use super::now_secs;

/// Faults added to API answers.
#[derive(Clone, Debug, Default, Serialize, Deserialize, PartialEq)]
#[serde(default)]
pub struct Faults {
    /// Added to every answer.
    pub latency_ms: u64,
    /// Share of calls (0..1) answered with HTTP 500.
    pub error_rate: f64,
    /// Share of calls (0..1) that hang for 60 s (the page's timeout must fire).
    pub timeout_rate: f64,
    /// Only `/api/order/status` is affected (flaky scenario).
    pub status_only: bool,
    /// The API is down (connection answered with 503 HTML) until this unix second.
    pub down_until: i64,
    /// The app's own files (`paypage.js`, `paypage_bg.wasm`) are served this much later: a slow
    /// link for the app's bytes only, so a test sees the page's first paint alone (globally, or
    /// for one order's pages).
    pub app_delay_ms: u64,
}

/// No fault at all (what most scenarios have).
pub const NO_FAULTS: Faults = Faults {
    latency_ms: 0,
    error_rate: 0.0,
    timeout_rate: 0.0,
    status_only: false,
    down_until: 0,
    app_delay_ms: 0,
};

/// Decides the fault for one call: `None` to answer normally.
pub enum Fault {
    Error500,
    Hang,
    Down,
}

pub fn pick_fault(faults: &Faults, endpoint: &str, roll: f64) -> Option<Fault> {
    if faults.down_until > now_secs() {
        return Some(Fault::Down);
    }
    if faults.status_only && endpoint != "status" {
        return None;
    }
    if roll < faults.timeout_rate {
        return Some(Fault::Hang);
    }
    if roll < faults.timeout_rate + faults.error_rate {
        return Some(Fault::Error500);
    }
    None
}

pub fn hang_duration() -> Duration {
    Duration::from_secs(60)
}
