//! The screen of the order's phase: loading, pending, paid, one of the final states, or
//! unavailable.

use leptos::prelude::*;

use crate::core::error::ErrorKind;
use crate::core::i18n::Key;
use crate::core::machine::{Phase, State};
use crate::core::money::yuan_with_sign;
use crate::hooks::{Dispatch, OrderView, UseAudioReturn};

use super::{
    t, ChooseScreen, FinalScreen, LoadingScreen, PageKind, PaidCheckBlock, PaidScreen,
    PendingScreen, UnavailableScreen,
};

/// Picks the screen for `view.phase`; the other signals feed the screen shown.
#[component]
pub fn OrderScreen(
    state: ReadSignal<State>,
    view: OrderView,
    /// Seconds left to pay.
    remaining: ReadSignal<Option<i64>>,
    /// Seconds left before the return to the merchant.
    return_left: ReadSignal<Option<i64>>,
    audio: UseAudioReturn,
    dispatch: Dispatch,
    /// What the host injected, shown while the order loads.
    loading_subject: Option<String>,
    loading_amount: Option<String>,
) -> impl IntoView {
    move || {
        let dispatch = dispatch.clone();
        match view.phase.get() {
            Phase::Loading => view! {
                <LoadingScreen subject=loading_subject.clone() amount=loading_amount.clone()/>
            }
            .into_any(),
            Phase::Pending if super::page().kind == PageKind::Separate => {
                let order = state.with_untracked(|s| s.order.clone()).unwrap_or_default();
                view! {
                    <ChooseScreen order=order remaining=remaining
                        types=crate::hooks::memo(move || state.with(|s| s.types.clone()))
                        preselected=crate::hooks::memo(move || state.with(|s| s.preselected().map(str::to_owned)))
                        choosing=crate::hooks::memo(move || state.with(|s| s.choosing.clone()))
                        refused=crate::hooks::memo(move || state.with(|s| s.chose_error.clone()))
                        dispatch=dispatch/>
                }
                .into_any()
            }
            Phase::Pending => {
                let order = state.with_untracked(|s| s.order.clone()).unwrap_or_default();
                view! {
                    <PendingScreen order=order qr=view.qr app=view.app remaining=remaining
                        reconnecting=view.reconnecting checking=view.checking paid_check=view.paid_check
                        check_cooling=view.check_cooling audio=audio dispatch=dispatch/>
                }
                .into_any()
            }
            Phase::Paid => paid(state, return_left, dispatch),
            Phase::Closed => final_screen(state, "closed", Key::closed_title, Key::closed_body),
            Phase::Expired => final_screen(state, "expired", Key::expired_title, Key::expired_body),
            // Shown as expired while the server has not said: "I have paid" and a slow check go on.
            Phase::Lapsed => {
                let link = state.with_untracked(|s| s.merchant_link.clone());
                view! {
                    <FinalScreen phase="expired" title=Key::expired_title body=Key::expired_body merchant_link=link>
                        <p class="pp-muted" id="pp-lapsed-hint">{t(Key::lapsed_hint)}</p>
                        <PaidCheckBlock paid_check=view.paid_check check_cooling=view.check_cooling dispatch=dispatch/>
                    </FinalScreen>
                }
                .into_any()
            }
            Phase::Failed => final_screen(state, "failed", Key::failed_title, Key::failed_body),
            Phase::NotFound => {
                let message = state.with_untracked(|s| {
                    s.last_error
                        .as_ref()
                        .and_then(|e| e.server_message().map(str::to_owned))
                });
                view! {
                    <FinalScreen phase="not-found" title=Key::not_found_title body=Key::not_found_body
                        message=message.unwrap_or_default()/>
                }
                .into_any()
            }
            Phase::Unavailable { error, retrying } => view! {
                <UnavailableScreen message=error.server_message().map(str::to_owned) retrying=retrying
                    unreadable={*error.kind() == ErrorKind::UnreadableOrder} dispatch=dispatch/>
            }
            .into_any(),
        }
    }
}

fn paid(state: ReadSignal<State>, left: ReadSignal<Option<i64>>, dispatch: Dispatch) -> AnyView {
    let amount = state.with_untracked(|s| {
        s.order
            .as_ref()
            .and_then(|o| o.amount_to_pay())
            .map(yuan_with_sign)
    });
    view! {
        <PaidScreen
            merchant_link=state.with_untracked(|s| s.merchant_link.clone())
            return_to=Signal::derive(move || state.with(|s| s.return_to.clone()))
            refused=Signal::derive(move || state.with(|s| s.return_refused))
            left=left amount=amount dispatch=dispatch/>
    }
    .into_any()
}

fn final_screen(state: ReadSignal<State>, phase: &'static str, title: Key, body: Key) -> AnyView {
    let link = state.with_untracked(|s| s.merchant_link.clone());
    view! { <FinalScreen phase=phase title=title body=body merchant_link=link/> }.into_any()
}
