//! Small browser adapters the hooks and components share: where we are (`env`), the HTML
//! sanitizer (`sanitize`) and the QR renderer (`qr`). No state lives here.

pub mod env;
pub mod qr;
pub mod sanitize;
