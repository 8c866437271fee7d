//! The JSON the decoders read, behind one small trait, so the same decoders run on two parsers:
//! `serde_json::Value` (native builds: the tests, the property tests) and, in the browser, the
//! value the browser's own `JSON.parse` returns (`api::json`). The shipped wasm thereby carries no
//! JSON parser of its own.

use crate::prelude::*;
use alloc::borrow::Cow;

/// What a JSON value is, as the decoders need to know it.
#[derive(Clone, Debug, PartialEq)]
pub enum Scalar {
    Null,
    Bool(bool),
    /// A number that is a whole number within `i64` (exactly).
    Int(i64),
    /// Any other number: a fraction, or one too large to be exact.
    Fraction,
    Str(String),
    Array,
    Object,
}

/// The deepest nesting of arrays and objects a JSON text may have: serde_json's limit (it refuses
/// a 128th level). `JSON.parse` has none of its own (or one that differs by engine), so the
/// browser's parser keeps this one (`api::json::parse`) and both paths refuse the same texts. No
/// answer of the API comes near it.
pub const MAX_DEPTH: usize = 127;

/// Whether `text` nests arrays and objects deeper than [`MAX_DEPTH`] (brackets inside strings do
/// not count).
pub fn too_deep(text: &str) -> bool {
    let (mut depth, mut in_string, mut escaped) = (0usize, false, false);
    for b in text.bytes() {
        if in_string {
            if escaped {
                escaped = false;
            } else if b == b'\\' {
                escaped = true;
            } else if b == b'"' {
                in_string = false;
            }
            continue;
        }
        match b {
            b'"' => in_string = true,
            b'[' | b'{' => {
                depth += 1;
                if depth > MAX_DEPTH {
                    return true;
                }
            }
            b']' | b'}' => depth = depth.saturating_sub(1),
            _ => {}
        }
    }
    false
}

/// `text` with every `\u` escape of a lone surrogate (one not in a high-low pair) written as
/// `\ufffd`. `JSON.parse` keeps a lone surrogate in its string, and the string reaches Rust with it
/// replaced by U+FFFD (wasm-bindgen's UTF-8 conversion); serde_json refuses the whole text. With
/// this, the native path reads what the browser's path reads.
pub fn lone_surrogates_replaced(text: &str) -> Cow<'_, str> {
    let bytes = text.as_bytes();
    // Where each lone escape starts (a `\`, so always a character boundary).
    let mut lone = Vec::new();
    let mut high: Option<usize> = None;
    let mut i = 0;
    while let Some(&b) = bytes.get(i) {
        if b != b'\\' {
            lone.extend(high.take());
            i += 1;
            continue;
        }
        let Some(unit) = escaped_unit(bytes, i) else {
            // Another escape (`\\`, `\"`, ...): skip the escaped character with it.
            lone.extend(high.take());
            i += 2;
            continue;
        };
        match unit {
            0xD800..=0xDBFF => {
                lone.extend(high.replace(i));
            }
            0xDC00..=0xDFFF => {
                if high.take().is_none() {
                    lone.push(i);
                }
            }
            _ => lone.extend(high.take()),
        }
        i += 6;
    }
    lone.extend(high);
    if lone.is_empty() {
        return Cow::Borrowed(text);
    }
    let mut out = String::with_capacity(text.len());
    let mut from = 0;
    for at in lone {
        out.push_str(text.get(from..at).unwrap_or_default());
        out.push_str("\\ufffd");
        from = at + 6;
    }
    out.push_str(text.get(from..).unwrap_or_default());
    Cow::Owned(out)
}

/// The UTF-16 unit of the `\uXXXX` escape at `at`, if there is one.
fn escaped_unit(bytes: &[u8], at: usize) -> Option<u32> {
    if bytes.get(at + 1) != Some(&b'u') {
        return None;
    }
    let hex = bytes.get(at + 2..at + 6)?;
    hex.iter()
        .try_fold(0, |unit, &h| Some(unit * 16 + char::from(h).to_digit(16)?))
}

/// A parsed JSON value.
pub trait Json: Sized {
    /// The member `key` of an object; `None` for a missing member or when this is no object.
    fn member(&self, key: &str) -> Option<Self>;
    /// The members of an object, in order; empty when this is no object.
    fn members(&self) -> Vec<(String, Self)>;
    /// The items of an array, in order; empty when this is no array.
    fn items(&self) -> Vec<Self>;
    /// What this value is.
    fn scalar(&self) -> Scalar;
}

/// `f` as an exact `i64`, if it is a whole number in range. (i64::MAX as f64 rounds up to 2^63, so
/// the upper bound is exclusive.)
pub fn float_int(f: f64) -> Option<i64> {
    const LIMIT: f64 = 9_223_372_036_854_775_808.0;
    // In range, the cast truncates: it gives `f` back exactly when `f` is whole (`f64::fract`
    // is std's, and this is also built without std).
    if f.is_finite() && (-LIMIT..LIMIT).contains(&f) && (f as i64) as f64 == f {
        Some(f as i64)
    } else {
        None
    }
}

#[cfg(feature = "std")]
impl Json for serde_json::Value {
    fn member(&self, key: &str) -> Option<Self> {
        self.as_object()?.get(key).cloned()
    }

    fn members(&self) -> Vec<(String, Self)> {
        self.as_object()
            .map(|o| o.iter().map(|(k, v)| (k.clone(), v.clone())).collect())
            .unwrap_or_default()
    }

    fn items(&self) -> Vec<Self> {
        self.as_array().cloned().unwrap_or_default()
    }

    fn scalar(&self) -> Scalar {
        use serde_json::Value;
        match self {
            Value::Null => Scalar::Null,
            Value::Bool(b) => Scalar::Bool(*b),
            Value::Number(n) => match n.as_i64().or_else(|| n.as_f64().and_then(float_int)) {
                Some(i) => Scalar::Int(i),
                None => Scalar::Fraction,
            },
            Value::String(s) => Scalar::Str(s.clone()),
            Value::Array(_) => Scalar::Array,
            Value::Object(_) => Scalar::Object,
        }
    }
}
