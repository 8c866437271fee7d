//! What happens if the app panics (it should not: clippy denies unwrap, expect, panic and
//! indexing in app code). A panic in wasm stops the app for good, so the customer must be told.
//!
//! Debug builds use `console_error_panic_hook` (the message and a stack in the console). Release
//! builds install a small hook instead: it names the source location in the console and shows a
//! "reload" notice on the page (as `boot.js` does when the wasm fails to start), without linking
//! the panic message formatting into the shipped wasm.

pub fn install() {
    #[cfg(debug_assertions)]
    console_error_panic_hook::set_once();
    #[cfg(not(debug_assertions))]
    std::panic::set_hook(Box::new(|info| {
        let mut where_ = String::from("paypage: stopped by an internal error at ");
        if let Some(loc) = info.location() {
            where_.push_str(loc.file());
            where_.push(':');
            crate::core::numtext::push_uint(&mut where_, u64::from(loc.line()));
        }
        web_sys::console::error_1(&where_.into());
        show_reload_notice();
    }));
}

/// The same notice `boot.js` shows when the page cannot start.
#[cfg(not(debug_assertions))]
fn show_reload_notice() {
    let Some(doc) = super::env::document() else {
        return;
    };
    let Some(root) = doc.get_element_by_id("paypage") else {
        return;
    };
    let _ = root.set_attribute("data-boot-error", "true");
    if let Ok(p) = doc.create_element("p") {
        p.set_class_name("pp-boot-error");
        let _ = p.set_attribute("role", "alert");
        p.set_text_content(Some(
            "页面出错,请刷新重试。 Something went wrong; please reload the page.",
        ));
        let _ = root.append_child(&p);
    }
}
