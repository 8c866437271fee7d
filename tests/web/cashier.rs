//! The separate page (the cashier flow): the choice component in its states, and the page's flow
//! against a fake API (types, a refused choice, a double press, the types failing, a dead order).
//! A choice the server accepts leaves the page (the e2e tests follow it).

use leptos::prelude::*;
use wasm_bindgen::JsCast;
use wasm_bindgen_test::*;

use paypage::app::Root;
use paypage::components::{ChooseScreen, PageContext, PageKind};
use paypage_core::error::{Error, ErrorKind};
use paypage_core::i18n::Locale;
use paypage_core::machine::TypesState;
use paypage_core::model::{OrderInfo, PayType};

use super::support::*;

fn order() -> OrderInfo {
    OrderInfo {
        order_id: Some("S1".into()),
        subject: Some("会员充值".into()),
        amount: Some(1000),
        trade_amount: Some(1000),
        ..Default::default()
    }
}

fn ty(value: &str, label: Option<&str>, logo: Option<&str>) -> PayType {
    PayType {
        value: value.into(),
        label: label.map(Into::into),
        logo: logo.map(Into::into),
    }
}

struct Props {
    types: RwSignal<Option<TypesState>>,
    preselected: RwSignal<Option<String>>,
    choosing: RwSignal<Option<String>>,
    refused: RwSignal<Option<Error>>,
}

/// Mounts the choice alone; the box holds the mount (dropping it unmounts).
fn mount_choice(
    types: Option<TypesState>,
) -> (web_sys::HtmlElement, Props, Box<dyn std::any::Any>) {
    let props = Props {
        types: RwSignal::new(types),
        preselected: RwSignal::new(None),
        choosing: RwSignal::new(None),
        refused: RwSignal::new(None),
    };
    let (t, p, c, r) = (
        props.types,
        props.preselected,
        props.choosing,
        props.refused,
    );
    let dispatch = idle_dispatch();
    let (el, handle) = mount_with(context(Locale::ZhCn), move || {
        view! {
            <ChooseScreen order=order() remaining=RwSignal::new(Some(300_i64)).read_only()
                types=Memo::new(move |_| t.get()) preselected=Memo::new(move |_| p.get())
                choosing=Memo::new(move |_| c.get()) refused=Memo::new(move |_| r.get())
                dispatch=dispatch/>
        }
    });
    (el, props, Box::new(handle))
}

fn radios(el: &web_sys::Element) -> Vec<web_sys::HtmlInputElement> {
    let list = el.query_selector_all("input[name=pay_type]").unwrap();
    (0..list.length())
        .map(|i| list.item(i).unwrap().unchecked_into())
        .collect()
}

#[wasm_bindgen_test]
async fn the_choice_is_a_radio_group_with_logos_and_labels_as_text() {
    let types = vec![
        ty("alipay", Some("支付宝"), Some("/logo/alipay.svg")),
        ty(
            "wxpay",
            Some("<b>微信支付</b>"),
            Some("javascript:alert(1)"),
        ),
        ty("qqpay", None, None),
    ];
    let (el, props, _handle) = mount_choice(Some(TypesState::Ready(types)));
    props.preselected.set(Some("wxpay".into()));
    let fieldset = wait_for(&el, "#pp-pay-types").await;
    until(
        || radios(&el).get(1).is_some_and(|i| i.checked()),
        "the preselected type checked",
        5_000,
    )
    .await;
    assert_eq!(fieldset.tag_name(), "FIELDSET");
    assert_eq!(text_of(&el, "#pp-pay-types legend").await, "选择支付方式");
    assert!(el.query_selector("form#pp-choose-form").unwrap().is_some());
    let inputs = radios(&el);
    let values: Vec<String> = inputs.iter().map(|i| i.value()).collect();
    assert_eq!(values, ["alipay", "wxpay", "qqpay"]);
    assert!(inputs.iter().all(|i| i.type_() == "radio"));
    let checked: Vec<String> = inputs
        .iter()
        .filter(|i| i.checked())
        .map(|i| i.value())
        .collect();
    assert_eq!(checked, ["wxpay"], "the preselected type");
    // Labels are text, the value stands in for a missing label.
    assert_eq!(
        text_of(&el, "#pp-type-1 .pp-type-label").await,
        "<b>微信支付</b>"
    );
    assert!(el.query_selector("#pp-type-1 b").unwrap().is_none());
    assert_eq!(text_of(&el, "#pp-type-2 .pp-type-label").await, "qqpay");
    // Logos only through the URL policy, with an empty alt (the label names the type).
    let logos = el.query_selector_all("img.pp-type-logo").unwrap();
    assert_eq!(logos.length(), 1, "the javascript: logo is not shown");
    let logo: web_sys::Element = logos.item(0).unwrap().unchecked_into();
    assert_eq!(logo.get_attribute("alt").as_deref(), Some(""));
    assert!(el.query_selector("#pp-type-0 img").unwrap().is_some());
    // The button is the form's submit button.
    let button = element(&el, "#pp-choose");
    assert_eq!(button.get_attribute("type").as_deref(), Some("submit"));
    assert_eq!(button.text_content().unwrap_or_default(), "确认并支付");
}

#[wasm_bindgen_test]
async fn the_first_type_is_checked_when_nothing_is_preselected_and_a_pick_sticks() {
    let types = vec![
        ty("alipay", Some("支付宝"), None),
        ty("wxpay", Some("微信"), None),
    ];
    let (el, props, _handle) = mount_choice(Some(TypesState::Ready(types.clone())));
    props.preselected.set(Some("alipay".into()));
    wait_for(&el, "#pp-pay-types").await;
    until(
        || radios(&el).first().is_some_and(|i| i.checked()),
        "the first type checked",
        5_000,
    )
    .await;
    let inputs = radios(&el);
    inputs[1].click();
    next_task().await;
    assert!(inputs[1].checked() && !inputs[0].checked());
    // A refusal re-renders nothing of the group: the pick stays.
    props.refused.set(Some(Error::new(
        ErrorKind::Api {
            code: 400,
            message: "x".into(),
        },
        "t",
    )));
    // The refusal shown (the positive event), and a task later the pick is still the customer's.
    wait_for(&el, "#pp-chose-error").await;
    next_task().await;
    assert!(radios(&el)[1].checked(), "the customer's pick stays");
}

#[wasm_bindgen_test]
async fn a_logo_that_fails_to_load_is_hidden() {
    let types = vec![ty("alipay", Some("支付宝"), Some("/__no_such_logo__.png"))];
    let (el, _props, _handle) = mount_choice(Some(TypesState::Ready(types)));
    let img = wait_for(&el, "img.pp-type-logo").await;
    for _ in 0..100 {
        if img.hidden() {
            break;
        }
        sleep(20).await;
    }
    assert!(img.hidden(), "a broken logo is hidden");
    assert_eq!(text_of(&el, ".pp-type-label").await, "支付宝");
}

#[wasm_bindgen_test]
async fn busy_while_the_choice_is_sent_and_the_refusal_in_an_alert() {
    let types = vec![ty("alipay", Some("支付宝"), None)];
    let (el, props, _handle) = mount_choice(Some(TypesState::Ready(types)));
    props.preselected.set(Some("alipay".into()));
    let form = wait_for(&el, "#pp-choose-form").await;
    assert_eq!(form.get_attribute("aria-busy").as_deref(), Some("false"));
    props.choosing.set(Some("alipay".into()));
    until(
        || form.get_attribute("aria-busy").as_deref() == Some("true"),
        "the form busy",
        5_000,
    )
    .await;
    let button: web_sys::HtmlButtonElement = element(&el, "#pp-choose").unchecked_into();
    assert!(button.disabled(), "no second submit while busy");
    assert_eq!(button.text_content().unwrap_or_default(), "正在提交…");
    props.choosing.set(None);
    props.refused.set(Some(Error::new(
        ErrorKind::Api {
            code: 400,
            message: "<i>通道维护</i>".into(),
        },
        "envelope code",
    )));
    let alert = wait_for(&el, "#pp-chose-error").await;
    assert_eq!(alert.get_attribute("role").as_deref(), Some("alert"));
    assert!(alert.text_content().unwrap().contains("<i>通道维护</i>"));
    assert!(el.query_selector("#pp-chose-error i").unwrap().is_none());
    assert!(!button.disabled(), "the choice is open again");
    // Without a server message: the page's own words.
    props
        .refused
        .set(Some(Error::new(ErrorKind::Network, "offline")));
    until(
        || {
            el.query_selector("#pp-chose-error")
                .unwrap()
                .and_then(|a| a.text_content())
                .is_some_and(|t| t.contains("未能选择"))
        },
        "the page's own words in the alert",
        5_000,
    )
    .await;
}

#[wasm_bindgen_test]
async fn loading_failed_and_empty_types_are_screens() {
    let (el, props, _handle) = mount_choice(Some(TypesState::Loading));
    wait_for(&el, "#pp-types-loading").await;
    assert!(el.query_selector("#pp-choose").unwrap().is_none());
    props.types.set(Some(TypesState::Failed(Error::new(
        ErrorKind::Api {
            code: 502,
            message: "上游错误".into(),
        },
        "envelope code",
    ))));
    let error = wait_for(&el, "#pp-types-error").await;
    assert_eq!(error.get_attribute("role").as_deref(), Some("alert"));
    assert!(error.text_content().unwrap().contains("支付方式加载失败"));
    assert!(error.text_content().unwrap().contains("上游错误"));
    wait_for(&el, "#pp-types-retry").await;
    props.types.set(Some(TypesState::Ready(vec![])));
    let empty = wait_for(&el, "#pp-types-empty").await;
    assert!(empty.text_content().unwrap().contains("联系商家"));
    assert!(el.query_selector("#pp-choose").unwrap().is_none());
    assert!(el.query_selector("#pp-types-error").unwrap().is_none());
}

/// A fake API for the separate page: info, then `/api/pay/types` (the answers in `types`, one per
/// call, the last repeated), `/api/order/chose-type` answered after `chose_ms` with `chose`. The log
/// holds `<url> <body>` of each call.
fn fake_cashier_api(info: &str, types: &[&str], chose: &str, chose_ms: u32) -> js_sys::Array {
    let calls = js_sys::Array::new();
    let window = web_sys::window().unwrap();
    js_sys::Reflect::set(&window, &"__calls".into(), &calls).unwrap();
    js_sys::Reflect::set(&window, &"__info".into(), &info.into()).unwrap();
    let list = js_sys::Array::new();
    for t in types {
        list.push(&(*t).into());
    }
    js_sys::Reflect::set(&window, &"__types".into(), &list).unwrap();
    js_sys::Reflect::set(&window, &"__chose".into(), &chose.into()).unwrap();
    js_sys::Reflect::set(&window, &"__choseMs".into(), &chose_ms.into()).unwrap();
    let f = js_sys::Function::new_with_args(
        "url, init",
        r#"
        const u = typeof url === 'string' ? url : url.url;
        const entry = window.__calls.length;
        window.__calls.push(u + ' ');
        // The body: in `init`, or inside the Request the client built.
        const sent = typeof url === 'string' ? Promise.resolve((init && init.body) || '') : url.clone().text();
        sent.then((b) => { window.__calls[entry] = u + ' ' + b; });
        let body, delay = 0;
        if (u.includes('/api/order/info')) body = window.__info;
        else if (u.includes('/api/pay/types')) body = window.__types.length > 1 ? window.__types.shift() : window.__types[0];
        else if (u.includes('/api/order/chose-type')) { body = window.__chose; delay = window.__choseMs; }
        else body = JSON.stringify({code: 500, message: 'not on this page'});
        return new Promise((resolve) => setTimeout(() => resolve(new Response(body, {status: 200, headers: {'content-type': 'application/json'}})), delay));
        "#,
    );
    js_sys::Reflect::set(&window, &"fetch".into(), &f).unwrap();
    calls
}

const NO_TYPE_INFO: &str = r#"{"code":200,"message":"success","data":{"order_id":"S1","subject":"会员充值","status":1,"amount":1000,"trade_amount":1000,"pay_type":"","expire_time":4102444800}}"#;
const TWO_TYPES: &str = r#"{"code":200,"message":"success","data":[{"value":"alipay","label":"支付宝"},{"value":"wxpay","label":"微信支付"}]}"#;

fn separate_boot(id: &str) -> paypage::app::Boot {
    let mut b = boot(id);
    b.context = PageContext {
        kind: PageKind::Separate,
        ..b.context
    };
    b
}

fn logged(calls: &js_sys::Array) -> Vec<String> {
    calls.iter().filter_map(|c| c.as_string()).collect()
}

#[wasm_bindgen_test]
async fn the_separate_page_sends_one_choice_on_a_double_press_and_shows_a_refusal() {
    let calls = fake_cashier_api(
        NO_TYPE_INFO,
        &[TWO_TYPES],
        r#"{"code":400,"message":"该支付方式暂不可用","data":null}"#,
        300,
    );
    let el = container();
    let handle = leptos::mount::mount_to(
        el.clone(),
        move || view! { <Root boot=separate_boot("S1")/> },
    );
    wait_for(&el, "#pp-pay-types").await;
    assert_eq!(text_of(&el, "#pp-subject").await, "会员充值");
    assert!(text_of(&el, "#pp-amount").await.contains("¥10.00"));
    radios(&el)[1].click();
    let button = element(&el, "#pp-choose");
    button.click();
    button.click();
    sleep(10).await;
    button.click();
    let alert = wait_for(&el, "#pp-chose-error").await;
    assert!(alert.text_content().unwrap().contains("该支付方式暂不可用"));
    let all = logged(&calls);
    let chose: Vec<&String> = all
        .iter()
        .filter(|c| c.contains("/api/order/chose-type"))
        .collect();
    assert_eq!(chose.len(), 1, "one chose-type: {all:?}");
    assert!(
        chose[0].ends_with(r#" {"order_id":"S1","pay_type":"wxpay"}"#),
        "{chose:?}"
    );
    assert!(
        all[0].contains("/api/order/info?_time="),
        "info first: {all:?}"
    );
    assert!(all[1].contains("/api/pay/types?_time="), "{all:?}");
    assert!(all[1].ends_with(r#" {"order_id":"S1"}"#), "{all:?}");
    assert!(
        all.iter()
            .all(|c| !c.contains("/qrcode") && !c.contains("/status") && !c.contains("/audio")),
        "no qrcode, status or audio: {all:?}"
    );
    // The choice is open again: another press sends again.
    let button: web_sys::HtmlButtonElement = element(&el, "#pp-choose").unchecked_into();
    assert!(!button.disabled());
    drop(handle);
}

#[wasm_bindgen_test]
async fn the_separate_page_retries_types_that_failed() {
    let calls = fake_cashier_api(
        NO_TYPE_INFO,
        &[r#"{"code":502,"message":"上游错误"}"#, TWO_TYPES],
        r#"{"code":200,"data":null}"#,
        0,
    );
    let el = container();
    let handle = leptos::mount::mount_to(
        el.clone(),
        move || view! { <Root boot=separate_boot("S1")/> },
    );
    wait_for(&el, "#pp-types-error").await;
    after_status_polls(2).await;
    let count = |c: &js_sys::Array| {
        logged(c)
            .iter()
            .filter(|u| u.contains("/api/pay/types"))
            .count()
    };
    assert_eq!(count(&calls), 1, "no retry by itself");
    element(&el, "#pp-types-retry").click();
    wait_for(&el, "#pp-pay-types").await;
    assert_eq!(count(&calls), 2);
    assert!(radios(&el)[0].checked(), "the first type preselected");
    drop(handle);
}

#[wasm_bindgen_test]
async fn the_separate_page_of_a_dead_order_shows_its_end_and_calls_nothing_else() {
    let calls = fake_cashier_api(
        r#"{"code":200,"data":{"order_id":"S1","status":2,"trade_amount":1000,"pay_type":""}}"#,
        &[TWO_TYPES],
        r#"{"code":200,"data":null}"#,
        0,
    );
    let el = container();
    let handle = leptos::mount::mount_to(
        el.clone(),
        move || view! { <Root boot=separate_boot("S1")/> },
    );
    assert_eq!(text_of(&el, "#pp-paid-title").await, "支付成功");
    after_status_polls(2).await;
    assert_eq!(calls.length(), 1, "{:?}", logged(&calls));
    assert!(el.query_selector("#pp-pay-types").unwrap().is_none());
    drop(handle);
}
