//! Property tests: no input makes the core panic, and the machine's invariants hold on random
//! event sequences.

use proptest::prelude::*;
use serde_json::Value;

use paypage_core::error::{Error, ErrorKind};
use paypage_core::machine::{transition, Effect, Event, MachineConfig, Phase, State};
use paypage_core::model::{
    parse_audio, parse_info, parse_qrcode, parse_status, OrderInfo, OrderStatus, StatusInfo,
};
use paypage_core::order_ref::find_order_ref;
use paypage_core::url_policy::{UrlPolicy, UrlUse};
use paypage_core::wire::{decode_reply, Reply};

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        any::<i64>().prop_map(Value::from),
        any::<f64>().prop_map(Value::from),
        ".{0,12}".prop_map(Value::String),
        prop_oneof![
            Just("1"),
            Just("2"),
            Just("200"),
            Just(""),
            Just("1e400"),
            Just("-0")
        ]
        .prop_map(|s| Value::String(s.into())),
    ];
    let keys = prop_oneof![
        Just("code"),
        Just("message"),
        Just("msg"),
        Just("data"),
        Just("redirect"),
        Just("status"),
        Just("amount"),
        Just("trade_amount"),
        Just("expire_time"),
        Just("pay_account_tip"),
        Just("tip"),
        Just("tip_cover"),
        Just("qrcode"),
        Just("type"),
        Just("audio_enable"),
        Just("is_auto_open"),
        Just("x"),
    ];
    leaf.prop_recursive(4, 48, 6, move |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..4).prop_map(Value::Array),
            prop::collection::vec((keys.clone(), inner), 0..8).prop_map(|kv| {
                Value::Object(kv.into_iter().map(|(k, v)| (k.to_owned(), v)).collect())
            }),
        ]
    })
}

/// A phase nothing may leave (rule 5).
fn is_final(phase: &Phase) -> bool {
    matches!(
        phase,
        Phase::Paid | Phase::Closed | Phase::Expired | Phase::Failed | Phase::NotFound
    )
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 2000, ..ProptestConfig::default() })]

    #[test]
    fn no_byte_string_panics_the_decoders(bytes in prop::collection::vec(any::<u8>(), 0..256), http in 100u16..600) {
        let body = String::from_utf8_lossy(&bytes);
        let _ = decode_reply(http, &body, parse_info);
        let _ = decode_reply(http, &body, parse_status);
        let _ = decode_reply(http, &body, parse_qrcode);
        let _ = decode_reply(http, &body, parse_audio);
    }

    #[test]
    fn no_json_value_panics_the_decoders(v in json_value()) {
        let body = v.to_string();
        let _ = decode_reply(200, &body, parse_info);
        let _ = decode_reply(200, &body, parse_status);
        let _ = decode_reply(200, &body, parse_qrcode);
        let _ = decode_reply(200, &body, parse_audio);
        let wrapped = serde_json::json!({"code": 200, "data": v}).to_string();
        let _ = decode_reply(200, &wrapped, parse_info);
        let _ = decode_reply(200, &wrapped, parse_qrcode);
    }

    #[test]
    fn text_without_lone_surrogates_is_read_as_it_is(v in json_value()) {
        use paypage_core::json::lone_surrogates_replaced;
        let text = v.to_string();
        prop_assert_eq!(lone_surrogates_replaced(&text), text.as_str());
        let wrapped = serde_json::json!({"code": 200, "data": v}).to_string();
        prop_assert_eq!(lone_surrogates_replaced(&wrapped), wrapped.as_str());
    }

    #[test]
    fn request_bodies_are_valid_json_for_any_id(id in "\\PC{0,40}|[\\x00-\\x1f\"\\\\\u{2028}]{0,8}", pid in any::<i64>()) {
        use paypage_core::order_ref::OrderRef;
        let v: Value = serde_json::from_str(&OrderRef::OrderId(id.clone()).body()).unwrap();
        prop_assert_eq!(v["order_id"].as_str(), Some(id.as_str()));
        let v: Value = serde_json::from_str(&OrderRef::OutOrder { out_order_id: id.clone(), pid }.body()).unwrap();
        prop_assert_eq!(v["out_order_id"].as_str(), Some(id.as_str()));
        prop_assert_eq!(v["pid"].as_i64(), Some(pid));
    }

    #[test]
    fn no_string_panics_the_url_policy_or_order_lookup(s in ".{0,64}", extra in ".{0,12}") {
        let p = UrlPolicy::with_app_schemes([extra.as_str()]);
        for u in [UrlUse::Navigate, UrlUse::AppLink, UrlUse::Image, UrlUse::Audio, UrlUse::Link] {
            if let Ok(out) = p.check(u, &s) {
                let lower = out.to_ascii_lowercase();
                prop_assert!(!lower.starts_with("javascript:") && !lower.starts_with("vbscript:"));
                prop_assert!(!out.chars().any(|c| c.is_control()));
            }
        }
        let _ = find_order_ref(Some(&s), &s, &s);
    }
}

#[derive(Clone, Debug)]
enum Ev {
    Start,
    InfoStatus(i64),
    InfoErr(bool),
    StatusCode(i64, bool),
    StatusErr,
    /// A qrcode answer; with `true` its envelope also carries a (safe) redirect.
    Qr(bool),
    QrErr,
    /// An audio answer; with `true` its envelope also carries a (safe) redirect.
    Audio(bool),
    Poll(u64),
    Visible(bool),
    Focus,
    Countdown,
    RetryInfo,
    RetryQr,
    ReturnDue,
    ReturnNow,
}

fn ev() -> impl Strategy<Value = Ev> {
    prop_oneof![
        Just(Ev::Start),
        (0i64..7).prop_map(Ev::InfoStatus),
        any::<bool>().prop_map(Ev::InfoErr),
        ((0i64..7), any::<bool>()).prop_map(|(c, r)| Ev::StatusCode(c, r)),
        Just(Ev::StatusErr),
        any::<bool>().prop_map(Ev::Qr),
        Just(Ev::QrErr),
        any::<bool>().prop_map(Ev::Audio),
        (0u64..12).prop_map(Ev::Poll),
        any::<bool>().prop_map(Ev::Visible),
        Just(Ev::Focus),
        Just(Ev::Countdown),
        Just(Ev::RetryInfo),
        Just(Ev::RetryQr),
        Just(Ev::ReturnDue),
        Just(Ev::ReturnNow),
    ]
}

/// A redirect the URL policy allows, sent by the envelope of a late answer.
const ELSEWHERE: &str = "/elsewhere";

fn to_event(e: &Ev) -> Event {
    let info = |status: i64| OrderInfo {
        order_id: Some("P".into()),
        status: OrderStatus::from_code(status),
        trade_amount: Some(100),
        return_uri: Some("/back".into()),
        ..Default::default()
    };
    match e {
        Ev::Start => Event::Start,
        Ev::InfoStatus(s) => Event::Info(Reply::ok(info(*s))),
        Ev::InfoErr(nf) => Event::Info(Reply::err(if *nf {
            Error::new(
                ErrorKind::Api {
                    code: 404,
                    message: "no".into(),
                },
                "",
            )
        } else {
            Error::new(ErrorKind::Network, "")
        })),
        Ev::StatusCode(c, redirect) => Event::Status(Reply {
            result: Ok(StatusInfo {
                status: OrderStatus::from_code(*c),
                return_uri: Some("/r".into()),
                ..Default::default()
            }),
            redirect: redirect.then(|| "javascript:alert(1)".to_owned()),
        }),
        Ev::StatusErr => Event::Status(Reply::err(Error::new(ErrorKind::Timeout, ""))),
        Ev::Qr(redirect) => Event::Qr(Reply {
            redirect: redirect.then(|| ELSEWHERE.to_owned()),
            ..Reply::ok(paypage_core::model::QrInfo {
                kind: paypage_core::model::QrType::Qrcode,
                qrcode: Some("https://qr.alipay.com/x".into()),
                ..Default::default()
            })
        }),
        Ev::QrErr => Event::Qr(Reply::err(Error::new(ErrorKind::NotJson, ""))),
        Ev::Audio(redirect) => Event::Audio(Reply {
            redirect: redirect.then(|| ELSEWHERE.to_owned()),
            ..Reply::ok(Default::default())
        }),
        Ev::Poll(g) => Event::PollDue(*g),
        Ev::Visible(v) => Event::Visibility(*v),
        Ev::Focus => Event::Focus,
        Ev::Countdown => Event::CountdownEnded,
        Ev::RetryInfo => Event::RetryInfo,
        Ev::RetryQr => Event::RetryQr,
        Ev::ReturnDue => Event::ReturnDue,
        Ev::ReturnNow => Event::ReturnNow,
    }
}

proptest! {
    #![proptest_config(ProptestConfig { cases: 3000, ..ProptestConfig::default() })]

    #[test]
    fn machine_invariants_hold_on_random_event_sequences(events in prop::collection::vec(ev(), 0..40)) {
        let mut s = State::new(MachineConfig::default());
        let mut status_calls_in_flight = 0i32;
        let mut info_calls = 0;
        let mut navigations = 0;
        let mut final_phase: Option<Phase> = None;
        let mut server_said_paid = false;
        let mut fetched_before_info = false;
        for e in &events {
            let event = to_event(e);
            let was_in_flight = s.status_in_flight();
            if matches!(e, Ev::StatusCode(2, _)) && was_in_flight && s.phase == Phase::Pending {
                server_said_paid = true;
            }
            if matches!(e, Ev::InfoStatus(2)) && s.phase == Phase::Loading && info_calls > 0 {
                server_said_paid = true;
            }
            let (next, fx) = transition(s, event);
            s = next;
            if matches!(e, Ev::StatusCode(..) | Ev::StatusErr) && was_in_flight {
                status_calls_in_flight -= 1;
            }
            for f in &fx {
                match f {
                    Effect::FetchStatus => status_calls_in_flight += 1,
                    Effect::FetchInfo => info_calls += 1,
                    Effect::Navigate { url, .. } => {
                        navigations += 1;
                        prop_assert!(!url.starts_with("javascript"));
                        // Once paid, the one navigation is the way back to the merchant.
                        if s.phase == Phase::Paid {
                            prop_assert!(url == "/r" || url == "/back", "paid, then navigated to {url}");
                        }
                    }
                    _ => {}
                }
                if matches!(f, Effect::FetchQr | Effect::FetchAudio | Effect::FetchStatus) && s.order.is_none() {
                    fetched_before_info = true;
                }
                if let Some(p) = &final_phase {
                    prop_assert!(!matches!(f, Effect::FetchInfo | Effect::FetchQr | Effect::FetchAudio | Effect::FetchStatus),
                        "call {f:?} after final {p:?}");
                }
            }
            prop_assert!(status_calls_in_flight <= 1, "two status calls in flight");
            prop_assert!(navigations <= 1, "more than one navigation");
            prop_assert!(!fetched_before_info, "called before info");
            if let Some(p) = &final_phase {
                prop_assert_eq!(&s.phase, p, "a final state changed");
            } else if is_final(&s.phase) {
                final_phase = Some(s.phase.clone());
            }
            if s.phase == Phase::Paid {
                prop_assert!(server_said_paid, "paid without status 2");
            }
        }
    }
}
