//! The browser's `JSON.parse` path (`api::Fetched::decode`, what every answer goes through in the
//! page) against the shared case table `fixtures/cases/decode.json`, which `crates/core/tests/core/decode.rs`
//! holds serde_json to: every fixture and every edge case, the same expected answers.

use wasm_bindgen_test::*;

use paypage::api::json::JsJson;
use paypage::api::Fetched;
use paypage_core::error::Error;
use paypage_core::wire::Reply;

use super::decode_cases::{self, Decoders};

/// The page's way: the body through `JSON.parse` and the core's decoders.
fn json_parse_decoders() -> Decoders {
    crate::decoders!("JSON.parse", js_numbers: true, through_json_parse)
}

fn through_json_parse<T>(
    http: u16,
    body: &str,
    parse: fn(&JsJson) -> Result<T, Error>,
) -> Reply<T> {
    Fetched::answered(http, body.to_owned()).decode(parse).reply
}

#[wasm_bindgen_test]
fn json_parse_gives_the_shared_tables_answers() {
    decode_cases::assert_table(&json_parse_decoders());
}

/// Beyond the table: generated answers built from the pieces on which the two parsers could
/// differ (numbers written every way JSON allows, escapes, duplicate keys, keys that are names in
/// JavaScript, wrong types, nesting) decode the same through both, side by side in the browser.
/// Integers beyond 2^53 and numbers beyond a double's range are left out: the table holds those
/// differences.
#[wasm_bindgen_test]
fn serde_json_and_json_parse_agree_on_generated_answers() {
    let (serde, js) = (decode_cases::serde_json_decoders(), json_parse_decoders());
    let mut random = Random(0x9e37_79b9_7f4a_7c15);
    let mut wrong = Vec::new();
    for _ in 0..1500 {
        let body = random.envelope();
        for decoder in ["info", "status", "qrcode", "audio"] {
            let http = if random.below(8) == 0 { 502 } else { 200 };
            let a = decode_cases::decode(&serde, decoder, http, &body);
            let b = decode_cases::decode(&js, decoder, http, &body);
            if a != b {
                wrong.push(format!(
                    "{decoder} {http} {body}\n  serde_json: {a}\n  JSON.parse: {b}"
                ));
            }
        }
    }
    assert!(
        wrong.is_empty(),
        "{} differences, the first:\n{}",
        wrong.len(),
        wrong.iter().take(5).cloned().collect::<Vec<_>>().join("\n")
    );
}

const KEYS: &[&str] = &[
    "code",
    "message",
    "msg",
    "data",
    "redirect",
    "status",
    "amount",
    "trade_amount",
    "expire_time",
    "order_id",
    "out_order_id",
    "subject",
    "pay_type_text",
    "return_uri",
    "service_qq",
    "pay_payed_wait_time",
    "pay_account_tip",
    "tip",
    "tip_cover",
    "audio_enable",
    "audio_content",
    "audio_url",
    "is_auto_open",
    "type",
    "qrcode",
    "qrcode_data",
    "scheme",
    "uri",
    "content",
    "st\\u0061tus",
    "__proto__",
    "hasOwnProperty",
    "constructor",
    "toString",
    "valueOf",
    "x",
    "",
];

const SCALARS: &[&str] = &[
    "0",
    "1",
    "2",
    "3",
    "4",
    "5",
    "9",
    "200",
    "404",
    "-1",
    "-0",
    "-0.0",
    "1.0",
    "1000",
    "1000.0",
    "1e3",
    "1E3",
    "0.1e1",
    "2e2",
    "2E+2",
    "20e-1",
    "1.5",
    "0.5",
    "-5",
    "12.50",
    "1717220000",
    "1717220000.0",
    "1.71722e9",
    "123456",
    "9007199254740991",
    "-9007199254740991",
    "1e-400",
    "1.00000000000000001",
    "true",
    "false",
    "null",
    "\"1\"",
    "\"2\"",
    "\"200\"",
    "\" 1 \"",
    "\"1.0\"",
    "\"1e0\"",
    "\"\"",
    "\"  \"",
    "\"0\"",
    "\"-0\"",
    "\"+1\"",
    "\"abc\"",
    "\"true\"",
    "\"jump\"",
    "\"qrcode\"",
    "\"alipay\"",
    "\"10.00\"",
    "\"1000.00\"",
    "\"9007199254740993\"",
    "\"\\u4f1a\\u5458\"",
    "\"\\ud83d\\ude00\"",
    "\"\\u3000x\\u00a0\"",
    "\"\\ufeff\"",
    "\"a\\u0000b\"",
    "\"\\/r\"",
    "\"\\\"q\\\\\"",
    "\"javascript:x\"",
    "\"会员 😀\"",
    "[]",
    "{}",
    "[1]",
    "[\"1\"]",
];

/// xorshift64: the same answers on every run and engine.
struct Random(u64);

impl Random {
    fn below(&mut self, n: usize) -> usize {
        self.0 ^= self.0 << 13;
        self.0 ^= self.0 >> 7;
        self.0 ^= self.0 << 17;
        (self.0 % n as u64) as usize
    }

    fn pick(&mut self, from: &[&'static str]) -> &'static str {
        from[self.below(from.len())]
    }

    fn value(&mut self, depth: usize) -> String {
        match self.below(if depth == 0 { 1 } else { 10 }) {
            0..=6 => self.pick(SCALARS).to_owned(),
            7 | 8 => self.object(depth - 1),
            _ => {
                let n = self.below(3);
                let items: Vec<String> = (0..n).map(|_| self.value(depth - 1)).collect();
                format!("[{}]", items.join(","))
            }
        }
    }

    fn object(&mut self, depth: usize) -> String {
        let n = self.below(9);
        let members: Vec<String> = (0..n)
            .map(|_| format!("\"{}\":{}", self.pick(KEYS), self.value(depth)))
            .collect();
        format!("{{{}}}", members.join(","))
    }

    /// Mostly an envelope around a data object, sometimes anything.
    fn envelope(&mut self) -> String {
        if self.below(10) == 0 {
            return self.value(2);
        }
        let code = [
            "200", "200", "200", "\"200\"", "200.0", "404", "500", "null",
        ];
        let mut members = vec![format!("\"code\":{}", self.pick(&code))];
        members.push(format!("\"data\":{}", self.object(3)));
        for _ in 0..self.below(4) {
            members.push(format!("\"{}\":{}", self.pick(KEYS), self.value(2)));
        }
        // Any order, so duplicates and `code`/`data` after the others come up too.
        for i in (1..members.len()).rev() {
            members.swap(i, self.below(i + 1));
        }
        format!("{{{}}}", members.join(","))
    }
}
