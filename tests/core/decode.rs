//! Rule: decoding is tolerant the way real servers require, and everything else is a typed error.
//! Data-driven over the shared fixtures (the dev host serves the same files).

use paypage::core::model::{
    parse_audio, parse_info, parse_pay_types, parse_qrcode, parse_status, OrderStatus, QrType,
};
use paypage::core::wire::{decode_ack, decode_reply};
use paypage::core::ErrorKind;

use crate::support::{all_fixtures, audio, fixture, info, qr, status};

/// One line describing a decoded answer: `ok` or the error kind, then the redirect.
fn outcome<T>(r: &paypage::core::wire::Reply<T>) -> String {
    let head = match &r.result {
        Ok(_) => "ok".to_owned(),
        Err(e) => match e.kind() {
            ErrorKind::Api { code, message } => format!("api {code} {message}"),
            ErrorKind::HttpStatus(s) => format!("http {s}"),
            ErrorKind::NotJson => "not-json".to_owned(),
            ErrorKind::InvalidResponse => "invalid".to_owned(),
            ErrorKind::UnreadableOrder => "unreadable".to_owned(),
            ErrorKind::Network => "network".to_owned(),
            ErrorKind::Timeout => "timeout".to_owned(),
        },
    };
    match &r.redirect {
        Some(to) => format!("{head} redirect={to}"),
        None => head,
    }
}

fn check_info(name: &str, expect: &str) {
    assert_eq!(outcome(&info(name)), expect, "info/{name}");
}

#[test]
fn envelope_outcomes_of_every_info_fixture() {
    check_info("pending.json", "ok");
    check_info("pending_strings.json", "ok");
    check_info("paid.json", "ok");
    check_info("closed.json", "ok");
    check_info("expired.json", "ok");
    check_info("failed.json", "ok");
    check_info("adjusted.json", "ok");
    check_info("account_tip_cover0.json", "ok");
    check_info("account_tip_cover2.json", "ok");
    check_info("not_found.json", "api 404 订单不存在");
    check_info("signature.json", "api 403 签名错误");
    check_info("channel_failure.json", "api 502 支付通道异常,请稍后再试");
    check_info("hostile.json", "ok redirect=javascript:window.__pwned=1");
    check_info("wrong_types.json", "invalid");
    check_info("ambiguous_amount.json", "unreadable");
    check_info("data_array.json", "invalid");
    check_info("no_data.json", "invalid");
    check_info("invalid_json.txt", "not-json");
    check_info("html_error.html", "not-json");
}

#[test]
fn envelope_outcomes_of_the_other_fixtures() {
    let cases: &[(&str, String)] = &[
        ("status/pending.json", outcome(&status("pending.json"))),
        (
            "status/paid_hostile.json",
            outcome(&status("paid_hostile.json")),
        ),
        ("status/redirect.json", outcome(&status("redirect.json"))),
        ("qrcode/empty.json", outcome(&qr("empty.json"))),
        ("qrcode/real.json", outcome(&qr("real.json"))),
        ("audio/disabled.json", outcome(&audio("disabled.json"))),
    ];
    let expect = [
        "ok",
        "ok redirect=data:text/html,<script>window.__pwned=1</script>",
        "ok redirect=/pay/status?order_id=R1",
        "invalid",
        "ok",
        "ok",
    ];
    for ((name, got), want) in cases.iter().zip(expect) {
        assert_eq!(got, want, "{name}");
    }
}

#[test]
fn numbers_as_strings_nulls_empty_strings_and_extra_fields_are_tolerated() {
    let i = info("pending_strings.json").result.unwrap();
    assert_eq!(i.status, Some(OrderStatus::Pending));
    assert_eq!(i.amount, Some(1000));
    assert_eq!(
        i.trade_amount,
        Some(1000),
        "\"1000.0\" is an integral number"
    );
    assert_eq!(i.expire_time, Some(1_717_220_000));
    assert_eq!(i.subject.as_deref(), Some("会员充值"), "trimmed");
    assert_eq!(i.out_order_id, None, "empty string means absent");
    assert_eq!(i.create_time, None, "null means absent");
    assert_eq!(
        i.service_qq.as_deref(),
        Some("123456"),
        "a number read as text"
    );
    assert_eq!(i.payed_wait_time, None, "empty string means absent");
    assert_eq!(i.audio_enable, Some(false), "\"0\" is off");
    assert_eq!(i.account_tip.tip, None);
}

#[test]
fn real_info_carries_audio_fields() {
    let i = info("pending.json").result.unwrap();
    assert_eq!(i.audio_enable, Some(true));
    assert_eq!(i.audio_content.as_deref(), Some("请支付10.00元"));
    assert_eq!(i.account_tip.tip, None, "empty tip is absent");
    assert_eq!(i.account_tip.tip_cover, 1);
}

#[test]
fn message_or_msg_carries_the_server_text() {
    let e = info("signature.json").result.unwrap_err();
    assert_eq!(e.server_message(), Some("签名错误"));
    let e = info("not_found.json").result.unwrap_err();
    assert!(e.is_not_found());
    assert!(!e.is_retryable(), "404: retrying cannot help");
    let e = info("channel_failure.json").result.unwrap_err();
    assert!(e.is_retryable(), "502 channel failure can pass");
}

#[test]
fn http_status_without_envelope_is_an_http_error() {
    let body = fixture("info/html_error.html");
    let r = decode_reply(502, &body, parse_info);
    assert_eq!(outcome(&r), "http 502");
    assert!(r.result.unwrap_err().is_retryable());
    let r = decode_reply(404, "Not Found", parse_info);
    assert_eq!(outcome(&r), "http 404");
    assert!(!r.result.unwrap_err().is_retryable());
    let r = decode_reply(500, "", parse_status);
    assert_eq!(outcome(&r), "http 500");
}

#[test]
fn envelope_wins_over_http_status() {
    // Some deployments answer HTTP 200 with an error envelope, others HTTP 4xx with one.
    let r = decode_reply(404, r#"{"code":404,"message":"订单不存在"}"#, parse_info);
    assert_eq!(outcome(&r), "api 404 订单不存在");
    let r = decode_reply(200, r#"{"code":500,"msg":""}"#, parse_info);
    assert_eq!(outcome(&r), "api 500 ");
    assert_eq!(r.result.unwrap_err().server_message(), None);
}

#[test]
fn odd_envelopes() {
    let cases = [
        (r#"[]"#, "invalid"),
        (r#""ok""#, "invalid"),
        (r#"null"#, "invalid"),
        (r#"{}"#, "invalid"),
        (r#"{"code":"abc","data":{}}"#, "invalid"),
        (r#"{"code":200,"data":null}"#, "invalid"),
        (r#"{"code":200,"data":"x"}"#, "invalid"),
        (r#"{"code":200.0,"data":{"status":2}}"#, "ok"),
        (
            r#"{"code":200,"data":{"status":"2"},"redirect":null}"#,
            "ok",
        ),
        (r#"{"code":200,"data":{"status":2},"redirect":"  "}"#, "ok"),
        ("", "not-json"),
        ("\u{feff}{}", "not-json"),
    ];
    for (body, want) in cases {
        assert_eq!(
            outcome(&decode_reply(200, body, parse_status)),
            want,
            "{body:?}"
        );
    }
}

#[test]
fn qrcode_payload_and_picture_fields() {
    let real = qr("real.json").result.unwrap();
    assert_eq!(real.kind, QrType::Qrcode);
    assert_eq!(real.uri, None);
    assert_eq!(
        real.actual_account.as_deref(),
        Some("alipay@merchant.example")
    );
    let doc = qr("document.json").result.unwrap();
    assert_eq!(doc.kind, QrType::Other("alipay".into()));
    let jump = qr("jump.json").result.unwrap();
    assert_eq!(jump.kind, QrType::Jump);
}

#[test]
fn audio_flags() {
    let a = audio("enabled.json").result.unwrap();
    assert!(a.enabled);
    assert_eq!(a.url.as_deref(), Some("/__dev/audio/pay.wav"));
    let a = audio("content_only.json").result.unwrap();
    assert!(a.enabled && a.url.is_none() && a.content.is_some());
    let a = audio("disabled.json").result.unwrap();
    assert!(!a.enabled && a.url.is_none() && a.content.is_none());
    let a = parse_audio(&serde_json::json!({})).unwrap();
    assert!(!a.enabled, "absent audio_enable means off");
}

#[test]
fn status_codes_and_auto_open() {
    let s = status("auto_open.json").result.unwrap();
    assert_eq!(s.status, Some(OrderStatus::Pending));
    assert!(s.is_auto_open);
    let s = status("paid_relative.json").result.unwrap();
    assert_eq!(s.status, Some(OrderStatus::Paid));
    assert_eq!(s.payed_wait_time, Some(0));
    for (code, st) in [
        (1, OrderStatus::Pending),
        (2, OrderStatus::Paid),
        (3, OrderStatus::Closed),
        (4, OrderStatus::Expired),
        (5, OrderStatus::Failed),
        (9, OrderStatus::Unknown(9)),
    ] {
        assert_eq!(OrderStatus::from_code(code), st);
        assert_eq!(st.code(), code);
    }
}

/// Money is never guessed: `(amount, trade_amount, expire_time)` of a pending order → what the
/// page reads (`Some(fen to pay)`), or `None`: unreadable, no amount and no QR.
#[test]
fn money_is_never_guessed() {
    use serde_json::{json, Value};
    let check = |amount: Value, trade: Value, expire: Value, expect: Option<i64>| {
        let data =
            json!({"status": 1, "amount": amount, "trade_amount": trade, "expire_time": expire});
        match (parse_info(&data), expect) {
            (Ok(i), Some(fen)) => assert_eq!(i.amount_to_pay(), Some(fen), "{data}"),
            (Err(e), None) => assert_eq!(e.kind(), &ErrorKind::UnreadableOrder, "{data}"),
            (got, _) => panic!("{data}: {got:?}"),
        }
    };
    let t = json!(1717220000);
    check(json!(1000), json!(1001), t.clone(), Some(1001));
    check(json!("1000"), json!(" 1001 "), t.clone(), Some(1001));
    check(json!(1000), Value::Null, t.clone(), Some(1000));
    check(json!(1000), json!(""), json!("1717220000"), Some(1000));
    // The review's case: "10.00" in a fen field, no trade_amount, expiry "soon".
    check(json!("10.00"), Value::Null, json!("soon"), None);
    check(json!("10.00"), Value::Null, t.clone(), None);
    check(json!(1000), json!("1000.0"), t.clone(), None);
    check(json!(1000), json!(10.5), t.clone(), None);
    check(json!(1000), json!(-1), t.clone(), None);
    check(json!(1000), json!(true), t.clone(), None);
    check(json!(1000), json!("1e3"), t.clone(), None);
    check(json!(1000), json!({"fen": 1}), t.clone(), None);
    check(Value::Null, Value::Null, t.clone(), None);
    check(json!(1000), json!(1000), Value::Null, None);
    check(json!(1000), json!(1000), json!("soon"), None);
    // A dead order is readable without a usable amount (its screen shows none).
    let closed = parse_info(&json!({"status": 3, "amount": "10.00"})).unwrap();
    assert_eq!(closed.amount_to_pay(), None);
    // Retrying helps: the order can be corrected while the customer waits.
    let e = parse_info(&json!({"status": 1})).unwrap_err();
    assert!(e.is_retryable());
}

#[test]
fn a_pending_order_without_amount_is_unreadable() {
    let r = parse_info(&serde_json::json!({"status": 1}));
    assert_eq!(r.unwrap_err().kind(), &ErrorKind::UnreadableOrder);
    // A dead order without amount is still readable: its screen needs no amount.
    assert!(parse_info(&serde_json::json!({"status": 3})).is_ok());
    assert!(parse_qrcode(&serde_json::json!({"type": "qrcode"})).is_err());
}

#[test]
fn every_fixture_decodes_without_panicking_with_every_decoder_and_status() {
    let mut n = 0;
    for name in all_fixtures() {
        let body = fixture(&name);
        for http in [200, 404, 500, 502] {
            let _ = decode_reply(http, &body, parse_info);
            let _ = decode_reply(http, &body, parse_status);
            let _ = decode_reply(http, &body, parse_qrcode);
            let _ = decode_reply(http, &body, parse_audio);
            n += 1;
        }
    }
    assert!(n >= 4 * 40, "expected at least 40 fixtures, got {}", n / 4);
}

/// Whole numbers written as decimals are read in integer fields that are not money (a time, a
/// wait); money fields never accept them (`money_is_never_guessed`).
#[test]
fn integral_decimals_in_strings() {
    let cases = [
        ("\"1000.0\"", Some(1000)),
        ("\"1000.00\"", Some(1000)),
        ("\"-5.0\"", Some(-5)),
        ("\".0\"", Some(0)),
        ("\"10.01\"", None),
        ("\".\"", None),
        ("\"1e3\"", None),
        ("\"abc\"", None),
        ("1000.0", Some(1000)),
        ("1000.5", None),
    ];
    for (json, want) in cases {
        let body = format!(r#"{{"code":200,"data":{{"status":1,"pay_payed_wait_time":{json}}}}}"#);
        let got = decode_reply(200, &body, parse_status)
            .result
            .ok()
            .and_then(|i| i.payed_wait_time);
        assert_eq!(got, want, "{json}");
        let money = format!(r#"{{"code":200,"data":{{"status":3,"trade_amount":{json}}}}}"#);
        let got = decode_reply(200, &money, parse_info)
            .result
            .ok()
            .and_then(|i| i.trade_amount);
        // A JSON number 1000.0 is the integer 1000 (JavaScript cannot tell them apart); a string
        // with a decimal point could be fen or yuan.
        let want_money = (json == "1000.0").then_some(1000);
        assert_eq!(got, want_money, "money {json}");
    }
}

/// `/api/pay/types` data → what the separate page offers, one line per type (`value|label|logo`,
/// `-` for absent), or the error kind.
fn types_outcome(data: &str) -> String {
    let body = format!(r#"{{"code":200,"message":"success","data":{data}}}"#);
    match decode_reply(200, &body, parse_pay_types).result {
        Ok(types) => types
            .iter()
            .map(|t| {
                format!(
                    "{}|{}|{}",
                    t.value,
                    t.label.as_deref().unwrap_or("-"),
                    t.logo.as_deref().unwrap_or("-")
                )
            })
            .collect::<Vec<_>>()
            .join(" "),
        Err(e) => format!("error {:?}", e.kind()),
    }
}

#[test]
fn pay_types_are_read_tolerantly_and_untrusted_strings_stay_text() {
    let long = "x".repeat(65);
    let many: String = (0..25)
        .map(|i| format!(r#"{{"value":"t{i}"}}"#))
        .collect::<Vec<_>>()
        .join(",");
    let long_label = "支".repeat(50);
    let cases: Vec<(String, String)> = vec![
        (
            r#"[{"value":"alipay","label":"支付宝","logo":"/a.png"},{"value":"wxpay","label":"微信支付","logo":"https://cdn.example/w.png"}]"#.into(),
            "alipay|支付宝|/a.png wxpay|微信支付|https://cdn.example/w.png".into(),
        ),
        ("[]".into(), "".into()),
        // Spaces trimmed; numbers as text; absent label and logo.
        (r#"[{"value":" alipay ","label":" 支付宝 "},{"value":7}]"#.into(), "alipay|支付宝|- 7|-|-".into()),
        // Entries without a usable value are skipped; a repeated value is offered once.
        (
            r#"[null,1,"alipay",[],{"label":"x"},{"value":""},{"value":"  "},{"value":null},{"value":true},{"value":"a\u0000b"},{"value":"alipay"},{"value":"alipay","label":"again"}]"#.into(),
            "alipay|-|-".into(),
        ),
        (format!(r#"[{{"value":"{long}"}},{{"value":"ok"}}]"#), "ok|-|-".into()),
        // Hostile labels and logos are kept as text: the page renders them as text, the logo
        // only through the image URL policy.
        (
            r#"[{"value":"<b>x</b>","label":"<img src=x onerror=alert(1)>","logo":"javascript:alert(1)"}]"#.into(),
            "<b>x</b>|<img src=x onerror=alert(1)>|javascript:alert(1)".into(),
        ),
        // A map by value (as some PHP backends encode lists) is read the same.
        (
            r#"{"alipay":{"value":"alipay","label":"支付宝"},"wxpay":{"value":"wxpay"}}"#.into(),
            "alipay|支付宝|- wxpay|-|-".into(),
        ),
        (format!(r#"[{{"value":"v","label":"{long_label}"}}]"#), format!("v|{}|-", "支".repeat(40))),
        ("\"alipay\"".into(), "error InvalidResponse".into()),
        ("1".into(), "error InvalidResponse".into()),
        ("true".into(), "error InvalidResponse".into()),
    ];
    for (data, want) in cases {
        assert_eq!(types_outcome(&data), want, "{data}");
    }
    // At most 20 are offered.
    assert_eq!(types_outcome(&format!("[{many}]")).split(' ').count(), 20);
    // data null on success is no list.
    let r = decode_reply(200, r#"{"code":200,"data":null}"#, parse_pay_types);
    assert_eq!(
        r.result.map(|_| ()).unwrap_err().kind(),
        &ErrorKind::InvalidResponse
    );
    // A failure envelope keeps the server's words.
    let r = decode_reply(200, r#"{"code":404,"msg":"订单不存在"}"#, parse_pay_types);
    let e = r.result.unwrap_err();
    assert_eq!(e.server_message(), Some("订单不存在"));
}

#[test]
fn chose_type_answers_are_success_or_the_servers_reason() {
    let cases: &[(u16, &str, &str)] = &[
        (200, r#"{"code":200,"message":"success","data":null}"#, "ok"),
        (200, r#"{"code":200,"message":"success"}"#, "ok"),
        (200, r#"{"code":"200","msg":"ok","data":{}}"#, "ok"),
        (200, r#"{"code":200,"data":[],"redirect":""}"#, "ok"),
        (
            200,
            r#"{"code":400,"message":"该支付方式暂不可用","data":null}"#,
            "refused 该支付方式暂不可用",
        ),
        (
            200,
            r#"{"code":500,"msg":"通道维护中"}"#,
            "refused 通道维护中",
        ),
        (200, r#"{"code":400}"#, "refused "),
        (200, r#"{"message":"no code"}"#, "InvalidResponse"),
        (200, "<html>gateway</html>", "NotJson"),
        (502, "<html>bad gateway</html>", "HttpStatus(502)"),
        (200, "[]", "InvalidResponse"),
    ];
    for (http, body, want) in cases {
        let got = match decode_ack(*http, body).result {
            Ok(()) => "ok".to_owned(),
            Err(e) => match e.kind() {
                ErrorKind::Api { message, .. } => format!("refused {message}"),
                kind => format!("{kind:?}"),
            },
        };
        assert_eq!(&got, want, "{body}");
    }
}

#[test]
fn info_says_when_the_pay_type_is_blank() {
    for (field, blank) in [
        (r#","pay_type":"""#, true),
        (r#","pay_type":"   ""#, true),
        (r#","pay_type":null"#, true),
        ("", false),
        (r#","pay_type":"alipay""#, false),
        (r#","pay_type":0"#, false),
    ] {
        let body =
            format!(r#"{{"code":200,"data":{{"status":1,"amount":1,"expire_time":1{field}}}}}"#);
        let info = decode_reply(200, &body, parse_info).result.unwrap();
        assert_eq!(info.pay_type_blank, blank, "{field}");
        assert_eq!(
            info.pay_type.is_none(),
            field.is_empty() || blank,
            "{field}"
        );
    }
}
