//! Rule: the countdown uses server time, corrected by the injected `${.server_time}` when present,
//! else by the `Date` header of API answers.

use paypage_core::clock::{
    crossed_threshold, format_countdown, parse_http_date, ClockSource, ServerClock,
};

const SERVER_NOW: i64 = 1_764_090_000; // seconds

#[test]
fn a_visitor_clock_ten_minutes_off_sees_the_right_remaining_time() {
    let expire = SERVER_NOW + 300;
    for skew_ms in [-600_000_i64, 600_000, 0, 86_400_000] {
        let local_ms = SERVER_NOW * 1000 + skew_ms;
        let injected = ServerClock::from_injected(SERVER_NOW, local_ms);
        assert_eq!(
            injected.remaining_secs(expire, local_ms),
            300,
            "injected, skew {skew_ms}"
        );
        let mut from_header = ServerClock::default();
        from_header.observe_date_header("Tue, 25 Nov 2025 17:00:00 GMT", local_ms);
        let header_secs = parse_http_date("Tue, 25 Nov 2025 17:00:00 GMT").unwrap();
        let left = from_header.remaining_secs(header_secs + 300, local_ms);
        assert!(
            (299..=300).contains(&left),
            "header, skew {skew_ms}: {left}"
        );
        let naive = ServerClock::default();
        if skew_ms != 0 {
            assert_ne!(
                naive.remaining_secs(expire, local_ms),
                300,
                "uncorrected would be wrong"
            );
        }
    }
}

#[test]
fn injected_time_wins_over_date_headers() {
    let local = 1_000_000;
    let mut c = ServerClock::from_injected(SERVER_NOW, local);
    let before = c;
    c.observe_date_header("Sun, 06 Nov 1994 08:49:37 GMT", local);
    assert_eq!(c, before);
    assert_eq!(c.source(), ClockSource::Injected);
}

#[test]
fn first_date_header_is_kept_and_garbage_ignored() {
    let mut c = ServerClock::default();
    c.observe_date_header("not a date", 5);
    assert_eq!(c.source(), ClockSource::Local);
    c.observe_date_header("Sun, 06 Nov 1994 08:49:37 GMT", 0);
    assert_eq!(c.source(), ClockSource::DateHeader);
    assert_eq!(c.offset_ms(), 784_111_777_500);
}

#[test]
fn http_dates() {
    let cases = [
        ("Sun, 06 Nov 1994 08:49:37 GMT", Some(784_111_777)),
        ("Thu, 01 Jan 1970 00:00:00 GMT", Some(0)),
        ("Sat, 29 Feb 2020 23:59:59 GMT", Some(1_583_020_799)),
        ("Wed, 25 Nov 2026 18:38:49 GMT", Some(1_795_631_929)),
        ("Sun, 06 Nov 1994 08:49:37 UTC", None),
        ("Sunday, 06-Nov-94 08:49:37 GMT", None),
        ("Sun, 06 Foo 1994 08:49:37 GMT", None),
        ("Sun, 32 Nov 1994 08:49:37 GMT", None),
        ("Sun, 06 Nov 1994 25:49:37 GMT", None),
        ("Sun, 06 Nov 1994 08:49 GMT", None),
        ("", None),
    ];
    for (s, want) in cases {
        assert_eq!(parse_http_date(s), want, "{s}");
    }
}

#[test]
fn remaining_rounds_up_and_never_goes_negative() {
    let c = ServerClock::default();
    assert_eq!(c.remaining_secs(10, 9_001), 1);
    assert_eq!(c.remaining_secs(10, 10_000), 0);
    assert_eq!(c.remaining_secs(10, 99_000), 0);
    assert!(
        c.remaining_secs(i64::MAX, i64::MIN) > 0,
        "saturates instead of overflowing"
    );
    assert_eq!(c.remaining_secs(i64::MIN, i64::MAX), 0);
}

#[test]
fn countdown_format() {
    let cases = [
        (0, "00:00"),
        (-5, "00:00"),
        (59, "00:59"),
        (61, "01:01"),
        (3599, "59:59"),
        (3600, "1:00:00"),
        (3661, "1:01:01"),
        (36_000, "10:00:00"),
    ];
    for (secs, want) in cases {
        assert_eq!(format_countdown(secs), want);
    }
}

#[test]
fn announcements_only_at_thresholds() {
    assert_eq!(crossed_threshold(301, 300), Some(300));
    assert_eq!(crossed_threshold(300, 299), None);
    assert_eq!(crossed_threshold(61, 60), Some(60));
    assert_eq!(crossed_threshold(45, 44), None);
    assert_eq!(crossed_threshold(11, 10), Some(10));
}
