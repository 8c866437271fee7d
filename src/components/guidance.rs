use leptos::html;
use leptos::prelude::*;

use crate::core::i18n::Key;
use crate::core::present::App;
use crate::hooks::use_modal;

use super::{app_name, t, tf};

/// The "open in your phone's browser" overlay for in-app browsers that block the payment app: a
/// modal dialog (`use_modal`: it takes focus, keeps it, closes on Escape and gives focus back),
/// named by its title and described by its text.
#[component]
pub fn Guidance(app: App) -> impl IntoView {
    let (open, set_open) = signal(true);
    let dialog = NodeRef::<html::Div>::new();
    use_modal(dialog, open, set_open);
    let body = tf(Key::guidance_body, &[("app", &app_name(app))]);
    view! {
        {move || open.get().then(|| view! {
            <div class="pp-guidance" id="pp-guidance" role="dialog" aria-modal="true" node_ref=dialog
                aria-labelledby="pp-guidance-title" aria-describedby="pp-guidance-body">
                <div class="pp-guidance-arrow" aria-hidden="true">{ARROW}</div>
                <h2 id="pp-guidance-title">{t(Key::guidance_title)}</h2>
                <p id="pp-guidance-body">{body.clone()}</p>
                <button type="button" class="pp-button pp-primary" id="pp-guidance-close"
                    on:click=move |_| set_open.set(false)>{t(Key::guidance_close)}</button>
            </div>
        })}
    }
}

/// The arrow toward the in-app browser's menu. An expression, not a literal: leptos builds a fully
/// static element from an HTML string through `innerHTML`, which Trusted Types refuse.
const ARROW: &str = "↗";
