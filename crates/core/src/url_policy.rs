//! The one URL policy: every URL the page navigates to, links, or loads from API data passes here.
//!
//! The decision is made on the most dangerous reading of the input: surrounding C0 controls and
//! spaces are stripped and tabs/newlines removed (as the WHATWG URL parser does), the common HTML
//! character references are decoded, and the scheme is compared case-insensitively. Any other
//! control character refuses the URL outright.

use crate::prelude::*;
use core::fmt;

/// What the URL is for. Each use has its own allow-list.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum UrlUse {
    /// Leaving the page (return_uri, qrcode `uri`, envelope `redirect`): relative or http(s).
    Navigate,
    /// Opening a payment app (`scheme`): http(s) or an allowed app scheme.
    AppLink,
    /// An `<img>` source (logo, ready QR picture): relative, http(s), or `data:image/<raster>`.
    Image,
    /// An `<audio>` source: relative or http(s).
    Audio,
    /// A link inside merchant HTML: http(s) only.
    Link,
}

/// Payment-app schemes allowed for [`UrlUse::AppLink`] without configuration.
pub const DEFAULT_APP_SCHEMES: &[&str] = &[
    "alipays",
    "alipay",
    "alipayqr",
    "weixin",
    "wxp",
    "mqqapi",
    "mqq",
    "mqqwallet",
    "upwallet",
    "uppay",
    "unionpay",
];

/// Schemes that can never be allowed, whatever a merchant configures.
const NEVER: &[&str] = &[
    "javascript",
    "vbscript",
    "data",
    "file",
    "blob",
    "about",
    "filesystem",
    "view-source",
    "livescript",
    "mocha",
    "jar",
    "ms-its",
    "mhtml",
    "res",
];

const RASTER_IMAGES: &[&str] = &[
    "data:image/png",
    "data:image/jpeg",
    "data:image/jpg",
    "data:image/gif",
    "data:image/webp",
    "data:image/bmp",
];

/// Why a URL was refused.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum Refusal {
    Empty,
    ControlCharacter,
    /// The scheme (lower-cased) is not allowed for this use.
    Scheme(String),
    /// Malformed in a way no browser reads safely (for example `data:` without an image type).
    Malformed,
}

impl fmt::Display for Refusal {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Empty => f.write_str("empty URL"),
            Self::ControlCharacter => f.write_str("control character in URL"),
            Self::Scheme(s) => write!(f, "scheme '{s}' not allowed here"),
            Self::Malformed => f.write_str("malformed URL"),
        }
    }
}

/// The policy with the merchant's extra app schemes.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct UrlPolicy {
    extra_app_schemes: Vec<String>,
}

impl UrlPolicy {
    /// `extra` are scheme names (without `:`) a merchant allows for app links; names that are
    /// not valid schemes or that are on the never-list are ignored.
    pub fn with_app_schemes<I, S>(extra: I) -> Self
    where
        I: IntoIterator<Item = S>,
        S: AsRef<str>,
    {
        let extra_app_schemes = extra
            .into_iter()
            .map(|s| s.as_ref().trim().trim_end_matches(':').to_ascii_lowercase())
            .filter(|s| is_scheme_name(s) && !NEVER.contains(&s.as_str()) && !is_web(s))
            .collect();
        Self { extra_app_schemes }
    }

    /// Returns the URL to use (whitespace and tabs/newlines removed) or why it is refused.
    pub fn check(&self, use_: UrlUse, raw: &str) -> Result<String, Refusal> {
        let cleaned = clean(raw)?;
        if cleaned.is_empty() {
            return Err(Refusal::Empty);
        }
        let decoded = decode_char_refs(&cleaned);
        let scheme = scheme_of(&decoded).or_else(|| scheme_of(&cleaned));
        let Some(scheme) = scheme else {
            // No scheme: a relative reference (including `//host/...`, which inherits http(s)).
            return match use_ {
                UrlUse::Link => Err(Refusal::Scheme(String::new())),
                UrlUse::AppLink if !cleaned.starts_with("//") && !cleaned.starts_with('/') => {
                    Err(Refusal::Malformed)
                }
                _ => Ok(cleaned),
            };
        };
        if NEVER.contains(&scheme.as_str()) {
            if use_ == UrlUse::Image && scheme == "data" && is_raster_data(&decoded) {
                return Ok(cleaned);
            }
            return Err(Refusal::Scheme(scheme));
        }
        let allowed = match use_ {
            UrlUse::Navigate | UrlUse::Audio | UrlUse::Link | UrlUse::Image => is_web(&scheme),
            UrlUse::AppLink => {
                is_web(&scheme)
                    || DEFAULT_APP_SCHEMES.contains(&scheme.as_str())
                    || self.extra_app_schemes.contains(&scheme)
            }
        };
        if allowed {
            Ok(cleaned)
        } else {
            Err(Refusal::Scheme(scheme))
        }
    }

    /// Whether [`Self::check`] accepts the URL.
    pub fn allows(&self, use_: UrlUse, raw: &str) -> bool {
        self.check(use_, raw).is_ok()
    }
}

/// A `data-app-schemes` value's schemes: the allowed ones (lower-cased) and the refused ones.
/// (No `format!`: the first-paint module runs this without linking `core::fmt`.)
pub(crate) fn split_app_schemes(v: &str) -> (Vec<String>, Vec<&str>) {
    let all: Vec<&str> = v
        .split(',')
        .map(str::trim)
        .filter(|s| !s.is_empty())
        .collect();
    let policy = UrlPolicy::with_app_schemes(&all);
    let (mut kept, mut refused) = (Vec::new(), Vec::new());
    for s in all {
        if policy.allows(UrlUse::AppLink, &[s, "://x"].concat()) {
            kept.push(s.to_ascii_lowercase());
        } else {
            refused.push(s);
        }
    }
    (kept, refused)
}

/// The URL policy of a page whose `data-app-schemes` attribute is `attr`: what
/// `PageConfig::from_attributes` then `PageConfig::url_policy` make of it (a blank or unrendered
/// value is no extra scheme), without the rest of the configuration (the first paint's way).
pub fn app_schemes_policy(attr: &str) -> UrlPolicy {
    let kept = if super::order_ref::is_rendered(attr) {
        split_app_schemes(attr.trim()).0
    } else {
        Vec::new()
    };
    UrlPolicy::with_app_schemes(kept)
}

fn is_web(scheme: &str) -> bool {
    scheme == "http" || scheme == "https"
}

fn is_scheme_name(s: &str) -> bool {
    let mut chars = s.chars();
    matches!(chars.next(), Some(c) if c.is_ascii_alphabetic())
        && chars.all(|c| c.is_ascii_alphanumeric() || matches!(c, '+' | '-' | '.'))
}

/// Strips leading/trailing C0 controls and spaces, removes tabs and newlines, refuses any other
/// control (C0, DEL, C1) or invisible formatting character inside.
fn clean(raw: &str) -> Result<String, Refusal> {
    let trimmed = raw.trim_matches(|c: char| c <= ' ' || c.is_whitespace());
    let mut out = String::with_capacity(trimmed.len());
    for c in trimmed.chars() {
        match c {
            '\t' | '\n' | '\r' => {}
            c if c.is_control() => return Err(Refusal::ControlCharacter),
            '\u{200b}'..='\u{200f}'
            | '\u{2028}'..='\u{202e}'
            | '\u{2060}'..='\u{2064}'
            | '\u{feff}' => return Err(Refusal::ControlCharacter),
            c => out.push(c),
        }
    }
    Ok(out)
}

/// Whether a URL (already through [`UrlPolicy::check`]) loads a web page in this tab: http(s) by
/// its scheme as the policy reads it (`https:/x` and `HTTPS:x` too), or a relative reference.
/// Anything else is an app link, which leaves the page where it is.
pub fn is_web_target(url: &str) -> bool {
    let decoded = decode_char_refs(url);
    scheme_of(&decoded)
        .or_else(|| scheme_of(url))
        .is_none_or(|s| is_web(&s))
}

/// The scheme, lower-cased, if the reference has one. A backslash or slash before the first
/// colon means there is none.
fn scheme_of(s: &str) -> Option<String> {
    let colon = s.find(':')?;
    let head = s.get(..colon)?;
    if head.contains(['/', '\\', '?', '#']) {
        return None;
    }
    let head: String = head
        .chars()
        .filter(|c| !matches!(c, '\t' | '\n' | '\r'))
        .collect::<String>()
        .to_ascii_lowercase();
    if is_scheme_name(&head) {
        Some(head)
    } else {
        // Something before the colon that is no valid scheme ("java script:", "<x>:"): browsers
        // read it as a relative path, but treat it as a scheme attempt anyway.
        Some(head.chars().filter(|c| !c.is_whitespace()).collect())
    }
}

fn is_raster_data(decoded: &str) -> bool {
    let lower = decoded.to_ascii_lowercase();
    RASTER_IMAGES.iter().any(|p| {
        lower
            .strip_prefix(p)
            .is_some_and(|rest| rest.starts_with(';') || rest.starts_with(','))
    })
}

/// Decodes numeric character references and the named ones that spell URL syntax, so that
/// `javascript&#58;` and `javascript&colon;` are seen for what they are.
fn decode_char_refs(s: &str) -> String {
    let mut out = String::with_capacity(s.len());
    let mut rest = s;
    while let Some(amp) = rest.find('&') {
        out.push_str(rest.get(..amp).unwrap_or_default());
        let after = rest.get(amp + 1..).unwrap_or_default();
        // Numeric references end at the first non-digit (`&#0000058alert` is `:alert`), named
        // ones at the first non-alphanumeric.
        let (skip_prefix, is_digit): (usize, fn(char) -> bool) =
            if after.starts_with("#x") || after.starts_with("#X") {
                (2, |c| c.is_ascii_hexdigit())
            } else if after.starts_with('#') {
                (1, |c| c.is_ascii_digit())
            } else {
                (0, |c| c.is_ascii_alphanumeric())
            };
        let body = after.get(skip_prefix..).unwrap_or_default();
        let len = body
            .char_indices()
            .take(12)
            .find(|(_, c)| !is_digit(*c))
            .map(|(i, _)| i)
            .unwrap_or(body.len().min(12));
        let end = skip_prefix + len;
        let name = after.get(..end).unwrap_or_default();
        let decoded = decode_ref(name);
        match decoded {
            Some(c) => {
                out.push(c);
                let skip = if after.get(end..end + 1) == Some(";") {
                    end + 1
                } else {
                    end
                };
                rest = after.get(skip..).unwrap_or_default();
            }
            None => {
                out.push('&');
                rest = after;
            }
        }
    }
    out.push_str(rest);
    out
}

fn decode_ref(name: &str) -> Option<char> {
    if let Some(num) = name.strip_prefix('#') {
        let n = if let Some(hex) = num.strip_prefix(['x', 'X']) {
            u32::from_str_radix(hex, 16).ok()?
        } else {
            num.parse::<u32>().ok()?
        };
        return char::from_u32(n);
    }
    match name.to_ascii_lowercase().as_str() {
        "colon" => Some(':'),
        "tab" => Some('\t'),
        "newline" => Some('\n'),
        "sol" => Some('/'),
        "amp" => Some('&'),
        "num" => Some('#'),
        "quest" => Some('?'),
        "period" => Some('.'),
        _ => None,
    }
}
