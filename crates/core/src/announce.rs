//! What the page tells a screen reader, and how: the polite live region (the order's new phase,
//! the connection lost, the last status check, the countdown crossing its thresholds), focus on
//! the new screen's heading, and the time left in words.
//!
//! One piece of news reaches the screen reader once: a new screen is either focused (its heading
//! is read) or announced (its title in the live region), never both ([`on_new_screen`]).

use super::clock::crossed_threshold;
use super::error::{Error, ErrorKind};
use super::i18n::{Key, Texts};
use super::machine::Phase;
use super::numtext::push_uint;

/// One announcement; the page turns it into text in its language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Announcement {
    /// A screen's title (the order was paid, closed, ...).
    Title(Key),
    /// The connection to the server is lost; the page keeps trying.
    Reconnecting,
    /// The countdown ended; the last status check is on its way.
    Checking,
    /// This many seconds are left to pay (a threshold of `clock::ANNOUNCE_AT_SECS`).
    TimeLeft(i64),
}

/// The announcement of entering `phase`: its screen's title; nothing while loading or pending.
pub fn for_phase(phase: &Phase) -> Option<Announcement> {
    let key = match phase {
        Phase::Paid => Key::paid_title,
        Phase::Closed => Key::closed_title,
        Phase::Expired | Phase::Lapsed => Key::expired_title,
        Phase::Failed => Key::failed_title,
        Phase::NotFound => Key::not_found_title,
        Phase::Unavailable { error, .. } if unreadable(error) => Key::unreadable_title,
        Phase::Unavailable { .. } => Key::unavailable_title,
        Phase::Pending | Phase::Loading => return None,
    };
    Some(Announcement::Title(key))
}

/// The announcement of the countdown moving from `before` to `now` seconds left, if it crossed a
/// threshold.
pub fn for_countdown(before: Option<i64>, now: Option<i64>) -> Option<Announcement> {
    let (Some(before), Some(now)) = (before, now) else {
        return None;
    };
    crossed_threshold(before, now).map(Announcement::TimeLeft)
}

/// Where keyboard focus is just after a new screen replaced the old one.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FocusAt {
    /// On a control that is still on the page (the skip link, the guidance dialog of the new
    /// screen, an element of the merchant's template): the customer's place, left alone.
    Control,
    /// Nowhere, because the control the customer was on went away with the old screen (they
    /// pressed "retry", or a copy button when the order was paid).
    Lost,
    /// Nowhere in particular: the document, or a place the page puts focus on (the main area, a
    /// screen's heading): a screen-reader user reading, not acting.
    Idle,
}

/// How a new screen reaches the screen reader.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum ScreenNews {
    /// Nothing new to tell.
    Nothing,
    /// Move focus to the screen's heading: it is read out, and the customer continues from there.
    FocusHeading,
    /// Leave focus where it is and say this in the live region.
    Announce(Announcement),
}

/// What the page does when the order's phase becomes `now`; `settled` is the screen shown before
/// it other than loading (`None`: `now` is the first screen since the page loaded).
///
/// - Loading is no news (it passes while the page asks again).
/// - The first screen never takes focus (the page does not steal focus on load); its title is
///   announced, as it arrives after the page was read.
/// - Focus on a control that still exists stays there; the new screen's title is announced.
/// - Otherwise a different screen takes focus on its heading, and then nothing is announced
///   (the heading says it).
/// - The same screen again (unavailable, retried, unavailable) takes focus only when the
///   customer's control went away with it (they pressed "retry": they hear the answer); while
///   nobody acts, the automatic retries stay quiet.
pub fn on_new_screen(settled: Option<&Phase>, now: &Phase, focus: FocusAt) -> ScreenNews {
    if matches!(now, Phase::Loading) {
        return ScreenNews::Nothing;
    }
    let announce = || for_phase(now).map_or(ScreenNews::Nothing, ScreenNews::Announce);
    let Some(before) = settled else {
        return announce();
    };
    let same = same_screen(before, now);
    match focus {
        FocusAt::Control if same => ScreenNews::Nothing,
        FocusAt::Control => announce(),
        FocusAt::Lost => ScreenNews::FocusHeading,
        FocusAt::Idle if same => ScreenNews::Nothing,
        FocusAt::Idle => ScreenNews::FocusHeading,
    }
}

/// Whether two phases show the same screen: the same phase, the unavailable screen whatever the
/// error, except that an unreadable order has a screen of its own.
fn same_screen(a: &Phase, b: &Phase) -> bool {
    match (a, b) {
        (Phase::Unavailable { error: x, .. }, Phase::Unavailable { error: y, .. }) => {
            unreadable(x) == unreadable(y)
        }
        _ => std::mem::discriminant(a) == std::mem::discriminant(b),
    }
}

fn unreadable(error: &Error) -> bool {
    *error.kind() == ErrorKind::UnreadableOrder
}

/// `secs` in words in the page's language: hours, minutes and seconds, the parts that are zero
/// left out ("4 分 59 秒", "1 hour 5 seconds", "1 minute"), "0 seconds" at zero.
pub fn duration_words(texts: &Texts, secs: i64) -> String {
    let secs = secs.max(0);
    let parts = [
        (secs / 3600, Key::duration_hour, Key::duration_hours),
        (secs / 60 % 60, Key::duration_minute, Key::duration_minutes),
        (secs % 60, Key::duration_second, Key::duration_seconds),
    ];
    let mut out = String::new();
    for (n, one, many) in parts {
        let last = many == Key::duration_seconds;
        if n == 0 && !(last && out.is_empty()) {
            continue;
        }
        let mut digits = String::new();
        push_uint(&mut digits, n.unsigned_abs());
        if !out.is_empty() {
            out.push(' ');
        }
        out.push_str(&texts.fill(if n == 1 { one } else { many }, &[("n", &digits)]));
    }
    out
}

/// The time left to pay, as a sentence: "剩余支付时间 4 分 59 秒", "4 minutes 59 seconds left to
/// pay". The countdown's text for screen readers, and the threshold announcements.
pub fn time_left_words(texts: &Texts, secs: i64) -> String {
    texts.fill(
        Key::time_left_announce,
        &[("time", &duration_words(texts, secs))],
    )
}

/// After the browser's speech synthesis reported an error: whether "tap to hear" can help.
/// `not-allowed` is the autoplay rule, and a tap is the gesture it wants. Without a voice it
/// cannot: Firefox on a system without a speech engine has no voice and fires `error` with no
/// code at all, as do the `*-unavailable` codes.
pub fn speech_retry_can_help(code: Option<&str>, voices: u32) -> bool {
    match code {
        Some("not-allowed") => true,
        Some("synthesis-unavailable" | "language-unavailable" | "voice-unavailable") => false,
        _ => voices > 0,
    }
}
