//! Server time, and the countdown to `expire_time`.
//!
//! The visitor's clock can be wrong by minutes. The page keeps an offset between its clock and the
//! server's: from the injected `${.server_time}` when the host rendered one, else from the `Date`
//! header of the first API answer. All times are milliseconds since the Unix epoch unless named
//! `_secs`.

/// Where the offset came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum ClockSource {
    /// No server time seen yet: the visitor's own clock.
    Local,
    /// An HTTP `Date` header (one-second resolution).
    DateHeader,
    /// `${.server_time}` injected in the page by the host.
    Injected,
}

#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct ServerClock {
    offset_ms: i64,
    source: ClockSource,
}

impl Default for ServerClock {
    fn default() -> Self {
        Self {
            offset_ms: 0,
            source: ClockSource::Local,
        }
    }
}

impl ServerClock {
    /// From the injected server time (seconds), read when the local clock said `local_ms`.
    pub fn from_injected(server_secs: i64, local_ms: i64) -> Self {
        Self {
            offset_ms: server_secs
                .saturating_mul(1000)
                .saturating_add(500)
                .saturating_sub(local_ms),
            source: ClockSource::Injected,
        }
    }

    /// Takes an HTTP `Date` header received at `local_ms`, unless a better source is known.
    /// The header is truncated to the second, so the middle of that second is assumed.
    pub fn observe_date_header(&mut self, header: &str, local_ms: i64) {
        if self.source != ClockSource::Local {
            return;
        }
        if let Some(secs) = parse_http_date(header) {
            self.offset_ms = secs
                .saturating_mul(1000)
                .saturating_add(500)
                .saturating_sub(local_ms);
            self.source = ClockSource::DateHeader;
        }
    }

    pub fn source(&self) -> ClockSource {
        self.source
    }

    pub fn offset_ms(&self) -> i64 {
        self.offset_ms
    }

    /// The server's time now, given the local time now.
    pub fn server_now_ms(&self, local_ms: i64) -> i64 {
        local_ms.saturating_add(self.offset_ms)
    }

    /// Whole seconds left until `expire_secs` (rounded up, never negative).
    pub fn remaining_secs(&self, expire_secs: i64, local_ms: i64) -> i64 {
        let left_ms = expire_secs
            .saturating_mul(1000)
            .saturating_sub(self.server_now_ms(local_ms));
        if left_ms <= 0 {
            0
        } else {
            left_ms.saturating_add(999) / 1000
        }
    }
}

/// `mm:ss` below an hour, `h:mm:ss` from an hour up.
pub fn format_countdown(secs: i64) -> String {
    let secs = secs.max(0);
    let (h, m, s) = (secs / 3600, secs / 60 % 60, secs % 60);
    let mut out = String::new();
    if h > 0 {
        crate::numtext::push_uint(&mut out, h as u64);
        out.push(':');
    }
    push_two_digits(&mut out, m);
    out.push(':');
    push_two_digits(&mut out, s);
    out
}

/// `n` (0 to 59) as two digits.
fn push_two_digits(out: &mut String, n: i64) {
    if n < 10 {
        out.push('0');
    }
    crate::numtext::push_uint(out, n as u64);
}

/// The countdown's last minute is shown as "expiring soon".
pub const EXPIRING_SOON_SECS: i64 = 60;

/// Remaining-time thresholds at which the countdown is announced to screen readers.
pub const ANNOUNCE_AT_SECS: &[i64] = &[300, 120, 60, 30, 10];

/// Whether moving from `before` to `now` remaining seconds crosses an announcement threshold;
/// returns the threshold crossed.
pub fn crossed_threshold(before: i64, now: i64) -> Option<i64> {
    ANNOUNCE_AT_SECS
        .iter()
        .copied()
        .find(|t| before > *t && now <= *t)
}

/// Parses an IMF-fixdate (`Sun, 06 Nov 1994 08:49:37 GMT`), the form every current server sends,
/// into Unix seconds.
pub fn parse_http_date(s: &str) -> Option<i64> {
    let mut parts = s.split_whitespace();
    let _weekday = parts.next()?;
    let day: i64 = parts.next()?.parse().ok()?;
    let month = match parts.next()? {
        "Jan" => 1,
        "Feb" => 2,
        "Mar" => 3,
        "Apr" => 4,
        "May" => 5,
        "Jun" => 6,
        "Jul" => 7,
        "Aug" => 8,
        "Sep" => 9,
        "Oct" => 10,
        "Nov" => 11,
        "Dec" => 12,
        _ => return None,
    };
    let year: i64 = parts.next()?.parse().ok()?;
    let mut hms = parts.next()?.split(':');
    let h: i64 = hms.next()?.parse().ok()?;
    let m: i64 = hms.next()?.parse().ok()?;
    let sec: i64 = hms.next()?.parse().ok()?;
    if parts.next()? != "GMT" || hms.next().is_some() {
        return None;
    }
    if !(1..=31).contains(&day) || !(0..24).contains(&h) || !(0..60).contains(&m) {
        return None;
    }
    if !(0..=60).contains(&sec) || !(1970..=9999).contains(&year) {
        return None;
    }
    Some(days_from_civil(year, month, day) * 86_400 + h * 3600 + m * 60 + sec)
}

/// Days since 1970-01-01 of a proleptic Gregorian date (Howard Hinnant's algorithm).
fn days_from_civil(y: i64, m: i64, d: i64) -> i64 {
    let y = if m <= 2 { y - 1 } else { y };
    let era = y.div_euclid(400);
    let yoe = y - era * 400;
    let mp = (m + 9) % 12;
    let doy = (153 * mp + 2) / 5 + d - 1;
    let doe = yoe * 365 + yoe / 4 - yoe / 100 + doy;
    era * 146_097 + doe - 719_468
}
