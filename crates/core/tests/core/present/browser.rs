//! Rules: the app of a pay type or payload; what each browser blocks, opens by itself and offers
//! to keep the code.

use paypage_core::present::{save_file_name, save_offer, App, Browser, InApp, SaveAction};

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
