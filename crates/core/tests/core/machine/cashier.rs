//! Rule 10, the cashier flow. An order created without a pay type: the pay page sends the
//! customer to the separate page, which offers the pay types, posts the choice and goes back to
//! the pay page.

use paypage_core::error::{Error, ErrorKind};
use paypage_core::machine::{Cashier, Event, Phase, State, TypesState};
use paypage_core::wire::Reply;

use super::{
    cashier_config, check, choose, chosen, fresh, info_with, net_error, st, story, types_answer,
    PollDue, Row, CHOSEN_OK, CHOSEN_REFUSED, E, ID, TO_PAY, TO_SEPARATE, TWO_TYPES,
};
use crate::support::status;

/// The separate page of a pending order without a pay type, offering two (`info`, `types`).
fn offering() -> State {
    let blank = [ID, r#","pay_type":"""#].concat();
    let steps = vec![E(Event::Start), info_with(&blank), types_answer(TWO_TYPES)];
    story(fresh(cashier_config(Cashier::Choose)), steps).0
}

fn rows() -> Vec<Row> {
    use Cashier::{Choose, Off, Send};
    let blank = |extra: &'static str| [ID, r#","pay_type":"""#, extra].concat();
    vec![
        Row {
            name: "pay page, pay_type \"\": to the separate page, no qrcode, audio or status",
            from: fresh(cashier_config(Send)),
            steps: vec![E(Event::Start), info_with(&blank(""))],
            phase: Phase::Loading,
            commands: vec!["info", TO_SEPARATE],
        },
        Row {
            name: "pay page, pay_type of spaces",
            from: fresh(cashier_config(Send)),
            steps: vec![
                E(Event::Start),
                info_with(&[ID, r#","pay_type":"  ""#].concat()),
            ],
            phase: Phase::Loading,
            commands: vec!["info", TO_SEPARATE],
        },
        Row {
            name: "pay page, pay_type null",
            from: fresh(cashier_config(Send)),
            steps: vec![
                E(Event::Start),
                info_with(&[ID, r#","pay_type":null"#].concat()),
            ],
            phase: Phase::Loading,
            commands: vec!["info", TO_SEPARATE],
        },
        Row {
            name: "pay page, pay_type missing: not the cashier flow",
            from: fresh(cashier_config(Send)),
            steps: vec![E(Event::Start), info_with(ID)],
            phase: Phase::Pending,
            commands: vec!["info", "qrcode", "audio", "status"],
        },
        Row {
            name: "pay page, a pay type: the pay flow",
            from: fresh(cashier_config(Send)),
            steps: vec![
                E(Event::Start),
                info_with(&[ID, r#","pay_type":"alipay""#].concat()),
            ],
            phase: Phase::Pending,
            commands: vec!["info", "qrcode", "audio", "status"],
        },
        Row {
            name: "pay page, no order_id in info: the page's own id",
            from: fresh(cashier_config(Send)),
            steps: vec![E(Event::Start), info_with(r#","pay_type":"""#)],
            phase: Phase::Loading,
            commands: vec!["info", "navigate https://pay.example/pay/separate/PAGE1"],
        },
        Row {
            name: "pay page, an id that needs encoding",
            from: fresh(cashier_config(Send)),
            steps: vec![
                E(Event::Start),
                info_with(r#","order_id":"订单 1","pay_type":"""#),
            ],
            phase: Phase::Loading,
            commands: vec![
                "info",
                "navigate https://pay.example/pay/separate/%E8%AE%A2%E5%8D%95%201",
            ],
        },
        Row {
            name: "pay page, no pay type: nothing else ever, whatever happens after",
            from: fresh(cashier_config(Send)),
            steps: vec![
                E(Event::Start),
                info_with(&blank("")),
                E(Event::RetryQr),
                E(Event::Visibility(true)),
                E(Event::Focus),
                PollDue,
                E(Event::CountdownEnded),
                E(Event::CheckNow),
                E(Event::RetryInfo),
                E(Event::Start),
            ],
            phase: Phase::Loading,
            commands: vec!["info", TO_SEPARATE],
        },
        Row {
            name:
                "pay page, the way to the separate page refused (a loop): unavailable, not loading",
            from: fresh(cashier_config(Send)),
            steps: vec![
                E(Event::Start),
                info_with(&blank("")),
                E(Event::NavigationBlocked),
            ],
            phase: Phase::Unavailable {
                error: Error::new(
                    ErrorKind::InvalidResponse,
                    "the page's way on was refused (a loop between pages)",
                ),
                retrying: false,
            },
            commands: vec!["info", TO_SEPARATE],
        },
        Row {
            name: "pay page, a dead order without a pay type: its final screen",
            from: fresh(cashier_config(Send)),
            steps: vec![
                E(Event::Start),
                info_with(&[ID, r#","pay_type":"","status":3"#].concat()),
            ],
            phase: Phase::Closed,
            commands: vec!["info", "stop"],
        },
        Row {
            name: "status page (cashier off), no pay type: its usual calls",
            from: fresh(cashier_config(Off)),
            steps: vec![E(Event::Start), info_with(&blank(""))],
            phase: Phase::Pending,
            commands: vec!["info", "qrcode", "audio", "status"],
        },
        Row {
            name: "separate page: info, then the types; no qrcode, audio or status",
            from: fresh(cashier_config(Choose)),
            steps: vec![
                E(Event::Start),
                info_with(&blank("")),
                types_answer(TWO_TYPES),
            ],
            phase: Phase::Pending,
            commands: vec!["info", "types"],
        },
        Row {
            name: "separate page, even when the order has a type",
            from: fresh(cashier_config(Choose)),
            steps: vec![
                E(Event::Start),
                info_with(&[ID, r#","pay_type":"wxpay""#].concat()),
            ],
            phase: Phase::Pending,
            commands: vec!["info", "types"],
        },
        Row {
            name: "separate page, a dead order: its final screen and nothing else",
            from: fresh(cashier_config(Choose)),
            steps: vec![
                E(Event::Start),
                info_with(&[ID, r#","pay_type":"","status":4"#].concat()),
                E(Event::RetryTypes),
                choose("alipay"),
            ],
            phase: Phase::Expired,
            commands: vec!["info", "stop"],
        },
        Row {
            name: "separate page, the choice: one chose-type, then the pay page",
            from: offering(),
            steps: vec![choose("wxpay"), chosen(CHOSEN_OK)],
            phase: Phase::Pending,
            commands: vec!["chose-type wxpay", TO_PAY],
        },
        Row {
            name: "separate page, a double press: one chose-type",
            from: offering(),
            steps: vec![
                choose("wxpay"),
                choose("wxpay"),
                choose("alipay"),
                chosen(CHOSEN_OK),
                choose("alipay"),
                chosen(CHOSEN_OK),
            ],
            phase: Phase::Pending,
            commands: vec!["chose-type wxpay", TO_PAY],
        },
        Row {
            name: "separate page, chose-type refused: the choice stays open",
            from: offering(),
            steps: vec![
                choose("alipay"),
                chosen(CHOSEN_REFUSED),
                choose("wxpay"),
                chosen(CHOSEN_OK),
            ],
            phase: Phase::Pending,
            commands: vec!["chose-type alipay", "chose-type wxpay", TO_PAY],
        },
        Row {
            name: "separate page, a type that is not offered is not sent",
            from: fresh(cashier_config(Choose)),
            steps: vec![
                E(Event::Start),
                info_with(&blank("")),
                choose("alipay"),
                types_answer(TWO_TYPES),
                choose("qqpay"),
                chosen(CHOSEN_OK),
            ],
            phase: Phase::Pending,
            commands: vec!["info", "types"],
        },
        Row {
            name: "separate page, the types fail: retry on request, once at a time",
            from: fresh(cashier_config(Choose)),
            steps: vec![
                E(Event::Start),
                info_with(&blank("")),
                E(Event::RetryTypes),
                E(Event::Types(Reply::err(net_error()))),
                E(Event::RetryTypes),
                E(Event::RetryTypes),
                types_answer(TWO_TYPES),
                E(Event::RetryTypes),
            ],
            phase: Phase::Pending,
            commands: vec!["info", "types", "types"],
        },
        Row {
            name: "separate page, no status call until the countdown ended",
            from: offering(),
            steps: vec![
                E(Event::Visibility(true)),
                E(Event::Focus),
                PollDue,
                E(Event::CheckNow),
                E(Event::CountdownEnded),
                st(1),
                PollDue,
                E(Event::Status(status("paid.json"))),
                choose("alipay"),
            ],
            phase: Phase::Paid,
            commands: vec![
                "cooldown",
                "grace 120",
                "status",
                "poll-slow",
                "status",
                "stop",
                "return-in 5000",
            ],
        },
    ]
}

#[test]
fn rule10_the_cashier_flow() {
    check(rows());
}

#[test]
fn rule10_the_separate_page_preselects_the_orders_type_else_the_first() {
    for (pay_type, want) in [
        (r#","pay_type":"""#, Some("alipay")),
        (r#","pay_type":"wxpay""#, Some("wxpay")),
        (r#","pay_type":"qqpay""#, Some("alipay")),
        ("", Some("alipay")),
    ] {
        let (s, _) = story(
            fresh(cashier_config(Cashier::Choose)),
            vec![
                E(Event::Start),
                info_with(pay_type),
                types_answer(TWO_TYPES),
            ],
        );
        assert_eq!(s.preselected(), want, "{pay_type}");
    }
    let (s, _) = story(
        fresh(cashier_config(Cashier::Choose)),
        vec![E(Event::Start), info_with(""), types_answer("[]")],
    );
    assert_eq!(s.types, Some(TypesState::Ready(vec![])));
    assert_eq!(s.preselected(), None);
}

#[test]
fn rule10_what_the_separate_page_shows_while_choosing() {
    let start = story(
        fresh(cashier_config(Cashier::Choose)),
        vec![E(Event::Start), info_with(""), types_answer(TWO_TYPES)],
    )
    .0;
    let (s, _) = story(start.clone(), vec![choose("wxpay")]);
    assert_eq!(s.choosing.as_deref(), Some("wxpay"), "busy");
    let (s, _) = story(s, vec![chosen(CHOSEN_REFUSED)]);
    assert_eq!(s.choosing, None, "no longer busy");
    let message = s.chose_error.as_ref().and_then(|e| e.server_message());
    assert_eq!(message, Some("该支付方式暂不可用"), "the server's words");
    let (s, _) = story(s, vec![choose("alipay")]);
    assert_eq!(s.chose_error, None, "a new try clears the old refusal");
    // The types fail: the error is kept for the screen.
    let (s, _) = story(
        fresh(cashier_config(Cashier::Choose)),
        vec![
            E(Event::Start),
            info_with(""),
            E(Event::Types(Reply::err(net_error()))),
        ],
    );
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
