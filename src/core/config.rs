//! Merchant configuration, read from `data-*` attributes on the mount element, validated here.
//! An unknown key or a bad value produces a warning naming the key and is ignored.

use super::schedule::PollConfig;
use super::url_policy::{UrlPolicy, UrlUse};

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
    /// `data-look`: `card` (default) or `banner`.
    pub look: Look,
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
            look: Look::Card,
            texts: None,
        }
    }
}

/// The attribute names (after `data-`) this page reads as configuration.
pub const CONFIG_KEYS: &[&str] = &[
    "api-base",
    "lang",
    "poll-visible-ms",
    "poll-hidden-ms",
    "poll-max-backoff-ms",
    "request-timeout-ms",
    "auto-open",
    "audio",
    "tts-url",
    "app-schemes",
    "brand-color",
    "logo",
    "merchant-name",
    "return-delay",
    "look",
    "texts",
];

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
            if is_reserved(name) || value.is_empty() || value.contains("${") {
                continue;
            }
            let bad = |w: &mut Vec<String>, why: &str| {
                w.push(format!(
                    "data-{name}: {why} (got '{value}'); using the default"
                ));
            };
            match name {
                "api-base" => {
                    let ok = UrlPolicy::default().allows(UrlUse::Navigate, value);
                    if ok && !value.contains(['?', '#']) {
                        c.api_base = value.trim_end_matches('/').to_owned();
                    } else {
                        bad(&mut w, "must be an http(s) URL or a path");
                    }
                }
                "lang" => {
                    if super::i18n::Locale::from_tag(value).is_some() {
                        c.lang = Some(value.to_owned());
                    } else {
                        bad(&mut w, "must be zh-CN, zh-TW or en");
                    }
                }
                "poll-visible-ms"
                | "poll-hidden-ms"
                | "poll-max-backoff-ms"
                | "request-timeout-ms" => match value.parse::<u32>() {
                    Ok(ms) if (500..=600_000).contains(&ms) => match name {
                        "poll-visible-ms" => c.poll.visible_ms = ms,
                        "poll-hidden-ms" => c.poll.hidden_ms = ms,
                        "poll-max-backoff-ms" => c.poll.max_backoff_ms = ms,
                        _ => c.request_timeout_ms = ms,
                    },
                    _ => bad(&mut w, "must be milliseconds between 500 and 600000"),
                },
                "auto-open" => match value {
                    "server" | "on" => c.auto_open = AutoOpen::Server,
                    "never" | "off" => c.auto_open = AutoOpen::Never,
                    _ => bad(&mut w, "must be 'server' or 'never'"),
                },
                "audio" => match value {
                    "on" => c.audio = AudioPolicy::On,
                    "off" => c.audio = AudioPolicy::Off,
                    _ => bad(&mut w, "must be 'on' or 'off'"),
                },
                "tts-url" => {
                    let ok = value.contains("{text}")
                        && UrlPolicy::default().allows(UrlUse::Audio, value)
                        && (value.starts_with("https://") || value.starts_with('/'));
                    if ok {
                        c.tts_url = Some(value.to_owned());
                    } else {
                        bad(&mut w, "must be an https URL or a path containing {text}");
                    }
                }
                "app-schemes" => {
                    let all: Vec<String> = value
                        .split(',')
                        .map(|s| s.trim().to_owned())
                        .filter(|s| !s.is_empty())
                        .collect();
                    let policy = UrlPolicy::with_app_schemes(&all);
                    for s in &all {
                        if policy.allows(UrlUse::AppLink, &format!("{s}://x")) {
                            c.app_schemes.push(s.to_ascii_lowercase());
                        } else {
                            w.push(format!(
                                "data-app-schemes: '{s}' is not an allowed scheme; ignored"
                            ));
                        }
                    }
                }
                "brand-color" => {
                    let v = value.trim_start_matches('#');
                    if value.starts_with('#')
                        && matches!(v.len(), 3 | 6)
                        && v.chars().all(|ch| ch.is_ascii_hexdigit())
                    {
                        c.brand_color = Some(value.to_owned());
                    } else {
                        bad(&mut w, "must be a colour like #1677ff");
                    }
                }
                "logo" => match UrlPolicy::default().check(UrlUse::Image, value) {
                    Ok(u) => c.logo = Some(u),
                    Err(_) => bad(
                        &mut w,
                        "must be an image URL (http(s), a path or data:image)",
                    ),
                },
                "merchant-name" => c.merchant_name = Some(value.chars().take(40).collect()),
                "return-delay" => match value.parse::<i64>() {
                    Ok(s) if (0..=600).contains(&s) => c.return_delay = Some(s),
                    _ => bad(&mut w, "must be seconds between 0 and 600"),
                },
                "look" => match value {
                    "card" => c.look = Look::Card,
                    "banner" => c.look = Look::Banner,
                    _ => bad(&mut w, "must be 'card' or 'banner'"),
                },
                "texts" => c.texts = Some(value.to_owned()),
                other => w.push(format!("data-{other}: unknown setting; ignored")),
            }
        }
        c.poll = c.poll.sanitized();
        (c, w)
    }

    pub fn url_policy(&self) -> UrlPolicy {
        UrlPolicy::with_app_schemes(&self.app_schemes)
    }
}

/// The brand colour's best text colour (black or white) for a contrast of at least 4.5:1, and
/// that contrast.
pub fn on_brand_text(hex: &str) -> (&'static str, f64) {
    let lum = relative_luminance(hex).unwrap_or(0.0);
    let white = (1.05) / (lum + 0.05);
    let black = (lum + 0.05) / 0.05;
    if white >= black {
        ("#ffffff", white)
    } else {
        ("#000000", black)
    }
}

/// WCAG relative luminance of `#rgb` / `#rrggbb`.
pub fn relative_luminance(hex: &str) -> Option<f64> {
    let h = hex.trim().trim_start_matches('#');
    let full: String = match h.len() {
        3 => h.chars().flat_map(|c| [c, c]).collect(),
        6 => h.to_owned(),
        _ => return None,
    };
    let channel = |i: usize| -> Option<f64> {
        let v = u8::from_str_radix(full.get(i..i + 2)?, 16).ok()? as f64 / 255.0;
        Some(if v <= 0.039_28 {
            v / 12.92
        } else {
            ((v + 0.055) / 1.055).powf(2.4)
        })
    };
    Some(0.2126 * channel(0)? + 0.7152 * channel(2)? + 0.0722 * channel(4)?)
}
