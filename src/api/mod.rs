//! The API layer: the thin browser adapter that sends template-API calls and hands the answers to
//! the core's decoders. Types, decoding and errors live in `core` (`core::model`, `core::wire`,
//! `core::error`); this module only moves bytes.
//!
//! Invariant: every request has a timeout that aborts the fetch, and an `AbortController` its
//! owner (the `use_order` hook) aborts on cleanup.

use std::cell::Cell;
use std::rc::Rc;

use gloo_net::http::Request;
use gloo_timers::callback::Timeout;
use serde_json::Value;
use web_sys::AbortController;

use crate::core::error::{Error, ErrorKind};
use crate::core::order_ref::OrderRef;
use crate::core::wire::{decode_reply, Reply};

/// The four template API endpoints.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Endpoint {
    Info,
    Status,
    Qrcode,
    Audio,
}

impl Endpoint {
    pub fn name(self) -> &'static str {
        match self {
            Self::Info => "info",
            Self::Status => "status",
            Self::Qrcode => "qrcode",
            Self::Audio => "audio",
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

/// A decoded answer and the `Date` header that came with it (for the server clock).
pub struct Answer<T> {
    pub reply: Reply<T>,
    pub date: Option<String>,
}

impl ApiClient {
    /// `<base>/api/order/<name>`; the request adds `?_time=<ms>` (cache busting for CDNs).
    pub fn path(&self, endpoint: Endpoint) -> String {
        format!("{}/api/order/{}", self.base, endpoint.name())
    }

    /// POSTs `{"order_id": ...}` (or `out_order_id` + `pid`) and decodes the envelope with
    /// `parse`. `abort` lets the caller cancel; the timeout aborts it too.
    pub async fn call<T>(
        &self,
        endpoint: Endpoint,
        order: &OrderRef,
        abort: &AbortController,
        parse: fn(&Value) -> Result<T, Error>,
    ) -> Answer<T> {
        let url = self.path(endpoint);
        let time = (js_sys::Date::now() as i64).to_string();
        let timed_out = Rc::new(Cell::new(false));
        let timer = {
            let abort = abort.clone();
            let flag = timed_out.clone();
            Timeout::new(self.timeout_ms, move || {
                flag.set(true);
                abort.abort();
            })
        };
        let result = send(&url, &time, order.body(), abort).await;
        drop(timer);
        match result {
            Ok((status, body, date)) => Answer {
                reply: decode_reply(status, &body, parse),
                date,
            },
            Err(detail) => {
                let kind = if timed_out.get() {
                    ErrorKind::Timeout
                } else {
                    ErrorKind::Network
                };
                Answer {
                    reply: Reply::err(Error::new(kind, detail)),
                    date: None,
                }
            }
        }
    }
}

async fn send(
    url: &str,
    time: &str,
    body: String,
    abort: &AbortController,
) -> Result<(u16, String, Option<String>), String> {
    let signal = abort.signal();
    let request = Request::post(url)
        .query([("_time", time)])
        .header("Content-Type", "application/json")
        .header("Accept", "application/json")
        .abort_signal(Some(&signal))
        .body(body)
        .map_err(|e| e.to_string())?;
    let response = request.send().await.map_err(|e| e.to_string())?;
    let status = response.status();
    let date = response.headers().get("date");
    let text = response.text().await.map_err(|e| e.to_string())?;
    Ok((status, text, date))
}
