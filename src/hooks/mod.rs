//! Hooks own every timer, listener and request, and clean them up when their owner goes away
//! (`on_cleanup`). One hook per file, in leptos-use's shape: a hook with more than three inputs
//! takes a `UseXOptions` (with `use_x_with_options` beside `use_x` when defaults make sense), and
//! one that returns more than a signal returns a `UseXReturn` of read-only signals and methods.
//!
//! Invariant: after cleanup no timer fires, no listener is attached and no request is in flight;
//! nothing here reads a signal that may be disposed without `try_` accessors.

mod use_announcer;
mod use_audio;
mod use_clipboard;
mod use_countdown;
mod use_focus_on_phase;
mod use_interval;
mod use_modal;
mod use_order;
mod use_order_view;
mod use_page_events;
mod use_return_countdown;
mod use_takeover;

pub use use_announcer::{use_announcer, UseAnnouncerOptions, UseAnnouncerReturn};
pub use use_audio::{
    use_audio, use_audio_with_options, AudioState, UseAudioOptions, UseAudioReturn,
};
pub use use_clipboard::{use_clipboard, CopyState, UseClipboardReturn};
pub use use_countdown::use_countdown;
pub use use_focus_on_phase::use_focus_on_phase;
pub use use_interval::use_interval;
pub use use_modal::use_modal;
pub use use_order::{use_order, Dispatch, UseOrderOptions, UseOrderReturn};
pub use use_order_view::{use_order_view, OrderView};
pub use use_page_events::use_page_events;
pub use use_return_countdown::use_return_countdown;
pub use use_takeover::use_takeover;

/// `Effect::new` over a boxed body: Leptos's effect machinery (its task, its future) is compiled
/// once for every effect of the page, not once per closure.
pub fn effect(body: impl FnMut() + 'static) {
    boxed_effect(Box::new(body));
}

#[inline(never)]
fn boxed_effect(mut body: Box<dyn FnMut()>) {
    leptos::prelude::Effect::new(move |_: Option<()>| body());
}

/// `Memo::new` over a boxed body: the memo's code is compiled once per value type, not once per
/// closure.
pub fn memo<T>(body: impl Fn() -> T + Send + Sync + 'static) -> leptos::prelude::Memo<T>
where
    T: PartialEq + Send + Sync + 'static,
{
    boxed_memo(Box::new(body))
}

fn boxed_memo<T>(body: Box<dyn Fn() -> T + Send + Sync>) -> leptos::prelude::Memo<T>
where
    T: PartialEq + Send + Sync + 'static,
{
    leptos::prelude::Memo::new(move |_| body())
}
