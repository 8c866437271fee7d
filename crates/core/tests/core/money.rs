//! Rule: money shows fen as yuan exactly; the "pay exactly" flag when the channel adjusted it;
//! the channel's own amount only when it is not the order's.

use paypage_core::money::{channel_amount, must_pay_exactly, yuan, yuan_with_sign};

#[test]
fn fen_to_yuan() {
    let cases = [
        (0, "0.00", "¥0.00"),
        (1, "0.01", "¥0.01"),
        (10, "0.10", "¥0.10"),
        (1000, "10.00", "¥10.00"),
        (1001, "10.01", "¥10.01"),
        (-1, "-0.01", "-¥0.01"),
        (-1001, "-10.01", "-¥10.01"),
        (i64::MAX, "92233720368547758.07", "¥92233720368547758.07"),
        (i64::MIN, "-92233720368547758.08", "-¥92233720368547758.08"),
    ];
    for (fen, plain, signed) in cases {
        assert_eq!(yuan(fen), plain, "{fen}");
        assert_eq!(yuan_with_sign(fen), signed, "{fen}");
    }
}

#[test]
fn pay_exactly_flag_only_when_both_known_and_different() {
    assert!(must_pay_exactly(Some(1000), Some(1001)));
    assert!(must_pay_exactly(Some(1000), Some(999)));
    assert!(!must_pay_exactly(Some(1000), Some(1000)));
    assert!(!must_pay_exactly(None, Some(1000)));
    assert!(!must_pay_exactly(Some(1000), None));
}

#[test]
fn the_yuan_text_the_server_rendered() {
    use paypage_core::money::parse_yuan;
    for (text, fen) in [
        ("10.00", Some(1000)),
        (" 10.01 ", Some(1001)),
        ("0.5", Some(50)),
        ("7", Some(700)),
        ("1234567.89", Some(123_456_789)),
        ("10.001", None),
        ("10.", None),
        (".5", None),
        ("-1.00", None),
        ("1,000.00", None),
        ("¥10.00", None),
        ("", None),
        ("${.orderInfo.trade_amount_text}", None),
        ("99999999999999999999", None),
    ] {
        assert_eq!(parse_yuan(text), fen, "{text:?}");
    }
}

#[test]
fn the_channels_amount_is_shown_when_it_is_not_the_orders() {
    for (actual, order, shown) in [
        (Some("1.43"), Some(1000), Some("1.43")),
        (Some(" 1.43 USDT "), Some(1000), Some("1.43 USDT")),
        (Some("10.00"), Some(1000), None),
        (Some("10"), Some(1000), None),
        (Some("10.01"), Some(1000), Some("10.01")),
        (Some("10.00"), None, Some("10.00")),
        (Some(""), Some(1000), None),
        (Some("  "), Some(1000), None),
        (None, Some(1000), None),
        (Some("<b>9</b>"), Some(1000), Some("<b>9</b>")),
    ] {
        assert_eq!(
            channel_amount(actual, order).as_deref(),
            shown,
            "{actual:?}"
        );
    }
}
