//! Tolerant reading of the template API's JSON.
//!
//! Real XArr deployments send numbers as strings (`"1"`, `"1000"`), `null` or `""` for absent
//! values, and extra fields. These helpers read one field the way the API means it and return
//! `None` for anything absent; the typed decoders in [`crate::core::model`] decide which absences
//! are errors.

use serde_json::{Map, Value};

use super::error::{Error, ErrorKind};

/// A JSON object as the decoders see it.
pub type Obj = Map<String, Value>;

/// An integer field: a JSON integer, an integral float, or a string holding one.
/// `null`, `""`, booleans, fractions and out-of-range values read as absent.
pub fn int(obj: &Obj, key: &str) -> Option<i64> {
    value_int(obj.get(key)?)
}

fn value_int(v: &Value) -> Option<i64> {
    match v {
        Value::Number(n) => n.as_i64().or_else(|| n.as_f64().and_then(float_int)),
        Value::String(s) => {
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

fn float_int(f: f64) -> Option<i64> {
    // i64::MAX as f64 rounds up to 2^63, so the upper bound is exclusive.
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    if f.is_finite() && f.fract() == 0.0 && (-LIMIT..LIMIT).contains(&f) {
        Some(f as i64)
    } else {
        None
    }
}

/// A text field: a non-blank string (trimmed), or a number rendered as text.
pub fn text(obj: &Obj, key: &str) -> Option<String> {
    match obj.get(key)? {
        Value::String(s) => {
            let t = s.trim();
            (!t.is_empty()).then(|| t.to_owned())
        }
        // Integers only: an id or QQ number sent as a number. (Formatting floats would link
        // float printing into the wasm; no text field of the API is a fraction.)
        Value::Number(n) => n.as_i64().map(|i| i.to_string()),
        _ => None,
    }
}

/// A flag field: `1`, `"1"`, `true` are on; `0`, `"0"`, `false` are off; anything else absent.
pub fn flag(obj: &Obj, key: &str) -> Option<bool> {
    match obj.get(key)? {
        Value::Bool(b) => Some(*b),
        v => value_int(v).map(|n| n != 0),
    }
}

/// A nested object field; absent unless it is a JSON object.
pub fn object<'a>(obj: &'a Obj, key: &str) -> Option<&'a Obj> {
    obj.get(key)?.as_object()
}

/// The `data` of a successful envelope must be an object.
pub fn expect_object<'a>(v: &'a Value, what: &str) -> Result<&'a Obj, Error> {
    v.as_object().ok_or_else(|| {
        Error::new(
            ErrorKind::InvalidResponse,
            format!("{what}: data is {} instead of an object", type_name(v)),
        )
    })
}

pub fn type_name(v: &Value) -> &'static str {
    match v {
        Value::Null => "null",
        Value::Bool(_) => "a boolean",
        Value::Number(_) => "a number",
        Value::String(_) => "a string",
        Value::Array(_) => "an array",
        Value::Object(_) => "an object",
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

/// Decodes a whole HTTP answer: its status and body text, through the `{code, message | msg,
/// data, redirect}` envelope, into `T` with `parse`. Never panics, whatever the body.
pub fn decode_reply<T>(
    http_status: u16,
    body: &str,
    parse: impl FnOnce(&Value) -> Result<T, Error>,
) -> Reply<T> {
    let http_ok = (200..300).contains(&http_status);
    let value: Value = match serde_json::from_str(body) {
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
                e.to_string()
            };
            return Reply::err(Error::new(kind, detail));
        }
    };
    let Some(obj) = value.as_object() else {
        let kind = if http_ok {
            ErrorKind::InvalidResponse
        } else {
            ErrorKind::HttpStatus(http_status)
        };
        return Reply::err(Error::new(
            kind,
            format!("envelope is {}", type_name(&value)),
        ));
    };
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
        Some(200) => match obj.get("data") {
            None | Some(Value::Null) => Err(Error::new(
                ErrorKind::InvalidResponse,
                "success envelope without data",
            )),
            Some(data) => parse(data),
        },
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
    Reply { result, redirect }
}
