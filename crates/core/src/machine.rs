//! The order state machine: `transition(state, event) -> (state, effects)`, pure.
//!
//! Rules (each has a test named after it in `crates/core/tests/core/machine.rs`):
//! 1. `/info` comes first; nothing else is fetched before it answers.
//! 2. When `/info` says the order is not pending, the page stops: no qrcode, audio or status call.
//! 3. Once pending, qrcode, audio and the first status call start together.
//! 4. "Paid" only when the server said status 2.
//! 5. A final state is final: nothing reopens it and no call is made after it. Only the server's
//!    own codes end an order (2 paid, 3 closed, 4 expired, 5 failed); an unknown code is a failed
//!    poll.
//! 6. When the countdown reaches zero the page keeps checking, slower, for a grace period: a late
//!    payment is still seen, a later `expire_time` extends the order. Expiry is the server's word:
//!    after the grace period, an answer that still says pending or a failed call is not a verdict;
//!    the page shows the order as expired ([`Phase::Lapsed`]) and keeps a slow check and
//!    "I have paid", so a payment the server records later still ends in success and one return.
//! 7. A non-empty envelope `redirect` is followed only if it passes the URL policy and does not
//!    lead back to this order's pages, at most once, never after a final state; a redirect on the
//!    info answer stops the other calls.
//! 8. Never two status calls in flight ("I have paid" shares the poll's call).
//! 9. Paid: exactly one navigation, to an allowed `return_uri`, after the wait or on request.
//!    Opening an app link is not that navigation: the page stays and keeps polling. The page
//!    opens an app link by itself (`is_auto_open`, or a `type: jump` to an app) only while
//!    pending, only an app's own scheme (an http(s) link would replace the page: it stays a
//!    button), once a code is on screen, and at most once: the browser side keeps the record per
//!    order and tab, the customer's own taps included ([`Event::AppTapped`]).
//! 10. The cashier flow (an order without a pay type). On the pay page ([`Cashier::Send`]) a
//!     pending info answer whose `pay_type` is blank is one navigation to the separate page of the
//!     order (`<origin>/pay/separate/<id>`, the page's own design: not refused as "leading back"),
//!     and no qrcode, audio or status call. On the separate page ([`Cashier::Choose`]) a pending
//!     order fetches the pay types instead of qrcode, audio and status (status only once the
//!     countdown ended, as the pay page checks for a late payment); the customer's choice is one
//!     `chose-type` call at a time (a second press while it is on its way is nothing), and its
//!     success is one navigation to the pay page (`<origin>/pay/<id>`); a refusal keeps the choice
//!     open and says why.
//! 11. Only a navigation that went out counts as the page's one navigation. The per-tab hop limit
//!     guards the page's own ways on (jumps, redirects, the cashier's pages), never the return to
//!     the merchant, nor a way on the customer asked for again after it was refused
//!     ([`Effect::Navigate`]'s `counted`). A refused way on leaves the page usable: a jump's code
//!     if its answer has one, a Retry that works, and the return once paid. A return that would
//!     load this order's page again is not made by itself; the paid screen offers it as a link.

use super::error::{Error, ErrorKind};
use super::model::{AudioInfo, Fen, OrderInfo, OrderStatus, PayType, QrInfo, StatusInfo};
use super::order_ref::{pay_page_url, points_back, separate_page_url, Here};
use super::present::{app_scheme_link, auto_open_link, plan_code, plan_qr, App, Browser, QrPlan};
use super::schedule::PollConfig;
use super::url_policy::{UrlPolicy, UrlUse};
use super::wire::Reply;

/// Seconds on the success screen when the server gives no `pay_payed_wait_time`.
pub const DEFAULT_RETURN_WAIT_SECS: i64 = 3;

/// Seconds the page keeps checking after the countdown ended, unless configured.
pub const DEFAULT_GRACE_SECS: u32 = 180;

/// Milliseconds between two "I have paid" checks.
pub const CHECK_NOW_COOLDOWN_MS: u32 = 5_000;

/// After the grace period the order is checked this many times slower than during it.
pub const LAPSED_POLL_FACTOR: u32 = 3;

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
    /// Final: expired (the server said so).
    Expired,
    /// Not final: the countdown and the grace period are over and the server has not said the
    /// order ended. Shown as expired; a slow check and "I have paid" go on (rule 6).
    Lapsed,
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
    /// `POST /api/pay/types` (the separate page).
    FetchTypes,
    /// `POST /api/order/chose-type` with this pay type (the separate page).
    ChoseType {
        pay_type: String,
    },
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
    /// Dispatch `Event::GraceOver(generation)` after `after_ms`.
    ScheduleGraceEnd {
        generation: u64,
        after_ms: u32,
    },
    /// Dispatch `Event::CheckCooldownOver` after `after_ms`.
    ScheduleCheckCooldown {
        after_ms: u32,
    },
    /// Leave the page for `url` (already allowed by the URL policy), replacing history: the one
    /// navigation. `counted`: the per-tab hop limit applies (the page's own ways on: jumps,
    /// redirects, the cashier's pages); the return to the merchant and a way on the customer
    /// asked for are not counted. When the browser side refuses it, it answers
    /// [`Event::NavigationBlocked`].
    Navigate {
        url: String,
        counted: bool,
    },
    /// Open an app link (already allowed by the URL policy) unless this tab opened the order's
    /// app before. The page stays.
    OpenApp {
        url: String,
    },
    /// Record that the customer opened the order's app link themselves (it counts as the one
    /// opening in this tab).
    NoteAppOpened,
    /// Say this in the console (a server answer the page did not expect).
    Warn {
        message: String,
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
    /// The answer of `/api/pay/types`.
    Types(Reply<Vec<PayType>>),
    /// The customer pressed "retry" after the pay types failed to load.
    RetryTypes,
    /// The customer confirmed this pay type.
    Choose(String),
    /// The answer of `/api/order/chose-type`.
    Chosen(Reply<()>),
    /// A scheduled poll fired; ignored unless its generation is the current one.
    PollDue(u64),
    /// The page became visible (`true`) or hidden.
    Visibility(bool),
    /// The window regained focus (the customer is back from the payment app).
    Focus,
    /// The local countdown reached zero.
    CountdownEnded,
    /// The grace period after the countdown is over; ignored unless its generation is current.
    GraceOver(u64),
    /// The customer pressed "I have paid": check at once.
    CheckNow,
    /// "I have paid" may be pressed again.
    CheckCooldownOver,
    /// The browser side refused the navigation just asked for (the per-tab hop limit: a loop; or
    /// an address the browser cannot go to).
    NavigationBlocked,
    /// The customer pressed "retry", or the scheduled info retry fired.
    RetryInfo,
    /// Retry the QR code call.
    RetryQr,
    /// The success screen's wait is over.
    ReturnDue,
    /// The customer pressed "return to merchant now".
    ReturnNow,
    /// The customer tapped an "open the app" link.
    AppTapped,
}

/// The QR code part of the pending screen. (One per page: the size of its largest variant costs
/// nothing worth a box.)
#[allow(clippy::large_enum_variant)]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QrState {
    Loading,
    Ready { info: QrInfo, plan: QrPlan },
    Failed(Error),
}

/// The pay types offered on the separate page.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum TypesState {
    Loading,
    /// The list (possibly empty: no method is available).
    Ready(Vec<PayType>),
    Failed(Error),
}

/// How the page takes part in the cashier flow (orders created without a pay type).
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum Cashier {
    /// Not at all (the status page; the machine alone in tests).
    #[default]
    Off,
    /// The pay page: an order without a pay type goes to its separate page.
    Send,
    /// The separate page: the customer chooses the pay type here.
    Choose,
}

/// What the customer's "I have paid" check found.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PaidCheck {
    /// Not asked.
    Idle,
    /// Asked; the answer is on its way.
    Checking,
    /// The server has not received the payment yet.
    NotYet,
    /// The server could not be asked; the page keeps trying.
    Failed,
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
    /// The countdown reached zero: the page keeps checking until the server decides or the grace
    /// period is over.
    pub overtime: bool,
    /// The grace period is over: the next answer that is not "paid" makes the order expired.
    pub grace_over: bool,
    /// The return target, when paid and allowed by the URL policy (and not back to this page).
    pub return_to: Option<String>,
    /// Paid with a `return_uri` the policy refused (or that leads back to this page).
    pub return_refused: bool,
    /// Seconds to wait on the success screen.
    pub return_wait_secs: i64,
    /// The way back to the merchant as a link to tap: on the closed, expired and failed screens
    /// (info's `return_uri`), and on the paid screen when the automatic return would load this
    /// page again (through the URL policy: a tap is not a loop).
    pub merchant_link: Option<String>,
    /// The one navigation made, if any (a refused one is not made).
    pub navigated_to: Option<String>,
    /// The last navigation the browser side refused: not tried again by itself.
    pub refused_way: Option<String>,
    /// The customer pressed "retry" after the way on was refused: the next way on is theirs, not
    /// counted by the hop limit.
    retry_tapped: bool,
    /// The last app link opened (not a navigation: the page stays).
    pub opened_app: Option<String>,
    /// The customer opened the app themselves: the page does not open it by itself any more.
    pub app_tapped: bool,
    /// What the customer's "I have paid" check found.
    pub paid_check: PaidCheck,
    /// "I have paid" was pressed moments ago and cannot be pressed again yet.
    pub check_cooling: bool,
    /// The separate page's pay types, once asked for.
    pub types: Option<TypesState>,
    /// The pay type being sent to `chose-type` (the confirm button is busy).
    pub choosing: Option<String>,
    /// Why the last `chose-type` was refused (the choice stays open).
    pub chose_error: Option<Error>,
    pub visible: bool,
    info_in_flight: bool,
    info_failures: u32,
    qr_failures: u32,
    status_in_flight: bool,
    poll_generation: u64,
    grace_generation: u64,
    /// The expiry when the countdown ended: a later one in an answer is an extension.
    overtime_from: Option<i64>,
    rng: u64,
    config: MachineConfig,
}

/// The machine's settings.
#[derive(Clone, Debug, PartialEq)]
pub struct MachineConfig {
    pub poll: PollConfig,
    pub urls: UrlPolicy,
    /// Whether to call `/api/order/audio` at all (merchant audio policy; never on the status page).
    pub audio: bool,
    /// Whether to call `/api/order/qrcode` at all (never on the status page: it may reach the
    /// payment channel).
    pub qr: bool,
    /// Seconds to keep checking after the countdown ended.
    pub grace_secs: u32,
    /// The browser the page is open in, and whether the merchant lets the page open the payment
    /// app by itself: a `type: jump` to an app link is opened only where the app can open (a
    /// phone, not blocked by an in-app browser); elsewhere the page offers the link to tap (a
    /// desktop engine may replace the whole page with an error page for a link it cannot open).
    pub browser: Browser,
    pub auto_open: bool,
    /// Where the page is, to refuse redirects and return addresses that lead back to it.
    pub here: Here,
    /// The amount the server rendered into the page (`trade_amount_text`), when it did: info must
    /// agree with it.
    pub page_amount: Option<Fen>,
    /// Overrides `pay_payed_wait_time`.
    pub return_wait_override: Option<i64>,
    /// Seed of the jitter generator (tests pin it).
    pub seed: u64,
    /// The page's part in the cashier flow.
    pub cashier: Cashier,
    /// The platform order id the page was opened with, if it was (not an `out_order_id`): the
    /// cashier flow's navigations use info's `order_id`, else this.
    pub order_id: Option<String>,
}

impl Default for MachineConfig {
    fn default() -> Self {
        Self {
            poll: PollConfig::default(),
            urls: UrlPolicy::default(),
            audio: true,
            qr: true,
            grace_secs: DEFAULT_GRACE_SECS,
            browser: Browser {
                mobile: false,
                in_app: None,
                ios: false,
            },
            auto_open: true,
            here: Here::default(),
            page_amount: None,
            return_wait_override: None,
            seed: 0x9e37_79b9_7f4a_7c15,
            cashier: Cashier::Off,
            order_id: None,
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
            overtime: false,
            grace_over: false,
            return_to: None,
            return_refused: false,
            return_wait_secs: DEFAULT_RETURN_WAIT_SECS,
            merchant_link: None,
            navigated_to: None,
            refused_way: None,
            retry_tapped: false,
            opened_app: None,
            app_tapped: false,
            paid_check: PaidCheck::Idle,
            check_cooling: false,
            types: None,
            choosing: None,
            chose_error: None,
            visible: true,
            info_in_flight: false,
            info_failures: 0,
            qr_failures: 0,
            status_in_flight: false,
            poll_generation: 0,
            grace_generation: 0,
            overtime_from: None,
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

    /// Whether this state's screen may replace the page's first paint (the code the boot script
    /// painted before the app ran): not while the order is loading, nor while a pending order's
    /// code is still on its way, so the takeover never shows less than was on screen.
    pub fn settled(&self) -> bool {
        match self.phase {
            Phase::Loading => false,
            Phase::Pending => !self.config.qr || !matches!(self.qr, None | Some(QrState::Loading)),
            _ => true,
        }
    }

    /// The order's payment app: its pay type, else what the QR payload or app link says.
    pub fn app(&self) -> App {
        let pay_type = self.order.as_ref().and_then(|o| o.pay_type.as_deref());
        match &self.qr {
            Some(QrState::Ready { info, plan }) => App::of_answer(pay_type, plan.payload(), info),
            _ => App::infer(pay_type, None, None),
        }
    }

    /// The platform order id for the cashier flow's calls and navigations: info's, else the page's.
    pub fn platform_order_id(&self) -> Option<&str> {
        self.order
            .as_ref()
            .and_then(|o| o.order_id.as_deref())
            .or(self.config.order_id.as_deref())
    }

    /// The pay type preselected on the separate page.
    pub fn preselected(&self) -> Option<&str> {
        match &self.types {
            Some(TypesState::Ready(types)) => super::model::preselect(
                types,
                self.order.as_ref().and_then(|o| o.pay_type.as_deref()),
            ),
            _ => None,
        }
    }

    /// Whether a navigation to `url` would lead back to this order's pages.
    fn leads_back(&self, url: &str) -> bool {
        let mut here = self.config.here.clone();
        if let Some(order) = &self.order {
            here.order_ids.extend(order.order_id.iter().cloned());
            here.out_order_ids
                .extend(order.out_order_id.iter().cloned());
        }
        points_back(url, &here)
    }

    /// Whether the page still asks the server about the order: pending, or lapsed (shown as
    /// expired, the server has not said).
    fn checking(&self) -> bool {
        matches!(self.phase, Phase::Pending | Phase::Lapsed)
    }

    /// Info's `return_uri` as a link to tap, through the URL policy.
    fn info_return_link(&self) -> Option<String> {
        let uri = self.order.as_ref()?.return_uri.as_deref()?;
        self.way_out(uri)
    }

    /// A URL allowed for leaving the page: through the URL policy and not back to this page.
    fn way_out(&self, url: &str) -> Option<String> {
        self.config
            .urls
            .check(UrlUse::Navigate, url)
            .ok()
            .filter(|u| !self.leads_back(u))
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
    let effects = step(&mut state, event);
    (state, effects)
}

/// [`transition`] in place: the state is changed where it is (the hook's signal holds it), not
/// cloned and replaced; returns the effects.
pub fn step(s: &mut State, event: Event) -> Vec<Effect> {
    let mut effects = Vec::new();
    let out = &mut effects;
    match event {
        Event::Start | Event::RetryInfo => fetch_info(s, out),
        Event::Info(reply) => on_info_reply(s, reply, out),
        Event::Qr(reply) => on_qr_reply(s, reply, out),
        Event::RetryQr => retry_qr(s, out),
        Event::Audio(reply) => on_audio_reply(s, reply, out),
        Event::Status(reply) => on_status_reply(s, reply, out),
        Event::Types(reply) => on_types_reply(s, reply, out),
        Event::RetryTypes => retry_types(s, out),
        Event::Choose(pay_type) => choose(s, pay_type, out),
        Event::Chosen(reply) => on_chosen(s, reply, out),
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
        Event::GraceOver(generation) => on_grace_over(s, generation, out),
        Event::CheckNow => check_now(s, out),
        Event::CheckCooldownOver => s.check_cooling = false,
        Event::NavigationBlocked => on_navigation_blocked(s),
        Event::ReturnDue | Event::ReturnNow => return_to_merchant(s, out),
        Event::AppTapped => {
            s.app_tapped = true;
            out.push(Effect::NoteAppOpened);
        }
    }
    effects
}

fn fetch_info(s: &mut State, effects: &mut Vec<Effect>) {
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

fn on_info_reply(s: &mut State, reply: Reply<OrderInfo>, effects: &mut Vec<Effect>) {
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

fn on_qr_reply(s: &mut State, reply: Reply<QrInfo>, effects: &mut Vec<Effect>) {
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

fn retry_qr(s: &mut State, effects: &mut Vec<Effect>) {
    let busy = matches!(s.qr, Some(QrState::Loading | QrState::Ready { .. }));
    if s.phase == Phase::Pending && s.config.qr && !busy {
        s.qr = Some(QrState::Loading);
        effects.push(Effect::FetchQr);
    }
}

fn on_audio_reply(s: &mut State, reply: Reply<AudioInfo>, effects: &mut Vec<Effect>) {
    if s.phase != Phase::Pending {
        return;
    }
    follow_redirect(s, reply.redirect.as_deref(), effects);
    if let Ok(audio) = reply.result {
        s.audio = Some(audio);
    }
}

fn on_status_reply(s: &mut State, reply: Reply<StatusInfo>, effects: &mut Vec<Effect>) {
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

fn on_countdown_ended(s: &mut State, effects: &mut Vec<Effect>) {
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

fn on_grace_over(s: &mut State, generation: u64, effects: &mut Vec<Effect>) {
    if generation == s.grace_generation && s.overtime && s.phase == Phase::Pending {
        s.grace_over = true;
        // The next answer (of this check, or of one already on its way) tells: still pending or
        // no answer, the order shows as expired and the checks go on, slower (rule 6).
        check_status(s, effects);
    }
}

fn check_now(s: &mut State, effects: &mut Vec<Effect>) {
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

fn return_to_merchant(s: &mut State, effects: &mut Vec<Effect>) {
    if s.phase == Phase::Paid {
        if let Some(url) = s.return_to.clone() {
            // The return is never counted by the hop limit.
            navigate(s, url, false, effects);
        }
    }
}

fn on_info(s: &mut State, result: Result<OrderInfo, Error>, effects: &mut Vec<Effect>) {
    let result = result.and_then(|info| agree_with_page(s, info, effects));
    match result {
        Ok(info) => {
            s.info_failures = 0;
            let status = info.status();
            let return_uri = info.return_uri.clone();
            let wait = info.payed_wait_time;
            s.order = Some(info);
            match status {
                OrderStatus::Pending => start_pending(s, effects),
                OrderStatus::Paid => enter_paid(s, return_uri, wait, effects),
                OrderStatus::Closed | OrderStatus::Expired | OrderStatus::Failed => {
                    enter_final(s, final_phase(status), effects)
                }
                OrderStatus::Unknown(_) => {}
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

/// The info answer, unless it cannot be trusted as it is: a status code the page does not know
/// (not an ending: asked again later), or a pending order whose amount disagrees with the
/// amount the server rendered into the page (neither is picked: the order is unreadable).
fn agree_with_page(
    s: &State,
    info: OrderInfo,
    effects: &mut Vec<Effect>,
) -> Result<OrderInfo, Error> {
    match info.status() {
        OrderStatus::Unknown(_) => {
            warn(
                effects,
                "paypage: info gave a status code the page does not know",
            );
            Err(Error::new(
                ErrorKind::UnreadableOrder,
                "info: a status code the page does not know",
            ))
        }
        OrderStatus::Pending
            if s.config.page_amount.is_some() && s.config.page_amount != info.amount_to_pay() =>
        {
            Err(Error::new(
                ErrorKind::UnreadableOrder,
                "info: the amount disagrees with the amount in the page",
            ))
        }
        _ => Ok(info),
    }
}

fn start_pending(s: &mut State, effects: &mut Vec<Effect>) {
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

fn on_status(s: &mut State, result: Result<StatusInfo, Error>, effects: &mut Vec<Effect>) {
    if !s.checking() {
        return;
    }
    let result = result.and_then(|st| match st.status {
        Some(OrderStatus::Unknown(_)) => {
            warn(
                effects,
                "paypage: status gave a code the page does not know; asking again",
            );
            Err(Error::new(
                ErrorKind::InvalidResponse,
                "status: a code the page does not know",
            ))
        }
        _ => Ok(st),
    });
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
            let extended = s.overtime
                && matches!((st.expire_time, s.overtime_from), (Some(new), Some(old)) if new > old);
            s.status = Some(st);
            match status {
                OrderStatus::Paid => enter_paid(s, return_uri, wait, effects),
                OrderStatus::Pending | OrderStatus::Unknown(_) => {
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
                other => enter_final(s, final_phase(other), effects),
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
fn auto_open(s: &mut State, effects: &mut Vec<Effect>) {
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
fn open_app(s: &mut State, url: String, effects: &mut Vec<Effect>) {
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
fn after_check(s: &mut State, found: PaidCheck) {
    if s.paid_check == PaidCheck::Checking {
        s.paid_check = found;
    }
}

fn warn(effects: &mut Vec<Effect>, message: &str) {
    effects.push(Effect::Warn {
        message: message.to_owned(),
    });
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
    s.grace_generation = s.grace_generation.wrapping_add(1);
    s.paid_check = PaidCheck::Idle;
    if s.phase != Phase::Paid {
        s.merchant_link = s.info_return_link();
    }
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

fn check_status(s: &mut State, effects: &mut Vec<Effect>) {
    // The separate page checks the status only after the countdown ended (a late payment, an
    // extension, the end).
    let polls = s.config.cashier != Cashier::Choose || s.overtime;
    if s.checking() && !s.status_in_flight && polls {
        s.status_in_flight = true;
        s.poll_generation = s.poll_generation.wrapping_add(1);
        effects.push(Effect::FetchStatus);
    }
}

fn schedule_poll(s: &mut State, effects: &mut Vec<Effect>) {
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

/// Follows an envelope `redirect` when it passes the URL policy and does not lead back to this
/// order's pages; returns whether the page is leaving. Callers only call this while the order is
/// not final: a late answer after a final state never navigates.
fn follow_redirect(s: &mut State, redirect: Option<&str>, effects: &mut Vec<Effect>) -> bool {
    match redirect.and_then(|r| s.way_out(r)) {
        // One the browser refused is not tried again by itself.
        Some(url) if s.refused_way.as_ref() == Some(&url) && !s.retry_tapped => false,
        Some(url) => navigate(s, url, true, effects),
        None => false,
    }
}

/// The one navigation; returns whether it was asked for now. `counted`: a way on of the page's
/// own, guarded by the hop limit (unless the customer asked for it again after a refusal).
fn navigate(s: &mut State, url: String, counted: bool, effects: &mut Vec<Effect>) -> bool {
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
fn on_navigation_blocked(s: &mut State) {
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

/// What a `type: jump` answer shows when its jump is not made: its code, if it has one.
fn refused_jump(s: &State, info: &QrInfo) -> QrPlan {
    match plan_code(&s.config.urls, info) {
        plan if plan.shows_code() => plan,
        _ => QrPlan::JumpRefused,
    }
}

fn on_types_reply(s: &mut State, reply: Reply<Vec<PayType>>, effects: &mut Vec<Effect>) {
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

fn retry_types(s: &mut State, effects: &mut Vec<Effect>) {
    if s.phase == Phase::Pending && matches!(s.types, Some(TypesState::Failed(_))) {
        s.types = Some(TypesState::Loading);
        effects.push(Effect::FetchTypes);
    }
}

fn choose(s: &mut State, pay_type: String, effects: &mut Vec<Effect>) {
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

fn on_chosen(s: &mut State, reply: Reply<()>, effects: &mut Vec<Effect>) {
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
