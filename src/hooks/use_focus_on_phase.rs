//! Focus on a new screen: when the order's phase changes, the new screen's heading takes focus
//! (keyboard and screen-reader users land on the news), or, where focus must stay, its title goes
//! to the live region. The decision is `core::announce::on_new_screen`'s; this hook reads where
//! focus is and moves it.

use std::cell::RefCell;
use std::rc::Rc;

use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::announce::{on_new_screen, Announcement, FocusAt, ScreenNews};
use crate::core::machine::Phase;
use crate::dom::env;

/// Moves focus to the new screen's heading (`[data-phase] h1`) when
/// `core::announce::on_new_screen` says so, and hands `say` (the announcer's) the title of a
/// screen that does not take focus: a screen reaches the screen reader once, by focus or by the
/// live region.
pub fn use_focus_on_phase(phase: Memo<Phase>, say: impl Fn(Announcement) + 'static) {
    // The element that last received focus: a control of the old screen, once it is gone, tells
    // that the customer was acting on that screen.
    // (Plain shared cells: a `StoredValue` of a new type costs the wasm more.)
    let last_focused = Rc::new(RefCell::new(None::<web_sys::Element>));
    let on_focusin = last_focused.clone();
    let focusin = window_event_listener_untyped("focusin", move |e| {
        *on_focusin.borrow_mut() = e.target().and_then(|t| t.dyn_into().ok());
    });
    on_cleanup(move || focusin.remove());
    // The last screen other than loading.
    let mut settled = None::<Phase>;
    // Runs after the new screen is in the page (effects run after rendering).
    crate::hooks::effect(move || {
        let now = phase.get();
        let focus = focus_at(last_focused.borrow().as_ref());
        match on_new_screen(settled.as_ref(), &now, focus) {
            ScreenNews::FocusHeading => {
                env::focus_first_of(&[env::SCREEN_HEADING]);
            }
            ScreenNews::Announce(a) => say(a),
            ScreenNews::Nothing => {}
        }
        if !matches!(now, Phase::Loading) {
            settled = Some(now);
        }
    });
}

/// Where focus is now, given the element that last received it. The main area and the headings
/// (tabindex -1: places the page puts focus on) are no control; nor is a heading that leptos kept
/// for the new screen (it rebuilds a screen of the same shape in place, the focused `h1` with it).
fn focus_at(last: Option<&web_sys::Element>) -> FocusAt {
    let control = |el: &web_sys::Element| el.get_attribute("tabindex").as_deref() != Some("-1");
    if env::focused().is_some_and(|a| control(&a)) {
        return FocusAt::Control;
    }
    match last {
        Some(el) if !el.is_connected() && control(el) => FocusAt::Lost,
        _ => FocusAt::Idle,
    }
}
