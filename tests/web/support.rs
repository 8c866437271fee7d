//! What every browser test uses: a fresh container with the page context, element lookups, a
//! fake template API, an idle order machine.

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use paypage::app::{Boot, Injected};
use paypage::components::{provide_page, PageContext, PageKind};
use paypage_core::config::PageConfig;
use paypage_core::i18n::{Locale, Texts};
use paypage_core::model::{QrInfo, QrType};
use paypage_core::order_ref::OrderRef;
use paypage_core::present::Browser;

pub fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

pub fn container() -> web_sys::HtmlElement {
    let div = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

pub fn context(locale: Locale) -> PageContext {
    PageContext {
        texts: Texts::new(locale),
        config: PageConfig::default(),
        browser: Browser {
            mobile: false,
            in_app: None,
            ios: false,
        },
        kind: PageKind::Pay,
        display_id: "P1".into(),
    }
}

/// Mounts a view with the page context into a fresh container.
pub fn mount_with<V: IntoView + 'static>(
    ctx: PageContext,
    view: impl FnOnce() -> V + 'static,
) -> (web_sys::HtmlElement, leptos::mount::UnmountHandle<V::State>) {
    let el = container();
    let handle = leptos::mount::mount_to(el.clone(), move || {
        provide_page(ctx);
        view()
    });
    (el, handle)
}

/// The element `selector` finds in `root` (it must exist).
pub fn element(root: &web_sys::Element, selector: &str) -> web_sys::HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap()
        .unchecked_into()
}

pub async fn sleep(ms: u64) {
    gloo_timers::future::sleep(Duration::from_millis(ms)).await;
}

/// A task of the event loop later (a 0 ms timer): Leptos runs effects, and the fake APIs answer,
/// in microtasks, so everything a signal change or a resolved call set going has run by then.
pub async fn next_task() {
    sleep(0).await;
}

/// Waits until `selector` exists in `root` (up to 5 s) and returns its text.
pub async fn text_of(root: &web_sys::Element, selector: &str) -> String {
    for _ in 0..100 {
        if let Some(el) = root.query_selector(selector).unwrap() {
            return el.text_content().unwrap_or_default();
        }
        sleep(50).await;
    }
    panic!("{selector} never appeared in {}", root.inner_html());
}

/// Waits until `selector` exists in `root` (up to 5 s) and returns it.
pub async fn wait_for(root: &web_sys::Element, selector: &str) -> web_sys::HtmlElement {
    text_of(root, selector).await;
    element(root, selector)
}

/// Replaces `window.fetch` with a fake template API; returns the log of called URLs (a JS array).
/// Status answers pending until [`answer_status`] gives another body.
pub fn fake_api(info: &str) -> js_sys::Array {
    fake_api_with(info, None)
}

/// The fake API with its own qrcode answer (else a plain Alipay code).
pub fn fake_api_with(info: &str, qrcode: Option<&str>) -> js_sys::Array {
    let calls = js_sys::Array::new();
    let window = web_sys::window().unwrap();
    js_sys::Reflect::set(&window, &"__calls".into(), &calls).unwrap();
    js_sys::Reflect::set(&window, &"__info".into(), &info.into()).unwrap();
    let qrcode = qrcode
        .map(wasm_bindgen::JsValue::from)
        .unwrap_or(wasm_bindgen::JsValue::NULL);
    js_sys::Reflect::set(&window, &"__qrcode".into(), &qrcode).unwrap();
    js_sys::Reflect::delete_property(window.unchecked_ref::<js_sys::Object>(), &"__status".into())
        .unwrap();
    let f = js_sys::Function::new_with_args(
        "url, init",
        r#"
        const u = typeof url === 'string' ? url : url.url;
        window.__calls.push(u);
        let body;
        if (u.includes('/api/order/info')) body = window.__info;
        else if (u.includes('/api/order/qrcode') && window.__qrcode) body = window.__qrcode;
        else if (u.includes('/api/order/qrcode')) body = JSON.stringify({code: 200, data: {type: 'qrcode', qrcode: 'https://qr.alipay.com/test', scheme: 'alipays://platformapi/startapp?saId=10000007'}});
        else if (u.includes('/api/order/status')) body = window.__status || JSON.stringify({code: 200, data: {status: 1, expire_time: Math.floor(Date.now() / 1000) + 300}});
        else body = JSON.stringify({code: 200, data: {audio_enable: 0}});
        return new Promise((resolve, reject) => {
            const signal = (init && init.signal) || (typeof url === 'string' ? null : url.signal);
            if (signal && signal.aborted) return reject(new DOMException('aborted', 'AbortError'));
            resolve(new Response(body, {status: 200, headers: {'content-type': 'application/json'}}));
        });
        "#,
    );
    js_sys::Reflect::set(&window, &"fetch".into(), &f).unwrap();
    calls
}

/// Where the ticking order's calls go (answered and logged apart from the fake API in place).
const TICK_BASE: &str = "https://tick.invalid";

/// In front of whatever `window.fetch` is (any test's fake API): the ticking order's calls, to
/// [`TICK_BASE`], answered as a pending order and logged in the array it returns; every other call
/// goes on to the fetch that was there. `window.__untick()` puts that fetch back.
const TICKING_FETCH: &str = r#"
    const inner = window.fetch;
    const ticks = [];
    window.fetch = function (url, init) {
        const u = typeof url === 'string' ? url : url.url;
        if (!u.startsWith(base)) return inner.apply(this, arguments);
        ticks.push(u);
        let body;
        if (u.includes('/api/order/info')) body = info;
        else if (u.includes('/api/order/qrcode')) body = JSON.stringify({code: 200, data: {type: 'qrcode', qrcode: 'https://qr.alipay.com/tick', scheme: 'alipays://platformapi/startapp?saId=10000007'}});
        else if (u.includes('/api/order/status')) body = JSON.stringify({code: 200, data: {status: 1, expire_time: Math.floor(Date.now() / 1000) + 300}});
        else body = JSON.stringify({code: 200, data: {audio_enable: 0}});
        return Promise.resolve(new Response(body, {status: 200, headers: {'content-type': 'application/json'}}));
    };
    window.__untick = () => { window.fetch = inner; };
    return ticks;
"#;

/// The positive event a negative check waits for: a pending order, mounted beside the one under
/// test with its calls answered and logged apart (whatever fake API the test installed), makes
/// `polls` status calls after its first, each one a poll interval (2 s) of the page's own timers
/// later. Whatever the order under test would do by a timer of the same kind has been done by
/// then. Unmounts the ticking order and removes its fetch before it returns.
pub async fn after_status_polls(polls: usize) {
    let ticks: js_sys::Array = js_sys::Function::new_with_args("base, info", TICKING_FETCH)
        .call2(
            &wasm_bindgen::JsValue::NULL,
            &TICK_BASE.into(),
            &PENDING_INFO.into(),
        )
        .unwrap()
        .unchecked_into();
    let mut ctx = context(Locale::ZhCn);
    ctx.config.api_base = TICK_BASE.into();
    let boot = Boot {
        context: ctx,
        ..boot("S1")
    };
    let el = container();
    let handle = leptos::mount::mount_to(
        el.clone(),
        move || leptos::view! { <paypage::app::Root boot=boot/> },
    );
    let statuses = || status_calls(&ticks);
    until(
        || statuses() > polls,
        "the ticking order's status calls",
        15_000,
    )
    .await;
    drop(handle);
    el.remove();
    js_sys::Function::new_no_args("window.__untick()")
        .call0(&wasm_bindgen::JsValue::NULL)
        .unwrap();
}

/// Waits until `ok()` holds, checking every 20 ms up to `timeout_ms`; panics naming `what` when
/// it never does. For a positive condition the page reaches by its own effects or timers.
pub async fn until(mut ok: impl FnMut() -> bool, what: &str, timeout_ms: u64) {
    for _ in 0..timeout_ms.div_ceil(20) {
        if ok() {
            return;
        }
        sleep(20).await;
    }
    assert!(ok(), "timed out after {timeout_ms} ms waiting for {what}");
}

pub fn boot(id: &str) -> Boot {
    Boot {
        context: PageContext {
            display_id: id.into(),
            ..context(Locale::ZhCn)
        },
        order: Some(OrderRef::OrderId(id.into())),
        injected: Injected::default(),
    }
}

pub const PENDING_INFO: &str = r#"{"code":200,"message":"success","data":{"order_id":"S1","subject":"会员充值","status":1,"amount":1000,"trade_amount":1000,"pay_type":"alipay","expire_time":4102444800}}"#;

pub fn qr_info(kind: QrType) -> QrInfo {
    QrInfo {
        kind,
        qrcode_data: None,
        qrcode: Some("https://qr.alipay.com/x".into()),
        scheme: Some("alipays://platformapi/startapp?saId=10000007".into()),
        ..QrInfo::default()
    }
}

/// A dispatch for components that need one: a machine nobody starts (no fetch happens; the
/// component tests that use it check `no_calls`).
pub fn idle_dispatch() -> paypage::hooks::Dispatch {
    fake_api(r#"{"code":500,"message":"unused"}"#);
    paypage::hooks::use_order(paypage::hooks::UseOrderOptions {
        order: OrderRef::OrderId("X".into()),
        client: paypage::api::ApiClient {
            base: String::new(),
            timeout_ms: 1000,
        },
        machine: Default::default(),
        clock: Default::default(),
        start: false,
    })
    .dispatch
}

/// The fake API's log is empty: nothing was fetched.
pub fn assert_no_calls() {
    let calls = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__calls".into()).unwrap();
    let calls: js_sys::Array = calls.unchecked_into();
    assert_eq!(
        calls.length(),
        0,
        "requests were made: {:?}",
        calls.to_vec()
    );
}

/// From now on the fake API's status calls answer `body`.
pub fn answer_status(body: &str) {
    let window = web_sys::window().unwrap();
    js_sys::Reflect::set(&window, &"__status".into(), &body.into()).unwrap();
}

/// The element that has focus (`None`: the document's body, or nothing).
pub fn focused() -> Option<web_sys::Element> {
    document()
        .active_element()
        .filter(|a| a.tag_name() != "BODY")
}

/// The id of the element that has focus ("" when focus is on no element).
pub fn focused_id() -> String {
    focused().map(|e| e.id()).unwrap_or_default()
}

/// Presses `key` (with Shift when `shift`) on the element that has focus; returns whether the page
/// took the key (called `preventDefault`).
pub fn press(key: &str, shift: bool) -> bool {
    let f = js_sys::Function::new_with_args(
        "key, shift",
        "const target = document.activeElement || document.body;
         const e = new KeyboardEvent('keydown', {key, shiftKey: shift, bubbles: true, cancelable: true});
         target.dispatchEvent(e);
         return e.defaultPrevented;",
    );
    f.call2(&wasm_bindgen::JsValue::NULL, &key.into(), &shift.into())
        .unwrap()
        .is_truthy()
}

/// What a screen reader reads of `el`: its text without what is `aria-hidden`, spaces collapsed.
pub fn spoken_text(el: &web_sys::Element) -> String {
    let f = js_sys::Function::new_with_args(
        "el",
        "const walk = (n) => n.nodeType === 3 ? n.data
             : n.nodeType === 1 && n.getAttribute('aria-hidden') !== 'true' ? [...n.childNodes].map(walk).join(' ')
             : '';
         return walk(el).replace(/\\s+/g, ' ').trim();",
    );
    f.call1(&wasm_bindgen::JsValue::NULL, el)
        .unwrap()
        .as_string()
        .unwrap()
}

/// What the page's live regions say while it lives: every change of a live region's text (and
/// every live region inserted with text, which some screen readers announce), as a screen reader
/// would hear it. Regions are `aria-live` polite/assertive, `role` status/alert/log; `aria-live`
/// off and `role=timer` are silent.
pub struct LiveLog(js_sys::Array);

impl LiveLog {
    pub fn start() -> Self {
        let f = js_sys::Function::new_no_args(
            r#"
            const said = [];
            const region = (el) => {
                const live = el.getAttribute('aria-live');
                if (live) return live !== 'off';
                return ['status', 'alert', 'log'].includes(el.getAttribute('role'));
            };
            const silent = (el) => el.getAttribute('aria-live') === 'off' || (!el.hasAttribute('aria-live') && ['timer', 'marquee'].includes(el.getAttribute('role')));
            const regionOf = (node) => {
                for (let el = node.nodeType === 1 ? node : node.parentElement; el; el = el.parentElement) {
                    if (silent(el)) return null;
                    if (region(el)) return el;
                }
                return null;
            };
            const observer = new MutationObserver((records) => {
                const touched = new Set();
                for (const r of records) {
                    const around = regionOf(r.target);
                    if (around) touched.add(around);
                    for (const n of r.addedNodes) {
                        if (n.nodeType !== 1) continue;
                        for (const el of [n, ...n.querySelectorAll('*')]) {
                            if (region(el) && regionOf(el) === el) touched.add(el);
                        }
                    }
                }
                for (const el of touched) {
                    if (!el.isConnected) continue;
                    const text = el.textContent.replace(/\s+/g, ' ').trim();
                    if (text) said.push(text);
                }
            });
            observer.observe(document.body, {subtree: true, childList: true, characterData: true});
            said.observer = observer;
            return said;
            "#,
        );
        Self(
            f.call0(&wasm_bindgen::JsValue::NULL)
                .unwrap()
                .unchecked_into(),
        )
    }

    /// Everything said so far, in order.
    pub fn said(&self) -> Vec<String> {
        self.0.iter().filter_map(|v| v.as_string()).collect()
    }

    /// How many times something containing `words` was said.
    pub fn count(&self, words: &str) -> usize {
        self.said().iter().filter(|s| s.contains(words)).count()
    }
}

impl Drop for LiveLog {
    fn drop(&mut self) {
        let stop = js_sys::Function::new_with_args("said", "said.observer.disconnect()");
        stop.call1(&wasm_bindgen::JsValue::NULL, &self.0).unwrap();
    }
}

/// The voice broadcast switched off, for tests that mount screens without it.
pub fn silent_audio() -> paypage::hooks::UseAudioReturn {
    paypage::hooks::use_audio_with_options(
        Memo::new(|_| None),
        Memo::new(|_| false),
        paypage::hooks::UseAudioOptions {
            policy: paypage_core::config::AudioPolicy::Off,
            ..paypage::hooks::UseAudioOptions::default()
        },
    )
}

/// How many `/api/order/status` calls a fake API's log (`fake_api`) holds.
pub fn status_calls(calls: &js_sys::Array) -> usize {
    calls
        .iter()
        .filter(|u| {
            u.as_string()
                .is_some_and(|u| u.contains("/api/order/status"))
        })
        .count()
}
