//! The state machine's rules, one test (or more) per rule, named after it.

use paypage_core::error::{Error, ErrorKind};
use paypage_core::machine::{
    transition, Cashier, Effect, Event, MachineConfig, PaidCheck, Phase, QrState, State,
    TypesState, LAPSED_POLL_FACTOR,
};
use paypage_core::model::{parse_info, parse_pay_types, OrderStatus, StatusInfo};
use paypage_core::order_ref::Here;
use paypage_core::present::QrPlan;
use paypage_core::present::{App, Browser, InApp};
use paypage_core::wire::{decode_ack, decode_reply, Reply};

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

pub(crate) fn fresh() -> State {
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

pub(crate) fn status_reply(code: i64) -> Event {
    Event::Status(Reply::ok(StatusInfo {
        status: OrderStatus::from_code(code),
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
fn rule4_only_the_servers_own_codes_end_the_order() {
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
fn rule7_redirect_followed_only_through_the_url_policy() {
    let (s, fxs) = run(pending(), vec![Event::Status(status("redirect.json"))]);
    assert!(fxs[0].contains(&Effect::Navigate {
        url: "/pay/status?order_id=R1".into(),
        counted: true,
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
            url: "https://merchant.example/order/return?id=1".into(),
            counted: false,
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
            url: "https://merchant.example/order/return?id=1".into(),
            counted: false,
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
            url: "https://openapi.alipay.example/gateway.do?x=1".into(),
            counted: true,
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
            status: OrderStatus::Pending,
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

// ---------------------------------------------------------------------------------------------
// The late, odd and unlucky paths, as rows: events in, commands out. The next rule is one row.
// ---------------------------------------------------------------------------------------------

/// One step of a story: an event, or a timer the machine scheduled firing now.
#[allow(clippy::large_enum_variant)]
pub(crate) enum Step {
    E(Event),
    /// The poll timer scheduled last fires.
    PollDue,
    /// The grace-period timer scheduled last fires.
    GraceOver,
}
pub(crate) use Step::{GraceOver as GraceDue, PollDue, E};

/// A command the machine gave, as a table writes it: `info`, `qrcode`, `audio`, `status`, `poll`
/// (a poll scheduled, any delay), `poll-slow` (scheduled at the grace-period rate or slower),
/// `poll-lapsed` (after the grace period, slower still), `go <url>` (a navigation the hop limit
/// does not count),
/// `grace <s>`, `return-in <ms>`, `navigate <url>`, `open-app <url>`, `note-app-opened`, `warn`,
/// `cooldown`,
/// `stop`.
pub(crate) fn command(e: &Effect, s: &State) -> String {
    let overtime_ms = s.config().poll.overtime_ms;
    match e {
        Effect::FetchInfo => "info".into(),
        Effect::FetchQr => "qrcode".into(),
        Effect::FetchAudio => "audio".into(),
        Effect::FetchStatus => "status".into(),
        Effect::FetchTypes => "types".into(),
        Effect::ChoseType { pay_type } => format!("chose-type {pay_type}"),
        Effect::SchedulePoll { after_ms, .. } if s.phase == Phase::Lapsed => {
            assert!(
                *after_ms >= overtime_ms * LAPSED_POLL_FACTOR,
                "{after_ms} ms after the grace period"
            );
            "poll-lapsed".into()
        }
        Effect::SchedulePoll { after_ms, .. } if s.overtime => {
            assert!(
                *after_ms >= overtime_ms,
                "{after_ms} ms after the countdown"
            );
            "poll-slow".into()
        }
        Effect::SchedulePoll { .. } => "poll".into(),
        Effect::ScheduleGraceEnd { after_ms, .. } => format!("grace {}", after_ms / 1000),
        Effect::ScheduleInfoRetry { .. } => "info-retry".into(),
        Effect::ScheduleQrRetry { .. } => "qrcode-retry".into(),
        Effect::ScheduleReturn { after_ms } => format!("return-in {after_ms}"),
        Effect::ScheduleCheckCooldown { .. } => "cooldown".into(),
        // `go`: a navigation the hop limit does not count (the return, the customer's retry).
        Effect::Navigate { url, counted: true } => format!("navigate {url}"),
        Effect::Navigate {
            url,
            counted: false,
        } => format!("go {url}"),
        Effect::OpenApp { url } => format!("open-app {url}"),
        Effect::NoteAppOpened => "note-app-opened".into(),
        Effect::Warn { .. } => "warn".into(),
        Effect::StopTimers => "stop".into(),
    }
}

/// Runs `steps` from `state`, firing scheduled timers when a step says so; returns the end state
/// and every command given, in order.
pub(crate) fn story(state: State, steps: Vec<Step>) -> (State, Vec<String>) {
    let (mut s, mut poll, mut grace) = (state, 0, 0);
    let mut commands = Vec::new();
    for step in steps {
        let event = match step {
            E(e) => e,
            PollDue => Event::PollDue(poll),
            GraceDue => Event::GraceOver(grace),
        };
        let (next, fx) = transition(s, event);
        s = next;
        for e in &fx {
            match e {
                Effect::SchedulePoll { generation, .. } => poll = *generation,
                Effect::ScheduleGraceEnd { generation, .. } => grace = *generation,
                _ => {}
            }
            commands.push(command(e, &s));
        }
    }
    (s, commands)
}

pub(crate) fn pending_with(config: MachineConfig) -> State {
    story(
        State::new(config),
        vec![E(Event::Start), E(Event::Info(info("pending.json")))],
    )
    .0
}

pub(crate) fn st(code: i64) -> Step {
    E(status_reply(code))
}

pub(crate) fn st_expiring(code: i64, expire_time: i64) -> Step {
    E(Event::Status(Reply::ok(StatusInfo {
        status: OrderStatus::from_code(code),
        expire_time: Some(expire_time),
        ..Default::default()
    })))
}

pub(crate) fn st_redirect(code: i64, redirect: &str) -> Step {
    let mut reply = match status_reply(code) {
        Event::Status(r) => r,
        _ => unreachable!(),
    };
    reply.redirect = Some(redirect.into());
    E(Event::Status(reply))
}

pub(crate) fn paid_to(return_uri: &str) -> Step {
    E(Event::Status(Reply::ok(StatusInfo {
        status: OrderStatus::Paid,
        return_uri: Some(return_uri.into()),
        payed_wait_time: Some(2),
        ..Default::default()
    })))
}

pub(crate) fn qr_jump(uri: Option<&str>, scheme: Option<&str>) -> Step {
    let mut reply = qr("jump_scheme_only.json");
    if let Ok(info) = reply.result.as_mut() {
        info.uri = uri.map(Into::into);
        info.scheme = scheme.map(Into::into);
    }
    E(Event::Qr(reply))
}

pub(crate) fn net_err() -> Step {
    E(Event::Status(Reply::err(net_error())))
}

pub(crate) const RETURN: &str = "https://merchant.example/order/return?id=1";
pub(crate) const NAVIGATE_RETURN: &str = "go https://merchant.example/order/return?id=1";

struct Row {
    name: &'static str,
    /// Steps after a pending order has loaded (its first status call in flight).
    steps: Vec<Step>,
    phase: Phase,
    /// Every command given after loading, in order.
    commands: &'static [&'static str],
}

pub(crate) const PHONE: Browser = Browser {
    mobile: true,
    in_app: None,
    ios: false,
};

pub(crate) fn here_config() -> MachineConfig {
    MachineConfig {
        here: Here {
            origin: "https://pay.example".into(),
            path: "/pay/202406010001".into(),
            order_ids: vec![],
            out_order_ids: vec![],
        },
        grace_secs: 120,
        browser: PHONE,
        ..MachineConfig::default()
    }
}

fn rows() -> Vec<Row> {
    vec![
        Row {
            name: "paid 3 s after the countdown ended: success and one return",
            steps: vec![
                st(1),
                E(Event::CountdownEnded),
                st(1),
                PollDue,
                E(Event::Status(status("paid.json"))),
                E(Event::ReturnDue),
                E(Event::ReturnNow),
            ],
            phase: Phase::Paid,
            commands: &[
                "poll",
                "grace 120",
                "status",
                "poll-slow",
                "status",
                "stop",
                "return-in 5000",
                NAVIGATE_RETURN,
            ],
        },
        Row {
            name: "the countdown ends while a call is on its way: that call is the check",
            steps: vec![E(Event::CountdownEnded), st(1)],
            phase: Phase::Pending,
            commands: &["grace 120", "poll-slow"],
        },
        Row {
            name:
                "still pending when the grace period is over: shown as expired, checked on, slower",
            steps: vec![
                st(1),
                E(Event::CountdownEnded),
                st(1),
                GraceDue,
                st(1),
                PollDue,
            ],
            phase: Phase::Lapsed,
            commands: &[
                "poll",
                "grace 120",
                "status",
                "poll-slow",
                "status",
                "poll-lapsed",
                "status",
            ],
        },
        Row {
            name: "paid at the last check after the grace period: paid",
            steps: vec![
                st(1),
                E(Event::CountdownEnded),
                st(1),
                GraceDue,
                E(Event::Status(status("paid.json"))),
            ],
            phase: Phase::Paid,
            commands: &[
                "poll",
                "grace 120",
                "status",
                "poll-slow",
                "status",
                "stop",
                "return-in 5000",
            ],
        },
        Row {
            name: "the server says expired during the grace period: expired at once",
            steps: vec![st(1), E(Event::CountdownEnded), st(4), GraceDue],
            phase: Phase::Expired,
            commands: &["poll", "grace 120", "status", "stop"],
        },
        Row {
            name: "a later expire_time in an answer extends the order: normal polling again",
            steps: vec![
                st(1),
                E(Event::CountdownEnded),
                st_expiring(1, 1_717_220_600),
                GraceDue,
                PollDue,
                st(1),
            ],
            phase: Phase::Pending,
            commands: &["poll", "grace 120", "status", "poll", "status", "poll"],
        },
        Row {
            name: "failed checks after the countdown keep trying within the grace period",
            steps: vec![
                st(1),
                E(Event::CountdownEnded),
                net_err(),
                PollDue,
                net_err(),
            ],
            phase: Phase::Pending,
            commands: &[
                "poll",
                "grace 120",
                "status",
                "poll-slow",
                "status",
                "poll-slow",
            ],
        },
        Row {
            name: "no answer by the end of the grace period: shown as expired, not a verdict",
            steps: vec![
                st(1),
                E(Event::CountdownEnded),
                net_err(),
                GraceDue,
                net_err(),
            ],
            phase: Phase::Lapsed,
            commands: &[
                "poll",
                "grace 120",
                "status",
                "poll-slow",
                "status",
                "poll-lapsed",
            ],
        },
        Row {
            name: "unknown status codes are failed polls, not endings; then paid",
            steps: vec![
                st(7),
                PollDue,
                st(0),
                PollDue,
                E(Event::Status(status("paid.json"))),
            ],
            phase: Phase::Paid,
            commands: &[
                "warn",
                "poll",
                "status",
                "warn",
                "poll",
                "status",
                "stop",
                "return-in 5000",
            ],
        },
        Row {
            name: "a scheme-only jump opens the app; the page keeps polling and returns once paid",
            steps: vec![
                qr_jump(None, Some("alipays://platformapi/startapp?saId=10000007")),
                st(1),
                PollDue,
                E(Event::Status(status("paid.json"))),
                E(Event::ReturnNow),
                E(Event::ReturnDue),
            ],
            phase: Phase::Paid,
            commands: &[
                "open-app alipays://platformapi/startapp?saId=10000007",
                "poll",
                "status",
                "stop",
                "return-in 5000",
                NAVIGATE_RETURN,
            ],
        },
        Row {
            name: "a redirect back to this pay page is not followed",
            steps: vec![
                st_redirect(1, "/pay/202406010001"),
                PollDue,
                st_redirect(1, "https://pay.example/pay/202406010001?x=1"),
                PollDue,
                st_redirect(1, "/pay/separate/202406010001"),
                PollDue,
                st_redirect(1, "/pay/status?out_order_id=EXT20240601&pid=1"),
            ],
            phase: Phase::Pending,
            commands: &["poll", "status", "poll", "status", "poll", "status", "poll"],
        },
        Row {
            name: "a return_uri back to this page is refused: no navigation, no loop",
            steps: vec![
                paid_to("/pay/202406010001"),
                E(Event::ReturnNow),
                E(Event::ReturnDue),
            ],
            phase: Phase::Paid,
            commands: &["stop"],
        },
        Row {
            name: "a redirect elsewhere is followed once",
            steps: vec![
                st_redirect(1, "/pay/status?order_id=R1"),
                PollDue,
                st_redirect(1, "/elsewhere"),
            ],
            phase: Phase::Pending,
            commands: &["poll", "navigate /pay/status?order_id=R1", "status", "poll"],
        },
        Row {
            name: "late answers after a final state do not navigate",
            steps: vec![
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
            phase: Phase::Closed,
            commands: &["stop"],
        },
        Row {
            name: "I have paid: checks at once, shares a call in flight, rate-limited",
            steps: vec![
                E(Event::CheckNow),
                st(1),
                E(Event::CheckNow),
                E(Event::CheckCooldownOver),
                E(Event::CheckNow),
                E(Event::CheckNow),
                st(1),
            ],
            phase: Phase::Pending,
            commands: &["cooldown", "poll", "cooldown", "status", "poll"],
        },
        Row {
            name: "I have paid and it is: the success screen",
            steps: vec![
                st(1),
                E(Event::CheckNow),
                E(Event::Status(status("paid.json"))),
            ],
            phase: Phase::Paid,
            commands: &["poll", "cooldown", "status", "stop", "return-in 5000"],
        },
    ]
}

#[test]
fn late_odd_and_unlucky_paths() {
    for row in rows() {
        let (s, commands) = story(pending_with(here_config()), row.steps);
        assert_eq!(s.phase, row.phase, "{}", row.name);
        assert_eq!(commands, row.commands, "{}", row.name);
    }
}

#[test]
fn what_i_have_paid_found() {
    let s = pending_with(here_config());
    let (s, _) = story(s, vec![st(1), E(Event::CheckNow)]);
    assert_eq!(s.paid_check, PaidCheck::Checking);
    let (s, _) = story(s, vec![st(1)]);
    assert_eq!(s.paid_check, PaidCheck::NotYet);
    let (s, _) = story(
        s,
        vec![
            E(Event::CheckCooldownOver),
            PollDue,
            E(Event::CheckNow),
            net_err(),
        ],
    );
    assert_eq!(s.paid_check, PaidCheck::Failed);
}

#[test]
fn a_scheme_only_jump_is_not_the_navigation() {
    let (s, _) = story(
        pending_with(here_config()),
        vec![qr_jump(None, Some("weixin://dl/business/?t=x"))],
    );
    assert_eq!(s.navigated_to, None);
    assert_eq!(s.opened_app.as_deref(), Some("weixin://dl/business/?t=x"));
    // A web target is the navigation.
    let (s, c) = story(
        pending_with(here_config()),
        vec![qr_jump(Some("https://m.example/pay"), None)],
    );
    assert_eq!(s.navigated_to.as_deref(), Some("https://m.example/pay"));
    assert_eq!(c, ["navigate https://m.example/pay"]);
}

#[test]
fn the_status_page_never_asks_for_a_qr_code_or_audio() {
    let cfg = MachineConfig {
        qr: false,
        audio: false,
        ..MachineConfig::default()
    };
    let (s, c) = story(
        State::new(cfg),
        vec![
            E(Event::Start),
            E(Event::Info(info("pending.json"))),
            E(Event::RetryQr),
            st(1),
            PollDue,
        ],
    );
    assert_eq!(s.phase, Phase::Pending);
    assert_eq!(c, ["info", "status", "poll", "status"]);
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
            State::new(cfg),
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
        State::new(cfg),
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
    let (s, c) = story(fresh(), vec![E(Event::Start), E(Event::Info(reply))]);
    assert!(
        matches!(s.phase, Phase::Unavailable { retrying: true, .. }),
        "{:?}",
        s.phase
    );
    assert_eq!(c, ["info", "warn", "info-retry"]);
}

#[test]
fn a_redirect_on_the_info_answer_stops_the_other_calls() {
    let mut reply = info("pending.json");
    reply.redirect = Some("https://elsewhere.example/pay".into());
    let (s, c) = story(
        State::new(here_config()),
        vec![E(Event::Start), E(Event::Info(reply)), E(Event::RetryInfo)],
    );
    assert_eq!(c, ["info", "navigate https://elsewhere.example/pay"]);
    assert_eq!(s.phase, Phase::Loading);
    // One back to this page is not followed, and the order loads.
    let mut reply = info("pending.json");
    reply.redirect = Some("/pay/202406010001".into());
    let (s, c) = story(
        State::new(here_config()),
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
            State::new(here_config()),
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
        State::new(here_config()),
        vec![E(Event::Start), E(Event::Info(info("closed.json")))],
    );
    assert_eq!(s.merchant_link, None, "no return_uri, no link");
}

#[test]
fn the_app_is_the_pay_types_else_the_payloads() {
    let (s, _) = story(
        pending_with(here_config()),
        vec![E(Event::Qr(qr("wechat.json")))],
    );
    assert_eq!(
        s.app(),
        paypage_core::present::App::Alipay,
        "pending.json says alipay"
    );
    let mut blank = info("pending.json");
    if let Ok(i) = blank.result.as_mut() {
        i.pay_type = None;
    }
    let (s, _) = story(
        fresh(),
        vec![
            E(Event::Start),
            E(Event::Info(blank)),
            E(Event::Qr(qr("wechat.json"))),
        ],
    );
    assert_eq!(s.app(), paypage_core::present::App::Wechat);
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
        let (s, c) = story(pending_with(cfg), vec![qr_jump(None, Some(scheme))]);
        assert_eq!(!c.is_empty(), opened, "{browser:?} {auto_open}: {c:?}");
        assert_eq!(s.opened_app.is_some(), opened);
        // Either way the link is offered and the page stays.
        assert!(
            matches!(&s.qr, Some(QrState::Ready { plan: QrPlan::OpenApp(u), .. }) if u == scheme)
        );
        assert_eq!(s.navigated_to, None);
    }
}

// Rule 10: the cashier flow. An order created without a pay type: the pay page sends the customer
// to the separate page, which offers the pay types, posts the choice and goes back to the pay page.

pub(crate) fn cashier_config(cashier: Cashier) -> MachineConfig {
    MachineConfig {
        cashier,
        order_id: Some("PAGE1".into()),
        ..here_config()
    }
}

/// A pending order's info answer; `fields` are written after the usual ones (`,"pay_type":""`).
pub(crate) fn info_with(fields: &str) -> Step {
    let body = format!(
        r#"{{"code":200,"message":"success","data":{{"status":1,"amount":1000,"trade_amount":1000,"expire_time":1717220000{fields}}}}}"#
    );
    E(Event::Info(decode_reply(200, &body, parse_info)))
}

pub(crate) const TWO_TYPES: &str = r#"[{"value":"alipay","label":"支付宝","logo":"/a.png"},{"value":"wxpay","label":"微信支付","logo":"/w.png"}]"#;

pub(crate) fn types_answer(data: &str) -> Step {
    let body = format!(r#"{{"code":200,"message":"success","data":{data}}}"#);
    E(Event::Types(decode_reply(200, &body, parse_pay_types)))
}

pub(crate) fn chosen(body: &str) -> Step {
    E(Event::Chosen(decode_ack(200, body)))
}

pub(crate) const CHOSEN_OK: &str = r#"{"code":200,"message":"success","data":null}"#;
const CHOSEN_REFUSED: &str = r#"{"code":400,"message":"该支付方式暂不可用","data":null}"#;

pub(crate) fn choose(v: &str) -> Step {
    E(Event::Choose(v.into()))
}

struct CashierRow {
    name: &'static str,
    cashier: Cashier,
    /// Steps from a fresh page (`Start` first).
    steps: Vec<Step>,
    phase: Phase,
    /// Every command given, in order.
    commands: &'static [&'static str],
}

pub(crate) const ID: &str = r#","order_id":"202406010001""#;
pub(crate) const TO_SEPARATE: &str = "navigate https://pay.example/pay/separate/202406010001";
pub(crate) const TO_PAY: &str = "navigate https://pay.example/pay/202406010001";

fn cashier_rows() -> Vec<CashierRow> {
    use Cashier::{Choose, Off, Send};
    let blank = |extra: &'static str| [ID, r#","pay_type":"""#, extra].concat();
    vec![
        CashierRow {
            name: "pay page, pay_type \"\": to the separate page, no qrcode, audio or status",
            cashier: Send,
            steps: vec![E(Event::Start), info_with(&blank(""))],
            phase: Phase::Loading,
            commands: &["info", TO_SEPARATE],
        },
        CashierRow {
            name: "pay page, pay_type of spaces",
            cashier: Send,
            steps: vec![
                E(Event::Start),
                info_with(&[ID, r#","pay_type":"  ""#].concat()),
            ],
            phase: Phase::Loading,
            commands: &["info", TO_SEPARATE],
        },
        CashierRow {
            name: "pay page, pay_type null",
            cashier: Send,
            steps: vec![
                E(Event::Start),
                info_with(&[ID, r#","pay_type":null"#].concat()),
            ],
            phase: Phase::Loading,
            commands: &["info", TO_SEPARATE],
        },
        CashierRow {
            name: "pay page, pay_type missing: not the cashier flow",
            cashier: Send,
            steps: vec![E(Event::Start), info_with(ID)],
            phase: Phase::Pending,
            commands: &["info", "qrcode", "audio", "status"],
        },
        CashierRow {
            name: "pay page, a pay type: the pay flow",
            cashier: Send,
            steps: vec![
                E(Event::Start),
                info_with(&[ID, r#","pay_type":"alipay""#].concat()),
            ],
            phase: Phase::Pending,
            commands: &["info", "qrcode", "audio", "status"],
        },
        CashierRow {
            name: "pay page, no order_id in info: the page's own id",
            cashier: Send,
            steps: vec![E(Event::Start), info_with(r#","pay_type":"""#)],
            phase: Phase::Loading,
            commands: &["info", "navigate https://pay.example/pay/separate/PAGE1"],
        },
        CashierRow {
            name: "pay page, an id that needs encoding",
            cashier: Send,
            steps: vec![
                E(Event::Start),
                info_with(r#","order_id":"订单 1","pay_type":"""#),
            ],
            phase: Phase::Loading,
            commands: &[
                "info",
                "navigate https://pay.example/pay/separate/%E8%AE%A2%E5%8D%95%201",
            ],
        },
        CashierRow {
            name: "pay page, no pay type: nothing else ever, whatever happens after",
            cashier: Send,
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
            commands: &["info", TO_SEPARATE],
        },
        CashierRow {
            name:
                "pay page, the way to the separate page refused (a loop): unavailable, not loading",
            cashier: Send,
            steps: vec![
                E(Event::Start),
                info_with(&blank("")),
                E(Event::NavigationBlocked),
            ],
            phase: Phase::Unavailable {
                error: paypage_core::Error::new(
                    ErrorKind::InvalidResponse,
                    "the page's way on was refused (a loop between pages)",
                ),
                retrying: false,
            },
            commands: &["info", TO_SEPARATE],
        },
        CashierRow {
            name: "pay page, a dead order without a pay type: its final screen",
            cashier: Send,
            steps: vec![
                E(Event::Start),
                info_with(&[ID, r#","pay_type":"","status":3"#].concat()),
            ],
            phase: Phase::Closed,
            commands: &["info", "stop"],
        },
        CashierRow {
            name: "status page (cashier off), no pay type: its usual calls",
            cashier: Off,
            steps: vec![E(Event::Start), info_with(&blank(""))],
            phase: Phase::Pending,
            commands: &["info", "qrcode", "audio", "status"],
        },
        CashierRow {
            name: "separate page: info, then the types; no qrcode, audio or status",
            cashier: Choose,
            steps: vec![
                E(Event::Start),
                info_with(&blank("")),
                types_answer(TWO_TYPES),
            ],
            phase: Phase::Pending,
            commands: &["info", "types"],
        },
        CashierRow {
            name: "separate page, even when the order has a type",
            cashier: Choose,
            steps: vec![
                E(Event::Start),
                info_with(&[ID, r#","pay_type":"wxpay""#].concat()),
            ],
            phase: Phase::Pending,
            commands: &["info", "types"],
        },
        CashierRow {
            name: "separate page, a dead order: its final screen and nothing else",
            cashier: Choose,
            steps: vec![
                E(Event::Start),
                info_with(&[ID, r#","pay_type":"","status":4"#].concat()),
                E(Event::RetryTypes),
                choose("alipay"),
            ],
            phase: Phase::Expired,
            commands: &["info", "stop"],
        },
        CashierRow {
            name: "separate page, the choice: one chose-type, then the pay page",
            cashier: Choose,
            steps: vec![
                E(Event::Start),
                info_with(&blank("")),
                types_answer(TWO_TYPES),
                choose("wxpay"),
                chosen(CHOSEN_OK),
            ],
            phase: Phase::Pending,
            commands: &["info", "types", "chose-type wxpay", TO_PAY],
        },
        CashierRow {
            name: "separate page, a double press: one chose-type",
            cashier: Choose,
            steps: vec![
                E(Event::Start),
                info_with(&blank("")),
                types_answer(TWO_TYPES),
                choose("wxpay"),
                choose("wxpay"),
                choose("alipay"),
                chosen(CHOSEN_OK),
                choose("alipay"),
                chosen(CHOSEN_OK),
            ],
            phase: Phase::Pending,
            commands: &["info", "types", "chose-type wxpay", TO_PAY],
        },
        CashierRow {
            name: "separate page, chose-type refused: the choice stays open",
            cashier: Choose,
            steps: vec![
                E(Event::Start),
                info_with(&blank("")),
                types_answer(TWO_TYPES),
                choose("alipay"),
                chosen(CHOSEN_REFUSED),
                choose("wxpay"),
                chosen(CHOSEN_OK),
            ],
            phase: Phase::Pending,
            commands: &[
                "info",
                "types",
                "chose-type alipay",
                "chose-type wxpay",
                TO_PAY,
            ],
        },
        CashierRow {
            name: "separate page, a type that is not offered is not sent",
            cashier: Choose,
            steps: vec![
                E(Event::Start),
                info_with(&blank("")),
                choose("alipay"),
                types_answer(TWO_TYPES),
                choose("qqpay"),
                chosen(CHOSEN_OK),
            ],
            phase: Phase::Pending,
            commands: &["info", "types"],
        },
        CashierRow {
            name: "separate page, the types fail: retry on request, once at a time",
            cashier: Choose,
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
            commands: &["info", "types", "types"],
        },
        CashierRow {
            name: "separate page, no status call until the countdown ended",
            cashier: Choose,
            steps: vec![
                E(Event::Start),
                info_with(&blank("")),
                types_answer(TWO_TYPES),
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
            commands: &[
                "info",
                "types",
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
    for row in cashier_rows() {
        let (s, commands) = story(State::new(cashier_config(row.cashier)), row.steps);
        assert_eq!(s.phase, row.phase, "{}", row.name);
        assert_eq!(commands, row.commands, "{}", row.name);
    }
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
            State::new(cashier_config(Cashier::Choose)),
            vec![
                E(Event::Start),
                info_with(pay_type),
                types_answer(TWO_TYPES),
            ],
        );
        assert_eq!(s.preselected(), want, "{pay_type}");
    }
    let (s, _) = story(
        State::new(cashier_config(Cashier::Choose)),
        vec![E(Event::Start), info_with(""), types_answer("[]")],
    );
    assert_eq!(s.types, Some(TypesState::Ready(vec![])));
    assert_eq!(s.preselected(), None);
}

#[test]
fn rule10_what_the_separate_page_shows_while_choosing() {
    let start = story(
        State::new(cashier_config(Cashier::Choose)),
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
        State::new(cashier_config(Cashier::Choose)),
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

/// The app replaces the page's first paint only once its own screen shows at least as much: not
/// while loading, not while a pending order's code is on its way; at once for a final order.
#[test]
fn the_app_takes_over_the_first_paint_only_when_its_screen_is_settled() {
    assert!(!fresh().settled());
    assert!(!run(fresh(), vec![Event::Start]).0.settled());
    let waiting = pending();
    assert_eq!(waiting.qr, Some(QrState::Loading));
    assert!(!waiting.settled(), "the code is still on its way");
    let shown = run(waiting.clone(), vec![Event::Qr(qr("real.json"))]).0;
    assert!(shown.settled());
    let failed = run(waiting, vec![Event::Qr(qr("empty.json"))]).0;
    assert!(matches!(
        failed.qr,
        Some(QrState::Failed(_)) | Some(QrState::Ready { .. })
    ));
    assert!(failed.settled(), "a failure is a screen of its own");
    let paid = run(fresh(), vec![Event::Start, Event::Info(info("paid.json"))]).0;
    assert_eq!(paid.phase, Phase::Paid);
    assert!(paid.settled());
    // The status page asks for no code: pending is settled at once.
    let status_page = run(
        State::new(MachineConfig {
            qr: false,
            ..MachineConfig::default()
        }),
        vec![Event::Start, Event::Info(info("pending.json"))],
    )
    .0;
    assert!(status_page.settled());
}
