//! Packaging's text transforms and checks.
#[test]
fn styles_are_compacted_without_touching_a_rule() {
    let check =
        |css: &str, want: &str| assert_eq!(super::css::compact_css(css).unwrap(), want, "{css}");
    check(
        "/* a */\n.a {\n  color: red; /* b */\n}\n",
        ".a{color: red;}",
    );
    check(
        "a :hover, b > c { margin: 0  auto }",
        "a :hover,b > c{margin: 0 auto}",
    );
    check(
        ".q::before { content: \"/* not a comment */  x\"; }",
        ".q::before{content: \"/* not a comment */  x\";}",
    );
    check(".q { content: 'it\\'s  /*' }", ".q{content: 'it\\'s  /*'}");
    check("a /* x */b{}", "a b{}");
    check(".a{x: \u{a0}y}", ".a{x: \u{a0}y}");
    check(
        ".i { background: url(\"a.png\") }",
        ".i{background: url(\"a.png\")}",
    );
    check(
        "@media (min-width: 40rem) {\n  .a { x: y }\n}",
        "@media (min-width: 40rem){.a{x: y}}",
    );
    for bad in [
        "a { /* open",
        "a { content: \"open }",
        ".a/**/.b {}",
        "a/**/b {}",
        ".a\\ b {}",
        ".i { background: url(a.png) }",
    ] {
        assert!(super::css::compact_css(bad).is_err(), "{bad}");
    }
}

#[test]
fn static_html_in_the_wasm_is_found() {
    let wasm = b"\0abc\0<div class=\"pp-icon\" aria-hidden=\"true\">!</div>\0x</ y</>z";
    let found = super::checks::static_html(wasm);
    assert_eq!(
        found,
        vec!["<div class=\"pp-icon\" aria-hidden=\"true\">!</div>".to_owned()]
    );
    assert!(super::checks::static_html(b"\0pp-icon\0aria-hidden\0</\0").is_empty());
}

#[test]
fn the_boot_script_is_inlined_with_its_hash_and_refused_when_unsafe() {
    let page = format!(
        "<head>{}<link rel=stylesheet></head>",
        super::inline::BOOT_TAG
    );
    let (html, hash) = super::inline::inline_boot(&page, "var a=1;").unwrap();
    assert_eq!(
        html,
        "<head><script>var a=1;</script><link rel=stylesheet></head>"
    );
    // echo -n 'var a=1;' | sha256sum, in base64
    assert_eq!(hash, "sha256-gaaMFNHZyRta8zB2VHkWLMP4tMxJ+d8v3dTW7nw2r6M=");
    for bad in ["x='$'+'{'+'a';y='${a}'", "s='</SCRIPT>'", "c='<!--'"] {
        assert!(super::inline::inline_boot(&page, bad).is_err(), "{bad}");
    }
    assert!(super::inline::inline_boot("<head></head>", "var a=1;").is_err());
    let page = format!("<head>{}</head>", super::inline::STYLE_TAG);
    let (html, _) =
        super::inline::inline_element(&page, super::inline::STYLE_TAG, "style", "a{b:c}").unwrap();
    assert_eq!(html, "<head><style>a{b:c}</style></head>");
    assert!(
        super::inline::inline_element(&page, super::inline::STYLE_TAG, "style", "a{}</STYLE>")
            .is_err()
    );
}

#[test]
fn the_words_are_written_into_their_slot_escaped() {
    let page = "<meta name=\"paypage\" data-words=\"\">";
    let html = super::inline::put_words(page, r#"{"en":{"a":"it's <b> & c"}}"#).unwrap();
    assert_eq!(
        html,
        "<meta name=\"paypage\" data-words='{\"en\":{\"a\":\"it&#39;s &lt;b&gt; &amp; c\"}}'>"
    );
    assert!(super::inline::put_words("<meta>", "{}").is_err());
    // A dollar-brace in a text would be a template action under XArr's engine.
    let html = super::inline::put_words(page, r#"{"en":{"a":"${.x}"}}"#).unwrap();
    assert!(!html.contains("${"), "{html}");
    assert!(html.contains("&#36;{.x}"), "{html}");
}

#[test]
fn packaging_refuses_the_merchants_files() {
    for name in [
        "boot.js",
        "main.css",
        "paypage_bg.wasm",
        "firstpaint.wasm",
        "favicon.svg",
    ] {
        assert!(
            super::checks::check_not_merchant_file(name).is_ok(),
            "{name}"
        );
    }
    for name in ["custom.css", "logo.png"] {
        let e = super::checks::check_not_merchant_file(name).unwrap_err();
        assert!(e.contains(&format!("assets/{name}")), "{e}");
    }
}

#[test]
fn packaging_refuses_unescaped_actions() {
    let ok = "<p>${.orderInfo.subject | html}</p><script src=\"${.templateAssets}/b.js\">${html .contact}\
        <div data-inject-web-title='${\"web_title\" | get_option | html}'>";
    assert!(super::checks::check_actions("index.html", ok).is_ok());
    for (bad, line) in [
        ("<h1>${.orderInfo.subject}</h1>", 1),
        ("a\nb\n<div data-x=\"${.orderInfo.order_id | js}\">", 3),
        ("${.server_time}", 1),
        ("\n${\"web_title\" | get_option}", 2),
    ] {
        let e = super::checks::check_actions("index.html", bad).unwrap_err();
        assert!(e.starts_with(&format!("index.html:{line}: ")), "{e}");
    }
}
