use leptos::prelude::*;

use crate::core::i18n::Key;
use crate::hooks::{AudioState, UseAudioReturn};

use super::t;

/// "Tap to hear" when the browser blocked autoplay, and the mute toggle.
#[component]
pub fn AudioControls(audio: UseAudioReturn) -> impl IntoView {
    let blocked = move || audio.state.get() == AudioState::Blocked && !audio.muted.get();
    view! {
        // Nothing to offer when the browser cannot speak at all.
        {move || (audio.available.get() && audio.state.get() != AudioState::Unavailable).then(|| view! {
            <div class="pp-audio" id="pp-audio" data-state=move || audio.state.get().as_str()>
                {move || blocked().then(|| view! {
                    <button type="button" class="pp-button pp-secondary" id="pp-audio-tap"
                        on:click=move |_| audio.play()>{t(Key::audio_tap)}</button>
                })}
                <button type="button" class="pp-button pp-ghost" id="pp-audio-mute"
                    aria-pressed=move || if audio.muted.get() { "true" } else { "false" }
                    on:click=move |_| audio.toggle_mute()>
                    {move || if audio.muted.get() { t(Key::audio_unmute) } else { t(Key::audio_mute) }}
                </button>
            </div>
        })}
    }
}
