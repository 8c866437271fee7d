use leptos::prelude::*;

use crate::core::announce::time_left_words;
use crate::core::clock::{format_countdown, EXPIRING_SOON_SECS};
use crate::core::i18n::Key;

use super::{page, t};

/// The time left (mm:ss, h:mm:ss from an hour), with the "expiring soon" state in the last 60 s.
/// A `timer` (not live: nothing is announced as it ticks) whose text for screen readers is the
/// time in words ("剩余支付时间 4 分 59 秒"), up to date whenever a screen reader reaches it; the
/// digits and the label are for the eye. The page's live region announces thresholds.
#[component]
pub fn CountdownView(remaining: ReadSignal<Option<i64>>) -> impl IntoView {
    let soon = move || remaining.get().is_some_and(|r| r <= EXPIRING_SOON_SECS);
    view! {
        {move || remaining.get().map(|r| view! {
            <div class="pp-countdown" id="pp-countdown" role="timer" aria-live="off"
                class:pp-soon=soon data-remaining=r>
                <span class="pp-countdown-label" aria-hidden="true">{t(Key::time_left)}</span>
                <time class="pp-countdown-time" id="pp-countdown-time" aria-hidden="true">{format_countdown(r)}</time>
                <span class="pp-sr-only" id="pp-countdown-words">{time_left_words(&page().texts, r)}</span>
                {soon().then(|| view! { <strong class="pp-soon-text" id="pp-expiring-soon">{t(Key::expiring_soon)}</strong> })}
            </div>
        })}
    }
}
