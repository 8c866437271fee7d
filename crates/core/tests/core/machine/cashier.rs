//! Rule 10, the cashier flow. An order created without a pay type: the pay page sends the
//! customer to the separate page, which offers the pay types, posts the choice and goes back to
//! the pay page.

use paypage_core::error::{Error, ErrorKind};
use paypage_core::machine::{Cashier, Event, Phase, TypesState};
use paypage_core::wire::Reply;

use super::{
    cashier_config, check, choose, chosen, fresh, info_with, net_error, paid, st, story,
    types_answer, PollDue, Row, Start, CHOSEN_OK, CHOSEN_REFUSED, E, ID, TO_PAY, TO_SEPARATE,
    TWO_TYPES,
};

/// The page `cashier` says, loading a pending order whose info says `fields` after the usual ones.
fn page(cashier: Cashier, fields: &str) -> Start {
    let load = vec![E(Event::Start), info_with(fields)];
    Start::at(fresh(cashier_config(cashier))).then(load, &["info"])
}

/// `fields` after the order's id.
fn id(fields: &str) -> String {
    [ID, fields].concat()
}

const BLANK: &str = r#","pay_type":"""#;

/// The separate page of a pending order without a pay type, offering two (`info`, `types`).
fn offering() -> Start {
    page(Cashier::Choose, &id(BLANK)).then(vec![types_answer(TWO_TYPES)], &["types"])
}

fn rows() -> Vec<Row> {
    use Cashier::{Choose, Off, Send};
    let blank = id(BLANK);
    let to_separate =
        |name, fields: &str| page(Send, fields).row(name, vec![], Phase::Loading, &[TO_SEPARATE]);
    let pays = |name, fields: &str| {
        let commands = &["qrcode", "audio", "status"];
        page(Send, fields).row(name, vec![], Phase::Pending, commands)
    };
    let refused = Error::new(
        ErrorKind::InvalidResponse,
        "the page's way on was refused (a loop between pages)",
    );
    vec![
        to_separate(
            "pay page, pay_type \"\": to the separate page, no qrcode, audio or status",
            &blank,
        ),
        to_separate("pay page, pay_type of spaces", &id(r#","pay_type":"  ""#)),
        to_separate("pay page, pay_type null", &id(r#","pay_type":null"#)),
        pays("pay page, pay_type missing: not the cashier flow", ID),
        pays(
            "pay page, a pay type: the pay flow",
            &id(r#","pay_type":"alipay""#),
        ),
        page(Send, BLANK).row(
            "pay page, no order_id in info: the page's own id",
            vec![],
            Phase::Loading,
            &["navigate https://pay.example/pay/separate/PAGE1"],
        ),
        page(Send, r#","order_id":"订单 1","pay_type":"""#).row(
            "pay page, an id that needs encoding",
            vec![],
            Phase::Loading,
            &["navigate https://pay.example/pay/separate/%E8%AE%A2%E5%8D%95%201"],
        ),
        page(Send, &blank).row(
            "pay page, no pay type: nothing else ever, whatever happens after",
            vec![
                E(Event::RetryQr),
                E(Event::Visibility(true)),
                E(Event::Focus),
                PollDue,
                E(Event::CountdownEnded),
                E(Event::CheckNow),
                E(Event::RetryInfo),
                E(Event::Start),
            ],
            Phase::Loading,
            &[TO_SEPARATE],
        ),
        page(Send, &blank).row(
            "pay page, the way to the separate page refused (a loop): unavailable, not loading",
            vec![E(Event::NavigationBlocked)],
            Phase::Unavailable {
                error: refused,
                retrying: false,
            },
            &[TO_SEPARATE],
        ),
        page(Send, &id(r#","pay_type":"","status":3"#)).row(
            "pay page, a dead order without a pay type: its final screen",
            vec![],
            Phase::Closed,
            &["stop"],
        ),
        page(Off, &blank).row(
            "status page (cashier off), no pay type: its usual calls",
            vec![],
            Phase::Pending,
            &["qrcode", "audio", "status"],
        ),
        offering().row(
            "separate page: info, then the types; no qrcode, audio or status",
            vec![],
            Phase::Pending,
            &[],
        ),
        page(Choose, &id(r#","pay_type":"wxpay""#)).row(
            "separate page, even when the order has a type",
            vec![],
            Phase::Pending,
            &["types"],
        ),
        page(Choose, &id(r#","pay_type":"","status":4"#)).row(
            "separate page, a dead order: its final screen and nothing else",
            vec![E(Event::RetryTypes), choose("alipay")],
            Phase::Expired,
            &["stop"],
        ),
        offering().row(
            "separate page, the choice: one chose-type, then the pay page",
            vec![choose("wxpay"), chosen(CHOSEN_OK)],
            Phase::Pending,
            &["chose-type wxpay", TO_PAY],
        ),
        offering().row(
            "separate page, a double press: one chose-type",
            vec![
                choose("wxpay"),
                choose("wxpay"),
                choose("alipay"),
                chosen(CHOSEN_OK),
                choose("alipay"),
                chosen(CHOSEN_OK),
            ],
            Phase::Pending,
            &["chose-type wxpay", TO_PAY],
        ),
        offering().row(
            "separate page, chose-type refused: the choice stays open",
            vec![
                choose("alipay"),
                chosen(CHOSEN_REFUSED),
                choose("wxpay"),
                chosen(CHOSEN_OK),
            ],
            Phase::Pending,
            &["chose-type alipay", "chose-type wxpay", TO_PAY],
        ),
        page(Choose, &blank).row(
            "separate page, a type that is not offered is not sent",
            vec![
                choose("alipay"),
                types_answer(TWO_TYPES),
                choose("qqpay"),
                chosen(CHOSEN_OK),
            ],
            Phase::Pending,
            &["types"],
        ),
        page(Choose, &blank).row(
            "separate page, the types fail: retry on request, once at a time",
            vec![
                E(Event::RetryTypes),
                E(Event::Types(Reply::err(net_error()))),
                E(Event::RetryTypes),
                E(Event::RetryTypes),
                types_answer(TWO_TYPES),
                E(Event::RetryTypes),
            ],
            Phase::Pending,
            &["types", "types"],
        ),
        offering().row(
            "separate page, no status call until the countdown ended",
            vec![
                E(Event::Visibility(true)),
                E(Event::Focus),
                PollDue,
                E(Event::CheckNow),
                E(Event::CountdownEnded),
                st(1),
                PollDue,
                paid(),
                choose("alipay"),
            ],
            Phase::Paid,
            &[
                "cooldown",
                "grace 120",
                "status",
                "poll-slow",
                "status",
                "stop",
                "return-in 5000",
            ],
        ),
    ]
}

#[test]
fn rule10_the_cashier_flow() {
    check(rows());
}

#[test]
fn rule10_the_separate_page_preselects_the_orders_type_else_the_first() {
    let offers = |fields: &str, types: &str| {
        let offered = vec![types_answer(types)];
        page(Cashier::Choose, fields).then(offered, &[]).end()
    };
    for (pay_type, want) in [
        (BLANK, Some("alipay")),
        (r#","pay_type":"wxpay""#, Some("wxpay")),
        (r#","pay_type":"qqpay""#, Some("alipay")),
        ("", Some("alipay")),
    ] {
        assert_eq!(
            offers(pay_type, TWO_TYPES).preselected(),
            want,
            "{pay_type}"
        );
    }
    let s = offers("", "[]");
    assert_eq!(s.types, Some(TypesState::Ready(vec![])));
    assert_eq!(s.preselected(), None);
}

#[test]
fn rule10_what_the_separate_page_shows_while_choosing() {
    let start = page(Cashier::Choose, "")
        .then(vec![types_answer(TWO_TYPES)], &[])
        .end();
    let (s, _) = story(start.clone(), vec![choose("wxpay")]);
    assert_eq!(s.choosing.as_deref(), Some("wxpay"), "busy");
    let (s, _) = story(s, vec![chosen(CHOSEN_REFUSED)]);
    assert_eq!(s.choosing, None, "no longer busy");
    let message = s.chose_error.as_ref().and_then(|e| e.server_message());
    assert_eq!(message, Some("该支付方式暂不可用"), "the server's words");
    let (s, _) = story(s, vec![choose("alipay")]);
    assert_eq!(s.chose_error, None, "a new try clears the old refusal");
    // The types fail: the error is kept for the screen.
    let failed = vec![E(Event::Types(Reply::err(net_error())))];
    let s = page(Cashier::Choose, "").then(failed, &[]).end();
    assert!(matches!(s.types, Some(TypesState::Failed(_))));
    // A blocked way to the pay page opens the choice again.
    let (s, _) = story(
        start,
        vec![
            choose("wxpay"),
            chosen(CHOSEN_OK),
            E(Event::NavigationBlocked),
        ],
    );
    assert_eq!(s.navigated_to, None);
    let (_, c) = story(s, vec![choose("wxpay")]);
    assert_eq!(c, ["chose-type wxpay"]);
}
