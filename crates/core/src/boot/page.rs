//! The page's settings as the boot script reads them before the app runs: each through the app's
//! own reading (`PageConfig::from_attributes`, `Locale::choose`, `Texts`), so the two cannot
//! differ. `public/boot.js` mirrors `requestTimeout`, `audioOn`, `stylesheet`, `apiElsewhere`,
//! `chooseLocale`, `merchantText` and `htmlArrival`.

use crate::config::{AudioPolicy, PageConfig};
use crate::i18n::{Key, Locale, Texts};
use crate::order_ref::{is_rendered, parse_query};

/// The configuration from one attribute (`name` without `data-`; `None`: absent).
fn config(name: &str, value: Option<&str>) -> PageConfig {
    PageConfig::from_attributes(value.map(|v| (name, v))).0
}

/// `data-request-timeout-ms`: 500 to 600000 ms, else 8000. The boot script's early calls wait as
/// long as the app's own.
pub fn request_timeout(value: Option<&str>) -> u32 {
    config("request-timeout-ms", value).request_timeout_ms
}

/// `data-audio`: trimmed, `off` turns the voice off (and the `/api/order/audio` call).
pub fn audio_on(value: Option<&str>) -> bool {
    config("audio", value).audio == AudioPolicy::On
}

/// `data-stylesheet`: the merchant's own stylesheet, a file name in the theme's assets folder
/// (`custom.css`), linked after the theme's own; `None` when there is none or it is not such a
/// name (the app warns).
pub fn stylesheet(value: Option<&str>) -> Option<String> {
    config("stylesheet", value).stylesheet
}

/// `data-api-base`: whether the app's API is elsewhere (the base it uses is not the page's own
/// origin), so the boot script's early calls, sent to the page's origin, are dropped and the app
/// sends its own. Also where the value holds a character reference (`&`), which the app's URL
/// policy decodes and the boot script does not: the app then asks itself, whatever it decides.
pub fn api_elsewhere(value: Option<&str>) -> bool {
    let Some(v) = value.filter(|v| is_rendered(v)) else {
        return false;
    };
    !config("api-base", Some(v)).api_base.is_empty() || v.contains('&')
}

/// The page's language (its tag) as the app chooses it: the query's first `lang`, then
/// `data-lang` (through the configuration), then the browser's languages in order, else zh-CN.
pub fn choose_locale(query: &str, lang: Option<&str>, languages: &[String]) -> &'static str {
    let params = parse_query(query);
    let asked = params.iter().find(|(k, _)| k == "lang").map(|(_, v)| v);
    let configured = config("lang", lang).lang;
    Locale::choose(asked.map(String::as_str), configured.as_deref(), languages).tag()
}

/// The merchant's text for `key` in `locale` (`data-texts` through the configuration and
/// `Texts::merge_overrides`: `{"key": "text"}` for every language or `{"en": {"key": "text"}}`
/// for one), when it is not the built-in one.
pub fn merchant_text(texts: Option<&str>, locale: &str, key: &str) -> Option<String> {
    let locale = Locale::from_tag(locale)?;
    let key = Key::from_name(key)?;
    let mut all = Texts::new(locale);
    if let Some(json) = config("texts", texts).texts {
        all.merge_overrides(&json);
    }
    let text = all.get(key);
    (text != key.builtin(locale)).then(|| text.to_owned())
}

/// Whether the first screen's packaged words in `locale` are the words the app will show: the
/// merchant's `data-texts` change none of them ([`super::first_screen_overridden`]). Else the
/// first screen stays hidden until the app shows its own.
pub fn first_screen_own(texts: Option<&str>, locale: &str) -> bool {
    let Some(locale) = Locale::from_tag(locale) else {
        return false;
    };
    let mut all = Texts::new(locale);
    if let Some(json) = config("texts", texts).texts {
        all.merge_overrides(&json);
    }
    !super::first_screen_overridden(&all)
}

/// When the page's HTML arrived (epoch ms), the server clock's anchor: the navigation's
/// `responseStart` when it is sane (after the navigation started, not in the future, within the
/// hour), else `now`.
pub fn html_arrival(response_start: Option<f64>, navigation_start: Option<f64>, now: f64) -> f64 {
    match response_start {
        Some(at)
            if at > 0.0
                && at <= now
                && now - at < 3_600_000.0
                && !navigation_start.is_some_and(|from| from > at) =>
        {
            at
        }
        _ => now,
    }
}
