use leptos::prelude::*;

use crate::core::machine::{QrState, State};
use crate::core::present::Browser;
use crate::core::url_policy::{UrlPolicy, UrlUse};
use crate::dom::env;

/// `is_auto_open` = 1 on a phone: opens the app link once, after the QR is on screen, never where
/// the browser blocks that app (the guidance overlay shows there instead).
pub fn use_auto_open(
    state: ReadSignal<State>,
    qr_shown: Memo<bool>,
    browser: Browser,
    allowed: bool,
    urls: UrlPolicy,
) {
    let done = StoredValue::new(false);
    crate::hooks::effect(move || {
        if !allowed || done.get_value() || !qr_shown.get() {
            return;
        }
        let target = state.with(|s| {
            if !s.auto_open() {
                return None;
            }
            // The app inferred from the payload when the pay type says nothing: inside an in-app
            // browser an unknown app is never opened by itself.
            if !browser.may_auto_open(s.app()) {
                return None;
            }
            match &s.qr {
                Some(QrState::Ready { info, .. }) => info
                    .scheme
                    .as_deref()
                    .and_then(|u| urls.check(UrlUse::AppLink, u).ok()),
                _ => None,
            }
        });
        if let Some(url) = target {
            done.set_value(true);
            env::open_link(&url);
        }
    });
}
