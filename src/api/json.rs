//! The browser's own JSON: `JSON.parse`, read through `core::json::Json`. The decoders are the
//! core's; this only answers their questions about a parsed value, so the wasm carries no JSON
//! parser of its own.

use wasm_bindgen::{JsCast, JsValue};

use crate::core::json::{float_int, Json, Scalar};

/// A value `JSON.parse` returned.
pub struct JsJson(JsValue);

/// Parses `text` with the browser's `JSON.parse`; the error is the browser's message. A text
/// nested deeper than serde_json allows is refused as serde_json refuses it
/// (`core::json::MAX_DEPTH`), so the native and browser paths read the same answers.
pub fn parse(text: &str) -> Result<JsJson, String> {
    if crate::core::json::too_deep(text) {
        return Err("nested deeper than 127 levels".to_owned());
    }
    js_sys::JSON::parse(text).map(JsJson).map_err(|e| {
        e.dyn_ref::<js_sys::Error>()
            .map(|e| String::from(e.message()))
            .unwrap_or_else(|| "not JSON".to_owned())
    })
}

impl JsJson {
    fn is_object(&self) -> bool {
        self.0.is_object() && !js_sys::Array::is_array(&self.0)
    }
}

impl Json for JsJson {
    fn member(&self, key: &str) -> Option<Self> {
        if !self.is_object() {
            return None;
        }
        let key = JsValue::from_str(key);
        // Own members only: `__proto__` or `constructor` in the data are not the prototype's.
        // Asked through the static `Reflect.getOwnPropertyDescriptor`, never through a method of
        // the object itself: data with a member named `hasOwnProperty` would shadow that method,
        // and calling it would throw out of the decoder. (Not `Object.hasOwn`: it needs Safari
        // 15.4, and customers pay in older iOS WebViews.)
        let object = self.0.unchecked_ref::<js_sys::Object>();
        let own = js_sys::Reflect::get_own_property_descriptor(object, &key).ok()?;
        if own.is_undefined() {
            return None;
        }
        js_sys::Reflect::get(&self.0, &key).ok().map(JsJson)
    }

    fn members(&self) -> Vec<(String, Self)> {
        if !self.is_object() {
            return Vec::new();
        }
        js_sys::Object::entries(self.0.unchecked_ref())
            .iter()
            .filter_map(|entry| {
                let pair = entry.dyn_into::<js_sys::Array>().ok()?;
                Some((pair.get(0).as_string()?, JsJson(pair.get(1))))
            })
            .collect()
    }

    fn items(&self) -> Vec<Self> {
        if !js_sys::Array::is_array(&self.0) {
            return Vec::new();
        }
        self.0
            .unchecked_ref::<js_sys::Array>()
            .iter()
            .map(JsJson)
            .collect()
    }

    fn scalar(&self) -> Scalar {
        let v = &self.0;
        if let Some(s) = v.as_string() {
            Scalar::Str(s)
        } else if let Some(f) = v.as_f64() {
            float_int(f).map_or(Scalar::Fraction, Scalar::Int)
        } else if let Some(b) = v.as_bool() {
            Scalar::Bool(b)
        } else if js_sys::Array::is_array(v) {
            Scalar::Array
        } else if v.is_object() {
            Scalar::Object
        } else {
            Scalar::Null
        }
    }
}
