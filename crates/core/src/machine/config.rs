//! The machine's settings.

use super::*;

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
