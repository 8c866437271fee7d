//! The answers as the boot script reads them before the app runs: one reader of the envelope
//! ([`answer_data`], the core's `open_envelope`), the texts the first paint takes from it, info's
//! amount, the server's inline picture and the amount in words. `public/boot.js` mirrors
//! `answerTexts`, `amountToPay`, `inlinePicture`, `parseYuan` and `yuanText`.

use serde_json::Value;

use crate::json::lone_surrogates_replaced;
use crate::model::{QrInfo, QrType};
use crate::money;
use crate::present;
use crate::url_policy::UrlPolicy;
use crate::wire::{self, open_envelope, FenField};

/// The largest whole number a double holds exactly (2^53 - 1).
const EXACT_IN_A_DOUBLE: f64 = 9_007_199_254_740_991.0;

/// A JSON number beyond 2^53, where JavaScript's double and the core's integer may read other
/// digits: the boot script does not decide on it (no early call, an empty text).
pub fn beyond_double(v: &Value) -> bool {
    v.as_f64().is_some_and(|f| f.abs() > EXACT_IN_A_DOUBLE)
}

/// The data of a successful answer (`code` 200, no `redirect`), when it is an object: the
/// envelope opened as the app opens it ([`open_envelope`]), once for every reader below.
pub fn answer_data(text: &str) -> Option<Value> {
    let body = lone_surrogates_replaced(text);
    let parsed = serde_json::from_str::<Value>(&body).map_err(|e| e.to_string());
    if parsed
        .as_ref()
        .is_ok_and(|v| v.get("code").is_some_and(beyond_double))
    {
        return None;
    }
    match open_envelope(200, parsed, text) {
        (Ok(Some(data)), None) if data.is_object() => Some(data),
        _ => None,
    }
}

/// The texts of `keys` in a successful answer's data as the core reads them (`wire::text`:
/// trimmed; "" when absent or beyond a double), or `None` when the answer is no success. The
/// first paint's fields: the qrcode answer's `type`, `qrcode`, `qrcode_data`, `scheme`; info's
/// `pay_type`.
pub fn answer_texts(answer: &str, keys: &[&str]) -> Option<Vec<String>> {
    let data = answer_data(answer)?;
    let texts = keys.iter().map(|k| {
        if data.get(k).is_some_and(beyond_double) {
            return String::new();
        }
        wire::text(&data, k).unwrap_or_default()
    });
    Some(texts.collect())
}

/// Info's amount to pay in fen (`trade_amount`, else `amount`: `OrderInfo::amount_to_pay`), when
/// the answer is a success and that field is readable.
pub fn amount_to_pay(info: &str) -> Option<i64> {
    let data = answer_data(info)?;
    let trade = wire::fen(&data, "trade_amount");
    let chosen = if trade == FenField::Absent {
        wire::fen(&data, "amount")
    } else {
        trade
    };
    let key = if trade == FenField::Absent {
        "amount"
    } else {
        "trade_amount"
    };
    if data.get(key).is_some_and(beyond_double) {
        return None;
    }
    chosen.fen()
}

/// The server's inline picture (`present::inline_picture`: `data:image/…` in `qrcode_data`, else
/// in `qrcode`, through the image URL policy; never for a `type: jump` answer) from the answer's
/// trimmed texts (`""`: absent). None where it holds a character reference (`&`), which the
/// policy decodes and the boot script does not: the app shows that one.
pub fn inline_picture(kind: &str, qrcode: &str, qrcode_data: &str) -> Option<String> {
    let given = |s: &str| Some(s.trim()).filter(|t| !t.is_empty()).map(str::to_owned);
    let qr = QrInfo {
        kind: QrType::from_wire(given(kind).as_deref()),
        qrcode: given(qrcode),
        qrcode_data: given(qrcode_data),
        ..QrInfo::default()
    };
    present::inline_picture(&UrlPolicy::default(), &qr).filter(|p| !p.contains('&'))
}

/// The amount rendered into the page (`data-inject-amount`, yuan such as "10.00") in fen
/// ([`money::parse_yuan`]).
pub fn parse_yuan(text: &str) -> Option<i64> {
    money::parse_yuan(text)
}

/// The amount in words: "¥10.01" ([`money::yuan_with_sign`]).
pub fn yuan_text(fen: i64) -> String {
    money::yuan_with_sign(fen)
}
