//! A modal dialog's focus (the guidance overlay): it takes focus when shown, keeps Tab and
//! Shift+Tab inside, closes on Escape, and gives focus back when closed.

use leptos::ev;
use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::dom::env;

/// What can take focus inside the dialog, in order.
const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), \
    select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex=\"-1\"])";

/// Runs the dialog `dialog` while `open`: on showing, focus moves to its first control (the
/// screen reader says the dialog's name and description, then the control); Tab and Shift+Tab
/// cycle through its controls and focus that wanders outside is brought back; Escape sets `open`
/// to false; on closing, focus returns to the element that had it before, or else to the
/// screen's heading. The listeners go with the owner (the dialog's component); a dialog removed
/// with its screen gives nothing back (the new screen decides, see `use_focus_on_phase`).
pub fn use_modal(dialog: NodeRef<html::Div>, open: ReadSignal<bool>, set_open: WriteSignal<bool>) {
    // Where focus was before the dialog took it; `Some` while the dialog holds focus.
    let before = StoredValue::new_local(None::<Option<web_sys::HtmlElement>>);
    Effect::new(move |_| {
        let shown = dialog.get().filter(|_| open.get());
        let holding = before.try_with_value(Option::is_some).unwrap_or(false);
        match shown {
            Some(el) if !holding => {
                let active = env::document()
                    .and_then(|d| d.active_element())
                    .and_then(|a| a.dyn_into::<web_sys::HtmlElement>().ok());
                before.try_set_value(Some(active));
                focus_first(&el);
            }
            None if holding => {
                let back = before.try_update_value(Option::take).flatten().flatten();
                give_back(back);
            }
            _ => {}
        }
    });
    let keydown = window_event_listener(ev::keydown, move |e| {
        let Some(el) = dialog.try_get_untracked().flatten() else {
            return;
        };
        if !open.try_get_untracked().unwrap_or(false) {
            return;
        }
        match e.key().as_str() {
            "Escape" => {
                e.prevent_default();
                set_open.try_set(false);
            }
            "Tab" => {
                e.prevent_default();
                cycle(&el, e.shift_key());
            }
            _ => {}
        }
    });
    let focusin = window_event_listener(ev::focusin, move |e| {
        let holding = before.try_with_value(Option::is_some).unwrap_or(false);
        let Some(el) = dialog.try_get_untracked().flatten() else {
            return;
        };
        let inside = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .is_some_and(|n| el.contains(Some(&n)));
        if holding && !inside && el.is_connected() {
            focus_first(&el);
        }
    });
    on_cleanup(move || {
        keydown.remove();
        focusin.remove();
    });
}

/// The dialog's controls, in document order.
fn controls(dialog: &web_sys::HtmlDivElement) -> Vec<web_sys::HtmlElement> {
    let Ok(list) = dialog.query_selector_all(FOCUSABLE) else {
        return Vec::new();
    };
    (0..list.length())
        .filter_map(|i| list.item(i))
        .filter_map(|n| n.dyn_into::<web_sys::HtmlElement>().ok())
        .collect()
}

/// Focuses the first control, or the dialog itself when it has none.
fn focus_first(dialog: &web_sys::HtmlDivElement) {
    let _ = match controls(dialog).first() {
        Some(c) => c.focus(),
        None => dialog.focus(),
    };
}

/// Moves focus to the next control (the previous with Shift), wrapping at either end.
fn cycle(dialog: &web_sys::HtmlDivElement, back: bool) {
    let all = controls(dialog);
    let active = env::document().and_then(|d| d.active_element());
    let at = all.iter().position(|c| {
        active
            .as_ref()
            .is_some_and(|a| a == c.unchecked_ref::<web_sys::Element>())
    });
    let n = all.len();
    let next = match (at, back) {
        (None, false) => 0,
        (None, true) => n.saturating_sub(1),
        (Some(i), false) => (i + 1) % n.max(1),
        (Some(i), true) => (i + n - 1) % n.max(1),
    };
    let _ = match all.get(next) {
        Some(c) => c.focus(),
        None => dialog.focus(),
    };
}

/// Gives focus back to `to` if it is still on the page, else to the screen's heading, else to
/// the main area.
fn give_back(to: Option<web_sys::HtmlElement>) {
    let Some(doc) = env::document() else { return };
    let fallback = || {
        ["[data-phase] h1", "main"]
            .iter()
            .find_map(|s| doc.query_selector(s).ok().flatten())
            .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    };
    let body = doc.body();
    let target = to
        .filter(|e| e.is_connected() && Some(e) != body.as_ref())
        .or_else(fallback);
    if let Some(t) = target {
        let _ = t.focus();
    }
}
