//! The page's flow against a fake template API: info first, dead orders, the status page,
//! an amount that cannot be read.

use leptos::prelude::*;
use wasm_bindgen_test::*;

use paypage::app::{Boot, Injected, Root};
use paypage::components::{PageContext, PageKind};
use paypage::core::i18n::Locale;
use paypage::core::order_ref::OrderRef;

use super::support::*;

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
