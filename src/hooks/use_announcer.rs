//! The live region's announcements: the order's new phase, the connection lost, the countdown
//! crossing a threshold (the decisions are `core::announce`'s).

use leptos::prelude::*;

use crate::core::announce::{self, Announcement};
use crate::core::machine::Phase;

/// The latest announcement (`None` until there is one).
pub fn use_announcer(
    phase: Signal<Phase>,
    reconnecting: Signal<bool>,
    remaining: Signal<Option<i64>>,
) -> ReadSignal<Option<Announcement>> {
    let (latest, set_latest) = signal(None::<Announcement>);
    Effect::new(move |before: Option<Option<i64>>| {
        let now = remaining.get();
        if let Some(a) = announce::for_countdown(before.flatten(), now) {
            set_latest.set(Some(a));
        }
        now
    });
    Effect::new(move |_| {
        if let Some(a) = phase.with(announce::for_phase) {
            set_latest.set(Some(a));
        }
    });
    Effect::new(move |_| {
        if reconnecting.get() {
            set_latest.set(Some(Announcement::Reconnecting));
        }
    });
    latest
}
