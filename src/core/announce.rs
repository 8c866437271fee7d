//! What the page says to a screen reader (the polite live region), and when: the order's new
//! phase, the connection lost, and the countdown crossing its thresholds.

use super::clock::crossed_threshold;
use super::error::ErrorKind;
use super::i18n::Key;
use super::machine::Phase;

/// One announcement; the page turns it into text in its language.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Announcement {
    /// A screen's title (the order was paid, closed, ...).
    Title(Key),
    /// The connection to the server is lost; the page keeps trying.
    Reconnecting,
    /// This many seconds are left to pay (a threshold of `clock::ANNOUNCE_AT_SECS`).
    TimeLeft(i64),
}

/// The announcement of entering `phase`: its screen's title; nothing while loading or pending.
pub fn for_phase(phase: &Phase) -> Option<Announcement> {
    let key = match phase {
        Phase::Paid => Key::paid_title,
        Phase::Closed => Key::closed_title,
        Phase::Expired => Key::expired_title,
        Phase::Failed => Key::failed_title,
        Phase::NotFound => Key::not_found_title,
        Phase::Unavailable { error, .. } if *error.kind() == ErrorKind::UnreadableOrder => {
            Key::unreadable_title
        }
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
