//! What the screen reader is told: each phase's title, the countdown's thresholds, focus or
//! announcement on a new screen, the time left in words.

use paypage_core::announce::{
    duration_words, for_countdown, for_phase, on_new_screen, speech_retry_can_help,
    time_left_words, Announcement, FocusAt, ScreenNews,
};
use paypage_core::error::{Error, ErrorKind};
use paypage_core::i18n::{Key, Locale, Texts};
use paypage_core::machine::Phase;

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

fn title(key: Key) -> ScreenNews {
    ScreenNews::Announce(Announcement::Title(key))
}

#[test]
fn a_new_screen_is_either_focused_or_announced_never_both() {
    use FocusAt::{Control, Idle, Lost};
    use Phase::{Closed, Expired, Failed, Loading, NotFound, Paid, Pending};
    use ScreenNews::{FocusHeading as Focus, Nothing};
    let down = || unavailable(ErrorKind::Network);
    let down_again = || unavailable(ErrorKind::Timeout);
    let unreadable = || unavailable(ErrorKind::UnreadableOrder);
    let cases = [
        // The first screen after loading: announced; focus is never taken on load.
        (None, Pending, Idle, Nothing),
        (None, Closed, Idle, title(Key::closed_title)),
        (None, down(), Idle, title(Key::unavailable_title)),
        (None, Paid, Control, title(Key::paid_title)),
        // Loading is no news, whatever came before.
        (None, Loading, Idle, Nothing),
        (Some(down()), Loading, Lost, Nothing),
        // A different screen: its heading takes focus, unless the customer is on a control.
        (Some(Pending), Paid, Idle, Focus),
        (Some(Pending), Expired, Idle, Focus),
        (Some(Pending), Closed, Lost, Focus),
        (Some(Pending), Failed, Idle, Focus),
        (Some(down()), Pending, Idle, Focus),
        (Some(down()), NotFound, Lost, Focus),
        (Some(down()), unreadable(), Idle, Focus),
        (Some(Pending), Paid, Control, title(Key::paid_title)),
        (Some(Pending), Expired, Control, title(Key::expired_title)),
        (Some(down()), Pending, Control, Nothing),
        // The same screen again: focus only for the customer who pressed "retry".
        (Some(down()), down_again(), Lost, Focus),
        (Some(down()), down_again(), Idle, Nothing),
        (Some(down()), down(), Control, Nothing),
        (Some(unreadable()), unreadable(), Idle, Nothing),
    ];
    for (settled, now, focus, expect) in cases {
        assert_eq!(
            on_new_screen(settled.as_ref(), &now, focus),
            expect,
            "{settled:?} -> {now:?}, focus {focus:?}"
        );
    }
}

#[test]
fn the_time_left_in_words_in_each_language() {
    let cases = [
        (Locale::ZhCn, 299, "4 分 59 秒"),
        (Locale::ZhCn, 3725, "1 小时 2 分 5 秒"),
        (Locale::ZhCn, 300, "5 分"),
        (Locale::ZhCn, 0, "0 秒"),
        (Locale::ZhTw, 3600, "1 小時"),
        (Locale::ZhTw, 61, "1 分 1 秒"),
        (Locale::En, 299, "4 minutes 59 seconds"),
        (Locale::En, 61, "1 minute 1 second"),
        (Locale::En, 60, "1 minute"),
        (Locale::En, 1, "1 second"),
        (Locale::En, 0, "0 seconds"),
        (Locale::En, 3605, "1 hour 5 seconds"),
        (Locale::En, 7320, "2 hours 2 minutes"),
        (Locale::En, 90_061, "25 hours 1 minute 1 second"),
        (Locale::En, -5, "0 seconds"),
    ];
    for (locale, secs, expect) in cases {
        assert_eq!(
            duration_words(&Texts::new(locale), secs),
            expect,
            "{locale:?} {secs}"
        );
    }
}

#[test]
fn the_time_left_is_a_sentence_and_merchants_can_reword_it() {
    assert_eq!(
        time_left_words(&Texts::new(Locale::ZhCn), 299),
        "剩余支付时间 4 分 59 秒"
    );
    assert_eq!(
        time_left_words(&Texts::new(Locale::ZhTw), 10),
        "剩餘付款時間 10 秒"
    );
    assert_eq!(
        time_left_words(&Texts::new(Locale::En), 119),
        "1 minute 59 seconds left to pay"
    );
    let mut texts = Texts::new(Locale::En);
    let warnings = texts.merge_overrides(
        r#"{"duration_minutes": "{n} min", "time_left_announce": "Pay within {time}"}"#,
    );
    assert!(warnings.is_empty(), "{warnings:?}");
    assert_eq!(time_left_words(&texts, 125), "Pay within 2 min 5 seconds");
}

#[test]
fn tap_to_hear_is_offered_only_when_a_tap_can_make_the_browser_speak() {
    let cases = [
        (Some("not-allowed"), 0, true),
        (Some("not-allowed"), 3, true),
        (None, 0, false),
        (None, 2, true),
        (Some("synthesis-failed"), 2, true),
        (Some("synthesis-failed"), 0, false),
        (Some("synthesis-unavailable"), 5, false),
        (Some("language-unavailable"), 5, false),
        (Some("voice-unavailable"), 5, false),
        (Some("interrupted"), 1, true),
    ];
    for (code, voices, expect) in cases {
        assert_eq!(
            speech_retry_can_help(code, voices),
            expect,
            "{code:?} with {voices} voices"
        );
    }
}
