//! What the live region says: each phase's title, the countdown's thresholds.

use paypage::core::announce::{for_countdown, for_phase, Announcement};
use paypage::core::error::{Error, ErrorKind};
use paypage::core::i18n::Key;
use paypage::core::machine::Phase;

fn unavailable(kind: ErrorKind) -> Phase {
    Phase::Unavailable {
        error: Error::new(kind, "x"),
        retrying: true,
    }
}

#[test]
fn every_phase_announces_its_title_except_loading_and_pending() {
    let cases = [
        (Phase::Loading, None),
        (Phase::Pending, None),
        (Phase::Paid, Some(Key::paid_title)),
        (Phase::Closed, Some(Key::closed_title)),
        (Phase::Expired, Some(Key::expired_title)),
        (Phase::Failed, Some(Key::failed_title)),
        (Phase::NotFound, Some(Key::not_found_title)),
        (
            unavailable(ErrorKind::Network),
            Some(Key::unavailable_title),
        ),
        (
            unavailable(ErrorKind::UnreadableOrder),
            Some(Key::unreadable_title),
        ),
    ];
    for (phase, expect) in cases {
        assert_eq!(
            for_phase(&phase),
            expect.map(Announcement::Title),
            "{phase:?}"
        );
    }
}

#[test]
fn the_countdown_speaks_when_it_crosses_a_threshold_and_only_then() {
    let cases = [
        (Some(301), Some(300), Some(300)),
        (Some(300), Some(299), None),
        (Some(125), Some(119), Some(120)),
        (Some(61), Some(60), Some(60)),
        (Some(11), Some(9), Some(10)),
        (Some(10), Some(10), None),
        (None, Some(10), None),
        (Some(11), None, None),
        (Some(5), Some(0), None),
    ];
    for (before, now, expect) in cases {
        assert_eq!(
            for_countdown(before, now),
            expect.map(Announcement::TimeLeft),
            "{before:?} -> {now:?}"
        );
    }
}
