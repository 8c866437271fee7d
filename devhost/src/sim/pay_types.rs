//! The cashier flow (XArr's `separate.html`): the pay types open to an order
//! (`/api/pay/types`) and the customer's choice among them (`/api/order/chose-type`). An order
//! without a pay type (info's `pay_type` empty) has no QR code until one is chosen (`answer`).

use serde_json::{json, Value};

use super::answer::{success, HttpAnswer};
use super::order_data::local_logo;
use super::{status_text, Failure, Order, Sim, QRCODE_OF_PAY_TYPE, SCENARIOS};

impl Sim {
    /// The pay types open to `o`: its own list or its scenario's fixture, with the host's icons
    /// for the document's sample logos.
    pub fn pay_types(&self, o: &Order) -> Vec<Value> {
        let list = match &o.pay_types {
            Some(own) => own.clone(),
            None => self
                .fixture("types", &o.pay_types_fixture)
                .get("data")
                .and_then(Value::as_array)
                .cloned()
                .unwrap_or_default(),
        };
        list.into_iter().map(with_local_logo).collect()
    }

    /// `/api/pay/types`: the list of a pending order, after the order's failures (one a call);
    /// an order that is no longer pending is not found, like an unknown one.
    pub(super) fn types_answer(&mut self, id: &str) -> HttpAnswer {
        let Some(o) = self.orders.get_mut(id).filter(|o| o.status == 1) else {
            return self.envelope("info", "not_found.json");
        };
        if !o.types_failures.is_empty() {
            return match o.types_failures.remove(0) {
                Failure::Http500 => (500, "Internal Server Error".into(), "text/plain"),
                Failure::Envelope => self.envelope("types", "failure.json"),
            };
        }
        let o = o.clone();
        success(json!(self.pay_types(&o)), None)
    }

    /// `/api/order/chose-type`: the order takes the type `request.pay_type` when its list has it
    /// (info then names it, qrcode answers its fixture); refused on an order that is no longer
    /// pending, for the order's first `chose_refusals` calls, and for a type not in the list.
    pub(super) fn chose_type_answer(&mut self, id: &str, request: &Value) -> HttpAnswer {
        let Some(o) = self.orders.get(id).cloned() else {
            return self.envelope("info", "not_found.json");
        };
        if o.status != 1 {
            let message = format!("订单{},无法选择支付方式", status_text(o.status));
            let body = json!({"code": 400, "message": message, "data": null, "redirect": ""});
            return (200, body.to_string(), "application/json");
        }
        let wanted = request
            .get("pay_type")
            .and_then(Value::as_str)
            .unwrap_or("");
        let offered = self
            .pay_types(&o)
            .into_iter()
            .find(|t| !wanted.is_empty() && t.get("value").and_then(Value::as_str) == Some(wanted));
        let Some(order) = self.orders.get_mut(id) else {
            return self.envelope("info", "not_found.json");
        };
        if order.chose_refusals > 0 {
            order.chose_refusals -= 1;
            return self.envelope("chose-type", "busy.json");
        }
        let Some(entry) = offered else {
            return self.envelope("chose-type", "unavailable.json");
        };
        choose(order, wanted, &entry);
        self.envelope("chose-type", "ok.json")
    }
}

/// The order takes `pay_type`: info names it with the entry's label and logo, qrcode answers
/// the type's fixture (the scenario's own for a type without one).
fn choose(order: &mut Order, pay_type: &str, entry: &Value) {
    let field = |key: &str| entry.get(key).cloned().unwrap_or(json!(""));
    order.overrides.insert("pay_type".into(), json!(pay_type));
    order
        .overrides
        .insert("pay_type_text".into(), field("label"));
    order
        .overrides
        .insert("pay_type_logo".into(), field("logo"));
    let own = SCENARIOS
        .iter()
        .find(|s| s.name == order.scenario)
        .map(|s| s.qrcode);
    let fixture = QRCODE_OF_PAY_TYPE
        .iter()
        .find(|(t, _)| *t == pay_type)
        .map(|(_, f)| *f)
        .or(own);
    if let Some(f) = fixture {
        order.qrcode_fixture = f.into();
    }
}

/// A list entry with the host's icon for a sample logo path.
fn with_local_logo(mut entry: Value) -> Value {
    let value = entry
        .get("value")
        .and_then(Value::as_str)
        .unwrap_or("")
        .to_owned();
    if let Some(Value::String(logo)) = entry.get_mut("logo") {
        *logo = local_logo(logo, &value);
    }
    entry
}
