//! Rule: merchant configuration from data attributes; unknown keys and bad values are reported
//! with the key's name and ignored. Texts: built-in tables per language, merchant overrides.

use paypage_core::config::{on_brand_text, AudioPolicy, AutoOpen, Look, PageConfig};
use paypage_core::i18n::{fill, Key, Locale, Texts};

fn check(attrs: &[(&str, &str)], expect_warnings: &[&str]) -> PageConfig {
    let (c, w) = PageConfig::from_attributes(attrs.iter().copied());
    assert_eq!(w.len(), expect_warnings.len(), "{w:?}");
    for (got, want) in w.iter().zip(expect_warnings) {
        assert!(got.contains(want), "{got:?} should mention {want:?}");
    }
    c
}

#[test]
fn defaults() {
    let c = check(&[], &[]);
    assert_eq!(c, PageConfig::default());
    assert_eq!(c.poll.visible_ms, 2000);
    assert_eq!(c.request_timeout_ms, 8000);
    assert_eq!(c.look, Look::Card);
}

#[test]
fn every_setting_read() {
    let c = check(
        &[
            ("api-base", "https://pay.example.com/"),
            ("lang", "en"),
            ("poll-visible-ms", "3000"),
            ("poll-hidden-ms", "15000"),
            ("poll-max-backoff-ms", "60000"),
            ("request-timeout-ms", "5000"),
            ("auto-open", "never"),
            ("audio", "off"),
            ("tts-url", "https://tts.example.com/speak?text={text}"),
            ("app-schemes", "myapp, otherapp"),
            ("brand-color", "#ff6600"),
            ("logo", "/templates/pay/paypage/assets/logo.png"),
            ("merchant-name", "示例商店"),
            ("return-delay", "2"),
            ("look", "banner"),
            ("stylesheet", "custom.css"),
            ("texts", "{\"paid_title\":\"付款完成\"}"),
            ("inject-order-id", "P1"),
            ("page", "status"),
        ],
        &[],
    );
    assert_eq!(c.api_base, "https://pay.example.com");
    assert_eq!(c.lang.as_deref(), Some("en"));
    assert_eq!(
        (c.poll.visible_ms, c.poll.hidden_ms, c.poll.max_backoff_ms),
        (3000, 15000, 60000)
    );
    assert_eq!(c.request_timeout_ms, 5000);
    assert_eq!(c.auto_open, AutoOpen::Never);
    assert_eq!(c.audio, AudioPolicy::Off);
    assert!(c.tts_url.is_some());
    assert_eq!(c.app_schemes, vec!["myapp", "otherapp"]);
    assert_eq!(c.brand_color.as_deref(), Some("#ff6600"));
    assert!(c.logo.is_some());
    assert_eq!(c.merchant_name.as_deref(), Some("示例商店"));
    assert_eq!(c.return_delay, Some(2));
    assert_eq!(c.look, Look::Banner);
    assert_eq!(c.stylesheet.as_deref(), Some("custom.css"));
    assert!(c
        .url_policy()
        .allows(paypage_core::url_policy::UrlUse::AppLink, "myapp://x"));
}

#[test]
fn bad_values_are_reported_by_key_and_ignored() {
    let c = check(
        &[
            ("api-base", "javascript:alert(1)"),
            ("lang", "fr"),
            ("poll-visible-ms", "10"),
            ("request-timeout-ms", "soon"),
            ("auto-open", "maybe"),
            ("audio", "loud"),
            ("tts-url", "http://tts.example.com/?t={text}"),
            ("app-schemes", "javascript, ok"),
            ("brand-color", "red;background:url(x)"),
            ("logo", "javascript:alert(1)"),
            ("return-delay", "-1"),
            ("look", "fancy"),
            ("stylesheet", "../main.css"),
            ("colour", "#fff"),
        ],
        &[
            "data-api-base",
            "data-lang",
            "data-poll-visible-ms",
            "data-request-timeout-ms",
            "data-auto-open",
            "data-audio",
            "data-tts-url",
            "data-app-schemes: 'javascript'",
            "data-brand-color",
            "data-logo",
            "data-return-delay",
            "data-look",
            "data-stylesheet",
            "data-colour: unknown setting",
        ],
    );
    let d = PageConfig::default();
    assert_eq!(c.api_base, d.api_base);
    assert_eq!(c.poll, d.poll);
    assert_eq!(c.brand_color, None);
    assert_eq!(c.logo, None);
    assert_eq!(c.app_schemes, vec!["ok"]);
    assert_eq!(c.look, Look::Card);
    assert_eq!(c.stylesheet, None);
}

#[test]
fn unrendered_and_blank_values_mean_default() {
    let c = check(
        &[("brand-color", "${\"brand\" | get_option}"), ("lang", "  ")],
        &[],
    );
    assert_eq!(c, PageConfig::default());
}

#[test]
fn brand_text_colour_keeps_contrast() {
    for brand in [
        "#1668dc", "#ff6600", "#ffeb3b", "#000000", "#ffffff", "#07a35a", "#abc",
    ] {
        let (_, contrast) = on_brand_text(brand);
        assert!(contrast >= 4.5, "{brand}: {contrast}");
    }
    assert_eq!(on_brand_text("#ffeb3b").0, "#000000");
    assert_eq!(on_brand_text("#1668dc").0, "#ffffff");
}

#[test]
fn language_choice_order() {
    let browser = vec!["en-US".to_owned(), "zh-CN".to_owned()];
    assert_eq!(
        Locale::choose(Some("zh-TW"), Some("en"), &browser),
        Locale::ZhTw,
        "?lang= first"
    );
    assert_eq!(
        Locale::choose(Some("xx"), Some("en"), &[]),
        Locale::En,
        "then the theme's"
    );
    assert_eq!(
        Locale::choose(None, None, &browser),
        Locale::En,
        "then the browser's"
    );
    assert_eq!(
        Locale::choose(None, None, &["fr".to_owned(), "zh-HK".to_owned()]),
        Locale::ZhTw
    );
    assert_eq!(Locale::choose(None, None, &[]), Locale::ZhCn, "else zh-CN");
    for (tag, l) in [
        ("zh", Locale::ZhCn),
        ("zh_CN", Locale::ZhCn),
        ("zh-Hant-TW", Locale::ZhTw),
        ("en-GB", Locale::En),
        ("de", Locale::ZhCn),
    ] {
        assert_eq!(Locale::choose(None, None, &[tag.to_owned()]), l, "{tag}");
    }
}

#[test]
fn every_text_exists_in_every_language_with_the_same_placeholders() {
    for key in Key::ALL {
        let placeholders = |s: &str| {
            let mut v: Vec<String> = s
                .split('{')
                .skip(1)
                .filter_map(|p| p.split_once('}').map(|(n, _)| n.to_owned()))
                .collect();
            v.sort();
            v
        };
        let cn = key.builtin(Locale::ZhCn);
        for l in [Locale::ZhTw, Locale::En] {
            let t = key.builtin(l);
            assert!(!t.is_empty(), "{key:?} {l:?}");
            assert_eq!(placeholders(t), placeholders(cn), "{key:?} {l:?}");
        }
        assert_eq!(Key::from_name(key.name()), Some(*key));
    }
}

#[test]
fn text_overrides_merge_and_report_bad_keys() {
    let mut t = Texts::new(Locale::ZhCn);
    let w = t.merge_overrides(r#"{"paid_title":"付款完成","nope":"x","retry":"","en":{"paid_title":"Done"},"zh-CN":{"closed_title":"已关"}}"#);
    assert_eq!(t.get(Key::paid_title), "付款完成");
    assert_eq!(t.get(Key::closed_title), "已关");
    assert_eq!(t.get(Key::retry), "重试", "empty override ignored");
    assert_eq!(w.len(), 2, "{w:?}");
    assert!(w.iter().any(|m| m.contains("'nope'")) && w.iter().any(|m| m.contains("'retry'")));
    let mut en = Texts::new(Locale::En);
    assert!(en
        .merge_overrides(r#"{"en":{"paid_title":"Done"}}"#)
        .is_empty());
    assert_eq!(en.get(Key::paid_title), "Done");
    assert_eq!(Texts::new(Locale::En).merge_overrides("not json").len(), 1);
    assert_eq!(
        fill("{a} and {b} and {a}", &[("a", "1"), ("b", "2")]),
        "1 and 2 and 1"
    );
}

#[test]
fn grace_period_after_the_countdown() {
    assert_eq!(check(&[], &[]).grace_secs, 180);
    assert_eq!(check(&[("expiry-grace-secs", "600")], &[]).grace_secs, 600);
    assert_eq!(check(&[("expiry-grace-secs", "0")], &[]).grace_secs, 0);
    let c = check(
        &[("expiry-grace-secs", "3600")],
        &["data-expiry-grace-secs"],
    );
    assert_eq!(c.grace_secs, 180);
}

#[test]
fn poll_values_clamped_by_the_others_are_reported() {
    // Each value alone is in the accepted range, but together they are not what is used.
    let c = check(
        &[("poll-visible-ms", "500"), ("poll-hidden-ms", "800")],
        &["data-poll-visible-ms: 500", "data-poll-hidden-ms: 800"],
    );
    assert_eq!((c.poll.visible_ms, c.poll.hidden_ms), (1000, 1000));
    let c = check(
        &[
            ("poll-visible-ms", "5000"),
            ("poll-max-backoff-ms", "600000"),
        ],
        &["data-poll-max-backoff-ms: 600000"],
    );
    assert_eq!(c.poll.max_backoff_ms, 300_000);
    assert_eq!(c.poll.hidden_ms, 10_000);
    check(
        &[("poll-visible-ms", "3000"), ("poll-hidden-ms", "20000")],
        &[],
    );
}

/// The site's name and logo from the platform (`web_title`, `web_logo`): taken when the merchant
/// set none; blank or unrendered values ignored; the logo through the image URL policy.
#[test]
fn the_site_name_and_logo_from_the_platform() {
    type Case = (
        &'static [(&'static str, &'static str)],
        Option<&'static str>,
        Option<&'static str>,
        Option<&'static str>,
        Option<&'static str>,
    );
    let cases: &[Case] = &[
        (
            &[],
            Some("XArr Pay 演示"),
            None,
            Some("XArr Pay 演示"),
            None,
        ),
        (&[], Some("  站点  "), None, Some("站点"), None),
        (
            &[("merchant-name", "示例商店")],
            Some("XArr Pay"),
            None,
            Some("示例商店"),
            None,
        ),
        (&[], Some(""), None, None, None),
        (&[], Some("   "), None, None, None),
        (
            &[],
            Some("${\"web_title\" | get_option | html}"),
            None,
            None,
            None,
        ),
        (&[], None, None, None, None),
        (&[], Some("<b>x</b>"), None, Some("<b>x</b>"), None),
        (&[], None, Some("/logo.png"), None, Some("/logo.png")),
        (
            &[],
            None,
            Some("https://cdn.example/l.svg"),
            None,
            Some("https://cdn.example/l.svg"),
        ),
        (&[], None, Some("javascript:alert(1)"), None, None),
        (
            &[],
            None,
            Some("${\"web_logo\" | get_option | html}"),
            None,
            None,
        ),
        (&[], None, Some(" "), None, None),
        (
            &[("logo", "/mine.svg")],
            None,
            Some("/site.png"),
            None,
            Some("/mine.svg"),
        ),
    ];
    for (attrs, title, logo, want_name, want_logo) in cases {
        let (mut c, _) = PageConfig::from_attributes(attrs.iter().copied());
        c.adopt_site(*title, *logo);
        assert_eq!(
            c.merchant_name.as_deref(),
            *want_name,
            "{attrs:?} {title:?}"
        );
        assert_eq!(c.logo.as_deref(), *want_logo, "{attrs:?} {logo:?}");
        assert_eq!(
            c.document_title("收银台"),
            want_name.unwrap_or("收银台"),
            "{attrs:?} {title:?}"
        );
    }
    let long = "名".repeat(50);
    let (mut c, _) = PageConfig::from_attributes(std::iter::empty());
    c.adopt_site(Some(&long), None);
    assert_eq!(c.merchant_name.map(|n| n.chars().count()), Some(40));
}

/// `data-app-schemes` alone (the first-paint module's input) gives the policy the whole
/// configuration gives: the same schemes kept, the same refused, blank and unrendered values none.
#[test]
fn app_schemes_policy_is_the_page_configs() {
    use paypage_core::url_policy::app_schemes_policy;
    use paypage_core::url_policy::{UrlPolicy, UrlUse};
    let values = [
        "",
        "   ",
        "myapp",
        " MyApp , otherapp ",
        "javascript, ok",
        "data,vbscript,file",
        "http, https",
        "bad scheme, 1abc, ok+x.y-z",
        "myapp:",
        "${.theme.app_schemes}",
        "myapp, ${x}",
        ",,,myapp,,",
    ];
    let probes = [
        "myapp://pay",
        "otherapp://pay",
        "ok://x",
        "ok+x.y-z://x",
        "javascript:alert(1)",
        "alipays://platformapi",
        "https://example.com/",
        "bad scheme://x",
    ];
    for v in values {
        let want = PageConfig::from_attributes([("app-schemes", v)])
            .0
            .url_policy();
        let got = app_schemes_policy(v);
        assert_eq!(got, want, "{v:?}");
        for probe in probes {
            assert_eq!(
                got.allows(UrlUse::AppLink, probe),
                want.allows(UrlUse::AppLink, probe),
                "{v:?} {probe:?}"
            );
        }
    }
    // The merchant's scheme is what the attribute adds to the default policy.
    assert!(app_schemes_policy("myapp").allows(UrlUse::AppLink, "myapp://pay"));
    assert!(!UrlPolicy::default().allows(UrlUse::AppLink, "myapp://pay"));
    assert_eq!(app_schemes_policy("${x}"), UrlPolicy::default());
}
