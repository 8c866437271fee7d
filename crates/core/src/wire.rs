//! Tolerant reading of the template API's JSON.
//!
//! Real XArr deployments send numbers as strings (`"1"`, `"1000"`), `null` or `""` for absent
//! values, and extra fields. These helpers read one field the way the API means it and return
//! `None` for anything absent; the typed decoders in [`crate::model`] decide which absences
//! are errors.

use super::error::{Error, ErrorKind};
#[cfg(feature = "std")]
use super::json::lone_surrogates_replaced;
use super::json::{Json, Scalar};
use crate::prelude::*;

/// An integer field: a JSON integer, an integral float, or a string holding one.
/// `null`, `""`, booleans, fractions and out-of-range values read as absent.
pub fn int<J: Json>(obj: &J, key: &str) -> Option<i64> {
    value_int(obj.member(key)?.scalar())
}

fn value_int(v: Scalar) -> Option<i64> {
    match v {
        Scalar::Int(i) => Some(i),
        Scalar::Str(s) => {
            let t = s.trim();
            if t.is_empty() {
                return None;
            }
            t.parse::<i64>().ok().or_else(|| integral_decimal(t))
        }
        _ => None,
    }
}

/// `"1000.00"` → 1000: a decimal whose fraction is all zeros. (Parsed by hand: `f64::from_str`
/// would add its large tables to the wasm for this one case.)
fn integral_decimal(t: &str) -> Option<i64> {
    let (int, frac) = t.split_once('.')?;
    if !frac.bytes().all(|b| b == b'0') {
        return None;
    }
    match int {
        // ".0" is zero; "." alone is no number.
        "" | "-" | "+" => (!frac.is_empty()).then_some(0),
        _ => int.parse::<i64>().ok(),
    }
}

/// A money field as the answer holds it: see [`fen`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum FenField {
    /// Missing, `null` or blank.
    Absent,
    /// A whole number of fen.
    Fen(i64),
    /// There, but not a whole number of fen: never guessed.
    Unreadable,
}

impl FenField {
    /// The amount, when there is one.
    pub fn fen(self) -> Option<i64> {
        match self {
            Self::Fen(v) => Some(v),
            Self::Absent | Self::Unreadable => None,
        }
    }
}

/// A money field in fen, read without guessing: a JSON integer or a string of digits is an
/// amount; missing, `null` or blank is absent; anything else that is there is unreadable:
/// `"10.00"` (fen or yuan?), a fraction, a negative amount, a boolean, an object.
pub fn fen<J: Json>(obj: &J, key: &str) -> FenField {
    let Some(v) = obj.member(key) else {
        return FenField::Absent;
    };
    match v.scalar() {
        Scalar::Null => FenField::Absent,
        Scalar::Int(i) if i >= 0 => FenField::Fen(i),
        Scalar::Str(s) => {
            let t = s.trim();
            if t.is_empty() {
                FenField::Absent
            } else if t.bytes().all(|b| b.is_ascii_digit()) {
                t.parse::<i64>().map_or(FenField::Unreadable, FenField::Fen)
            } else {
                FenField::Unreadable
            }
        }
        _ => FenField::Unreadable,
    }
}

/// A text field: a non-blank string (trimmed), or a number rendered as text.
pub fn text<J: Json>(obj: &J, key: &str) -> Option<String> {
    match obj.member(key)?.scalar() {
        Scalar::Str(s) => {
            let t = s.trim();
            (!t.is_empty()).then(|| t.to_owned())
        }
        // Integers only: an id or QQ number sent as a number. (Formatting floats would link
        // float printing into the wasm; no text field of the API is a fraction.)
        Scalar::Int(i) => {
            let mut s = String::new();
            if i < 0 {
                s.push('-');
            }
            super::numtext::push_uint(&mut s, i.unsigned_abs());
            Some(s)
        }
        _ => None,
    }
}

/// A flag field: `1`, `"1"`, `true` are on; `0`, `"0"`, `false` are off; anything else absent.
pub fn flag<J: Json>(obj: &J, key: &str) -> Option<bool> {
    match obj.member(key)?.scalar() {
        Scalar::Bool(b) => Some(b),
        v => value_int(v).map(|n| n != 0),
    }
}

/// A nested object field; absent unless it is a JSON object.
pub fn object<J: Json>(obj: &J, key: &str) -> Option<J> {
    obj.member(key).filter(|v| v.scalar() == Scalar::Object)
}

/// The `data` of a successful envelope must be an object.
pub fn expect_object<'a, J: Json>(v: &'a J, what: &str) -> Result<&'a J, Error> {
    let kind = v.scalar();
    if kind == Scalar::Object {
        Ok(v)
    } else {
        Err(Error::new(
            ErrorKind::InvalidResponse,
            [
                what,
                ": data is ",
                type_name(&kind),
                " instead of an object",
            ]
            .concat(),
        ))
    }
}

pub fn type_name(v: &Scalar) -> &'static str {
    match v {
        Scalar::Null => "null",
        Scalar::Bool(_) => "a boolean",
        Scalar::Int(_) | Scalar::Fraction => "a number",
        Scalar::Str(_) => "a string",
        Scalar::Array => "an array",
        Scalar::Object => "an object",
    }
}

/// A decoded envelope: the typed result and the envelope's `redirect`, which can come with a
/// success or a failure.
#[derive(Clone, Debug, PartialEq)]
pub struct Reply<T> {
    pub result: Result<T, Error>,
    pub redirect: Option<String>,
}

impl<T> Reply<T> {
    pub fn ok(data: T) -> Self {
        Self {
            result: Ok(data),
            redirect: None,
        }
    }

    pub fn err(error: Error) -> Self {
        Self {
            result: Err(error),
            redirect: None,
        }
    }
}

/// Decodes a whole HTTP answer with serde_json (native builds and tests; the browser parses with
/// its own `JSON.parse`, then opens the envelope with [`open_envelope`] and reads it with
/// [`read_data`], as [`decode_parsed`] does): its status and body text, through the
/// `{code, message | msg, data, redirect}` envelope, into `T` with `parse`. Never panics, whatever
/// the body. It reads what the browser's path reads: a lone surrogate escape, which serde_json
/// refuses and `JSON.parse` accepts, is read as U+FFFD, as it reaches Rust from the browser
/// ([`lone_surrogates_replaced`]). (`crates/core/tests/core/decode.rs` and `tests/web/decode.rs` hold both
/// paths to one case table.)
#[cfg(feature = "std")]
pub fn decode_reply<T>(
    http_status: u16,
    body: &str,
    parse: impl FnOnce(&serde_json::Value) -> Result<T, Error>,
) -> Reply<T> {
    let text = lone_surrogates_replaced(body);
    let parsed = serde_json::from_str::<serde_json::Value>(&text).map_err(|e| e.to_string());
    decode_parsed(http_status, parsed, body, parse)
}

/// The same for a body already parsed (or the parser's complaint).
pub fn decode_parsed<J: Json, T>(
    http_status: u16,
    parsed: Result<J, String>,
    body: &str,
    parse: impl FnOnce(&J) -> Result<T, Error>,
) -> Reply<T> {
    read_data(open_envelope(http_status, parsed, body), parse)
}

/// An answer's envelope opened ([`open_envelope`]): the success's `data` (`None` when it is
/// missing or null) or the failure, and the `redirect`.
pub type Opened<J> = (Result<Option<J>, Error>, Option<String>);

/// The answer in an opened envelope, read with `parse` (a success without data is an invalid
/// answer).
pub fn read_data<J, T>(
    (data, redirect): Opened<J>,
    parse: impl FnOnce(&J) -> Result<T, Error>,
) -> Reply<T> {
    let result = data.and_then(|data| match data {
        Some(data) => parse(&data),
        None => Err(Error::new(
            ErrorKind::InvalidResponse,
            "success envelope without data",
        )),
    });
    Reply { result, redirect }
}

/// An opened envelope as an acknowledgement: `code` 200 is success whatever `data` holds.
pub fn read_ack<J>((data, redirect): Opened<J>) -> Reply<()> {
    Reply {
        result: data.map(|_| ()),
        redirect,
    }
}

/// An answer that carries no data, only success or failure (`/api/order/chose-type`: `code` 200
/// and `data` null), decoded with serde_json (native builds and tests).
#[cfg(feature = "std")]
pub fn decode_ack(http_status: u16, body: &str) -> Reply<()> {
    let parsed = serde_json::from_str::<serde_json::Value>(body).map_err(|e| e.to_string());
    decode_ack_parsed(http_status, parsed, body)
}

/// The same for a body already parsed: `code` 200 is success whatever `data` holds.
pub fn decode_ack_parsed<J: Json>(
    http_status: u16,
    parsed: Result<J, String>,
    body: &str,
) -> Reply<()> {
    read_ack(open_envelope(http_status, parsed, body))
}

/// The envelope without the answer's type: the success's `data` (`None` when it is missing or
/// null) or the failure, and the `redirect`. (Not generic over the answer's type, so the wasm has
/// it once, not once per endpoint.)
pub fn open_envelope<J: Json>(
    http_status: u16,
    parsed: Result<J, String>,
    body: &str,
) -> Opened<J> {
    let http_ok = (200..300).contains(&http_status);
    let value = match parsed {
        Ok(v) => v,
        Err(e) => {
            let kind = if http_ok {
                ErrorKind::NotJson
            } else {
                ErrorKind::HttpStatus(http_status)
            };
            let looks_html = body.trim_start().starts_with('<');
            let detail = if looks_html {
                "an HTML page instead of the API envelope".to_owned()
            } else {
                e
            };
            return (Err(Error::new(kind, detail)), None);
        }
    };
    let envelope = value.scalar();
    if envelope != Scalar::Object {
        let kind = if http_ok {
            ErrorKind::InvalidResponse
        } else {
            ErrorKind::HttpStatus(http_status)
        };
        return (
            Err(Error::new(
                kind,
                ["envelope is ", type_name(&envelope)].concat(),
            )),
            None,
        );
    }
    let obj = &value;
    let redirect = text(obj, "redirect");
    let result = match int(obj, "code") {
        None if !http_ok => Err(Error::new(
            ErrorKind::HttpStatus(http_status),
            "no envelope code",
        )),
        None => Err(Error::new(
            ErrorKind::InvalidResponse,
            "envelope has no code",
        )),
        Some(200) => Ok(obj.member("data").filter(|d| d.scalar() != Scalar::Null)),
        Some(code) => {
            let message = text(obj, "message")
                .or_else(|| text(obj, "msg"))
                .unwrap_or_default();
            Err(Error::new(
                ErrorKind::Api { code, message },
                "envelope code",
            ))
        }
    };
    (result, redirect)
}
