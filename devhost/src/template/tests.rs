//! The template engine against Go's behaviour: both escaping modes, builtins, conditions,
//! trimming, and parse errors that name the line.

use super::*;
use serde_json::json;

fn check(src: &str, expect: &str) {
    let data = json!({
        "templateAssets": "/templates/pay/paypage/assets",
        "orderInfo": {"order_id": "P1", "status": 1, "subject": "<b>x</b>", "trade_amount_text": "10.00",
                      "pay_type_info": {"label": "支付宝"}},
        "pay_tip": "",
        "contact": "QQ 1",
    });
    let options = json!({"web_title": "XArr Pay"});
    for escape in [Escape::None, Escape::Html] {
        let got = render(
            src,
            &Context {
                data: &data,
                options: &options,
                escape,
            },
        )
        .unwrap();
        // Values with markup differ between the modes; the checks here use `| html` or none.
        if escape == Escape::Html || !src.contains(".orderInfo.subject}") {
            assert_eq!(got, expect, "{src} ({escape:?})");
        }
    }
}

fn render_as(src: &str, escape: Escape) -> String {
    let data = json!({"s": "<img src=x onerror=\"alert(1)\">'&", "n": 3, "list": ["a", "b"],
                      "m": {"k": "v"}});
    render(
        src,
        &Context {
            data: &data,
            options: &json!({}),
            escape,
        },
    )
    .unwrap()
}

#[test]
fn the_two_modes_escape_like_go() {
    // text/template: raw; html/template: escaped.
    assert_eq!(
        render_as("${.s}", Escape::None),
        "<img src=x onerror=\"alert(1)\">'&"
    );
    let escaped = "&lt;img src=x onerror=&#34;alert(1)&#34;&gt;&#39;&amp;";
    assert_eq!(render_as("${.s}", Escape::Html), escaped);
    // `| html` escapes once in both.
    assert_eq!(render_as("${.s | html}", Escape::None), escaped);
    assert_eq!(render_as("${.s | html}", Escape::Html), escaped);
    assert_eq!(render_as("${html .s}", Escape::Html), escaped);
}

#[test]
fn builtins() {
    let none = |src| render_as(src, Escape::None);
    assert_eq!(
        none("${.s | js}"),
        "\\u003Cimg src\\u003Dx onerror\\u003D\\\"alert(1)\\\"\\u003E\\'\\u0026"
    );
    assert_eq!(none("${\"a b&c/é\" | urlquery}"), "a+b%26c%2F%C3%A9");
    assert_eq!(none("${print .n \"x\" .n .n}"), "3x3 3");
    assert_eq!(none("${len .list}|${len .s}|${len .m}"), "2|32|1");
    assert_eq!(none("${index .list 1}${index .m \"k\"}"), "bv");
    assert_eq!(none("${if eq .n 1 2 3}yes${end}"), "yes");
    assert_eq!(none("${.nothing}|${index .m \"none\"}"), "|");
}

#[test]
fn parse_errors_name_the_line() {
    let e = super::check("a\nb\n${.x | nosuch}").unwrap_err();
    assert!(e.0.contains("line 3") && e.0.contains("nosuch"), "{e}");
    let e = super::check("one\n${if .a}\nx").unwrap_err();
    assert!(e.0.contains("line 2"), "{e}");
    assert!(super::check("${.a | html}${if eq .b 1}x${else}y${end}").is_ok());
}

#[test]
fn variables_options_and_escaping() {
    check(
        "<script src=\"${.templateAssets}/boot.js\">",
        "<script src=\"/templates/pay/paypage/assets/boot.js\">",
    );
    check(
        "${.orderInfo.order_id}|${.orderInfo.trade_amount_text}",
        "P1|10.00",
    );
    check("${.orderInfo.pay_type_info.label}", "支付宝");
    check("${.orderInfo.subject}", "&lt;b&gt;x&lt;/b&gt;");
    check("[${.unknown.var}][${.orderInfo.nope}]", "[][]");
    check("${\"web_title\" | get_option}", "XArr Pay");
    check("${\"missing\" | get_option}", "");
    check("a${/* a comment with } inside */}b", "ab");
}

#[test]
fn conditions() {
    check("${if .contact}有${else}无${end}", "有");
    check("${if .pay_tip}有${else}无${end}", "无");
    check("${if eq .orderInfo.status 2}paid${else if eq .orderInfo.status 1}pending${else}other${end}", "pending");
    check("${if ne .orderInfo.status 1}x${end}y", "y");
    check("${if not .pay_tip}empty${end}", "empty");
    check("${if .contact}${if .pay_tip}a${else}b${end}${end}", "b");
}

#[test]
fn trimming() {
    check("a   ${- .orderInfo.order_id -}   b", "aP1b");
    check("a \n ${- .orderInfo.order_id}  b", "aP1  b");
    check(
        "<p>\n  ${- if .contact -}\n  yes\n  ${- end -}\n</p>",
        "<p>yes</p>",
    );
}

#[test]
fn errors() {
    let data = json!({});
    let ctx = Context {
        data: &data,
        options: &data,
        escape: Escape::Html,
    };
    assert!(render("${if .a}x", &ctx).is_err());
    assert!(render("${end}", &ctx).is_err());
    assert!(render("${.a", &ctx).is_err());
}
