//! Rules: which qrcode field is the payload, what a jump does, and what the first paint shows.

use paypage_core::model::{QrInfo, QrType};
use paypage_core::present::{first_paint, looks_like_image, plan_qr, Browser, QrPlan};
use paypage_core::qr_code::encode;
use paypage_core::url_policy::UrlPolicy;

use crate::support::qr;

/// A plan, in a form a table can hold: its kind and its text (the payload, picture or target).
fn summary(plan: &QrPlan) -> (&'static str, String) {
    match plan {
        QrPlan::Encode(code) => ("encode", code.payload.chars().take(40).collect()),
        QrPlan::Image(src) => ("image", src.chars().take(40).collect()),
        QrPlan::Jump(url) => ("jump", url.clone()),
        QrPlan::OpenApp(url) => ("open-app", url.clone()),
        QrPlan::JumpRefused => ("jump-refused", String::new()),
        QrPlan::JumpBlocked(url) => ("jump-blocked", url.clone()),
        QrPlan::Nothing => ("nothing", String::new()),
    }
}

#[test]
fn qrcode_fixtures_are_decided_by_content() {
    let p = UrlPolicy::default();
    let alipay = "https://qr.alipay.com/fkx15742tdtmcruhbwsv45b";
    let png = "data:image/png;base64,";
    for (name, kind, text) in [
        // The server's inline picture is shown as it is (the first paint shows it too).
        ("real.json", "image", png),
        ("document.json", "encode", alipay),
        ("image_only.json", "image", png),
        (
            "wechat.json",
            "encode",
            "wxp://f2f0dd2nT0ExampleWechatPayload",
        ),
        (
            "jump.json",
            "jump",
            "https://openapi.alipay.example/gateway.do?x=1",
        ),
        (
            "jump_scheme_only.json",
            "open-app",
            "alipays://platformapi/startapp?saId=10000007",
        ),
        ("jump_hostile.json", "jump-refused", ""),
    ] {
        let (k, t) = summary(&plan_qr(&p, &qr(name).result.unwrap()));
        assert_eq!(k, kind, "{name}");
        let n = t.len().min(text.len());
        assert_eq!(t.get(..n), text.get(..n), "{name}");
    }
    // A hostile payload is only ever encoded as text in a QR code, never navigated to.
    let (k, t) = summary(&plan_qr(&p, &qr("hostile.json").result.unwrap()));
    assert_eq!(k, "encode");
    assert!(t.starts_with("https://qr.alipay.com/"), "{t}");
}

fn qr_info(
    kind: QrType,
    qrcode: Option<&str>,
    qrcode_data: Option<&str>,
    scheme: Option<&str>,
) -> QrInfo {
    QrInfo {
        kind,
        qrcode: qrcode.map(Into::into),
        qrcode_data: qrcode_data.map(Into::into),
        scheme: scheme.map(Into::into),
        ..QrInfo::default()
    }
}

#[test]
fn which_field_is_the_payload() {
    let p = UrlPolicy::default();
    let alipay = "https://qr.alipay.com/fkx15742tdtmcruhbwsv45b";
    let png = "data:image/png;base64,iVBORw0KGgo=";
    let long = "x".repeat(4000);
    // (qrcode, qrcode_data) -> (what the page does, with what)
    let cases: Vec<(Option<&str>, Option<&str>, &str, &str)> = vec![
        // 0. The server's inline picture is shown as it is, in either field.
        (Some(alipay), Some(png), "image", png),
        (Some(png), Some(alipay), "image", png),
        (Some("00020101021226"), Some(png), "image", png),
        (Some("https://pay.example/p/abc"), Some(png), "image", png),
        (Some(&long), Some(png), "image", png),
        (
            Some(png),
            Some("DATA:IMAGE/png;base64,iVBORw0KGgo="),
            "image",
            "DATA:IMAGE/png;base64,iVBORw0KGgo=",
        ),
        // 1. A known payment payload wins, in either field, over a picture URL.
        (
            Some("https://cdn.example/q.png"),
            Some(alipay),
            "encode",
            alipay,
        ),
        (
            Some("/__dev/qr-picture/1?size=300"),
            Some(alipay),
            "encode",
            alipay,
        ),
        (
            Some("https://x.example/qrcode.php?text=abc"),
            Some("wxp://f2f0abc"),
            "encode",
            "wxp://f2f0abc",
        ),
        (
            Some("weixin://wxpay/bizpayurl?pr=abc"),
            None,
            "encode",
            "weixin://wxpay/bizpayurl?pr=abc",
        ),
        (
            None,
            Some("alipays://platformapi/startapp?saId=1"),
            "encode",
            "alipays://platformapi/startapp?saId=1",
        ),
        // 2. Plain text is a payload (it cannot be a picture's address).
        (
            Some("00020101021226"),
            Some("https://cdn.example/q.png"),
            "encode",
            "00020101021226",
        ),
        (Some("upi://pay?pa=x"), None, "encode", "upi://pay?pa=x"),
        // 3. A picture is shown rather than encoding an undecidable web address.
        (
            Some("https://pay.example/p/abc"),
            Some("https://cdn.example/q.png"),
            "image",
            "https://cdn.example/q.png",
        ),
        (
            Some("https://cdn.example/q.jpg?x=1"),
            None,
            "image",
            "https://cdn.example/q.jpg?x=1",
        ),
        // 4. Two web addresses: the observed servers' reading (qrcode_data is the picture).
        (
            Some("https://pay.example/p/abc"),
            Some("https://pay.example/qr/abc"),
            "image",
            "https://pay.example/qr/abc",
        ),
        (
            None,
            Some("https://pay.example/qr/abc"),
            "image",
            "https://pay.example/qr/abc",
        ),
        (
            Some("https://pay.example/p/abc"),
            None,
            "encode",
            "https://pay.example/p/abc",
        ),
        // A payload too long to encode: the server's picture, else nothing (never an empty box).
        (
            Some(&long),
            Some("https://cdn.example/q.png"),
            "image",
            "https://cdn.example/q.png",
        ),
        (Some(&long), None, "nothing", ""),
        // A picture the image policy refuses and nothing else.
        (
            Some("data:image/svg+xml,<svg onload=alert(1)>"),
            None,
            "nothing",
            "",
        ),
        (Some("  "), None, "nothing", ""),
    ];
    for (code, data, kind, text) in cases {
        let (k, t) = summary(&plan_qr(&p, &qr_info(QrType::Qrcode, code, data, None)));
        assert_eq!(
            (k, t.as_str()),
            (kind, &text[..text.len().min(40)]),
            "{code:?} / {data:?}"
        );
    }
}

#[test]
fn a_jump_to_an_app_link_opens_the_app_and_a_web_target_navigates() {
    let p = UrlPolicy::default();
    let jump = |uri: Option<&str>, scheme: Option<&str>| {
        let mut info = qr_info(QrType::Jump, None, None, scheme);
        info.uri = uri.map(Into::into);
        summary(&plan_qr(&p, &info))
    };
    assert_eq!(
        jump(None, Some("alipays://x")),
        ("open-app", "alipays://x".into())
    );
    assert_eq!(
        jump(None, Some("weixin://x")),
        ("open-app", "weixin://x".into())
    );
    assert_eq!(
        jump(None, Some("https://m.example/pay")),
        ("jump", "https://m.example/pay".into())
    );
    assert_eq!(
        jump(Some("https://m.example/a"), Some("alipays://x")),
        ("jump", "https://m.example/a".into())
    );
    assert_eq!(
        jump(Some("javascript:alert(1)"), Some("alipays://x")),
        ("open-app", "alipays://x".into())
    );
    assert_eq!(
        jump(None, Some("javascript:alert(1)")),
        ("jump-refused", String::new())
    );
}

#[test]
fn a_too_long_payload_is_known_before_drawing() {
    assert!(encode("https://qr.alipay.com/fkx1").is_some());
    assert!(
        encode(&"a".repeat(2331)).is_some(),
        "version 40-M holds 2331 bytes"
    );
    assert!(encode(&"a".repeat(2332)).is_none(), "one more does not fit");
}

#[test]
fn image_detection() {
    for yes in [
        "data:image/png;base64,x",
        "https://cdn.example/q.PNG",
        "/qr/1.jpg?v=2",
        "https://x/a.webp#f",
    ] {
        assert!(looks_like_image(yes), "{yes}");
    }
    for no in [
        "https://qr.alipay.com/fkx1",
        "wxp://f2f0",
        "weixin://wxpay/bizpayurl?pr=x.png",
        "hello.png",
    ] {
        assert!(!looks_like_image(no), "{no}");
    }
}

/// A first paint's input: the qrcode answer's fields, the order's pay type, the browser.
#[derive(Clone, Debug)]
struct Answer {
    kind: QrType,
    code: Option<&'static str>,
    data: Option<&'static str>,
    scheme: Option<&'static str>,
    pay_type: Option<&'static str>,
    browser: Browser,
}

impl Answer {
    /// This answer, changed as `change` says.
    fn but(&self, change: impl FnOnce(&mut Answer)) -> Answer {
        let mut changed = self.clone();
        change(&mut changed);
        changed
    }
}

/// The first paint shows what the app shows: the server's inline picture (and on phones the
/// open-app link), nothing for what the app must encode or navigate itself.
#[test]
fn the_first_paint_is_the_apps_picture_and_link_or_nothing() {
    const PNG: &str = "data:image/png;base64,iVBORw0KGgo=";
    const SCHEME: &str = "alipays://platformapi/startapp?saId=10000007&qrcode=x";
    let p = UrlPolicy::default();
    let phone = Browser::from_user_agent(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148 Safari/604.1",
    );
    let desktop =
        Browser::from_user_agent("Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 Safari/537.36");
    let wechat = Browser::from_user_agent("Mozilla/5.0 (iPhone) Mobile MicroMessenger/8.0.40");
    // An Alipay code with its inline picture and app link, an Alipay order, on a phone.
    let usual = Answer {
        kind: QrType::Qrcode,
        code: Some("https://qr.alipay.com/fkx15742tdtmcruhbwsv45b"),
        data: Some(PNG),
        scheme: Some(SCHEME),
        pay_type: Some("alipay"),
        browser: phone,
    };
    let custom = usual.but(|a| a.pay_type = Some("custom"));
    let svg = "data:image/svg+xml,<svg onload=alert(1)>";
    // Each answer -> (picture, link).
    let cases = [
        (usual.clone(), Some(PNG), Some(SCHEME)),
        (usual.but(|a| a.browser = desktop), Some(PNG), None),
        // Inside WeChat an Alipay link is blocked: no link (the app shows the guidance).
        (usual.but(|a| a.browser = wechat), Some(PNG), None),
        // An unknown pay type: the app is the payload's (Alipay), blocked in WeChat as well.
        (custom.but(|a| a.browser = wechat), Some(PNG), None),
        (custom, Some(PNG), Some(SCHEME)),
        // A refused link is not offered; the picture still is.
        (
            usual.but(|a| a.scheme = Some("javascript:alert(1)")),
            Some(PNG),
            None,
        ),
        // No inline picture: the app encodes the payload, the first paint shows nothing.
        (usual.but(|a| a.data = None), None, None),
        (
            usual.but(|a| a.data = Some("https://cdn.example/q.png")),
            None,
            None,
        ),
        (
            usual.but(|a| (a.code, a.data) = (None, Some(svg))),
            None,
            None,
        ),
        // A jump belongs to the app (the one navigation), even with a picture.
        (usual.but(|a| a.kind = QrType::Jump), None, None),
    ];
    for (a, picture, link) in cases {
        let info = qr_info(a.kind.clone(), a.code, a.data, a.scheme);
        let paint = first_paint(&p, &info, a.pay_type, a.browser);
        assert_eq!(
            (paint.picture.as_deref(), paint.open_app.as_deref()),
            (picture, link),
            "{a:?}"
        );
        // The same picture the app shows.
        if let Some(pic) = picture {
            assert_eq!(plan_qr(&p, &info), QrPlan::Image(pic.to_owned()));
        }
    }
}
