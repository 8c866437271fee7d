//! The allow-list for merchant-written HTML (`pay_tip`, `pay_account_tip.tip`).
//!
//! This module only decides; the browser-side sanitizer (`crate::dom::sanitize`) parses the HTML
//! with the browser's own parser, walks the nodes and asks these functions about each one.

use super::url_policy::{UrlPolicy, UrlUse};

/// What to do with an element.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum TagRule {
    /// Keep the element (with only its allowed attributes) and its children.
    Keep,
    /// Drop the element but keep its (sanitized) children: unknown but harmless containers.
    Unwrap,
    /// Drop the element and everything inside it.
    Drop,
}

/// Elements that are kept.
pub const ALLOWED_TAGS: &[&str] = &[
    "b", "strong", "i", "em", "u", "br", "p", "span", "div", "ul", "ol", "li", "a", "font",
];

/// Elements removed with their content: code, embedded documents, forms, metadata, foreign
/// content, and raw-text elements whose text is not meant to be read.
const DROPPED_TAGS: &[&str] = &[
    "script",
    "style",
    "iframe",
    "frame",
    "frameset",
    "object",
    "embed",
    "applet",
    "template",
    "noscript",
    "noembed",
    "noframes",
    "svg",
    "math",
    "textarea",
    "select",
    "option",
    "title",
    "head",
    "meta",
    "link",
    "base",
    "form",
    "input",
    "button",
    "img",
    "video",
    "audio",
    "source",
    "track",
    "canvas",
    "picture",
    "portal",
    "xmp",
    "plaintext",
    "dialog",
    "slot",
    "param",
];

/// The rule for an element by its (any-case) tag name.
pub fn tag_rule(tag: &str) -> TagRule {
    let tag = tag.to_ascii_lowercase();
    if ALLOWED_TAGS.contains(&tag.as_str()) {
        TagRule::Keep
    } else if DROPPED_TAGS.contains(&tag.as_str()) || tag.contains(':') {
        TagRule::Drop
    } else {
        TagRule::Unwrap
    }
}

/// The value to keep for attribute `attr` on a kept element `tag`, or `None` to drop it.
/// Only `a href` (http(s) links), `a title` and `font color` (a colour name or hex) survive.
pub fn attribute(policy: &UrlPolicy, tag: &str, attr: &str, value: &str) -> Option<String> {
    let tag = tag.to_ascii_lowercase();
    let attr = attr.to_ascii_lowercase();
    match (tag.as_str(), attr.as_str()) {
        ("a", "href") => policy.check(UrlUse::Link, value).ok(),
        ("a", "title") => Some(value.to_owned()),
        ("font", "color") => is_colour(value).then(|| value.trim().to_owned()),
        _ => None,
    }
}

/// Attributes the sanitizer adds to every kept link.
pub const LINK_EXTRA_ATTRIBUTES: &[(&str, &str)] = &[
    ("rel", "noopener noreferrer nofollow"),
    ("target", "_blank"),
];

/// `#rgb`, `#rgba`, `#rrggbb`, `#rrggbbaa`, or a plain colour keyword (letters only).
pub fn is_colour(value: &str) -> bool {
    let v = value.trim();
    if let Some(hex) = v.strip_prefix('#') {
        matches!(hex.len(), 3 | 4 | 6 | 8) && hex.chars().all(|c| c.is_ascii_hexdigit())
    } else {
        (1..=20).contains(&v.len()) && v.chars().all(|c| c.is_ascii_alphabetic())
    }
}
