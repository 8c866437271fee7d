use leptos::prelude::*;

/// Replaces the page's first paint with the app's screen once `settled` is true (see
/// `core::machine::State::settled`); nothing when the app was mounted without a first paint.
pub fn use_takeover(settled: Signal<bool>) {
    Effect::new(move |_| {
        if settled.get() {
            crate::dom::takeover::reveal();
        }
    });
}
