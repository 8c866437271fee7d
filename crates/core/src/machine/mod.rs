//! The order state machine: `transition(state, event) -> (state, effects)`, pure.
//!
//! Rules (the functions are in the file of their group: `load`, `poll`, `leave`, `cashier`; their
//! tests, rows and tests named after them, in the file of the same name in
//! `crates/core/tests/core/machine/`):
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

mod cashier;
mod config;
mod leave;
mod load;
mod poll;
mod state;
mod types;

use cashier::*;
use leave::*;
use load::*;
use poll::*;

pub use config::MachineConfig;
pub use state::State;
pub use types::*;

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
