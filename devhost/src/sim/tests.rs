//! The simulator against the shared fixtures: every scenario answers, the clock moves orders,
//! faults are picked as configured.

use serde_json::json;

use super::*;

fn sim() -> Sim {
    Sim::new(
        PathBuf::from(env!("CARGO_MANIFEST_DIR")).join("../fixtures"),
        Faults::default(),
    )
}

#[test]
fn every_scenario_is_seeded_and_answers_from_fixtures() {
    let mut s = sim();
    for sc in SCENARIOS {
        let id = format!("demo_{}", sc.name);
        assert_eq!(s.orders.contains_key(&id), sc.exists, "{id}");
        let (http, body, _) = s.answer("info", Some(&id));
        assert_eq!(http, 200);
        let v: Value = serde_json::from_str(&body).unwrap();
        if sc.exists {
            assert_eq!(v["code"], 200, "{id}");
            assert_eq!(v["data"]["order_id"], json!(id));
            assert_eq!(v["data"]["status"], json!(sc.status));
        } else {
            assert_eq!(v["code"], 404);
        }
    }
}

#[test]
fn pays_after_and_expiry_follow_the_clock() {
    let mut s = sim();
    let o = s.orders.get_mut("demo_pays_after").unwrap();
    let at = o.pays_at.unwrap();
    o.tick(at - 1);
    assert_eq!(o.status, 1);
    o.tick(at);
    assert_eq!(o.status, 2);
    let o = s.orders.get_mut("demo_expiring").unwrap();
    let exp = o.expire_time;
    o.tick(exp);
    assert_eq!(o.status, 4);
}

#[test]
fn paid_status_carries_a_local_return_uri() {
    let mut s = sim();
    let (_, body, _) = s.answer("status", Some("demo_paid"));
    let v: Value = serde_json::from_str(&body).unwrap();
    assert_eq!(v["data"]["return_uri"], "/__dev/return/demo_paid");
}

#[test]
fn malformed_scenarios_break_only_status() {
    let mut s = sim();
    let (http, body, _) = s.answer("status", Some("demo_html_error"));
    assert_eq!(http, 502);
    assert!(body.contains("<html>"));
    let (http, _, _) = s.answer("info", Some("demo_html_error"));
    assert_eq!(http, 200);
    let (http, _, _) = s.answer("status", Some("demo_http500"));
    assert_eq!(http, 500);
}

#[test]
fn create_validates() {
    let mut s = sim();
    assert!(s
        .create(CreateOrder {
            scenario: "nope".into(),
            ..Default::default()
        })
        .is_err());
    assert!(s
        .create(CreateOrder {
            scenario: "pending".into(),
            order_id: Some("a/b".into()),
            ..Default::default()
        })
        .is_err());
    let o = s
        .create(CreateOrder {
            scenario: "pending".into(),
            expires_in: Some(5),
            ..Default::default()
        })
        .unwrap();
    assert!(o.expire_time - now_secs() <= 5);
}

#[test]
fn faults() {
    let f = Faults {
        error_rate: 0.5,
        status_only: true,
        ..Faults::default()
    };
    assert!(pick_fault(&f, "info", 0.1).is_none());
    assert!(matches!(
        pick_fault(&f, "status", 0.1),
        Some(Fault::Error500)
    ));
    assert!(pick_fault(&f, "status", 0.6).is_none());
    let down = Faults {
        down_until: now_secs() + 30,
        ..Faults::default()
    };
    assert!(matches!(pick_fault(&down, "info", 0.9), Some(Fault::Down)));
}

mod cashier;
mod paths;
