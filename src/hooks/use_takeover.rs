use leptos::prelude::*;

/// The longest the app stays hidden behind the page's first paint: if its screen has not settled
/// by then (a slow or failing info adoption), it is shown as it is rather than never.
const MAX_HIDDEN_MS: u32 = 4_000;

/// Replaces the page's first paint with the app's screen once `settled` is true (see
/// `core::machine::State::settled`), or after [`MAX_HIDDEN_MS`] at the latest; nothing when the
/// app was mounted without a first paint. The timer is dropped (cancelled) on cleanup.
pub fn use_takeover(settled: Signal<bool>) {
    // Without a first paint (most mounts, and every test) there is nothing to take over: no
    // effect, no timer.
    if !crate::dom::takeover::pending() {
        return;
    }
    crate::hooks::effect(move || {
        if settled.get() {
            crate::dom::takeover::reveal();
        }
    });
    let latest = send_wrapper::SendWrapper::new(gloo_timers::callback::Timeout::new(
        MAX_HIDDEN_MS,
        crate::dom::takeover::reveal,
    ));
    on_cleanup(move || drop(latest));
}
