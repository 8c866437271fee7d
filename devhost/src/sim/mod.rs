//! The simulated XArr: the orders in memory and the request log; an order (`order`), scenarios
//! (`scenarios`), faults (`faults`) and the API's answers (`answer`; the cashier flow's pay types
//! and choice: `pay_types`) in their own files.
//! Every API answer is built from the shared fixtures in `fixtures/` (the core's tests parse the
//! same files), with the order's own id, status and times written into `data`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

mod answer;
mod faults;
mod order;
mod order_data;
mod pay_types;
mod scenarios;

pub use answer::HttpAnswer;
pub use faults::{hang_duration, pick_fault, Fault, Faults};
pub use order::{CreateOrder, Order};
pub use scenarios::{Failure, Malformed, QRCODE_OF_PAY_TYPE, SCENARIOS};

use serde::Serialize;
use serde_json::Value;

pub fn now_secs() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_secs() as i64)
        .unwrap_or(0)
}

pub fn now_ms() -> i64 {
    SystemTime::now()
        .duration_since(UNIX_EPOCH)
        .map(|d| d.as_millis() as i64)
        .unwrap_or(0)
}

/// A logged API call.
#[derive(Clone, Debug, Serialize)]
pub struct LogEntry {
    pub seq: u64,
    pub at_ms: i64,
    pub method: String,
    pub path: String,
    pub query: String,
    pub order_id: String,
    pub answer: String,
}

pub struct Sim {
    pub fixtures: PathBuf,
    pub orders: BTreeMap<String, Order>,
    pub log: Vec<LogEntry>,
    pub global_faults: Faults,
    seq: u64,
    rng: u64,
}

impl Sim {
    pub fn new(fixtures: PathBuf, global_faults: Faults) -> Self {
        let mut sim = Self {
            fixtures,
            orders: BTreeMap::new(),
            log: Vec::new(),
            global_faults,
            seq: 0,
            rng: 0x2545_f491_4f6c_dd1d,
        };
        for s in SCENARIOS {
            if s.exists {
                let _ = sim.create(CreateOrder {
                    scenario: s.name.into(),
                    order_id: Some(format!("demo_{}", s.name)),
                    ..Default::default()
                });
            }
        }
        sim
    }

    pub fn random(&mut self) -> f64 {
        let mut x = self.rng;
        x ^= x << 13;
        x ^= x >> 7;
        x ^= x << 17;
        self.rng = x;
        (x >> 11) as f64 / (1u64 << 53) as f64
    }

    pub fn fixture(&self, dir: &str, name: &str) -> Value {
        read_fixture(&self.fixtures, dir, name)
    }

    pub fn record(&mut self, method: &str, path: &str, query: &str, order_id: &str, answer: &str) {
        self.seq += 1;
        self.log.push(LogEntry {
            seq: self.seq,
            at_ms: now_ms(),
            method: method.into(),
            path: path.into(),
            query: query.into(),
            order_id: order_id.into(),
            answer: answer.into(),
        });
        if self.log.len() > 5000 {
            self.log.drain(..1000);
        }
    }
}

pub fn status_text(status: i64) -> &'static str {
    match status {
        1 => "待支付",
        2 => "已支付",
        3 => "已关闭",
        4 => "已过期",
        5 => "创建失败",
        _ => "未知",
    }
}

pub fn read_fixture(root: &Path, dir: &str, name: &str) -> Value {
    std::fs::read_to_string(root.join(dir).join(name))
        .ok()
        .and_then(|s| serde_json::from_str(&s).ok())
        .unwrap_or(Value::Null)
}

#[cfg(test)]
mod tests;
