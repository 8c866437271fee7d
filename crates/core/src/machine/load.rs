//! Loading the order: info first (rule 1), a dead order stops everything (rule 2), a pending one
//! starts qrcode, audio and status together (rule 3); the code, the jump, the audio.

use super::*;

pub(super) fn fetch_info(s: &mut State, effects: &mut Vec<Effect>) {
    let may_fetch = match s.phase {
        Phase::Loading => s.order.is_none(),
        // A retry the page did not schedule is the customer's: after a refused way on, the next
        // way on is theirs.
        Phase::Unavailable { retrying, .. } => {
            s.retry_tapped = !retrying && s.refused_way.is_some();
            true
        }
        _ => false,
    };
    if may_fetch && !s.info_in_flight && s.navigated_to.is_none() {
        s.info_in_flight = true;
        s.phase = Phase::Loading;
        effects.push(Effect::FetchInfo);
    }
}

pub(super) fn on_info_reply(s: &mut State, reply: Reply<OrderInfo>, effects: &mut Vec<Effect>) {
    if !s.info_in_flight {
        return;
    }
    s.info_in_flight = false;
    // A redirect on the info answer is the way on: the page leaves, and calls nothing else.
    if follow_redirect(s, reply.redirect.as_deref(), effects) {
        return;
    }
    on_info(s, reply.result, effects);
    // The customer's retry covered this answer's way on only.
    s.retry_tapped = false;
}

pub(super) fn on_qr_reply(s: &mut State, reply: Reply<QrInfo>, effects: &mut Vec<Effect>) {
    if s.phase != Phase::Pending {
        return;
    }
    follow_redirect(s, reply.redirect.as_deref(), effects);
    match reply.result {
        Ok(info) => {
            s.qr_failures = 0;
            let mut plan = plan_qr(&s.config.urls, &info);
            match &plan {
                // A jump back to this order's own pages can only loop; one the browser refused
                // before is not tried again by itself.
                QrPlan::Jump(url) if s.leads_back(url) || s.refused_way.as_ref() == Some(url) => {
                    plan = refused_jump(s, &info)
                }
                QrPlan::Jump(url) => {
                    navigate(s, url.clone(), true, effects);
                }
                QrPlan::OpenApp(url) => {
                    let app = App::from_payload(url);
                    if s.config.browser.may_auto_open(app) {
                        open_app(s, url.clone(), effects);
                    }
                }
                _ => {}
            }
            s.qr = Some(QrState::Ready { info, plan });
            auto_open(s, effects);
        }
        Err(e) => {
            s.qr_failures = s.qr_failures.saturating_add(1);
            if e.is_retryable() {
                let j = s.jitter();
                let after_ms = s.config.poll.next_delay_ms(true, s.qr_failures, j);
                effects.push(Effect::ScheduleQrRetry { after_ms });
            }
            s.qr = Some(QrState::Failed(e));
        }
    }
}

pub(super) fn retry_qr(s: &mut State, effects: &mut Vec<Effect>) {
    let busy = matches!(s.qr, Some(QrState::Loading | QrState::Ready { .. }));
    if s.phase == Phase::Pending && s.config.qr && !busy {
        s.qr = Some(QrState::Loading);
        effects.push(Effect::FetchQr);
    }
}

pub(super) fn on_audio_reply(s: &mut State, reply: Reply<AudioInfo>, effects: &mut Vec<Effect>) {
    if s.phase != Phase::Pending {
        return;
    }
    follow_redirect(s, reply.redirect.as_deref(), effects);
    if let Ok(audio) = reply.result {
        s.audio = Some(audio);
    }
}

pub(super) fn on_info(s: &mut State, result: Result<OrderInfo, Error>, effects: &mut Vec<Effect>) {
    let result = result.and_then(|info| agree_with_page(s, info, effects));
    match result {
        Ok((info, verdict)) => {
            s.info_failures = 0;
            let return_uri = info.return_uri.clone();
            let wait = info.payed_wait_time;
            s.order = Some(info);
            match verdict {
                Verdict::Pending => start_pending(s, effects),
                Verdict::Paid => enter_paid(s, return_uri, wait, effects),
                Verdict::Ended(phase) => enter_final(s, phase, effects),
            }
        }
        Err(e) if e.is_not_found() => {
            s.last_error = Some(e);
            enter_final(s, Phase::NotFound, effects);
        }
        Err(e) => {
            s.info_failures = s.info_failures.saturating_add(1);
            let retrying = e.is_retryable();
            if retrying {
                let j = s.jitter();
                let after_ms = s.config.poll.next_delay_ms(true, s.info_failures, j);
                effects.push(Effect::ScheduleInfoRetry { after_ms });
            }
            s.last_error = Some(e.clone());
            s.phase = Phase::Unavailable { error: e, retrying };
        }
    }
}

/// The info answer and its verdict, unless it cannot be trusted as it is: a status code the page
/// does not know (not an ending: asked again later), or a pending order whose amount disagrees
/// with the amount the server rendered into the page (neither is picked: the order is
/// unreadable).
pub(super) fn agree_with_page(
    s: &State,
    info: OrderInfo,
    effects: &mut Vec<Effect>,
) -> Result<(OrderInfo, Verdict), Error> {
    let Some(verdict) = verdict(info.status) else {
        warn(
            effects,
            "paypage: info gave a status code the page does not know",
        );
        return Err(Error::new(
            ErrorKind::UnreadableOrder,
            "info: a status code the page does not know",
        ));
    };
    let disagrees = s.config.page_amount.is_some() && s.config.page_amount != info.amount_to_pay();
    if matches!(verdict, Verdict::Pending) && disagrees {
        return Err(Error::new(
            ErrorKind::UnreadableOrder,
            "info: the amount disagrees with the amount in the page",
        ));
    }
    Ok((info, verdict))
}

pub(super) fn start_pending(s: &mut State, effects: &mut Vec<Effect>) {
    let blank = s.order.as_ref().is_some_and(|o| o.pay_type_blank);
    match s.config.cashier {
        Cashier::Send if blank => {
            if let Some(id) = s.platform_order_id() {
                // The page leaves for the choice: it stays "loading", and calls nothing else.
                let url = separate_page_url(&s.config.here.origin, id);
                navigate(s, url, true, effects);
                return;
            }
        }
        Cashier::Choose => {
            s.phase = Phase::Pending;
            s.types = Some(TypesState::Loading);
            effects.push(Effect::FetchTypes);
            return;
        }
        Cashier::Send | Cashier::Off => {}
    }
    s.phase = Phase::Pending;
    if s.config.qr {
        s.qr = Some(QrState::Loading);
        effects.push(Effect::FetchQr);
    }
    let audio_off = s.order.as_ref().and_then(|o| o.audio_enable) == Some(false);
    if s.config.audio && !audio_off {
        effects.push(Effect::FetchAudio);
    }
    s.status_in_flight = true;
    s.poll_generation = s.poll_generation.wrapping_add(1);
    effects.push(Effect::FetchStatus);
}

/// What a `type: jump` answer shows when its jump is not made: its code, if it has one.
pub(super) fn refused_jump(s: &State, info: &QrInfo) -> QrPlan {
    match plan_code(&s.config.urls, info) {
        plan if plan.shows_code() => plan,
        _ => QrPlan::JumpRefused,
    }
}
