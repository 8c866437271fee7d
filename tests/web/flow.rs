//! The page's flow against a fake template API: info first, dead orders, the status page,
//! an amount that cannot be read.

use leptos::prelude::*;
use wasm_bindgen_test::*;

use paypage::app::{Boot, Injected, Root};
use paypage::components::{PageContext, PageKind};
use paypage_core::i18n::Locale;
use paypage_core::order_ref::OrderRef;

use super::support::*;

#[wasm_bindgen_test]
async fn slice_info_first_then_subject_amount_and_qr() {
    let calls = fake_api(PENDING_INFO);
    let el = container();
    let handle = leptos::mount::mount_to(el.clone(), move || view! { <Root boot=boot("S1")/> });
    assert_eq!(text_of(&el, "#pp-subject").await, "会员充值");
    assert!(text_of(&el, "#pp-amount").await.contains("¥10.00"));
    text_of(&el, "#pp-qr-code").await;
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
    assert_eq!(qr.tag_name(), "IMG", "an image a customer can long-press");
    assert_eq!(qr.get_attribute("data-source").as_deref(), Some("page"));
    assert_eq!(
        qr.get_attribute("data-payload").as_deref(),
        Some("https://qr.alipay.com/test")
    );
    assert!(qr.get_attribute("alt").unwrap().contains("支付宝"));
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
    after_status_polls(2).await;
    assert_eq!(
        calls.length(),
        1,
        "nothing after a dead order: {:?}",
        urls(&calls)
    );
    drop(handle);
}

#[wasm_bindgen_test]
async fn dead_order_on_load_calls_nothing_more() {
    let calls = fake_api(r#"{"code":200,"data":{"order_id":"C1","status":3,"trade_amount":500}}"#);
    let el = container();
    let handle = leptos::mount::mount_to(el.clone(), move || view! { <Root boot=boot("C1")/> });
    assert_eq!(text_of(&el, "#pp-final-title").await, "订单已关闭");
    after_status_polls(2).await;
    assert_eq!(calls.length(), 1, "{:?}", urls(&calls));
    drop(handle);
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

fn urls(calls: &js_sys::Array) -> Vec<String> {
    calls.iter().filter_map(|c| c.as_string()).collect()
}

/// How many of the logged calls went to `path`.
fn count_of(calls: &js_sys::Array, path: &str) -> usize {
    urls(calls).iter().filter(|u| u.contains(path)).count()
}

#[wasm_bindgen_test]
async fn the_status_page_never_asks_for_a_qr_code_or_audio() {
    let calls = fake_api(PENDING_INFO);
    let el = container();
    let boot = Boot {
        context: PageContext {
            display_id: "S1".into(),
            kind: PageKind::Status,
            ..context(Locale::ZhCn)
        },
        ..boot("S1")
    };
    let handle = leptos::mount::mount_to(el.clone(), move || view! { <Root boot=boot/> });
    text_of(&el, "#pp-status-pending").await;
    // Its own second status call: the first poll interval has passed since info answered.
    for _ in 0..100 {
        if count_of(&calls, "/api/order/status") >= 2 {
            break;
        }
        sleep(50).await;
    }
    assert!(
        count_of(&calls, "/api/order/status") >= 2,
        "{:?}",
        urls(&calls)
    );
    let all = urls(&calls);
    assert!(
        all.iter().any(|u| u.contains("/api/order/status")),
        "{all:?}"
    );
    assert!(
        !all.iter()
            .any(|u| u.contains("/api/order/qrcode") || u.contains("/api/order/audio")),
        "{all:?}"
    );
    drop(handle);
}

#[wasm_bindgen_test]
async fn i_have_paid_checks_at_once_and_says_what_it_found_then_cools_down() {
    let calls = fake_api(PENDING_INFO);
    let el = container();
    // No poll while the test runs (its status calls would blur the count): the check alone asks.
    let mut boot = boot("S1");
    boot.context.config.poll.visible_ms = 300_000;
    let handle = leptos::mount::mount_to(el.clone(), move || view! { <Root boot=boot/> });
    text_of(&el, "#pp-qr-code").await;
    let status = || count_of(&calls, "/api/order/status");
    for _ in 0..100 {
        if status() >= 1 {
            break;
        }
        sleep(50).await;
    }
    let before = status();
    assert_eq!(before, 1, "the first status call, beside qrcode");
    let button = element(&el, "#pp-check-now");
    assert_eq!(button.text_content().as_deref(), Some("我已支付"));
    button.click();
    let found = wait_for(&el, "#pp-check-result[data-found='not-yet']").await;
    assert!(found.text_content().unwrap().contains("暂未收到付款"));
    let after = status();
    assert_eq!(after, before + 1, "one status call, at once");
    // Rate-limited: the button is disabled, and the page itself refuses a press that gets
    // through anyway (the attribute taken off, as an old WebView may ignore it).
    let button = element(&el, "#pp-check-now");
    assert!(button.has_attribute("disabled"));
    button.remove_attribute("disabled").unwrap();
    button.click();
    // Put back, so the end of the cooldown shows: the page takes it off again (5 s).
    button.set_attribute("disabled", "").unwrap();
    for _ in 0..150 {
        if !element(&el, "#pp-check-now").has_attribute("disabled") {
            break;
        }
        sleep(50).await;
    }
    assert!(
        !element(&el, "#pp-check-now").has_attribute("disabled"),
        "the cooldown ends"
    );
    assert_eq!(status(), after, "no call for a press within the cooldown");
    // After the cooldown a press asks again, at once.
    element(&el, "#pp-check-now").click();
    for _ in 0..40 {
        if status() > after {
            break;
        }
        sleep(50).await;
    }
    assert_eq!(status(), after + 1, "a press after the cooldown asks");
    drop(handle);
}

#[wasm_bindgen_test]
async fn info_that_disagrees_with_the_amount_in_the_page_shows_no_amount_and_no_qr() {
    let calls = fake_api(PENDING_INFO);
    let el = container();
    let boot = Boot {
        injected: Injected {
            amount: Some("9.99".into()),
            ..Injected::default()
        },
        ..boot("S1")
    };
    let handle = leptos::mount::mount_to(el.clone(), move || view! { <Root boot=boot/> });
    let screen = wait_for(&el, "#pp-unavailable[data-reason='unreadable']").await;
    assert!(screen.text_content().unwrap().contains("订单信息有误"));
    assert!(el.query_selector("#pp-amount").unwrap().is_none());
    assert!(el.query_selector("#pp-qr").unwrap().is_none());
    let all = urls(&calls);
    assert!(
        all.iter().all(|u| u.contains("/api/order/info")),
        "only info: {all:?}"
    );
    drop(handle);
}

#[wasm_bindgen_test]
async fn a_closed_order_links_back_to_the_merchant() {
    let _calls = fake_api(
        r#"{"code":200,"data":{"order_id":"C2","status":3,"trade_amount":500,"return_uri":"https://shop.example/back?o=C2"}}"#,
    );
    let el = container();
    let handle = leptos::mount::mount_to(el.clone(), move || view! { <Root boot=boot("C2")/> });
    let link = wait_for(&el, "#pp-merchant-link").await;
    assert_eq!(
        link.get_attribute("href").as_deref(),
        Some("https://shop.example/back?o=C2")
    );
    assert_eq!(link.text_content().as_deref(), Some("返回商户"));
    drop(handle);
}

#[wasm_bindgen_test]
async fn the_channels_amount_and_account_are_shown_with_copy() {
    let _calls = fake_api_with(
        PENDING_INFO,
        Some(
            r#"{"code":200,"data":{"type":"qrcode","qrcode":"TXYZaddr","actual_amount":"1.43","actual_account":"TXYZaddr","actual_account_type":"USDT-TRC20"}}"#,
        ),
    );
    let el = container();
    let handle = leptos::mount::mount_to(el.clone(), move || view! { <Root boot=boot("S1")/> });
    assert_eq!(text_of(&el, "#pp-channel-amount-value").await, "1.43");
    assert!(text_of(&el, "#pp-channel-amount")
        .await
        .contains("实际需支付"));
    element(&el, "#pp-copy-channel-amount");
    assert!(text_of(&el, "#pp-account").await.contains("USDT-TRC20"));
    drop(handle);
}

#[wasm_bindgen_test]
async fn the_app_is_inferred_from_the_payload_when_the_pay_type_is_unknown() {
    let _calls = fake_api_with(
        r#"{"code":200,"data":{"order_id":"W1","subject":"s","status":1,"trade_amount":100,"pay_type":"custom","expire_time":4102444800}}"#,
        Some(r#"{"code":200,"data":{"type":"qrcode","qrcode":"wxp://f2f0abc"}}"#),
    );
    let el = container();
    let handle = leptos::mount::mount_to(el.clone(), move || view! { <Root boot=boot("W1")/> });
    text_of(&el, "#pp-qr-code").await;
    assert_eq!(
        element(&el, "#pp-pending")
            .get_attribute("data-app")
            .as_deref(),
        Some("wechat")
    );
    assert!(text_of(&el, "#pp-scan-hint").await.contains("微信"));
    drop(handle);
}

/// iOS before 12.1 and old WebViews have no `AbortController`: the page works all the same (its
/// timeouts stop waiting instead of aborting), and a call that never answers times out.
#[wasm_bindgen_test]
async fn without_abort_controller_the_flow_works_and_a_hung_call_times_out() {
    use wasm_bindgen::JsCast;
    /// Puts the deleted globals back, also when an assertion fails (later tests need them).
    struct Restore(Vec<(&'static str, wasm_bindgen::JsValue)>);
    impl Drop for Restore {
        fn drop(&mut self) {
            let window = web_sys::window().unwrap();
            for (name, value) in self.0.drain(..) {
                let _ = js_sys::Reflect::set(&window, &name.into(), &value);
            }
        }
    }
    let window = web_sys::window().unwrap();
    let global = window.unchecked_ref::<js_sys::Object>();
    let _restore = Restore(
        ["AbortController", "AbortSignal"]
            .iter()
            .map(|name| {
                let value = js_sys::Reflect::get(&window, &(*name).into()).unwrap();
                js_sys::Reflect::delete_property(global, &(*name).into()).unwrap();
                (*name, value)
            })
            .collect(),
    );
    assert!(web_sys::AbortController::new().is_err(), "deleted");
    let calls = fake_api(PENDING_INFO);
    let el = container();
    let handle = leptos::mount::mount_to(el.clone(), move || view! { <Root boot=boot("S1")/> });
    assert_eq!(text_of(&el, "#pp-subject").await, "会员充值");
    text_of(&el, "#pp-qr-code").await;
    let all: Vec<String> = calls.iter().filter_map(|c| c.as_string()).collect();
    assert!(
        all.iter().any(|u| u.contains("/api/order/status")),
        "{all:?}"
    );
    drop(handle);
    // A call that never answers: the request's timeout ends it (a Timeout, not a hang).
    let client = paypage::api::ApiClient {
        base: String::new(),
        timeout_ms: 300,
    };
    let hang = js_sys::Function::new_no_args("return new Promise(() => {});");
    js_sys::Reflect::set(&window, &"fetch".into(), &hang).unwrap();
    let started = js_sys::Date::now();
    let fetched = client
        .call(
            paypage::api::Endpoint::Info,
            &OrderRef::OrderId("S1".into()),
            None,
        )
        .await;
    let answer = fetched.decode(paypage_core::model::parse_info);
    let error = answer.reply.result.unwrap_err();
    assert_eq!(*error.kind(), paypage_core::ErrorKind::Timeout, "{error:?}");
    assert!(js_sys::Date::now() - started >= 290.0);
}
