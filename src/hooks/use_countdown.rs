use leptos::prelude::*;

use crate::core::clock::ServerClock;
use crate::dom::env::now_ms;

use super::use_interval;

/// Seconds left until `expire` (server seconds) by the server clock, ticking every second.
/// `on_zero` runs once each time the countdown reaches zero for a given expiry.
pub fn use_countdown(
    expire: Memo<Option<i64>>,
    clock: ReadSignal<ServerClock>,
    on_zero: impl Fn() + 'static,
) -> ReadSignal<Option<i64>> {
    let (remaining, set_remaining) = signal(None::<i64>);
    let fired_for = StoredValue::new(None::<i64>);
    let compute = move || {
        let (Some(exp), Some(c)) = (
            expire.try_get_untracked().flatten(),
            clock.try_get_untracked(),
        ) else {
            set_remaining.try_set(None);
            return None;
        };
        let left = c.remaining_secs(exp, now_ms());
        set_remaining.try_set(Some(left));
        Some((exp, left))
    };
    let on_zero = std::rc::Rc::new(on_zero);
    let check = {
        let on_zero = on_zero.clone();
        move |r: Option<(i64, i64)>| {
            if let Some((exp, 0)) = r {
                if fired_for.try_get_value().flatten() != Some(exp) {
                    fired_for.try_set_value(Some(exp));
                    on_zero();
                }
            }
        }
    };
    let check_on_change = check.clone();
    crate::hooks::effect(move || {
        // Track the inputs; recompute at once when they change.
        let _ = expire.get();
        let _ = clock.get();
        check_on_change(compute());
    });
    use_interval(1_000, move || check(compute()));
    remaining
}
