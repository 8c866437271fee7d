use leptos::prelude::*;
use wasm_bindgen::JsCast;

use crate::core::i18n::Key;
use crate::core::machine::{Event, QrState};
use crate::core::present::{App, QrPlan};
use crate::core::qr_code::Encoded;
use crate::core::qr_svg;
use crate::core::url_policy::UrlUse;
use crate::hooks::Dispatch;

use super::{app_name, page, t, tf};

/// The QR code: encoded in the page as SVG (or the server's picture), with the "open app" button
/// and "save" action on phones; loading, failure, jump and app-opened states.
#[component]
pub fn QrPanel(
    #[prop(into)] qr: Signal<Option<QrState>>,
    /// The payment app (the pay type's, else the one the payload names).
    #[prop(into)]
    app: Signal<App>,
    amount_text: String,
    dispatch: Dispatch,
) -> impl IntoView {
    let ctx = page();
    let mobile = ctx.browser.mobile;
    let policy = ctx.config.url_policy();
    let browser = ctx.browser;
    view! {
        <section class="pp-qr" id="pp-qr" aria-labelledby="pp-scan-hint">
            <p class="pp-scan-hint" id="pp-scan-hint">{move || tf(Key::scan_with, &[("app", &app_name(app.get()))])}</p>
            {move || {
                let dispatch = dispatch.clone();
                let app_label = app_name(app.get());
                let alt = tf(Key::qr_alt, &[("app", &app_label), ("amount", &amount_text)]);
                let blocked = browser.blocks(app.get());
                let policy = policy.clone();
                match qr.get() {
                    None | Some(QrState::Loading) => view! {
                        <div class="pp-qr-box pp-qr-loading" id="pp-qr-loading" aria-busy="true">
                            <span>{t(Key::qr_loading)}</span>
                        </div>
                    }.into_any(),
                    Some(QrState::Failed(_)) => view! {
                        <div class="pp-qr-box pp-qr-failed" id="pp-qr-failed" role="alert">
                            <p>{t(Key::qr_failed)}</p>
                            <button type="button" class="pp-button" id="pp-qr-retry"
                                on:click=move |_| dispatch.send(Event::RetryQr)>{t(Key::retry)}</button>
                        </div>
                    }.into_any(),
                    Some(QrState::Ready { info, plan }) => match plan {
                        QrPlan::Encode(code) => {
                            let scheme = info.scheme.as_deref().and_then(|s| policy.check(UrlUse::AppLink, s).ok());
                            encoded_qr(code, alt, app_label, (mobile && !blocked).then_some(scheme).flatten(), mobile)
                        }
                        QrPlan::Image(src) => view! {
                            <img class="pp-qr-box pp-qr-image" id="pp-qr-image" src=src alt=alt.clone()/>
                        }.into_any(),
                        QrPlan::Jump(_) => view! {
                            <div class="pp-qr-box" id="pp-jump" aria-busy="true"><p>{t(Key::jump_title)}</p></div>
                        }.into_any(),
                        QrPlan::OpenApp(href) => view! {
                            // The app was opened; the page stays, keeps checking, and offers the
                            // link again (a tap is what some browsers want).
                            <div class="pp-qr-box" id="pp-jump-app" role="status"><p>{tf(Key::app_opened, &[("app", &app_label)])}</p></div>
                            <a class="pp-button pp-primary" id="pp-open-app" href=href rel="noopener">
                                {tf(Key::open_app, &[("app", &app_label)])}
                            </a>
                        }.into_any(),
                        QrPlan::JumpRefused => view! {
                            <div class="pp-qr-box pp-qr-failed" id="pp-jump-refused" role="alert"><p>{t(Key::jump_refused)}</p></div>
                        }.into_any(),
                        QrPlan::Nothing => view! {
                            <div class="pp-qr-box pp-qr-failed" id="pp-qr-missing" role="alert"><p>{t(Key::qr_missing)}</p></div>
                        }.into_any(),
                    },
                }
            }}
        </section>
    }
}

/// The QR code drawn in the page from `payload`, and on phones the "open app" link (when the
/// browser can open the app) and the "save" button.
fn encoded_qr(
    code: Encoded,
    alt: String,
    app_label: String,
    open_app: Option<String>,
    mobile: bool,
) -> AnyView {
    // Encoded once, by the machine: the same modules are drawn on screen and saved as PNG.
    let payload = code.payload.clone();
    // SVG elements, not a markup string (Trusted Types, and no parser).
    let drawing = {
        let (view_box, path) = (
            qr_svg::view_box(code.width),
            qr_svg::path_data(code.width, &code.dark),
        );
        view! {
            <svg xmlns="http://www.w3.org/2000/svg" viewBox=view_box shape-rendering="crispEdges"
                focusable="false" aria-hidden="true">
                // `fill` as an expression keeps leptos from building this static element from an
                // HTML string (Trusted Types).
                <rect width="100%" height="100%" fill=qr_svg::LIGHT/>
                <path fill=qr_svg::DARK d=path/>
            </svg>
        }
    };
    view! {
        <div class="pp-qr-box" id="pp-qr-code" role="img" aria-label=alt data-payload=payload>{drawing}</div>
        {open_app.map(|href| view! {
            <a class="pp-button pp-primary" id="pp-open-app" href=href rel="noopener">
                {tf(Key::open_app, &[("app", &app_label)])}
            </a>
        })}
        {mobile.then(|| view! {
            <button type="button" class="pp-button pp-secondary" id="pp-save-qr"
                on:click=move |_| save_png(code.width, &code.dark)>{t(Key::save_qr)}</button>
            <p class="pp-hint" id="pp-long-press">{tf(Key::long_press_hint, &[("app", &app_label)])}</p>
        })}
    }
    .into_any()
}

/// Draws the code's modules with a quiet zone of `qr_svg::QUIET` modules on a canvas and
/// downloads it as `qrcode.png`.
fn save_png(width: usize, dark: &[bool]) {
    let Some(doc) = crate::dom::env::document() else {
        return;
    };
    let scale = 8u32;
    let quiet = qr_svg::QUIET as u32;
    let size = (width as u32 + 2 * quiet) * scale;
    let Ok(canvas) = doc
        .create_element("canvas")
        .map(|c| c.unchecked_into::<web_sys::HtmlCanvasElement>())
    else {
        return;
    };
    canvas.set_width(size);
    canvas.set_height(size);
    let Some(ctx) = canvas
        .get_context("2d")
        .ok()
        .flatten()
        .and_then(|c| c.dyn_into::<web_sys::CanvasRenderingContext2d>().ok())
    else {
        return;
    };
    ctx.set_fill_style_str("#ffffff");
    ctx.fill_rect(0.0, 0.0, f64::from(size), f64::from(size));
    ctx.set_fill_style_str("#000000");
    for (i, is_dark) in dark.iter().enumerate() {
        if *is_dark {
            let x = (i % width) as u32 + quiet;
            let y = (i / width) as u32 + quiet;
            ctx.fill_rect(
                f64::from(x * scale),
                f64::from(y * scale),
                f64::from(scale),
                f64::from(scale),
            );
        }
    }
    let Ok(url) = canvas.to_data_url_with_type("image/png") else {
        return;
    };
    let Ok(a) = doc
        .create_element("a")
        .map(|a| a.unchecked_into::<web_sys::HtmlAnchorElement>())
    else {
        return;
    };
    a.set_href(&url);
    a.set_download("qrcode.png");
    a.click();
}
