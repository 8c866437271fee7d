//! The live region's announcements: the order's new phase, the connection lost, the countdown
//! crossing a threshold (the decisions are `core::announce`'s; `words` turns one into the page's
//! language, so this hook holds no text).

use leptos::prelude::*;

use crate::core::announce::{self, Announcement};
use crate::core::machine::Phase;

/// The latest announcement in words (empty until there is one). Concrete signal types, not
/// `Signal<T>`: each new signal type costs the wasm code of its own.
pub fn use_announcer(
    phase: Memo<Phase>,
    reconnecting: Memo<bool>,
    remaining: ReadSignal<Option<i64>>,
    words: fn(&Announcement) -> String,
) -> ReadSignal<String> {
    let (latest, set_latest) = signal(String::new());
    let say = move |a: Announcement| set_latest.set(words(&a));
    Effect::new(move |before: Option<Option<i64>>| {
        let now = remaining.get();
        if let Some(a) = announce::for_countdown(before.flatten(), now) {
            say(a);
        }
        now
    });
    Effect::new(move |_| {
        if let Some(a) = phase.with(announce::for_phase) {
            say(a);
        }
    });
    Effect::new(move |_| {
        if reconnecting.get() {
            say(Announcement::Reconnecting);
        }
    });
    latest
}
