//! The QR panel's code is one `<img>` a customer can long-press, in every browser: the page's PNG
//! (decoded by the browser into the encoder's modules, sharp at the screen's pixel ratio) or the
//! server's picture as it is; beside it the "open app" link and the browser's way to save it
//! (a download link where the browser downloads a data URL, else the long-press hint).

use leptos::prelude::*;
use wasm_bindgen_test::*;

use paypage::components::{provide_page, PageContext, QrPanel};
use paypage_core::i18n::Locale;
use paypage_core::machine::QrState;
use paypage_core::model::{QrInfo, QrType};
use paypage_core::present::{App, Browser, QrPlan};
use paypage_core::qr_code::{encode, Encoded};
use paypage_core::qr_png::{BOX_CSS_PX, QUIET};

use super::support::*;

const WECHAT_IOS: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_0 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Mobile/15E148 MicroMessenger/8.0.43(0x18002b2c) NetType/WIFI Language/zh_CN";
const WECHAT_ANDROID: &str = "Mozilla/5.0 (Linux; Android 13; PGEM10 Build/TP1A.220905.001; wv) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/107.0.5304.141 Mobile Safari/537.36 XWEB/5023 MMWEBSDK/20230303 MicroMessenger/8.0.34.2340(0x2800225A) WeChat/arm64 Weixin NetType/WIFI Language/zh_CN ABI/arm64";
const ALIPAY_ANDROID: &str = "Mozilla/5.0 (Linux; Android 13; V2183A) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/101.0 Mobile Safari/537.36 AlipayClient/10.5.30.8000";
const QQ_ANDROID: &str = "Mozilla/5.0 (Linux; Android 12) AppleWebKit/537.36 (KHTML, like Gecko) Version/4.0 Chrome/98 MQQBrowser/6.2 TBS/046 Mobile Safari/537.36 V1_AND_SQ_8.9.0_3700_YYB_D QQ/8.9.0.9735 NetType/WIFI";
const DINGTALK: &str = "Mozilla/5.0 (Linux; Android 12; M2012K11AC) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/97.0 Mobile Safari/537.36 AliApp(DingTalk/7.0.10) com.alibaba.android.rimet/28 Channel/700159 language/zh-CN";
const IOS_SAFARI: &str = "Mozilla/5.0 (iPhone; CPU iPhone OS 17_2 like Mac OS X) AppleWebKit/605.1.15 (KHTML, like Gecko) Version/17.2 Mobile/15E148 Safari/604.1";
const ANDROID_CHROME: &str = "Mozilla/5.0 (Linux; Android 14; Pixel 8) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Mobile Safari/537.36";
const DESKTOP_CHROME: &str = "Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36";
const DESKTOP_FIREFOX: &str =
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64; rv:121.0) Gecko/20100101 Firefox/121.0";

/// A server's inline picture (the 1×1 PNG of `fixtures/qrcode/real.json`).
const SERVER_PNG: &str = "data:image/png;base64,iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg==";

const ALIPAY_PAYLOAD: &str = "https://qr.alipay.com/fkx15742tdtmcruhbwsv45b";
const ALIPAY_SCHEME: &str = "alipays://platformapi/startapp?saId=10000007";
const WECHAT_PAYLOAD: &str = "wxp://f2f0dd2nT0ExampleWechatPayload";
const WECHAT_SCHEME: &str = "weixin://dl/business/?t=example";

#[derive(Clone, Copy, Debug, PartialEq)]
enum Source {
    Page,
    Server,
}

/// What should show beside the code.
#[derive(Clone, Copy, Debug, PartialEq)]
enum Save {
    /// The "save" link downloading the picture.
    Button,
    /// The long-press hint: save, then scan.
    Hint,
    /// The long-press hint: recognise (WeChat).
    Recognize,
}

fn answer(app: App) -> (QrInfo, &'static str) {
    let (payload, scheme) = match app {
        App::Wechat => (WECHAT_PAYLOAD, WECHAT_SCHEME),
        _ => (ALIPAY_PAYLOAD, ALIPAY_SCHEME),
    };
    let info = QrInfo {
        qrcode: Some(payload.into()),
        scheme: Some(scheme.into()),
        ..qr_info(QrType::Qrcode)
    };
    (info, scheme)
}

/// Mounts the panel, in `ua`'s browser, showing a code of `app` from `source`.
fn mount_panel(
    ua: &str,
    app: App,
    source: Source,
) -> (
    web_sys::HtmlElement,
    leptos::mount::UnmountHandle<impl Mountable>,
    QrInfo,
) {
    let (info, _) = answer(app);
    let plan = match source {
        Source::Page => QrPlan::Encode(encode(info.qrcode.as_deref().unwrap()).unwrap()),
        Source::Server => QrPlan::Image(SERVER_PNG.into()),
    };
    let browser = Browser::from_user_agent(ua);
    let state = QrState::Ready {
        info: info.clone(),
        plan,
    };
    let el = container();
    let handle = leptos::mount::mount_to(el.clone(), move || {
        provide_page(PageContext {
            browser,
            ..context(Locale::ZhCn)
        });
        let dispatch = idle_dispatch();
        let qr = Memo::new(move |_| Some(state.clone()));
        view! { <QrPanel qr=qr app=Memo::new(move |_| app) amount_text="¥10.00".to_owned() dispatch=dispatch/> }
    });
    (el, handle, info)
}

#[wasm_bindgen_test]
async fn the_code_is_one_image_with_the_link_and_the_browser_s_way_to_save_it() {
    use Save::*;
    use Source::*;
    // (browser, user agent, app, source, what is offered, the "open app" link shows)
    let table: &[(&str, &str, App, Source, Save, bool)] = &[
        (
            "desktop Chrome",
            DESKTOP_CHROME,
            App::Alipay,
            Page,
            Button,
            false,
        ),
        (
            "desktop Firefox",
            DESKTOP_FIREFOX,
            App::Alipay,
            Server,
            Button,
            false,
        ),
        (
            "Android Chrome",
            ANDROID_CHROME,
            App::Alipay,
            Page,
            Button,
            true,
        ),
        (
            "Android Chrome",
            ANDROID_CHROME,
            App::Wechat,
            Server,
            Button,
            true,
        ),
        ("iOS Safari", IOS_SAFARI, App::Alipay, Page, Hint, true),
        ("iOS Safari", IOS_SAFARI, App::Alipay, Server, Hint, true),
        ("WeChat iOS", WECHAT_IOS, App::Wechat, Page, Recognize, true),
        (
            "WeChat Android",
            WECHAT_ANDROID,
            App::Wechat,
            Server,
            Recognize,
            true,
        ),
        // WeChat blocks Alipay: no link, and the hint is to save the picture.
        ("WeChat iOS", WECHAT_IOS, App::Alipay, Page, Hint, false),
        (
            "Alipay Android",
            ALIPAY_ANDROID,
            App::Alipay,
            Page,
            Hint,
            true,
        ),
        ("QQ Android", QQ_ANDROID, App::Alipay, Server, Hint, false),
        ("DingTalk", DINGTALK, App::Alipay, Page, Hint, false),
    ];
    for &(name, ua, app, source, save, link) in table {
        let row = format!("{name}, {app:?}, {source:?}");
        let (el, handle, info) = mount_panel(ua, app, source);
        let img = wait_for(&el, "#pp-qr-code").await;
        assert_eq!(img.tag_name(), "IMG", "{row}");
        assert_eq!(
            el.query_selector_all("#pp-qr img, #pp-qr svg, #pp-qr canvas")
                .unwrap()
                .length(),
            1,
            "{row}: one picture"
        );
        assert!(img.class_list().contains("pp-qr-box"), "{row}");
        assert!(img.class_list().contains("pp-qr-image"), "{row}");
        let app_name = if app == App::Wechat {
            "微信"
        } else {
            "支付宝"
        };
        assert_eq!(
            img.get_attribute("alt").unwrap(),
            format!("{app_name}付款二维码,金额 ¥10.00"),
            "{row}"
        );
        let src = img.get_attribute("src").unwrap();
        match source {
            Page => {
                assert_eq!(
                    img.get_attribute("data-source").as_deref(),
                    Some("page"),
                    "{row}"
                );
                assert_eq!(img.get_attribute("data-payload"), info.qrcode, "{row}");
                assert!(src.starts_with("data:image/png;base64,"), "{row}");
            }
            Server => {
                assert_eq!(
                    img.get_attribute("data-source").as_deref(),
                    Some("server"),
                    "{row}"
                );
                assert_eq!(img.get_attribute("data-payload"), None, "{row}");
                assert_eq!(src, SERVER_PNG, "{row}");
            }
        }
        let button = el.query_selector("#pp-save-qr").unwrap();
        let hint = el.query_selector("#pp-long-press").unwrap();
        match save {
            Button => {
                let button = button.unwrap_or_else(|| panic!("{row}: no save link"));
                assert_eq!(button.get_attribute("href"), Some(src.clone()), "{row}");
                assert_eq!(
                    button.get_attribute("download").as_deref(),
                    Some("qrcode.png"),
                    "{row}"
                );
                assert_eq!(button.text_content().unwrap(), "保存二维码", "{row}");
                assert!(hint.is_none(), "{row}");
            }
            Hint | Recognize => {
                assert!(button.is_none(), "{row}: no save button");
                let hint = hint.unwrap_or_else(|| panic!("{row}: no hint"));
                let text = hint.text_content().unwrap();
                if save == Recognize {
                    assert!(text.contains("识别图中二维码"), "{row}: {text}");
                } else {
                    assert!(
                        text.contains("长按二维码保存") && text.contains(app_name),
                        "{row}: {text}"
                    );
                }
            }
        }
        let open = el.query_selector("#pp-open-app").unwrap();
        if link {
            let open = open.unwrap_or_else(|| panic!("{row}: no open-app link"));
            assert_eq!(open.get_attribute("href"), info.scheme, "{row}");
        } else {
            assert!(open.is_none(), "{row}: an open-app link");
        }
        drop(handle);
        el.remove();
    }
    // No call by itself: none after a ticking order's poll.
    after_status_polls(1).await;
    assert_no_calls();
}

/// Waits until the image is decoded; its natural width.
async fn loaded(img: &web_sys::HtmlElement) -> u32 {
    for _ in 0..100 {
        let complete = js_sys::Reflect::get(img, &"complete".into()).unwrap();
        let width = js_sys::Reflect::get(img, &"naturalWidth".into())
            .unwrap()
            .as_f64()
            .unwrap_or(0.0);
        if complete.is_truthy() && width > 0.0 {
            return width as u32;
        }
        sleep(50).await;
    }
    panic!("the picture never loaded");
}

/// The picture as the browser decoded it, one character per module ('#' dark, '.' light), read
/// at each module's centre through a canvas.
fn modules_seen(img: &web_sys::HtmlElement, side_modules: u32) -> String {
    let read = js_sys::Function::new_with_args(
        "img, modules",
        r#"
        const n = img.naturalWidth;
        const c = document.createElement('canvas');
        c.width = n; c.height = img.naturalHeight;
        const ctx = c.getContext('2d');
        ctx.drawImage(img, 0, 0);
        const d = ctx.getImageData(0, 0, n, c.height).data;
        const cell = n / modules;
        let out = '';
        for (let y = 0; y < modules; y++) {
            for (let x = 0; x < modules; x++) {
                const px = Math.floor((x + 0.5) * cell), py = Math.floor((y + 0.5) * cell);
                const i = (py * n + px) * 4;
                out += d[i] < 128 && d[i + 1] < 128 && d[i + 2] < 128 ? '#' : '.';
            }
        }
        return out;
        "#,
    );
    read.call2(&wasm_bindgen::JsValue::NULL, img, &side_modules.into())
        .unwrap()
        .as_string()
        .unwrap()
}

fn modules_expected(code: &Encoded) -> String {
    let side = code.width + 2 * QUIET;
    let mut out = String::new();
    for y in 0..side {
        for x in 0..side {
            let inside = (QUIET..QUIET + code.width).contains(&x)
                && (QUIET..QUIET + code.width).contains(&y);
            let dark = inside && code.dark[(y - QUIET) * code.width + x - QUIET];
            out.push(if dark { '#' } else { '.' });
        }
    }
    out
}

#[wasm_bindgen_test]
async fn the_page_s_picture_is_the_encoder_s_modules_with_the_quiet_zone_sharp_at_the_pixel_ratio()
{
    let (el, handle, info) = mount_panel(ANDROID_CHROME, App::Alipay, Source::Page);
    let img = wait_for(&el, "#pp-qr-code").await;
    let natural = loaded(&img).await;
    let code = encode(info.qrcode.as_deref().unwrap()).unwrap();
    let side = (code.width + 2 * QUIET) as u32;
    assert_eq!(natural % side, 0, "{natural} px: whole pixels a module");
    let ratio = web_sys::window().unwrap().device_pixel_ratio().max(1.0);
    assert!(
        f64::from(natural) >= f64::from(BOX_CSS_PX) * ratio,
        "{natural} px for {BOX_CSS_PX} CSS px at ratio {ratio}"
    );
    assert_eq!(modules_seen(&img, side), modules_expected(&code));
    // The box on screen: the stylesheet is not loaded in these tests, so the CSS size is the
    // e2e tests' to check; the element's own attributes say how it scales.
    assert_eq!(img.get_attribute("data-source").as_deref(), Some("page"));
    drop(handle);
}

#[wasm_bindgen_test]
async fn the_code_changes_from_the_server_s_picture_to_the_page_s_and_back() {
    let (qr, set_qr) = signal(None::<QrState>);
    let (el, handle) = mount_with(
        PageContext {
            browser: Browser::from_user_agent(IOS_SAFARI),
            ..context(Locale::ZhCn)
        },
        move || {
            let dispatch = idle_dispatch();
            view! { <QrPanel qr=Memo::new(move |_| qr.get()) app=Memo::new(|_| App::Alipay) amount_text="¥10.00".to_owned() dispatch=dispatch/> }
        },
    );
    let (info, _) = answer(App::Alipay);
    set_qr.set(Some(QrState::Ready {
        info: info.clone(),
        plan: QrPlan::Image(SERVER_PNG.into()),
    }));
    wait_for(&el, "#pp-qr-code[data-source='server']").await;
    set_qr.set(Some(QrState::Ready {
        info,
        plan: QrPlan::Encode(encode(ALIPAY_PAYLOAD).unwrap()),
    }));
    let img = wait_for(&el, "#pp-qr-code[data-source='page']").await;
    assert_eq!(
        img.get_attribute("data-payload").as_deref(),
        Some(ALIPAY_PAYLOAD)
    );
    assert_eq!(el.query_selector_all("#pp-qr-code").unwrap().length(), 1);
    assert_eq!(el.query_selector_all("#pp-long-press").unwrap().length(), 1);
    drop(handle);
}
