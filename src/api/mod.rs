//! The API layer: the thin browser adapter that sends template-API calls and hands the answers to
//! the core's decoders. Types, decoding and errors live in `core` (`core::model`, `core::wire`,
//! `core::error`); this module only moves bytes.
//!
//! Invariant: every request has a timeout, and an `AbortController` its owner (the `use_order`
//! hook) aborts on cleanup. On an engine without `AbortController` (iOS before 12.1, old
//! WebViews) the page works the same: the timeout stops waiting and the answer, if one comes, is
//! dropped.

use std::cell::RefCell;
use std::future::Future;
use std::rc::Rc;
use std::task::{Poll, Waker};

use gloo_net::http::Request;
use gloo_timers::callback::Timeout;
use web_sys::AbortController;

use crate::core::error::{Error, ErrorKind};
use crate::core::order_ref::OrderRef;
use crate::core::wire::{open_envelope, read_ack, read_data, Opened, Reply};

pub mod json;
use json::JsJson;

/// The template API endpoints: the four of the pay page, and the separate page's two.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Endpoint {
    Info,
    Status,
    Qrcode,
    Audio,
    /// `/api/pay/types`: the pay types open to the order.
    PayTypes,
    /// `/api/order/chose-type`: the customer's choice.
    ChoseType,
}

impl Endpoint {
    pub fn name(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Status => "status",
            Self::Qrcode => "qrcode",
            Self::Audio => "audio",
            Self::PayTypes => "types",
            Self::ChoseType => "chose-type",
        }
    }

    /// The path after the API base: `/api/order/<name>`, or `/api/pay/types`.
    pub fn route(self) -> &'static str {
        match self {
            Self::PayTypes => "/api/pay/",
            _ => "/api/order/",
        }
    }
}

/// Where the API is and how long to wait for it.
#[derive(Clone, Debug, PartialEq)]
pub struct ApiClient {
    /// Prefix before `/api/order/...`; empty for the page's own origin.
    pub base: String,
    pub timeout_ms: u32,
}

/// A decoded answer, the `Date` header that came with it and when it arrived (local ms): the
/// server clock pairs the two.
pub struct Answer<T> {
    pub reply: Reply<T>,
    pub date: Option<String>,
    pub at: i64,
}

/// An answer as it came, before decoding: the HTTP status, body and `Date` header, or why none
/// came. One type for every endpoint, so the request path is compiled once, not once per answer
/// type; [`Fetched::decode`] turns it into the endpoint's typed answer.
pub struct Fetched {
    outcome: HttpOutcome,
    /// Our own timeout ended it (a Timeout error, not a Network one).
    timed_out: bool,
    /// When the answer arrived (local ms; for an early call, when boot.js received it).
    at: i64,
}

impl Fetched {
    /// A call that could not even be sent.
    pub fn failed(why: &str) -> Self {
        Self {
            outcome: Err(why.to_owned()),
            timed_out: false,
            at: now(),
        }
    }

    /// An answer that came, with its HTTP status and body (the browser tests hold the app's own
    /// decoding path to the shared case table through this).
    pub fn answered(status: u16, body: String) -> Self {
        Self {
            outcome: Ok((status, body, None)),
            timed_out: false,
            at: now(),
        }
    }

    /// Decodes the answer through the envelope with `parse`.
    pub fn decode<T>(self, parse: fn(&JsJson) -> Result<T, Error>) -> Answer<T> {
        let at = self.at;
        let (opened, date) = self.open();
        Answer {
            reply: read_data(opened, parse),
            date,
            at,
        }
    }

    /// Decodes an answer that carries no data (`chose-type`): success or the server's reason.
    pub fn decode_ack(self) -> Answer<()> {
        let at = self.at;
        let (opened, date) = self.open();
        Answer {
            reply: read_ack(opened),
            date,
            at,
        }
    }

    /// The envelope opened, and the `Date` header; a transport failure is a Timeout (when our
    /// timeout aborted it) or Network error. The one place both call paths end, the same code for
    /// every endpoint.
    fn open(self) -> (Opened<JsJson>, Option<String>) {
        match self.outcome {
            Ok((status, body, date)) => (open_envelope(status, json::parse(&body), &body), date),
            Err(detail) => {
                let kind = if self.timed_out {
                    ErrorKind::Timeout
                } else {
                    ErrorKind::Network
                };
                ((Err(Error::new(kind, detail)), None), None)
            }
        }
    }
}

impl ApiClient {
    /// `<base>/api/order/<name>` (`<base>/api/pay/types`); the request adds `?_time=<ms>` (cache
    /// busting for CDNs).
    pub fn path(&self, endpoint: Endpoint) -> String {
        [self.base.as_str(), endpoint.route(), endpoint.name()].concat()
    }

    /// POSTs `{"order_id": ...}` (or `out_order_id` + `pid`). `abort` lets the caller cancel
    /// (`None` where the engine has no `AbortController`); the timeout aborts it too.
    pub async fn call(
        &self,
        endpoint: Endpoint,
        order: &OrderRef,
        abort: Option<&AbortController>,
    ) -> Fetched {
        self.call_with(endpoint, order.body(), abort).await
    }

    /// POSTs `body` (a JSON object the core wrote). The answer races the timeout: when the
    /// timeout comes first the fetch is aborted where the engine can, and its answer is dropped
    /// where it cannot.
    pub async fn call_with(
        &self,
        endpoint: Endpoint,
        body: String,
        abort: Option<&AbortController>,
    ) -> Fetched {
        let url = self.path(endpoint);
        let time = crate::core::numtext::int_text(now());
        let signal = abort.map(AbortController::signal);
        let mut sending = Box::pin(send(&url, &time, body, signal.as_ref()));
        // The timeout: a callback timer that marks the call timed out and wakes the wait below
        // (whether it fired, and the waker of the wait).
        let alarm: Rc<RefCell<(bool, Option<Waker>)>> = Rc::default();
        let timer = {
            let alarm = alarm.clone();
            Timeout::new(self.timeout_ms, move || {
                let waker = {
                    let mut a = alarm.borrow_mut();
                    a.0 = true;
                    a.1.take()
                };
                if let Some(w) = waker {
                    w.wake();
                }
            })
        };
        let answered = std::future::poll_fn(|cx| match sending.as_mut().poll(cx) {
            Poll::Ready(outcome) => Poll::Ready(Some(outcome)),
            Poll::Pending => {
                let mut a = alarm.borrow_mut();
                if a.0 {
                    Poll::Ready(None)
                } else {
                    a.1 = Some(cx.waker().clone());
                    Poll::Pending
                }
            }
        })
        .await;
        drop(timer);
        let timed_out = answered.is_none();
        if timed_out {
            if let Some(abort) = abort {
                abort.abort();
            }
        }
        Fetched {
            outcome: answered.unwrap_or_else(|| Err("timed out".to_owned())),
            timed_out,
            at: now(),
        }
    }
}

/// Local time in milliseconds since the epoch.
fn now() -> i64 {
    js_sys::Date::now() as i64
}

/// A call `boot.js` started before the wasm was ready, claimed by the app: its abort controller
/// (the owner registers it and aborts it on cleanup, like its own calls; `None` on an engine
/// without one) and its answer.
pub struct Prefetched {
    pub abort: Option<AbortController>,
    promise: js_sys::Promise,
}

/// Claims a call `boot.js` started (info first, then qrcode, status and audio once info said
/// pending), if it went to `endpoint` with exactly `body`. Each is claimed once; `None` means the
/// caller fetches normally (a call with another body is aborted: its answer would not be used).
pub fn claim_prefetched(endpoint: Endpoint, body: &str) -> Option<Prefetched> {
    use wasm_bindgen::JsCast;
    let window = web_sys::window()?;
    let all = js_sys::Reflect::get(&window, &"__paypagePrefetch".into()).ok()?;
    if all.is_undefined() || all.is_null() {
        return None;
    }
    let key = wasm_bindgen::JsValue::from_str(endpoint.name());
    let pre = js_sys::Reflect::get(&all, &key).ok()?;
    if pre.is_undefined() || pre.is_null() {
        return None;
    }
    let _ = js_sys::Reflect::delete_property(all.unchecked_ref::<js_sys::Object>(), &key);
    let get = |k: &str| js_sys::Reflect::get(&pre, &wasm_bindgen::JsValue::from_str(k)).ok();
    // `null` where the engine has no AbortController (boot.js then only stops waiting).
    let abort = get("abort").and_then(|a| a.dyn_into::<AbortController>().ok());
    if get("body")?.as_string()? != body {
        if let Some(abort) = abort {
            abort.abort();
        }
        return None;
    }
    let promise = get("promise")?.dyn_into::<js_sys::Promise>().ok()?;
    Some(Prefetched { abort, promise })
}

impl Prefetched {
    /// Waits for the answer boot.js is receiving.
    pub async fn answer(self) -> Fetched {
        let (outcome, timed_out, at) =
            match wasm_bindgen_futures::JsFuture::from(self.promise).await {
                Ok(answer) => {
                    let field = |k: &str| {
                        js_sys::Reflect::get(&answer, &wasm_bindgen::JsValue::from_str(k)).ok()
                    };
                    let status = field("status").and_then(|v| v.as_f64()).unwrap_or(0.0) as u16;
                    let text = field("text")
                        .and_then(|v| v.as_string())
                        .unwrap_or_default();
                    // When boot.js received it: the clock pairs its Date header with that moment.
                    let at = field("at").and_then(|v| v.as_f64()).map(|v| v as i64);
                    (
                        Ok((status, text, field("date").and_then(|v| v.as_string()))),
                        false,
                        at,
                    )
                }
                Err(e) => {
                    // boot.js aborts its calls on its own timeout (or, without AbortController, stops
                    // waiting: a TimeoutError); the app aborts them on cleanup, when nobody reads the
                    // answer any more.
                    let timed_out = js_sys::Reflect::get(&e, &"name".into())
                        .ok()
                        .and_then(|n| n.as_string())
                        .is_some_and(|n| n == "AbortError" || n == "TimeoutError");
                    (Err("early call failed".to_owned()), timed_out, None)
                }
            };
        Fetched {
            outcome,
            timed_out,
            at: at.filter(|&t| t > 0 && t <= now()).unwrap_or_else(now),
        }
    }
}

/// An HTTP answer (status, body, `Date` header), or why none came.
type HttpOutcome = Result<(u16, String, Option<String>), String>;

async fn send(
    url: &str,
    time: &str,
    body: String,
    signal: Option<&web_sys::AbortSignal>,
) -> HttpOutcome {
    let request = Request::post(url)
        .query([("_time", time)])
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .abort_signal(signal)
        .body(body)
        .map_err(|e| e.to_string())?;
    let response = request.send().await.map_err(|e| e.to_string())?;
    let status = response.status();
    let date = response.headers().get("date");
    let text = response.text().await.map_err(|e| e.to_string())?;
    Ok((status, text, date))
}
