//! Server time, and the countdown to `expire_time`.
//!
//! The visitor's clock can be wrong by minutes. The page keeps an offset between its clock and the
//! server's: from the injected `${.server_time}` when the host rendered one, paired with the
//! moment the page's HTML arrived (boot.js records it), else from the `Date` header of the first
//! API answer, paired with the moment that answer arrived. A `server_time` that cannot be the
//! server's seconds (milliseconds, zero, a year far from now: [`PLAUSIBLE_SECS`]) is not used, and
//! one that a `Date` header contradicts by more than [`FAR_OFF_MS`] (a page served from a cache)
//! gives way to the header. All times are milliseconds since the Unix epoch unless named `_secs`.

use core::ops::Range;

/// Unix seconds a server's clock can read: 2020-01-01 to 2100-01-01. Milliseconds (13 digits),
/// zero, or a clock reset to 1970 fall outside.
pub const PLAUSIBLE_SECS: Range<i64> = 1_577_836_800..4_102_444_800;

/// How far a `Date` header may disagree with the injected server time before the header wins.
pub const FAR_OFF_MS: i64 = 300_000;

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
    /// From the injected server time (seconds), paired with `local_ms`, the moment the page's
    /// HTML arrived; the visitor's own clock when the value cannot be the server's seconds.
    pub fn from_injected(server_secs: i64, local_ms: i64) -> Self {
        if !PLAUSIBLE_SECS.contains(&server_secs) {
            return Self::default();
        }
        Self {
            offset_ms: offset(server_secs, local_ms),
            source: ClockSource::Injected,
        }
    }

    /// Takes an HTTP `Date` header received at `local_ms`: when no server time is known yet, or
    /// when it contradicts the injected one by more than [`FAR_OFF_MS`]. The header is truncated
    /// to the second, so the middle of that second is assumed. A header outside
    /// [`PLAUSIBLE_SECS`] is ignored.
    pub fn observe_date_header(&mut self, header: &str, local_ms: i64) {
        let Some(secs) = parse_http_date(header).filter(|s| PLAUSIBLE_SECS.contains(s)) else {
            return;
        };
        let header_offset = offset(secs, local_ms);
        let take = match self.source {
            ClockSource::Local => true,
            ClockSource::Injected => header_offset.abs_diff(self.offset_ms) > FAR_OFF_MS as u64,
            ClockSource::DateHeader => false,
        };
        if take {
            self.offset_ms = header_offset;
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
        secs_until(
            expire_secs.saturating_mul(1000),
            self.server_now_ms(local_ms),
        )
    }
}

/// Whole seconds from `now_ms` to `deadline_ms` (rounded up, never negative): a countdown's
/// number. The return countdown counts to the local deadline its navigation timer was set for.
pub fn secs_until(deadline_ms: i64, now_ms: i64) -> i64 {
    let left_ms = deadline_ms.saturating_sub(now_ms);
    if left_ms <= 0 {
        0
    } else {
        left_ms.saturating_add(999) / 1000
    }
}

/// The offset from the local clock to server seconds read at `local_ms` (the middle of that
/// second).
fn offset(server_secs: i64, local_ms: i64) -> i64 {
    server_secs
        .saturating_mul(1000)
        .saturating_add(500)
        .saturating_sub(local_ms)
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
