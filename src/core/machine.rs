//! The order state machine: `transition(state, event) -> (state, effects)`, pure.
//!
//! Rules (each has a test named after it in `tests/core/machine.rs`):
//! 1. `/info` comes first; nothing else is fetched before it answers.
//! 2. When `/info` says the order is not pending, the page stops: no qrcode, audio or status call.
//! 3. Once pending, qrcode, audio and the first status call start together.
//! 4. "Paid" only when the server said status 2.
//! 5. A final state is final: nothing reopens it and no call is made after it.
//! 6. When the countdown reaches zero, one last status check decides between paid and expired.
//! 7. A non-empty envelope `redirect` is followed only if it passes the URL policy, at most once.
//! 8. Never two status calls in flight.
//! 9. Paid: exactly one navigation, to an allowed `return_uri`, after the wait or on request.

use super::error::Error;
use super::model::{AudioInfo, OrderInfo, OrderStatus, QrInfo, StatusInfo};
use super::present::{plan_qr, QrPlan};
use super::schedule::PollConfig;
use super::url_policy::{UrlPolicy, UrlUse};
use super::wire::Reply;

/// Seconds on the success screen when the server gives no `pay_payed_wait_time`.
pub const DEFAULT_RETURN_WAIT_SECS: i64 = 3;

/// Where the order stands, as the page shows it.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Phase {
    /// Waiting for the first `/info` answer.
    Loading,
    /// `/info` failed; `retrying` when a retry is scheduled by itself.
    Unavailable { error: Error, retrying: bool },
    /// Waiting for payment.
    Pending,
    /// Final: paid.
    Paid,
    /// Final: closed.
    Closed,
    /// Final: expired.
    Expired,
    /// Final: creation failed, or a status code the page does not know.
    Failed,
    /// Final: the server says the order does not exist.
    NotFound,
}

impl Phase {
    pub fn is_final(&self) -> bool {
        matches!(
            self,
            Self::Paid | Self::Closed | Self::Expired | Self::Failed | Self::NotFound
        )
    }
}

/// What the page must do. The hook that owns the machine executes effects in order.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Effect {
    FetchInfo,
    FetchQr,
    FetchAudio,
    FetchStatus,
    /// Dispatch `Event::PollDue(generation)` after `after_ms`.
    SchedulePoll {
        generation: u64,
        after_ms: u32,
    },
    /// Dispatch `Event::RetryInfo` after `after_ms`.
    ScheduleInfoRetry {
        after_ms: u32,
    },
    /// Dispatch `Event::RetryQr` after `after_ms`.
    ScheduleQrRetry {
        after_ms: u32,
    },
    /// Dispatch `Event::ReturnDue` after `after_ms`.
    ScheduleReturn {
        after_ms: u32,
    },
    /// Leave the page for `url` (already allowed by the URL policy), replacing history.
    Navigate {
        url: String,
    },
    /// Stop every timer: the order reached a final state.
    StopTimers,
}

/// Something that happened.
#[derive(Clone, Debug, PartialEq)]
pub enum Event {
    /// The page started.
    Start,
    Info(Reply<OrderInfo>),
    Qr(Reply<QrInfo>),
    Audio(Reply<AudioInfo>),
    Status(Reply<StatusInfo>),
    /// A scheduled poll fired; ignored unless its generation is the current one.
    PollDue(u64),
    /// The page became visible (`true`) or hidden.
    Visibility(bool),
    /// The window regained focus (the customer is back from the payment app).
    Focus,
    /// The local countdown reached zero.
    CountdownEnded,
    /// The customer pressed "retry", or the scheduled info retry fired.
    RetryInfo,
    /// Retry the QR code call.
    RetryQr,
    /// The success screen's wait is over.
    ReturnDue,
    /// The customer pressed "return to merchant now".
    ReturnNow,
}

/// The QR code part of the pending screen.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QrState {
    Loading,
    Ready { info: QrInfo, plan: QrPlan },
    Failed(Error),
}

/// Everything the page shows, and the bookkeeping the rules need.
#[derive(Clone, Debug, PartialEq)]
pub struct State {
    pub phase: Phase,
    pub order: Option<OrderInfo>,
    pub qr: Option<QrState>,
    pub audio: Option<AudioInfo>,
    pub status: Option<StatusInfo>,
    /// Consecutive failed status calls; the page says "reconnecting" while this is non-zero.
    pub status_failures: u32,
    pub last_error: Option<Error>,
    /// The countdown reached zero and the last check is running or due.
    pub final_check: bool,
    /// The return target, when paid and allowed by the URL policy.
    pub return_to: Option<String>,
    /// Paid with a `return_uri` the policy refused.
    pub return_refused: bool,
    /// Seconds to wait on the success screen.
    pub return_wait_secs: i64,
    /// The one navigation made, if any.
    pub navigated_to: Option<String>,
    pub visible: bool,
    info_in_flight: bool,
    info_failures: u32,
    qr_failures: u32,
    status_in_flight: bool,
    poll_generation: u64,
    rng: u64,
    config: MachineConfig,
}

/// The machine's settings.
#[derive(Clone, Debug, PartialEq)]
pub struct MachineConfig {
    pub poll: PollConfig,
    pub urls: UrlPolicy,
    /// Whether to call `/api/order/audio` at all (merchant audio policy).
    pub audio: bool,
    /// Overrides `pay_payed_wait_time`.
    pub return_wait_override: Option<i64>,
    /// Seed of the jitter generator (tests pin it).
    pub seed: u64,
}

impl Default for MachineConfig {
    fn default() -> Self {
        Self {
            poll: PollConfig::default(),
            urls: UrlPolicy::default(),
            audio: true,
            return_wait_override: None,
            seed: 0x9e37_79b9_7f4a_7c15,
        }
    }
}

impl State {
    pub fn new(config: MachineConfig) -> Self {
        Self {
            phase: Phase::Loading,
            order: None,
            qr: None,
            audio: None,
            status: None,
            status_failures: 0,
            last_error: None,
            final_check: false,
            return_to: None,
            return_refused: false,
            return_wait_secs: DEFAULT_RETURN_WAIT_SECS,
            navigated_to: None,
            visible: true,
            info_in_flight: false,
            info_failures: 0,
            qr_failures: 0,
            status_in_flight: false,
            poll_generation: 0,
            rng: config.seed | 1,
            config,
        }
    }

    pub fn config(&self) -> &MachineConfig {
        &self.config
    }

    pub fn status_in_flight(&self) -> bool {
        self.status_in_flight
    }

    /// Whether the page should say it is reconnecting.
    pub fn reconnecting(&self) -> bool {
        self.phase == Phase::Pending && self.status_failures > 0
    }

    /// The expiry in server seconds: the latest the server sent.
    pub fn expire_time(&self) -> Option<i64> {
        self.status
            .as_ref()
            .and_then(|s| s.expire_time)
            .or_else(|| self.order.as_ref().and_then(|o| o.expire_time))
    }

    /// `is_auto_open` from the latest status answer.
    pub fn auto_open(&self) -> bool {
        self.status.as_ref().is_some_and(|s| s.is_auto_open)
    }

    fn jitter(&mut self) -> f64 {
        // xorshift64*: deterministic for a seed, good enough to spread retries.
        let mut x = self.rng;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.rng = x;
        (x.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64
    }
}

/// The machine's step: a pure function of the state and one event. One small function per event
/// below; each changes the state and lists the effects the hook must carry out.
pub fn transition(mut state: State, event: Event) -> (State, Vec<Effect>) {
    let mut effects = Vec::new();
    let s = &mut state;
    let out = &mut effects;
    match event {
        Event::Start | Event::RetryInfo => fetch_info(s, out),
        Event::Info(reply) => on_info_reply(s, reply, out),
        Event::Qr(reply) => on_qr_reply(s, reply, out),
        Event::RetryQr => retry_qr(s, out),
        Event::Audio(reply) => on_audio_reply(s, reply, out),
        Event::Status(reply) => on_status_reply(s, reply, out),
        Event::PollDue(generation) => {
            if generation == s.poll_generation {
                check_status(s, out);
            }
        }
        Event::Visibility(visible) => {
            s.visible = visible;
            if visible {
                check_status(s, out);
            }
        }
        Event::Focus => {
            s.visible = true;
            check_status(s, out);
        }
        Event::CountdownEnded => on_countdown_ended(s, out),
        Event::ReturnDue | Event::ReturnNow => return_to_merchant(s, out),
    }
    (state, effects)
}

fn fetch_info(s: &mut State, effects: &mut Vec<Effect>) {
    let may_fetch = matches!(s.phase, Phase::Loading | Phase::Unavailable { .. });
    if may_fetch && !s.info_in_flight && s.order.is_none() {
        s.info_in_flight = true;
        s.phase = Phase::Loading;
        effects.push(Effect::FetchInfo);
    }
}

fn on_info_reply(s: &mut State, reply: Reply<OrderInfo>, effects: &mut Vec<Effect>) {
    if !s.info_in_flight {
        return;
    }
    s.info_in_flight = false;
    follow_redirect(s, reply.redirect.as_deref(), effects);
    on_info(s, reply.result, effects);
}

fn on_qr_reply(s: &mut State, reply: Reply<QrInfo>, effects: &mut Vec<Effect>) {
    redirect_unless_paid(s, reply.redirect.as_deref(), effects);
    if s.phase != Phase::Pending {
        return;
    }
    match reply.result {
        Ok(info) => {
            s.qr_failures = 0;
            let plan = plan_qr(&s.config.urls, &info);
            if let QrPlan::Jump(url) = &plan {
                navigate(s, url.clone(), effects);
            }
            s.qr = Some(QrState::Ready { info, plan });
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

fn retry_qr(s: &mut State, effects: &mut Vec<Effect>) {
    if s.phase == Phase::Pending && !matches!(s.qr, Some(QrState::Loading | QrState::Ready { .. }))
    {
        s.qr = Some(QrState::Loading);
        effects.push(Effect::FetchQr);
    }
}

fn on_audio_reply(s: &mut State, reply: Reply<AudioInfo>, effects: &mut Vec<Effect>) {
    redirect_unless_paid(s, reply.redirect.as_deref(), effects);
    if let Ok(audio) = reply.result {
        if s.phase == Phase::Pending {
            s.audio = Some(audio);
        }
    }
}

fn on_status_reply(s: &mut State, reply: Reply<StatusInfo>, effects: &mut Vec<Effect>) {
    if !s.status_in_flight {
        return;
    }
    s.status_in_flight = false;
    // The answer first: when it says paid, the way back to the merchant (return_uri) wins over
    // an envelope redirect.
    on_status(s, reply.result, effects);
    redirect_unless_paid(s, reply.redirect.as_deref(), effects);
}

fn on_countdown_ended(s: &mut State, effects: &mut Vec<Effect>) {
    if s.phase == Phase::Pending && !s.final_check {
        s.final_check = true;
        check_status(s, effects);
    }
}

fn return_to_merchant(s: &mut State, effects: &mut Vec<Effect>) {
    if s.phase == Phase::Paid {
        if let Some(url) = s.return_to.clone() {
            navigate(s, url, effects);
        }
    }
}

fn on_info(s: &mut State, result: Result<OrderInfo, Error>, effects: &mut Vec<Effect>) {
    match result {
        Ok(info) => {
            s.info_failures = 0;
            let status = info.status();
            let return_uri = info.return_uri.clone();
            let wait = info.payed_wait_time;
            s.order = Some(info);
            match status {
                OrderStatus::Pending => {
                    s.phase = Phase::Pending;
                    s.qr = Some(QrState::Loading);
                    effects.push(Effect::FetchQr);
                    let audio_off = s.order.as_ref().and_then(|o| o.audio_enable) == Some(false);
                    if s.config.audio && !audio_off {
                        effects.push(Effect::FetchAudio);
                    }
                    s.status_in_flight = true;
                    s.poll_generation = s.poll_generation.wrapping_add(1);
                    effects.push(Effect::FetchStatus);
                }
                OrderStatus::Paid => enter_paid(s, return_uri, wait, effects),
                other => enter_final(s, final_phase(other), effects),
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

fn on_status(s: &mut State, result: Result<StatusInfo, Error>, effects: &mut Vec<Effect>) {
    if s.phase != Phase::Pending {
        return;
    }
    match result {
        Ok(st) => {
            s.status_failures = 0;
            s.last_error = None;
            let status = st.status.unwrap_or(OrderStatus::Pending);
            let return_uri = st
                .return_uri
                .clone()
                .or_else(|| s.order.as_ref().and_then(|o| o.return_uri.clone()));
            let wait = st
                .payed_wait_time
                .or_else(|| s.order.as_ref().and_then(|o| o.payed_wait_time));
            s.status = Some(st);
            match status {
                OrderStatus::Paid => enter_paid(s, return_uri, wait, effects),
                OrderStatus::Pending if s.final_check => enter_final(s, Phase::Expired, effects),
                OrderStatus::Pending => schedule_poll(s, effects),
                other => enter_final(s, final_phase(other), effects),
            }
        }
        Err(e) => {
            s.status_failures = s.status_failures.saturating_add(1);
            s.last_error = Some(e);
            schedule_poll(s, effects);
        }
    }
}

fn final_phase(status: OrderStatus) -> Phase {
    match status {
        OrderStatus::Paid => Phase::Paid,
        OrderStatus::Closed => Phase::Closed,
        OrderStatus::Expired => Phase::Expired,
        OrderStatus::Pending | OrderStatus::Failed | OrderStatus::Unknown(_) => Phase::Failed,
    }
}

fn enter_final(s: &mut State, phase: Phase, effects: &mut Vec<Effect>) {
    s.phase = phase;
    s.status_in_flight = false;
    s.poll_generation = s.poll_generation.wrapping_add(1);
    effects.push(Effect::StopTimers);
}

fn enter_paid(
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
    match return_uri {
        Some(uri) => match s.config.urls.check(UrlUse::Navigate, &uri) {
            Ok(url) => {
                s.return_to = Some(url);
                effects.push(Effect::ScheduleReturn {
                    after_ms: (wait * 1000) as u32,
                });
            }
            Err(_) => s.return_refused = true,
        },
        None => s.return_to = None,
    }
}

fn check_status(s: &mut State, effects: &mut Vec<Effect>) {
    if s.phase == Phase::Pending && !s.status_in_flight {
        s.status_in_flight = true;
        s.poll_generation = s.poll_generation.wrapping_add(1);
        effects.push(Effect::FetchStatus);
    }
}

fn schedule_poll(s: &mut State, effects: &mut Vec<Effect>) {
    let j = s.jitter();
    let after_ms = s.config.poll.next_delay_ms(s.visible, s.status_failures, j);
    s.poll_generation = s.poll_generation.wrapping_add(1);
    effects.push(Effect::SchedulePoll {
        generation: s.poll_generation,
        after_ms,
    });
}

/// Precedence of the one navigation once the order is paid: the way back to the merchant
/// (`return_uri`, after the wait) and nothing else. A late qrcode, audio or status answer whose
/// envelope carries a `redirect` is not followed then.
fn redirect_unless_paid(s: &mut State, redirect: Option<&str>, effects: &mut Vec<Effect>) {
    if s.phase != Phase::Paid {
        follow_redirect(s, redirect, effects);
    }
}

fn follow_redirect(s: &mut State, redirect: Option<&str>, effects: &mut Vec<Effect>) {
    if let Some(url) = redirect.and_then(|r| s.config.urls.check(UrlUse::Navigate, r).ok()) {
        navigate(s, url, effects);
    }
}

fn navigate(s: &mut State, url: String, effects: &mut Vec<Effect>) {
    if s.navigated_to.is_none() {
        s.navigated_to = Some(url.clone());
        effects.push(Effect::Navigate { url });
    }
}
