//! The machine's vocabulary: where the order stands ([`Phase`]), what happened ([`Event`]),
//! what the page must do ([`Effect`]), and the parts of the state they name.

use super::*;

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
    /// Final: the channel failed to create the payment (the server said 5).
    Failed,
    /// Final: the server says the order does not exist.
    NotFound,
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
