//! Rules: the tip_cover rule; which qrcode field is the payload; app detection; the HTML policy.

use paypage_core::html_policy::{attribute, is_colour, tag_rule, TagRule};
use paypage_core::model::{AccountTip, QrInfo, QrType};
use paypage_core::present::{
    first_paint, looks_like_image, plan_qr, save_file_name, save_offer, tips_to_show, App, Browser,
    InApp, QrPlan, SaveAction,
};
use paypage_core::qr_code::encode;
use paypage_core::url_policy::UrlPolicy;

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
        uri: None,
        content: None,
        actual_amount: None,
        actual_account: None,
        actual_account_type: None,
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

#[test]
fn app_inferred_from_the_payload_when_the_pay_type_says_nothing() {
    let alipay_qr = Some("https://qr.alipay.com/fkx1");
    // (pay_type, QR payload, app link) -> app
    let cases = [
        (Some("alipay"), Some("wxp://x"), None, App::Alipay),
        (None, alipay_qr, None, App::Alipay),
        (Some(""), Some("HTTPS://QR.ALIPAY.COM/x"), None, App::Alipay),
        (
            Some("usdt"),
            None,
            Some("alipays://platformapi/startapp"),
            App::Alipay,
        ),
        (Some("custom"), Some("wxp://f2f0"), None, App::Wechat),
        (
            None,
            Some("weixin://wxpay/bizpayurl?pr=1"),
            None,
            App::Wechat,
        ),
        (
            None,
            Some("https://pay.example/p/1"),
            Some("mqqapi://forward"),
            App::Qq,
        ),
        (None, Some("https://qr.95516.com/x"), None, App::UnionPay),
        (None, Some("https://pay.example/p/1"), None, App::Other),
        (None, None, None, App::Other),
        (Some("usdt"), Some("TXYZ"), None, App::Other),
    ];
    for (pay_type, payload, scheme, app) in cases {
        assert_eq!(
            App::infer(pay_type, payload, scheme),
            app,
            "{pay_type:?} {payload:?} {scheme:?}"
        );
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
    assert_eq!(wechat.in_app, Some(InApp::Pay(App::Wechat)));
    assert!(
        wechat.blocks(App::Alipay),
        "Alipay links do not work inside WeChat"
    );
    assert!(!wechat.blocks(App::Wechat));
    assert!(!wechat.may_auto_open(App::Alipay));
    assert!(wechat.may_auto_open(App::Wechat));
    assert_eq!(
        Browser::from_user_agent(ALIPAY_UA).in_app,
        Some(InApp::Pay(App::Alipay))
    );
    assert!(Browser::from_user_agent(ALIPAY_UA).blocks(App::Wechat));
    assert_eq!(
        Browser::from_user_agent(QQ_UA).in_app,
        Some(InApp::Pay(App::Qq))
    );
    let phone = Browser::from_user_agent(ANDROID_CHROME);
    assert!(phone.mobile && phone.in_app.is_none() && phone.may_auto_open(App::Alipay));
    let desktop = Browser::from_user_agent(DESKTOP);
    assert!(
        !desktop.mobile && !desktop.may_auto_open(App::Alipay),
        "never on desktop"
    );
    // An unknown app inside an in-app browser: no guidance (no guess), but no auto-open either.
    assert!(!wechat.blocks(App::Other));
    assert!(!wechat.may_auto_open(App::Other));
    assert!(phone.may_auto_open(App::Other));
}

const DINGTALK_UA: &str = "Mozilla/5.0 (Linux; Android 12; M2012K11AC) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/97.0 Mobile Safari/537.36 AliApp(DingTalk/7.0.10) com.alibaba.android.rimet/28 Channel/700159 language/zh-CN";
const WEIBO_UA: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 16_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Weibo (iPhone14,2__weibo__12.10.1__iphone__os16.0)";
const DOUYIN_UA: &str = "Mozilla/5.0 (Linux; Android 13; 22081212C) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/99.0 Mobile Safari/537.36 aweme_260100 JsSdk/1.0 NetType/WIFI Channel/huawei_1 AppName/aweme app_version/26.1.0 ByteLocale/zh-CN";
const XHS_UA: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_1 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 xhsdiscover/8.14 (iPhone; iOS 17.1; zh_CN) XiaoHongShu/8.14";

#[test]
fn other_in_app_browsers_block_every_payment_app() {
    for ua in [DINGTALK_UA, WEIBO_UA, DOUYIN_UA, XHS_UA] {
        let b = Browser::from_user_agent(ua);
        assert_eq!(b.in_app, Some(InApp::Other), "{ua}");
        for app in [App::Alipay, App::Wechat, App::Qq, App::UnionPay] {
            assert!(b.blocks(app), "{app:?} in {ua}");
            assert!(!b.may_auto_open(app), "{app:?} in {ua}");
        }
        assert!(!b.may_auto_open(App::Other), "{ua}");
    }
    for ua in [ANDROID_CHROME, DESKTOP] {
        assert_eq!(Browser::from_user_agent(ua).in_app, None, "{ua}");
    }
}

const WECHAT_ANDROID_UA: &str = "Mozilla/5.0 (Linux; Android 13; PGEM10 Build/TP1A.220905.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/107.0.5304.141 Mobile Safari/537.36 XWEB/5023 MMWEBSDK/20230303 MMWEBID/2585 MicroMessenger/8.0.34.2340(0x2800225A) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64";
const ALIPAY_IOS_UA: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 16_6 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 Ariver/1.1.0 AliApp(AP/10.5.26.6000) Nebula WK RVKType(0) AlipayDefined(nt:WIFI,ws:390|780|3.0) AlipayClient/10.5.26.6000 Language/zh-Hans Region/CN";
const QQ_IOS_UA: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 QQ/8.9.85.612 V1_IPH_SQ_8.9.85_1_APP_A Pixel/1179 MiniAppEnable SimpleUISwitch/0 StudyMode/0 CurrentMode/0 CurrentFontScale/1.000000 QQTheme/1000 AppId/537176863 Core/WKWebView Device/Apple(iPhone 15 Pro) NetType/WIFI QBWebViewType/1 WKType/1";
const IOS_SAFARI_UA: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1";
const IPAD_SAFARI_UA: &str = "Mozilla/5.0 (iPad; CPU OS 16_7 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/16.6 Mobile/15E148 Safari/604.1";
const IOS_CHROME_UA: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) CriOS/120.0.6099.119 Mobile/15E148 Safari/604.1";
const ANDROID_SAMSUNG_UA: &str = "Mozilla/5.0 (Linux; Android 13; SM-S911B) AppleWebKit/537.36 (KHTML, like Gecko) SamsungBrowser/23.0 Chrome/115.0.0.0 Mobile Safari/537.36";
const DESKTOP_FIREFOX_UA: &str =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0";
const MAC_SAFARI_UA: &str = "Mozilla/5.0 (Macintosh; Intel Mac OS X 10_15_7) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Safari/605.1.15";

#[test]
fn how_a_customer_saves_the_code_in_each_browser() {
    use SaveAction::{Download, LongPress, Recognize};
    // (user agent, iOS, what the browser offers)
    let table: &[(&str, &str, bool, SaveAction)] = &[
        ("WeChat iOS", WECHAT_UA, true, Recognize),
        ("WeChat Android", WECHAT_ANDROID_UA, false, Recognize),
        ("Alipay Android", ALIPAY_UA, false, LongPress),
        ("Alipay iOS", ALIPAY_IOS_UA, true, LongPress),
        ("QQ Android", QQ_UA, false, LongPress),
        ("QQ iOS", QQ_IOS_UA, true, LongPress),
        ("DingTalk", DINGTALK_UA, false, LongPress),
        ("Weibo", WEIBO_UA, true, LongPress),
        ("Douyin", DOUYIN_UA, false, LongPress),
        ("Xiaohongshu", XHS_UA, true, LongPress),
        ("iOS Safari", IOS_SAFARI_UA, true, LongPress),
        ("iPad Safari", IPAD_SAFARI_UA, true, LongPress),
        ("iOS Chrome", IOS_CHROME_UA, true, LongPress),
        ("Android Chrome", ANDROID_CHROME, false, Download),
        ("Samsung Internet", ANDROID_SAMSUNG_UA, false, Download),
        ("desktop Chrome", DESKTOP, false, Download),
        ("desktop Firefox", DESKTOP_FIREFOX_UA, false, Download),
        ("macOS Safari", MAC_SAFARI_UA, false, Download),
    ];
    for &(name, ua, ios, want) in table {
        let b = Browser::from_user_agent(ua);
        assert_eq!(b.ios, ios, "{name}");
        assert_eq!(b.save_action(), want, "{name}");
    }
}

#[test]
fn what_the_panel_offers_beside_a_picture() {
    let png = "data:image/png;base64,iVBORw0KGgo=";
    let jpeg = " DATA:image/jpeg;base64,/9j/";
    let web = "https://cdn.example/q.png";
    let relative = "/qr/123.png";
    let ua = Browser::from_user_agent;
    // (browser, app, picture source) → what is offered
    let table: &[(&str, &str, App, &str, Option<SaveAction>)] = &[
        (
            "desktop, the page's PNG",
            DESKTOP,
            App::Alipay,
            png,
            Some(SaveAction::Download),
        ),
        (
            "desktop, the server's JPEG",
            DESKTOP,
            App::Alipay,
            jpeg,
            Some(SaveAction::Download),
        ),
        // A web address is never a download link (the browser would leave the page).
        ("desktop, a web picture", DESKTOP, App::Alipay, web, None),
        (
            "desktop, a relative picture",
            DESKTOP,
            App::Alipay,
            relative,
            None,
        ),
        (
            "Android Chrome, PNG",
            ANDROID_CHROME,
            App::Alipay,
            png,
            Some(SaveAction::Download),
        ),
        (
            "Android Chrome, web",
            ANDROID_CHROME,
            App::Alipay,
            web,
            Some(SaveAction::LongPress),
        ),
        (
            "iOS Safari, PNG",
            IOS_SAFARI_UA,
            App::Alipay,
            png,
            Some(SaveAction::LongPress),
        ),
        (
            "iOS Safari, web",
            IOS_SAFARI_UA,
            App::Alipay,
            web,
            Some(SaveAction::LongPress),
        ),
        (
            "WeChat, its own code",
            WECHAT_UA,
            App::Wechat,
            png,
            Some(SaveAction::Recognize),
        ),
        (
            "WeChat, its own picture",
            WECHAT_ANDROID_UA,
            App::Wechat,
            web,
            Some(SaveAction::Recognize),
        ),
        (
            "WeChat, an unknown app",
            WECHAT_UA,
            App::Other,
            png,
            Some(SaveAction::Recognize),
        ),
        // WeChat blocks Alipay: recognising the code there leads nowhere.
        (
            "WeChat, an Alipay code",
            WECHAT_UA,
            App::Alipay,
            png,
            Some(SaveAction::LongPress),
        ),
        (
            "Alipay, its own code",
            ALIPAY_IOS_UA,
            App::Alipay,
            png,
            Some(SaveAction::LongPress),
        ),
        ("QQ", QQ_UA, App::Qq, png, Some(SaveAction::LongPress)),
        (
            "DingTalk",
            DINGTALK_UA,
            App::Alipay,
            png,
            Some(SaveAction::LongPress),
        ),
    ];
    for &(name, agent, app, src, want) in table {
        assert_eq!(save_offer(ua(agent), app, src), want, "{name}");
    }
}

#[test]
fn a_saved_picture_is_named_by_its_type() {
    for (src, want) in [
        ("data:image/png;base64,AAAA", "qrcode.png"),
        ("data:image/jpeg;base64,AAAA", "qrcode.jpg"),
        ("DATA:IMAGE/JPG;base64,AAAA", "qrcode.jpg"),
        ("data:image/gif;base64,AAAA", "qrcode.gif"),
        ("data:image/webp;base64,AAAA", "qrcode.webp"),
        ("data:image/bmp,AAAA", "qrcode.bmp"),
        ("data:image/svg+xml,<svg/>", "qrcode.png"),
        ("https://x.example/q.jpg", "qrcode.png"),
        ("data:ima", "qrcode.png"),
        ("", "qrcode.png"),
        ("data:image/页面", "qrcode.png"),
    ] {
        assert_eq!(save_file_name(src), want, "{src}");
    }
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
    use paypage_core::present::speech_retry_can_help;
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

#[test]
fn the_channels_amount_is_shown_when_it_is_not_the_orders() {
    use paypage_core::present::channel_amount;
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

/// The first paint shows what the app shows: the server's inline picture (and on phones the
/// open-app link), nothing for what the app must encode or navigate itself.
#[test]
#[allow(clippy::type_complexity)] // a table row: the answer's fields, the browser, what is painted
fn the_first_paint_is_the_apps_picture_and_link_or_nothing() {
    let p = UrlPolicy::default();
    let png = "data:image/png;base64,iVBORw0KGgo=";
    let alipay = "https://qr.alipay.com/fkx15742tdtmcruhbwsv45b";
    let scheme = "alipays://platformapi/startapp?saId=10000007&qrcode=x";
    let phone = Browser::from_user_agent(
        "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) Mobile/15E148 Safari/604.1",
    );
    let desktop =
        Browser::from_user_agent("Mozilla/5.0 (X11; Linux x86_64) Chrome/120.0 Safari/537.36");
    let wechat = Browser::from_user_agent("Mozilla/5.0 (iPhone) Mobile MicroMessenger/8.0.40");
    // (type, qrcode, qrcode_data, scheme, pay type, browser) -> (picture, link)
    let cases: Vec<(
        QrType,
        Option<&str>,
        Option<&str>,
        Option<&str>,
        Option<&str>,
        Browser,
        Option<&str>,
        Option<&str>,
    )> = vec![
        (
            QrType::Qrcode,
            Some(alipay),
            Some(png),
            Some(scheme),
            Some("alipay"),
            phone,
            Some(png),
            Some(scheme),
        ),
        (
            QrType::Qrcode,
            Some(alipay),
            Some(png),
            Some(scheme),
            Some("alipay"),
            desktop,
            Some(png),
            None,
        ),
        // Inside WeChat an Alipay link is blocked: no link (the app shows the guidance).
        (
            QrType::Qrcode,
            Some(alipay),
            Some(png),
            Some(scheme),
            Some("alipay"),
            wechat,
            Some(png),
            None,
        ),
        // An unknown pay type: the app is the payload's (Alipay), blocked in WeChat as well.
        (
            QrType::Qrcode,
            Some(alipay),
            Some(png),
            Some(scheme),
            Some("custom"),
            wechat,
            Some(png),
            None,
        ),
        (
            QrType::Qrcode,
            Some(alipay),
            Some(png),
            Some(scheme),
            Some("custom"),
            phone,
            Some(png),
            Some(scheme),
        ),
        // A refused link is not offered; the picture still is.
        (
            QrType::Qrcode,
            Some(alipay),
            Some(png),
            Some("javascript:alert(1)"),
            Some("alipay"),
            phone,
            Some(png),
            None,
        ),
        // No inline picture: the app encodes the payload, the first paint shows nothing.
        (
            QrType::Qrcode,
            Some(alipay),
            None,
            Some(scheme),
            Some("alipay"),
            phone,
            None,
            None,
        ),
        (
            QrType::Qrcode,
            Some(alipay),
            Some("https://cdn.example/q.png"),
            Some(scheme),
            Some("alipay"),
            phone,
            None,
            None,
        ),
        (
            QrType::Qrcode,
            None,
            Some("data:image/svg+xml,<svg onload=alert(1)>"),
            Some(scheme),
            Some("alipay"),
            phone,
            None,
            None,
        ),
        // A jump belongs to the app (the one navigation), even with a picture.
        (
            QrType::Jump,
            Some(alipay),
            Some(png),
            Some(scheme),
            Some("alipay"),
            phone,
            None,
            None,
        ),
    ];
    for (kind, code, data, sch, pay_type, browser, picture, link) in cases {
        let info = qr_info(kind.clone(), code, data, sch);
        let paint = first_paint(&p, &info, pay_type, browser);
        assert_eq!(
            (paint.picture.as_deref(), paint.open_app.as_deref()),
            (picture, link),
            "{kind:?} {code:?} {data:?} {sch:?} {pay_type:?} {browser:?}"
        );
        // The same picture the app shows.
        if let Some(pic) = picture {
            assert_eq!(plan_qr(&p, &info), QrPlan::Image(pic.to_owned()));
        }
    }
}
