use leptos::prelude::*;

use crate::core::i18n::Key;
use crate::core::model::OrderInfo;
use crate::core::money::{must_pay_exactly, yuan_with_sign};

use super::{t, tf, CopyButton};

/// The amount to pay (trade_amount) largest, the "pay exactly" notice when the channel adjusted it,
/// and the order's subject, pay type and id.
#[component]
pub fn AmountBlock(order: OrderInfo) -> impl IntoView {
    let to_pay = order.amount_to_pay().unwrap_or(0);
    let to_pay_text = yuan_with_sign(to_pay);
    let exact = must_pay_exactly(order.amount, order.trade_amount);
    let original = order.amount.map(yuan_with_sign).unwrap_or_default();
    let copy_value = crate::core::money::yuan(to_pay);
    let order_id = order.order_id.clone().unwrap_or_default();
    let pay_type = order.pay_type_text.clone().or(order.pay_type.clone());
    let ctx = super::page();
    let logo = order.pay_type_logo.as_deref().and_then(|l| {
        ctx.config
            .url_policy()
            .check(crate::core::url_policy::UrlUse::Image, l)
            .ok()
    });
    // Every screen has a heading: the subject, else the page title. Focusable (not in the Tab
    // order): focus lands here when the pending screen replaces another.
    let heading = order.subject.clone().unwrap_or_else(|| t(Key::page_title));
    view! {
        <section class="pp-amount-block" aria-labelledby="pp-amount-label">
            <h1 class="pp-subject" id="pp-subject" tabindex="-1">{heading}</h1>
            <p class="pp-amount-label" id="pp-amount-label">{t(Key::amount_label)}</p>
            <p class="pp-amount" id="pp-amount">
                <span class="pp-amount-value">{to_pay_text.clone()}</span>
                <CopyButton id="pp-copy-amount" what="amount" value=copy_value label=t(Key::copy_amount)/>
            </p>
            {exact.then(|| view! {
                <p class="pp-exact" id="pp-exact" role="note">
                    <strong>{tf(Key::pay_exactly, &[("amount", &to_pay_text)])}</strong>
                    <span class="pp-exact-original">{tf(Key::order_amount, &[("amount", &original)])}</span>
                </p>
            })}
            <dl class="pp-facts">
                {pay_type.map(|p| view! {
                    <div><dt>{t(Key::pay_type_label)}</dt><dd>
                        {logo.clone().map(|src| view! { <img class="pp-pay-logo" id="pp-pay-logo" src=src alt="" width="20" height="20"/> })}
                        <span id="pp-pay-type">{p}</span>
                    </dd></div>
                })}
                {(!order_id.is_empty()).then(|| view! {
                    <div>
                        <dt>{t(Key::order_id_label)}</dt>
                        <dd><span id="pp-order-id">{order_id.clone()}</span>
                            <CopyButton id="pp-copy-order" what="order" value=order_id.clone() label=t(Key::copy_order_id)/>
                        </dd>
                    </div>
                })}
            </dl>
        </section>
    }
}
