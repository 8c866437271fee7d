//! The state machine's rules, one test (or more) per rule, named after it.

use paypage::core::error::{Error, ErrorKind};
use paypage::core::machine::{transition, Effect, Event, MachineConfig, Phase, QrState, State};
use paypage::core::model::{OrderStatus, StatusInfo};
use paypage::core::present::QrPlan;
use paypage::core::wire::Reply;

use crate::support::{audio, info, qr, status};

fn run(state: State, events: Vec<Event>) -> (State, Vec<Vec<Effect>>) {
    let mut s = state;
    let mut all = Vec::new();
    for e in events {
        let (next, fx) = transition(s, e);
        s = next;
        all.push(fx);
    }
    (s, all)
}

fn fresh() -> State {
    State::new(MachineConfig::default())
}

/// A machine that has loaded a pending order: returns the state after `Start` and `Info`.
fn pending() -> State {
    run(
        fresh(),
        vec![Event::Start, Event::Info(info("pending.json"))],
    )
    .0
}

/// Events that would start a status check if anything could.
fn pokes() -> Vec<Event> {
    vec![
        Event::Visibility(true),
        Event::Focus,
        Event::PollDue(0),
        Event::PollDue(1),
        Event::PollDue(2),
    ]
}

fn is_fetch(e: &Effect) -> bool {
    matches!(
        e,
        Effect::FetchInfo | Effect::FetchQr | Effect::FetchAudio | Effect::FetchStatus
    )
}

fn status_reply(code: i64) -> Event {
    Event::Status(Reply::ok(StatusInfo {
        status: Some(OrderStatus::from_code(code)),
        ..Default::default()
    }))
}

/// Whether none of the effects is a navigation.
fn no_navigation(fxs: &[Vec<Effect>]) -> bool {
    fxs.iter()
        .flatten()
        .all(|e| !matches!(e, Effect::Navigate { .. }))
}

fn net_error() -> Error {
    Error::new(ErrorKind::Network, "offline")
}

#[test]
fn rule1_info_comes_first() {
    let (s, fx) = transition(fresh(), Event::Start);
    assert_eq!(fx, vec![Effect::FetchInfo]);
    assert_eq!(s.phase, Phase::Loading);
    // Nothing else is fetched before info answers, whatever happens meanwhile.
    let (_, fxs) = run(
        s,
        vec![
            Event::Visibility(true),
            Event::Focus,
            Event::PollDue(1),
            Event::CountdownEnded,
            Event::RetryQr,
            Event::Start,
        ],
    );
    assert!(fxs.iter().flatten().all(|e| !is_fetch(e)), "{fxs:?}");
}

#[test]
fn rule2_a_dead_order_on_load_stops_everything() {
    for (name, phase) in [
        ("closed.json", Phase::Closed),
        ("expired.json", Phase::Expired),
        ("failed.json", Phase::Failed),
        ("paid.json", Phase::Paid),
    ] {
        let (s, fxs) = run(fresh(), vec![Event::Start, Event::Info(info(name))]);
        assert_eq!(s.phase, phase, "{name}");
        assert!(!fxs[1].iter().any(is_fetch), "{name}: {:?}", fxs[1]);
        // And nothing later can start a call.
        let (_, later) = run(
            s,
            [
                pokes(),
                vec![Event::CountdownEnded, Event::RetryQr, Event::RetryInfo],
            ]
            .concat(),
        );
        assert!(
            later.iter().flatten().all(|e| !is_fetch(e)),
            "{name}: {later:?}"
        );
    }
}

#[test]
fn rule2_not_found_is_final_and_calls_nothing() {
    let (s, fxs) = run(
        fresh(),
        vec![
            Event::Start,
            Event::Info(info("not_found.json")),
            Event::RetryInfo,
        ],
    );
    assert_eq!(s.phase, Phase::NotFound);
    assert!(fxs[1..].iter().flatten().all(|e| !is_fetch(e)));
}

#[test]
fn rule3_qrcode_audio_and_first_status_start_together() {
    let (s, fx) = transition(
        transition(fresh(), Event::Start).0,
        Event::Info(info("pending.json")),
    );
    assert_eq!(s.phase, Phase::Pending);
    assert_eq!(
        fx,
        vec![Effect::FetchQr, Effect::FetchAudio, Effect::FetchStatus]
    );
    assert!(s.status_in_flight());
    assert_eq!(s.qr, Some(QrState::Loading));
}

#[test]
fn rule3_audio_is_skipped_when_info_says_disabled_or_merchant_turned_it_off() {
    let (_, fx) = transition(
        transition(fresh(), Event::Start).0,
        Event::Info(info("pending_strings.json")),
    );
    assert_eq!(
        fx,
        vec![Effect::FetchQr, Effect::FetchStatus],
        "audio_enable \"0\" in info"
    );
    let cfg = MachineConfig {
        audio: false,
        ..Default::default()
    };
    let (s, _) = transition(State::new(cfg), Event::Start);
    let (_, fx) = transition(s, Event::Info(info("pending.json")));
    assert_eq!(fx, vec![Effect::FetchQr, Effect::FetchStatus]);
}

#[test]
fn rule4_paid_only_when_the_server_said_status_2() {
    for code in [1, 3, 4, 5, 0, 7, -1] {
        let (s, _) = run(pending(), vec![status_reply(code)]);
        assert_ne!(s.phase, Phase::Paid, "status {code}");
    }
    let (s, _) = run(pending(), vec![Event::Status(status("paid.json"))]);
    assert_eq!(s.phase, Phase::Paid);
    // Audio, QR or a redirect never make it paid.
    let (s, _) = run(
        pending(),
        vec![
            Event::Qr(qr("real.json")),
            Event::Audio(audio("enabled.json")),
            Event::Status(status("redirect.json")),
        ],
    );
    assert_eq!(s.phase, Phase::Pending);
}

#[test]
fn rule4_other_server_states_end_the_order() {
    for (code, phase) in [(3, Phase::Closed), (4, Phase::Expired), (5, Phase::Failed)] {
        let (s, fxs) = run(pending(), vec![status_reply(code)]);
        assert_eq!(s.phase, phase);
        assert_eq!(fxs[0], vec![Effect::StopTimers]);
    }
}

#[test]
fn rule5_a_final_state_is_final() {
    let (paid, _) = run(pending(), vec![Event::Status(status("paid.json"))]);
    let events = vec![
        status_reply(1),
        Event::Info(info("pending.json")),
        Event::Start,
        Event::RetryInfo,
        Event::Visibility(true),
        Event::Focus,
        Event::CountdownEnded,
        Event::PollDue(99),
        Event::Qr(qr("real.json")),
        Event::RetryQr,
    ];
    let (s, fxs) = run(paid, events);
    assert_eq!(s.phase, Phase::Paid);
    assert!(fxs.iter().flatten().all(|e| !is_fetch(e)), "{fxs:?}");
}

#[test]
fn rule6_countdown_end_makes_one_last_check_that_decides() {
    let s = pending();
    // The first status call is still in flight: the countdown end waits for it.
    let (s, fx) = transition(s, Event::CountdownEnded);
    assert!(fx.is_empty());
    assert!(s.final_check);
    let (s, _) = transition(s, status_reply(1));
    assert_eq!(
        s.phase,
        Phase::Expired,
        "still pending after the last check: expired"
    );

    let (s, _) = run(pending(), vec![status_reply(1)]);
    let (s, fx) = transition(s, Event::CountdownEnded);
    assert_eq!(fx, vec![Effect::FetchStatus], "one last check");
    let (s, fx2) = transition(s, Event::CountdownEnded);
    assert!(fx2.is_empty(), "only one");
    let (s, _) = transition(s, Event::Status(status("paid.json")));
    assert_eq!(s.phase, Phase::Paid, "paid at the last second is paid");
}

#[test]
fn rule6_a_failed_last_check_is_retried_not_turned_into_expired() {
    let (s, _) = run(pending(), vec![status_reply(1), Event::CountdownEnded]);
    let (s, fx) = transition(s, Event::Status(Reply::err(net_error())));
    assert_eq!(s.phase, Phase::Pending);
    let Some(Effect::SchedulePoll { generation, .. }) = fx.last().cloned() else {
        panic!("{fx:?}")
    };
    let (s, fx) = transition(s, Event::PollDue(generation));
    assert_eq!(fx, vec![Effect::FetchStatus]);
    let (s, _) = transition(s, status_reply(1));
    assert_eq!(s.phase, Phase::Expired);
}

#[test]
fn rule7_redirect_followed_only_through_the_url_policy() {
    let (s, fxs) = run(pending(), vec![Event::Status(status("redirect.json"))]);
    assert!(fxs[0].contains(&Effect::Navigate {
        url: "/pay/status?order_id=R1".into()
    }));
    assert_eq!(s.navigated_to.as_deref(), Some("/pay/status?order_id=R1"));
    let (s, fxs) = run(
        fresh(),
        vec![Event::Start, Event::Info(info("hostile.json"))],
    );
    assert!(no_navigation(&fxs), "javascript: redirect refused");
    assert_eq!(s.navigated_to, None);
}

#[test]
fn rule8_never_two_status_calls_in_flight() {
    let s = pending();
    assert!(s.status_in_flight());
    let (s, fxs) = run(s, pokes());
    assert!(
        fxs.iter().flatten().all(|e| *e != Effect::FetchStatus),
        "{fxs:?}"
    );
    let (s, fx) = transition(s, status_reply(1));
    assert!(
        matches!(fx.as_slice(), [Effect::SchedulePoll { after_ms: 2000, .. }]),
        "{fx:?}"
    );
    let (s, fx) = transition(s, Event::Focus);
    assert_eq!(fx, vec![Effect::FetchStatus]);
    let (_, fx) = transition(s, Event::Visibility(true));
    assert!(fx.is_empty());
}

#[test]
fn rule8_stale_poll_timers_are_ignored() {
    let (s, fxs) = run(pending(), vec![status_reply(1)]);
    let Some(Effect::SchedulePoll {
        generation: old, ..
    }) = fxs[0].first().cloned()
    else {
        panic!()
    };
    // Coming back to the tab checks at once, which supersedes the scheduled poll.
    let (s, fx) = transition(s, Event::Visibility(true));
    assert_eq!(fx, vec![Effect::FetchStatus]);
    let (s, _) = transition(s, status_reply(1));
    let (_, fx) = transition(s, Event::PollDue(old));
    assert!(fx.is_empty(), "stale timer fired: {fx:?}");
}

#[test]
fn poll_schedule_visible_hidden_backoff_and_recovery() {
    let delay = |fx: &[Effect]| match fx {
        [Effect::SchedulePoll { after_ms, .. }] => *after_ms,
        other => panic!("{other:?}"),
    };
    let (s, fx) = transition(pending(), status_reply(1));
    assert_eq!(delay(&fx), 2_000);
    let (s, _) = transition(s, Event::Visibility(false));
    let (s, fx) = transition(s, Event::PollDue(current_gen(&fx)));
    assert_eq!(fx, vec![Effect::FetchStatus]);
    let (s, fx) = transition(s, status_reply(1));
    assert_eq!(delay(&fx), 10_000, "hidden");
    let (mut s, fx) = transition(s, Event::Visibility(true));
    assert_eq!(fx, vec![Effect::FetchStatus], "immediate check on return");
    let mut last = 0;
    for i in 1..=8 {
        let (n, fx) = transition(s, Event::Status(Reply::err(net_error())));
        let d = delay(&fx);
        assert!((2_000..=30_000).contains(&d), "{i}: {d}");
        if i >= 5 {
            assert!(d >= 15_000, "backoff grows: {i}: {d}");
        }
        last = d;
        assert!(n.reconnecting());
        let (n, fx) = transition(n, Event::PollDue(current_gen(&fx)));
        assert_eq!(fx, vec![Effect::FetchStatus]);
        s = n;
    }
    assert!(last >= 15_000);
    let (s, fx) = transition(s, status_reply(1));
    assert_eq!(delay(&fx), 2_000, "back to normal after a success");
    assert!(!s.reconnecting());
}

fn current_gen(fx: &[Effect]) -> u64 {
    match fx {
        [Effect::SchedulePoll { generation, .. }] => *generation,
        other => panic!("{other:?}"),
    }
}

#[test]
fn rule9_paid_navigates_exactly_once_after_the_wait() {
    let (s, fxs) = run(pending(), vec![Event::Status(status("paid.json"))]);
    assert_eq!(
        fxs[0],
        vec![
            Effect::StopTimers,
            Effect::ScheduleReturn { after_ms: 5_000 }
        ]
    );
    assert_eq!(s.return_wait_secs, 5);
    let (s, fxs) = run(
        s,
        vec![Event::ReturnNow, Event::ReturnDue, Event::ReturnNow],
    );
    let navs: Vec<_> = fxs.iter().flatten().collect();
    assert_eq!(
        navs,
        vec![&Effect::Navigate {
            url: "https://merchant.example/order/return?id=1".into()
        }]
    );
    assert!(s.navigated_to.is_some());
}

/// Precedence of the single navigation after "paid": return_uri, never a late envelope redirect.
#[test]
fn rule9_after_paid_a_late_redirect_does_not_take_the_navigation() {
    let (s, _) = run(pending(), vec![Event::Status(status("paid.json"))]);
    assert_eq!(s.phase, Phase::Paid);
    let late = |redirect: &str| Reply {
        redirect: Some(redirect.to_owned()),
        ..qr("real.json")
    };
    let late_audio = Reply {
        redirect: Some("/pay/status?order_id=late".to_owned()),
        ..audio("enabled.json")
    };
    let (s, fxs) = run(
        s,
        vec![
            Event::Qr(late("/pay/status?order_id=late")),
            Event::Audio(late_audio),
        ],
    );
    assert!(no_navigation(&fxs), "{fxs:?}");
    assert_eq!(s.navigated_to, None);
    let (_, fxs) = run(s, vec![Event::ReturnDue]);
    assert_eq!(
        fxs[0],
        vec![Effect::Navigate {
            url: "https://merchant.example/order/return?id=1".into()
        }]
    );
    // A status answer that says paid and carries a redirect: return_uri still wins.
    let mut paid_with_redirect = status("paid.json");
    paid_with_redirect.redirect = Some("/pay/status?order_id=elsewhere".into());
    let (s, fxs) = run(pending(), vec![Event::Status(paid_with_redirect)]);
    assert!(no_navigation(&fxs));
    assert_eq!(s.phase, Phase::Paid);
}

#[test]
fn rule9_return_uri_from_info_when_status_has_none_and_wait_override() {
    let cfg = MachineConfig {
        return_wait_override: Some(1),
        ..Default::default()
    };
    let (s, _) = run(
        State::new(cfg),
        vec![Event::Start, Event::Info(info("paid.json"))],
    );
    assert_eq!(s.phase, Phase::Paid);
    assert_eq!(s.return_wait_secs, 1);
    assert_eq!(
        s.return_to.as_deref(),
        Some("https://merchant.example/order/return?id=1")
    );
}

#[test]
fn rule9_no_navigation_without_an_allowed_return_uri() {
    let (s, fxs) = run(
        pending(),
        vec![
            Event::Status(status("paid_hostile.json")),
            Event::ReturnDue,
            Event::ReturnNow,
        ],
    );
    assert_eq!(s.phase, Phase::Paid);
    assert!(s.return_refused);
    assert!(
        fxs.iter()
            .flatten()
            .all(|e| !matches!(e, Effect::Navigate { .. } | Effect::ScheduleReturn { .. })),
        "{fxs:?}"
    );
    let (s, fxs) = run(
        pending(),
        vec![status_reply(2), Event::ReturnDue, Event::ReturnNow],
    );
    assert_eq!(s.phase, Phase::Paid);
    assert!(!s.return_refused && s.return_to.is_none());
    assert!(no_navigation(&fxs));
}

#[test]
fn info_failures_retry_by_themselves_when_retry_can_help() {
    let (s, fxs) = run(
        fresh(),
        vec![Event::Start, Event::Info(Reply::err(net_error()))],
    );
    assert!(matches!(s.phase, Phase::Unavailable { retrying: true, .. }));
    assert!(matches!(
        fxs[1].as_slice(),
        [Effect::ScheduleInfoRetry { .. }]
    ));
    let (s, fx) = transition(s, Event::RetryInfo);
    assert_eq!(fx, vec![Effect::FetchInfo]);
    assert_eq!(s.phase, Phase::Loading);
    let (s, _) = transition(s, Event::Info(info("pending.json")));
    assert_eq!(s.phase, Phase::Pending, "recovered");

    let (s, fxs) = run(
        fresh(),
        vec![Event::Start, Event::Info(info("signature.json"))],
    );
    assert!(matches!(
        s.phase,
        Phase::Unavailable {
            retrying: false,
            ..
        }
    ));
    assert!(fxs[1].is_empty(), "403 is not retried by itself");
    let (_, fx) = transition(s, Event::RetryInfo);
    assert_eq!(fx, vec![Effect::FetchInfo], "but the customer can retry");
}

#[test]
fn jump_navigates_through_the_policy_or_says_refused() {
    let (s, fx) = transition(pending(), Event::Qr(qr("jump.json")));
    assert_eq!(
        fx,
        vec![Effect::Navigate {
            url: "https://openapi.alipay.example/gateway.do?x=1".into()
        }]
    );
    assert!(matches!(
        s.qr,
        Some(QrState::Ready {
            plan: QrPlan::Jump(_),
            ..
        })
    ));
    let (s, fx) = transition(pending(), Event::Qr(qr("jump_hostile.json")));
    assert!(fx.is_empty());
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
    let (s, fx) = transition(
        pending(),
        Event::Qr(Reply::err(Error::new(ErrorKind::Timeout, "t"))),
    );
    assert!(matches!(fx.as_slice(), [Effect::ScheduleQrRetry { .. }]));
    assert!(matches!(s.qr, Some(QrState::Failed(_))));
    let (s, fx) = transition(s, Event::RetryQr);
    assert_eq!(fx, vec![Effect::FetchQr]);
    let (s, fx) = transition(s, Event::RetryQr);
    assert!(fx.is_empty(), "one QR call at a time");
    let (s, _) = transition(s, Event::Qr(qr("real.json")));
    assert!(matches!(s.qr, Some(QrState::Ready { .. })));
}

#[test]
fn status_updates_expiry_and_auto_open() {
    let (s, _) = run(pending(), vec![Event::Status(status("auto_open.json"))]);
    assert!(s.auto_open());
    assert_eq!(s.expire_time(), Some(1_717_220_000));
    let (s, _) = run(
        pending(),
        vec![Event::Status(Reply::ok(StatusInfo {
            status: Some(OrderStatus::Pending),
            expire_time: Some(42),
            ..Default::default()
        }))],
    );
    assert_eq!(
        s.expire_time(),
        Some(42),
        "the server may extend or shorten the order"
    );
}
