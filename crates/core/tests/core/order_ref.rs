//! Rule: the order id comes from the injected value, else `/pay/<id>`, else `?order_id=`.

use paypage_core::order_ref::{find_order_ref, is_rendered, percent_decode, OrderRef};

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

#[test]
fn links_that_lead_back_to_this_orders_pages() {
    use paypage_core::order_ref::{points_back, Here};
    let here = Here {
        origin: "https://pay.example:8080".into(),
        path: "/pay/ORD1".into(),
        order_ids: vec!["ORD1".into()],
        out_order_ids: vec!["EXT9".into()],
    };
    for (target, back) in [
        ("/pay/ORD1", true),
        ("/pay/ORD1/", true),
        ("/pay/ORD1?from=redirect", true),
        ("?x=1", true),
        ("#top", true),
        ("https://pay.example:8080/pay/ORD1", true),
        ("HTTPS://PAY.EXAMPLE:8080/pay/ORD1#x", true),
        ("//pay.example:8080/pay/ORD1", true),
        ("/pay/separate/ORD1", true),
        ("/pay/status?order_id=ORD1", true),
        ("/pay/status?out_order_id=EXT9&pid=3", true),
        ("https://mirror.example/pay/ORD1", true),
        ("/pay/%4FRD1", true),
        ("/pay/ORD2", false),
        ("/pay/status?order_id=ORD2", false),
        ("https://shop.example/return?order_id=ORD1", false),
        ("https://shop.example/pay/return?order_id=ORD1", false),
        ("https://other.example/pay/ORD1x", false),
        ("https://other.example:8080/", false),
        ("alipays://platformapi/startapp?qrcode=/pay/ORD1", false),
        ("https://shop.example/", false),
        // A `pay` segment in a merchant's own URL is not one of the theme's routes: only whole
        // paths from the root are, and `/pay/<id>` takes the platform's id, not the merchant's.
        ("https://shop.example/shop/pay/EXT9", false),
        ("https://shop.example/shop/pay/EXT9?from=paypage", false),
        ("https://shop.example/pay/EXT9", false),
        ("https://shop.example/shop/pay/ORD1", false),
        ("/shop/pay/ORD1", false),
        ("/pay/separate/EXT9", false),
        ("/pay/status?order_id=EXT9", false),
        ("/pay/status?out_order_id=ORD1&pid=3", false),
        ("/pay/status?out_order_id=EXT9", false),
        ("pay/ORD1", false),
        ("https://mirror.example/pay/separate/ORD1", true),
        // As the browser resolves them: relative to the page's folder, dot segments, encoded
        // route words.
        ("ORD1", true),
        ("./ORD1", true),
        ("../pay/ORD1", true),
        ("status?order_id=ORD1", true),
        ("/x/../pay/ORD1", true),
        ("/x/%2E%2E/pay/ORD1", true),
        ("/p%61y/ORD1", true),
        ("https://mirror.example/a/../pay/ORD1", true),
        ("ORD2", false),
        ("../shop/pay/ORD1", false),
        (
            "https://mirror.example/pay/status?out_order_id=EXT9&pid=3",
            true,
        ),
    ] {
        assert_eq!(points_back(target, &here), back, "{target}");
    }
    // A page served at the site's root: the merchant's home page elsewhere is not "here".
    let root = Here {
        origin: "https://pay.example".into(),
        path: "/".into(),
        order_ids: vec!["ORD1".into()],
        out_order_ids: vec![],
    };
    assert!(!points_back("https://shop.example/", &root));
    assert!(points_back("https://pay.example/", &root));
    // The status page: its own path names the order in the query; another order's status page
    // is not this page.
    let status = Here {
        origin: "https://pay.example".into(),
        path: "/pay/status".into(),
        order_ids: vec!["ORD1".into()],
        out_order_ids: vec![],
    };
    assert!(points_back("/pay/status?order_id=ORD1", &status));
    assert!(!points_back("/pay/status?order_id=ORD2", &status));
    // A page served under a prefix (a static host): its own path is back, whatever the route.
    let static_site = Here {
        origin: "https://shop.example".into(),
        path: "/checkout/pay.html".into(),
        order_ids: vec!["ORD1".into()],
        out_order_ids: vec![],
    };
    assert!(points_back(
        "/checkout/pay.html?order_id=ORD1",
        &static_site
    ));
    assert!(!points_back("/checkout/done.html", &static_site));
}

#[test]
fn the_per_tab_hop_limit() {
    use paypage_core::hops::{next_hop, MAX_HOPS, WINDOW_MS};
    let t0 = 1_700_000_000_000;
    let (ok, mut stored) = next_hop(None, t0);
    assert!(ok);
    for i in 1..MAX_HOPS {
        let (ok, next) = next_hop(Some(&stored), t0 + i64::from(i) * 1000);
        assert!(ok, "hop {}", i + 1);
        stored = next;
    }
    let (ok, again) = next_hop(Some(&stored), t0 + 10_000);
    assert!(!ok, "a loop is stopped at hop {}", MAX_HOPS + 1);
    assert_eq!(again, stored);
    // Outside the window the count starts again; garbage or a clock going back reads as none.
    assert!(next_hop(Some(&stored), t0 + WINDOW_MS).0);
    assert!(next_hop(Some("x:y"), t0).0);
    assert!(next_hop(Some(&stored), t0 - 1).0);
    assert_eq!(next_hop(None, -5).1, "1:-5");
}

#[test]
fn the_cashier_flow_addresses_the_orders_pages_and_bodies() {
    use paypage_core::order_ref::{
        chose_type_body, encode_segment, pay_page_url, separate_page_url,
    };
    let cases: &[(&str, &str)] = &[
        ("202406010001", "202406010001"),
        ("A-b_c.d~e", "A-b_c.d~e"),
        ("a b", "a%20b"),
        ("a/b?c#d&e", "a%2Fb%3Fc%23d%26e"),
        ("订单", "%E8%AE%A2%E5%8D%95"),
        ("%", "%25"),
        ("", ""),
    ];
    for (id, want) in cases {
        assert_eq!(encode_segment(id), *want, "{id}");
        // What the page encodes, the route reads back.
        if !id.is_empty() && !id.contains(['/', '?', '#', '&', '%', ' ']) {
            assert_eq!(
                find_order_ref(None, &format!("/pay/separate/{want}"), ""),
                Some(OrderRef::OrderId((*id).into()))
            );
        }
    }
    assert_eq!(
        separate_page_url("https://pay.example", "P 1"),
        "https://pay.example/pay/separate/P%201"
    );
    assert_eq!(
        separate_page_url("http://127.0.0.1:8080/", "P1"),
        "http://127.0.0.1:8080/pay/separate/P1"
    );
    assert_eq!(
        pay_page_url("https://pay.example", "P1"),
        "https://pay.example/pay/P1"
    );
    assert_eq!(
        chose_type_body("P1", "wxpay"),
        r#"{"order_id":"P1","pay_type":"wxpay"}"#
    );
    assert_eq!(
        chose_type_body("P\"1", "a\\b\n"),
        r#"{"order_id":"P\"1","pay_type":"a\\b\n"}"#
    );
}

#[test]
fn the_request_body_is_the_json_format_wrote() {
    // What `format!` wrote before the body was written by hand, held for odd ids and pids.
    for (id, pid) in [
        ("A1", 0_i64),
        ("q\"u\\o\nte\r\t", 7),
        ("\u{1}\u{1f}\u{2028}\u{2029}é中", -42),
        ("", i64::MIN),
        ("x", i64::MAX),
    ] {
        let escaped = serde_json::to_string(id).unwrap_or_default();
        let escaped = escaped
            .replace('\u{2028}', "\\u2028")
            .replace('\u{2029}', "\\u2029");
        assert_eq!(
            OrderRef::OrderId(id.into()).body(),
            format!("{{\"order_id\":{escaped}}}")
        );
        assert_eq!(
            OrderRef::OutOrder {
                out_order_id: id.into(),
                pid
            }
            .body(),
            format!("{{\"out_order_id\":{escaped},\"pid\":{pid}}}")
        );
    }
}
