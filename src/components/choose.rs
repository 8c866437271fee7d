//! The separate page's screen (the cashier flow): the order, the countdown and the choice of pay
//! type as a real form.

use leptos::prelude::*;

use crate::core::error::Error;
use crate::core::i18n::Key;
use crate::core::machine::{Event, TypesState};
use crate::core::model::{OrderInfo, PayType};
use crate::core::url_policy::UrlUse;
use crate::hooks::Dispatch;

use super::{page, t, tf, AmountBlock, CountdownView};

/// The choice of pay type: a radio group (logo and label each) preselected, a large confirm button
/// that is busy while the choice is sent, and the failures as screens: the types failed (retry), no
/// type at all, the choice refused (the server's words; the choice stays open). The parts of the
/// state are the `Memo`s the order screen makes: no `Signal` code is compiled for their types.
#[component]
pub fn ChooseScreen(
    order: OrderInfo,
    remaining: ReadSignal<Option<i64>>,
    types: Memo<Option<TypesState>>,
    /// The type checked at first: the order's, else the first.
    preselected: Memo<Option<String>>,
    /// The type being sent (the form is busy).
    choosing: Memo<Option<String>>,
    /// Why the last choice was refused.
    refused: Memo<Option<Error>>,
    dispatch: Dispatch,
) -> impl IntoView {
    view! {
        <section class="pp-screen pp-pending pp-separate" id="pp-separate" data-phase="choose">
            <AmountBlock order=order/>
            <CountdownView remaining=remaining/>
            {move || {
                let dispatch = dispatch.clone();
                match types.get() {
                    None | Some(TypesState::Loading) => view! {
                        <p class="pp-muted" id="pp-types-loading" aria-busy="true">{t(Key::types_loading)}</p>
                    }.into_any(),
                    Some(TypesState::Failed(e)) => view! {
                        <div class="pp-types-error" id="pp-types-error" role="alert">
                            <p>{t(Key::types_failed)}</p>
                            {e.server_message().map(|m| view! {
                                <p class="pp-muted" id="pp-types-message">{tf(Key::server_said, &[("message", m)])}</p>
                            })}
                            <button type="button" class="pp-button pp-primary" id="pp-types-retry"
                                on:click=move |_| dispatch.send(Event::RetryTypes)>{t(Key::retry)}</button>
                        </div>
                    }.into_any(),
                    Some(TypesState::Ready(list)) if list.is_empty() => view! {
                        <p class="pp-types-empty" id="pp-types-empty" role="alert">{t(Key::types_empty)}</p>
                    }.into_any(),
                    Some(TypesState::Ready(list)) => view! {
                        <ChoiceForm types=list preselected=preselected choosing=choosing refused=refused dispatch=dispatch/>
                    }.into_any(),
                }
            }}
        </section>
    }
}

/// The form: `<fieldset>` with a `<legend>`, one radio input per type inside its label (arrow keys
/// move within the group, Enter submits), the confirm button, the refusal in `role="alert"`.
#[component]
fn ChoiceForm(
    types: Vec<PayType>,
    preselected: Memo<Option<String>>,
    choosing: Memo<Option<String>>,
    refused: Memo<Option<Error>>,
    dispatch: Dispatch,
) -> impl IntoView {
    // The customer's pick; until then the preselected type.
    let picked = RwSignal::new(None::<String>);
    let current = move || picked.get().or_else(|| preselected.get());
    let busy = move || choosing.with(Option::is_some);
    let policy = page().config.url_policy();
    let items = types
        .into_iter()
        .enumerate()
        .map(|(i, ty)| {
            let logo = ty
                .logo
                .as_deref()
                .and_then(|l| policy.check(UrlUse::Image, l).ok());
            let label = ty.display().to_owned();
            let value = ty.value;
            let checked_value = value.clone();
            let pick_value = value.clone();
            // A logo that does not load is hidden (the label says it all).
            let broken = RwSignal::new(false);
            view! {
                <label class="pp-type" id=["pp-type-", &crate::core::numtext::int_text(i as i64)].concat()>
                    <input type="radio" name="pay_type" class="pp-type-input" value=value
                        prop:checked=move || current().as_deref() == Some(checked_value.as_str())
                        on:change=move |_| picked.set(Some(pick_value.clone()))/>
                    {logo.map(|src| view! {
                        <img class="pp-type-logo" src=src alt="" width="28" height="28"
                            hidden=move || broken.get() on:error=move |_| broken.set(true)/>
                    })}
                    <span class="pp-type-label">{label}</span>
                </label>
            }
        })
        .collect_view();
    let submit = move |ev: leptos::ev::SubmitEvent| {
        ev.prevent_default();
        if let Some(value) = current() {
            dispatch.send(Event::Choose(value));
        }
    };
    view! {
        <form class="pp-choose-form" id="pp-choose-form" novalidate=true aria-busy=move || if busy() { "true" } else { "false" }
            on:submit=submit>
            <fieldset class="pp-types" id="pp-pay-types">
                <legend class="pp-types-legend">{t(Key::choose_channel)}</legend>
                {items}
            </fieldset>
            {move || refused.get().map(|e| {
                let text = match e.server_message() {
                    Some(m) => tf(Key::server_said, &[("message", m)]),
                    None => t(Key::chose_failed),
                };
                view! { <p class="pp-chose-error" id="pp-chose-error" role="alert">{text}</p> }
            })}
            <button type="submit" class="pp-button pp-primary pp-large" id="pp-choose"
                disabled=busy>{move || if busy() { t(Key::choose_busy) } else { t(Key::choose_confirm) }}</button>
        </form>
    }
}
