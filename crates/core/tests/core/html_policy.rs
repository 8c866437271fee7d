//! Rules: the merchant HTML policy: which tags stay, which go with their content, which attributes
//! pass.

use paypage_core::html_policy::{attribute, is_colour, tag_rule, TagRule};
use paypage_core::url_policy::UrlPolicy;

#[test]
fn html_policy_tags() {
    for t in [
        "b", "STRONG", "i", "em", "u", "br", "p", "span", "div", "ul", "ol", "li", "a", "font",
    ] {
        assert_eq!(tag_rule(t), TagRule::Keep, "{t}");
    }
    for t in [
        "script",
        "SCRIPT",
        "style",
        "iframe",
        "object",
        "embed",
        "svg",
        "math",
        "template",
        "form",
        "img",
        "noscript",
        "xmp",
        "svg:script",
    ] {
        assert_eq!(tag_rule(t), TagRule::Drop, "{t}");
    }
    for t in ["h1", "table", "center", "small", "custom-element"] {
        assert_eq!(tag_rule(t), TagRule::Unwrap, "{t}");
    }
}

#[test]
fn html_policy_attributes() {
    let p = UrlPolicy::default();
    let cases = [
        (
            "a",
            "href",
            "https://help.example",
            Some("https://help.example"),
        ),
        ("a", "HREF", "javascript:alert(1)", None),
        ("a", "href", " java\tscript:alert(1)", None),
        ("a", "title", "帮助", Some("帮助")),
        ("a", "onclick", "alert(1)", None),
        ("font", "color", "#e53935", Some("#e53935")),
        ("font", "color", "red", Some("red")),
        ("font", "color", "red;background:url(x)", None),
        ("font", "color", "expression(alert(1))", None),
        ("font", "size", "7", None),
        ("p", "style", "color:red", None),
        ("span", "class", "x", None),
        ("b", "onmouseover", "alert(1)", None),
    ];
    for (tag, attr, value, want) in cases {
        assert_eq!(
            attribute(&p, tag, attr, value).as_deref(),
            want,
            "{tag} {attr}={value}"
        );
    }
    assert!(is_colour("#abc") && is_colour("#aabbccdd") && !is_colour("#ab") && !is_colour(""));
}
