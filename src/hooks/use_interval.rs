use std::time::Duration;

use leptos::prelude::*;

/// Calls `tick` every `ms` milliseconds until the owner is cleaned up.
pub fn use_interval(ms: u64, tick: impl Fn() + 'static) {
    match set_interval_with_handle(tick, Duration::from_millis(ms)) {
        Ok(handle) => on_cleanup(move || handle.clear()),
        Err(e) => crate::dom::env::warn_value("paypage: setInterval failed", &e),
    }
}
