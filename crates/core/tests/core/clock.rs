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
    // A server clock reset to 1994 is not the time.
    c.observe_date_header("Sun, 06 Nov 1994 08:49:37 GMT", 0);
    assert_eq!(c.source(), ClockSource::Local);
    c.observe_date_header("Wed, 25 Nov 2026 18:38:49 GMT", 0);
    assert_eq!(c.source(), ClockSource::DateHeader);
    assert_eq!(c.offset_ms(), 1_795_631_929_500);
    c.observe_date_header("Wed, 25 Nov 2026 19:38:49 GMT", 0);
    assert_eq!(c.offset_ms(), 1_795_631_929_500, "the first header is kept");
}

/// `check(server_time, expected)`: whether an injected `${.server_time}` is used as the server's
/// seconds.
#[test]
fn a_server_time_that_cannot_be_seconds_is_not_used() {
    let local_ms = SERVER_NOW * 1000 + 42_000;
    let check = |server_time: i64, used: bool| {
        let c = ServerClock::from_injected(server_time, local_ms);
        let source = if used {
            ClockSource::Injected
        } else {
            ClockSource::Local
        };
        assert_eq!(c.source(), source, "{server_time}");
        if !used {
            assert_eq!(
                c.offset_ms(),
                0,
                "{server_time}: the local clock, uncorrected"
            );
        }
    };
    check(SERVER_NOW, true);
    check(SERVER_NOW - 86_400 * 30, true);
    check(1_577_836_800, true);
    // Milliseconds, zero, negative, a clock reset to 1970, a year 2100 and later.
    check(SERVER_NOW * 1000, false);
    check(0, false);
    check(-1, false);
    check(86_400, false);
    check(4_102_444_800, false);
    check(i64::MAX, false);
}

#[test]
fn a_date_header_far_from_the_injected_time_wins_a_near_one_does_not() {
    let header = "Wed, 25 Nov 2026 18:38:49 GMT";
    let header_secs = parse_http_date(header).unwrap();
    let local = 1_000_000;
    for (injected, header_wins) in [
        (header_secs, false),
        (header_secs - 200, false),
        (header_secs + 299, false),
        // A page served from a cache an hour old, or a broken template.
        (header_secs - 3_600, true),
        (header_secs + 301, true),
    ] {
        let mut c = ServerClock::from_injected(injected, local);
        c.observe_date_header(header, local);
        let source = if header_wins {
            ClockSource::DateHeader
        } else {
            ClockSource::Injected
        };
        assert_eq!(c.source(), source, "injected {injected}");
        let left = c.remaining_secs(header_secs + 600, local);
        if header_wins {
            assert_eq!(left, 600, "counted from the header");
        }
    }
}

#[test]
fn the_countdown_counts_from_when_the_page_arrived_not_from_when_the_app_started() {
    // The HTML (with its server_time) arrived at local 10 000 ms; the app started 4 s later.
    let expire = SERVER_NOW + 300;
    let arrived = ServerClock::from_injected(SERVER_NOW, 10_000);
    assert_eq!(arrived.remaining_secs(expire, 14_000), 296);
    let started = ServerClock::from_injected(SERVER_NOW, 14_000);
    assert_eq!(
        started.remaining_secs(expire, 14_000),
        300,
        "paired with the app's start, it overstates by the load time"
    );
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
