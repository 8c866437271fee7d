use leptos::prelude::*;

use crate::core::i18n::Key;
use crate::core::present::App;

use super::{app_name, t, tf};

/// The "open in your phone's browser" overlay for in-app browsers that block the payment app.
#[component]
pub fn Guidance(app: App) -> impl IntoView {
    let (open, set_open) = signal(true);
    let body = tf(Key::guidance_body, &[("app", &app_name(app))]);
    view! {
        {move || open.get().then(|| view! {
            <div class="pp-guidance" id="pp-guidance" role="dialog" aria-modal="true" aria-labelledby="pp-guidance-title">
                <div class="pp-guidance-arrow" aria-hidden="true">{ARROW}</div>
                <h2 id="pp-guidance-title">{t(Key::guidance_title)}</h2>
                <p>{body.clone()}</p>
                <button type="button" class="pp-button pp-primary" id="pp-guidance-close"
                    on:click=move |_| set_open.set(false)>{t(Key::guidance_close)}</button>
            </div>
        })}
    }
}

/// The arrow toward the in-app browser's menu. An expression, not a literal: leptos builds a fully
/// static element from an HTML string through `innerHTML`, which Trusted Types refuse.
const ARROW: &str = "↗";
