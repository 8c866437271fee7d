//! Browser tests (wasm-bindgen-test in headless Chromium): components in their states, the
//! sanitizer on hostile HTML, the thin slice of the flow against a fake API, and cleanup.
//! Run: `wasm-pack test --headless --chrome`.
#![cfg(target_arch = "wasm32")]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use std::time::Duration;

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use paypage::app::{Boot, Injected, Root};
use paypage::components::{AmountBlock, CountdownView, FinalScreen, PageContext, PageKind};
use paypage::core::config::PageConfig;
use paypage::core::i18n::{Key, Locale, Texts};
use paypage::core::model::OrderInfo;
use paypage::core::order_ref::OrderRef;
use paypage::core::present::Browser;
use paypage::core::url_policy::UrlPolicy;
use paypage::dom::sanitize::sanitize_to_string;

wasm_bindgen_test_configure!(run_in_browser);

fn document() -> web_sys::Document {
    web_sys::window().unwrap().document().unwrap()
}

fn container() -> web_sys::HtmlElement {
    let div = document().create_element("div").unwrap();
    document().body().unwrap().append_child(&div).unwrap();
    div.unchecked_into()
}

fn context(locale: Locale) -> PageContext {
    PageContext {
        texts: Texts::new(locale),
        config: PageConfig::default(),
        browser: Browser {
            mobile: false,
            in_app: None,
        },
        kind: PageKind::Pay,
        display_id: "P1".into(),
    }
}

/// Mounts a view with the page context into a fresh container.
fn mount_with<V: IntoView + 'static>(
    ctx: PageContext,
    view: impl FnOnce() -> V + 'static,
) -> (web_sys::HtmlElement, leptos::mount::UnmountHandle<V::State>) {
    let el = container();
    let handle = leptos::mount::mount_to(el.clone(), move || {
        provide_context(ctx);
        view()
    });
    (el, handle)
}

/// The element `selector` finds in `root` (it must exist).
fn element(root: &web_sys::Element, selector: &str) -> web_sys::HtmlElement {
    root.query_selector(selector)
        .unwrap()
        .unwrap()
        .unchecked_into()
}

async fn sleep(ms: u64) {
    gloo_timers::future::sleep(Duration::from_millis(ms)).await;
}

/// Waits until `selector` exists in `root` (up to 5 s) and returns its text.
async fn text_of(root: &web_sys::Element, selector: &str) -> String {
    for _ in 0..100 {
        if let Some(el) = root.query_selector(selector).unwrap() {
            return el.text_content().unwrap_or_default();
        }
        sleep(50).await;
    }
    panic!("{selector} never appeared in {}", root.inner_html());
}

// ---- sanitizer -------------------------------------------------------------------------------

#[wasm_bindgen_test]
fn sanitizer_keeps_simple_formatting() {
    let p = UrlPolicy::default();
    assert_eq!(
        sanitize_to_string(&p, "<b>请</b>及时<i>支付</i><br>"),
        "<b>请</b>及时<i>支付</i><br>"
    );
    assert_eq!(
        sanitize_to_string(
            &p,
            r##"<p>账号:<font color="#e53935" size="7">张**</font></p>"##
        ),
        r##"<p>账号:<font color="#e53935">张**</font></p>"##
    );
    assert_eq!(
        sanitize_to_string(
            &p,
            r#"<a href="https://help.example/x" onclick="x()">帮助</a>"#
        ),
        r#"<a href="https://help.example/x" rel="noopener noreferrer nofollow" target="_blank">帮助</a>"#
    );
    assert_eq!(
        sanitize_to_string(&p, "<h1>标题</h1><table><tr><td>格</td></tr></table>"),
        "标题格"
    );
}

#[wasm_bindgen_test]
fn sanitizer_drops_everything_that_can_run_code() {
    let p = UrlPolicy::default();
    let hostile = [
        "<script>window.__pwned=1</script>",
        "<img src=x onerror=window.__pwned=1>",
        "<svg onload=window.__pwned=1><script>window.__pwned=1</script></svg>",
        "<math><mtext><table><mglyph><style><img src=x onerror=window.__pwned=1>",
        "<a href=\"javascript:window.__pwned=1\">x</a>",
        "<a href=\" JaVaScRiPt&#58;window.__pwned=1\">x</a>",
        "<a href=\"data:text/html,<script>window.__pwned=1</script>\">x</a>",
        "<iframe src=\"javascript:window.__pwned=1\"></iframe>",
        "<form action=javascript:window.__pwned=1><button>go</button></form>",
        "<p style=\"background:url(javascript:window.__pwned=1)\" onmouseover=window.__pwned=1>t</p>",
        "<noscript><p title=\"</noscript><img src=x onerror=window.__pwned=1>\">",
        "<template><img src=x onerror=window.__pwned=1></template>",
        "<object data=\"javascript:window.__pwned=1\"></object><embed src=x>",
        "<style>body{display:none}</style><link rel=stylesheet href=//evil>",
        "<div><div><div><b onclick=x>deep</b></div></div></div>",
        "<!-- <script>window.__pwned=1</script> -->",
        "<font color=\"red;background:url(x)\">c</font>",
    ];
    for h in hostile {
        let out = sanitize_to_string(&p, h).to_ascii_lowercase();
        for bad in [
            "<script",
            "onerror",
            "onload",
            "onclick",
            "onmouseover",
            "javascript",
            "<img",
            "<svg",
            "<iframe",
            "<form",
            "<style",
            "style=",
            "<object",
            "<embed",
            "<link",
            "<math",
            "data:",
            "background",
        ] {
            assert!(!out.contains(bad), "{h:?} -> {out:?} contains {bad}");
        }
    }
    assert!(
        js_sys::Reflect::get(&web_sys::window().unwrap(), &"__pwned".into())
            .unwrap()
            .is_undefined()
    );
}

// ---- components ------------------------------------------------------------------------------

#[wasm_bindgen_test]
async fn amount_block_shows_trade_amount_and_pay_exactly_notice() {
    let el = container();
    let order = OrderInfo {
        order_id: Some("A1".into()),
        subject: Some("<b>个人收款</b>".into()),
        amount: Some(1000),
        trade_amount: Some(1001),
        pay_type_text: Some("微信支付".into()),
        ..Default::default()
    };
    let handle = leptos::mount::mount_to(el.clone(), move || {
        provide_context(context(Locale::ZhCn));
        view! { <AmountBlock order=order/> }
    });
    assert!(text_of(&el, "#pp-amount").await.contains("¥10.01"));
    let exact = text_of(&el, "#pp-exact").await;
    assert!(
        exact.contains("¥10.01") && exact.contains("¥10.00"),
        "{exact}"
    );
    assert_eq!(
        text_of(&el, "#pp-subject").await,
        "<b>个人收款</b>",
        "API strings render as text"
    );
    assert_eq!(el.query_selector("#pp-subject b").unwrap(), None);
    assert_eq!(text_of(&el, "#pp-order-id").await, "A1");
    let copy = el.query_selector("#pp-copy-amount").unwrap().unwrap();
    assert_eq!(
        copy.get_attribute("aria-label").as_deref(),
        Some("复制金额")
    );
    drop(handle);
}

#[wasm_bindgen_test]
async fn no_pay_exactly_notice_when_amounts_match() {
    let el = container();
    let order = OrderInfo {
        amount: Some(1000),
        trade_amount: Some(1000),
        ..Default::default()
    };
    let handle = leptos::mount::mount_to(el.clone(), move || {
        provide_context(context(Locale::En));
        view! { <AmountBlock order=order/> }
    });
    assert!(text_of(&el, "#pp-amount-label")
        .await
        .contains("Amount to pay"));
    assert_eq!(el.query_selector("#pp-exact").unwrap(), None);
    drop(handle);
}

#[wasm_bindgen_test]
async fn countdown_formats_and_turns_expiring_soon() {
    let el = container();
    let (remaining, set_remaining) = signal(Some(3_725_i64));
    let handle = leptos::mount::mount_to(el.clone(), move || {
        provide_context(context(Locale::ZhCn));
        view! { <CountdownView remaining=remaining/> }
    });
    assert_eq!(text_of(&el, "#pp-countdown-time").await, "1:02:05");
    assert_eq!(el.query_selector("#pp-expiring-soon").unwrap(), None);
    set_remaining.set(Some(59));
    sleep(20).await;
    assert_eq!(text_of(&el, "#pp-countdown-time").await, "00:59");
    assert!(text_of(&el, "#pp-expiring-soon").await.contains("即将过期"));
    let cd = el.query_selector("#pp-countdown").unwrap().unwrap();
    assert!(cd.class_list().contains("pp-soon"));
    drop(handle);
}

#[wasm_bindgen_test]
async fn final_screens_in_each_language() {
    for (locale, want) in [
        (Locale::ZhCn, "订单已关闭"),
        (Locale::ZhTw, "訂單已關閉"),
        (Locale::En, "Order closed"),
    ] {
        let (el, handle) = mount_with(context(locale), move || {
            view! { <FinalScreen phase="closed" title=Key::closed_title body=Key::closed_body/> }
        });
        assert_eq!(text_of(&el, "#pp-final-title").await, want);
        assert_eq!(text_of(&el, "#pp-final-order-id").await, "P1");
        drop(handle);
    }
}

// ---- the flow against a fake API ---------------------------------------------------------------

/// Replaces `window.fetch` with a fake template API; returns the log of called URLs (a JS array).
fn fake_api(info: &str) -> js_sys::Array {
    let calls = js_sys::Array::new();
    let window = web_sys::window().unwrap();
    js_sys::Reflect::set(&window, &"__calls".into(), &calls).unwrap();
    js_sys::Reflect::set(&window, &"__info".into(), &info.into()).unwrap();
    let f = js_sys::Function::new_with_args(
        "url, init",
        r#"
        const u = typeof url === 'string' ? url : url.url;
        window.__calls.push(u);
        let body;
        if (u.includes('/api/order/info')) body = window.__info;
        else if (u.includes('/api/order/qrcode')) body = JSON.stringify({code: 200, data: {type: 'qrcode', qrcode: 'https://qr.alipay.com/test', scheme: 'alipays://platformapi/startapp?saId=10000007'}});
        else if (u.includes('/api/order/status')) body = JSON.stringify({code: 200, data: {status: 1, expire_time: Math.floor(Date.now() / 1000) + 300}});
        else body = JSON.stringify({code: 200, data: {audio_enable: 0}});
        return new Promise((resolve, reject) => {
            const signal = (init && init.signal) || (typeof url === 'string' ? null : url.signal);
            if (signal && signal.aborted) return reject(new DOMException('aborted', 'AbortError'));
            resolve(new Response(body, {status: 200, headers: {'content-type': 'application/json'}}));
        });
        "#,
    );
    js_sys::Reflect::set(&window, &"fetch".into(), &f).unwrap();
    calls
}

fn boot(id: &str) -> Boot {
    Boot {
        context: PageContext {
            display_id: id.into(),
            ..context(Locale::ZhCn)
        },
        order: Some(OrderRef::OrderId(id.into())),
        injected: Injected::default(),
    }
}

const PENDING_INFO: &str = r#"{"code":200,"message":"success","data":{"order_id":"S1","subject":"会员充值","status":1,"amount":1000,"trade_amount":1000,"pay_type":"alipay","expire_time":4102444800}}"#;

#[wasm_bindgen_test]
async fn slice_info_first_then_subject_amount_and_qr() {
    let calls = fake_api(PENDING_INFO);
    let el = container();
    let handle = leptos::mount::mount_to(el.clone(), move || view! { <Root boot=boot("S1")/> });
    assert_eq!(text_of(&el, "#pp-subject").await, "会员充值");
    assert!(text_of(&el, "#pp-amount").await.contains("¥10.00"));
    text_of(&el, "#pp-qr-code svg").await;
    let first = calls.get(0).as_string().unwrap();
    assert!(
        first.contains("/api/order/info?_time="),
        "info first: {first}"
    );
    let all: Vec<String> = calls.iter().filter_map(|c| c.as_string()).collect();
    assert!(all.iter().all(|u| u.contains("?_time=")), "{all:?}");
    assert!(all.iter().any(|u| u.contains("/api/order/qrcode")));
    assert!(all.iter().any(|u| u.contains("/api/order/status")));
    let qr = el.query_selector("#pp-qr-code").unwrap().unwrap();
    assert_eq!(qr.get_attribute("role").as_deref(), Some("img"));
    assert!(qr.get_attribute("aria-label").unwrap().contains("支付宝"));
    drop(handle);
}

#[wasm_bindgen_test]
async fn slice_error_envelope_shows_the_server_message_and_calls_nothing_else() {
    let calls = fake_api(r#"{"code":404,"message":"订单不存在或已删除"}"#);
    let el = container();
    let handle = leptos::mount::mount_to(el.clone(), move || view! { <Root boot=boot("NF1")/> });
    assert!(text_of(&el, "#pp-server-message")
        .await
        .contains("订单不存在或已删除"));
    assert_eq!(text_of(&el, "#pp-final-title").await, "订单不存在");
    sleep(300).await;
    assert_eq!(calls.length(), 1, "nothing after a dead order");
    drop(handle);
}

#[wasm_bindgen_test]
async fn dead_order_on_load_calls_nothing_more() {
    let calls = fake_api(r#"{"code":200,"data":{"order_id":"C1","status":3,"trade_amount":500}}"#);
    let el = container();
    let handle = leptos::mount::mount_to(el.clone(), move || view! { <Root boot=boot("C1")/> });
    assert_eq!(text_of(&el, "#pp-final-title").await, "订单已关闭");
    sleep(500).await;
    assert_eq!(calls.length(), 1);
    drop(handle);
}

#[wasm_bindgen_test]
async fn an_unmounted_page_leaves_no_timer_firing() {
    let calls = fake_api(PENDING_INFO);
    let el = container();
    let handle = leptos::mount::mount_to(el.clone(), move || view! { <Root boot=boot("U1")/> });
    text_of(&el, "#pp-qr-code svg").await;
    sleep(100).await;
    drop(handle);
    let after_unmount = calls.length();
    // The poll interval is 2 s and the countdown ticks every second: wait past both.
    sleep(4_500).await;
    assert_eq!(
        calls.length(),
        after_unmount,
        "a request was made after unmount"
    );
    assert_eq!(el.inner_html(), "", "unmount removed the view");
}

// ---- more components in their states ----------------------------------------------------------

use paypage::components::{MerchantTips, PaidScreen, QrPanel};
use paypage::core::machine::QrState;
use paypage::core::model::{AccountTip, QrInfo, QrType};
use paypage::core::present::{App, QrPlan};

fn qr_info(kind: QrType) -> QrInfo {
    QrInfo {
        kind,
        qrcode_data: None,
        qrcode: Some("https://qr.alipay.com/x".into()),
        scheme: Some("alipays://platformapi/startapp?saId=10000007".into()),
        uri: None,
        content: None,
        actual_amount: None,
        actual_account: None,
        actual_account_type: None,
    }
}

/// A dispatch for components that need one: a machine nobody starts (no fetch happens; the
/// component tests that use it check `no_calls`).
fn idle_dispatch() -> paypage::hooks::Dispatch {
    fake_api(r#"{"code":500,"message":"unused"}"#);
    paypage::hooks::use_order(paypage::hooks::UseOrderOptions {
        order: OrderRef::OrderId("X".into()),
        client: paypage::api::ApiClient {
            base: String::new(),
            timeout_ms: 1000,
        },
        machine: Default::default(),
        clock: Default::default(),
        start: false,
    })
    .dispatch
}

/// The fake API's log is empty: nothing was fetched.
fn assert_no_calls() {
    let calls = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__calls".into()).unwrap();
    let calls: js_sys::Array = calls.unchecked_into();
    assert_eq!(
        calls.length(),
        0,
        "requests were made: {:?}",
        calls.to_vec()
    );
}

#[wasm_bindgen_test]
async fn qr_panel_in_each_state() {
    let el = container();
    let (qr, set_qr) = signal(Some(QrState::Loading));
    let handle = leptos::mount::mount_to(el.clone(), move || {
        provide_context(PageContext {
            browser: Browser {
                mobile: true,
                in_app: None,
            },
            ..context(Locale::ZhCn)
        });
        let dispatch = idle_dispatch();
        view! { <QrPanel qr=qr app=App::Alipay amount_text="¥10.00".to_owned() dispatch=dispatch/> }
    });
    assert!(text_of(&el, "#pp-qr-loading")
        .await
        .contains("正在生成二维码"));
    set_qr.set(Some(QrState::Ready {
        info: qr_info(QrType::Qrcode),
        plan: QrPlan::Encode("https://qr.alipay.com/x".into()),
    }));
    text_of(&el, "#pp-qr-code svg").await;
    let code = el.query_selector("#pp-qr-code").unwrap().unwrap();
    assert_eq!(
        code.get_attribute("aria-label").as_deref(),
        Some("支付宝付款二维码,金额 ¥10.00")
    );
    let open = el.query_selector("#pp-open-app").unwrap().unwrap();
    assert_eq!(
        open.get_attribute("href").as_deref(),
        Some("alipays://platformapi/startapp?saId=10000007")
    );
    assert!(text_of(&el, "#pp-save-qr").await.contains("保存二维码"));
    assert!(text_of(&el, "#pp-long-press").await.contains("长按"));
    set_qr.set(Some(QrState::Ready {
        info: qr_info(QrType::Qrcode),
        plan: QrPlan::Image("data:image/png;base64,iVBORw0KGgo=".into()),
    }));
    text_of(&el, "#pp-qr-image").await;
    set_qr.set(Some(QrState::Ready {
        info: qr_info(QrType::Jump),
        plan: QrPlan::JumpRefused,
    }));
    assert!(text_of(&el, "#pp-jump-refused")
        .await
        .contains("已阻止跳转"));
    set_qr.set(Some(QrState::Failed(paypage::core::Error::new(
        paypage::core::ErrorKind::Timeout,
        "t",
    ))));
    assert!(text_of(&el, "#pp-qr-failed")
        .await
        .contains("二维码加载失败"));
    assert_eq!(text_of(&el, "#pp-qr-retry").await, "重试");
    sleep(50).await;
    assert_no_calls();
    drop(handle);
}

#[wasm_bindgen_test]
async fn open_app_is_hidden_on_desktop_and_where_the_browser_blocks_the_app() {
    for browser in [
        Browser {
            mobile: false,
            in_app: None,
        },
        Browser {
            mobile: true,
            in_app: Some(App::Wechat),
        },
    ] {
        let el = container();
        let handle = leptos::mount::mount_to(el.clone(), move || {
            provide_context(PageContext {
                browser,
                ..context(Locale::ZhCn)
            });
            let dispatch = idle_dispatch();
            let qr = Signal::derive(|| {
                Some(QrState::Ready {
                    info: qr_info(QrType::Qrcode),
                    plan: QrPlan::Encode("p".into()),
                })
            });
            view! { <QrPanel qr=qr app=App::Alipay amount_text="¥1.00".to_owned() dispatch=dispatch/> }
        });
        text_of(&el, "#pp-qr-code svg").await;
        assert_eq!(
            el.query_selector("#pp-open-app").unwrap(),
            None,
            "{browser:?}"
        );
        sleep(50).await;
        assert_no_calls();
        drop(handle);
    }
}

#[wasm_bindgen_test]
async fn paid_screen_states() {
    let el = container();
    let (to, set_to) = signal(Some("/back".to_owned()));
    let (refused, set_refused) = signal(false);
    let (left, set_left) = signal(Some(3_i64));
    let handle = leptos::mount::mount_to(el.clone(), move || {
        provide_context(context(Locale::ZhCn));
        let dispatch = idle_dispatch();
        view! { <PaidScreen return_to=to refused=refused left=left amount=Some("¥10.00".to_owned()) dispatch=dispatch/> }
    });
    assert_eq!(text_of(&el, "#pp-paid-title").await, "支付成功");
    assert_eq!(text_of(&el, "#pp-return-in").await, "3 秒后返回商户");
    set_left.set(Some(2));
    sleep(20).await;
    assert_eq!(text_of(&el, "#pp-return-in").await, "2 秒后返回商户");
    assert_eq!(text_of(&el, "#pp-return-now").await, "立即返回商户");
    set_to.set(None);
    set_refused.set(true);
    assert!(text_of(&el, "#pp-return-refused").await.contains("不安全"));
    assert_eq!(el.query_selector("#pp-return-now").unwrap(), None);
    set_refused.set(false);
    assert!(text_of(&el, "#pp-no-return").await.contains("关闭此页面"));
    sleep(50).await;
    assert_no_calls();
    drop(handle);
}

#[wasm_bindgen_test]
async fn merchant_tips_follow_tip_cover_and_are_sanitized() {
    let (el, handle) = mount_with(context(Locale::ZhCn), move || {
        view! {
            <MerchantTips
                pay_tip=Some("<b>请及时支付</b><script>window.__pwned=1</script>".to_owned())
                account=AccountTip { tip: Some("<p onclick=\"x()\">账号:<font color=\"red\">张**</font></p>".into()), tip_cover: 2 }/>
        }
    });
    text_of(&el, "#pp-tips .pp-tip").await;
    let tips = el.query_selector("#pp-tips").unwrap().unwrap().inner_html();
    assert_eq!(
        tips,
        r#"<div class="pp-tip" data-tip-index="0"><p>账号:<font color="red">张**</font></p></div><div class="pp-tip" data-tip-index="1"><b>请及时支付</b></div>"#
    );
    drop(handle);
}

/// Replaces the browser's clipboard paths: the async API resolves or rejects, and the
/// `execCommand("copy")` fallback answers `fallback`.
fn stub_clipboard(async_ok: bool, fallback: bool) {
    let f = js_sys::Function::new_with_args(
        "asyncOk, fallback",
        "Object.defineProperty(Navigator.prototype, 'clipboard', { configurable: true, get: () => ({
             writeText: (t) => { window.__copied = t; return asyncOk ? Promise.resolve() : Promise.reject(new DOMException('denied', 'NotAllowedError')); },
         }) });
         document.execCommand = () => fallback;",
    );
    f.call2(
        &wasm_bindgen::JsValue::NULL,
        &async_ok.into(),
        &fallback.into(),
    )
    .unwrap();
}

async fn copy_outcome(async_ok: bool, fallback: bool) -> (String, String) {
    stub_clipboard(async_ok, fallback);
    let (el, handle) = mount_with(context(Locale::ZhCn), move || {
        provide_context(paypage::hooks::use_clipboard());
        view! { <paypage::components::CopyButton id="pp-copy-test" what="amount" value="10.00" label="复制金额"/> }
    });
    let button = element(&el, "#pp-copy-test");
    assert_eq!(button.get_attribute("data-state").as_deref(), Some("idle"));
    button.click();
    for _ in 0..50 {
        if button.get_attribute("data-state").as_deref() != Some("idle") {
            break;
        }
        sleep(20).await;
    }
    let outcome = (
        button.get_attribute("data-state").unwrap(),
        button.text_content().unwrap(),
    );
    drop(handle);
    outcome
}

#[wasm_bindgen_test]
async fn copy_button_gives_visible_feedback() {
    // Permission granted: copied through the async clipboard, with the exact text.
    assert_eq!(
        copy_outcome(true, false).await,
        ("copied".to_owned(), "已复制".to_owned())
    );
    let copied = js_sys::Reflect::get(&web_sys::window().unwrap(), &"__copied".into()).unwrap();
    assert_eq!(copied.as_string().as_deref(), Some("10.00"));
    // Permission refused, the fallback works: still copied.
    assert_eq!(
        copy_outcome(false, true).await,
        ("copied".to_owned(), "已复制".to_owned())
    );
    // Both refused: the button says so.
    assert_eq!(
        copy_outcome(false, false).await,
        ("failed".to_owned(), "复制失败,请手动复制".to_owned())
    );
}

#[wasm_bindgen_test]
async fn guidance_overlay_names_the_app_and_closes() {
    let (el, handle) = mount_with(context(Locale::ZhCn), move || {
        view! { <paypage::components::Guidance app=App::Alipay/> }
    });
    let dialog = el.query_selector("#pp-guidance").unwrap().unwrap();
    assert_eq!(dialog.get_attribute("role").as_deref(), Some("dialog"));
    assert_eq!(dialog.get_attribute("aria-modal").as_deref(), Some("true"));
    assert!(dialog.text_content().unwrap().contains("无法打开支付宝"));
    let close = element(&el, "#pp-guidance-close");
    close.click();
    sleep(20).await;
    assert_eq!(el.query_selector("#pp-guidance").unwrap(), None);
    drop(handle);
}

/// Mounts the audio controls for an audio file at `url`, ready to play.
fn mount_audio(
    url: &'static str,
) -> (
    web_sys::HtmlElement,
    leptos::mount::UnmountHandle<impl Mountable>,
) {
    mount_with(context(Locale::ZhCn), move || {
        let info = Signal::derive(move || {
            Some(paypage::core::model::AudioInfo {
                enabled: true,
                url: Some(url.into()),
                content: None,
            })
        });
        let audio = paypage::hooks::use_audio(
            info,
            Signal::derive(|| true),
            paypage::core::config::AudioPolicy::On,
            UrlPolicy::default(),
            None,
        );
        view! { <paypage::components::AudioControls audio=audio/> }
    })
}

/// Clears the remembered mute choice (tests start and end unmuted).
fn forget_mute() {
    let _ = web_sys::window()
        .unwrap()
        .local_storage()
        .unwrap()
        .unwrap()
        .remove_item("paypage.muted");
}

#[wasm_bindgen_test]
async fn audio_controls_offer_tap_to_hear_when_play_is_refused_and_toggle_mute() {
    forget_mute();
    let (el, handle) = mount_audio("/no-such-audio.wav");
    // The file does not exist, so play() is refused: the page offers "tap to hear".
    assert_eq!(text_of(&el, "#pp-audio-tap").await, "点击收听语音提示");
    let mute = element(&el, "#pp-audio-mute");
    assert_eq!(mute.get_attribute("aria-pressed").as_deref(), Some("false"));
    mute.click();
    sleep(20).await;
    assert_eq!(mute.get_attribute("aria-pressed").as_deref(), Some("true"));
    assert_eq!(mute.text_content().as_deref(), Some("开启语音"));
    assert_eq!(
        el.query_selector("#pp-audio-tap").unwrap(),
        None,
        "muted: no tap-to-hear"
    );
    drop(handle);
    forget_mute();
}

#[wasm_bindgen_test]
async fn mute_stops_an_audio_file_that_is_playing() {
    forget_mute();
    // Media elements that "play" at once and count their pauses (no real sound in a test).
    let stub = js_sys::Function::new_no_args(
        "const p = HTMLMediaElement.prototype;
         window.__realPlay = window.__realPlay || p.play;
         window.__realPause = window.__realPause || p.pause;
         window.__pauses = 0;
         p.play = function () { return Promise.resolve(); };
         p.pause = function () { window.__pauses += 1; };",
    );
    stub.call0(&wasm_bindgen::JsValue::NULL).unwrap();
    let (el, handle) = mount_audio("/voice.wav");
    let pauses = || {
        js_sys::Reflect::get(&web_sys::window().unwrap(), &"__pauses".into())
            .unwrap()
            .as_f64()
            .unwrap()
    };
    text_of(&el, "#pp-audio-mute").await;
    sleep(50).await;
    assert_eq!(
        element(&el, "#pp-audio")
            .get_attribute("data-state")
            .as_deref(),
        Some("done"),
        "the file was played"
    );
    assert_eq!(pauses(), 0.0);
    element(&el, "#pp-audio-mute").click();
    sleep(20).await;
    assert!(pauses() >= 1.0, "muting paused the playing file");
    drop(handle);
    let restore = js_sys::Function::new_no_args(
        "const p = HTMLMediaElement.prototype; p.play = window.__realPlay; p.pause = window.__realPause;",
    );
    restore.call0(&wasm_bindgen::JsValue::NULL).unwrap();
    forget_mute();
}

#[wasm_bindgen_test]
async fn the_status_page_links_back_by_the_order_id_never_the_out_order_id() {
    let _calls = fake_api(
        r#"{"code":200,"data":{"order_id":"P 9/x","out_order_id":"M-77","subject":"s","status":1,"amount":100,"trade_amount":100,"pay_type":"alipay","expire_time":4102444800}}"#,
    );
    let el = container();
    let boot = Boot {
        context: PageContext {
            display_id: "M-77".into(),
            kind: PageKind::Status,
            ..context(Locale::ZhCn)
        },
        order: Some(OrderRef::OutOrder {
            out_order_id: "M-77".into(),
            pid: 3,
        }),
        injected: Injected::default(),
    };
    let handle = leptos::mount::mount_to(el.clone(), move || view! { <Root boot=boot/> });
    text_of(&el, "#pp-back-to-pay").await;
    assert_eq!(
        element(&el, "#pp-back-to-pay")
            .get_attribute("href")
            .as_deref(),
        Some("/pay/P%209%2Fx")
    );
    drop(handle);
}

#[wasm_bindgen_test]
async fn an_amount_that_could_be_fen_or_yuan_shows_no_amount_and_no_qr() {
    // The review's case: "10.00" in a fen field, no trade_amount, expiry "soon". Guessing showed
    // "¥0.10" and a live QR for what may be a ¥10.00 order.
    let calls = fake_api(
        r#"{"code":200,"data":{"order_id":"U1","subject":"s","status":1,"amount":"10.00","trade_amount":null,"expire_time":"soon","pay_type":"alipay"}}"#,
    );
    let el = container();
    let handle = leptos::mount::mount_to(el.clone(), move || view! { <Root boot=boot("U1")/> });
    assert_eq!(
        text_of(&el, "#pp-final-title").await,
        "订单信息有误,暂不能支付"
    );
    let screen = element(&el, "#pp-unavailable");
    assert_eq!(
        screen.get_attribute("data-reason").as_deref(),
        Some("unreadable")
    );
    assert!(
        el.query_selector("#pp-retrying").unwrap().is_some(),
        "it retries by itself"
    );
    assert!(el.query_selector("#pp-amount").unwrap().is_none());
    assert!(el.query_selector("#pp-qr-code").unwrap().is_none());
    assert!(!el.inner_html().contains("0.10"));
    let all: Vec<String> = calls.iter().filter_map(|c| c.as_string()).collect();
    assert!(
        all.iter().all(|u| u.contains("/api/order/info")),
        "only info: {all:?}"
    );
    drop(handle);
}

#[wasm_bindgen_test]
async fn calls_taken_over_from_boot_js_are_aborted_on_cleanup() {
    let _calls = fake_api(PENDING_INFO);
    // boot.js's info call, still on its way when the page goes away.
    let setup = js_sys::Function::new_no_args(
        "const abort = new AbortController();
         window.__bootAbort = abort;
         window.__paypagePrefetch = { info: { body: '{\"order_id\":\"K1\"}', promise: new Promise(() => {}), abort } };",
    );
    setup.call0(&wasm_bindgen::JsValue::NULL).unwrap();
    let el = container();
    let handle = leptos::mount::mount_to(el.clone(), move || view! { <Root boot=boot("K1")/> });
    sleep(50).await;
    let aborted = || {
        let abort =
            js_sys::Reflect::get(&web_sys::window().unwrap(), &"__bootAbort".into()).unwrap();
        abort
            .unchecked_into::<web_sys::AbortController>()
            .signal()
            .aborted()
    };
    assert!(!aborted(), "still wanted while the page is open");
    drop(handle);
    assert!(aborted(), "aborted when the page went away");
    let window: js_sys::Object = web_sys::window().unwrap().unchecked_into();
    js_sys::Reflect::delete_property(&window, &"__paypagePrefetch".into()).unwrap();
}
