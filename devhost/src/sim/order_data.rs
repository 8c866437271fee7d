//! An order's data as XArr shows it: the `data` of `/api/order/info` (the scenario's fixture with
//! the order's own values) and the template data a theme page is rendered with.

use serde_json::{json, Map, Value};

use super::{now_secs, status_text, Order, Sim};

impl Sim {
    /// The template data of an order's pages (`${.orderInfo...}` and friends).
    pub fn page_data(&mut self, order_id: &str, assets: &str, root: &str, base_url: &str) -> Value {
        let now = now_secs();
        let order = self.orders.get_mut(order_id).map(|o| {
            o.tick(now);
            o.clone()
        });
        let data = order
            .as_ref()
            .map(|o| self.info_data(o))
            .unwrap_or_default();
        let order_info = match &order {
            Some(o) => order_info(o, &data),
            None => json!({"order_id": order_id}),
        };
        let field = |key: &str| data.get(key).cloned().unwrap_or(Value::Null);
        json!({
            "templateAssets": assets,
            "templateRoot": root,
            "domain": base_url.trim_start_matches("http://"),
            "baseUrl": base_url,
            "server_time": now,
            "contact": "QQ 123456",
            "pay_tip": field("pay_tip"),
            "payed_wait_time": field("pay_payed_wait_time"),
            "pay_account_tip": field("pay_account_tip"),
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
        if let Some(Value::String(logo)) = data.get("pay_type_logo") {
            let pay_type = data.get("pay_type").and_then(Value::as_str).unwrap_or("");
            data.insert("pay_type_logo".into(), json!(local_logo(logo, pay_type)));
        }
        if o.scenario == "audio" || o.scenario == "speech" {
            data.insert("audio_enable".into(), json!(1));
        }
        for (k, v) in &o.overrides {
            // Like the platform's own, only once paid.
            if k != "return_uri" || o.status == 2 {
                data.insert(k.clone(), v.clone());
            }
        }
        // No pay type yet (the customer chooses one): no name or logo either, unless asked for.
        if !has_pay_type(&data) {
            for key in ["pay_type_text", "pay_type_logo"] {
                if !o.overrides.contains_key(key) {
                    data.insert(key.into(), json!(""));
                }
            }
        }
        data
    }
}

/// Whether info's `data` names a pay type: not when `pay_type` is empty or null (the cashier
/// flow: the customer has not chosen one yet).
pub fn has_pay_type(data: &Map<String, Value>) -> bool {
    !matches!(data.get("pay_type"), Some(Value::Null))
        && data.get("pay_type").and_then(Value::as_str) != Some("")
}

/// A pay-type logo as the host serves it: the document's sample paths (`/assets/...`) do not
/// exist here, the host's own icons stand in; any other URL stays as it is.
pub fn local_logo(logo: &str, pay_type: &str) -> String {
    if !logo.starts_with("/assets/") {
        return logo.to_owned();
    }
    let name = if pay_type.is_empty() { "pay" } else { pay_type };
    format!("/__dev/logo/{name}.svg")
}

/// `${.orderInfo...}`: the order's info `data` as XArr renders it, the order's page overrides
/// over it.
fn order_info(o: &Order, data: &Map<String, Value>) -> Value {
    let fen = data
        .get("trade_amount")
        .and_then(Value::as_i64)
        .unwrap_or(0);
    let mut info = json!({
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
    if let Some(fields) = info.as_object_mut() {
        fields.extend(o.page_overrides.clone());
    }
    info
}
