//! The parts of the machine's state the screens read, each a memo: a screen re-renders when its
//! part changes, not on every machine step.

use leptos::prelude::*;

use crate::core::machine::{Phase, QrState, State};
use crate::core::model::AudioInfo;
use crate::core::present::QrPlan;

/// Read-only views of the order's state (see [`use_order_view`]).
#[derive(Clone, Copy)]
pub struct OrderView {
    pub phase: Memo<Phase>,
    pub qr: Memo<Option<QrState>>,
    /// Status calls are failing; the page keeps trying.
    pub reconnecting: Memo<bool>,
    /// The countdown ended and the last status check is on its way.
    pub checking: Memo<bool>,
    /// The expiry to count down to, while pending.
    pub expire: Memo<Option<i64>>,
    /// A QR code (encoded or the server's picture) is on screen.
    pub qr_shown: Memo<bool>,
    pub audio: Memo<Option<AudioInfo>>,
}

pub fn use_order_view(state: ReadSignal<State>) -> OrderView {
    let qr = Memo::new(move |_| state.with(|s| s.qr.clone()));
    OrderView {
        phase: Memo::new(move |_| state.with(|s| s.phase.clone())),
        qr,
        reconnecting: Memo::new(move |_| state.with(State::reconnecting)),
        checking: Memo::new(move |_| state.with(|s| s.final_check && s.phase == Phase::Pending)),
        expire: Memo::new(move |_| {
            state.with(|s| {
                (s.phase == Phase::Pending)
                    .then(|| s.expire_time())
                    .flatten()
            })
        }),
        qr_shown: Memo::new(move |_| {
            matches!(
                qr.get(),
                Some(QrState::Ready {
                    plan: QrPlan::Encode(_) | QrPlan::Image(_),
                    ..
                })
            )
        }),
        audio: Memo::new(move |_| state.with(|s| s.audio.clone())),
    }
}
