use gloo_timers::callback::Interval;
use leptos::prelude::*;
use send_wrapper::SendWrapper;

/// Calls `tick` every `ms` milliseconds until the owner is cleaned up, which cancels the interval
/// and frees its callback (gloo-timers' `Interval` owns it).
pub fn use_interval(ms: u32, tick: impl FnMut() + 'static) {
    let interval = SendWrapper::new(Interval::new(ms, tick));
    on_cleanup(move || drop(interval));
}
