//! Focus on a new screen: when the order's phase changes, the new screen's heading takes focus
//! (keyboard and screen-reader users land on the news), or, where focus must stay, its title goes
//! to the live region. The decision is `core::announce::on_new_screen`'s; this hook reads where
//! focus is and moves it.

use leptos::ev;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::announce::{on_new_screen, Announcement, FocusAt, ScreenNews};
use crate::core::machine::Phase;
use crate::dom::env;

/// The heading a screen is entered on: every screen (`[data-phase]`) has one `h1`.
const HEADING: &str = "[data-phase] h1";

/// Moves focus to the new screen's heading when `core::announce::on_new_screen` says so. Returns
/// the announcement of a screen that did not take focus (`None` until there is one), for the
/// announcer: a screen reaches the screen reader once, by focus or by the live region.
pub fn use_focus_on_phase(phase: Memo<Phase>) -> ReadSignal<Option<Announcement>> {
    let (news, set_news) = signal(None::<Announcement>);
    // The element that last received focus: a control of the old screen, once it is gone, tells
    // that the customer was acting on that screen.
    let last_focused = StoredValue::new_local(None::<web_sys::Element>);
    let focusin = window_event_listener(ev::focusin, move |e| {
        let target = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Element>().ok());
        last_focused.try_set_value(target);
    });
    on_cleanup(move || focusin.remove());
    // Runs after the new screen is in the page (effects run after rendering); remembers the last
    // screen other than loading.
    Effect::new(move |settled: Option<Option<Phase>>| {
        let settled = settled.flatten();
        let now = phase.get();
        let focus = focus_at(last_focused.try_get_value().flatten());
        match on_new_screen(settled.as_ref(), &now, focus) {
            ScreenNews::FocusHeading => focus_heading(),
            ScreenNews::Announce(a) => {
                set_news.try_set(Some(a));
            }
            ScreenNews::Nothing => {}
        }
        if now == Phase::Loading {
            settled
        } else {
            Some(now)
        }
    });
    news
}

/// Where focus is now, given the element that last received it.
fn focus_at(last: Option<web_sys::Element>) -> FocusAt {
    let active = env::document().and_then(|d| d.active_element());
    if active.is_some_and(|a| !is_nowhere(&a)) {
        return FocusAt::Control;
    }
    // A heading the page focused (tabindex -1) is a place to read from, not a control.
    match last {
        Some(el) if !el.is_connected() && el.get_attribute("tabindex").as_deref() != Some("-1") => {
            FocusAt::Lost
        }
        _ => FocusAt::Idle,
    }
}

/// The document itself or the main area: focus on no control.
fn is_nowhere(el: &web_sys::Element) -> bool {
    matches!(el.tag_name().as_str(), "BODY" | "HTML" | "MAIN")
}

/// Focuses the screen's heading (made focusable here if a screen forgot `tabindex="-1"`).
fn focus_heading() {
    let Some(heading) = env::document().and_then(|d| d.query_selector(HEADING).ok().flatten())
    else {
        return;
    };
    if !heading.has_attribute("tabindex") {
        let _ = heading.set_attribute("tabindex", "-1");
    }
    if let Some(h) = heading.dyn_ref::<web_sys::HtmlElement>() {
        let _ = h.focus();
    }
}
