use leptos::prelude::*;

use crate::core::i18n::Key;
use crate::core::machine::{Event, PaidCheck, QrState};
use crate::core::model::{Fen, OrderInfo, QrInfo};
use crate::core::money::{channel_amount, yuan_with_sign};
use crate::core::present::App;
use crate::hooks::{Dispatch, UseAudioReturn};

use super::{
    page, t, tf, AmountBlock, AudioControls, CopyButton, CountdownView, Guidance, MerchantTips,
    PageKind, QrPanel,
};

/// Before `/info` answers: what the host already injected (subject, amount), so the customer sees
/// the amount at once.
#[component]
pub fn LoadingScreen(subject: Option<String>, amount: Option<String>) -> impl IntoView {
    view! {
        <section class="pp-screen pp-loading" id="pp-loading" aria-busy="true">
            {subject.map(|s| view! { <h1 class="pp-subject">{s}</h1> })}
            {amount.map(|a| view! {
                <p class="pp-amount-label">{t(Key::amount_label)}</p>
                <p class="pp-amount"><span class="pp-amount-value">{["¥", a.as_str()].concat()}</span></p>
            })}
            <p class="pp-muted" id="pp-loading-text">{t(Key::loading)}</p>
        </section>
    }
}

/// Waiting for payment.
#[component]
pub fn PendingScreen(
    order: OrderInfo,
    /// (`qr` and `app` are `Memo`s, as the order view holds them: no `Signal` code is compiled
    /// for their types.)
    qr: Memo<Option<QrState>>,
    /// The payment app: the pay type's, else the one the QR payload names.
    app: Memo<App>,
    remaining: ReadSignal<Option<i64>>,
    #[prop(into)] reconnecting: Signal<bool>,
    #[prop(into)] checking: Signal<bool>,
    /// What the customer's "I have paid" check found, and whether it may be pressed again.
    /// (A `Memo`, as the order view holds it: no `Signal` code is compiled for this type.)
    paid_check: Memo<PaidCheck>,
    #[prop(into)] check_cooling: Signal<bool>,
    audio: UseAudioReturn,
    dispatch: Dispatch,
) -> impl IntoView {
    let ctx = page();
    let amount_text = yuan_with_sign(order.amount_to_pay().unwrap_or(0));
    let order_fen = order.amount_to_pay();
    let browser = ctx.browser;
    // A plain closure over `qr`, not a derived signal of its own type: no signal code is compiled
    // for the pair (the two readers below read `qr` itself).
    let account = move || match qr.get() {
        Some(QrState::Ready { info, .. }) => account_of(&info, order_fen),
        _ => (None, None),
    };
    let status_page = ctx.kind == PageKind::Status;
    let check = dispatch.clone();
    view! {
        <section class="pp-screen pp-pending" id="pp-pending" data-phase="pending" data-app=move || app.get().key()>
            {move || reconnecting.get().then(|| view! {
                <p class="pp-banner pp-warn" id="pp-reconnecting">{t(Key::reconnecting)}</p>
            })}
            {move || checking.get().then(|| view! {
                <p class="pp-banner" id="pp-checking">{t(Key::checking)}</p>
            })}
            <AmountBlock order=order.clone()/>
            <CountdownView remaining=remaining/>
            {if status_page {
                // The pay page is addressed by the platform's order id (from info), never by the
                // merchant's out_order_id the status page may have been opened with.
                let href = order.order_id.as_deref().map(|id| {
                    ["/pay/", &String::from(js_sys::encode_uri_component(id))].concat()
                });
                view! {
                    <p class="pp-muted" id="pp-status-pending">{t(Key::pending_status)}</p>
                    {href.map(|href| view! {
                        <a class="pp-button pp-primary" id="pp-back-to-pay" href=href>{t(Key::page_title)}</a>
                    })}
                }.into_any()
            } else {
                view! {
                    <QrPanel qr=qr app=app amount_text=amount_text dispatch=dispatch/>
                    {move || account().0.map(|amount| view! {
                        <p class="pp-account" id="pp-channel-amount">
                            <span>{t(Key::channel_amount_label)}": "</span><span id="pp-channel-amount-value">{amount.clone()}</span>
                            <CopyButton id="pp-copy-channel-amount" what="channel-amount" value=amount label=t(Key::copy_channel_amount)/>
                        </p>
                    })}
                    {move || account().1.map(|(label, value)| view! {
                        <p class="pp-account" id="pp-account">
                            <span>{label}": "</span><span id="pp-account-value">{value.clone()}</span>
                            <CopyButton id="pp-copy-account" what="account" value=value label=t(Key::copy_account)/>
                        </p>
                    })}
                    <MerchantTips pay_tip=order.pay_tip.clone() account=order.account_tip.clone()/>
                    <AudioControls audio=audio/>
                }.into_any()
            }}
            <PaidCheckBlock paid_check=paid_check check_cooling=check_cooling dispatch=check/>
            {move || browser.blocks(app.get()).then(|| view! { <Guidance app=app.get()/> })}
        </section>
    }
}

/// "I have paid": checks at once; what the check found.
#[component]
pub fn PaidCheckBlock(
    paid_check: Memo<PaidCheck>,
    #[prop(into)] check_cooling: Signal<bool>,
    dispatch: Dispatch,
) -> impl IntoView {
    view! {
        <div class="pp-check" id="pp-check">
            <button type="button" class="pp-button pp-secondary" id="pp-check-now"
                aria-describedby="pp-check-result"
                disabled=move || check_cooling.get() || paid_check.get() == PaidCheck::Checking
                on:click=move |_| dispatch.send(Event::CheckNow)>{t(Key::check_now)}</button>
            <p class="pp-muted" id="pp-check-result" role="status" data-found=move || check_found(paid_check.get())>
                {move || check_text(paid_check.get())}
            </p>
        </div>
    }
}

fn check_found(found: PaidCheck) -> &'static str {
    match found {
        PaidCheck::Idle => "idle",
        PaidCheck::Checking => "checking",
        PaidCheck::NotYet => "not-yet",
        PaidCheck::Failed => "failed",
    }
}

fn check_text(found: PaidCheck) -> String {
    match found {
        PaidCheck::Idle => String::new(),
        PaidCheck::Checking => t(Key::check_checking),
        PaidCheck::NotYet => t(Key::check_not_yet),
        PaidCheck::Failed => t(Key::check_failed),
    }
}

/// The channel's amount (when it is not simply the order's) and the receiving account, from the
/// qrcode answer.
fn account_of(info: &QrInfo, order_fen: Option<Fen>) -> (Option<String>, Option<(String, String)>) {
    let amount = channel_amount(info.actual_amount.as_deref(), order_fen);
    let account = info.actual_account.clone().map(|value| {
        let label = match &info.actual_account_type {
            Some(kind) => [
                super::t(Key::account_label),
                " (".into(),
                kind.clone(),
                ")".into(),
            ]
            .concat(),
            None => super::t(Key::account_label),
        };
        (label, value)
    });
    (amount, account)
}

/// Paid: the success screen, the seconds left before returning, and "return now".
#[component]
pub fn PaidScreen(
    #[prop(into)] return_to: Signal<Option<String>>,
    #[prop(into)] refused: Signal<bool>,
    /// The merchant's page as a link to tap, when returning by itself would load this page again.
    #[prop(default = None)]
    merchant_link: Option<String>,
    left: ReadSignal<Option<i64>>,
    amount: Option<String>,
    dispatch: Dispatch,
) -> impl IntoView {
    view! {
        <section class="pp-screen pp-final pp-paid" id="pp-paid" data-phase="paid">
            <div class="pp-icon pp-icon-ok" aria-hidden="true">{OK_MARK}</div>
            <h1 id="pp-paid-title" tabindex="-1">{t(Key::paid_title)}</h1>
            {amount.map(|a| view! { <p class="pp-amount"><span class="pp-amount-value">{a}</span></p> })}
            <p class="pp-id">{t(Key::order_id_label)}": "<span id="pp-final-order-id">{page().display_id.clone()}</span></p>
            {move || match (return_to.get(), refused.get()) {
                (Some(_), _) => {
                    let dispatch = dispatch.clone();
                    view! {
                        <p id="pp-return-in" aria-live="off">{move || tf(Key::paid_return_in, &[("secs", &crate::core::numtext::int_text(left.get().unwrap_or(0)))])}</p>
                        <button type="button" class="pp-button pp-primary" id="pp-return-now"
                            on:click=move |_| dispatch.send(Event::ReturnNow)>{t(Key::paid_return_now)}</button>
                    }.into_any()
                }
                (None, true) => view! { <p id="pp-return-refused" role="alert">{t(Key::paid_return_refused)}</p> }.into_any(),
                (None, false) if merchant_link.is_some() => view! {
                    <a class="pp-button pp-primary" id="pp-merchant-link" href=merchant_link.clone()>{t(Key::back_to_merchant)}</a>
                }.into_any(),
                (None, false) => {
                    let id = page().display_id.clone();
                    view! {
                        <p id="pp-no-return">{t(Key::paid_no_return)}</p>
                        {(!id.is_empty()).then(|| view! {
                            <CopyButton id="pp-copy-final-order" what="order" value=id label=t(Key::copy_order_id)/>
                        })}
                    }.into_any()
                }
            }}
        </section>
    }
}

/// Closed, expired, failed, not found, or no order id at all.
#[component]
pub fn FinalScreen(
    phase: &'static str,
    title: Key,
    body: Key,
    #[prop(optional)] message: Option<String>,
    /// The way back to the merchant (info's `return_uri`, already through the URL policy).
    /// (Taken as an `Option`: one call site serves both cases, not two instantiations.)
    #[prop(default = None)]
    merchant_link: Option<String>,
    /// More of the screen, after its text (the lapsed order's "I have paid").
    #[prop(optional)]
    children: Option<Children>,
) -> impl IntoView {
    let id = page().display_id.clone();
    view! {
        <section class="pp-screen pp-final" id=["pp-", phase].concat() data-phase=phase>
            <div class="pp-icon pp-icon-stop" aria-hidden="true">{STOP_MARK}</div>
            <h1 id="pp-final-title" tabindex="-1">{t(title)}</h1>
            <p>{t(body)}</p>
            {children.map(|c| c())}
            {message.map(|m| view! { <p class="pp-muted" id="pp-server-message">{tf(Key::server_said, &[("message", &m)])}</p> })}
            {(!id.is_empty()).then(|| view! {
                <p class="pp-id">{t(Key::order_id_label)}": "<span id="pp-final-order-id">{id.clone()}</span></p>
            })}
            {merchant_link.map(|href| view! {
                <a class="pp-button pp-primary" id="pp-merchant-link" href=href>{t(Key::back_to_merchant)}</a>
            })}
        </section>
    }
}

/// `/info` could not be loaded: why, whether it retries by itself, and a retry button.
#[component]
pub fn UnavailableScreen(
    message: Option<String>,
    retrying: bool,
    /// The order answered, but its amount or expiry cannot be read without guessing.
    #[prop(optional)]
    unreadable: bool,
    dispatch: Dispatch,
) -> impl IntoView {
    let id = page().display_id.clone();
    let title = if unreadable {
        Key::unreadable_title
    } else {
        Key::unavailable_title
    };
    view! {
        <section class="pp-screen pp-final" id="pp-unavailable" data-phase="unavailable"
            data-reason=if unreadable { "unreadable" } else { "unreachable" }>
            <div class="pp-icon pp-icon-stop" aria-hidden="true">{STOP_MARK}</div>
            <h1 id="pp-final-title" tabindex="-1">{t(title)}</h1>
            {unreadable.then(|| view! { <p id="pp-unreadable">{t(Key::unreadable_body)}</p> })}
            {message.map(|m| view! { <p id="pp-server-message">{tf(Key::server_said, &[("message", &m)])}</p> })}
            {retrying.then(|| view! { <p class="pp-muted" id="pp-retrying">{t(Key::unavailable_retrying)}</p> })}
            <button type="button" class="pp-button pp-primary" id="pp-retry"
                on:click=move |_| dispatch.send(Event::RetryInfo)>{t(Key::retry)}</button>
            <p class="pp-id">{t(Key::order_id_label)}": "<span id="pp-final-order-id">{id}</span></p>
        </section>
    }
}

/// The mark of the stop icon. An expression, not a literal: leptos builds a fully static element
/// from an HTML string through `innerHTML`, which Trusted Types refuse (see `dom::trusted`).
const STOP_MARK: &str = "!";
/// The mark of the success icon (an expression for the same reason).
const OK_MARK: &str = "✓";
