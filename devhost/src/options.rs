//! The site options a theme reads with GoFrame's `get_option` (`${"web_title" | get_option |
//! html}`), the settings a merchant makes in XArr's admin: here [`DEFAULTS`], the command line's
//! `--option KEY=VALUE` over them, and `POST /__dev/options` at run time. An option that is not
//! set renders as empty text, as on XArr (the template engine).

use serde_json::{Map, Value};

/// The options of a fresh dev host: the names XArr's own pages read (`GET /api/config`).
pub const DEFAULTS: &[(&str, &str)] = &[
    ("web_title", "XArr 演示站"),
    ("web_name", "XArr Pay"),
    ("web_logo", "/__dev/logo/site.svg"),
    ("web_service_qq", "123456"),
];

/// Option name → value (a JSON string).
pub type Options = Map<String, Value>;

/// The defaults with the command line's `(key, value)` pairs over them.
pub fn initial(flags: &[(String, String)]) -> Options {
    let mut options: Options = DEFAULTS
        .iter()
        .map(|(k, v)| ((*k).to_owned(), Value::from(*v)))
        .collect();
    for (k, v) in flags {
        options.insert(k.clone(), Value::from(v.as_str()));
    }
    options
}

/// One `--option` value: `KEY=VALUE` (the value may be empty and may hold `=`).
pub fn parse_flag(text: &str) -> Result<(String, String), String> {
    match text.split_once('=') {
        Some((key, value)) if !key.trim().is_empty() => Ok((key.trim().to_owned(), value.into())),
        _ => Err(format!("--option: expected KEY=VALUE, got {text:?}")),
    }
}

/// `POST /__dev/options`: a JSON object whose strings set options and whose nulls remove them
/// (the option then renders as empty text). Nothing changes when any value is neither.
pub fn apply(options: &mut Options, body: &[u8]) -> Result<(), String> {
    let asked: Map<String, Value> =
        serde_json::from_slice(body).map_err(|e| format!("a JSON object of options: {e}"))?;
    if let Some((key, _)) = asked
        .iter()
        .find(|(_, v)| !matches!(v, Value::String(_) | Value::Null))
    {
        return Err(format!("{key}: a string sets an option, null removes it"));
    }
    for (key, value) in asked {
        match value {
            Value::Null => options.remove(&key),
            value => options.insert(key, value),
        };
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;
    use serde_json::json;

    #[test]
    fn flags_go_over_the_defaults() {
        let flags = [
            parse_flag("web_title=小店 = 好").unwrap(),
            parse_flag("x=").unwrap(),
        ];
        let o = initial(&flags);
        assert_eq!(o["web_title"], "小店 = 好");
        assert_eq!(o["x"], "");
        assert_eq!(o["web_logo"], "/__dev/logo/site.svg");
        assert_eq!(initial(&[])["web_title"], "XArr 演示站");
        for bad in ["web_title", "=x", ""] {
            assert!(parse_flag(bad).unwrap_err().contains("KEY=VALUE"), "{bad}");
        }
    }

    #[test]
    fn strings_set_nulls_remove_anything_else_changes_nothing() {
        let mut o = initial(&[]);
        apply(&mut o, br#"{"web_title": "<b>Shop</b>", "web_logo": null}"#).unwrap();
        assert_eq!(o["web_title"], "<b>Shop</b>");
        assert!(!o.contains_key("web_logo"));
        let before = o.clone();
        let e = apply(&mut o, br#"{"web_title": "x", "web_name": 3}"#).unwrap_err();
        assert!(e.starts_with("web_name:"), "{e}");
        assert!(apply(&mut o, b"[1]").is_err());
        assert_eq!(o, before);
        assert_eq!(json!(o)["web_name"], "XArr Pay");
    }
}
