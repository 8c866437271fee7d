//! The parts of the machine's state the screens read, each a memo: a screen re-renders when its
//! part changes, not on every machine step.

use leptos::prelude::*;

use crate::core::machine::{PaidCheck, Phase, QrState, State};
use crate::core::model::AudioInfo;
use crate::core::present::App;

/// Read-only views of the order's state (see [`use_order_view`]).
#[derive(Clone, Copy)]
pub struct OrderView {
    pub phase: Memo<Phase>,
    pub qr: Memo<Option<QrState>>,
    /// Status calls are failing; the page keeps trying.
    pub reconnecting: Memo<bool>,
    /// The countdown ended: the page keeps checking for a late payment (the grace period).
    pub checking: Memo<bool>,
    /// What the customer's "I have paid" check found.
    pub paid_check: Memo<PaidCheck>,
    /// "I have paid" was pressed moments ago.
    pub check_cooling: Memo<bool>,
    /// The payment app: the pay type's, else the one the QR payload or app link names.
    pub app: Memo<App>,
    /// The expiry to count down to, while pending.
    pub expire: Memo<Option<i64>>,
    /// A QR code (encoded or the server's picture) is on screen.
    pub qr_shown: Memo<bool>,
    pub audio: Memo<Option<AudioInfo>>,
}

pub fn use_order_view(state: ReadSignal<State>) -> OrderView {
    let qr = crate::hooks::memo(move || state.with(|s| s.qr.clone()));
    OrderView {
        phase: crate::hooks::memo(move || state.with(|s| s.phase.clone())),
        qr,
        reconnecting: crate::hooks::memo(move || state.with(State::reconnecting)),
        checking: crate::hooks::memo(move || {
            state.with(|s| s.overtime && s.phase == Phase::Pending)
        }),
        paid_check: crate::hooks::memo(move || state.with(|s| s.paid_check)),
        check_cooling: crate::hooks::memo(move || state.with(|s| s.check_cooling)),
        app: crate::hooks::memo(move || state.with(State::app)),
        expire: crate::hooks::memo(move || {
            state.with(|s| {
                (s.phase == Phase::Pending)
                    .then(|| s.expire_time())
                    .flatten()
            })
        }),
        qr_shown: crate::hooks::memo(move || {
            qr.with(|q| matches!(q, Some(QrState::Ready { plan, .. }) if plan.shows_code()))
        }),
        audio: crate::hooks::memo(move || state.with(|s| s.audio.clone())),
    }
}
