//! The pure core: everything the page decides, with no browser in sight.
//!
//! Invariant: nothing under `core/` imports leptos, web-sys, js-sys, gloo or wasm-bindgen. Native
//! builds of this crate do not even have those dependencies, so a violation does not compile in
//! `cargo test`. No unwrap, expect, panic or unchecked indexing (clippy denies them).

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
pub mod qr_svg;
pub mod schedule;
pub mod url_policy;
pub mod wire;

pub use error::{Error, ErrorKind};
