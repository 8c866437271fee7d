//! paypage: the XArr Pay pay theme.
//!
//! `core` is pure Rust and builds everywhere; the browser layers (`api`, `dom`, `hooks`,
//! `components`, `app`) exist only on wasm32. See ARCHITECTURE.md.

/// The pure core lives in its own crate (`crates/core`); `crate::core` is that crate.
pub use paypage_core as core;

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
