//! The answer to one template API call: the scenario's fixture, with the order's own id, status,
//! times and overrides written into `data`, in XArr's envelope. The cashier flow's two endpoints
//! (`/api/pay/types`, `/api/order/chose-type`) are answered in `pay_types`.

use std::path::Path;

use serde_json::{json, Map, Value};

use super::order_data::has_pay_type;
use super::scenarios::Malformed;
use super::{now_secs, Order, Sim};

/// An HTTP answer: status, body, content type.
pub type HttpAnswer = (u16, String, &'static str);

impl Sim {
    /// The answer of one API call to `endpoint` for `order_id` with an empty body.
    #[cfg(test)]
    pub fn answer(&mut self, endpoint: &str, order_id: Option<&str>) -> HttpAnswer {
        self.answer_request(endpoint, order_id, &Value::Null)
    }

    /// The answer of one API call to `endpoint` for `order_id`; `request` is the call's body
    /// (`chose-type` reads its `pay_type`).
    pub fn answer_request(
        &mut self,
        endpoint: &str,
        order_id: Option<&str>,
        request: &Value,
    ) -> HttpAnswer {
        let Some(order) = order_id.and_then(|id| self.orders.get_mut(id)) else {
            return self.envelope("info", "not_found.json");
        };
        order.tick(now_secs());
        let o = order.clone();
        if endpoint == "status" {
            order.status_calls += 1;
        }
        if let (Some(m), "status") = (o.malformed, endpoint) {
            return malformed(m, &self.fixtures);
        }
        let (data, redirect) = match endpoint {
            "info" => self.info_answer(&o),
            "status" => self.status_data(&o),
            "qrcode" if !has_pay_type(&self.info_data(&o)) => {
                return self.envelope("qrcode", "no_pay_type.json")
            }
            "qrcode" => {
                let mut data = self.fixture_data("qrcode", &o.qrcode_fixture);
                data.extend(o.qrcode_overrides.clone());
                real_picture(&mut data);
                (Value::Object(data), None)
            }
            "audio" => {
                let env = self.fixture("audio", &o.audio_fixture);
                (env.get("data").cloned().unwrap_or(Value::Null), None)
            }
            "types" => return self.types_answer(&o.order_id),
            "chose-type" => return self.chose_type_answer(&o.order_id, request),
            _ => (Value::Null, None),
        };
        success(data, redirect)
    }

    /// `/api/order/info`: the order's data, the envelope's redirect its own or the fixture's.
    fn info_answer(&self, o: &Order) -> (Value, Option<Value>) {
        let redirect = match o.info_redirect.as_str() {
            "" => self
                .fixture("info", &o.info_fixture)
                .get("redirect")
                .cloned(),
            own => Some(json!(own)),
        };
        (Value::Object(self.info_data(o)), redirect)
    }

    /// A fixture's envelope as it is (a failure, a refusal, an answer without order data).
    pub(super) fn envelope(&self, dir: &str, name: &str) -> HttpAnswer {
        (200, self.fixture(dir, name).to_string(), "application/json")
    }

    /// The `data` object of a fixture (empty when it has none).
    fn fixture_data(&self, dir: &str, name: &str) -> Map<String, Value> {
        self.fixture(dir, name)
            .get("data")
            .and_then(Value::as_object)
            .cloned()
            .unwrap_or_default()
    }

    /// `/api/order/status`: the fixture of the order's status, its expiry, and once paid the way
    /// back to the merchant (`return_uri` under `/__dev/return/`, the wait from info).
    fn status_data(&self, o: &Order) -> (Value, Option<Value>) {
        let file = match o.status {
            2 if o.scenario == "hostile" => "paid_hostile.json",
            2 => "paid.json",
            3 => "closed.json",
            4 => "expired.json",
            _ => "pending.json",
        };
        let redirect = match o.turn(&o.status_redirects) {
            Some(own) => Some(json!(own)),
            None => self.fixture("status", file).get("redirect").cloned(),
        };
        let mut data = self.fixture_data("status", file);
        data.insert("status".into(), json!(o.polled_status()));
        data.insert("expire_time".into(), json!(o.expire_time));
        if o.status == 2 && o.scenario != "hostile" {
            data.insert(
                "return_uri".into(),
                json!(format!("/__dev/return/{}", o.order_id)),
            );
            let wait = self.info_data(o).get("pay_payed_wait_time").cloned();
            data.insert("pay_payed_wait_time".into(), wait.unwrap_or(json!(3)));
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
        (Value::Object(data), redirect)
    }
}

/// A success envelope around `data`.
pub(super) fn success(data: Value, redirect: Option<Value>) -> HttpAnswer {
    let body = json!({"code": 200, "message": "success", "data": data,
                      "redirect": redirect.unwrap_or(json!(""))});
    (200, body.to_string(), "application/json")
}

/// A malformed answer (the `invalid_json`, `wrong_types`, `html_error`, `http500` scenarios).
fn malformed(m: Malformed, fixtures: &Path) -> HttpAnswer {
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

/// A `data:image/` picture in `qrcode_data` beside a payload in `qrcode` becomes the real picture
/// of that payload, as real servers send it (the fixtures hold a 1×1 placeholder): a page that
/// shows the server's picture shows a code that scans.
fn real_picture(data: &mut serde_json::Map<String, Value>) {
    let inline = data
        .get("qrcode_data")
        .and_then(Value::as_str)
        .is_some_and(|v| v.trim_start().starts_with("data:image/"));
    let payload = data
        .get("qrcode")
        .and_then(Value::as_str)
        .filter(|p| !p.trim().is_empty() && !p.trim_start().starts_with("data:"))
        .map(str::to_owned);
    if let (true, Some(payload)) = (inline, payload) {
        if let Some(url) = crate::media::qr_data_url(payload.trim()) {
            data.insert("qrcode_data".into(), Value::String(url));
        }
    }
}
