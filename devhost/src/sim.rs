//! The simulated XArr: orders in memory, scenarios, fault injection and the request log.
//! Every API answer is built from the shared fixtures in `fixtures/` (the core's tests parse the
//! same files), with the order's own id, status and times written into `data`.

use std::collections::BTreeMap;
use std::path::{Path, PathBuf};
use std::time::{Duration, SystemTime, UNIX_EPOCH};

use serde::{Deserialize, Serialize};
use serde_json::{json, Map, Value};

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
}

/// A malformed answer to serve instead of the real one.
#[derive(Clone, Copy, Debug, Serialize, Deserialize, PartialEq)]
#[serde(rename_all = "snake_case")]
pub enum Malformed {
    InvalidJson,
    WrongTypes,
    HtmlError,
    Http500,
}

/// One scenario: how a seeded order behaves.
pub struct Scenario {
    pub name: &'static str,
    pub title: &'static str,
    pub info: &'static str,
    pub qrcode: &'static str,
    pub audio: &'static str,
    pub status: i64,
    pub expires_in: i64,
    pub pays_after: Option<i64>,
    pub faults: Faults,
    pub malformed: Option<Malformed>,
    /// Stored at all (`not_found` is not).
    pub exists: bool,
    pub hint: &'static str,
}

const fn sc(name: &'static str, title: &'static str, info: &'static str) -> Scenario {
    Scenario {
        name,
        title,
        info,
        qrcode: "real.json",
        audio: "disabled.json",
        status: 1,
        expires_in: 300,
        pays_after: None,
        faults: Faults {
            latency_ms: 0,
            error_rate: 0.0,
            timeout_rate: 0.0,
            status_only: false,
            down_until: 0,
        },
        malformed: None,
        exists: true,
        hint: "",
    }
}

pub fn scenarios() -> Vec<Scenario> {
    vec![
        sc("pending", "待支付(支付宝)", "pending.json"),
        Scenario {
            pays_after: Some(8),
            ..sc("pays_after", "8 秒后自动支付", "pending.json")
        },
        Scenario {
            status: 2,
            ..sc("paid", "已支付", "paid.json")
        },
        Scenario {
            status: 3,
            ..sc("closed", "已关闭", "closed.json")
        },
        Scenario {
            status: 4,
            expires_in: -60,
            ..sc("expired", "已过期", "expired.json")
        },
        Scenario {
            status: 5,
            ..sc("failed", "创建失败", "failed.json")
        },
        Scenario {
            exists: false,
            ..sc("not_found", "订单不存在 (404)", "not_found.json")
        },
        Scenario {
            qrcode: "jump.json",
            ..sc("jump", "跳转支付 (type: jump)", "pending.json")
        },
        Scenario {
            qrcode: "jump_hostile.json",
            ..sc("jump_refused", "跳转到被拒绝的地址", "pending.json")
        },
        Scenario {
            expires_in: 40,
            ..sc("expiring", "40 秒后过期", "pending.json")
        },
        Scenario {
            expires_in: 2 * 3600 + 5,
            ..sc("long_expiry", "2 小时后过期", "pending.json")
        },
        Scenario {
            ..sc(
                "tip_cover0",
                "账号提示 tip_cover 0",
                "account_tip_cover0.json",
            )
        },
        Scenario {
            ..sc(
                "tip_cover2",
                "账号提示 tip_cover 2",
                "account_tip_cover2.json",
            )
        },
        Scenario {
            audio: "enabled.json",
            ..sc("audio", "语音播报 (音频文件)", "pending.json")
        },
        Scenario {
            audio: "content_only.json",
            ..sc("speech", "语音播报 (语音合成)", "pending.json")
        },
        Scenario {
            hint: "用微信/QQ 的 User-Agent 打开以查看引导层",
            ..sc("in_app", "在微信内打开支付宝订单", "pending.json")
        },
        Scenario {
            qrcode: "wechat.json",
            ..sc(
                "adjusted",
                "金额调整 (trade_amount ≠ amount)",
                "adjusted.json",
            )
        },
        Scenario {
            qrcode: "image_only.json",
            ..sc("image_only", "仅服务器二维码图片", "pending.json")
        },
        Scenario {
            qrcode: "hostile.json",
            audio: "hostile.json",
            ..sc("hostile", "恶意数据", "hostile.json")
        },
        Scenario {
            malformed: Some(Malformed::InvalidJson),
            ..sc("invalid_json", "状态接口返回无效 JSON", "pending.json")
        },
        Scenario {
            malformed: Some(Malformed::WrongTypes),
            ..sc("wrong_types", "状态接口类型错误", "pending.json")
        },
        Scenario {
            malformed: Some(Malformed::HtmlError),
            ..sc("html_error", "状态接口返回 HTML 错误页", "pending.json")
        },
        Scenario {
            malformed: Some(Malformed::Http500),
            ..sc("http500", "状态接口 HTTP 500", "pending.json")
        },
        Scenario {
            faults: Faults {
                error_rate: 0.5,
                status_only: true,
                ..Faults::default()
            },
            ..sc("flaky", "一半状态请求失败", "pending.json")
        },
        Scenario {
            faults: Faults {
                latency_ms: 2000,
                ..Faults::default()
            },
            ..sc("slow", "每个请求 2 秒", "pending.json")
        },
    ]
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
        for s in scenarios() {
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
        let all = scenarios();
        let s = all
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

    /// The template data of an order's pages (`${.orderInfo...}` and friends).
    pub fn page_data(&mut self, order_id: &str, assets: &str, root: &str, base_url: &str) -> Value {
        let now = now_secs();
        let info = self.orders.get_mut(order_id).map(|o| {
            o.tick(now);
            o.clone()
        });
        let mut order_info = json!({"order_id": order_id});
        let mut pay_tip = Value::Null;
        let mut account_tip = Value::Null;
        let mut wait = Value::Null;
        if let Some(o) = info {
            let data = self.info_data(&o);
            pay_tip = data.get("pay_tip").cloned().unwrap_or(Value::Null);
            account_tip = data.get("pay_account_tip").cloned().unwrap_or(Value::Null);
            wait = data
                .get("pay_payed_wait_time")
                .cloned()
                .unwrap_or(Value::Null);
            let fen = data
                .get("trade_amount")
                .and_then(Value::as_i64)
                .unwrap_or(0);
            order_info = json!({
                "order_id": o.order_id,
                "out_order_id": data.get("out_order_id"),
                "status": o.status,
                "status_text": status_text(o.status),
                "trade_amount": fen,
                "trade_amount_text": format!("{}.{:02}", fen / 100, fen % 100),
                "amount": data.get("amount"),
                "expire_time": o.expire_time,
                "subject": data.get("subject"),
                "pay_type": data.get("pay_type"),
                "pay_type_info": {"label": data.get("pay_type_text"), "value": data.get("pay_type"), "logo": data.get("pay_type_logo")},
                "return_uri": data.get("return_uri"),
            });
        }
        json!({
            "templateAssets": assets,
            "templateRoot": root,
            "domain": base_url.trim_start_matches("http://"),
            "baseUrl": base_url,
            "server_time": now,
            "contact": "QQ 123456",
            "pay_tip": pay_tip,
            "payed_wait_time": wait,
            "pay_account_tip": account_tip,
            "orderInfo": order_info,
        })
    }

    /// `/api/order/info` data for an order: the fixture with the order's own values.
    pub fn info_data(&self, o: &Order) -> Map<String, Value> {
        let env = self.fixture("info", &o.info_fixture);
        let mut data = env
            .get("data")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default();
        data.insert("order_id".into(), json!(o.order_id));
        data.insert("status".into(), json!(o.status));
        data.insert("expire_time".into(), json!(o.expire_time));
        if o.status == 2 {
            if o.scenario != "hostile" {
                data.insert(
                    "return_uri".into(),
                    json!(format!("/__dev/return/{}", o.order_id)),
                );
            }
        } else {
            data.remove("return_uri");
        }
        // The document's sample logo path does not exist here: serve the host's own icons.
        if let Some(Value::String(logo)) = data.get("pay_type_logo") {
            if logo.starts_with("/assets/") {
                let pay_type = data
                    .get("pay_type")
                    .and_then(Value::as_str)
                    .unwrap_or("pay")
                    .to_owned();
                data.insert(
                    "pay_type_logo".into(),
                    json!(format!("/__dev/logo/{pay_type}.svg")),
                );
            }
        }
        if o.scenario == "audio" || o.scenario == "speech" {
            data.insert("audio_enable".into(), json!(1));
        }
        for (k, v) in &o.overrides {
            data.insert(k.clone(), v.clone());
        }
        data
    }

    /// The answer envelope of one API call: `(http status, body, content type)`.
    pub fn answer(
        &mut self,
        endpoint: &str,
        order_id: Option<&str>,
    ) -> (u16, String, &'static str) {
        let now = now_secs();
        let Some(order) = order_id.and_then(|id| self.orders.get_mut(id)) else {
            let body = self.fixture("info", "not_found.json").to_string();
            return (200, body, "application/json");
        };
        order.tick(now);
        let o = order.clone();
        if endpoint == "status" {
            if let Some(m) = o.malformed {
                return malformed(m, &self.fixtures);
            }
        }
        let (data, redirect) = match endpoint {
            "info" => {
                let env = self.fixture("info", &o.info_fixture);
                (
                    Value::Object(self.info_data(&o)),
                    env.get("redirect").cloned(),
                )
            }
            "status" => {
                let file = match o.status {
                    2 if o.scenario == "hostile" => "paid_hostile.json",
                    2 => "paid.json",
                    3 => "closed.json",
                    4 => "expired.json",
                    _ => "pending.json",
                };
                let env = self.fixture("status", file);
                let mut data = env
                    .get("data")
                    .and_then(Value::as_object)
                    .cloned()
                    .unwrap_or_default();
                data.insert("status".into(), json!(o.status));
                data.insert("expire_time".into(), json!(o.expire_time));
                if o.status == 2 && o.scenario != "hostile" {
                    data.insert(
                        "return_uri".into(),
                        json!(format!("/__dev/return/{}", o.order_id)),
                    );
                    let wait = self
                        .info_data(&o)
                        .get("pay_payed_wait_time")
                        .cloned()
                        .unwrap_or(json!(3));
                    data.insert("pay_payed_wait_time".into(), wait);
                }
                if o.scenario == "in_app" || o.scenario == "pending" {
                    data.insert("is_auto_open".into(), json!(1));
                }
                for key in ["is_auto_open", "return_uri", "pay_payed_wait_time"] {
                    if let Some(v) = o.overrides.get(key) {
                        if key == "is_auto_open" || o.status == 2 {
                            data.insert(key.into(), v.clone());
                        }
                    }
                }
                (Value::Object(data), env.get("redirect").cloned())
            }
            "qrcode" => {
                let env = self.fixture("qrcode", &o.qrcode_fixture);
                let mut data = env
                    .get("data")
                    .and_then(Value::as_object)
                    .cloned()
                    .unwrap_or_default();
                for (k, v) in &o.qrcode_overrides {
                    data.insert(k.clone(), v.clone());
                }
                (Value::Object(data), None)
            }
            "audio" => {
                let env = self.fixture("audio", &o.audio_fixture);
                (env.get("data").cloned().unwrap_or(Value::Null), None)
            }
            _ => (Value::Null, None),
        };
        let body = json!({"code": 200, "message": "success", "data": data, "redirect": redirect.unwrap_or(json!(""))});
        (200, body.to_string(), "application/json")
    }
}

fn malformed(m: Malformed, fixtures: &Path) -> (u16, String, &'static str) {
    let read = |p: &str| std::fs::read_to_string(fixtures.join(p)).unwrap_or_default();
    match m {
        Malformed::InvalidJson => (200, read("info/invalid_json.txt"), "application/json"),
        Malformed::WrongTypes => (200, read("status/wrong_types.json"), "application/json"),
        Malformed::HtmlError => (
            502,
            read("info/html_error.html"),
            "text/html; charset=utf-8",
        ),
        Malformed::Http500 => (500, "Internal Server Error".into(), "text/plain"),
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

#[cfg(test)]
mod tests {
    use super::*;

    fn sim() -> Sim {
        Sim::new(
            PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures"),
            Faults::default(),
        )
    }

    #[test]
    fn every_scenario_is_seeded_and_answers_from_fixtures() {
        let mut s = sim();
        for sc in scenarios() {
            let id = format!("demo_{}", sc.name);
            assert_eq!(s.orders.contains_key(&id), sc.exists, "{id}");
            let (http, body, _) = s.answer("info", Some(&id));
            assert_eq!(http, 200);
            let v: Value = serde_json::from_str(&body).unwrap();
            if sc.exists {
                assert_eq!(v["code"], 200, "{id}");
                assert_eq!(v["data"]["order_id"], json!(id));
                assert_eq!(v["data"]["status"], json!(sc.status));
            } else {
                assert_eq!(v["code"], 404);
            }
        }
    }

    #[test]
    fn pays_after_and_expiry_follow_the_clock() {
        let mut s = sim();
        let o = s.orders.get_mut("demo_pays_after").unwrap();
        let at = o.pays_at.unwrap();
        o.tick(at - 1);
        assert_eq!(o.status, 1);
        o.tick(at);
        assert_eq!(o.status, 2);
        let o = s.orders.get_mut("demo_expiring").unwrap();
        let exp = o.expire_time;
        o.tick(exp);
        assert_eq!(o.status, 4);
    }

    #[test]
    fn paid_status_carries_a_local_return_uri() {
        let mut s = sim();
        let (_, body, _) = s.answer("status", Some("demo_paid"));
        let v: Value = serde_json::from_str(&body).unwrap();
        assert_eq!(v["data"]["return_uri"], "/__dev/return/demo_paid");
    }

    #[test]
    fn malformed_scenarios_break_only_status() {
        let mut s = sim();
        let (http, body, _) = s.answer("status", Some("demo_html_error"));
        assert_eq!(http, 502);
        assert!(body.contains("<html>"));
        let (http, _, _) = s.answer("info", Some("demo_html_error"));
        assert_eq!(http, 200);
        let (http, _, _) = s.answer("status", Some("demo_http500"));
        assert_eq!(http, 500);
    }

    #[test]
    fn create_validates() {
        let mut s = sim();
        assert!(s
            .create(CreateOrder {
                scenario: "nope".into(),
                ..Default::default()
            })
            .is_err());
        assert!(s
            .create(CreateOrder {
                scenario: "pending".into(),
                order_id: Some("a/b".into()),
                ..Default::default()
            })
            .is_err());
        let o = s
            .create(CreateOrder {
                scenario: "pending".into(),
                expires_in: Some(5),
                ..Default::default()
            })
            .unwrap();
        assert!(o.expire_time - now_secs() <= 5);
    }

    #[test]
    fn faults() {
        let f = Faults {
            error_rate: 0.5,
            status_only: true,
            ..Faults::default()
        };
        assert!(pick_fault(&f, "info", 0.1).is_none());
        assert!(matches!(
            pick_fault(&f, "status", 0.1),
            Some(Fault::Error500)
        ));
        assert!(pick_fault(&f, "status", 0.6).is_none());
        let down = Faults {
            down_until: now_secs() + 30,
            ..Faults::default()
        };
        assert!(matches!(pick_fault(&down, "info", 0.9), Some(Fault::Down)));
    }
}
