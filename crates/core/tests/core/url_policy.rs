//! Rule: one URL policy per use; hostile schemes and their disguises are refused.

use paypage_core::url_policy::{Refusal, UrlPolicy, UrlUse};

const ALL_USES: [UrlUse; 5] = [
    UrlUse::Navigate,
    UrlUse::AppLink,
    UrlUse::Image,
    UrlUse::Audio,
    UrlUse::Link,
];

fn check(use_: UrlUse, input: &str, expect: Option<&str>) {
    let got = UrlPolicy::default().check(use_, input);
    assert_eq!(got.as_deref().ok(), expect, "{use_:?} {input:?} -> {got:?}");
}

/// The hostile URLs: dangerous schemes written every way a browser would still run them.
fn hostile_inputs() -> Vec<String> {
    let payloads = [
        "javascript:alert(1)",
        "vbscript:msgbox(1)",
        "data:text/html,<script>alert(1)</script>",
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        "file:///etc/passwd",
        "blob:https://evil.example/uuid",
        "about:blank",
        "data:image/svg+xml,<svg onload=alert(1)>",
    ];
    let mut out = Vec::new();
    for p in payloads {
        let (scheme, rest) = p.split_once(':').unwrap();
        let upper = scheme.to_ascii_uppercase();
        let mixed: String = scheme
            .chars()
            .enumerate()
            .map(|(i, c)| {
                if i % 2 == 0 {
                    c.to_ascii_uppercase()
                } else {
                    c
                }
            })
            .collect();
        let mut tabbed = String::new();
        for c in scheme.chars() {
            tabbed.push(c);
            tabbed.push('\t');
        }
        let mut newlined = String::new();
        for c in scheme.chars() {
            newlined.push(c);
            newlined.push('\n');
        }
        let first = &scheme[..1];
        let tail = &scheme[1..];
        let variants = [
            p.to_owned(),
            format!("{upper}:{rest}"),
            format!("{mixed}:{rest}"),
            format!(" {p}"),
            format!("\u{0}{p}"),
            format!("\u{1f}{p}"),
            format!("\u{b}\u{c}{p}"),
            format!("{tabbed}:{rest}"),
            format!("{newlined}:{rest}"),
            format!("{scheme}\r\n:{rest}"),
            format!("{scheme}&#58;{rest}"),
            format!("{scheme}&#x3A;{rest}"),
            format!("{scheme}&#0000058{rest}"),
            format!("{scheme}&colon;{rest}"),
            format!(
                "&#{};{tail}:{rest}",
                u32::from(first.chars().next().unwrap())
            ),
            format!(
                "&#x{:x};{tail}:{rest}",
                u32::from(first.chars().next().unwrap())
            ),
            format!("{scheme}&Tab;:{rest}"),
            format!("{first}&NewLine;{tail}:{rest}"),
            format!("{first}\u{0}{tail}:{rest}"),
            format!("{first}\u{200b}{tail}:{rest}"),
            format!("{p}\u{7f}"),
            format!("\u{feff}{p}"),
            format!("{scheme} :{rest}"),
        ];
        out.extend(variants);
    }
    out
}

#[test]
fn hostile_schemes_and_disguises_are_refused_for_every_use() {
    let inputs = hostile_inputs();
    assert!(inputs.len() >= 180, "{} inputs", inputs.len());
    let policy = UrlPolicy::with_app_schemes(["javascript", "data", "myapp"]);
    let mut checked = 0;
    for input in &inputs {
        for use_ in ALL_USES {
            let got = policy.check(use_, input);
            assert!(got.is_err(), "{use_:?} accepted {input:?} as {got:?}");
            checked += 1;
        }
    }
    assert!(checked >= 900);
}

#[test]
fn navigation_allows_relative_and_http_only() {
    let ok = [
        "/order/return",
        "order/return?x=1",
        "https://merchant.example/return?id=1&s=a:b",
        "http://merchant.example",
        "HTTPS://Merchant.example/",
        "//merchant.example/return",
        "  https://merchant.example/ \n",
        "?a=1",
        "#top",
    ];
    for u in ok {
        check(UrlUse::Navigate, u, Some(u.trim()));
    }
    for u in [
        "alipays://platformapi",
        "weixin://",
        "ftp://x",
        "mailto:a@b.c",
        "tel:123",
    ] {
        check(UrlUse::Navigate, u, None);
    }
}

#[test]
fn tabs_and_newlines_inside_are_removed_from_what_is_used() {
    check(
        UrlUse::Navigate,
        "https://mer\tchant.example/\nreturn",
        Some("https://merchant.example/return"),
    );
}

#[test]
fn app_links_allow_payment_schemes_and_merchant_extras() {
    let ok = [
        "alipays://platformapi/startapp?saId=10000007&qrcode=https%3A%2F%2Fqr.alipay.com%2Fx",
        "alipay://x",
        "ALIPAYS://x",
        "weixin://wxpay/bizpayurl?pr=x",
        "wxp://f2f0x",
        "mqqapi://forward/url",
        "upwallet://pay",
        "https://qr.alipay.com/x",
    ];
    for u in ok {
        check(UrlUse::AppLink, u, Some(u));
    }
    check(UrlUse::AppLink, "myapp://pay", None);
    let merchant = UrlPolicy::with_app_schemes(["myapp", "OtherApp:", "bad scheme", "javascript"]);
    assert!(merchant.allows(UrlUse::AppLink, "myapp://pay"));
    assert!(merchant.allows(UrlUse::AppLink, "otherapp://pay"));
    assert!(
        !merchant.allows(UrlUse::AppLink, "javascript:alert(1)"),
        "never-list wins"
    );
    assert!(
        !merchant.allows(UrlUse::Navigate, "myapp://pay"),
        "extras are app links only"
    );
}

#[test]
fn images_allow_raster_data_urls_but_not_svg_or_html() {
    let png = "data:image/png;base64,iVBORw0KGgo=";
    check(UrlUse::Image, png, Some(png));
    check(
        UrlUse::Image,
        "DATA:IMAGE/JPEG;base64,/9j/",
        Some("DATA:IMAGE/JPEG;base64,/9j/"),
    );
    check(
        UrlUse::Image,
        "/assets/alipay.png",
        Some("/assets/alipay.png"),
    );
    check(
        UrlUse::Image,
        "https://cdn.example/logo.png",
        Some("https://cdn.example/logo.png"),
    );
    check(UrlUse::Image, "data:image/svg+xml;base64,PHN2Zz4=", None);
    check(UrlUse::Image, "data:text/html;base64,PHN2Zz4=", None);
    check(UrlUse::Image, "data:image/pngx,abc", None);
    check(UrlUse::Navigate, png, None);
}

#[test]
fn audio_allows_relative_and_http_only() {
    check(
        UrlUse::Audio,
        "/__dev/audio/pay.wav",
        Some("/__dev/audio/pay.wav"),
    );
    check(
        UrlUse::Audio,
        "https://cdn.example/a.mp3",
        Some("https://cdn.example/a.mp3"),
    );
    check(UrlUse::Audio, "data:audio/wav;base64,AAAA", None);
}

#[test]
fn merchant_html_links_are_absolute_http_only() {
    check(
        UrlUse::Link,
        "https://help.example",
        Some("https://help.example"),
    );
    check(UrlUse::Link, "/relative", None);
    check(UrlUse::Link, "alipays://x", None);
}

#[test]
fn refusal_reasons() {
    let p = UrlPolicy::default();
    assert_eq!(p.check(UrlUse::Navigate, ""), Err(Refusal::Empty));
    assert_eq!(p.check(UrlUse::Navigate, " \t\n "), Err(Refusal::Empty));
    assert_eq!(
        p.check(UrlUse::Navigate, "/a\u{0}b"),
        Err(Refusal::ControlCharacter)
    );
    assert_eq!(
        p.check(UrlUse::Navigate, "JavaScript:x"),
        Err(Refusal::Scheme("javascript".into()))
    );
    assert_eq!(p.check(UrlUse::AppLink, "pay"), Err(Refusal::Malformed));
}
