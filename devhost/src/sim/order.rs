//! An order in memory: how one is made from its scenario's row and the `POST /__dev/orders`
//! body, and how the clock moves it.

use serde::{Deserialize, Serialize};
use serde_json::{Map, Value};

use super::scenarios::Scenario;
use super::{now_secs, Failure, Faults, Malformed, Sim, SCENARIOS};

/// An order in memory.
#[derive(Clone, Debug, Serialize)]
pub struct Order {
    pub order_id: String,
    pub scenario: String,
    pub status: i64,
    pub created: i64,
    pub expire_time: i64,
    /// Seconds after `expire_time` before XArr's periodic sweep closes the order: until then it
    /// still says pending and a payment (`pays_at`) still lands, as a late notification does.
    /// 0: expired at `expire_time`.
    pub expiry_grace: i64,
    pub pays_at: Option<i64>,
    pub faults: Faults,
    pub malformed: Option<Malformed>,
    pub info_fixture: String,
    pub qrcode_fixture: String,
    pub audio_fixture: String,
    /// Fields written over the info fixture's `data` (`return_uri` only once paid;
    /// `return_uri` and `pay_payed_wait_time` also over the status answer's once paid,
    /// `is_auto_open` over the status answer's).
    pub overrides: Map<String, Value>,
    /// Fields written over the qrcode fixture's `data`.
    pub qrcode_overrides: Map<String, Value>,
    /// Fields written over `orderInfo` of the page's template data (`${.orderInfo.<key>}`), e.g.
    /// `trade_amount_text`: the page can be rendered with values info does not say.
    pub page_overrides: Map<String, Value>,
    /// What `/api/order/status` says in `data.status` while the order is pending, in turn, one
    /// code a call (empty: 1, the truth). Info always tells the truth.
    pub pending_status: Vec<i64>,
    /// The envelope `redirect` of `/api/order/info` (empty: the fixture's).
    pub info_redirect: String,
    /// The envelope `redirect` of `/api/order/status`, in turn, one a call (empty: the fixture's).
    pub status_redirects: Vec<String>,
    /// How many status calls were answered: whose turn it is.
    pub status_calls: u64,
    /// The pay types open to the order (`/api/pay/types`): this list, or when `None` the fixture
    /// `fixtures/types/<pay_types_fixture>`.
    pub pay_types: Option<Vec<Value>>,
    pub pay_types_fixture: String,
    /// How the next calls of `/api/pay/types` fail, one a call, from the front.
    pub types_failures: Vec<Failure>,
    /// How many more `/api/order/chose-type` calls are refused before one is taken.
    pub chose_refusals: u32,
}

impl Order {
    /// Applies time-driven changes: the payment at `pays_at`, and the sweep that expires a
    /// pending order `expiry_grace` seconds after `expire_time`. A payment lands until the sweep,
    /// never after it.
    pub fn tick(&mut self, now: i64) {
        if self.status != 1 {
            return;
        }
        let sweep = self.expire_time + self.expiry_grace;
        if self.pays_at.is_some_and(|at| now >= at && at <= sweep) {
            self.status = 2;
        } else if now >= sweep {
            self.status = 4;
        }
    }

    /// The entry of `list` whose turn this status call is (`None` when `list` is empty).
    pub fn turn<'a, T>(&self, list: &'a [T]) -> Option<&'a T> {
        let len = list.len().max(1) as u64;
        list.get((self.status_calls % len) as usize)
    }

    /// The `data.status` of this status call.
    pub fn polled_status(&self) -> i64 {
        match (self.status, self.turn(&self.pending_status)) {
            (1, Some(&code)) => code,
            (status, _) => status,
        }
    }
}

/// Request body of `POST /__dev/orders`.
#[derive(Debug, Default, Deserialize)]
#[serde(default)]
pub struct CreateOrder {
    pub scenario: String,
    pub order_id: Option<String>,
    pub expires_in: Option<i64>,
    pub pays_after: Option<i64>,
    /// Seconds the order stays pending after `expire_time` ([`Order::expiry_grace`]).
    pub expiry_grace: Option<i64>,
    pub faults: Option<Faults>,
    pub overrides: Map<String, Value>,
    pub qrcode_overrides: Map<String, Value>,
    pub page_overrides: Map<String, Value>,
    /// The pay types open to the order, instead of its scenario's list.
    pub pay_types: Option<Vec<Value>>,
    pub types_failures: Option<Vec<Failure>>,
    pub chose_refusals: Option<u32>,
}

impl Sim {
    pub fn create(&mut self, req: CreateOrder) -> Result<Order, String> {
        let s = SCENARIOS
            .iter()
            .find(|s| s.name == req.scenario)
            .ok_or_else(|| format!("unknown scenario '{}'", req.scenario))?;
        self.seq += 1;
        let now = now_secs();
        let order_id = req
            .order_id
            .clone()
            .unwrap_or_else(|| format!("{}{}{:04}", s.name.replace('_', ""), now, self.seq));
        if !order_id
            .chars()
            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-')
        {
            return Err("order_id: letters, digits, '_' and '-' only".into());
        }
        let order = new_order(s, order_id, now, req)?;
        // A scenario of an order that does not exist (`not_found`) hands out an id XArr never stored.
        if s.exists {
            self.orders.insert(order.order_id.clone(), order.clone());
        }
        Ok(order)
    }
}

/// The order `req` asks for: its scenario's row, and the request's values over it.
fn new_order(s: &Scenario, order_id: String, now: i64, req: CreateOrder) -> Result<Order, String> {
    let expiry_grace = req.expiry_grace.unwrap_or(s.expiry_grace);
    if expiry_grace < 0 {
        return Err("expiry_grace: seconds, 0 or more".into());
    }
    Ok(Order {
        scenario: s.name.into(),
        status: s.status,
        created: now,
        expire_time: now + req.expires_in.unwrap_or(s.expires_in),
        expiry_grace,
        pays_at: req.pays_after.or(s.pays_after).map(|p| now + p),
        faults: req.faults.unwrap_or_else(|| s.faults.clone()),
        malformed: s.malformed,
        info_fixture: s.info.into(),
        qrcode_fixture: s.qrcode.into(),
        audio_fixture: s.audio.into(),
        overrides: merged(s.overrides, &order_id, req.overrides)?,
        qrcode_overrides: merged(s.qrcode_overrides, &order_id, req.qrcode_overrides)?,
        page_overrides: merged(s.page_overrides, &order_id, req.page_overrides)?,
        pending_status: s.pending_status.to_vec(),
        info_redirect: s.info_redirect.replace("{id}", &order_id),
        status_redirects: s
            .status_redirects
            .iter()
            .map(|r| r.replace("{id}", &order_id))
            .collect(),
        status_calls: 0,
        pay_types: req.pay_types,
        pay_types_fixture: s.pay_types.into(),
        types_failures: req
            .types_failures
            .unwrap_or_else(|| s.types_failures.to_vec()),
        chose_refusals: req.chose_refusals.unwrap_or(s.chose_refusals),
        order_id,
    })
}

/// A scenario's JSON object (`{id}` written as the order's id; "" is none) with the request's
/// fields over it.
fn merged(
    scenario: &str,
    order_id: &str,
    request: Map<String, Value>,
) -> Result<Map<String, Value>, String> {
    let mut fields = if scenario.is_empty() {
        Map::new()
    } else {
        // The id is letters, digits, '_' and '-': it cannot break out of a JSON string.
        serde_json::from_str(&scenario.replace("{id}", order_id))
            .map_err(|e| format!("scenario fields {scenario}: {e}"))?
    };
    fields.extend(request);
    Ok(fields)
}
