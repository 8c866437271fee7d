//! The decode case table `fixtures/cases/decode.json`, shared by both test binaries: `tests/core`
//! decodes its inputs through serde_json (`core::wire::decode_reply`), `tests/web` through the
//! browser's `JSON.parse` (the app's own path, `api::Fetched::decode`). Both compare with the same
//! expectations, so the two parsers cannot drift apart unnoticed.
//!
//! A case is a fixture (by path, decoded with its folder's decoder) or an inline body, and the
//! expected outcome: `{"ok": {...}}` with every field the decoder read (`None` left out, and the
//! plain fields at their defaults: `false`, `tip_cover` 0), or `{"error": kind}`; `"redirect"` beside either. A case whose answer
//! differs in JavaScript because of what a JavaScript number can hold also says `expect_js` and
//! why; no other difference is allowed.

use paypage_core::error::ErrorKind;
use paypage_core::model::{
    AccountTip, AudioInfo, OrderInfo, OrderStatus, QrInfo, QrType, StatusInfo,
};
use paypage_core::wire::{decode_reply, Reply};
use serde_json::{json, Map, Value};

/// The table itself.
pub const TABLE: &str = include_str!("../../fixtures/cases/decode.json");

macro_rules! embedded {
    ($($path:literal)*) => {
        &[$(($path, include_str!(concat!("../../fixtures/", $path))),)*]
    };
}

/// Every fixture file of `fixtures/{info,status,qrcode,audio}`, embedded: the browser has no file
/// system. `crates/core/tests/core/decode.rs` checks that this list is the folders' contents.
pub const FIXTURES: &[(&str, &str)] = embedded![
    "audio/content_only.json"
    "audio/disabled.json"
    "audio/enabled.json"
    "audio/hostile.json"
    "info/account_tip_cover0.json"
    "info/account_tip_cover2.json"
    "info/adjusted.json"
    "info/ambiguous_amount.json"
    "info/channel_failure.json"
    "info/closed.json"
    "info/data_array.json"
    "info/expired.json"
    "info/failed.json"
    "info/hostile.json"
    "info/html_error.html"
    "info/invalid_json.txt"
    "info/no_data.json"
    "info/not_found.json"
    "info/paid.json"
    "info/pending.json"
    "info/pending_strings.json"
    "info/pending_wechat.json"
    "info/signature.json"
    "info/usdt.json"
    "info/wrong_types.json"
    "qrcode/document.json"
    "qrcode/empty.json"
    "qrcode/hostile.json"
    "qrcode/image_only.json"
    "qrcode/jump.json"
    "qrcode/jump_hostile.json"
    "qrcode/jump_scheme_only.json"
    "qrcode/no_pay_type.json"
    "qrcode/picture_url.json"
    "qrcode/picture_url_wechat.json"
    "qrcode/real.json"
    "qrcode/usdt.json"
    "qrcode/wechat.json"
    "status/auto_open.json"
    "status/closed.json"
    "status/expired.json"
    "status/paid.json"
    "status/paid_hostile.json"
    "status/paid_relative.json"
    "status/pending.json"
    "status/redirect.json"
    "status/wrong_types.json"
];

/// One parser's way through the envelope and the four decoders: the HTTP status and body text of
/// an answer in, the typed reply out.
pub struct Decoders {
    /// For the failure messages.
    pub engine: &'static str,
    /// Numbers are JavaScript numbers (doubles): the cases' `expect_js` applies.
    pub js_numbers: bool,
    pub info: fn(u16, &str) -> Reply<OrderInfo>,
    pub status: fn(u16, &str) -> Reply<StatusInfo>,
    pub qrcode: fn(u16, &str) -> Reply<QrInfo>,
    pub audio: fn(u16, &str) -> Reply<AudioInfo>,
}

/// A case of the table, its input resolved.
pub struct Case {
    /// The fixture's path, or the inline case's name.
    pub name: String,
    pub decoder: String,
    pub http: u16,
    pub body: String,
    /// What this engine must answer.
    pub expect: Value,
}

/// The table's cases as `decoders` must answer them: both sections, fixtures first.
pub fn cases(js_numbers: bool) -> Vec<Case> {
    let table: Value = serde_json::from_str(TABLE).unwrap();
    let mut out = Vec::new();
    for section in ["fixtures", "bodies"] {
        for case in table[section].as_array().unwrap() {
            out.push(resolve(case, js_numbers));
        }
    }
    out
}

fn resolve(case: &Value, js_numbers: bool) -> Case {
    let (name, body, folder) = match (case["fixture"].as_str(), case["body"].as_str()) {
        (Some(path), None) => {
            let body = fixture(path).unwrap_or_else(|| panic!("{path}: not in FIXTURES"));
            let folder = path.split('/').next().unwrap_or_default();
            (path.to_owned(), body.to_owned(), Some(folder))
        }
        (None, Some(body)) => {
            let name = case["case"].as_str().expect("an inline case has a name");
            (name.to_owned(), body.to_owned(), None)
        }
        _ => panic!("a case has a fixture or a body: {case}"),
    };
    let decoder = case["decoder"]
        .as_str()
        .or(folder)
        .unwrap_or_else(|| panic!("{name}: which decoder?"))
        .to_owned();
    let expect = match &case["expect_js"] {
        js @ Value::Object(_) if js_numbers => js.clone(),
        _ => case["expect"].clone(),
    };
    Case {
        http: case["http"].as_u64().map_or(200, |h| h as u16),
        name,
        decoder,
        body,
        expect,
    }
}

/// The embedded text of the fixture at `path` (relative to `fixtures/`).
pub fn fixture(path: &str) -> Option<&'static str> {
    FIXTURES
        .iter()
        .find(|(p, _)| *p == path)
        .map(|(_, text)| *text)
}

/// Decodes `body` with `decoders`' `decoder` and renders the outcome as the table writes it.
pub fn decode(decoders: &Decoders, decoder: &str, http: u16, body: &str) -> Value {
    match decoder {
        "info" => outcome((decoders.info)(http, body), info),
        "status" => outcome((decoders.status)(http, body), status),
        "qrcode" => outcome((decoders.qrcode)(http, body), qrcode),
        "audio" => outcome((decoders.audio)(http, body), audio),
        other => panic!("no decoder {other}"),
    }
}

/// The four decoders of one parser's way: `$through(http, body, parse)` with each of the core's
/// parsers.
#[macro_export]
macro_rules! decoders {
    ($engine:literal, js_numbers: $js_numbers:expr, $through:path) => {
        $crate::decode_cases::Decoders {
            engine: $engine,
            js_numbers: $js_numbers,
            info: |http, body| $through(http, body, paypage_core::model::parse_info),
            status: |http, body| $through(http, body, paypage_core::model::parse_status),
            qrcode: |http, body| $through(http, body, paypage_core::model::parse_qrcode),
            audio: |http, body| $through(http, body, paypage_core::model::parse_audio),
        }
    };
}
/// The native way (serde_json, through `decode_reply`); the browser test runs it too, beside
/// `JSON.parse`.
pub fn serde_json_decoders() -> Decoders {
    decoders!("serde_json", js_numbers: false, decode_reply)
}

/// Fails, listing every case, where `decoders` do not give the table's answers.
pub fn assert_table(decoders: &Decoders) {
    let wrong = mismatches(decoders);
    assert!(
        wrong.is_empty(),
        "{} cases:\n{}",
        wrong.len(),
        wrong.join("\n")
    );
}

/// Every case whose outcome through `decoders` is not the table's, described; empty when all hold.
pub fn mismatches(decoders: &Decoders) -> Vec<String> {
    let all = cases(decoders.js_numbers);
    assert!(all.len() >= 100, "{} cases", all.len());
    all.iter()
        .filter_map(|case| {
            let got = decode(decoders, &case.decoder, case.http, &case.body);
            (got != case.expect).then(|| {
                format!(
                    "{} ({} {}, HTTP {}):\n  table: {}\n  {}: {}",
                    case.name,
                    decoders.engine,
                    case.decoder,
                    case.http,
                    case.expect,
                    decoders.engine,
                    got
                )
            })
        })
        .collect()
}

/// A reply as the table writes it.
pub fn outcome<T>(reply: Reply<T>, fields: fn(T) -> Map<String, Value>) -> Value {
    let mut out = match reply.result {
        Ok(data) => json!({ "ok": fields(data) }),
        Err(e) => json!({ "error": kind(e.kind()) }),
    };
    if let Some(to) = reply.redirect {
        out["redirect"] = Value::String(to);
    }
    out
}

fn kind(kind: &ErrorKind) -> String {
    match kind {
        ErrorKind::Api { code, message } => format!("api {code} {message}"),
        ErrorKind::HttpStatus(s) => format!("http {s}"),
        ErrorKind::NotJson => "not-json".to_owned(),
        ErrorKind::InvalidResponse => "invalid".to_owned(),
        ErrorKind::UnreadableOrder => "unreadable".to_owned(),
        ErrorKind::Network => "network".to_owned(),
        ErrorKind::Timeout => "timeout".to_owned(),
    }
}

/// Renders `$value`, a `$ty`, as the table writes it: destructures it naming every field (no
/// `..`: a new field does not compile, "pattern requires `..`", until the table can say what it
/// decodes to) and puts each field under its own name as its type says ([`Put`]).
macro_rules! render {
    ($value:expr, $ty:ident { $($field:ident),* $(,)? }) => {{
        let value = $value;
        let $ty { $($field: _),* } = &value;
        let mut out = Map::new();
        $(Put::put(value.$field, stringify!($field), &mut out);)*
        out
    }};
}

/// How a field goes into its struct's map: as the table writes it, `None` and the plain fields at
/// their defaults (`false`, 0) left out.
trait Put {
    fn put(self, key: &str, out: &mut Map<String, Value>);
}

impl<T: Into<Value>> Put for Option<T> {
    fn put(self, key: &str, out: &mut Map<String, Value>) {
        if let Some(v) = self {
            out.insert(key.to_owned(), v.into());
        }
    }
}

impl Put for bool {
    fn put(self, key: &str, out: &mut Map<String, Value>) {
        self.then_some(true).put(key, out);
    }
}

impl Put for i64 {
    fn put(self, key: &str, out: &mut Map<String, Value>) {
        (self != 0).then_some(self).put(key, out);
    }
}

/// Its code.
impl Put for OrderStatus {
    fn put(self, key: &str, out: &mut Map<String, Value>) {
        Some(self.code()).put(key, out);
    }
}

impl Put for QrType {
    fn put(self, key: &str, out: &mut Map<String, Value>) {
        let kind = match self {
            QrType::Qrcode => "qrcode".to_owned(),
            QrType::Jump => "jump".to_owned(),
            QrType::Other(other) => format!("other {other}"),
        };
        Some(kind).put(key, out);
    }
}

/// Its fields beside its parent's.
impl Put for AccountTip {
    fn put(self, _: &str, out: &mut Map<String, Value>) {
        out.extend(render!(self, AccountTip { tip, tip_cover }));
    }
}

fn info(i: OrderInfo) -> Map<String, Value> {
    render!(
        i,
        OrderInfo {
            order_id,
            out_order_id,
            subject,
            status,
            amount,
            trade_amount,
            expire_time,
            pay_type,
            pay_type_text,
            create_time,
            return_uri,
            pay_type_logo,
            content,
            service_qq,
            pay_tip,
            payed_wait_time,
            account_tip,
            audio_enable,
            audio_content,
            pay_type_blank,
        }
    )
}

fn status(i: StatusInfo) -> Map<String, Value> {
    render!(
        i,
        StatusInfo {
            status,
            expire_time,
            return_uri,
            is_auto_open,
            payed_wait_time,
        }
    )
}

fn qrcode(i: QrInfo) -> Map<String, Value> {
    render!(
        i,
        QrInfo {
            kind,
            qrcode_data,
            qrcode,
            scheme,
            uri,
            content,
            actual_amount,
            actual_account,
            actual_account_type,
        }
    )
}

fn audio(i: AudioInfo) -> Map<String, Value> {
    render!(
        i,
        AudioInfo {
            enabled,
            url,
            content
        }
    )
}
