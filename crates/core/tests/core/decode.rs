//! Rule: decoding is tolerant the way real servers require, and everything else is a typed error.
//! Data-driven over the shared fixtures (the dev host serves the same files) and the shared case
//! table `fixtures/cases/decode.json`, which `tests/web/decode.rs` holds the browser's `JSON.parse`
//! path to.

use std::collections::BTreeSet;

use paypage_core::model::{
    parse_audio, parse_info, parse_pay_types, parse_qrcode, parse_status, OrderStatus,
};
use paypage_core::wire::{decode_ack, decode_reply};
use paypage_core::ErrorKind;

use crate::decode_cases::{self, FIXTURES};
use crate::support::{all_fixtures, fixture, info};

#[test]
fn serde_json_gives_the_shared_tables_answers() {
    decode_cases::assert_table(&decode_cases::serde_json_decoders());
}

/// The table and the embedded list (the browser's only way to the files) name every fixture file,
/// each once.
#[test]
fn the_shared_table_covers_every_fixture_file() {
    let files: BTreeSet<String> = all_fixtures().into_iter().collect();
    let embedded: Vec<&str> = FIXTURES.iter().map(|(path, _)| *path).collect();
    let unique: BTreeSet<String> = embedded.iter().map(|p| p.to_string()).collect();
    assert_eq!(unique.len(), embedded.len(), "a fixture embedded twice");
    assert_eq!(unique, files, "FIXTURES in tests/shared/decode_cases.rs");
    for (path, text) in FIXTURES {
        assert_eq!(*text, fixture(path), "{path}");
    }
    let table: serde_json::Value = serde_json::from_str(decode_cases::TABLE).unwrap();
    let listed: Vec<&str> = table["fixtures"]
        .as_array()
        .unwrap()
        .iter()
        .map(|case| case["fixture"].as_str().unwrap())
        .collect();
    let unique: BTreeSet<String> = listed.iter().map(|p| p.to_string()).collect();
    assert_eq!(unique.len(), listed.len(), "a fixture listed twice");
    assert_eq!(
        unique, files,
        "the fixtures section of fixtures/cases/decode.json"
    );
}

/// The table's form: known keys only (a misspelt `expect_js` would silently not apply), unique
/// names, and a JavaScript-only answer only where a JavaScript number cannot hold the value,
/// saying why, and differing from the common one.
#[test]
fn the_shared_table_is_well_formed() {
    let table: serde_json::Value = serde_json::from_str(decode_cases::TABLE).unwrap();
    let known = [
        "fixture",
        "case",
        "decoder",
        "http",
        "body",
        "expect",
        "expect_js",
        "why",
    ];
    let mut names = BTreeSet::new();
    let mut js_only = 0;
    for section in ["fixtures", "bodies"] {
        for case in table[section].as_array().unwrap() {
            let case = case.as_object().unwrap();
            for key in case.keys() {
                assert!(known.contains(&key.as_str()), "unknown key {key}: {case:?}");
            }
            let name = case
                .get("fixture")
                .or_else(|| case.get("case"))
                .and_then(|n| n.as_str())
                .unwrap();
            assert!(names.insert(name.to_owned()), "two cases named {name}");
            assert!(case.get("expect").is_some_and(|e| e.is_object()), "{name}");
            match (case.get("expect_js"), case.get("why")) {
                (None, None) => {}
                (Some(js), Some(why)) => {
                    js_only += 1;
                    assert_ne!(Some(js), case.get("expect"), "{name}: the same answer");
                    assert!(
                        why.as_str().unwrap().contains("JavaScript numbers"),
                        "{name}: only JavaScript numbers may differ"
                    );
                }
                _ => panic!("{name}: expect_js and why go together"),
            }
        }
    }
    assert!(js_only <= 8, "{js_only} JavaScript-only answers");
}

/// The browser's parse refuses exactly the nesting serde_json refuses (`core::json::too_deep`,
/// 127 levels), arrays or objects, brackets inside strings not counted.
#[test]
fn too_deep_is_serde_jsons_limit() {
    use paypage_core::json::too_deep;
    let shapes: [(&str, &str, &str); 3] = [
        ("[", "", "]"),
        ("{\"a\":", "{}", "}"),
        ("[\"]}\\\"[{\",", "[]", "]"),
    ];
    for n in 120..135 {
        for (open, inner, close) in shapes {
            let text = [open.repeat(n), inner.to_owned(), close.repeat(n)].concat();
            let refused = serde_json::from_str::<serde_json::Value>(&text).is_err();
            assert_eq!(too_deep(&text), refused, "{n} {open}");
        }
    }
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
    let e = decode_reply(200, r#"{"code":500,"msg":""}"#, parse_info)
        .result
        .unwrap_err();
    assert_eq!(e.server_message(), None, "an empty message is none");
}

/// What the outcomes of the table mean for a retry.
#[test]
fn http_errors_without_an_envelope_are_retried_on_5xx_only() {
    let body = fixture("info/html_error.html");
    let e = decode_reply(502, &body, parse_info).result.unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::HttpStatus(502));
    assert!(e.is_retryable());
    let e = decode_reply(404, "Not Found", parse_info)
        .result
        .unwrap_err();
    assert!(!e.is_retryable());
    let e = decode_reply(200, &body, parse_info).result.unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::NotJson);
    assert!(e.is_retryable(), "a proxy's page passes");
}

#[test]
fn status_codes_round_trip() {
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

/// Money is never guessed (the table's `money:` cases): a pending order whose amount cannot be
/// read is unreadable, and retrying helps: the order can be corrected while the customer waits.
#[test]
fn a_pending_order_without_amount_is_unreadable() {
    let e = parse_info(&serde_json::json!({"status": 1})).unwrap_err();
    assert_eq!(e.kind(), &ErrorKind::UnreadableOrder);
    assert!(e.is_retryable());
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

/// The qrcode answer's `type`, read by one rule for the app (`parse_qrcode`) and the first paint
/// (`QrType::from_wire` on the trimmed text): blank is `qrcode`, `jump` is exact.
#[test]
fn the_qrcode_type_is_read_by_one_rule() {
    use paypage_core::model::QrType;
    let cases = [
        (None, QrType::Qrcode),
        (Some("qrcode"), QrType::Qrcode),
        (Some("jump"), QrType::Jump),
        (Some("Jump"), QrType::Other("Jump".into())),
        (Some("alipay"), QrType::Other("alipay".into())),
    ];
    for (kind, want) in cases {
        assert_eq!(QrType::from_wire(kind), want, "{kind:?}");
        let mut answer = serde_json::json!({"qrcode": "wxp://x"});
        if let (Some(k), Some(obj)) = (kind, answer.as_object_mut()) {
            obj.insert("type".into(), format!("  {k} ").into());
        }
        assert_eq!(parse_qrcode(&answer).map(|q| q.kind), Ok(want), "{kind:?}");
    }
    let blank = serde_json::json!({"type": "  ", "qrcode": "wxp://x"});
    assert_eq!(parse_qrcode(&blank).map(|q| q.kind), Ok(QrType::Qrcode));
}
