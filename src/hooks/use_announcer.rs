//! The live region's announcements: a new screen that did not take focus, the connection lost,
//! the last status check, the countdown crossing a threshold (the decisions are
//! `core::announce`'s; `words` turns one into the page's language, so this hook holds no text).
//!
//! The live region is the one way status news reach a screen reader: the screens' banners
//! (reconnecting, checking) are not live regions of their own, so nothing is said twice.

use leptos::prelude::*;

use crate::core::announce::{self, Announcement};

/// What [`use_announcer`] listens to, and how it words an announcement. Concrete signal types,
/// not `Signal<T>`: each new signal type costs the wasm code of its own.
pub struct UseAnnouncerOptions {
    /// The connection is lost (the reconnecting banner).
    pub reconnecting: Memo<bool>,
    /// A status check the customer asked for is running.
    pub checking: Memo<bool>,
    /// Seconds left on the order's countdown.
    pub remaining: ReadSignal<Option<i64>>,
    /// An announcement in the page's language.
    pub words: fn(&Announcement) -> String,
}

/// What [`use_announcer`] returns.
#[derive(Clone, Copy)]
pub struct UseAnnouncerReturn<Say: Fn(Announcement) + Copy + 'static> {
    /// The latest announcement in words (empty until there is one): the live region's text.
    pub text: ReadSignal<String>,
    /// Says one more (for `use_focus_on_phase`: the title of a screen that does not take focus).
    pub say: Say,
}

/// Announces the connection lost, a status check and the countdown's thresholds in the live
/// region's text.
pub fn use_announcer(
    options: UseAnnouncerOptions,
) -> UseAnnouncerReturn<impl Fn(Announcement) + Copy + 'static> {
    let UseAnnouncerOptions {
        reconnecting,
        checking,
        remaining,
        words,
    } = options;
    let (latest, set_latest) = signal(String::new());
    let say = move |a: Announcement| {
        set_latest.try_set(words(&a));
    };
    // The time left at the effect's previous run (`None` before its first).
    let mut before: Option<i64> = None;
    crate::hooks::effect(move || {
        let now = remaining.get();
        if let Some(a) = announce::for_countdown(before, now) {
            say(a);
        }
        before = now;
    });
    crate::hooks::effect(move || {
        let lost = Announcement::Reconnecting;
        if reconnecting.get() {
            say(lost);
        } else if latest.get_untracked() == words(&lost) {
            // The connection is back: empty the region (not announced), so that a later loss is
            // a change of its text and is announced again.
            set_latest.set(String::new());
        }
    });
    crate::hooks::effect(move || {
        if checking.get() {
            say(Announcement::Checking);
        }
    });
    UseAnnouncerReturn { text: latest, say }
}
