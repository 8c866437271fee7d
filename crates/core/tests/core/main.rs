//! Native tests of the pure core: one integration-test binary (as ripgrep does), one module per
//! core module. Data-driven where the input is data (fixtures, URLs).
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

mod announce;
mod architecture;
mod boot_cases;
mod boot_words;
mod clock;
mod config;
mod decode;
#[path = "../../../../tests/shared/decode_cases.rs"]
mod decode_cases;
mod docs;
mod html_policy;
mod machine;
mod money;
mod order_ref;
mod present;
mod props;
mod qr_png;
mod schedule;
mod support;
mod url_policy;
