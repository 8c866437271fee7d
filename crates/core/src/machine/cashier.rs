//! The cashier flow on the separate page (rule 10): the pay types and the customer's choice.

use super::*;

pub(super) fn on_types_reply(s: &mut State, reply: Reply<Vec<PayType>>, effects: &mut Vec<Effect>) {
    if s.phase != Phase::Pending || s.types != Some(TypesState::Loading) {
        return;
    }
    if follow_redirect(s, reply.redirect.as_deref(), effects) {
        return;
    }
    s.types = Some(match reply.result {
        Ok(types) => TypesState::Ready(types),
        Err(e) => TypesState::Failed(e),
    });
}

pub(super) fn retry_types(s: &mut State, effects: &mut Vec<Effect>) {
    if s.phase == Phase::Pending && matches!(s.types, Some(TypesState::Failed(_))) {
        s.types = Some(TypesState::Loading);
        effects.push(Effect::FetchTypes);
    }
}

pub(super) fn choose(s: &mut State, pay_type: String, effects: &mut Vec<Effect>) {
    let offered = matches!(&s.types, Some(TypesState::Ready(types)) if types.iter().any(|t| t.value == pay_type));
    if s.phase != Phase::Pending || !offered || s.choosing.is_some() || s.navigated_to.is_some() {
        return;
    }
    s.chose_error = None;
    // After a refused way on, this confirmation is the customer's own.
    s.retry_tapped = s.refused_way.is_some();
    s.choosing = Some(pay_type.clone());
    effects.push(Effect::ChoseType { pay_type });
}

pub(super) fn on_chosen(s: &mut State, reply: Reply<()>, effects: &mut Vec<Effect>) {
    if s.choosing.take().is_none() || s.phase != Phase::Pending {
        return;
    }
    match reply.result {
        Ok(()) => {
            if let Some(id) = s.platform_order_id() {
                let url = pay_page_url(&s.config.here.origin, id);
                navigate(s, url, true, effects);
            }
        }
        Err(e) => s.chose_error = Some(e),
    }
}
