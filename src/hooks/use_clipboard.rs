use gloo_timers::callback::Timeout;
use leptos::prelude::*;
use wasm_bindgen::{JsCast, JsValue};
use wasm_bindgen_futures::JsFuture;

use crate::dom::env;

/// The feedback of the last copy.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum CopyState {
    Idle,
    /// `what` was copied.
    Copied(&'static str),
    /// Copying `what` failed.
    Failed(&'static str),
}

#[derive(Clone, Copy)]
pub struct UseClipboardReturn {
    pub state: ReadSignal<CopyState>,
    copy_fn: StoredValue<SendFn, LocalStorage>,
}

type SendFn = std::rc::Rc<dyn Fn(&'static str, String)>;

impl UseClipboardReturn {
    /// Copies `text`, remembering it as `what` for the feedback.
    pub fn copy(&self, what: &'static str, text: String) {
        if let Some(f) = self.copy_fn.try_get_value() {
            f(what, text);
        }
    }
}

/// Copy to the clipboard with visible feedback that resets after 2 s. Uses the async Clipboard API
/// and falls back to a selected text area and `execCommand('copy')` where the API is missing
/// (older in-app browsers, plain http).
pub fn use_clipboard() -> UseClipboardReturn {
    let (state, set_state) = signal(CopyState::Idle);
    // gloo-timers' Timeout: replacing or dropping it cancels it and frees its callback.
    let reset = StoredValue::new_local(None::<Timeout>);
    on_cleanup(move || {
        reset.try_update_value(|r| *r = None);
    });
    let copy_fn: SendFn = std::rc::Rc::new(move |what: &'static str, text: String| {
        leptos::task::spawn_local(async move {
            let ok = write_async(&text).await || write_fallback(&text);
            set_state.try_set(if ok {
                CopyState::Copied(what)
            } else {
                CopyState::Failed(what)
            });
            let timeout = Timeout::new(2000, move || {
                set_state.try_set(CopyState::Idle);
            });
            reset.try_update_value(|r| *r = Some(timeout));
        });
    });
    UseClipboardReturn {
        state,
        copy_fn: StoredValue::new_local(copy_fn),
    }
}

async fn write_async(text: &str) -> bool {
    let Some(w) = env::window() else { return false };
    let nav: JsValue = w.navigator().into();
    let has = js_sys::Reflect::get(&nav, &"clipboard".into())
        .map(|c| !c.is_undefined() && !c.is_null())
        .unwrap_or(false);
    if !has {
        return false;
    }
    let promise = w.navigator().clipboard().write_text(text);
    JsFuture::from(promise).await.is_ok()
}

fn write_fallback(text: &str) -> bool {
    let Some(doc) = env::document() else {
        return false;
    };
    let Some(body) = doc.body() else { return false };
    let Ok(el) = doc.create_element("textarea") else {
        return false;
    };
    let Ok(area) = el.dyn_into::<web_sys::HtmlTextAreaElement>() else {
        return false;
    };
    area.set_value(text);
    let _ = area.set_attribute("readonly", "");
    // A class, not a style attribute: a strict CSP (style-src 'self') refuses inline styles.
    area.set_class_name("pp-offscreen");
    if body.append_child(&area).is_err() {
        return false;
    }
    area.select();
    let ok = doc
        .dyn_ref::<web_sys::HtmlDocument>()
        .and_then(|d| d.exec_command("copy").ok())
        .unwrap_or(false);
    area.remove();
    ok
}
