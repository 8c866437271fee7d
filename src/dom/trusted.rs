//! Trusted Types: the page works under `Content-Security-Policy: require-trusted-types-for
//! 'script'; trusted-types paypage`.
//!
//! The app writes no HTML string into the page (the QR is an `<img>` of a PNG data URL the core
//! writes, containers are emptied through `textContent`). leptos's `view!` builds a *fully static* element (literal
//! attributes and text only) from an HTML string through `innerHTML`, which Trusted Types refuse:
//! every such element has one expression in it (see `STOP_MARK` in `components::screens`); the
//! strict-CSP e2e run fails if one slips in. The one place a string becomes markup is the sanitizer's
//! `DOMParser.parseFromString`, which parses merchant HTML into an inert document that is then
//! copied node by node through the allow-list: that call goes through the one named policy,
//! `paypage`, created once. Without Trusted Types in the browser, the string is passed as it is.

use std::cell::OnceCell;

use wasm_bindgen::closure::Closure;
use wasm_bindgen::{JsCast, JsValue};

/// The name of the page's policy (the CSP's `trusted-types` directive must allow it).
pub const POLICY: &str = "paypage";

thread_local! {
    static POLICY_OBJECT: OnceCell<Option<JsValue>> = const { OnceCell::new() };
}

/// `trustedTypes.createPolicy("paypage", { createHTML })`, once; `None` where the browser has no
/// Trusted Types (or refuses the policy).
fn policy() -> Option<JsValue> {
    POLICY_OBJECT.with(|cell| {
        cell.get_or_init(|| {
            let window = web_sys::window()?;
            let factory = js_sys::Reflect::get(&window, &"trustedTypes".into()).ok()?;
            if factory.is_undefined() || factory.is_null() {
                return None;
            }
            let create = js_sys::Reflect::get(&factory, &"createPolicy".into())
                .ok()?
                .dyn_into::<js_sys::Function>()
                .ok()?;
            // Identity: what it makes is only ever parsed into an inert document by the
            // sanitizer, never inserted into the page.
            let create_html = Closure::<dyn Fn(String) -> String>::new(|s: String| s);
            let options = js_sys::Object::new();
            js_sys::Reflect::set(&options, &"createHTML".into(), create_html.as_ref()).ok()?;
            // The policy lives as long as the page: its callback must too.
            create_html.forget();
            create.call2(&factory, &POLICY.into(), &options).ok()
        })
        .clone()
    })
}

/// `html` as the sanitizer's parser input: a `TrustedHTML` made by the `paypage` policy where the
/// browser has Trusted Types, else the string.
pub fn html_for_parser(html: &str) -> JsValue {
    let Some(policy) = policy() else {
        return JsValue::from_str(html);
    };
    js_sys::Reflect::get(&policy, &"createHTML".into())
        .ok()
        .and_then(|f| f.dyn_into::<js_sys::Function>().ok())
        .and_then(|f| f.call1(&policy, &JsValue::from_str(html)).ok())
        .unwrap_or_else(|| JsValue::from_str(html))
}
