//! The JSON the decoders read, behind one small trait, so the same decoders run on two parsers:
//! `serde_json::Value` (native builds: the tests, the property tests) and, in the browser, the
//! value the browser's own `JSON.parse` returns (`api::json`). The shipped wasm thereby carries no
//! JSON parser of its own.

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
    if f.is_finite() && f.fract() == 0.0 && (-LIMIT..LIMIT).contains(&f) {
        Some(f as i64)
    } else {
        None
    }
}

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
