//! Rule: poll about every 2 s visible, at most every 10 s hidden, exponential backoff with jitter
//! up to 30 s on failures, back to normal after a success.

use paypage_core::schedule::PollConfig;

#[test]
fn normal_intervals() {
    let c = PollConfig::default();
    assert_eq!(c.next_delay_ms(true, 0, 0.5), 2_000);
    assert_eq!(c.next_delay_ms(false, 0, 0.5), 10_000);
}

#[test]
fn backoff_doubles_with_jitter_and_caps_at_30s() {
    let c = PollConfig::default();
    let mut previous_max = 0;
    for failures in 1..=10 {
        let lo = c.next_delay_ms(true, failures, 0.0);
        let hi = c.next_delay_ms(true, failures, 0.999_999);
        assert!(lo <= hi);
        assert!(hi <= 30_000, "capped: {failures} -> {hi}");
        assert!(lo >= 2_000, "never faster than normal");
        assert!(hi >= previous_max, "non-decreasing");
        previous_max = hi;
    }
    assert_eq!(c.next_delay_ms(true, 1, 0.0), 2_000);
    assert_eq!(c.next_delay_ms(true, 2, 0.0), 4_000);
    assert_eq!(c.next_delay_ms(true, 2, 0.999_999), 7_999);
    assert_eq!(c.next_delay_ms(true, 10, 0.0), 15_000);
    assert_eq!(c.next_delay_ms(true, 64, 1.0), 30_000);
    assert_eq!(c.next_delay_ms(true, u32::MAX, f64::NAN), 15_000);
}

#[test]
fn hidden_pages_never_poll_faster_than_hidden_interval_even_when_failing() {
    let c = PollConfig::default();
    for failures in 0..20 {
        for j in [0.0, 0.3, 0.99] {
            assert!(c.next_delay_ms(false, failures, j) >= 10_000);
        }
    }
}

#[test]
fn at_most_30_calls_a_minute_visible_and_6_hidden() {
    let c = PollConfig::default();
    assert!(60_000 / c.next_delay_ms(true, 0, 0.0) <= 30);
    assert!(60_000 / c.next_delay_ms(false, 0, 0.0) <= 6);
}

#[test]
fn merchant_values_are_clamped() {
    let c = PollConfig {
        visible_ms: 10,
        hidden_ms: 5,
        max_backoff_ms: 1,
        overtime_ms: 0,
    }
    .sanitized();
    assert_eq!(c.visible_ms, 1_000);
    assert_eq!(c.hidden_ms, 1_000);
    assert_eq!(c.max_backoff_ms, 1_000);
    let c = PollConfig {
        visible_ms: u32::MAX,
        hidden_ms: u32::MAX,
        max_backoff_ms: u32::MAX,
        overtime_ms: u32::MAX,
    }
    .sanitized();
    assert_eq!(c.visible_ms, 300_000);
}
