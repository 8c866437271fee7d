//! Loading the order (rules 1-3): info first, a dead order stops everything, a pending one starts
//! qrcode, audio and status together; the code, the jump and the app of the order.

use paypage_core::error::{Error, ErrorKind};
use paypage_core::machine::{Event, MachineConfig, Phase, QrState, State};
use paypage_core::model::OrderStatus;
use paypage_core::present::{App, Browser, InApp, QrPlan};
use paypage_core::wire::Reply;

use super::{
    check, fresh, here_config, net_error, pending, pokes, qr_jump, st, story, PollDue, Row, Start,
    Step, E, PHONE,
};
use crate::support::{info, qr};

/// A fresh page's start, then these answers and events.
fn started(rest: Vec<Step>) -> Vec<Step> {
    super::join(vec![E(Event::Start)], rest)
}

/// Every event that could start a call on a page that should make none.
fn everything() -> Vec<Step> {
    let more = [Event::CountdownEnded, Event::RetryQr, Event::RetryInfo];
    super::join(pokes(), more.into_iter().map(E).collect())
}

/// A fresh page with `config`, started: its info call out.
fn page(config: MachineConfig) -> Start {
    Start::at(fresh(config)).then(vec![E(Event::Start)], &["info"])
}

/// An info answer from `fixtures/info/`.
fn info_says(fixture: &str) -> Step {
    E(Event::Info(info(fixture)))
}

fn rows() -> Vec<Row> {
    let plain = page(MachineConfig::default());
    let dead = |name, phase, commands| {
        let steps = super::join(vec![info_says(name)], everything());
        plain.row(name, steps, phase, commands)
    };
    let loads = |name, config, fixture, commands| {
        page(config).row(name, vec![info_says(fixture)], Phase::Pending, commands)
    };
    let no_audio = MachineConfig {
        audio: false,
        ..Default::default()
    };
    vec![
        plain.row(
            "rule 1: info comes first; nothing else is fetched before it answers",
            vec![
                E(Event::Visibility(true)),
                E(Event::Focus),
                E(Event::PollDue(1)),
                E(Event::CountdownEnded),
                E(Event::RetryQr),
                E(Event::Start),
            ],
            Phase::Loading,
            &[],
        ),
        dead("closed.json", Phase::Closed, &["stop"]),
        dead("expired.json", Phase::Expired, &["stop"]),
        dead("failed.json", Phase::Failed, &["stop"]),
        dead("paid.json", Phase::Paid, &["stop", "return-in 5000"]),
        plain.row(
            "rule 2: not found is final and calls nothing, not even on a retry",
            vec![info_says("not_found.json"), E(Event::RetryInfo)],
            Phase::NotFound,
            &["stop"],
        ),
        loads(
            "rule 3: qrcode, audio and the first status start together",
            MachineConfig::default(),
            "pending.json",
            &["qrcode", "audio", "status"],
        ),
        loads(
            "rule 3: no audio when info says audio_enable \"0\"",
            MachineConfig::default(),
            "pending_strings.json",
            &["qrcode", "status"],
        ),
        loads(
            "rule 3: no audio when the merchant turned it off",
            no_audio.clone(),
            "pending.json",
            &["qrcode", "status"],
        ),
        page(MachineConfig {
            qr: false,
            ..no_audio
        })
        .row(
            "the status page never asks for a QR code or audio",
            vec![info_says("pending.json"), E(Event::RetryQr), st(1), PollDue],
            Phase::Pending,
            &["status", "poll", "status"],
        ),
        plain.row(
            "a failed info call is retried by itself, and the retry loads the order",
            vec![
                E(Event::Info(Reply::err(net_error()))),
                E(Event::RetryInfo),
                info_says("pending.json"),
            ],
            Phase::Pending,
            &["info-retry", "info", "qrcode", "audio", "status"],
        ),
    ]
}

#[test]
fn rules_1_to_3_loading_the_order() {
    check(rows());
}

#[test]
fn info_failures_retry_by_themselves_when_retry_can_help() {
    let (s, c) = story(
        fresh(MachineConfig::default()),
        started(vec![E(Event::Info(Reply::err(net_error())))]),
    );
    assert!(matches!(s.phase, Phase::Unavailable { retrying: true, .. }));
    assert_eq!(c, ["info", "info-retry"]);
    let (s, _) = story(s, vec![E(Event::RetryInfo)]);
    assert_eq!(s.phase, Phase::Loading);

    let (s, c) = story(
        fresh(MachineConfig::default()),
        started(vec![E(Event::Info(info("signature.json")))]),
    );
    assert!(matches!(
        s.phase,
        Phase::Unavailable {
            retrying: false,
            ..
        }
    ));
    assert_eq!(c, ["info"], "403 is not retried by itself");
    let (_, c) = story(s, vec![E(Event::RetryInfo)]);
    assert_eq!(c, ["info"], "but the customer can retry");
}

#[test]
fn jump_navigates_through_the_policy_or_says_refused() {
    let (s, c) = story(
        pending(MachineConfig::default()),
        vec![E(Event::Qr(qr("jump.json")))],
    );
    assert_eq!(
        c,
        ["navigate https://openapi.alipay.example/gateway.do?x=1"]
    );
    assert!(matches!(
        s.qr,
        Some(QrState::Ready {
            plan: QrPlan::Jump(_),
            ..
        })
    ));
    let (s, c) = story(
        pending(MachineConfig::default()),
        vec![E(Event::Qr(qr("jump_hostile.json")))],
    );
    assert!(c.is_empty());
    assert!(matches!(
        s.qr,
        Some(QrState::Ready {
            plan: QrPlan::JumpRefused,
            ..
        })
    ));
}

#[test]
fn qr_failure_is_retried_and_recovers() {
    let timeout = Reply::err(Error::new(ErrorKind::Timeout, "t"));
    let (s, c) = story(
        pending(MachineConfig::default()),
        vec![E(Event::Qr(timeout))],
    );
    assert_eq!(c, ["qrcode-retry"]);
    assert!(matches!(s.qr, Some(QrState::Failed(_))));
    let (s, c) = story(s, vec![E(Event::RetryQr)]);
    assert_eq!(c, ["qrcode"]);
    let (s, c) = story(s, vec![E(Event::RetryQr)]);
    assert!(c.is_empty(), "one QR call at a time");
    let (s, _) = story(s, vec![E(Event::Qr(qr("real.json")))]);
    assert!(matches!(s.qr, Some(QrState::Ready { .. })));
}

#[test]
fn info_that_disagrees_with_the_amount_in_the_page_is_unreadable() {
    // pending.json: trade_amount 1000 fen.
    for (page, readable) in [
        (Some(1000), true),
        (None, true),
        (Some(1001), false),
        (Some(100_000), false),
    ] {
        let cfg = MachineConfig {
            page_amount: page,
            ..MachineConfig::default()
        };
        let (s, c) = story(
            fresh(cfg),
            vec![E(Event::Start), E(Event::Info(info("pending.json")))],
        );
        if readable {
            assert_eq!(s.phase, Phase::Pending, "{page:?}");
        } else {
            assert!(
                matches!(&s.phase, Phase::Unavailable { error, retrying: true } if *error.kind() == ErrorKind::UnreadableOrder),
                "{page:?}: {:?}",
                s.phase
            );
            assert!(s.order.is_none(), "no amount shown");
            assert!(s.qr.is_none(), "no QR");
            assert_eq!(c, ["info", "info-retry"], "nothing but a retry of info");
        }
    }
    // A dead order is shown whatever the page says (nothing to pay).
    let cfg = MachineConfig {
        page_amount: Some(1),
        ..MachineConfig::default()
    };
    let (s, _) = story(
        fresh(cfg),
        vec![E(Event::Start), E(Event::Info(info("paid.json")))],
    );
    assert_eq!(s.phase, Phase::Paid);
}

#[test]
fn an_unknown_status_code_in_info_is_asked_again_not_an_ending() {
    let mut reply = info("pending.json");
    if let Ok(i) = reply.result.as_mut() {
        i.status = OrderStatus::Unknown(9);
    }
    let (s, c) = story(
        fresh(MachineConfig::default()),
        vec![E(Event::Start), E(Event::Info(reply))],
    );
    assert!(
        matches!(s.phase, Phase::Unavailable { retrying: true, .. }),
        "{:?}",
        s.phase
    );
    assert_eq!(c, ["info", "warn", "info-retry"]);
}

#[test]
fn the_app_is_the_pay_types_else_the_payloads() {
    let (s, _) = story(
        pending(here_config()),
        vec![E(Event::Qr(qr("wechat.json")))],
    );
    assert_eq!(s.app(), App::Alipay, "pending.json says alipay");
    let mut blank = info("pending.json");
    if let Ok(i) = blank.result.as_mut() {
        i.pay_type = None;
    }
    let (s, _) = story(
        fresh(MachineConfig::default()),
        vec![
            E(Event::Start),
            E(Event::Info(blank)),
            E(Event::Qr(qr("wechat.json"))),
        ],
    );
    assert_eq!(s.app(), App::Wechat);
}

#[test]
fn a_scheme_only_jump_is_not_the_navigation() {
    let (s, _) = story(
        pending(here_config()),
        vec![qr_jump(None, Some("weixin://dl/business/?t=x"))],
    );
    assert_eq!(s.navigated_to, None);
    assert_eq!(s.opened_app.as_deref(), Some("weixin://dl/business/?t=x"));
    // A web target is the navigation.
    let (s, c) = story(
        pending(here_config()),
        vec![qr_jump(Some("https://m.example/pay"), None)],
    );
    assert_eq!(s.navigated_to.as_deref(), Some("https://m.example/pay"));
    assert_eq!(c, ["navigate https://m.example/pay"]);
}

#[test]
fn an_app_link_jump_opens_the_app_only_where_it_can_open() {
    let scheme = "alipays://platformapi/startapp?saId=10000007";
    let wechat = Browser {
        mobile: true,
        in_app: Some(InApp::Pay(App::Wechat)),
        ios: false,
    };
    let desktop = Browser {
        mobile: false,
        in_app: None,
        ios: false,
    };
    for (browser, auto_open, opened) in [
        (PHONE, true, true),
        (PHONE, false, false),
        (desktop, true, false),
        (wechat, true, false),
    ] {
        let cfg = MachineConfig {
            browser,
            auto_open,
            ..here_config()
        };
        let (s, c) = story(pending(cfg), vec![qr_jump(None, Some(scheme))]);
        assert_eq!(!c.is_empty(), opened, "{browser:?} {auto_open}: {c:?}");
        assert_eq!(s.opened_app.is_some(), opened);
        // Either way the link is offered and the page stays.
        assert!(
            matches!(&s.qr, Some(QrState::Ready { plan: QrPlan::OpenApp(u), .. }) if u == scheme)
        );
        assert_eq!(s.navigated_to, None);
    }
}

/// The app replaces the page's first paint only once its own screen shows at least as much: not
/// while loading, not while a pending order's code is on its way; at once for a final order.
#[test]
fn the_app_takes_over_the_first_paint_only_when_its_screen_is_settled() {
    let settled = |from: State, steps: Vec<Step>| story(from, steps).0.settled();
    assert!(!fresh(MachineConfig::default()).settled());
    assert!(!settled(fresh(MachineConfig::default()), started(vec![])));
    let waiting = pending(MachineConfig::default());
    assert_eq!(waiting.qr, Some(QrState::Loading));
    assert!(!waiting.settled(), "the code is still on its way");
    assert!(settled(
        waiting.clone(),
        vec![E(Event::Qr(qr("real.json")))]
    ));
    // An answer with no code in it (`qrcode` blank, `qrcode_data` null) is not decoded: a failure.
    let (failed, _) = story(waiting, vec![E(Event::Qr(qr("empty.json")))]);
    assert!(
        matches!(failed.qr, Some(QrState::Failed(_))),
        "{:?}",
        failed.qr
    );
    assert!(failed.settled(), "a failure is a screen of its own");
    let (paid, _) = story(
        fresh(MachineConfig::default()),
        started(vec![E(Event::Info(info("paid.json")))]),
    );
    assert_eq!(paid.phase, Phase::Paid);
    assert!(paid.settled());
    // The status page asks for no code: pending is settled at once.
    let status_page = MachineConfig {
        qr: false,
        ..MachineConfig::default()
    };
    assert!(settled(fresh(status_page), super::loaded()));
}
