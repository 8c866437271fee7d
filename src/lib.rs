//! paypage: the XArr Pay pay theme.
//!
//! `core` is pure Rust and builds everywhere; the browser layers (`api`, `dom`, `hooks`,
//! `components`, `app`) exist only on wasm32. See ARCHITECTURE.md.

pub mod core;

#[cfg(target_arch = "wasm32")]
pub mod api;
#[cfg(target_arch = "wasm32")]
pub mod app;
#[cfg(target_arch = "wasm32")]
pub mod components;
#[cfg(target_arch = "wasm32")]
pub mod dom;
#[cfg(target_arch = "wasm32")]
pub mod hooks;

#[cfg(target_arch = "wasm32")]
pub use app::start;
