//! Rules: the tip_cover rule; which qrcode field is the payload; app detection; the HTML policy.

use paypage::core::html_policy::{attribute, is_colour, tag_rule, TagRule};
use paypage::core::model::AccountTip;
use paypage::core::present::{looks_like_image, plan_qr, tips_to_show, App, Browser, QrPlan};
use paypage::core::url_policy::UrlPolicy;

use crate::support::qr;

fn tip(t: Option<&str>, cover: i64) -> AccountTip {
    AccountTip {
        tip: t.map(Into::into),
        tip_cover: cover,
    }
}

#[test]
fn tip_cover_rule() {
    let a = tip(Some("ACC"), 0);
    assert_eq!(
        tips_to_show(Some("PAY"), &a),
        vec!["ACC"],
        "account tip replaces pay_tip"
    );
    let a = tip(Some("ACC"), 1);
    assert_eq!(tips_to_show(Some("PAY"), &a), vec!["ACC"]);
    let a = tip(Some("ACC"), 2);
    assert_eq!(
        tips_to_show(Some("PAY"), &a),
        vec!["ACC", "PAY"],
        "both when tip_cover is 2"
    );
    let a = tip(Some("  "), 2);
    assert_eq!(
        tips_to_show(Some("PAY"), &a),
        vec!["PAY"],
        "blank account tip is absent"
    );
    let a = tip(None, 0);
    assert_eq!(tips_to_show(None, &a), Vec::<&str>::new());
    assert_eq!(tips_to_show(Some("PAY"), &a), vec!["PAY"]);
}

#[test]
fn qrcode_fields_are_decided_by_content() {
    let p = UrlPolicy::default();
    let plan = |name: &str| plan_qr(&p, &qr(name).result.unwrap());
    assert_eq!(
        plan("real.json"),
        QrPlan::Encode("https://qr.alipay.com/fkx15742tdtmcruhbwsv45b".into())
    );
    assert_eq!(
        plan("document.json"),
        QrPlan::Encode("https://qr.alipay.com/fkx15742tdtmcruhbwsv45b".into())
    );
    assert!(
        matches!(plan("image_only.json"), QrPlan::Image(s) if s.starts_with("data:image/png;base64,"))
    );
    assert_eq!(
        plan("wechat.json"),
        QrPlan::Encode("wxp://f2f0dd2nT0ExampleWechatPayload".into())
    );
    assert_eq!(
        plan("jump.json"),
        QrPlan::Jump("https://openapi.alipay.example/gateway.do?x=1".into())
    );
    assert_eq!(
        plan("jump_scheme_only.json"),
        QrPlan::Jump("alipays://platformapi/startapp?saId=10000007".into())
    );
    assert_eq!(plan("jump_hostile.json"), QrPlan::JumpRefused);
    // A hostile payload is only ever encoded as text in a QR code, never navigated to.
    assert!(
        matches!(plan("hostile.json"), QrPlan::Encode(s) if s.starts_with("https://qr.alipay.com/"))
    );
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

#[test]
fn app_of_pay_type() {
    let cases = [
        ("alipay", App::Alipay),
        ("ALIPAY_H5", App::Alipay),
        ("wxpay", App::Wechat),
        ("wechat", App::Wechat),
        ("qqpay", App::Qq),
        ("bank", App::UnionPay),
        ("usdt", App::Other),
    ];
    for (t, app) in cases {
        assert_eq!(App::from_pay_type(t), app, "{t}");
    }
}

const WECHAT_UA: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.43(0x18002b2c) NetType/WIFI Language/zh_CN";
const ALIPAY_UA: &str = "Mozilla/5.0 (Linux; Android 13; V2183A) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/101.0 Mobile Safari/537.36 AlipayClient/10.5.30.8000";
const QQ_UA: &str = "Mozilla/5.0 (Linux; Android 12) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/98 MQQBrowser/6.2 TBS/046 Mobile Safari/537.36 V1_AND_SQ_8.9.0_3700_YYB_D QQ/8.9.0.9735 NetType/WIFI";
const ANDROID_CHROME: &str = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36";
const DESKTOP: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";

#[test]
fn in_app_browsers_and_auto_open() {
    let wechat = Browser::from_user_agent(WECHAT_UA);
    assert_eq!(wechat.in_app, Some(App::Wechat));
    assert!(
        wechat.blocks(App::Alipay),
        "Alipay links do not work inside WeChat"
    );
    assert!(!wechat.blocks(App::Wechat));
    assert!(!wechat.may_auto_open(App::Alipay));
    assert!(wechat.may_auto_open(App::Wechat));
    assert_eq!(
        Browser::from_user_agent(ALIPAY_UA).in_app,
        Some(App::Alipay)
    );
    assert!(Browser::from_user_agent(ALIPAY_UA).blocks(App::Wechat));
    assert_eq!(Browser::from_user_agent(QQ_UA).in_app, Some(App::Qq));
    let phone = Browser::from_user_agent(ANDROID_CHROME);
    assert!(phone.mobile && phone.in_app.is_none() && phone.may_auto_open(App::Alipay));
    let desktop = Browser::from_user_agent(DESKTOP);
    assert!(
        !desktop.mobile && !desktop.may_auto_open(App::Alipay),
        "never on desktop"
    );
}

#[test]
fn html_policy_tags() {
    for t in [
        "b", "STRONG", "i", "em", "u", "br", "p", "span", "div", "ul", "ol", "li", "a", "font",
    ] {
        assert_eq!(tag_rule(t), TagRule::Keep, "{t}");
    }
    for t in [
        "script",
        "SCRIPT",
        "style",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "template",
        "form",
        "img",
        "noscript",
        "xmp",
        "svg:script",
    ] {
        assert_eq!(tag_rule(t), TagRule::Drop, "{t}");
    }
    for t in ["h1", "table", "center", "small", "custom-element"] {
        assert_eq!(tag_rule(t), TagRule::Unwrap, "{t}");
    }
}

#[test]
fn html_policy_attributes() {
    let p = UrlPolicy::default();
    let cases = [
        (
            "a",
            "href",
            "https://help.example",
            Some("https://help.example"),
        ),
        ("a", "HREF", "javascript:alert(1)", None),
        ("a", "href", " java\tscript:alert(1)", None),
        ("a", "title", "帮助", Some("帮助")),
        ("a", "onclick", "alert(1)", None),
        ("font", "color", "#e53935", Some("#e53935")),
        ("font", "color", "red", Some("red")),
        ("font", "color", "red;background:url(x)", None),
        ("font", "color", "expression(alert(1))", None),
        ("font", "size", "7", None),
        ("p", "style", "color:red", None),
        ("span", "class", "x", None),
        ("b", "onmouseover", "alert(1)", None),
    ];
    for (tag, attr, value, want) in cases {
        assert_eq!(
            attribute(&p, tag, attr, value).as_deref(),
            want,
            "{tag} {attr}={value}"
        );
    }
    assert!(is_colour("#abc") && is_colour("#aabbccdd") && !is_colour("#ab") && !is_colour(""));
}

#[test]
fn tap_to_hear_is_offered_only_when_a_tap_can_make_the_browser_speak() {
    use paypage::core::present::speech_retry_can_help;
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
