//! The shared case table `fixtures/cases/boot.json`, read here for the core and by
//! `e2e/tests/boot_rules.test.js` for `public/boot.js`: where the order comes from, and which
//! calls go out after the info answer, how the amount rendered into the page reads, which of the
//! merchant's stylesheets is linked (`data-stylesheet`). The two cannot drift: both must give the
//! table's answers.

use std::collections::BTreeMap;

use paypage_core::config::PageConfig;
use paypage_core::machine::{transition, Cashier, Effect, Event, MachineConfig, State};
use paypage_core::model::parse_info;
use paypage_core::money::parse_yuan;
use paypage_core::order_ref::{find_order_ref, is_rendered, qrcode_ref, Here, OrderRef};
use paypage_core::wire::decode_reply;
use serde_json::Value;

use crate::support::fixture;

/// The cases of one section of the table (each section has at least 30).
fn cases(section: &str) -> Vec<Value> {
    let table: Value = serde_json::from_str(&fixture("cases/boot.json")).unwrap();
    let cases = table[section].as_array().unwrap().clone();
    assert!(cases.len() >= 30, "{section}: {} cases", cases.len());
    cases
}

fn text(v: &Value) -> Option<&str> {
    v.as_str()
}

#[test]
fn order_references_match_the_shared_table() {
    for case in cases("order_refs") {
        let got = find_order_ref(
            text(&case["injected"]),
            text(&case["path"]).unwrap(),
            text(&case["query"]).unwrap(),
        )
        .map(|o| o.body());
        assert_eq!(got.as_deref(), text(&case["body"]), "{case}");
    }
}

fn page_ref(v: &Value) -> OrderRef {
    match (v["order_id"].as_str(), v["out_order_id"].as_str()) {
        (Some(id), _) => OrderRef::OrderId(id.into()),
        (None, Some(out)) => OrderRef::OutOrder {
            out_order_id: out.into(),
            pid: v["pid"].as_i64().unwrap(),
        },
        _ => panic!("page order: {v}"),
    }
}

/// The machine's configuration for a case, as the app builds it from the page: `audio` is the
/// page's audio policy, `kind` the page (`data-page`: "status", else the pay page), `page_amount`
/// the raw `data-inject-amount` text, read only when the host rendered it.
fn machine_config(case: &Value) -> MachineConfig {
    let kind = &case["kind"];
    assert!(
        kind.is_null() || ["pay", "status", "separate"].contains(&kind.as_str().unwrap_or("?")),
        "kind: {case}"
    );
    let status_page = kind.as_str() == Some("status");
    // The app's part in the cashier flow: the pay page sends an order without a pay type to its
    // separate page; the separate page asks for the pay types instead of qrcode, audio and status.
    let cashier = match kind.as_str() {
        Some("status") => Cashier::Off,
        Some("separate") => Cashier::Choose,
        _ => Cashier::Send,
    };
    let amount = &case["page_amount"];
    assert!(
        amount.is_null() || amount.is_string(),
        "page_amount: {case}"
    );
    MachineConfig {
        audio: case["audio"].as_bool().unwrap() && !status_page,
        qr: !status_page,
        page_amount: text(amount).filter(|v| is_rendered(v)).and_then(parse_yuan),
        cashier,
        here: Here {
            origin: "https://pay.example".into(),
            ..Here::default()
        },
        ..MachineConfig::default()
    }
}

/// The calls the machine makes after Start and the info answer, by endpoint, with bodies (the
/// hook addresses qrcode with `qrcode_ref`, the others by the page's order). Only the calls boot.js
/// may send early are listed: the separate page's `/api/pay/types` is the app's.
fn first_calls(page: &OrderRef, config: MachineConfig, info: &str) -> BTreeMap<String, String> {
    let (s, _) = transition(State::new(config), Event::Start);
    let (s, fx) = transition(s, Event::Info(decode_reply(200, info, parse_info)));
    let info_id = s.order.as_ref().and_then(|o| o.order_id.clone());
    let mut calls = BTreeMap::new();
    for effect in fx {
        match effect {
            Effect::FetchQr => {
                if let Some(order) = qrcode_ref(info_id.as_deref(), page) {
                    calls.insert("qrcode".to_owned(), order.body());
                }
            }
            Effect::FetchStatus => {
                calls.insert("status".to_owned(), page.body());
            }
            Effect::FetchAudio => {
                calls.insert("audio".to_owned(), page.body());
            }
            Effect::FetchInfo => panic!("info again"),
            _ => {}
        }
    }
    calls
}

#[test]
fn first_calls_match_the_shared_table() {
    for case in cases("first_calls") {
        let got = first_calls(
            &page_ref(&case["page"]),
            machine_config(&case),
            text(&case["info"]).unwrap(),
        );
        let want: BTreeMap<String, String> = case["calls"]
            .as_object()
            .unwrap()
            .iter()
            .map(|(k, v)| (k.clone(), v.as_str().unwrap().to_owned()))
            .collect();
        assert_eq!(got, want, "{}", case["case"]);
    }
}

/// `fen` is the amount as a decimal string (JSON numbers this large would round in JavaScript),
/// or null where the text is not read.
#[test]
fn yuan_texts_match_the_shared_table() {
    for case in cases("yuan") {
        let want = &case["fen"];
        assert!(want.is_null() || want.is_string(), "fen: {case}");
        let got = parse_yuan(text(&case["text"]).unwrap()).map(|fen| fen.to_string());
        assert_eq!(got.as_deref(), text(want), "{case}");
    }
}

/// `data-stylesheet`: the file boot.js links is the value the core accepts (null: none).
#[test]
fn stylesheets_match_the_shared_table() {
    let table: Value = serde_json::from_str(&fixture("cases/boot.json")).unwrap();
    let cases = table["stylesheets"].as_array().unwrap();
    assert!(cases.len() >= 20, "{} cases", cases.len());
    for case in cases {
        let attrs: Vec<(&str, &str)> = text(&case["value"])
            .map(|v| vec![("stylesheet", v)])
            .unwrap_or_default();
        let (config, _) = PageConfig::from_attributes(attrs);
        assert_eq!(config.stylesheet.as_deref(), text(&case["file"]), "{case}");
    }
}
