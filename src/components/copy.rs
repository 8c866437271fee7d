use leptos::prelude::*;

use crate::core::i18n::Key;
use crate::hooks::{CopyState, UseClipboardReturn};

use super::t;

/// A copy button with visible and announced feedback ("copied" is announced once; the return
/// to "copy" is not). `what` names the value in the feedback.
#[component]
pub fn CopyButton(
    id: &'static str,
    what: &'static str,
    #[prop(into)] value: String,
    #[prop(into)] label: String,
) -> impl IntoView {
    let clip = use_context::<UseClipboardReturn>();
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
    // The feedback alone, for screen readers: a live region beside the button (a button's
    // content is not read as a live region everywhere), empty when idle so that going back to
    // "copy" is not announced.
    let said = move || match status() {
        "idle" => String::new(),
        _ => text(),
    };
    view! {
        <button type="button" class="pp-copy" id=id aria-label=label data-state=status
            on:click=move |_| {
                if let Some(c) = clip {
                    c.copy(what, value.clone());
                }
            }>
            <span aria-hidden="true">{text}</span>
        </button>
        <span class="pp-sr-only" role="status" data-copy-feedback=what>{said}</span>
    }
}
