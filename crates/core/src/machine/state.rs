//! Everything the page shows, and the bookkeeping the rules need; what the screens ask of it.

use super::*;

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
    pub(super) retry_tapped: bool,
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
    pub(super) info_in_flight: bool,
    pub(super) info_failures: u32,
    pub(super) qr_failures: u32,
    pub(super) status_in_flight: bool,
    pub(super) poll_generation: u64,
    pub(super) grace_generation: u64,
    /// The expiry when the countdown ended: a later one in an answer is an extension.
    pub(super) overtime_from: Option<i64>,
    pub(super) rng: u64,
    pub(super) config: MachineConfig,
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
            Some(TypesState::Ready(types)) => crate::model::preselect(
                types,
                self.order.as_ref().and_then(|o| o.pay_type.as_deref()),
            ),
            _ => None,
        }
    }

    /// Whether a navigation to `url` would lead back to this order's pages.
    pub(super) fn leads_back(&self, url: &str) -> bool {
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
    pub(super) fn checking(&self) -> bool {
        matches!(self.phase, Phase::Pending | Phase::Lapsed)
    }

    /// Info's `return_uri` as a link to tap, through the URL policy.
    pub(super) fn info_return_link(&self) -> Option<String> {
        let uri = self.order.as_ref()?.return_uri.as_deref()?;
        self.way_out(uri)
    }

    /// A URL allowed for leaving the page: through the URL policy and not back to this page.
    pub(super) fn way_out(&self, url: &str) -> Option<String> {
        self.config
            .urls
            .check(UrlUse::Navigate, url)
            .ok()
            .filter(|u| !self.leads_back(u))
    }

    pub(super) fn jitter(&mut self) -> f64 {
        // xorshift64*: deterministic for a seed, good enough to spread retries.
        let mut x = self.rng;
        x ^= x >> 12;
        x ^= x << 25;
        x ^= x >> 27;
        self.rng = x;
        (x.wrapping_mul(0x2545_f491_4f6c_dd1d) >> 11) as f64 / (1u64 << 53) as f64
    }
}
