//! Hooks own every timer, listener and request, and clean them up when their owner goes away
//! (`on_cleanup`). One hook per file, `use_x` returning read-only signals, as leptos-use does.
//!
//! Invariant: after cleanup no timer fires, no listener is attached and no request is in flight;
//! nothing here reads a signal that may be disposed without `try_` accessors.

mod use_audio;
mod use_auto_open;
mod use_clipboard;
mod use_countdown;
mod use_interval;
mod use_order;
mod use_page_events;

pub use use_audio::{use_audio, AudioState, UseAudio};
pub use use_auto_open::use_auto_open;
pub use use_clipboard::{use_clipboard, CopyState, UseClipboard};
pub use use_countdown::use_countdown;
pub use use_interval::use_interval;
pub use use_order::{use_order, Dispatch, UseOrder, UseOrderOptions};
pub use use_page_events::use_page_events;
