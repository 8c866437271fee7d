use leptos::prelude::*;

use crate::core::clock::{format_countdown, EXPIRING_SOON_SECS};
use crate::core::i18n::Key;

use super::t;

/// The time left (mm:ss, h:mm:ss from an hour), with the "expiring soon" state in the last 60 s.
/// Screen readers get it through the page's live region at thresholds, not every second.
#[component]
pub fn CountdownView(#[prop(into)] remaining: Signal<Option<i64>>) -> impl IntoView {
    let soon = move || remaining.get().is_some_and(|r| r <= EXPIRING_SOON_SECS);
    view! {
        {move || remaining.get().map(|r| view! {
            <div class="pp-countdown" id="pp-countdown" class:pp-soon=soon data-remaining=r>
                <span class="pp-countdown-label">{t(Key::time_left)}</span>
                <time class="pp-countdown-time" id="pp-countdown-time" aria-hidden="true">{format_countdown(r)}</time>
                {soon().then(|| view! { <strong class="pp-soon-text" id="pp-expiring-soon">{t(Key::expiring_soon)}</strong> })}
            </div>
        })}
    }
}
