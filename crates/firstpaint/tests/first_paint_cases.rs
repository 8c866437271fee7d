//! The shared table `fixtures/cases/first_paint.json` (also read by
//! `e2e/tests/first_paint_wasm.test.js` against the built module): every row answered by
//! [`paint`] from the boot script's seven fields, and by the core's `first_paint` fed the same
//! answer the way the app decodes it (`PageConfig::from_attributes`, `parse_qrcode`, `wire::text`,
//! `Browser::from_user_agent`). The module decides nothing of its own.
#![cfg(not(target_arch = "wasm32"))]
#![allow(
    clippy::unwrap_used,
    clippy::expect_used,
    clippy::panic,
    clippy::indexing_slicing
)]

use paypage_core::config::PageConfig;
use paypage_core::i18n::Key;
use paypage_core::model::{parse_qrcode, QrType};
use paypage_core::present::{first_paint, App, Browser, FirstPaint};
use paypage_core::wire::text;
use paypage_firstpaint::{paint, painted, FIELDS};
use serde_json::{json, Value};

fn table() -> Vec<Value> {
    let path = concat!(
        env!("CARGO_MANIFEST_DIR"),
        "/../../fixtures/cases/first_paint.json"
    );
    let raw = std::fs::read_to_string(path).expect("fixtures/cases/first_paint.json");
    let table: Value = serde_json::from_str(&raw).expect("the table is JSON");
    table["cases"].as_array().expect("cases").clone()
}

fn field<'a>(row: &'a Value, name: &str) -> &'a str {
    row[name]
        .as_str()
        .unwrap_or_else(|| panic!("{name} in {row}"))
}

fn expected(row: &Value) -> FirstPaint {
    let opt = |name: &str| match &row[name] {
        Value::Null => None,
        v => Some(v.as_str().expect("a string or null").to_owned()),
    };
    FirstPaint {
        picture: opt("picture"),
        open_app: opt("link"),
    }
}

/// The row's fields joined as the boot script joins them.
fn input(row: &Value) -> String {
    FIELDS.map(|name| field(row, name)).join("\0")
}

/// The core's answer to the row, read the way the app reads the page and the answers.
fn the_apps(row: &Value) -> FirstPaint {
    the_apps_with_app(row).0
}

/// The app's text key the QR panel names beside that picture (`App::of_answer`, nothing encoded:
/// the machine's choice for a server's picture), when there is one.
fn the_apps_with_app(row: &Value) -> (FirstPaint, Option<&'static str>) {
    let (config, _) = PageConfig::from_attributes([("app-schemes", field(row, "app_schemes"))]);
    let answer = json!({
        "type": field(row, "type"),
        "qrcode": field(row, "qrcode"),
        "qrcode_data": field(row, "qrcode_data"),
        "scheme": field(row, "scheme"),
    });
    let pay_type = text(&json!({ "pay_type": field(row, "pay_type") }), "pay_type");
    // An answer the app refuses (nothing to show or follow) paints nothing.
    let Ok(qr) = parse_qrcode(&answer) else {
        return (FirstPaint::default(), None);
    };
    let paint = first_paint(
        &config.url_policy(),
        &qr,
        pay_type.as_deref(),
        Browser::from_user_agent(field(row, "user_agent")),
    );
    let app = paint.picture.as_ref().map(|_| {
        match App::of_answer(pay_type.as_deref(), None, &qr) {
            App::Alipay => Key::app_alipay,
            App::Wechat => Key::app_wechat,
            App::Qq => Key::app_qq,
            App::UnionPay => Key::app_unionpay,
            App::Other => Key::app_other,
        }
        .name()
    });
    (paint, app)
}

#[test]
fn every_row_is_painted_as_the_table_says_by_the_module_and_by_the_core() {
    let rows = table();
    assert!(rows.len() >= 40, "{} rows", rows.len());
    for row in &rows {
        let case = field(row, "case");
        let want = expected(row);
        assert_eq!(paint(input(row).as_bytes()), want, "module: {case}");
        assert_eq!(the_apps(row), want, "core, as the app reads it: {case}");
        let app = row["app"].as_str();
        assert_eq!(
            painted(input(row).as_bytes()).1,
            app,
            "module's app: {case}"
        );
        assert_eq!(the_apps_with_app(row).1, app, "the app's app: {case}");
        if let Some(app) = app {
            assert!(Key::from_name(app).is_some(), "{case}: {app}");
        }
    }
}

#[test]
#[ignore]
fn print_apps() {
    let apps: Vec<Option<&str>> = table().iter().map(|r| the_apps_with_app(r).1).collect();
    println!("APPS {}", serde_json::to_string(&apps).unwrap());
}

#[test]
fn the_table_covers_what_it_says() {
    let rows = table();
    let has = |f: &dyn Fn(&Value) -> bool| rows.iter().any(f);
    let some = |r: &Value, k: &str| !r[k].is_null();
    // Pictures with and without links, refusals, nothing at all.
    assert!(has(&|r| some(r, "picture") && some(r, "link")));
    assert!(has(&|r| some(r, "picture") && !some(r, "link")));
    assert!(has(&|r| !some(r, "picture") && !some(r, "link")));
    assert!(has(&|r| field(r, "scheme").starts_with("javascript:")));
    assert!(has(&|r| field(r, "type").trim() == "jump"));
    assert!(has(
        &|r| !field(r, "app_schemes").is_empty() && some(r, "link")
    ));
    for ua in [
        "MicroMessenger",
        "AlipayClient",
        "DingTalk",
        "iPhone",
        "Android",
        "X11",
    ] {
        assert!(has(&|r| field(r, "user_agent").contains(ua)), "{ua}");
    }
}

#[test]
fn what_is_not_seven_utf8_fields_paints_nothing() {
    let png = "data:image/png;base64,iVBORw0KGgo=";
    let ok = [
        "iPhone Mobile",
        "alipay",
        "",
        "qrcode",
        "",
        png,
        "alipays://x",
    ]
    .join("\0");
    assert_eq!(paint(ok.as_bytes()).picture.as_deref(), Some(png));
    // A U+0000 inside a field makes eight.
    let eight = [ok.as_str(), "x"].join("\0");
    assert_eq!(paint(eight.as_bytes()), FirstPaint::default());
    let six = ["iPhone Mobile", "alipay", "", "qrcode", "", png].join("\0");
    assert_eq!(paint(six.as_bytes()), FirstPaint::default());
    assert_eq!(paint(b""), FirstPaint::default());
    let mut bad = ok.into_bytes();
    bad.push(0xff);
    assert_eq!(paint(&bad), FirstPaint::default());
}

#[test]
fn the_type_is_the_cores_reading() {
    // A jump with a picture paints nothing; any other type paints the picture.
    for (kind, paints) in [
        ("jump", false),
        ("qrcode", true),
        ("alipay", true),
        ("", true),
    ] {
        assert_eq!(
            QrType::from_wire(Some(kind)) == QrType::Jump,
            !paints && !kind.is_empty()
        );
        let input = ["", "", "", kind, "", "data:image/png;base64,AA", ""].join("\0");
        assert_eq!(
            paint(input.as_bytes()).picture.is_some(),
            paints,
            "{kind:?}"
        );
    }
}
