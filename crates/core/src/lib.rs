//! The pure core: everything the page decides, with no browser in sight.
//!
//! Invariant: no browser. This crate's only dependencies are `serde_json` and `qrcode`, so an
//! import of leptos, web-sys, js-sys, gloo or wasm-bindgen does not compile on any target (and
//! `cargo xtask ci` checks `cargo tree -p paypage-core`). No unwrap, expect, panic or unchecked indexing (clippy denies them).

pub mod announce;
pub mod clock;
pub mod config;
pub mod error;
pub mod hops;
pub mod html_policy;
pub mod i18n;
pub mod json;
pub mod machine;
pub mod model;
pub mod money;
pub mod numtext;
pub mod order_ref;
pub mod present;
pub mod qr_code;
pub mod qr_png;
pub mod schedule;
pub mod url_policy;
pub mod wire;

pub use error::{Error, ErrorKind};
