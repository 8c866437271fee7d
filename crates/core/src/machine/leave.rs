//! Every way out of the page (rules 5, 7, 9, 11): the final states, the return to the merchant,
//! redirects, and navigations the browser refused.

use super::*;

pub(super) fn return_to_merchant(s: &mut State, effects: &mut Vec<Effect>) {
    if s.phase == Phase::Paid {
        if let Some(url) = s.return_to.clone() {
            // The return is never counted by the hop limit.
            navigate(s, url, false, effects);
        }
    }
}

pub(super) fn warn(effects: &mut Vec<Effect>, message: &str) {
    effects.push(Effect::Warn {
        message: message.to_owned(),
    });
}

/// What a status code the page knows says of the order (rule 5: only the server's own codes end
/// it).
pub(super) enum Verdict {
    Pending,
    Paid,
    Ended(Phase),
}

/// The verdict of `status`; `None` for a code the page does not know: not an ending, the call
/// counts as failed and is asked again.
pub(super) fn verdict(status: OrderStatus) -> Option<Verdict> {
    match status {
        OrderStatus::Pending => Some(Verdict::Pending),
        OrderStatus::Paid => Some(Verdict::Paid),
        OrderStatus::Closed => Some(Verdict::Ended(Phase::Closed)),
        OrderStatus::Expired => Some(Verdict::Ended(Phase::Expired)),
        OrderStatus::Failed => Some(Verdict::Ended(Phase::Failed)),
        OrderStatus::Unknown(_) => None,
    }
}

pub(super) fn enter_final(s: &mut State, phase: Phase, effects: &mut Vec<Effect>) {
    s.phase = phase;
    s.status_in_flight = false;
    s.poll_generation = s.poll_generation.wrapping_add(1);
    s.grace_generation = s.grace_generation.wrapping_add(1);
    s.paid_check = PaidCheck::Idle;
    if s.phase != Phase::Paid {
        s.merchant_link = s.info_return_link();
    }
    effects.push(Effect::StopTimers);
}

pub(super) fn enter_paid(
    s: &mut State,
    return_uri: Option<String>,
    wait: Option<i64>,
    effects: &mut Vec<Effect>,
) {
    enter_final(s, Phase::Paid, effects);
    let wait = s
        .config
        .return_wait_override
        .or(wait)
        .unwrap_or(DEFAULT_RETURN_WAIT_SECS)
        .clamp(0, 3600);
    s.return_wait_secs = wait;
    s.merchant_link = None;
    let allowed = return_uri.map(|u| s.config.urls.check(UrlUse::Navigate, &u).ok());
    match allowed {
        // Not by itself: it would load this order's page again. A tap is not a loop.
        Some(Some(url)) if s.leads_back(&url) => s.merchant_link = Some(url),
        Some(Some(url)) => {
            s.return_to = Some(url);
            effects.push(Effect::ScheduleReturn {
                after_ms: (wait * 1000) as u32,
            });
        }
        Some(None) => s.return_refused = true,
        None => s.return_to = None,
    }
}

/// Follows an envelope `redirect` when it passes the URL policy and does not lead back to this
/// order's pages; returns whether the page is leaving. Callers only call this while the order is
/// not final: a late answer after a final state never navigates.
pub(super) fn follow_redirect(
    s: &mut State,
    redirect: Option<&str>,
    effects: &mut Vec<Effect>,
) -> bool {
    match redirect.and_then(|r| s.way_out(r)) {
        // One the browser refused is not tried again by itself.
        Some(url) if s.refused_way.as_ref() == Some(&url) && !s.retry_tapped => false,
        Some(url) => navigate(s, url, true, effects),
        None => false,
    }
}

/// The one navigation; returns whether it was asked for now. `counted`: a way on of the page's
/// own, guarded by the hop limit (unless the customer asked for it again after a refusal).
pub(super) fn navigate(
    s: &mut State,
    url: String,
    counted: bool,
    effects: &mut Vec<Effect>,
) -> bool {
    if s.navigated_to.is_some() {
        return false;
    }
    let counted = counted && !s.retry_tapped;
    s.retry_tapped = false;
    s.navigated_to = Some(url.clone());
    effects.push(Effect::Navigate { url, counted });
    true
}

/// The browser side refused the navigation just asked for: it did not happen.
pub(super) fn on_navigation_blocked(s: &mut State) {
    let Some(refused) = s.navigated_to.take() else {
        return;
    };
    // A refused jump shows the answer's code if it has one, else says it was refused (not
    // "opening…" for ever).
    // (A jump whose navigation never went out, because a redirect took it, is refused too.)
    let jump = match &s.qr {
        Some(QrState::Ready {
            plan: QrPlan::Jump(url),
            ..
        }) => Some(url.clone()),
        _ => None,
    };
    if let Some(url) = jump {
        if let Some(QrState::Ready { info, .. }) = s.qr.take() {
            // Its code if it has one, else the jump as a link to tap (a tap is not a loop).
            let plan = match refused_jump(s, &info) {
                QrPlan::JumpRefused => QrPlan::JumpBlocked(url),
                code => code,
            };
            s.qr = Some(QrState::Ready { info, plan });
        }
    }
    if s.phase == Phase::Paid && s.return_to.as_ref() == Some(&refused) {
        // The browser could not go there (an address it cannot parse): said so, never
        // "returning in 0 s" for ever.
        s.return_to = None;
        s.return_refused = true;
    }
    if s.phase == Phase::Pending && s.types.is_some() {
        // The way to the pay page after a choice was refused: the choice is open again, and
        // says so; confirming again is the customer's way on, not counted.
        s.chose_error = Some(Error::new(
            ErrorKind::InvalidResponse,
            "the way to the pay page was refused",
        ));
    }
    s.refused_way = Some(refused);
    if s.phase == Phase::Loading {
        // The way on (the separate page, an info redirect) was refused: a loop between pages.
        // Say so rather than load for ever; "retry" asks again, and its way on goes out.
        let e = Error::new(
            ErrorKind::InvalidResponse,
            "the page's way on was refused (a loop between pages)",
        );
        s.last_error = Some(e.clone());
        s.phase = Phase::Unavailable {
            error: e,
            retrying: false,
        };
    }
    // Pending: the page stays as it was (the separate page's choice is open again); paid: the
    // return is never counted, so never refused.
}
