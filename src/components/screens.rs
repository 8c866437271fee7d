use leptos::prelude::*;

use crate::core::i18n::Key;
use crate::core::machine::{Event, QrState};
use crate::core::model::{OrderInfo, QrInfo};
use crate::core::money::yuan_with_sign;
use crate::core::present::App;
use crate::hooks::{Dispatch, UseAudio};

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
                <p class="pp-amount"><span class="pp-amount-value">{format!("¥{a}")}</span></p>
            })}
            <p class="pp-muted" id="pp-loading-text">{t(Key::loading)}</p>
        </section>
    }
}

/// Waiting for payment.
#[component]
pub fn PendingScreen(
    order: OrderInfo,
    #[prop(into)] qr: Signal<Option<QrState>>,
    #[prop(into)] remaining: Signal<Option<i64>>,
    #[prop(into)] reconnecting: Signal<bool>,
    #[prop(into)] checking: Signal<bool>,
    audio: UseAudio,
    dispatch: Dispatch,
) -> impl IntoView {
    let ctx = page();
    let app = App::from_pay_type(order.pay_type.as_deref().unwrap_or_default());
    let amount_text = yuan_with_sign(order.amount_to_pay().unwrap_or(0));
    let blocked = ctx.browser.blocks(app);
    let account = Signal::derive(move || match qr.get() {
        Some(QrState::Ready { info, .. }) => account_of(&info),
        _ => None,
    });
    let status_page = ctx.kind == PageKind::Status;
    view! {
        <section class="pp-screen pp-pending" id="pp-pending" data-phase="pending" data-app=app.key()>
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
                    {move || account.get().map(|(label, value)| view! {
                        <p class="pp-account" id="pp-account">
                            <span>{label}": "</span><span id="pp-account-value">{value.clone()}</span>
                            <CopyButton id="pp-copy-account" what="account" value=value label=t(Key::copy_account)/>
                        </p>
                    })}
                    <MerchantTips pay_tip=order.pay_tip.clone() account=order.account_tip.clone()/>
                    <AudioControls audio=audio/>
                }.into_any()
            }}
            {blocked.then(|| view! { <Guidance app=app/> })}
        </section>
    }
}

fn account_of(info: &QrInfo) -> Option<(String, String)> {
    let value = info.actual_account.clone()?;
    let label = info
        .actual_account_type
        .clone()
        .map(|t| format!("{} ({t})", super::t(Key::account_label)))
        .unwrap_or_else(|| super::t(Key::account_label));
    Some((label, value))
}

/// Paid: the success screen, the seconds left before returning, and "return now".
#[component]
pub fn PaidScreen(
    #[prop(into)] return_to: Signal<Option<String>>,
    #[prop(into)] refused: Signal<bool>,
    #[prop(into)] left: Signal<Option<i64>>,
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
                        <p id="pp-return-in" aria-live="off">{move || tf(Key::paid_return_in, &[("secs", &left.get().unwrap_or(0).to_string())])}</p>
                        <button type="button" class="pp-button pp-primary" id="pp-return-now"
                            on:click=move |_| dispatch.send(Event::ReturnNow)>{t(Key::paid_return_now)}</button>
                    }.into_any()
                }
                (None, true) => view! { <p id="pp-return-refused" role="alert">{t(Key::paid_return_refused)}</p> }.into_any(),
                (None, false) => view! { <p id="pp-no-return">{t(Key::paid_no_return)}</p> }.into_any(),
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
) -> impl IntoView {
    let id = page().display_id.clone();
    view! {
        <section class="pp-screen pp-final" id=format!("pp-{phase}") data-phase=phase>
            <div class="pp-icon pp-icon-stop" aria-hidden="true">{STOP_MARK}</div>
            <h1 id="pp-final-title" tabindex="-1">{t(title)}</h1>
            <p>{t(body)}</p>
            {message.map(|m| view! { <p class="pp-muted" id="pp-server-message">{tf(Key::server_said, &[("message", &m)])}</p> })}
            {(!id.is_empty()).then(|| view! {
                <p class="pp-id">{t(Key::order_id_label)}": "<span id="pp-final-order-id">{id.clone()}</span></p>
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
