//! The live region's announcements: a new screen that did not take focus, the connection lost,
//! the countdown crossing a threshold (the decisions are `core::announce`'s; `words` turns one
//! into the page's language, so this hook holds no text).

use leptos::prelude::*;

use crate::core::announce::{self, Announcement};

/// The latest announcement in words (empty until there is one). `screen` is what
/// `use_focus_on_phase` left to announce. Concrete signal types, not `Signal<T>`: each new signal
/// type costs the wasm code of its own.
pub fn use_announcer(
    screen: ReadSignal<Option<Announcement>>,
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
        if let Some(a) = screen.get() {
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
