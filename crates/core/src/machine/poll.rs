//! Checking the status: the poll and its schedule (rule 8), the countdown's end and the grace
//! period (rule 6), "I have paid", and the app link the page opens by itself (rule 9).

use super::*;

pub(super) fn on_status_reply(s: &mut State, reply: Reply<StatusInfo>, effects: &mut Vec<Effect>) {
    if !s.status_in_flight {
        return;
    }
    s.status_in_flight = false;
    // The answer first: when it says paid (or any final state), the redirect is not followed.
    on_status(s, reply.result, effects);
    if s.phase == Phase::Pending {
        follow_redirect(s, reply.redirect.as_deref(), effects);
    }
}

pub(super) fn on_countdown_ended(s: &mut State, effects: &mut Vec<Effect>) {
    if s.phase == Phase::Pending && !s.overtime {
        s.overtime = true;
        s.grace_over = false;
        s.overtime_from = s.expire_time();
        s.grace_generation = s.grace_generation.wrapping_add(1);
        effects.push(Effect::ScheduleGraceEnd {
            generation: s.grace_generation,
            after_ms: s.config.grace_secs.saturating_mul(1000),
        });
        check_status(s, effects);
    }
}

pub(super) fn on_grace_over(s: &mut State, generation: u64, effects: &mut Vec<Effect>) {
    if generation == s.grace_generation && s.overtime && s.phase == Phase::Pending {
        s.grace_over = true;
        // The next answer (of this check, or of one already on its way) tells: still pending or
        // no answer, the order shows as expired and the checks go on, slower (rule 6).
        check_status(s, effects);
    }
}

pub(super) fn check_now(s: &mut State, effects: &mut Vec<Effect>) {
    if !s.checking() || s.check_cooling || s.paid_check == PaidCheck::Checking {
        return;
    }
    s.paid_check = PaidCheck::Checking;
    s.check_cooling = true;
    effects.push(Effect::ScheduleCheckCooldown {
        after_ms: CHECK_NOW_COOLDOWN_MS,
    });
    // The poll's call, if one is on its way, answers this too.
    check_status(s, effects);
}

pub(super) fn on_status(
    s: &mut State,
    result: Result<StatusInfo, Error>,
    effects: &mut Vec<Effect>,
) {
    if !s.checking() {
        return;
    }
    let result = result.and_then(|st| match verdict(st.status) {
        Some(verdict) => Ok((st, verdict)),
        None => {
            warn(
                effects,
                "paypage: status gave a code the page does not know; asking again",
            );
            Err(Error::new(
                ErrorKind::InvalidResponse,
                "status: a code the page does not know",
            ))
        }
    });
    match result {
        Ok((st, verdict)) => {
            s.status_failures = 0;
            s.last_error = None;
            let return_uri = st
                .return_uri
                .clone()
                .or_else(|| s.order.as_ref().and_then(|o| o.return_uri.clone()));
            let wait = st
                .payed_wait_time
                .or_else(|| s.order.as_ref().and_then(|o| o.payed_wait_time));
            let extended = s.overtime
                && matches!((st.expire_time, s.overtime_from), (Some(new), Some(old)) if new > old);
            s.status = Some(st);
            match verdict {
                Verdict::Paid => enter_paid(s, return_uri, wait, effects),
                Verdict::Pending => {
                    if extended {
                        // A later expiry: the order was extended, the countdown runs again.
                        s.overtime = false;
                        s.grace_over = false;
                        s.overtime_from = None;
                        s.grace_generation = s.grace_generation.wrapping_add(1);
                        s.phase = Phase::Pending;
                    } else if s.grace_over {
                        // Still pending after the grace period: shown as expired, not ended.
                        s.phase = Phase::Lapsed;
                    }
                    after_check(s, PaidCheck::NotYet);
                    schedule_poll(s, effects);
                    auto_open(s, effects);
                }
                Verdict::Ended(phase) => enter_final(s, phase, effects),
            }
        }
        Err(e) => {
            s.status_failures = s.status_failures.saturating_add(1);
            s.last_error = Some(e);
            if s.grace_over {
                // Not a verdict: the server may still record the payment.
                s.phase = Phase::Lapsed;
            }
            after_check(s, PaidCheck::Failed);
            schedule_poll(s, effects);
        }
    }
    if s.phase == Phase::Lapsed && s.merchant_link.is_none() {
        s.merchant_link = s.info_return_link();
    }
}

/// `is_auto_open`: the app link beside the code, opened by the page once the code is on screen,
/// while pending, where the browser lets that app open (rule 9).
pub(super) fn auto_open(s: &mut State, effects: &mut Vec<Effect>) {
    if s.phase != Phase::Pending || !s.auto_open() || !s.config.browser.may_auto_open(s.app()) {
        return;
    }
    let link = match &s.qr {
        Some(QrState::Ready { info, plan }) if plan.shows_code() => {
            auto_open_link(&s.config.urls, info)
        }
        _ => None,
    };
    if let Some(url) = link {
        open_app(s, url, effects);
    }
}

/// Opens an app link by itself: only an app's own scheme, only while pending, at most once (and
/// not after the customer's own tap). The browser side also keeps it to once per order and tab.
pub(super) fn open_app(s: &mut State, url: String, effects: &mut Vec<Effect>) {
    let app_scheme = app_scheme_link(&s.config.urls, &url).is_some();
    if s.phase == Phase::Pending
        && s.config.auto_open
        && app_scheme
        && s.opened_app.is_none()
        && !s.app_tapped
    {
        s.opened_app = Some(url.clone());
        effects.push(Effect::OpenApp { url });
    }
}

/// The answer to a pending "I have paid" check.
pub(super) fn after_check(s: &mut State, found: PaidCheck) {
    if s.paid_check == PaidCheck::Checking {
        s.paid_check = found;
    }
}

pub(super) fn check_status(s: &mut State, effects: &mut Vec<Effect>) {
    // The separate page checks the status only after the countdown ended (a late payment, an
    // extension, the end).
    let polls = s.config.cashier != Cashier::Choose || s.overtime;
    if s.checking() && !s.status_in_flight && polls {
        s.status_in_flight = true;
        s.poll_generation = s.poll_generation.wrapping_add(1);
        effects.push(Effect::FetchStatus);
    }
}

pub(super) fn schedule_poll(s: &mut State, effects: &mut Vec<Effect>) {
    let j = s.jitter();
    let mut after_ms = s.config.poll.next_delay_ms(s.visible, s.status_failures, j);
    if s.phase == Phase::Lapsed {
        // After the grace period: a slow check while the screen is open.
        after_ms = after_ms.max(s.config.poll.overtime_ms.saturating_mul(LAPSED_POLL_FACTOR));
    } else if s.overtime {
        // After the countdown: slower, for the grace period.
        after_ms = after_ms.max(s.config.poll.overtime_ms);
    }
    s.poll_generation = s.poll_generation.wrapping_add(1);
    effects.push(Effect::SchedulePoll {
        generation: s.poll_generation,
        after_ms,
    });
}
