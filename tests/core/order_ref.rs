//! Rule: the order id comes from the injected value, else `/pay/<id>`, else `?order_id=`.

use paypage::core::order_ref::{find_order_ref, is_rendered, percent_decode, OrderRef};

fn id(s: &str) -> Option<OrderRef> {
    Some(OrderRef::OrderId(s.into()))
}

#[test]
fn where_the_order_id_comes_from() {
    let cases: &[(Option<&str>, &str, &str, Option<OrderRef>)] = &[
        (Some("INJ1"), "/pay/PATH1", "?order_id=Q1", id("INJ1")),
        (
            Some("${.orderInfo.order_id}"),
            "/pay/PATH1",
            "",
            id("PATH1"),
        ),
        (Some(""), "/pay/PATH1", "", id("PATH1")),
        (None, "/pay/PATH1/", "", id("PATH1")),
        (None, "/pay/separate/SEP1", "", id("SEP1")),
        (None, "/pay/status", "?order_id=Q1", id("Q1")),
        (None, "/pay/status", "order_id=Q1&x=2", id("Q1")),
        (None, "/index.html", "?order_id=Q%31", id("Q1")),
        (
            None,
            "/",
            "?out_order_id=EXT1&pid=1001",
            Some(OrderRef::OutOrder {
                out_order_id: "EXT1".into(),
                pid: 1001,
            }),
        ),
        (None, "/", "?out_order_id=EXT1&pid=abc", None),
        (None, "/", "", None),
        (None, "/pay/", "", None),
        (None, "/pay/a%2Fb", "", None),
        (None, "/pay/%3Cscript%3E", "", None),
        (Some("<x>"), "/pay/P", "", id("P")),
    ];
    for (inj, path, query, want) in cases {
        assert_eq!(
            &find_order_ref(*inj, path, query),
            want,
            "{inj:?} {path} {query}"
        );
    }
}

#[test]
fn request_bodies() {
    assert_eq!(
        OrderRef::OrderId("a\"b".into()).body(),
        r#"{"order_id":"a\"b"}"#
    );
    let out = OrderRef::OutOrder {
        out_order_id: "E".into(),
        pid: 7,
    };
    assert_eq!(out.body(), r#"{"out_order_id":"E","pid":7}"#);
    assert_eq!(out.display_id(), "E");
}

#[test]
fn unrendered_template_values_are_absent() {
    assert!(!is_rendered("${.orderInfo.subject}"));
    assert!(!is_rendered("  "));
    assert!(is_rendered("商品"));
}

#[test]
fn percent_decoding_is_lenient() {
    assert_eq!(percent_decode("a%20b+c"), "a b c");
    assert_eq!(percent_decode("%zz%"), "%zz%");
    assert_eq!(percent_decode("%E4%BD%A0"), "你");
    assert_eq!(percent_decode("%FF"), "\u{fffd}");
}
