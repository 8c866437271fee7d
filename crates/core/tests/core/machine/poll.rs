//! Checking the status (rules 4, 6, 8 and the app link the page opens by itself, rule 9): paid
//! only on the server's word, the poll and its schedule, the countdown's end and the grace
//! period, "I have paid".

use paypage_core::machine::{transition, Effect, Event, MachineConfig, PaidCheck, Phase};
use paypage_core::wire::Reply;

use super::{
    check, here, here_config, net_err, net_error, overtime, paid, pending, pokes, qr_jump, st,
    st_expiring, status_reply, story, GraceDue, PollDue, Row, Start, Step, E, NAVIGATE_RETURN,
};
use crate::support::{audio, qr, status};

/// A status answer with this code, as an event.
fn said(code: i64) -> Event {
    Event::Status(status_reply(code))
}

/// Rule 4 and 5: paid only when the server said 2; only its own codes end the order; an unknown
/// code is a failed poll.
fn code_rows() -> Vec<Row> {
    let start = Start::at(pending(MachineConfig::default()));
    let said = |name, code, phase, commands| start.row(name, vec![st(code)], phase, commands);
    vec![
        said("1: still pending", 1, Phase::Pending, &["poll"]),
        said("3: closed", 3, Phase::Closed, &["stop"]),
        said("4: expired", 4, Phase::Expired, &["stop"]),
        said("5: failed", 5, Phase::Failed, &["stop"]),
        said("0: not a code", 0, Phase::Pending, &["warn", "poll"]),
        said("7: not a code", 7, Phase::Pending, &["warn", "poll"]),
        said("-1: not a code", -1, Phase::Pending, &["warn", "poll"]),
        start.row(
            "2: paid",
            vec![paid()],
            Phase::Paid,
            &["stop", "return-in 5000"],
        ),
        start.row(
            "audio, a QR code or a redirect never make it paid",
            vec![
                E(Event::Qr(qr("real.json"))),
                E(Event::Audio(audio("enabled.json"))),
                E(Event::Status(status("redirect.json"))),
            ],
            Phase::Pending,
            &["poll", "navigate /pay/status?order_id=R1"],
        ),
    ]
}

#[test]
fn rules_4_and_5_only_the_servers_own_codes_say_paid_or_end_the_order() {
    check(code_rows());
}

/// The late, odd and unlucky paths of the poll: the countdown's end, the grace period, unknown
/// codes, "I have paid", an app opened while the page keeps polling.
fn rows() -> Vec<Row> {
    let late = overtime();
    vec![
        late.row(
            "paid 3 s after the countdown ended: success and one return",
            vec![
                st(1),
                PollDue,
                paid(),
                E(Event::ReturnDue),
                E(Event::ReturnNow),
            ],
            Phase::Paid,
            &[
                "poll-slow",
                "status",
                "stop",
                "return-in 5000",
                NAVIGATE_RETURN,
            ],
        ),
        here().row(
            "the countdown ends while a call is on its way: that call is the check",
            vec![E(Event::CountdownEnded), st(1)],
            Phase::Pending,
            &["grace 120", "poll-slow"],
        ),
        late.row(
            "still pending when the grace period is over: shown as expired, checked on, slower",
            vec![st(1), GraceDue, st(1), PollDue],
            Phase::Lapsed,
            &["poll-slow", "status", "poll-lapsed", "status"],
        ),
        late.row(
            "paid at the last check after the grace period: paid",
            vec![st(1), GraceDue, paid()],
            Phase::Paid,
            &["poll-slow", "status", "stop", "return-in 5000"],
        ),
        late.row(
            "the server says expired during the grace period: expired at once",
            vec![st(4), GraceDue],
            Phase::Expired,
            &["stop"],
        ),
        late.row(
            "a later expire_time in an answer extends the order: normal polling again",
            vec![st_expiring(1, 1_717_220_600), GraceDue, PollDue, st(1)],
            Phase::Pending,
            &["poll", "status", "poll"],
        ),
        late.row(
            "failed checks after the countdown keep trying within the grace period",
            vec![net_err(), PollDue, net_err()],
            Phase::Pending,
            &["poll-slow", "status", "poll-slow"],
        ),
        late.row(
            "no answer by the end of the grace period: shown as expired, not a verdict",
            vec![net_err(), GraceDue, net_err()],
            Phase::Lapsed,
            &["poll-slow", "status", "poll-lapsed"],
        ),
        here().row(
            "unknown status codes are failed polls, not endings; then paid",
            vec![st(7), PollDue, st(0), PollDue, paid()],
            Phase::Paid,
            &[
                "warn",
                "poll",
                "status",
                "warn",
                "poll",
                "status",
                "stop",
                "return-in 5000",
            ],
        ),
        here().row(
            "a scheme-only jump opens the app; the page keeps polling and returns once paid",
            vec![
                qr_jump(None, Some(ALIPAYS)),
                st(1),
                PollDue,
                paid(),
                E(Event::ReturnNow),
                E(Event::ReturnDue),
            ],
            Phase::Paid,
            &[
                OPEN_ALIPAYS,
                "poll",
                "status",
                "stop",
                "return-in 5000",
                NAVIGATE_RETURN,
            ],
        ),
        here().row(
            "I have paid: checks at once, shares a call in flight, rate-limited",
            vec![
                E(Event::CheckNow),
                st(1),
                E(Event::CheckNow),
                E(Event::CheckCooldownOver),
                E(Event::CheckNow),
                E(Event::CheckNow),
                st(1),
            ],
            Phase::Pending,
            &["cooldown", "poll", "cooldown", "status", "poll"],
        ),
        here().row(
            "I have paid and it is: the success screen",
            vec![st(1), E(Event::CheckNow), paid()],
            Phase::Paid,
            &["poll", "cooldown", "status", "stop", "return-in 5000"],
        ),
    ]
}

#[test]
fn rule6_late_odd_and_unlucky_paths() {
    check(rows());
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
const OPEN_ALIPAYS: &str = "open-app alipays://platformapi/startapp?saId=10000007";

/// A row on the pay page whose code came with the app scheme `scheme`, then `steps`: still
/// pending.
fn app_row(name: &'static str, scheme: &str, steps: Vec<Step>, commands: &[&'static str]) -> Row {
    let code = here().then(vec![code_with_scheme(scheme)], &[]);
    code.row(name, steps, Phase::Pending, commands)
}

/// Rule 9's app links: opened by the page only with an app scheme, while pending, once.
fn app_rows() -> Vec<Row> {
    let web_page = |name, scheme| app_row(name, scheme, vec![auto_open_says()], &["poll"]);
    vec![
        app_row(
            "is_auto_open with an app scheme on a phone: opened once, not again",
            ALIPAYS,
            vec![auto_open_says(), PollDue, auto_open_says(), E(Event::Focus)],
            &["poll", OPEN_ALIPAYS, "status", "poll", "status"],
        ),
        here().row(
            "is_auto_open before the code arrives: opened once the code is there",
            vec![auto_open_says(), code_with_scheme(ALIPAYS)],
            Phase::Pending,
            &["poll", OPEN_ALIPAYS],
        ),
        web_page(
            "is_auto_open with an https universal link: never by itself (it would unload the page)",
            "https://render.alipay.example/p/s/i?scheme=x",
        ),
        web_page(
            "is_auto_open with https: written without // is a web page too: never by itself",
            "HTTPS:/render.alipay.example/p/s/i",
        ),
        app_row(
            "is_auto_open after the customer's own tap: not again by itself",
            ALIPAYS,
            vec![E(Event::AppTapped), auto_open_says()],
            &["note-app-opened", "poll"],
        ),
        here().row(
            "a type: jump to an https scheme is the one navigation, never an app opening",
            vec![qr_jump(None, Some("https://m.example/app-link"))],
            Phase::Pending,
            &["navigate https://m.example/app-link"],
        ),
        here().row(
            "is_auto_open on a final screen: nothing opens",
            vec![
                code_with_scheme(ALIPAYS),
                E(Event::Status(status("closed.json"))),
                E(Event::Qr(qr("real.json"))),
            ],
            Phase::Closed,
            &["stop"],
        ),
    ]
}

#[test]
fn rule9_app_links_never_unload_the_page() {
    check(app_rows());
}

#[test]
fn rule8_never_two_status_calls_in_flight() {
    let s = pending(MachineConfig::default());
    assert!(s.status_in_flight());
    let (s, c) = story(s, pokes());
    assert!(c.is_empty(), "{c:?}");
    let (s, fx) = transition(s, said(1));
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
    let (s, fx) = transition(pending(MachineConfig::default()), said(1));
    let old = current_gen(&fx);
    // Coming back to the tab checks at once, which supersedes the scheduled poll.
    let (s, fx) = transition(s, Event::Visibility(true));
    assert_eq!(fx, vec![Effect::FetchStatus]);
    let (s, _) = transition(s, said(1));
    let (_, fx) = transition(s, Event::PollDue(old));
    assert!(fx.is_empty(), "stale timer fired: {fx:?}");
}

#[test]
fn poll_schedule_visible_hidden_backoff_and_recovery() {
    let delay = |fx: &[Effect]| match fx {
        [Effect::SchedulePoll { after_ms, .. }] => *after_ms,
        other => panic!("{other:?}"),
    };
    let (s, fx) = transition(pending(MachineConfig::default()), said(1));
    assert_eq!(delay(&fx), 2_000);
    let (s, _) = transition(s, Event::Visibility(false));
    let (s, fx) = transition(s, Event::PollDue(current_gen(&fx)));
    assert_eq!(fx, vec![Effect::FetchStatus]);
    let (s, fx) = transition(s, said(1));
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
    let (s, fx) = transition(s, said(1));
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
fn status_updates_expiry_and_auto_open() {
    let (s, _) = story(pending(MachineConfig::default()), vec![auto_open_says()]);
    assert!(s.auto_open());
    assert_eq!(s.expire_time(), Some(1_717_220_000));
    let (s, _) = story(pending(MachineConfig::default()), vec![st_expiring(1, 42)]);
    assert_eq!(
        s.expire_time(),
        Some(42),
        "the server may extend or shorten the order"
    );
}

#[test]
fn what_i_have_paid_found() {
    let s = pending(here_config());
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
