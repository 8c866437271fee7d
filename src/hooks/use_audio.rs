//! The voice broadcast: the merchant's audio file, a configured text-to-speech service, or the
//! browser's speech synthesis; "tap to hear" when the browser refuses to play without a gesture,
//! and a mute choice remembered across visits.

use leptos::prelude::*;
use wasm_bindgen::closure::Closure;
use wasm_bindgen::JsCast;
use wasm_bindgen_futures::JsFuture;

use crate::core::announce::speech_retry_can_help;
use crate::core::config::AudioPolicy;
use crate::core::model::AudioInfo;
use crate::core::url_policy::{UrlPolicy, UrlUse};
use crate::dom::env;

/// Where the voice broadcast stands.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AudioState {
    /// Nothing to play (disabled, muted, no audio, or the QR is not on screen yet).
    Idle,
    Playing,
    /// The browser refused to play without a gesture: show "tap to hear".
    Blocked,
    /// The browser cannot speak at all (no voice): nothing to offer.
    Unavailable,
    Done,
}

impl AudioState {
    /// The value of the controls' `data-state` attribute.
    pub fn as_str(self) -> &'static str {
        match self {
            Self::Idle => "idle",
            Self::Playing => "playing",
            Self::Blocked => "blocked",
            Self::Unavailable => "unavailable",
            Self::Done => "done",
        }
    }
}

/// Options of [`use_audio_with_options`]; the defaults are the page's (`PageConfig::default()`).
#[derive(Clone, Debug)]
pub struct UseAudioOptions {
    /// `data-audio`: `Off` plays nothing.
    pub policy: AudioPolicy,
    /// What the merchant's file and the text-to-speech address must pass.
    pub urls: UrlPolicy,
    /// A text-to-speech service (`{text}` in its address), else the browser's speech synthesis.
    pub tts: Option<String>,
}

impl Default for UseAudioOptions {
    fn default() -> Self {
        Self {
            policy: AudioPolicy::On,
            urls: UrlPolicy::default(),
            tts: None,
        }
    }
}

/// What [`use_audio`] returns: read-only state, and [`play`](Self::play) and
/// [`toggle_mute`](Self::toggle_mute).
#[derive(Clone, Copy)]
pub struct UseAudioReturn {
    pub state: ReadSignal<AudioState>,
    pub muted: ReadSignal<bool>,
    /// Whether there is anything to play at all (shows the mute toggle).
    pub available: Signal<bool>,
    play: StoredValue<std::rc::Rc<dyn Fn()>, LocalStorage>,
    set_muted: WriteSignal<bool>,
    /// The merchant's audio file, once it was asked to play.
    element: Element,
}

impl UseAudioReturn {
    /// Plays now (the "tap to hear" control; a user gesture).
    pub fn play(&self) {
        if let Some(f) = self.play.try_get_value() {
            f();
        }
    }

    pub fn toggle_mute(&self) {
        let now = !self.muted.get_untracked();
        self.set_muted.set(now);
        store_muted(now);
        if now {
            stop_all(self.element);
        }
    }
}

const MUTE_KEY: &str = "paypage.muted";

fn load_muted() -> bool {
    env::window()
        .and_then(|w| w.local_storage().ok().flatten())
        .and_then(|s| s.get_item(MUTE_KEY).ok().flatten())
        .is_some_and(|v| v == "1")
}

fn store_muted(muted: bool) {
    if let Some(s) = env::window().and_then(|w| w.local_storage().ok().flatten()) {
        let _ = s.set_item(MUTE_KEY, if muted { "1" } else { "0" });
    }
}

/// A spoken prompt and the handlers it calls back.
struct Spoken {
    utterance: web_sys::SpeechSynthesisUtterance,
    /// `onerror` and `onend`, kept alive while the utterance may call them.
    _handlers: [Closure<dyn Fn(wasm_bindgen::JsValue)>; 2],
}

impl Spoken {
    /// Unhooks the handlers before they are freed: a cancelled utterance may still report.
    fn detach(self) {
        self.utterance.set_onerror(None);
        self.utterance.set_onend(None);
    }
}

/// Stops whatever is sounding: the audio file (paused) and speech.
fn stop_all(element: Element) {
    if let Some(Some(a)) = element.try_get_value() {
        let _ = a.pause();
    }
    if let Some(s) = env::window().and_then(|w| w.speech_synthesis().ok()) {
        s.cancel();
    }
}

/// What to play for an audio answer: a URL (the merchant's file, or the configured TTS service),
/// or a text to speak with the browser's speech synthesis.
#[derive(Clone, Debug, PartialEq)]
enum Source {
    Url(String),
    Speak(String),
}

fn source(info: &AudioInfo, policy: &UrlPolicy, tts: Option<&str>) -> Option<Source> {
    if !info.enabled {
        return None;
    }
    if let Some(url) = info
        .url
        .as_deref()
        .and_then(|u| policy.check(UrlUse::Audio, u).ok())
    {
        return Some(Source::Url(url));
    }
    let text = info.content.clone()?;
    match tts {
        Some(t) => {
            let encoded: String = js_sys::encode_uri_component(&text).into();
            policy
                .check(UrlUse::Audio, &t.replace("{text}", &encoded))
                .ok()
                .map(Source::Url)
        }
        None => Some(Source::Speak(text)),
    }
}

type Element = StoredValue<Option<web_sys::HtmlAudioElement>, LocalStorage>;

/// Plays the merchant's audio file (made once, kept in `element` for mute to pause).
fn play_file(url: &str, element: Element, set_state: WriteSignal<AudioState>) {
    let audio = match element.try_get_value().flatten() {
        Some(a) => a,
        None => match web_sys::HtmlAudioElement::new_with_src(url) {
            Ok(a) => {
                element.try_set_value(Some(a.clone()));
                a
            }
            Err(_) => return,
        },
    };
    set_state.try_set(AudioState::Playing);
    match audio.play() {
        Ok(promise) => leptos::task::spawn_local(async move {
            let ok = JsFuture::from(promise).await.is_ok();
            set_state.try_set(if ok {
                AudioState::Done
            } else {
                AudioState::Blocked
            });
        }),
        Err(_) => {
            set_state.try_set(AudioState::Blocked);
        }
    }
}

/// Speaks `text` with the browser's speech synthesis; the prompt and its handlers replace the
/// previous ones in `speaking`.
fn speak(
    text: &str,
    speaking: StoredValue<Option<Spoken>, LocalStorage>,
    set_state: WriteSignal<AudioState>,
) {
    let Some(synth) = env::window().and_then(|w| w.speech_synthesis().ok()) else {
        return;
    };
    let Ok(u) = web_sys::SpeechSynthesisUtterance::new_with_text(text) else {
        return;
    };
    u.set_lang("zh-CN");
    let voices = synth.clone();
    let on_error =
        Closure::<dyn Fn(wasm_bindgen::JsValue)>::new(move |e: wasm_bindgen::JsValue| {
            let code = js_sys::Reflect::get(&e, &"error".into())
                .ok()
                .and_then(|c| c.as_string());
            let can_help = speech_retry_can_help(code.as_deref(), voices.get_voices().length());
            set_state.try_set(if can_help {
                AudioState::Blocked
            } else {
                AudioState::Unavailable
            });
        });
    let on_end = Closure::<dyn Fn(wasm_bindgen::JsValue)>::new(move |_| {
        set_state.try_set(AudioState::Done);
    });
    u.set_onerror(Some(on_error.as_ref().unchecked_ref()));
    u.set_onend(Some(on_end.as_ref().unchecked_ref()));
    synth.cancel();
    speaking.try_update_value(|s| {
        if let Some(old) = s.replace(Spoken {
            utterance: u.clone(),
            _handlers: [on_error, on_end],
        }) {
            old.detach();
        }
    });
    set_state.try_set(AudioState::Playing);
    synth.speak(&u);
}

/// Plays the voice broadcast once `ready` (the QR is on screen) and the answer says audio is on,
/// with the default [`UseAudioOptions`].
pub fn use_audio(info: Memo<Option<AudioInfo>>, ready: Memo<bool>) -> UseAudioReturn {
    use_audio_with_options(info, ready, UseAudioOptions::default())
}

/// [`use_audio`] with the page's audio policy, URL policy and text-to-speech service.
pub fn use_audio_with_options(
    info: Memo<Option<AudioInfo>>,
    ready: Memo<bool>,
    options: UseAudioOptions,
) -> UseAudioReturn {
    let UseAudioOptions { policy, urls, tts } = options;
    let (state, set_state) = signal(AudioState::Idle);
    let (muted, set_muted) = signal(load_muted());
    let element = StoredValue::new_local(None::<web_sys::HtmlAudioElement>);
    // The prompt being spoken and its two handlers: replaced by the next prompt, released on
    // cleanup (one pair at most, however often "tap to hear" is used).
    let speaking = StoredValue::new_local(None::<Spoken>);
    let src = crate::hooks::memo(move || {
        if policy == AudioPolicy::Off {
            return None;
        }
        info.get().and_then(|i| source(&i, &urls, tts.as_deref()))
    });
    let available = Signal::derive(move || src.get().is_some());
    let play: std::rc::Rc<dyn Fn()> =
        std::rc::Rc::new(move || match src.try_get_untracked().flatten() {
            Some(Source::Url(url)) => play_file(&url, element, set_state),
            Some(Source::Speak(text)) => speak(&text, speaking, set_state),
            None => {}
        });
    let play_store = StoredValue::new_local(play.clone());
    let started = StoredValue::new(false);
    crate::hooks::effect(move || {
        let go = ready.get() && src.get().is_some() && !muted.get();
        if go && !started.get_value() {
            started.set_value(true);
            play();
        }
    });
    on_cleanup(move || {
        stop_all(element);
        speaking.try_update_value(|s| s.take().map(Spoken::detach));
    });
    UseAudioReturn {
        state,
        muted,
        available,
        play: play_store,
        set_muted,
        element,
    }
}
