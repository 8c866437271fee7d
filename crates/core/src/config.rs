//! Merchant configuration, read from `data-*` attributes on the mount element, validated here.
//! An unknown key or a bad value produces a warning naming the key and is ignored.

use super::schedule::PollConfig;
use super::url_policy::{UrlPolicy, UrlUse};

mod colour;

pub use colour::{on_brand_text, relative_luminance};

/// When to open the payment app by itself on `is_auto_open`.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AutoOpen {
    /// Follow the server's `is_auto_open` (phones only, never where blocked).
    Server,
    /// Never open by itself.
    Never,
}

/// The voice broadcast policy.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum AudioPolicy {
    /// Play `audio_url`, else speak `audio_content` with the browser's speech synthesis.
    On,
    /// No voice at all (and no `/api/order/audio` call).
    Off,
}

/// The page's look.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Look {
    /// A centred card.
    Card,
    /// A full-width brand header above the content.
    Banner,
}

impl Look {
    pub fn name(self) -> &'static str {
        match self {
            Self::Card => "card",
            Self::Banner => "banner",
        }
    }
}

/// Every setting, with its default.
#[derive(Clone, Debug, PartialEq)]
pub struct PageConfig {
    /// `data-api-base`: prefix of `/api/order/...` (default: same origin).
    pub api_base: String,
    /// `data-lang`: zh-CN, zh-TW or en (after `?lang=`, before the browser's languages).
    pub lang: Option<String>,
    /// `data-poll-visible-ms`, `data-poll-hidden-ms`, `data-poll-max-backoff-ms`.
    pub poll: PollConfig,
    /// `data-request-timeout-ms`: per-request timeout (default 8000).
    pub request_timeout_ms: u32,
    /// `data-auto-open`: `server` (default) or `never`.
    pub auto_open: AutoOpen,
    /// `data-audio`: `on` (default) or `off`.
    pub audio: AudioPolicy,
    /// `data-tts-url`: optional text-to-speech URL template with `{text}` (URL-encoded).
    pub tts_url: Option<String>,
    /// `data-app-schemes`: extra app schemes, comma separated.
    pub app_schemes: Vec<String>,
    /// `data-brand-color`: `#rrggbb` (or `#rgb`).
    pub brand_color: Option<String>,
    /// `data-logo`: logo URL (image URL policy).
    pub logo: Option<String>,
    /// `data-merchant-name`: shown in the header.
    pub merchant_name: Option<String>,
    /// `data-return-delay`: seconds on the success screen, overriding `pay_payed_wait_time`.
    pub return_delay: Option<i64>,
    /// `data-expiry-grace-secs`: seconds the page keeps checking after the countdown ended
    /// (default 180): a payment notification can reach the server late.
    pub grace_secs: u32,
    /// `data-look`: `card` (default) or `banner`.
    pub look: Look,
    /// `data-stylesheet`: the merchant's own stylesheet, a file name in the theme's `assets/`
    /// folder (`custom.css`). `boot.js` links it after the theme's own; no theme package contains
    /// it, so an upgrade keeps it.
    pub stylesheet: Option<String>,
    /// `data-texts`: JSON text overrides (see `i18n::Texts::merge_overrides`).
    pub texts: Option<String>,
}

impl Default for PageConfig {
    fn default() -> Self {
        Self {
            api_base: String::new(),
            lang: None,
            poll: PollConfig::default(),
            request_timeout_ms: 8_000,
            auto_open: AutoOpen::Server,
            audio: AudioPolicy::On,
            tts_url: None,
            app_schemes: Vec::new(),
            brand_color: None,
            logo: None,
            merchant_name: None,
            return_delay: None,
            grace_secs: super::machine::DEFAULT_GRACE_SECS,
            look: Look::Card,
            stylesheet: None,
            texts: None,
        }
    }
}

/// One configuration attribute: its name after `data-`, and how a value is applied. `apply`
/// gets the trimmed, non-empty value; `Err(why)` leaves the default and logs
/// `data-<name>: <why> (got '<value>'); using the default`.
pub struct Setting {
    pub name: &'static str,
    apply: Apply,
}

/// How a setting applies a value: to the configuration, with any warnings of its own.
type Apply = fn(&mut PageConfig, &str, &mut Vec<String>) -> Result<(), &'static str>;

impl Setting {
    const fn new(name: &'static str, apply: Apply) -> Self {
        Self { name, apply }
    }
}

/// Every attribute this page reads as configuration (a new one is a row here, a field of
/// [`PageConfig`] and a line in docs/).
pub const SETTINGS: &[Setting] = &[
    Setting::new("api-base", set_api_base),
    Setting::new("lang", set_lang),
    Setting::new("poll-visible-ms", |c, v, _| {
        millis(v).map(|ms| c.poll.visible_ms = ms)
    }),
    Setting::new("poll-hidden-ms", |c, v, _| {
        millis(v).map(|ms| c.poll.hidden_ms = ms)
    }),
    Setting::new("poll-max-backoff-ms", |c, v, _| {
        millis(v).map(|ms| c.poll.max_backoff_ms = ms)
    }),
    Setting::new("request-timeout-ms", |c, v, _| {
        millis(v).map(|ms| c.request_timeout_ms = ms)
    }),
    Setting::new("auto-open", set_auto_open),
    Setting::new("audio", set_audio),
    Setting::new("tts-url", set_tts_url),
    Setting::new("app-schemes", set_app_schemes),
    Setting::new("brand-color", set_brand_color),
    Setting::new("logo", set_logo),
    Setting::new("merchant-name", |c, v, _| {
        c.merchant_name = Some(v.chars().take(40).collect());
        Ok(())
    }),
    Setting::new("return-delay", set_return_delay),
    Setting::new("expiry-grace-secs", set_grace),
    Setting::new("look", set_look),
    Setting::new("stylesheet", set_stylesheet),
    Setting::new("texts", |c, v, _| {
        c.texts = Some(v.to_owned());
        Ok(())
    }),
];

fn set_api_base(c: &mut PageConfig, v: &str, _: &mut Vec<String>) -> Result<(), &'static str> {
    if UrlPolicy::default().allows(UrlUse::Navigate, v) && !v.contains(['?', '#']) {
        c.api_base = v.trim_end_matches('/').to_owned();
        return Ok(());
    }
    Err("must be an http(s) URL or a path")
}

fn set_lang(c: &mut PageConfig, v: &str, _: &mut Vec<String>) -> Result<(), &'static str> {
    super::i18n::Locale::from_tag(v).ok_or("must be zh-CN, zh-TW or en")?;
    c.lang = Some(v.to_owned());
    Ok(())
}

fn millis(v: &str) -> Result<u32, &'static str> {
    match v.parse::<u32>() {
        Ok(ms) if (500..=600_000).contains(&ms) => Ok(ms),
        _ => Err("must be milliseconds between 500 and 600000"),
    }
}

fn set_auto_open(c: &mut PageConfig, v: &str, _: &mut Vec<String>) -> Result<(), &'static str> {
    c.auto_open = match v {
        "server" | "on" => AutoOpen::Server,
        "never" | "off" => AutoOpen::Never,
        _ => return Err("must be 'server' or 'never'"),
    };
    Ok(())
}

fn set_audio(c: &mut PageConfig, v: &str, _: &mut Vec<String>) -> Result<(), &'static str> {
    c.audio = match v {
        "on" => AudioPolicy::On,
        "off" => AudioPolicy::Off,
        _ => return Err("must be 'on' or 'off'"),
    };
    Ok(())
}

fn set_tts_url(c: &mut PageConfig, v: &str, _: &mut Vec<String>) -> Result<(), &'static str> {
    let ok = v.contains("{text}")
        && UrlPolicy::default().allows(UrlUse::Audio, v)
        && (v.starts_with("https://") || v.starts_with('/'));
    if !ok {
        return Err("must be an https URL or a path containing {text}");
    }
    c.tts_url = Some(v.to_owned());
    Ok(())
}

/// A comma-separated list: each allowed scheme is kept, each other one warned about.
fn set_app_schemes(c: &mut PageConfig, v: &str, w: &mut Vec<String>) -> Result<(), &'static str> {
    let (kept, refused) = super::url_policy::split_app_schemes(v);
    c.app_schemes.extend(kept);
    for s in refused {
        w.push(format!(
            "data-app-schemes: '{s}' is not an allowed scheme; ignored"
        ));
    }
    Ok(())
}

/// Whether an attribute's value is a setting: not blank, and rendered by the host (no `${...}`
/// left as written). Otherwise it means "default".
fn is_given(value: &str) -> bool {
    super::order_ref::is_rendered(value)
}

fn set_brand_color(c: &mut PageConfig, v: &str, _: &mut Vec<String>) -> Result<(), &'static str> {
    let hex = v.trim_start_matches('#');
    let ok = v.starts_with('#')
        && matches!(hex.len(), 3 | 6)
        && hex.chars().all(|ch| ch.is_ascii_hexdigit());
    if !ok {
        return Err("must be a colour like #1677ff");
    }
    c.brand_color = Some(v.to_owned());
    Ok(())
}

fn set_logo(c: &mut PageConfig, v: &str, _: &mut Vec<String>) -> Result<(), &'static str> {
    let url = UrlPolicy::default()
        .check(UrlUse::Image, v)
        .map_err(|_| "must be an image URL (http(s), a path or data:image)")?;
    c.logo = Some(url);
    Ok(())
}

fn set_return_delay(c: &mut PageConfig, v: &str, _: &mut Vec<String>) -> Result<(), &'static str> {
    match v.parse::<i64>() {
        Ok(secs) if (0..=600).contains(&secs) => {
            c.return_delay = Some(secs);
            Ok(())
        }
        _ => Err("must be seconds between 0 and 600"),
    }
}

fn set_grace(c: &mut PageConfig, v: &str, _: &mut Vec<String>) -> Result<(), &'static str> {
    match v.parse::<u32>() {
        Ok(secs) if secs <= 1800 => {
            c.grace_secs = secs;
            Ok(())
        }
        _ => Err("must be seconds between 0 and 1800"),
    }
}

fn set_look(c: &mut PageConfig, v: &str, _: &mut Vec<String>) -> Result<(), &'static str> {
    c.look = match v {
        "card" => Look::Card,
        "banner" => Look::Banner,
        _ => return Err("must be 'card' or 'banner'"),
    };
    Ok(())
}

/// A file name in the theme's `assets/` folder ending in `.css`: at most 64 of `A-Z a-z 0-9 . _ -`,
/// not starting with `.`, no `..` (nothing that leaves the folder). `boot.js`'s `stylesheet()`
/// reads it alike (both answer `fixtures/cases/boot.json`'s `stylesheets`).
fn set_stylesheet(c: &mut PageConfig, v: &str, _: &mut Vec<String>) -> Result<(), &'static str> {
    let ok = v.len() <= 64
        && v.ends_with(".css")
        && !v.starts_with('.')
        && !v.contains("..")
        && v.bytes()
            .all(|b| b.is_ascii_alphanumeric() || matches!(b, b'.' | b'_' | b'-'));
    if !ok {
        return Err(
            "must be a file name in the theme's assets folder ending in .css, like custom.css",
        );
    }
    c.stylesheet = Some(v.to_owned());
    Ok(())
}

/// Attributes that are not configuration: what the host injected (`inject-*`) and the page kind.
fn is_reserved(name: &str) -> bool {
    name.starts_with("inject-") || name == "page"
}

impl PageConfig {
    /// Builds the configuration from `(name without "data-", value)` pairs. Blank values and
    /// unrendered `${...}` values mean "default". Returns the warnings to log.
    pub fn from_attributes<'a>(
        attrs: impl IntoIterator<Item = (&'a str, &'a str)>,
    ) -> (Self, Vec<String>) {
        let mut c = Self::default();
        let mut w = Vec::new();
        for (name, raw) in attrs {
            let value = raw.trim();
            if is_reserved(name) || !is_given(value) {
                continue;
            }
            match SETTINGS.iter().find(|s| s.name == name) {
                Some(setting) => {
                    if let Err(why) = (setting.apply)(&mut c, value, &mut w) {
                        w.push(format!(
                            "data-{name}: {why} (got '{value}'); using the default"
                        ));
                    }
                }
                None => w.push(format!("data-{name}: unknown setting; ignored")),
            }
        }
        let given = c.poll;
        c.poll = given.sanitized();
        for (name, before, after) in [
            ("poll-visible-ms", given.visible_ms, c.poll.visible_ms),
            ("poll-hidden-ms", given.hidden_ms, c.poll.hidden_ms),
            (
                "poll-max-backoff-ms",
                given.max_backoff_ms,
                c.poll.max_backoff_ms,
            ),
        ] {
            if before != after {
                w.push(format!(
                    "data-{name}: {before} is outside what the other poll settings allow (visible 1000 to 300000, hidden at least visible, backoff at least hidden); using {after}"
                ));
            }
        }
        (c, w)
    }

    pub fn url_policy(&self) -> UrlPolicy {
        UrlPolicy::with_app_schemes(&self.app_schemes)
    }

    /// Takes the site's name and logo from the platform (`${"web_title" | get_option | html}`,
    /// `web_logo`, injected as `data-inject-web-title` / `data-inject-web-logo`) where the merchant
    /// set no `data-merchant-name` / `data-logo`: the attributes win. A blank value or one the host
    /// did not render (`${...}` left as written) is ignored; the name is cut to 40 characters like
    /// the attribute; the logo must pass the image URL policy.
    pub fn adopt_site(&mut self, web_title: Option<&str>, web_logo: Option<&str>) {
        let rendered = |v: &&str| super::order_ref::is_rendered(v);
        if self.merchant_name.is_none() {
            self.merchant_name = web_title
                .filter(rendered)
                .map(|t| t.trim().chars().take(40).collect());
        }
        if self.logo.is_none() {
            self.logo = web_logo
                .filter(rendered)
                .and_then(|l| UrlPolicy::default().check(UrlUse::Image, l).ok());
        }
    }

    /// The document's title: the merchant's or the site's name, else `fallback` (the page's own
    /// title in its language).
    pub fn document_title<'a>(&'a self, fallback: &'a str) -> &'a str {
        self.merchant_name.as_deref().unwrap_or(fallback)
    }
}
