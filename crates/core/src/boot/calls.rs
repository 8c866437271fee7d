//! The calls: where the page's order comes from, how each call is addressed (the app's hook
//! addresses its requests through [`platform_ref`] and the page's own body), and which calls go
//! out after the info answer on each kind of page ([`next_calls`]: the machine itself, run on
//! that answer). `public/boot.js` mirrors `orderBody` and `nextCalls`.

use std::collections::BTreeMap;

use serde_json::Value;

use crate::machine::{step, Cashier, Effect, Event, MachineConfig, State};
use crate::model::parse_info;
use crate::money::parse_yuan;
use crate::order_ref::{find_order_ref, is_rendered, OrderRef};
use crate::wire::decode_reply;

use super::answers::{answer_data, beyond_double};

/// The page's kind (`data-page` on `<meta name="paypage">` and `#paypage`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageKind {
    /// The pay page (also any other value, or none).
    Pay,
    /// The status page: the order's state only; no QR code (asking may reach the payment
    /// channel), no audio.
    Status,
    /// The cashier's separate page: the customer chooses a pay type; it asks for the pay types,
    /// which is the app's call.
    Separate,
}

impl PageKind {
    pub fn from_attr(value: Option<&str>) -> Self {
        match value {
            Some("status") => Self::Status,
            Some("separate") => Self::Separate,
            _ => Self::Pay,
        }
    }
}

/// The order's request body (`{"order_id":…}` or `{"out_order_id":…,"pid":…}`): the injected id,
/// else `/pay/<id>`, else `?order_id=`, else `?out_order_id=&pid=` ([`find_order_ref`]).
pub fn order_body(injected: Option<&str>, path: &str, query: &str) -> Option<String> {
    find_order_ref(injected, path, query).map(|o| o.body())
}

/// The page's own platform order id (never an `out_order_id`): what the hook puts in
/// `MachineConfig::order_id`, for the calls that take only `order_id` when info gives none.
pub fn page_platform_id(page: &OrderRef) -> Option<String> {
    match page {
        OrderRef::OrderId(id) => Some(id.clone()),
        OrderRef::OutOrder { .. } => None,
    }
}

/// How qrcode, pay types and chose-type are addressed: they take only `order_id`, info's, else
/// the page's own ([`State::platform_order_id`]). Info, status and audio take the page's order.
pub fn platform_ref(state: &State) -> Option<OrderRef> {
    state
        .platform_order_id()
        .map(|id| OrderRef::OrderId(id.to_owned()))
}

/// The machine's configuration as far as the first calls depend on it, as the app builds it
/// from the page: `audio` is the page's audio policy, `amount` the raw `data-inject-amount` text
/// (read only when the host rendered it).
pub fn first_calls_config(
    kind: PageKind,
    audio: bool,
    amount: Option<&str>,
    page: &OrderRef,
) -> MachineConfig {
    MachineConfig {
        audio: audio && kind != PageKind::Status,
        qr: kind != PageKind::Status,
        page_amount: amount.filter(|v| is_rendered(v)).and_then(parse_yuan),
        cashier: match kind {
            PageKind::Pay => Cashier::Send,
            PageKind::Separate => Cashier::Choose,
            PageKind::Status => Cashier::Off,
        },
        order_id: page_platform_id(page),
        ..MachineConfig::default()
    }
}

/// The page's order from its request body (as [`order_body`] wrote it).
fn page_ref(body: &str) -> Option<OrderRef> {
    let v: Value = serde_json::from_str(body).ok()?;
    match (v.get("order_id"), v.get("out_order_id"), v.get("pid")) {
        (Some(Value::String(id)), _, _) => Some(OrderRef::OrderId(id.clone())),
        (None, Some(Value::String(out)), Some(pid)) => Some(OrderRef::OutOrder {
            out_order_id: out.clone(),
            pid: pid.as_i64()?,
        }),
        _ => None,
    }
}

/// The order's id as the page shows it and keys its records by (`OrderRef::display_id`: the
/// platform id, else the merchant's `out_order_id`), from the page's request body: the boot
/// script records a tap on the first paint's app link under it.
pub fn display_id(page_body: &str) -> Option<String> {
    page_ref(page_body).map(|o| o.display_id().to_owned())
}

/// The calls that go out after the info answer `info` (the raw text), by endpoint, with their
/// bodies: what the machine asks for after `Start` and that answer, addressed as the hook
/// addresses them. `page_body` is the page's order ([`order_body`]), `audio` its audio policy,
/// `kind` its `data-page`, `amount` its `data-inject-amount`.
///
/// Only the calls the boot script may send early are listed (the separate page's pay types are
/// the app's), and none where the boot script leaves the decision to the app: an envelope
/// redirect (the app follows it), or a number the answer holds beyond 2^53, where a double's
/// digits and the core's can differ ([`beyond_double`]).
pub fn next_calls(
    info: &str,
    page_body: &str,
    audio: bool,
    kind: Option<&str>,
    amount: Option<&str>,
) -> BTreeMap<&'static str, String> {
    let mut calls = BTreeMap::new();
    let Some(page) = page_ref(page_body) else {
        return calls;
    };
    if answer_data(info).is_some_and(|d| {
        [
            "status",
            "amount",
            "trade_amount",
            "expire_time",
            "order_id",
            "audio_enable",
        ]
        .iter()
        .any(|k| d.get(k).is_some_and(beyond_double))
    }) {
        return calls;
    }
    let config = first_calls_config(PageKind::from_attr(kind), audio, amount, &page);
    let mut state = State::new(config);
    let _ = step(&mut state, Event::Start);
    let reply = decode_reply(200, info, parse_info);
    if reply.redirect.is_some() {
        return calls;
    }
    for effect in step(&mut state, Event::Info(reply)) {
        let (name, body) = match effect {
            Effect::FetchQr => ("qrcode", platform_ref(&state).map(|o| o.body())),
            Effect::FetchStatus => ("status", Some(page.body())),
            Effect::FetchAudio => ("audio", Some(page.body())),
            _ => continue,
        };
        if let Some(body) = body {
            calls.insert(name, body);
        }
    }
    calls
}
