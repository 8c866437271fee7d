//! The simulated XArr: orders in memory and the request log; scenarios (`scenarios`), faults
//! (`faults`) and the API's answers (`answer`) in their own files.
//! Every API answer is built from the shared fixtures in `fixtures/` (the core's tests parse the
//! same files), with the order's own id, status and times written into `data`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{SystemTime, UNIX_EPOCH};

mod answer;
mod faults;
mod order_data;
mod scenarios;

pub use answer::HttpAnswer;
pub use faults::{hang_duration, pick_fault, Fault, Faults};
pub use scenarios::{Malformed, SCENARIOS};

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

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

/// An order in memory.
#[derive(Clone, Debug, Serialize)]
pub struct Order {
    pub order_id: String,
    pub scenario: String,
    pub status: i64,
    pub created: i64,
    pub expire_time: i64,
    pub pays_at: Option<i64>,
    pub faults: Faults,
    pub malformed: Option<Malformed>,
    pub info_fixture: String,
    pub qrcode_fixture: String,
    pub audio_fixture: String,
    /// Fields written over the info fixture's `data` (`return_uri` and `pay_payed_wait_time`
    /// also over the status answer's, `is_auto_open` over the status answer's).
    pub overrides: Map<String, Value>,
    /// Fields written over the qrcode fixture's `data`.
    pub qrcode_overrides: Map<String, Value>,
}

impl Order {
    /// Applies time-driven changes (pays after N seconds, expiry).
    pub fn tick(&mut self, now: i64) {
        if self.status == 1 {
            if let Some(at) = self.pays_at {
                if now >= at {
                    self.status = 2;
                }
            }
            if self.status == 1 && now >= self.expire_time {
                self.status = 4;
            }
        }
    }
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

/// Request body of `POST /__dev/orders`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CreateOrder {
    pub scenario: String,
    pub order_id: Option<String>,
    pub expires_in: Option<i64>,
    pub pays_after: Option<i64>,
    pub faults: Option<Faults>,
    pub overrides: Map<String, Value>,
    pub qrcode_overrides: Map<String, Value>,
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

    pub fn create(&mut self, req: CreateOrder) -> Result<Order, String> {
        let s = SCENARIOS
            .iter()
            .find(|s| s.name == req.scenario)
            .ok_or_else(|| format!("unknown scenario '{}'", req.scenario))?;
        self.seq += 1;
        let now = now_secs();
        let order_id = req
            .order_id
            .unwrap_or_else(|| format!("{}{}{:04}", s.name.replace('_', ""), now, self.seq));
        if !order_id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            return Err("order_id: letters, digits, '_' and '-' only".into());
        }
        let order = Order {
            order_id: order_id.clone(),
            scenario: s.name.into(),
            status: s.status,
            created: now,
            expire_time: now + req.expires_in.unwrap_or(s.expires_in),
            pays_at: req.pays_after.or(s.pays_after).map(|p| now + p),
            faults: req.faults.unwrap_or_else(|| s.faults.clone()),
            malformed: s.malformed,
            info_fixture: s.info.into(),
            qrcode_fixture: s.qrcode.into(),
            audio_fixture: s.audio.into(),
            overrides: req.overrides,
            qrcode_overrides: req.qrcode_overrides,
        };
        // A scenario of an order that does not exist (`not_found`) hands out an id XArr never stored.
        if s.exists {
            self.orders.insert(order_id, order.clone());
        }
        Ok(order)
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
