//! Small browser adapters the hooks and components share: where we are (`env`), the HTML
//! sanitizer (`sanitize`) and the panic notice (`panic`). No state lives here.

pub mod env;
pub mod panic;
pub mod sanitize;
pub mod takeover;
pub mod trusted;
