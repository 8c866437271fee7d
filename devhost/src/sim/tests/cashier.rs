//! The cashier flow: orders without a pay type, the types open to them, the customer's choice.

use serde_json::json;

use super::*;

/// The envelope `endpoint` answers for `id` to `body` (HTTP 200 expected).
fn ask(s: &mut Sim, endpoint: &str, id: &str, body: Value) -> Value {
    let (http, text, _) = s.answer_request(endpoint, Some(id), &body);
    assert_eq!(http, 200, "{endpoint} {id}");
    serde_json::from_str(&text).unwrap()
}

fn call(s: &mut Sim, endpoint: &str, id: &str) -> Value {
    ask(s, endpoint, id, json!({ "order_id": id }))
}

fn choose(s: &mut Sim, id: &str, pay_type: &str) -> Value {
    ask(
        s,
        "chose-type",
        id,
        json!({"order_id": id, "pay_type": pay_type}),
    )
}

fn create(s: &mut Sim, body: Value) -> Order {
    s.create(serde_json::from_value(body).unwrap()).unwrap()
}

const NO_CHOICE: &str = r#"{"code":400,"message":"请先选择支付方式","data":null,"redirect":""}"#;

/// Info says no pay type (nor its name or logo) and qrcode refuses, as XArr does.
fn assert_no_choice_yet(s: &mut Sim, id: &str) {
    let info = call(s, "info", id)["data"].clone();
    let fields = (
        &info["pay_type"],
        &info["pay_type_text"],
        &info["pay_type_logo"],
    );
    assert_eq!(fields, (&json!(""), &json!(""), &json!("")), "{id}");
    let no_choice: Value = serde_json::from_str(NO_CHOICE).unwrap();
    assert_eq!(call(s, "qrcode", id), no_choice, "{id}");
    let page = s.page_data(id, "/a", "/r", "http://127.0.0.1")["orderInfo"].clone();
    assert_eq!(page["pay_type"], "");
    assert_eq!(page["pay_type_info"]["label"], "");
}

#[test]
fn an_order_without_a_pay_type_has_no_qr_code_scenario_or_override_alike() {
    let mut s = sim();
    assert_no_choice_yet(&mut s, "demo_cashier");
    let body = json!({"scenario": "pending", "order_id": "plain", "overrides": {"pay_type": ""}});
    create(&mut s, body);
    assert_no_choice_yet(&mut s, "plain");
    // Status and audio answer as for any pending order.
    assert_eq!(call(&mut s, "status", "plain")["data"]["status"], 1);
    assert_eq!(call(&mut s, "audio", "plain")["code"], 200);
    // An order with a pay type is untouched.
    assert_eq!(call(&mut s, "qrcode", "demo_pending")["code"], 200);
}

#[test]
fn pay_types_lists_the_types_open_to_the_order_with_the_host_icons() {
    let mut s = sim();
    let want = json!({"code": 200, "message": "success", "redirect": "", "data": [
        {"value": "alipay", "label": "支付宝", "logo": "/__dev/logo/alipay.svg"},
        {"value": "wxpay", "label": "微信支付", "logo": "/__dev/logo/wxpay.svg"}]});
    assert_eq!(call(&mut s, "types", "demo_cashier"), want);
    assert_eq!(call(&mut s, "types", "demo_pending"), want);
    let single = call(&mut s, "types", "demo_cashier_single")["data"].clone();
    assert_eq!(single, json!([want["data"][1]]));
    assert_eq!(
        call(&mut s, "types", "demo_cashier_empty")["data"],
        json!([])
    );
    // Per order: the request's list, as it is.
    let own = json!([{"value": "qqpay", "label": "QQ", "logo": "https://x/q.png"}]);
    create(
        &mut s,
        json!({"scenario": "cashier", "order_id": "own", "pay_types": own}),
    );
    assert_eq!(call(&mut s, "types", "own")["data"], own);
}

#[test]
fn the_hostile_list_carries_markup_in_labels_and_script_urls_in_logos() {
    let mut s = sim();
    let list = call(&mut s, "types", "demo_cashier_hostile")["data"].clone();
    let text = |i: usize, key: &str| list[i][key].as_str().unwrap().to_owned();
    assert!(text(0, "label").contains("<script>") && text(0, "label").contains("onerror="));
    assert!(text(0, "logo").starts_with("javascript:"));
    assert!(text(1, "logo").starts_with("data:image/svg+xml,"));
    assert!(text(2, "value").contains("\"><svg"));
    // A hostile entry is chosen like any other: info then carries its label and logo.
    assert_eq!(
        choose(&mut s, "demo_cashier_hostile", "alipay")["code"],
        200
    );
    let info = call(&mut s, "info", "demo_cashier_hostile")["data"].clone();
    assert_eq!(info["pay_type_text"], json!(text(0, "label")));
    assert_eq!(info["pay_type_logo"], json!(text(0, "logo")));
}

#[test]
fn pay_types_of_an_unknown_or_dead_order_is_not_found() {
    let mut s = sim();
    for id in ["nope", "demo_paid", "demo_closed", "demo_expired"] {
        let v = call(&mut s, "types", id);
        assert_eq!(
            (&v["code"], &v["message"]),
            (&json!(404), &json!("订单不存在"))
        );
    }
}

#[test]
fn a_chosen_type_is_the_order_s_and_qrcode_answers_its_fixture() {
    let mut s = sim();
    let ok = json!({"code": 200, "message": "success", "data": null, "redirect": ""});
    assert_eq!(choose(&mut s, "demo_cashier", "wxpay"), ok);
    let info = call(&mut s, "info", "demo_cashier")["data"].clone();
    assert_eq!(info["pay_type"], "wxpay");
    assert_eq!(info["pay_type_text"], "微信支付");
    assert_eq!(info["pay_type_logo"], "/__dev/logo/wxpay.svg");
    let qr = call(&mut s, "qrcode", "demo_cashier");
    assert!(qr["data"]["qrcode"].as_str().unwrap().starts_with("wxp://"));
    let page = s.page_data("demo_cashier", "/a", "/r", "")["orderInfo"].clone();
    assert_eq!(page["pay_type_info"]["label"], "微信支付");
    // Chosen again: the other type, and its QR code.
    assert_eq!(choose(&mut s, "demo_cashier", "alipay"), ok);
    assert_eq!(
        call(&mut s, "info", "demo_cashier")["data"]["pay_type"],
        "alipay"
    );
    let qr = call(&mut s, "qrcode", "demo_cashier");
    assert_eq!(
        qr["data"]["qrcode"],
        "https://qr.alipay.com/fkx15742tdtmcruhbwsv45b"
    );
}

#[test]
fn a_type_not_in_the_list_is_refused_and_the_choice_stays_open() {
    let mut s = sim();
    let refused = json!({"code": 400, "message": "支付方式不可用", "data": null, "redirect": ""});
    for pay_type in ["qqpay", "", "ALIPAY"] {
        assert_eq!(choose(&mut s, "demo_cashier", pay_type), refused);
    }
    let body = json!({"order_id": "demo_cashier_single"});
    assert_eq!(
        ask(&mut s, "chose-type", "demo_cashier_single", body),
        refused
    );
    assert_eq!(choose(&mut s, "demo_cashier_single", "alipay"), refused);
    assert_eq!(choose(&mut s, "demo_cashier_empty", "alipay"), refused);
    assert_no_choice_yet(&mut s, "demo_cashier");
    assert_no_choice_yet(&mut s, "demo_cashier_single");
}

#[test]
fn a_dead_order_refuses_the_choice_and_an_unknown_one_is_not_found() {
    let mut s = sim();
    s.orders.get_mut("demo_cashier").unwrap().status = 3;
    let v = choose(&mut s, "demo_cashier", "alipay");
    assert_eq!(
        (&v["code"], &v["message"]),
        (&json!(400), &json!("订单已关闭,无法选择支付方式"))
    );
    let v = choose(&mut s, "demo_paid", "alipay");
    assert_eq!(v["message"], "订单已支付,无法选择支付方式");
    assert_eq!(call(&mut s, "info", "demo_cashier")["data"]["pay_type"], "");
    assert_eq!(choose(&mut s, "nope", "alipay")["code"], 404);
}

#[test]
fn cashier_refuse_refuses_the_first_choice_with_a_message_then_takes_one() {
    let mut s = sim();
    let busy = json!({"code": 502, "message": "该支付通道繁忙,请稍后再试或更换支付方式",
                      "data": null, "redirect": ""});
    assert_eq!(choose(&mut s, "demo_cashier_refuse", "alipay"), busy);
    assert_no_choice_yet(&mut s, "demo_cashier_refuse");
    assert_eq!(choose(&mut s, "demo_cashier_refuse", "alipay")["code"], 200);
    assert_eq!(call(&mut s, "qrcode", "demo_cashier_refuse")["code"], 200);
    // Per order: any number of refusals.
    create(
        &mut s,
        json!({"scenario": "cashier", "order_id": "r2", "chose_refusals": 2}),
    );
    assert_eq!(choose(&mut s, "r2", "wxpay"), busy);
    assert_eq!(choose(&mut s, "r2", "wxpay"), busy);
    assert_eq!(choose(&mut s, "r2", "wxpay")["code"], 200);
}

#[test]
fn cashier_types_fail_fails_with_http_500_then_a_502_envelope_then_lists() {
    let mut s = sim();
    let id = "demo_cashier_types_fail";
    let (http, body, _) = s.answer_request("types", Some(id), &json!({ "order_id": id }));
    assert_eq!((http, body.as_str()), (500, "Internal Server Error"));
    let v = call(&mut s, "types", id);
    assert_eq!((&v["code"], &v["data"]), (&json!(502), &Value::Null));
    assert_eq!(v["message"], "支付方式加载失败,请稍后重试");
    assert_eq!(call(&mut s, "types", id)["data"][0]["value"], "alipay");
    assert_eq!(call(&mut s, "types", id)["code"], 200);
    // Per order: the failures asked for.
    let body = json!({"scenario": "cashier", "order_id": "f1", "types_failures": ["envelope"]});
    create(&mut s, body);
    assert_eq!(call(&mut s, "types", "f1")["code"], 502);
    assert_eq!(call(&mut s, "types", "f1")["code"], 200);
}
