//! Components in their states, each mounted alone with the page context.

use leptos::prelude::*;
use wasm_bindgen_test::*;

use paypage::components::{
    provide_page, AmountBlock, CountdownView, FinalScreen, MerchantTips, PageContext, PaidScreen,
    QrPanel,
};
use paypage_core::i18n::{Key, Locale};
use paypage_core::machine::QrState;
use paypage_core::model::{AccountTip, OrderInfo, QrType};
use paypage_core::present::{App, Browser, QrPlan};
use paypage_core::qr_code::encode;

use super::support::*;

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
        provide_page(context(Locale::ZhCn));
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
        provide_page(context(Locale::En));
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
        provide_page(context(Locale::ZhCn));
        view! { <CountdownView remaining=remaining/> }
    });
    assert_eq!(text_of(&el, "#pp-countdown-time").await, "1:02:05");
    assert_eq!(el.query_selector("#pp-expiring-soon").unwrap(), None);
    set_remaining.set(Some(59));
    until(
        || element(&el, "#pp-countdown-time").text_content().as_deref() == Some("00:59"),
        "the countdown at 00:59",
        5_000,
    )
    .await;
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

#[wasm_bindgen_test]
async fn qr_panel_in_each_state() {
    let el = container();
    let (qr, set_qr) = signal(Some(QrState::Loading));
    let handle = leptos::mount::mount_to(el.clone(), move || {
        provide_page(PageContext {
            browser: Browser {
                mobile: true,
                in_app: None,
                ios: false,
            },
            ..context(Locale::ZhCn)
        });
        let dispatch = idle_dispatch();
        view! { <QrPanel qr=Memo::new(move |_| qr.get()) app=Memo::new(|_| App::Alipay) amount_text="¥10.00".to_owned() dispatch=dispatch/> }
    });
    assert!(text_of(&el, "#pp-qr-loading")
        .await
        .contains("正在生成二维码"));
    set_qr.set(Some(QrState::Ready {
        info: qr_info(QrType::Qrcode),
        plan: QrPlan::Encode(encode("https://qr.alipay.com/x").unwrap()),
    }));
    text_of(&el, "#pp-qr-code").await;
    let code = el.query_selector("#pp-qr-code").unwrap().unwrap();
    assert_eq!(code.tag_name(), "IMG");
    assert_eq!(
        code.get_attribute("alt").as_deref(),
        Some("支付宝付款二维码,金额 ¥10.00")
    );
    assert_eq!(code.get_attribute("data-source").as_deref(), Some("page"));
    let open = el.query_selector("#pp-open-app").unwrap().unwrap();
    assert_eq!(
        open.get_attribute("href").as_deref(),
        Some("alipays://platformapi/startapp?saId=10000007")
    );
    // Android's own browser downloads a data URL: the "save" link, no hint.
    assert!(text_of(&el, "#pp-save-qr").await.contains("保存二维码"));
    assert_eq!(el.query_selector("#pp-long-press").unwrap(), None);
    set_qr.set(Some(QrState::Ready {
        info: qr_info(QrType::Qrcode),
        plan: QrPlan::Image("data:image/png;base64,iVBORw0KGgo=".into()),
    }));
    text_of(&el, "#pp-qr-code[data-source='server']").await;
    assert_eq!(
        element(&el, "#pp-qr-code").get_attribute("src").as_deref(),
        Some("data:image/png;base64,iVBORw0KGgo=")
    );
    assert_eq!(
        element(&el, "#pp-open-app")
            .get_attribute("href")
            .as_deref(),
        Some("alipays://platformapi/startapp?saId=10000007"),
        "the app link beside the server's picture too"
    );
    set_qr.set(Some(QrState::Ready {
        info: qr_info(QrType::Jump),
        plan: QrPlan::JumpRefused,
    }));
    assert!(text_of(&el, "#pp-jump-refused")
        .await
        .contains("已阻止跳转"));
    assert!(el.query_selector("#pp-jump-link").unwrap().is_none());
    // A jump the hop limit stopped: not "unsafe", and offered as a link to tap.
    set_qr.set(Some(QrState::Ready {
        info: qr_info(QrType::Jump),
        plan: QrPlan::JumpBlocked("https://pay.example/gateway".into()),
    }));
    assert!(text_of(&el, "#pp-jump-refused[data-reason='blocked']")
        .await
        .contains("已多次跳转"));
    assert_eq!(
        element(&el, "#pp-jump-link")
            .get_attribute("href")
            .as_deref(),
        Some("https://pay.example/gateway")
    );
    // An app link opened by a jump: the page stays and offers the link again.
    set_qr.set(Some(QrState::Ready {
        info: qr_info(QrType::Jump),
        plan: QrPlan::OpenApp("alipays://platformapi/startapp?saId=1".into()),
    }));
    assert!(text_of(&el, "#pp-jump-app")
        .await
        .contains("请在支付宝中完成付款"));
    let again = el.query_selector("#pp-open-app").unwrap().unwrap();
    assert_eq!(
        again.get_attribute("href").as_deref(),
        Some("alipays://platformapi/startapp?saId=1")
    );
    // Nothing that can be shown: said so, never an empty box labelled as a QR code.
    set_qr.set(Some(QrState::Ready {
        info: qr_info(QrType::Qrcode),
        plan: QrPlan::Nothing,
    }));
    assert!(text_of(&el, "#pp-qr-missing")
        .await
        .contains("暂时无法显示二维码"));
    assert!(el.query_selector("#pp-qr-code").unwrap().is_none());
    set_qr.set(Some(QrState::Failed(paypage_core::Error::new(
        paypage_core::ErrorKind::Timeout,
        "t",
    ))));
    assert!(text_of(&el, "#pp-qr-failed")
        .await
        .contains("二维码加载失败"));
    assert_eq!(text_of(&el, "#pp-qr-retry").await, "重试");
    // No retry by itself: none after a ticking order's poll.
    after_status_polls(1).await;
    assert_no_calls();
    drop(handle);
}

#[wasm_bindgen_test]
async fn paid_screen_states() {
    let el = container();
    let (to, set_to) = signal(Some("/back".to_owned()));
    let (refused, set_refused) = signal(false);
    let (left, set_left) = signal(Some(3_i64));
    let handle = leptos::mount::mount_to(el.clone(), move || {
        provide_page(context(Locale::ZhCn));
        let dispatch = idle_dispatch();
        view! { <PaidScreen return_to=to refused=refused left=left amount=Some("¥10.00".to_owned()) dispatch=dispatch/> }
    });
    assert_eq!(text_of(&el, "#pp-paid-title").await, "支付成功");
    assert_eq!(text_of(&el, "#pp-return-in").await, "3 秒后返回商户");
    set_left.set(Some(2));
    until(
        || element(&el, "#pp-return-in").text_content().as_deref() == Some("2 秒后返回商户"),
        "the return in 2 s",
        5_000,
    )
    .await;
    assert_eq!(text_of(&el, "#pp-return-now").await, "立即返回商户");
    set_to.set(None);
    set_refused.set(true);
    assert!(text_of(&el, "#pp-return-refused").await.contains("不安全"));
    assert_eq!(el.query_selector("#pp-return-now").unwrap(), None);
    set_refused.set(false);
    assert!(text_of(&el, "#pp-no-return").await.contains("关闭此页面"));
    // No call by itself: none after a ticking order's poll.
    after_status_polls(1).await;
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
    until(
        || el.query_selector("#pp-guidance").unwrap().is_none(),
        "the guidance closed",
        5_000,
    )
    .await;
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
        let info = Memo::new(move |_| {
            Some(paypage_core::model::AudioInfo {
                enabled: true,
                url: Some(url.into()),
                content: None,
            })
        });
        let audio = paypage::hooks::use_audio(info, Memo::new(|_| true));
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
    until(
        || mute.get_attribute("aria-pressed").as_deref() == Some("true"),
        "the mute pressed",
        5_000,
    )
    .await;
    next_task().await;
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
    until(
        || {
            element(&el, "#pp-audio")
                .get_attribute("data-state")
                .as_deref()
                == Some("done")
        },
        "the file played",
        5_000,
    )
    .await;
    assert_eq!(pauses(), 0.0);
    element(&el, "#pp-audio-mute").click();
    until(
        || pauses() >= 1.0,
        "muting to pause the playing file",
        5_000,
    )
    .await;
    drop(handle);
    let restore = js_sys::Function::new_no_args(
        "const p = HTMLMediaElement.prototype; p.play = window.__realPlay; p.pause = window.__realPause;",
    );
    restore.call0(&wasm_bindgen::JsValue::NULL).unwrap();
    forget_mute();
}
