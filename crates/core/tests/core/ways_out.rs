//! Rules 6 and 11: every way out of the page. Only a navigation that went out counts; the hop
//! limit never guards the return; a return back to this page is a link, not a navigation; after
//! the grace period the server, not a failed call, says the order expired. Rows: events in from a
//! fresh page, commands out (written as `machine::command` writes them).

use paypage_core::machine::{Cashier, Event, MachineConfig, Phase, QrState, State};
use paypage_core::present::QrPlan;

use crate::machine::{
    cashier_config, choose, chosen, here_config, info_with, net_err, paid_to, qr_jump, st,
    st_expiring, st_redirect, story, types_answer, GraceDue, PollDue, Step, CHOSEN_OK, E, ID,
    NAVIGATE_RETURN, RETURN, TO_PAY, TO_SEPARATE, TWO_TYPES,
};
use crate::support::{info, qr, status};

struct Row {
    name: &'static str,
    config: MachineConfig,
    /// Steps from a fresh page.
    steps: Vec<Step>,
    phase: Phase,
    /// Every command given, in order.
    commands: Vec<&'static str>,
}

/// The page's start and a pending order's info: `info`, then qrcode, audio and status together.
fn loaded() -> Vec<Step> {
    vec![E(Event::Start), E(Event::Info(info("pending.json")))]
}

/// The commands of a pending order's loading (`info`, then qrcode, audio and status), then `rest`.
fn after_loading(rest: &[&'static str]) -> Vec<&'static str> {
    [&["info", "qrcode", "audio", "status"][..], rest].concat()
}

/// The commands of [`lapsed`], then `rest`.
fn after_lapsing(rest: &[&'static str]) -> Vec<&'static str> {
    let lapse = [
        "poll",
        "grace 120",
        "status",
        "poll-slow",
        "status",
        "poll-lapsed",
    ];
    after_loading(&[&lapse[..], rest].concat())
}

/// Runs each row from a fresh page: its end phase and every command given.
fn check(rows: Vec<Row>) {
    for row in rows {
        let (s, commands) = story(State::new(row.config), row.steps);
        assert_eq!(s.phase, row.phase, "{}", row.name);
        assert_eq!(commands, row.commands, "{}", row.name);
    }
}

/// The steps after a pending order loaded.
fn then(steps: Vec<Step>) -> Vec<Step> {
    join(loaded(), steps)
}

fn join(first: Vec<Step>, rest: Vec<Step>) -> Vec<Step> {
    first.into_iter().chain(rest).collect()
}

/// An info answer of a pending order with an envelope redirect.
fn info_redirect(to: &str) -> Step {
    let mut reply = info("pending.json");
    reply.redirect = Some(to.into());
    E(Event::Info(reply))
}

/// A qrcode answer with a code and this `scheme` beside it.
fn code_with_scheme(scheme: &str) -> Step {
    let mut reply = qr("real.json");
    if let Ok(i) = reply.result.as_mut() {
        i.scheme = Some(scheme.into());
    }
    E(Event::Qr(reply))
}

/// A status answer: pending, `is_auto_open` = 1.
fn auto_open_says() -> Step {
    E(Event::Status(status("auto_open.json")))
}

const ALIPAYS: &str = "alipays://platformapi/startapp?saId=10000007";

/// The countdown ended and the grace period is over with no verdict: the first status call
/// answered pending, the one at the countdown's end too, the last one failed.
fn lapsed() -> Vec<Step> {
    then(vec![
        st(1),
        E(Event::CountdownEnded),
        st(1),
        GraceDue,
        net_err(),
    ])
}

fn rows() -> Vec<Row> {
    let blank = [ID, r#","pay_type":"""#].concat();
    vec![
        Row {
            name: "a jump the hop limit refused, then paid: the return still goes out",
            config: here_config(),
            steps: then(vec![
                qr_jump(Some("https://m.example/gateway"), None),
                E(Event::NavigationBlocked),
                paid_to(RETURN),
                E(Event::ReturnDue),
            ]),
            phase: Phase::Paid,
            commands: after_loading(&["navigate https://m.example/gateway", "stop", "return-in 2000", NAVIGATE_RETURN]),
        },
        Row {
            name: "an info redirect refused: unavailable; retry asks again and its way on goes, uncounted",
            config: here_config(),
            steps: vec![
                E(Event::Start),
                info_redirect("https://elsewhere.example/pay"),
                E(Event::NavigationBlocked),
                E(Event::RetryInfo),
                info_redirect("https://elsewhere.example/pay"),
            ],
            phase: Phase::Loading,
            commands: vec!["info", "navigate https://elsewhere.example/pay", "info", "go https://elsewhere.example/pay"],
        },
        Row {
            name: "the cashier's way to the separate page refused: retry works",
            config: cashier_config(Cashier::Send),
            steps: vec![
                E(Event::Start),
                info_with(&blank),
                E(Event::NavigationBlocked),
                E(Event::RetryInfo),
                info_with(&blank),
            ],
            phase: Phase::Loading,
            commands: vec!["info", TO_SEPARATE, "info", "go https://pay.example/pay/separate/202406010001"],
        },
        Row {
            name: "the separate page's way to the pay page refused: the choice is open again, and goes uncounted",
            config: cashier_config(Cashier::Choose),
            steps: vec![
                E(Event::Start),
                info_with(ID),
                types_answer(TWO_TYPES),
                choose("alipay"),
                chosen(CHOSEN_OK),
                E(Event::NavigationBlocked),
                choose("alipay"),
                chosen(CHOSEN_OK),
            ],
            phase: Phase::Pending,
            commands: vec![
                "info",
                "types",
                "chose-type alipay",
                TO_PAY,
                "chose-type alipay",
                "go https://pay.example/pay/202406010001",
            ],
        },
        Row {
            name: "a status redirect refused: polling goes on, not tried again by itself; paid returns",
            config: here_config(),
            steps: then(vec![
                st_redirect(1, "/elsewhere"),
                E(Event::NavigationBlocked),
                PollDue,
                st_redirect(1, "/elsewhere"),
                PollDue,
                paid_to(RETURN),
                E(Event::ReturnDue),
            ]),
            phase: Phase::Paid,
            commands: after_loading(&["poll", "navigate /elsewhere", "status", "poll", "status", "stop", "return-in 2000", NAVIGATE_RETURN]),
        },
        Row {
            name: "the merchant's return page has a pay segment and its out_order_id: returned to",
            config: here_config(),
            steps: then(vec![
                paid_to("https://merchant.example/shop/pay/EXT20240601?from=paypage"),
                E(Event::ReturnDue),
            ]),
            phase: Phase::Paid,
            commands: after_loading(&["stop", "return-in 2000", "go https://merchant.example/shop/pay/EXT20240601?from=paypage"]),
        },
        Row {
            name: "a return_uri back to this pay page: no return by itself (a link instead)",
            config: here_config(),
            steps: then(vec![
                paid_to("https://pay.example/pay/202406010001"),
                E(Event::ReturnDue),
                E(Event::ReturnNow),
            ]),
            phase: Phase::Paid,
            commands: after_loading(&["stop"]),
        },
        Row {
            name: "after the grace period a failed check is not a verdict: paid later, one return",
            config: here_config(),
            steps: join(lapsed(), vec![
                    PollDue,
                    st(1),
                    E(Event::CheckNow),
                    paid_to(RETURN),
                    E(Event::ReturnDue),
                    E(Event::ReturnNow),
                ]),
            phase: Phase::Paid,
            commands: after_lapsing(&["status", "poll-lapsed", "cooldown", "status", "stop", "return-in 2000", NAVIGATE_RETURN]),
        },
        Row {
            name: "after the grace period the server's own expired ends the order",
            config: here_config(),
            steps: join(lapsed(), vec![PollDue, st(4), PollDue, E(Event::CheckNow)]),
            phase: Phase::Expired,
            commands: after_lapsing(&["status", "stop"]),
        },
        Row {
            name: "shown as expired, the order is checked when the customer comes back",
            config: here_config(),
            steps: join(lapsed(), vec![E(Event::Focus), E(Event::Visibility(true))]),
            phase: Phase::Lapsed,
            commands: after_lapsing(&["status"]),
        },
        Row {
            name: "shown as expired, a later expire_time reopens the order",
            config: here_config(),
            steps: join(lapsed(), vec![PollDue, st_expiring(1, 1_717_220_600), E(Event::CountdownEnded)]),
            phase: Phase::Pending,
            commands: after_lapsing(&["status", "poll", "grace 120", "status"]),
        },
    ]
}

/// Rule 9's app links: opened by the page only with an app scheme, while pending, once.
fn app_rows() -> Vec<Row> {
    vec![
        Row {
            name: "is_auto_open with an app scheme on a phone: opened once, not again",
            config: here_config(),
            steps: then(vec![
                code_with_scheme(ALIPAYS),
                auto_open_says(),
                PollDue,
                auto_open_says(),
                E(Event::Focus),
            ]),
            phase: Phase::Pending,
            commands: after_loading(&["poll", "open-app alipays://platformapi/startapp?saId=10000007", "status", "poll", "status"]),
        },
        Row {
            name: "is_auto_open before the code arrives: opened once the code is there",
            config: here_config(),
            steps: then(vec![auto_open_says(), code_with_scheme(ALIPAYS)]),
            phase: Phase::Pending,
            commands: after_loading(&["poll", "open-app alipays://platformapi/startapp?saId=10000007"]),
        },
        Row {
            name: "is_auto_open with an https universal link: never by itself (it would unload the page)",
            config: here_config(),
            steps: then(vec![
                code_with_scheme("https://render.alipay.example/p/s/i?scheme=x"),
                auto_open_says(),
            ]),
            phase: Phase::Pending,
            commands: after_loading(&["poll"]),
        },
        Row {
            name: "is_auto_open with https: written without // is a web page too: never by itself",
            config: here_config(),
            steps: then(vec![
                code_with_scheme("HTTPS:/render.alipay.example/p/s/i"),
                auto_open_says(),
            ]),
            phase: Phase::Pending,
            commands: after_loading(&["poll"]),
        },
        Row {
            name: "is_auto_open after the customer's own tap: not again by itself",
            config: here_config(),
            steps: then(vec![
                code_with_scheme(ALIPAYS),
                E(Event::AppTapped),
                auto_open_says(),
            ]),
            phase: Phase::Pending,
            commands: after_loading(&["note-app-opened", "poll"]),
        },
        Row {
            name: "a type: jump to an https scheme is the one navigation, never an app opening",
            config: here_config(),
            steps: then(vec![qr_jump(None, Some("https://m.example/app-link"))]),
            phase: Phase::Pending,
            commands: after_loading(&["navigate https://m.example/app-link"]),
        },
        Row {
            name: "is_auto_open on a final screen: nothing opens",
            config: here_config(),
            steps: then(vec![
                code_with_scheme(ALIPAYS),
                E(Event::Status(status("closed.json"))),
                E(Event::Qr(qr("real.json"))),
            ]),
            phase: Phase::Closed,
            commands: after_loading(&["stop"]),
        },
    ]
}

#[test]
fn app_links_never_unload_the_page() {
    check(app_rows());
}

#[test]
fn every_way_out_of_the_page() {
    check(rows());
}

#[test]
fn a_return_the_browser_cannot_go_to_says_so() {
    let (s, c) = story(
        State::new(here_config()),
        then(vec![
            paid_to(RETURN),
            E(Event::ReturnDue),
            E(Event::NavigationBlocked),
            E(Event::ReturnNow),
        ]),
    );
    assert_eq!(
        c,
        after_loading(&["stop", "return-in 2000", NAVIGATE_RETURN])
    );
    assert_eq!(s.return_to, None, "not 'returning in 0 s' for ever");
    assert!(s.return_refused);
    assert_eq!(s.navigated_to, None);
}

#[test]
fn the_separate_pages_refused_way_on_says_so() {
    let (s, _) = story(
        State::new(cashier_config(Cashier::Choose)),
        vec![
            E(Event::Start),
            info_with(ID),
            types_answer(TWO_TYPES),
            choose("alipay"),
            chosen(CHOSEN_OK),
            E(Event::NavigationBlocked),
        ],
    );
    assert!(s.chose_error.is_some(), "the choice says it was refused");
    assert_eq!(s.navigated_to, None);
}

#[test]
fn a_return_back_to_this_page_is_offered_as_a_link() {
    let (s, _) = story(
        State::new(here_config()),
        then(vec![paid_to("/pay/202406010001")]),
    );
    assert_eq!(s.return_to, None);
    assert!(
        !s.return_refused,
        "not unsafe: it would only reload this page"
    );
    assert_eq!(s.merchant_link.as_deref(), Some("/pay/202406010001"));
    // One the URL policy refuses is neither followed nor linked.
    let (s, _) = story(
        State::new(here_config()),
        then(vec![paid_to("javascript:alert(1)")]),
    );
    assert!(s.return_refused);
    assert_eq!((s.return_to, s.merchant_link), (None, None));
}

#[test]
fn a_refused_jump_shows_its_answers_code_if_it_has_one() {
    let mut answer = qr("jump.json");
    if let Ok(i) = answer.result.as_mut() {
        i.qrcode = Some("https://qr.alipay.com/fkx15742tdtmcruhbwsv45b".into());
    }
    let (s, c) = story(
        State::new(here_config()),
        then(vec![E(Event::Qr(answer)), E(Event::NavigationBlocked)]),
    );
    assert_eq!(
        c.last().map(String::as_str),
        Some("navigate https://openapi.alipay.example/gateway.do?x=1")
    );
    assert!(
        matches!(&s.qr, Some(QrState::Ready { plan: QrPlan::Encode(code), .. }) if code.payload.contains("fkx15742")),
        "{:?}",
        s.qr
    );
    assert_eq!(s.navigated_to, None, "a refused navigation did not happen");
    // Without a code the jump is offered as a link to tap (a tap is not a loop).
    let (s, _) = story(
        State::new(here_config()),
        then(vec![
            E(Event::Qr(qr("jump.json"))),
            E(Event::NavigationBlocked),
        ]),
    );
    assert!(
        matches!(&s.qr, Some(QrState::Ready { plan: QrPlan::JumpBlocked(u), .. }) if u == "https://openapi.alipay.example/gateway.do?x=1"),
        "{:?}",
        s.qr
    );
    // A jump back to this page is refused outright: no link to it.
    let (s, _) = story(
        State::new(here_config()),
        then(vec![qr_jump(Some("/pay/202406010001"), None)]),
    );
    assert!(matches!(
        &s.qr,
        Some(QrState::Ready {
            plan: QrPlan::JumpRefused,
            ..
        })
    ));
}

#[test]
fn the_lapsed_screen_links_back_to_the_merchant_like_the_expired_one() {
    let mut reply = info("pending.json");
    if let Ok(i) = reply.result.as_mut() {
        i.return_uri = Some(RETURN.into());
    }
    let steps = vec![
        E(Event::Start),
        E(Event::Info(reply)),
        st(1),
        E(Event::CountdownEnded),
        st(1),
        GraceDue,
        net_err(),
    ];
    let (s, _) = story(State::new(here_config()), steps);
    assert_eq!(s.phase, Phase::Lapsed);
    assert_eq!(s.merchant_link.as_deref(), Some(RETURN));
}
