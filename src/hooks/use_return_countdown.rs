//! The success screen's countdown to the return to the merchant. The navigation is the machine's
//! (`Effect::ScheduleReturn`); its timer's deadline is the one this counts to (`use_order` sets
//! it when it starts the timer), so the number shown and the navigation agree, whatever else
//! changes on the page meanwhile.

use leptos::prelude::*;

use crate::core::clock::secs_until;
use crate::dom::env::now_ms;

use super::use_interval;

/// Seconds left before the return: `None` while no return is scheduled. `deadline` is the local
/// time (ms) the return timer fires at.
pub fn use_return_countdown(deadline: ReadSignal<Option<i64>>) -> ReadSignal<Option<i64>> {
    let (left, set_left) = signal(None::<i64>);
    let compute = move || {
        let secs = deadline
            .try_get_untracked()
            .flatten()
            .map(|at| secs_until(at, now_ms()));
        set_left.try_set(secs);
    };
    crate::hooks::effect(move || {
        // Track the deadline: count from it at once.
        let _ = deadline.get();
        compute();
    });
    use_interval(1_000, compute);
    left
}
