//! Every way out of the page (rules 5, 7, 9, 11): a final state is final, redirects through the
//! URL policy and never back to this order's pages, one return to the merchant once paid, and
//! only a navigation that went out counts (the hop limit never guards the return; a refused way
//! on leaves the page usable).

use paypage_core::machine::{Cashier, Event, MachineConfig, Phase, QrState};
use paypage_core::model::OrderStatus;
use paypage_core::present::QrPlan;
use paypage_core::wire::Reply;

use super::{
    cashier_config, check, choose, chosen, fresh, here, here_config, info_with, lapsed, net_err,
    paid, paid_to, pending, qr_jump, st, st_expiring, st_redirect, story, types_answer, GraceDue,
    PollDue, Row, Start, Step, CHOSEN_OK, E, ID, NAVIGATE_RETURN, RETURN, TO_PAY, TO_SEPARATE,
    TWO_TYPES,
};
use crate::support::{audio, info, qr, status};

/// Rules 5, 7 and 9 from a pending order.
fn rows() -> Vec<Row> {
    let start = Start::at(pending(MachineConfig::default()));
    let (due, now) = (E(Event::ReturnDue), E(Event::ReturnNow));
    vec![
        start.row(
            "rule 5: a final state is final: nothing reopens it, no call after it",
            vec![
                paid(),
                st(1),
                E(Event::Info(info("pending.json"))),
                E(Event::Start),
                E(Event::RetryInfo),
                E(Event::Visibility(true)),
                E(Event::Focus),
                E(Event::CountdownEnded),
                E(Event::PollDue(99)),
                E(Event::Qr(qr("real.json"))),
                E(Event::RetryQr),
            ],
            Phase::Paid,
            &["stop", "return-in 5000"],
        ),
        start.row(
            "rule 7: a redirect is followed through the URL policy",
            vec![E(Event::Status(status("redirect.json")))],
            Phase::Pending,
            &["poll", "navigate /pay/status?order_id=R1"],
        ),
        start.row(
            "rule 9: paid navigates exactly once, after the wait or on request",
            vec![paid(), now.clone(), due.clone(), now.clone()],
            Phase::Paid,
            &["stop", "return-in 5000", NAVIGATE_RETURN],
        ),
        start.row(
            "rule 9: no navigation without an allowed return_uri",
            vec![
                E(Event::Status(status("paid_hostile.json"))),
                due.clone(),
                now.clone(),
            ],
            Phase::Paid,
            &["stop"],
        ),
        start.row(
            "rule 9: no navigation without a return_uri",
            vec![st(2), due.clone(), now.clone()],
            Phase::Paid,
            &["stop"],
        ),
        here().row(
            "a redirect back to this pay page is not followed",
            vec![
                st_redirect(1, "/pay/202406010001"),
                PollDue,
                st_redirect(1, "https://pay.example/pay/202406010001?x=1"),
                PollDue,
                st_redirect(1, "/pay/separate/202406010001"),
                PollDue,
                st_redirect(1, "/pay/status?out_order_id=EXT20240601&pid=1"),
            ],
            Phase::Pending,
            &["poll", "status", "poll", "status", "poll", "status", "poll"],
        ),
        here().row(
            "a return_uri back to this page is refused: no navigation, no loop",
            vec![paid_to("/pay/202406010001"), now, due],
            Phase::Paid,
            &["stop"],
        ),
        here().row(
            "a redirect elsewhere is followed once",
            vec![
                st_redirect(1, "/pay/status?order_id=R1"),
                PollDue,
                st_redirect(1, "/elsewhere"),
            ],
            Phase::Pending,
            &["poll", "navigate /pay/status?order_id=R1", "status", "poll"],
        ),
        here().row(
            "late answers after a final state do not navigate",
            vec![
                st(3),
                E(Event::Qr(Reply {
                    redirect: Some("/x".into()),
                    ..qr("jump.json")
                })),
                E(Event::Audio(Reply {
                    redirect: Some("/y".into()),
                    ..audio("enabled.json")
                })),
                st_redirect(1, "/z"),
            ],
            Phase::Closed,
            &["stop"],
        ),
    ]
}

#[test]
fn rules_5_7_and_9_final_states_redirects_and_the_return() {
    check(rows());
}

#[test]
fn rule11_every_way_out_of_the_page() {
    check(way_out_rows());
}

#[test]
fn rule7_redirect_followed_only_through_the_url_policy() {
    let (s, _) = story(
        pending(MachineConfig::default()),
        vec![E(Event::Status(status("redirect.json")))],
    );
    assert_eq!(s.navigated_to.as_deref(), Some("/pay/status?order_id=R1"));
    let (s, c) = story(
        fresh(MachineConfig::default()),
        vec![E(Event::Start), E(Event::Info(info("hostile.json")))],
    );
    assert!(no_navigation(&c), "javascript: redirect refused: {c:?}");
    assert_eq!(s.navigated_to, None);
}

#[test]
fn rule9_paid_navigates_exactly_once_after_the_wait() {
    let (s, _) = story(
        pending(MachineConfig::default()),
        vec![E(Event::Status(status("paid.json")))],
    );
    assert_eq!(s.return_wait_secs, 5);
    let (s, _) = story(s, vec![E(Event::ReturnNow)]);
    assert!(s.navigated_to.is_some());
}

/// Precedence of the single navigation after "paid": return_uri, never a late envelope redirect.
#[test]
fn rule9_after_paid_a_late_redirect_does_not_take_the_navigation() {
    let (s, _) = story(
        pending(MachineConfig::default()),
        vec![E(Event::Status(status("paid.json")))],
    );
    assert_eq!(s.phase, Phase::Paid);
    let mut late_qr = qr("real.json");
    late_qr.redirect = Some("/pay/status?order_id=late".to_owned());
    let mut late_audio = audio("enabled.json");
    late_audio.redirect = Some("/pay/status?order_id=late".to_owned());
    let (s, c) = story(s, vec![E(Event::Qr(late_qr)), E(Event::Audio(late_audio))]);
    assert!(c.is_empty(), "{c:?}");
    assert_eq!(s.navigated_to, None);
    let (_, c) = story(s, vec![E(Event::ReturnDue)]);
    assert_eq!(c, [NAVIGATE_RETURN]);
    // A status answer that says paid and carries a redirect: return_uri still wins.
    let mut paid_with_redirect = status("paid.json");
    paid_with_redirect.redirect = Some("/pay/status?order_id=elsewhere".into());
    let (s, c) = story(
        pending(MachineConfig::default()),
        vec![E(Event::Status(paid_with_redirect))],
    );
    assert!(no_navigation(&c), "{c:?}");
    assert_eq!(s.phase, Phase::Paid);
}

#[test]
fn rule9_return_uri_from_info_when_status_has_none_and_wait_override() {
    let cfg = MachineConfig {
        return_wait_override: Some(1),
        ..Default::default()
    };
    let (s, _) = story(
        fresh(cfg),
        vec![E(Event::Start), E(Event::Info(info("paid.json")))],
    );
    assert_eq!(s.phase, Phase::Paid);
    assert_eq!(s.return_wait_secs, 1);
    assert_eq!(s.return_to.as_deref(), Some(RETURN));
}

#[test]
fn rule9_a_return_uri_the_policy_refuses_says_so() {
    let (s, _) = story(
        pending(MachineConfig::default()),
        vec![E(Event::Status(status("paid_hostile.json")))],
    );
    assert!(s.return_refused);
    let (s, _) = story(pending(MachineConfig::default()), vec![st(2)]);
    assert!(!s.return_refused && s.return_to.is_none());
}

/// Whether none of the commands is a navigation.
fn no_navigation(commands: &[String]) -> bool {
    commands
        .iter()
        .all(|c| !c.starts_with("navigate ") && !c.starts_with("go "))
}

#[test]
fn a_redirect_on_the_info_answer_stops_the_other_calls() {
    let mut reply = info("pending.json");
    reply.redirect = Some("https://elsewhere.example/pay".into());
    let (s, c) = story(
        fresh(here_config()),
        vec![E(Event::Start), E(Event::Info(reply)), E(Event::RetryInfo)],
    );
    assert_eq!(c, ["info", "navigate https://elsewhere.example/pay"]);
    assert_eq!(s.phase, Phase::Loading);
    // One back to this page is not followed, and the order loads.
    let mut reply = info("pending.json");
    reply.redirect = Some("/pay/202406010001".into());
    let (s, c) = story(
        fresh(here_config()),
        vec![E(Event::Start), E(Event::Info(reply))],
    );
    assert_eq!(s.phase, Phase::Pending);
    assert_eq!(c, ["info", "qrcode", "audio", "status"]);
}

#[test]
fn final_screens_link_back_to_the_merchant_when_info_gave_a_return_uri() {
    let with_return = |status: i64, uri: &str| {
        let mut reply = info("closed.json");
        if let Ok(i) = reply.result.as_mut() {
            i.status = OrderStatus::from_code(status);
            i.return_uri = Some(uri.into());
        }
        story(
            fresh(here_config()),
            vec![E(Event::Start), E(Event::Info(reply))],
        )
        .0
    };
    for (code, phase) in [(3, Phase::Closed), (4, Phase::Expired), (5, Phase::Failed)] {
        let s = with_return(code, RETURN);
        assert_eq!(s.phase, phase);
        assert_eq!(s.merchant_link.as_deref(), Some(RETURN), "status {code}");
        assert_eq!(s.navigated_to, None, "a link, not a navigation");
    }
    assert_eq!(with_return(3, "javascript:alert(1)").merchant_link, None);
    assert_eq!(
        with_return(3, "/pay/202406010001").merchant_link,
        None,
        "not back here"
    );
    let (s, _) = story(
        fresh(here_config()),
        vec![E(Event::Start), E(Event::Info(info("closed.json")))],
    );
    assert_eq!(s.merchant_link, None, "no return_uri, no link");
}

#[test]
fn a_return_the_browser_cannot_go_to_says_so() {
    let (s, c) = story(
        pending(here_config()),
        vec![
            paid_to(RETURN),
            E(Event::ReturnDue),
            E(Event::NavigationBlocked),
            E(Event::ReturnNow),
        ],
    );
    assert_eq!(c, ["stop", "return-in 2000", NAVIGATE_RETURN]);
    assert_eq!(s.return_to, None, "not 'returning in 0 s' for ever");
    assert!(s.return_refused);
    assert_eq!(s.navigated_to, None);
}

#[test]
fn the_separate_pages_refused_way_on_says_so() {
    let s = choice_refused().end();
    assert!(s.chose_error.is_some(), "the choice says it was refused");
    assert_eq!(s.navigated_to, None);
}

/// The separate page offering two pay types; the customer chose one, and the way to the pay page
/// was refused.
fn choice_refused() -> Start {
    let steps = vec![
        E(Event::Start),
        info_with(ID),
        types_answer(TWO_TYPES),
        choose("alipay"),
        chosen(CHOSEN_OK),
        E(Event::NavigationBlocked),
    ];
    let commands = ["info", "types", "chose-type alipay", TO_PAY];
    Start::at(fresh(cashier_config(Cashier::Choose))).then(steps, &commands)
}

/// A page loading with `config`: `answer` to info, whose way on (`ways[0]`) is refused; a retry
/// asks info again and its way on goes, uncounted (`ways[1]`).
fn retried(
    name: &'static str,
    config: MachineConfig,
    answer: Step,
    ways: [&'static str; 2],
) -> Row {
    let refused = E(Event::NavigationBlocked);
    let steps = vec![
        E(Event::Start),
        answer.clone(),
        refused,
        E(Event::RetryInfo),
        answer,
    ];
    let commands = ["info", ways[0], "info", ways[1]];
    Start::at(fresh(config)).row(name, steps, Phase::Loading, &commands)
}

#[test]
fn a_return_back_to_this_page_is_offered_as_a_link() {
    let (s, _) = story(pending(here_config()), vec![paid_to("/pay/202406010001")]);
    assert_eq!(s.return_to, None);
    assert!(
        !s.return_refused,
        "not unsafe: it would only reload this page"
    );
    assert_eq!(s.merchant_link.as_deref(), Some("/pay/202406010001"));
    // One the URL policy refuses is neither followed nor linked.
    let (s, _) = story(pending(here_config()), vec![paid_to("javascript:alert(1)")]);
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
        pending(here_config()),
        vec![E(Event::Qr(answer)), E(Event::NavigationBlocked)],
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
        pending(here_config()),
        vec![E(Event::Qr(qr("jump.json"))), E(Event::NavigationBlocked)],
    );
    assert!(
        matches!(&s.qr, Some(QrState::Ready { plan: QrPlan::JumpBlocked(u), .. }) if u == "https://openapi.alipay.example/gateway.do?x=1"),
        "{:?}",
        s.qr
    );
    // A jump back to this page is refused outright: no link to it.
    let (s, _) = story(
        pending(here_config()),
        vec![qr_jump(Some("/pay/202406010001"), None)],
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
    let (s, _) = story(fresh(here_config()), steps);
    assert_eq!(s.phase, Phase::Lapsed);
    assert_eq!(s.merchant_link.as_deref(), Some(RETURN));
}

/// An info answer of a pending order with an envelope redirect.
fn info_redirect(to: &str) -> Step {
    let mut reply = info("pending.json");
    reply.redirect = Some(to.into());
    E(Event::Info(reply))
}

/// Rules 7 and 11: every way out of the page.
fn way_out_rows() -> Vec<Row> {
    let blank = [ID, r#","pay_type":"""#].concat();
    let (due, now, blocked) = (
        E(Event::ReturnDue),
        E(Event::ReturnNow),
        E(Event::NavigationBlocked),
    );
    let returned = ["stop", "return-in 2000", NAVIGATE_RETURN];
    vec![
        here().row(
            "a jump the hop limit refused, then paid: the return still goes out",
            vec![
                qr_jump(Some("https://m.example/gateway"), None),
                blocked.clone(),
                paid_to(RETURN),
                due.clone(),
            ],
            Phase::Paid,
            &[&["navigate https://m.example/gateway"], &returned[..]].concat(),
        ),
        retried(
            "an info redirect refused: unavailable; a retry asks again, its way on goes uncounted",
            here_config(),
            info_redirect("https://elsewhere.example/pay"),
            [
                "navigate https://elsewhere.example/pay",
                "go https://elsewhere.example/pay",
            ],
        ),
        retried(
            "the cashier's way to the separate page refused: retry works",
            cashier_config(Cashier::Send),
            info_with(&blank),
            [
                TO_SEPARATE,
                "go https://pay.example/pay/separate/202406010001",
            ],
        ),
        choice_refused().row(
            "the separate page's way on refused: the choice is open again, and goes uncounted",
            vec![choose("alipay"), chosen(CHOSEN_OK)],
            Phase::Pending,
            &[
                "chose-type alipay",
                "go https://pay.example/pay/202406010001",
            ],
        ),
        here().row(
            "a status redirect refused: polling goes on, not tried again by itself; paid returns",
            vec![
                st_redirect(1, "/elsewhere"),
                blocked,
                PollDue,
                st_redirect(1, "/elsewhere"),
                PollDue,
                paid_to(RETURN),
                due.clone(),
            ],
            Phase::Paid,
            &[
                &["poll", "navigate /elsewhere", "status", "poll", "status"],
                &returned[..],
            ]
            .concat(),
        ),
        here().row(
            "the merchant's return page has a pay segment and its out_order_id: returned to",
            vec![
                paid_to("https://merchant.example/shop/pay/EXT20240601?from=paypage"),
                due.clone(),
            ],
            Phase::Paid,
            &[
                "stop",
                "return-in 2000",
                "go https://merchant.example/shop/pay/EXT20240601?from=paypage",
            ],
        ),
        here().row(
            "a return_uri back to this pay page: no return by itself (a link instead)",
            vec![
                paid_to("https://pay.example/pay/202406010001"),
                due.clone(),
                now.clone(),
            ],
            Phase::Paid,
            &["stop"],
        ),
        lapsed().row(
            "after the grace period a failed check is not a verdict: paid later, one return",
            vec![
                PollDue,
                st(1),
                E(Event::CheckNow),
                paid_to(RETURN),
                due,
                now,
            ],
            Phase::Paid,
            &[
                &["status", "poll-lapsed", "cooldown", "status"],
                &returned[..],
            ]
            .concat(),
        ),
        lapsed().row(
            "after the grace period the server's own expired ends the order",
            vec![PollDue, st(4), PollDue, E(Event::CheckNow)],
            Phase::Expired,
            &["status", "stop"],
        ),
        lapsed().row(
            "shown as expired, the order is checked when the customer comes back",
            vec![E(Event::Focus), E(Event::Visibility(true))],
            Phase::Lapsed,
            &["status"],
        ),
        lapsed().row(
            "shown as expired, a later expire_time reopens the order",
            vec![
                PollDue,
                st_expiring(1, 1_717_220_600),
                E(Event::CountdownEnded),
            ],
            Phase::Pending,
            &["status", "poll", "grace 120", "status"],
        ),
    ]
}
