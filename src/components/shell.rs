use leptos::prelude::*;

use crate::core::i18n::Key;

use super::{page, t};

/// The page frame: skip link, header with the merchant's logo and name, the main landmark, the
/// polite live region for announcements, and the footer with the service contact.
#[component]
pub fn Shell(
    announce: ReadSignal<String>,
    #[prop(into)] contact: Signal<Option<String>>,
    children: Children,
) -> impl IntoView {
    let ctx = page();
    let look = ctx.config.look.name();
    // Already through the image URL policy when the configuration was read.
    let logo = ctx.config.logo.clone();
    let banner = ctx.config.look == crate::core::config::Look::Banner;
    // The banner look always has its brand header (the page title when no name is configured).
    let name = ctx
        .config
        .merchant_name
        .clone()
        .or_else(|| banner.then(|| t(Key::page_title)));
    let has_header = logo.is_some() || name.is_some();
    view! {
        <div class="pp-root" data-look=look>
            <a class="pp-skip" href="#pp-main">{t(Key::skip_to_qr)}</a>
            {has_header.then(|| view! {
                <header class="pp-header" id="pp-header">
                    {logo.map(|src| view! { <img class="pp-logo" id="pp-logo" src=src alt="" width="32" height="32"/> })}
                    {name.map(|n| view! { <span class="pp-merchant" id="pp-merchant">{n}</span> })}
                </header>
            })}
            <main class="pp-main" id="pp-main" tabindex="-1">
                {children()}
            </main>
            <footer class="pp-footer">
                {move || contact.get().map(|qq| view! {
                    <p id="pp-contact">{super::tf(Key::contact, &[("qq", &qq)])}</p>
                })}
            </footer>
            <div class="pp-sr-only" id="pp-announce" role="status" aria-live="polite" aria-atomic="true">
                {move || announce.get()}
            </div>
        </div>
    }
}
