//! The browser environment: time, location, user agent, languages, navigation, the mount element.
//! Every function degrades to a neutral value instead of failing.

use wasm_bindgen::JsCast;

pub fn window() -> Option<web_sys::Window> {
    web_sys::window()
}

pub fn document() -> Option<web_sys::Document> {
    window()?.document()
}

/// Local time in milliseconds since the epoch.
pub fn now_ms() -> i64 {
    js_sys::Date::now() as i64
}

/// When the page's HTML arrived (local ms), as boot.js recorded it (`window.__paypageBoot.htmlAt`):
/// the moment the injected `${.server_time}` belongs to. Now, when there is no sane record (a
/// page without the boot script, a record in the future or older than an hour: boot.js's own
/// rule for it, `htmlArrival`).
pub fn html_arrived_ms() -> i64 {
    let now = now_ms();
    window()
        .and_then(|w| js_sys::Reflect::get(&w, &"__paypageBoot".into()).ok())
        .filter(|b| b.is_object())
        .and_then(|b| js_sys::Reflect::get(&b, &"htmlAt".into()).ok())
        .and_then(|t| t.as_f64())
        .map(|t| t as i64)
        .filter(|&t| t <= now && now - t < 3_600_000)
        .unwrap_or(now)
}

/// One part of the page's location (empty without a window).
fn location(part: fn(&web_sys::Location) -> Result<String, wasm_bindgen::JsValue>) -> String {
    window()
        .and_then(|w| part(&w.location()).ok())
        .unwrap_or_default()
}

pub fn path() -> String {
    location(web_sys::Location::pathname)
}

/// The page's origin (`https://example.com:8080`).
pub fn origin() -> String {
    location(web_sys::Location::origin)
}

/// Records one more navigation for `order` in this tab (sessionStorage) and says whether it may
/// go out (`core::hops`). Without storage (private modes may refuse it) every navigation may:
/// the rules in the core remain.
pub fn take_hop(order: &str) -> bool {
    let Some(storage) = window().and_then(|w| w.session_storage().ok().flatten()) else {
        return true;
    };
    let key = ["paypage-hops:", order].concat();
    let stored = storage.get_item(&key).ok().flatten();
    let (allowed, record) = crate::core::hops::next_hop(stored.as_deref(), now_ms());
    let _ = storage.set_item(&key, &record);
    allowed
}

/// The sessionStorage key that records an app link opened for `order` in this tab (by the page
/// or by the customer's tap, the first paint's link included: boot.js writes the same key).
fn app_open_key(order: &str) -> String {
    ["paypage-app-opened:", order].concat()
}

/// Records that the app link of `order` is being opened in this tab; false when it was already
/// (the page opens it by itself at most once per order and tab). Without storage: true.
pub fn take_app_open(order: &str) -> bool {
    let Some(storage) = window().and_then(|w| w.session_storage().ok().flatten()) else {
        return true;
    };
    let key = app_open_key(order);
    if storage.get_item(&key).ok().flatten().is_some() {
        return false;
    }
    let _ = storage.set_item(&key, "1");
    true
}

/// Records the customer's own tap on an app link of `order` (it counts as the one opening).
pub fn note_app_open(order: &str) {
    if let Some(storage) = window().and_then(|w| w.session_storage().ok().flatten()) {
        let _ = storage.set_item(&app_open_key(order), "1");
    }
}

pub fn query() -> String {
    location(web_sys::Location::search)
}

pub fn user_agent() -> String {
    window()
        .and_then(|w| w.navigator().user_agent().ok())
        .unwrap_or_default()
}

/// `window.devicePixelRatio` (1 when there is no window).
pub fn device_pixel_ratio() -> f64 {
    window().map_or(1.0, |w| w.device_pixel_ratio())
}

pub fn languages() -> Vec<String> {
    let Some(nav) = window().map(|w| w.navigator()) else {
        return Vec::new();
    };
    let list: Vec<String> = nav
        .languages()
        .iter()
        .filter_map(|v| v.as_string())
        .collect();
    if list.is_empty() {
        nav.language().into_iter().collect()
    } else {
        list
    }
}

pub fn is_visible() -> bool {
    document().is_none_or(|d| d.visibility_state() == web_sys::VisibilityState::Visible)
}

/// Leaves the page for `url` (already allowed by the URL policy), replacing the history entry;
/// false when the browser refused it (an address it cannot parse).
pub fn navigate_replace(url: &str) -> bool {
    match window().map(|w| w.location().replace(url)) {
        Some(Err(e)) => {
            warn_value("paypage: navigation failed", &e);
            false
        }
        _ => true,
    }
}

/// Opens an app link (already allowed by the URL policy) in place.
pub fn open_link(url: &str) {
    if let Some(w) = window() {
        if let Err(e) = w.location().set_href(url) {
            warn_value("paypage: opening the app link failed", &e);
        }
    }
}

pub fn warn(message: &str) {
    web_sys::console::warn_1(&message.into());
}

/// A warning with the JavaScript value that came with it, handed to the console as it is (the
/// console shows it better than any formatting of ours, and costs the wasm nothing).
pub fn warn_value(message: &str, value: &wasm_bindgen::JsValue) {
    web_sys::console::warn_2(&message.into(), value);
}

/// The element the app mounts into.
pub fn mount_element() -> Option<web_sys::HtmlElement> {
    document()?
        .get_element_by_id("paypage")?
        .dyn_into::<web_sys::HtmlElement>()
        .ok()
}

/// The `data-*` attributes of an element, as `(name without "data-", value)`.
pub fn data_attributes(el: &web_sys::Element) -> Vec<(String, String)> {
    let attrs = el.attributes();
    (0..attrs.length())
        .filter_map(|i| attrs.item(i))
        .filter_map(|a| {
            a.name()
                .strip_prefix("data-")
                .map(|n| (n.to_owned(), a.value()))
        })
        .collect()
}

/// The element that has focus, if focus is on one (not on the document's body).
pub fn focused() -> Option<web_sys::Element> {
    let doc = document()?;
    doc.active_element().filter(|a| {
        doc.body()
            .is_none_or(|b| a != b.unchecked_ref::<web_sys::Element>())
    })
}

/// The screen's heading: every screen (`[data-phase]`) has one `h1`.
pub const SCREEN_HEADING: &str = "[data-phase] h1";

/// Focuses the first element found by one of `selectors`, in order (made focusable, outside the
/// Tab order, if it is not: a heading); true if one was found. An element that has focus already
/// (a heading leptos kept for a new screen, its text changed) is left and focused again, so that
/// a screen reader reads it anew.
pub fn focus_first_of(selectors: &[&str]) -> bool {
    let Some(doc) = document() else { return false };
    let Some(el) = selectors
        .iter()
        .find_map(|s| doc.query_selector(s).ok().flatten())
    else {
        return false;
    };
    if el.get_attribute("tabindex").is_none() {
        let _ = el.set_attribute("tabindex", "-1");
    }
    if let Some(h) = el.dyn_ref::<web_sys::HtmlElement>() {
        if doc.active_element().as_ref() == Some(&el) {
            let _ = h.blur();
        }
        let _ = h.focus();
    }
    true
}
