//! Browser tests (wasm-bindgen-test): one test binary, a module per subject (as `crates/core/tests/core/`):
//! the sanitizer on hostile HTML, components and hooks in their states, the flow against a fake
//! API, cleanup, the `JSON.parse` decoding path against the shared case table, accessibility (focus, the
//! dialog, the countdown in words, live regions), the QR picture and how each browser saves it. Run:
//! `wasm-pack test --headless --chrome` (or `--firefox`; `cargo xtask ci` also runs them in
//! WebKitGTK).
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

wasm_bindgen_test::wasm_bindgen_test_configure!(run_in_browser);

mod a11y;
mod cashier;
mod cleanup;
mod components;
mod decode;
#[path = "../shared/decode_cases.rs"]
mod decode_cases;
mod flow;
mod hooks;
mod qr;
mod sanitizer;
mod support;
