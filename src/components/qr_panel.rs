use leptos::prelude::*;

use crate::core::i18n::Key;
use crate::core::machine::{Event, QrState};
use crate::core::present::{self, App, QrPicture, QrPlan, SaveAction};
use crate::hooks::Dispatch;

use super::{app_name, page, t, tf};

/// The QR code: one `<img>` (the page's PNG of the encoded payload, or the server's picture) a
/// customer can long-press, with the "open app" link on phones and the browser's way to save it;
/// loading, failure, jump and app-opened states.
#[component]
pub fn QrPanel(
    /// (A `Memo`, as the order view holds it: no `Signal` code is compiled for its type.)
    qr: Memo<Option<QrState>>,
    /// The payment app (the pay type's, else the one the payload names); a `Memo` too.
    app: Memo<App>,
    amount_text: String,
    dispatch: Dispatch,
) -> impl IntoView {
    let ctx = page();
    let policy = ctx.config.url_policy();
    let browser = ctx.browser;
    view! {
        <section class="pp-qr" id="pp-qr" aria-labelledby="pp-scan-hint">
            <p class="pp-scan-hint" id="pp-scan-hint">{move || tf(Key::scan_with, &[("app", &app_name(app.get()))])}</p>
            {move || {
                let dispatch = dispatch.clone();
                let app_label = app_name(app.get());
                let alt = tf(Key::qr_alt, &[("app", &app_label), ("amount", &amount_text)]);
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
                        QrPlan::Encode(_) | QrPlan::Image(_) => {
                            let ratio = crate::dom::env::device_pixel_ratio();
                            match present::qr_picture(&policy, &plan, ratio) {
                                Some(picture) => {
                                    let open_app = present::open_app_link(&policy, &info, browser, app.get());
                                    let save = present::save_offer(browser, app.get(), &picture.src);
                                    code_view(picture, alt, app_label, open_app, save, dispatch)
                                }
                                None => missing(),
                            }
                        }
                        QrPlan::Jump(_) => view! {
                            <div class="pp-qr-box" id="pp-jump" aria-busy="true"><p>{t(Key::jump_title)}</p></div>
                        }.into_any(),
                        QrPlan::OpenApp(href) => view! {
                            // The app was opened; the page stays, keeps checking, and offers the
                            // link again (a tap is what some browsers want).
                            <div class="pp-qr-box" id="pp-jump-app" role="status"><p>{tf(Key::app_opened, &[("app", &app_label)])}</p></div>
                            {open_app_button(href, &app_label, dispatch)}
                        }.into_any(),
                        // A tap is not a loop: the jump the hop limit stopped is offered as a link.
                        QrPlan::JumpBlocked(href) => view! {
                            <div class="pp-qr-box" id="pp-jump-refused" data-reason="blocked" role="status"><p>{t(Key::jump_blocked)}</p></div>
                            <a class="pp-button pp-primary" id="pp-jump-link" href=href>{t(Key::jump_continue)}</a>
                        }.into_any(),
                        QrPlan::JumpRefused => view! {
                            <div class="pp-qr-box pp-qr-failed" id="pp-jump-refused" role="alert"><p>{t(Key::jump_refused)}</p></div>
                        }.into_any(),
                        QrPlan::Nothing => missing(),
                    },
                }
            }}
        </section>
    }
}

/// Nothing that can be shown: said so, never an empty box labelled as a QR code.
fn missing() -> AnyView {
    view! {
        <div class="pp-qr-box pp-qr-failed" id="pp-qr-missing" role="alert"><p>{t(Key::qr_missing)}</p></div>
    }
    .into_any()
}

/// The "open the app" link; a tap counts as the one opening of this order's app in this tab.
fn open_app_button(href: String, app_label: &str, dispatch: Dispatch) -> impl IntoView {
    view! {
        <a class="pp-button pp-primary" id="pp-open-app" href=href rel="noopener"
            on:click=move |_| dispatch.send(Event::AppTapped)>
            {tf(Key::open_app, &[("app", app_label)])}
        </a>
    }
}

/// The code as one `<img>` (long-press: WeChat's "识别图中二维码", iOS's "save image"), the "open
/// app" link when there is one, and the browser's way to save it: a download link, or the hint.
fn code_view(
    picture: QrPicture,
    alt: String,
    app_label: String,
    open_app: Option<String>,
    save: Option<SaveAction>,
    dispatch: Dispatch,
) -> AnyView {
    let file = present::save_file_name(&picture.src);
    let href = picture.src.clone();
    view! {
        <img class="pp-qr-box pp-qr-image" id="pp-qr-code" src=picture.src alt=alt
            data-source=picture.source.key() data-payload=picture.payload/>
        {open_app.map(|href| open_app_button(href, &app_label, dispatch))}
        {match save {
            Some(SaveAction::Download) => Some(view! {
                <a class="pp-button pp-secondary" id="pp-save-qr" href=href download=file>{t(Key::save_qr)}</a>
            }.into_any()),
            Some(SaveAction::LongPress) => Some(view! {
                <p class="pp-hint" id="pp-long-press" data-action="save">{tf(Key::long_press_hint, &[("app", &app_label)])}</p>
            }.into_any()),
            Some(SaveAction::Recognize) => Some(view! {
                <p class="pp-hint" id="pp-long-press" data-action="recognize">{t(Key::long_press_recognize)}</p>
            }.into_any()),
            None => None,
        }}
    }
    .into_any()
}
