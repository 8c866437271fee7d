//! The state machine's rules, by the group of rules the source keeps them in
//! (`crates/core/src/machine/{load,poll,leave,cashier}.rs`). One row type: a starting state,
//! events in, the end phase and every command out ([`Row`], [`check`]). Rows that share a start
//! and its first steps are built from a [`Start`] ([`here`], [`overtime`], [`lapsed`] and each
//! file's own), so a row says only what differs. A test of its own where a rule is about the
//! state itself (the delay of a poll, what a screen shows).

use paypage_core::error::{Error, ErrorKind};
use paypage_core::machine::{
    transition, Cashier, Effect, Event, MachineConfig, Phase, State, LAPSED_POLL_FACTOR,
};
use paypage_core::model::{parse_info, parse_pay_types, OrderStatus, StatusInfo};
use paypage_core::order_ref::Here;
use paypage_core::present::Browser;
use paypage_core::wire::{decode_ack, decode_reply, Reply};

use crate::support::{info, qr, status};

mod cashier;
mod leave;
mod load;
mod poll;

/// One case: from a state, steps in; the end phase and every command given, in order.
pub(crate) struct Row {
    pub name: &'static str,
    pub from: State,
    pub steps: Vec<Step>,
    pub phase: Phase,
    pub commands: Vec<&'static str>,
}

/// Runs each row from its state: its end phase and every command given.
pub(crate) fn check(rows: Vec<Row>) {
    for row in rows {
        let (s, commands) = story(row.from, row.steps);
        eprintln!(
            "\nROW {} | {:?} | {:?} | {:?}",
            row.name, s.phase, commands, row.commands
        );
        assert_eq!(s.phase, row.phase, "{}", row.name);
        assert_eq!(commands, row.commands, "{}", row.name);
    }
}

/// A page that has not started, with this configuration.
pub(crate) fn fresh(config: MachineConfig) -> State {
    State::new(config)
}

/// A page that has loaded a pending order (`pending.json`, its first status call in flight).
pub(crate) fn pending(config: MachineConfig) -> State {
    story(fresh(config), loaded()).0
}

/// The page's start and a pending order's info: `info`, then qrcode, audio and status together.
pub(crate) fn loaded() -> Vec<Step> {
    vec![E(Event::Start), E(Event::Info(info("pending.json")))]
}

pub(crate) fn join(first: Vec<Step>, rest: Vec<Step>) -> Vec<Step> {
    first.into_iter().chain(rest).collect()
}

/// Where a group of rows starts: a state, and the steps every row of the group takes first with
/// the commands they give. A row built from it ([`Start::row`]) says only its own steps and
/// commands; it checks the shared ones as well.
#[derive(Clone)]
pub(crate) struct Start {
    from: State,
    steps: Vec<Step>,
    commands: Vec<&'static str>,
}

impl Start {
    pub(crate) fn at(from: State) -> Self {
        Start {
            from,
            steps: vec![],
            commands: vec![],
        }
    }

    /// This start, then `steps`, which give `commands`.
    pub(crate) fn then(&self, steps: Vec<Step>, commands: &[&'static str]) -> Self {
        Start {
            from: self.from.clone(),
            steps: join(self.steps.clone(), steps),
            commands: [&self.commands[..], commands].concat(),
        }
    }

    /// Where the start's steps end.
    pub(crate) fn end(self) -> State {
        story(self.from, self.steps).0
    }

    /// A row: the start's steps, then `steps`; the end phase; the start's commands, then
    /// `commands`.
    pub(crate) fn row(
        &self,
        name: &'static str,
        steps: Vec<Step>,
        phase: Phase,
        commands: &[&'static str],
    ) -> Row {
        let start = self.then(steps, commands);
        Row {
            name,
            from: start.from,
            steps: start.steps,
            phase,
            commands: start.commands,
        }
    }
}

/// The pay page ([`here_config`]) with its order loaded and pending ([`pending`]).
pub(crate) fn here() -> Start {
    Start::at(pending(here_config()))
}

/// [`here`], the first status call answered pending, then the countdown ended: a check at once,
/// the grace period running.
pub(crate) fn overtime() -> Start {
    here().then(
        vec![st(1), E(Event::CountdownEnded)],
        &["poll", "grace 120", "status"],
    )
}

/// [`overtime`], its check answered pending, the grace period over and the next check failed:
/// shown as expired, with no verdict.
pub(crate) fn lapsed() -> Start {
    overtime().then(
        vec![st(1), GraceDue, net_err()],
        &["poll-slow", "status", "poll-lapsed"],
    )
}

/// A status answer: paid, returning to [`RETURN`] after 5 s (`paid.json`).
pub(crate) fn paid() -> Step {
    E(Event::Status(status("paid.json")))
}

/// One step of a story: an event, or a timer the machine scheduled firing now.
#[derive(Clone)]
#[allow(clippy::large_enum_variant)] // a test's list of steps
pub(crate) enum Step {
    E(Event),
    /// The poll timer scheduled last fires.
    PollDue,
    /// The grace-period timer scheduled last fires.
    GraceOver,
}
pub(crate) use Step::{GraceOver as GraceDue, PollDue, E};

/// A command the machine gave, as a table writes it: `info`, `qrcode`, `audio`, `status`,
/// `types`, `chose-type <t>`, `poll` (a poll scheduled, any delay), `poll-slow` (scheduled at
/// the grace-period rate or slower), `poll-lapsed` (after the grace period, slower still),
/// `grace <s>`, `info-retry`, `qrcode-retry`, `return-in <ms>`, `cooldown`, `navigate <url>` (a
/// navigation the hop limit counts), `go <url>` (one it does not: the return, the customer's
/// retry), `open-app <url>`, `note-app-opened`, `warn`, `stop`.
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

/// Events that would start a status check if anything could.
pub(crate) fn pokes() -> Vec<Step> {
    [
        Event::Visibility(true),
        Event::Focus,
        Event::PollDue(0),
        Event::PollDue(1),
        Event::PollDue(2),
    ]
    .into_iter()
    .map(E)
    .collect()
}

pub(crate) fn status_reply(code: i64) -> Reply<StatusInfo> {
    Reply::ok(StatusInfo {
        status: OrderStatus::from_code(code),
        ..Default::default()
    })
}

pub(crate) fn st(code: i64) -> Step {
    E(Event::Status(status_reply(code)))
}

pub(crate) fn st_expiring(code: i64, expire_time: i64) -> Step {
    E(Event::Status(Reply::ok(StatusInfo {
        status: OrderStatus::from_code(code),
        expire_time: Some(expire_time),
        ..Default::default()
    })))
}

pub(crate) fn st_redirect(code: i64, redirect: &str) -> Step {
    let mut reply = status_reply(code);
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

pub(crate) fn net_error() -> Error {
    Error::new(ErrorKind::Network, "offline")
}

pub(crate) fn net_err() -> Step {
    E(Event::Status(Reply::err(net_error())))
}

pub(crate) const RETURN: &str = "https://merchant.example/order/return?id=1";
pub(crate) const NAVIGATE_RETURN: &str = "go https://merchant.example/order/return?id=1";

pub(crate) const PHONE: Browser = Browser {
    mobile: true,
    in_app: None,
    ios: false,
};

/// The pay page of order 202406010001 on a phone, with a grace period of 120 s.
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

/// [`here_config`] taking part in the cashier flow as `cashier` says (rule 10), its page's own
/// order id `PAGE1`.
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
pub(crate) const CHOSEN_REFUSED: &str =
    r#"{"code":400,"message":"该支付方式暂不可用","data":null}"#;

pub(crate) fn choose(v: &str) -> Step {
    E(Event::Choose(v.into()))
}

pub(crate) const ID: &str = r#","order_id":"202406010001""#;
pub(crate) const TO_SEPARATE: &str = "navigate https://pay.example/pay/separate/202406010001";
pub(crate) const TO_PAY: &str = "navigate https://pay.example/pay/202406010001";
