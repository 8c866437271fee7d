//! Small browser adapters the hooks and components share: where we are and what the tab
//! remembers (`env`), the HTML sanitizer (`sanitize`), the panic notice (`panic`), the app taking
//! over the first paint (`takeover`) and the Trusted Types policy (`trusted`). No state lives
//! here.

pub mod env;
pub mod panic;
pub mod sanitize;
pub mod takeover;
pub mod trusted;
