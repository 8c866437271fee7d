//! A modal dialog's focus (the guidance overlay): it takes focus when shown, keeps Tab and
//! Shift+Tab inside, closes on Escape, and gives focus back when closed.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::html;
use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::dom::env;

/// What can take focus inside the dialog.
const FOCUSABLE: &str = "a[href], button:not([disabled]), input:not([disabled]), \
    select:not([disabled]), textarea:not([disabled]), [tabindex]:not([tabindex=\"-1\"])";

/// Runs the dialog `dialog` while `open`: on showing, focus moves to its first control (the
/// screen reader says the dialog's name and description, then the control); Tab and Shift+Tab
/// wrap around its controls and focus that wanders outside is brought back; Escape sets `open`
/// to false; on closing, focus returns to the element that had it before, or else to the
/// screen's heading, or else to the main area. The listeners go with the owner (the dialog's
/// component); a dialog removed with its screen gives nothing back (the new screen decides, see
/// `use_focus_on_phase`).
pub fn use_modal(dialog: NodeRef<html::Div>, open: ReadSignal<bool>, set_open: WriteSignal<bool>) {
    // While the dialog holds focus: where focus was before (the body when it was on nothing).
    // (A plain shared cell: a `StoredValue` of a new type costs the wasm more.)
    let before = Rc::new(RefCell::new(None::<web_sys::Element>));
    let held = before.clone();
    crate::hooks::effect(move || {
        let shown = dialog.get().filter(|_| open.get());
        let holding = held.borrow().is_some();
        match shown {
            Some(el) if !holding => {
                let active = env::document().and_then(|d| d.active_element());
                *held.borrow_mut() = Some(active.unwrap_or_else(|| el.clone().into()));
                focus_first(&el);
            }
            None if holding => {
                let back = held.borrow_mut().take();
                give_back(back);
            }
            _ => {}
        }
    });
    let keydown = window_event_listener_untyped("keydown", move |e| {
        let Some(el) = dialog.try_get_untracked().flatten() else {
            return;
        };
        if !open.try_get_untracked().unwrap_or(false) {
            return;
        }
        let key = e.unchecked_ref::<web_sys::KeyboardEvent>();
        match key.key().as_str() {
            "Escape" => {
                e.prevent_default();
                set_open.try_set(false);
            }
            "Tab" if wrap(&el, key.shift_key()) => e.prevent_default(),
            _ => {}
        }
    });
    let focusin = window_event_listener_untyped("focusin", move |e| {
        let Some(el) = dialog.try_get_untracked().flatten() else {
            return;
        };
        let inside = e
            .target()
            .and_then(|t| t.dyn_into::<web_sys::Node>().ok())
            .is_some_and(|n| el.contains(Some(&n)));
        if before.borrow().is_some() && !inside && el.is_connected() {
            focus_first(&el);
        }
    });
    on_cleanup(move || {
        keydown.remove();
        focusin.remove();
    });
}

/// The dialog's first and last controls.
fn ends(dialog: &web_sys::HtmlDivElement) -> Option<(web_sys::HtmlElement, web_sys::HtmlElement)> {
    let list = dialog.query_selector_all(FOCUSABLE).ok()?;
    let at = |i| list.item(i)?.dyn_into::<web_sys::HtmlElement>().ok();
    Some((at(0)?, at(list.length().checked_sub(1)?)?))
}

fn focus_first(dialog: &web_sys::HtmlDivElement) {
    if let Some((first, _)) = ends(dialog) {
        let _ = first.focus();
    }
}

/// Tab on the last control goes to the first, Shift+Tab on the first to the last (and either from
/// anywhere else in or out of the dialog goes to the first or the last); true when it moved focus.
/// Between the two ends the browser moves focus itself.
fn wrap(dialog: &web_sys::HtmlDivElement, back: bool) -> bool {
    let Some((first, last)) = ends(dialog) else {
        return false;
    };
    let active = env::focused();
    let is = |c: &web_sys::HtmlElement| active.as_ref() == Some(c.unchecked_ref());
    let inside = active.as_ref().is_some_and(|a| dialog.contains(Some(a)));
    let to = match back {
        true if is(&first) || !inside => &last,
        false if is(&last) || !inside => &first,
        _ => return false,
    };
    let _ = to.focus();
    true
}

/// Gives focus back to `to` if it is a control still on the page, else to the screen's heading,
/// else to the main area.
fn give_back(to: Option<web_sys::Element>) {
    let body = env::document().and_then(|d| d.body());
    match to
        .filter(|e| {
            e.is_connected()
                && body
                    .as_ref()
                    .is_none_or(|b| e != b.unchecked_ref::<web_sys::Element>())
        })
        .and_then(|e| e.dyn_into::<web_sys::HtmlElement>().ok())
    {
        Some(e) => {
            let _ = e.focus();
        }
        None => {
            env::focus_first_of(&[env::SCREEN_HEADING, "main"]);
        }
    }
}
