//! The shared table `fixtures/cases/boot.json`, function by function: every section is one rule
//! `public/boot.js` exports, and here each row is answered by that rule's twin in
//! `paypage_core::boot` (the code the app runs). `e2e/tests/boot_rules.test.js` answers the same
//! rows with the shipped, minified boot script, so the two cannot drift.

use paypage_core::boot;
use serde_json::{json, Value};

use crate::support::fixture;

fn table() -> serde_json::Map<String, Value> {
    let table: Value = serde_json::from_str(&fixture("cases/boot.json")).unwrap();
    table.as_object().unwrap().clone()
}

fn opt(v: &Value) -> Option<&str> {
    assert!(v.is_null() || v.is_string(), "a string or null: {v}");
    v.as_str()
}

fn string(v: &Value) -> &str {
    v.as_str().unwrap_or_else(|| panic!("a string: {v}"))
}

fn fen(v: Option<i64>) -> Value {
    v.map(|f| f.to_string()).into()
}

/// The core's answer to one row of the section `name` (`a`: the row's arguments).
fn answer(name: &str, a: &[Value]) -> Value {
    let arg = |i: usize| a.get(i).unwrap_or(&Value::Null);
    match name {
        "orderBody" => boot::order_body(opt(arg(0)), string(arg(1)), string(arg(2))).into(),
        "nextCalls" => json!(boot::next_calls(
            string(arg(0)),
            string(arg(1)),
            arg(2).as_bool().unwrap(),
            opt(arg(3)),
            opt(arg(4)),
        )),
        "displayId" => boot::display_id(string(arg(0))).into(),
        "fill" => {
            let values: Vec<(&str, &str)> = arg(1)
                .as_object()
                .unwrap()
                .iter()
                .map(|(k, v)| (k.as_str(), string(v)))
                .collect();
            boot::fill(string(arg(0)), &values).into()
        }
        "parseYuan" => fen(boot::parse_yuan(string(arg(0)))),
        "yuanText" => boot::yuan_text(string(arg(0)).parse().unwrap()).into(),
        "amountToPay" => fen(boot::amount_to_pay(string(arg(0)))),
        "answerTexts" => {
            let keys: Vec<&str> = arg(1).as_array().unwrap().iter().map(string).collect();
            boot::answer_texts(string(arg(0)), &keys).into()
        }
        "inlinePicture" => {
            boot::inline_picture(string(arg(0)), string(arg(1)), string(arg(2))).into()
        }
        "stylesheet" => boot::stylesheet(opt(arg(0))).into(),
        "requestTimeout" => boot::request_timeout(opt(arg(0))).into(),
        "audioOn" => boot::audio_on(opt(arg(0))).into(),
        "apiElsewhere" => boot::api_elsewhere(opt(arg(0))).into(),
        "chooseLocale" => {
            let languages: Vec<String> = arg(2)
                .as_array()
                .unwrap()
                .iter()
                .map(|l| string(l).to_owned())
                .collect();
            boot::choose_locale(string(arg(0)), opt(arg(1)), &languages).into()
        }
        "merchantText" => boot::merchant_text(opt(arg(0)), string(arg(1)), string(arg(2))).into(),
        "firstScreenOwn" => {
            // The words are the packaged ones (the row cannot hold others).
            let packaged: Value = serde_json::from_str(&boot::packaged_words()).unwrap();
            assert_eq!(arg(0), &packaged[string(arg(2))], "the packaged words");
            boot::first_screen_own(opt(arg(1)), string(arg(2))).into()
        }
        "htmlArrival" => {
            let timing = |k: &str| arg(0).get(k).and_then(Value::as_f64);
            let now = arg(1).as_f64().unwrap();
            let at = boot::html_arrival(timing("responseStart"), timing("navigationStart"), now);
            json!(at as i64)
        }
        other => panic!("boot.json has a section no core function answers: {other}"),
    }
}

/// Every row of every section: the core's twin gives the row's answer. Each section has rows
/// enough to hold its rule (at least ten).
#[test]
fn every_boot_rule_answers_the_shared_table() {
    let mut sections = 0;
    for (name, rows) in table() {
        if name.starts_with('_') {
            continue;
        }
        let rows = rows.as_array().unwrap();
        assert!(rows.len() >= 10, "{name}: {} rows", rows.len());
        for row in rows {
            let got = answer(&name, row["args"].as_array().unwrap());
            assert_eq!(got, row["want"], "{name}: {row}");
        }
        sections += 1;
    }
    assert!(sections >= 17, "{sections} sections");
}

/// The first-call rules a model of the app could not write (it left the page's platform id
/// unset): a pay page whose info has a blank pay type and no order id goes to the separate page
/// (no call), the status page still reads the status.
#[test]
fn the_table_holds_the_cashier_rows() {
    let rows = table()["nextCalls"].as_array().unwrap().clone();
    let kinds: Vec<(Option<&str>, usize)> = rows
        .iter()
        .filter(|row| {
            let info: Value = serde_json::from_str(string(&row["args"][0])).unwrap_or_default();
            let d = &info["data"];
            d.get("order_id").is_none()
                && d.get("pay_type")
                    .is_some_and(|p| p.is_null() || p.as_str().is_some_and(|s| s.trim().is_empty()))
        })
        .map(|r| (r["args"][3].as_str(), r["want"].as_object().unwrap().len()))
        .collect();
    assert!(kinds.contains(&(Some("pay"), 0)), "{kinds:?}");
    assert!(kinds.contains(&(Some("status"), 1)), "{kinds:?}");
}
