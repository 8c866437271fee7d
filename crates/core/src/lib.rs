//! The pure core: everything the page decides, with no browser in sight.
//!
//! Invariant: no browser. This crate's only dependencies are `serde_json` and `qrcode`, so an
//! import of leptos, web-sys, js-sys, gloo or wasm-bindgen does not compile on any target (and
//! `cargo xtask ci` checks `cargo tree -p paypage-core`). No unwrap, expect, panic or unchecked indexing (clippy denies them).
//!
//! Without its `std` feature (on by default) the core is `no_std` + `alloc` and holds only the
//! modules the first paint needs (`crates/firstpaint`): no std, no serde_json, no QR encoder.

#![cfg_attr(not(feature = "std"), no_std)]

extern crate alloc;

/// What std's prelude gives, for the modules that are built without std too.
mod prelude {
    pub use alloc::borrow::ToOwned;
    pub use alloc::string::{String, ToString};
    pub use alloc::vec;
    pub use alloc::vec::Vec;
}

#[cfg(feature = "std")]
pub mod announce;
#[cfg(feature = "std")]
pub mod boot;
#[cfg(feature = "std")]
pub mod clock;
#[cfg(feature = "std")]
pub mod config;
pub mod error;
#[cfg(feature = "std")]
pub mod hops;
#[cfg(feature = "std")]
pub mod html_policy;
#[cfg(feature = "std")]
pub mod i18n;
pub mod json;
#[cfg(feature = "std")]
pub mod machine;
pub mod model;
pub mod money;
pub mod numtext;
pub mod order_ref;
pub mod present;
#[cfg(feature = "std")]
pub mod qr_code;
#[cfg(feature = "std")]
pub mod qr_png;
pub mod schedule;
pub mod url_policy;
pub mod wire;

pub use error::{Error, ErrorKind};
