//! The late, odd and unlucky paths of a payment: the late-notification window after expiry,
//! unknown status codes, redirects back to the pay page, swapped QR fields, an injected amount
//! that disagrees with info, USDT.

use serde_json::json;

use super::*;

/// An order made as `POST /__dev/orders` with `body` makes it.
fn create(s: &mut Sim, body: Value) -> Order {
    s.create(serde_json::from_value(body).unwrap()).unwrap()
}

/// The envelope `endpoint` answers for `id`.
fn call(s: &mut Sim, endpoint: &str, id: &str) -> Value {
    let (http, body, _) = s.answer(endpoint, Some(id));
    assert_eq!(http, 200, "{endpoint} {id}");
    serde_json::from_str(&body).unwrap()
}

#[test]
fn a_payment_lands_in_the_late_window_after_expiry() {
    let mut s = sim();
    let o = s.orders.get_mut("demo_paid_after_expiry").unwrap();
    let (exp, at) = (o.expire_time, o.pays_at.unwrap());
    assert_eq!((exp - o.created, at - exp, o.expiry_grace), (10, 3, 60));
    o.tick(exp);
    assert_eq!(
        o.status, 1,
        "still pending at expire_time: the sweep has not run"
    );
    o.tick(at - 1);
    assert_eq!(o.status, 1);
    o.tick(at);
    assert_eq!(o.status, 2, "the late payment lands");
}

#[test]
fn the_late_window_ends_in_expiry_and_no_payment_lands_after_it() {
    let mut s = sim();
    let body = json!({"scenario": "pending", "expires_in": 10, "expiry_grace": 60});
    let mut o = create(&mut s, body);
    let exp = o.expire_time;
    o.tick(exp + 59);
    assert_eq!(o.status, 1);
    o.tick(exp + 60);
    assert_eq!(o.status, 4);
    // A payment after the sweep does not land, even when nobody asked in between.
    let body =
        json!({"scenario": "pending", "expires_in": 10, "expiry_grace": 60, "pays_after": 71});
    let mut o = create(&mut s, body);
    o.tick(o.pays_at.unwrap());
    assert_eq!(o.status, 4);
    // Without a window (every other scenario) the same holds at expire_time itself.
    let body = json!({"scenario": "pending", "expires_in": 10, "pays_after": 11});
    let mut o = create(&mut s, body);
    assert_eq!(o.expiry_grace, 0);
    o.tick(o.pays_at.unwrap());
    assert_eq!(o.status, 4);
}

#[test]
fn in_the_late_window_the_server_says_pending_past_expire_time() {
    let mut s = sim();
    let body =
        json!({"scenario": "pending", "order_id": "late", "expires_in": -5, "expiry_grace": 60});
    create(&mut s, body);
    let status = call(&mut s, "status", "late");
    assert_eq!(status["data"]["status"], 1);
    assert!(status["data"]["expire_time"].as_i64().unwrap() < now_secs());
    assert_eq!(call(&mut s, "info", "late")["data"]["status"], 1);
    let body = json!({"scenario": "pending", "order_id": "swept", "expires_in": -5});
    create(&mut s, body);
    assert_eq!(call(&mut s, "status", "swept")["data"]["status"], 4);
    let bad = json!({"scenario": "pending", "expiry_grace": -1});
    assert!(s.create(serde_json::from_value(bad).unwrap()).is_err());
}

/// Marks `id` paid, as `POST /__dev/orders/<id>/pay` does.
fn pay(s: &mut Sim, id: &str) {
    s.orders.get_mut(id).unwrap().status = 2;
}

#[test]
fn jump_scheme_paid_opens_the_app_by_scheme_alone_then_pays() {
    let mut s = sim();
    let id = "demo_jump_scheme_paid";
    let o = &s.orders[id];
    assert_eq!(o.pays_at.map(|at| at - o.created), Some(8));
    let qr = call(&mut s, "qrcode", id);
    assert_eq!(qr["data"]["type"], "jump");
    assert_eq!(qr["data"]["uri"], "");
    assert!(qr["data"]["scheme"]
        .as_str()
        .unwrap()
        .starts_with("alipays://"));
    assert_eq!(call(&mut s, "info", id)["data"]["pay_payed_wait_time"], 2);
    pay(&mut s, id);
    let status = call(&mut s, "status", id)["data"].clone();
    assert_eq!(status["status"], 2);
    assert_eq!(status["pay_payed_wait_time"], 2);
    assert_eq!(status["return_uri"], format!("/__dev/return/{id}"));
}

#[test]
fn return_self_returns_to_its_own_pay_page_once_paid() {
    let mut s = sim();
    let id = "demo_return_self";
    let o = &s.orders[id];
    assert_eq!(o.pays_at.map(|at| at - o.created), Some(5));
    // Like the platform, no return_uri while pending.
    assert!(call(&mut s, "info", id)["data"].get("return_uri").is_none());
    assert!(call(&mut s, "status", id)["data"]
        .get("return_uri")
        .is_none());
    pay(&mut s, id);
    let own = format!("/pay/{id}");
    assert_eq!(call(&mut s, "info", id)["data"]["return_uri"], own);
    assert_eq!(call(&mut s, "status", id)["data"]["return_uri"], own);
    // The request's overrides go over the scenario's.
    let body =
        json!({"scenario": "return_self", "order_id": "mine", "overrides": {"return_uri": "/x"}});
    create(&mut s, body);
    pay(&mut s, "mine");
    assert_eq!(call(&mut s, "status", "mine")["data"]["return_uri"], "/x");
}

#[test]
fn unknown_status_answers_unknown_codes_in_turn_while_pending_then_paid() {
    let mut s = sim();
    let id = "demo_unknown_status";
    let o = &s.orders[id];
    assert_eq!(o.pays_at.map(|at| at - o.created), Some(8));
    let codes: Vec<Value> = (0..4)
        .map(|_| call(&mut s, "status", id)["data"]["status"].clone())
        .collect();
    assert_eq!(codes, [json!(7), json!(0), json!(7), json!(0)]);
    assert_eq!(call(&mut s, "info", id)["data"]["status"], 1);
    pay(&mut s, id);
    let status = call(&mut s, "status", id)["data"].clone();
    assert_eq!(status["status"], 2);
    assert_eq!(status["return_uri"], format!("/__dev/return/{id}"));
    // Every other scenario tells the truth.
    assert_eq!(call(&mut s, "status", "demo_pending")["data"]["status"], 1);
}

#[test]
fn redirect_self_points_the_envelopes_back_at_its_own_pay_page() {
    let mut s = sim();
    let id = "demo_redirect_self";
    let o = &s.orders[id];
    assert_eq!(o.pays_at.map(|at| at - o.created), Some(8));
    assert_eq!(call(&mut s, "info", id)["redirect"], format!("/pay/{id}"));
    let separate = format!("/pay/separate/{id}");
    let status_page = format!("/pay/status?order_id={id}");
    for want in [&separate, &status_page, &separate] {
        let status = call(&mut s, "status", id);
        assert_eq!(status["redirect"], *want);
        assert_eq!(status["data"]["status"], 1);
    }
    // Paid: still the redirect, and the usual way back in return_uri.
    pay(&mut s, id);
    let status = call(&mut s, "status", id);
    assert_eq!(status["redirect"], status_page);
    assert_eq!(status["data"]["return_uri"], format!("/__dev/return/{id}"));
    // Every other scenario's envelopes carry their fixture's redirect.
    assert_eq!(call(&mut s, "info", "demo_pending")["redirect"], "");
    assert_eq!(call(&mut s, "status", "demo_pending")["redirect"], "");
}

/// `${.orderInfo.<key>}` of `id`'s page.
fn rendered(s: &mut Sim, id: &str, key: &str) -> Value {
    s.page_data(id, "/a", "/r", "http://127.0.0.1")["orderInfo"][key].clone()
}

#[test]
fn amount_mismatch_renders_an_amount_info_does_not_say() {
    let mut s = sim();
    let id = "demo_amount_mismatch";
    assert_eq!(call(&mut s, "info", id)["data"]["trade_amount"], 1001);
    assert_eq!(rendered(&mut s, id, "trade_amount_text"), "10.00");
    assert_eq!(rendered(&mut s, id, "trade_amount"), 1001);
    // Any order: a page override per order; without one the text is info's amount.
    let body = json!({"scenario": "pending", "order_id": "odd",
                      "page_overrides": {"trade_amount_text": "9.99", "subject": "别的"}});
    create(&mut s, body);
    assert_eq!(rendered(&mut s, "odd", "trade_amount_text"), "9.99");
    assert_eq!(rendered(&mut s, "odd", "subject"), "别的");
    assert_eq!(call(&mut s, "info", "odd")["data"]["subject"], "商品购买");
    assert_eq!(
        rendered(&mut s, "demo_pending", "trade_amount_text"),
        "10.00"
    );
    assert_eq!(
        rendered(&mut s, "demo_adjusted", "trade_amount_text"),
        "10.01"
    );
}

#[test]
fn picture_url_scenarios_put_the_payload_and_a_picture_url_in_either_field() {
    let mut s = sim();
    let qr = call(&mut s, "qrcode", "demo_picture_url")["data"].clone();
    assert_eq!(qr["type"], "qrcode");
    assert_eq!(
        qr["qrcode_data"],
        "https://qr.alipay.com/fkx15742tdtmcruhbwsv45b"
    );
    assert_eq!(qr["qrcode"], "/__dev/qr-picture/demo_picture_url?size=300");
    let qr = call(&mut s, "qrcode", "demo_picture_url_wechat")["data"].clone();
    assert!(qr["qrcode"].as_str().unwrap().starts_with("wxp://"));
    let picture = qr["qrcode_data"].as_str().unwrap();
    assert!(picture.starts_with("/__dev/qr-picture/demo_picture_url_wechat/qrcode.php?text=wxp%3A"));
    let info = call(&mut s, "info", "demo_picture_url_wechat")["data"].clone();
    assert_eq!(info["pay_type"], "wxpay");
    // The request's qrcode overrides go over the scenario's.
    let body =
        json!({"scenario": "picture_url", "order_id": "pic", "qrcode_overrides": {"qrcode": "/x"}});
    create(&mut s, body);
    assert_eq!(call(&mut s, "qrcode", "pic")["data"]["qrcode"], "/x");
}

#[test]
fn usdt_asks_for_an_actual_amount_in_usdt_to_an_account() {
    let mut s = sim();
    let info = call(&mut s, "info", "demo_usdt")["data"].clone();
    assert_eq!(
        (&info["pay_type"], &info["trade_amount"]),
        (&json!("usdt"), &json!(1000))
    );
    assert_eq!(info["pay_type_text"], "USDT-TRC20");
    assert_eq!(info["pay_type_logo"], "/__dev/logo/usdt.svg");
    let qr = call(&mut s, "qrcode", "demo_usdt")["data"].clone();
    assert_eq!(qr["actual_amount"], "1.43");
    assert_eq!(qr["actual_account_type"], "USDT-TRC20");
    assert_eq!(
        qr["actual_account"], qr["qrcode"],
        "the address is the payload"
    );
    assert!(qr["qrcode"].as_str().unwrap().starts_with('T'));
}
