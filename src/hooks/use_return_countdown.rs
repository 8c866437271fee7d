//! The success screen's countdown to the return to the merchant: the wait
//! (`pay_payed_wait_time`), counted from when the page saw "paid". The navigation itself is the
//! machine's (`Effect::ScheduleReturn`); this only shows the seconds.

use leptos::prelude::*;

use crate::core::clock::ServerClock;
use crate::core::machine::{Phase, State};
use crate::dom::env;

use super::use_countdown;

/// Seconds left before the return, while the order is paid and has somewhere to return to.
pub fn use_return_countdown(
    state: ReadSignal<State>,
    clock: ReadSignal<ServerClock>,
) -> ReadSignal<Option<i64>> {
    let deadline = crate::hooks::memo(move || {
        state.with(|s| {
            (s.phase == Phase::Paid && s.return_to.is_some()).then(|| {
                let now = clock.get_untracked().server_now_ms(env::now_ms());
                (now + s.return_wait_secs * 1000) / 1000
            })
        })
    });
    use_countdown(deadline, clock, || {})
}
