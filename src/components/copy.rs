use leptos::prelude::*;

use crate::core::i18n::Key;
use crate::hooks::{CopyState, UseClipboard};

use super::t;

/// A copy button with visible and announced feedback. `what` names the value in the feedback.
#[component]
pub fn CopyButton(
    id: &'static str,
    what: &'static str,
    #[prop(into)] value: String,
    #[prop(into)] label: String,
) -> impl IntoView {
    let clip = use_context::<UseClipboard>();
    let state = clip.map(|c| c.state);
    let text = move || match state.map(|s| s.get()) {
        Some(CopyState::Copied(w)) if w == what => t(Key::copied),
        Some(CopyState::Failed(w)) if w == what => t(Key::copy_failed),
        _ => t(Key::copy),
    };
    let status = move || match state.map(|s| s.get()) {
        Some(CopyState::Copied(w)) if w == what => "copied",
        Some(CopyState::Failed(w)) if w == what => "failed",
        _ => "idle",
    };
    view! {
        <button type="button" class="pp-copy" id=id aria-label=label data-state=status
            on:click=move |_| {
                if let Some(c) = clip {
                    c.copy(what, value.clone());
                }
            }>
            <span aria-live="polite">{text}</span>
        </button>
    }
}
