//! When to ask `/api/order/status` next. Pure data: the hook only sleeps for the delay it is given.

/// Poll intervals; merchants can change them through configuration.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct PollConfig {
    /// Interval while the page is visible and the last call succeeded.
    pub visible_ms: u32,
    /// Interval while the page is hidden (the customer is in the payment app).
    pub hidden_ms: u32,
    /// Upper bound of the failure backoff.
    pub max_backoff_ms: u32,
    /// Interval after the countdown ended (the grace period): slower, the order is overdue.
    pub overtime_ms: u32,
}

impl Default for PollConfig {
    fn default() -> Self {
        Self {
            visible_ms: 2_000,
            hidden_ms: 10_000,
            max_backoff_ms: 30_000,
            overtime_ms: 5_000,
        }
    }
}

impl PollConfig {
    /// Clamps merchant values to something the API survives: at least 1 s visible, hidden at
    /// least the visible interval, backoff at least the hidden interval, everything at most 5 min.
    pub fn sanitized(self) -> Self {
        const MAX: u32 = 300_000;
        let visible_ms = self.visible_ms.clamp(1_000, MAX);
        let hidden_ms = self.hidden_ms.clamp(visible_ms, MAX);
        let max_backoff_ms = self.max_backoff_ms.clamp(hidden_ms, MAX);
        let overtime_ms = self.overtime_ms.clamp(visible_ms, max_backoff_ms);
        Self {
            visible_ms,
            hidden_ms,
            max_backoff_ms,
            overtime_ms,
        }
    }

    /// The delay before the next status call.
    ///
    /// `failures` counts consecutive failed calls; `jitter` is a number in `[0, 1)`. After
    /// failures the delay doubles from the visible interval up to `max_backoff_ms`, and a random
    /// half of it is shaved off so that many pages do not retry in lockstep. Hidden pages never
    /// poll more often than `hidden_ms`.
    pub fn next_delay_ms(&self, visible: bool, failures: u32, jitter: f64) -> u32 {
        let base = if failures == 0 {
            self.visible_ms
        } else {
            let exp = failures.min(16);
            let full = u64::from(self.visible_ms).saturating_mul(1u64 << exp);
            let capped = full.min(u64::from(self.max_backoff_ms));
            let jitter = if jitter.is_finite() {
                jitter.clamp(0.0, 1.0)
            } else {
                0.0
            };
            let half = capped / 2;
            let value = half as f64 + jitter * half as f64;
            (value as u64).clamp(u64::from(self.visible_ms), capped) as u32
        };
        if visible {
            base
        } else {
            base.max(self.hidden_ms)
        }
    }
}
