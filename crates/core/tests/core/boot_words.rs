//! The boot script's words: the first screen's words in index.html, which must be the core's own
//! (the packaging writes the other languages from the same table, `boot::packaged_words`). The
//! language and the merchant's texts are rules of the table `fixtures/cases/boot.json`
//! (`chooseLocale`, `merchantText`: `boot_cases.rs`).

use paypage_core::boot::{first_screen_overridden, packaged_words, FIRST_SCREEN, LOCALES, NO_WASM};
use paypage_core::i18n::{fill, Key, Locale, Texts};
use serde_json::Value;

use crate::support::fixture_path;

/// The merchant's texts that change a word of the first screen make it wait for the app's own.
#[test]
fn a_first_screen_word_overridden_waits_for_the_app() {
    let mut texts = Texts::new(Locale::En);
    assert!(!first_screen_overridden(&texts));
    texts.merge_overrides(r#"{"scan_with":"Scan it"}"#);
    assert!(first_screen_overridden(&texts));
    let mut texts = Texts::new(Locale::ZhCn);
    texts.merge_overrides(r#"{"en":{"scan_with":"Scan it"},"no_wasm_pay_code":"x"}"#);
    assert!(!first_screen_overridden(&texts));
}

/// The pre-rendered first screen's words (`data-t` in index.html) are the core's zh-CN texts
/// (`{app}` filled with the generic app name), and the packaging has a word in every language for
/// each of them.
#[test]
fn index_htmls_words_are_the_cores() {
    let html = std::fs::read_to_string(fixture_path("../index.html")).unwrap();
    let packaged: Value = serde_json::from_str(&packaged_words()).unwrap();
    let app = Key::app_other.builtin(Locale::ZhCn);
    let mut seen = Vec::new();
    for (at, _) in html.match_indices(" data-t=\"") {
        let rest = &html[at + 9..];
        let name = &rest[..rest.find('"').unwrap()];
        let key = Key::from_name(name).unwrap_or_else(|| panic!("data-t=\"{name}\": no such key"));
        let text_at = rest.find('>').unwrap() + 1;
        let text = &rest[text_at..text_at + rest[text_at..].find('<').unwrap()];
        assert_eq!(
            text,
            fill(key.builtin(Locale::ZhCn), &[("app", app)]),
            "data-t=\"{name}\""
        );
        assert!(
            FIRST_SCREEN.contains(&key) || NO_WASM.contains(&key),
            "{name}"
        );
        for l in LOCALES {
            assert_eq!(
                packaged[l.tag()][name].as_str(),
                Some(key.builtin(l)),
                "{name} {}",
                l.tag()
            );
        }
        seen.push(key);
    }
    for key in [
        Key::amount_label,
        Key::pay_type_label,
        Key::order_id_label,
        Key::loading,
        Key::scan_with,
        Key::open_app,
        Key::no_wasm_open_elsewhere,
    ] {
        assert!(
            seen.contains(&key),
            "index.html has no data-t=\"{}\"",
            key.name()
        );
    }
    // The picture's alt text and the app names are filled in by the boot script.
    assert!(html.contains(" data-t-alt=\"qr_alt\""));
    for key in FIRST_SCREEN.iter().chain(NO_WASM) {
        for l in LOCALES {
            assert!(packaged[l.tag()][key.name()].is_string(), "{}", key.name());
        }
    }
}

/// The boot script tells the no-WebAssembly screen's words from the first screen's by name: its
/// list is the core's.
#[test]
fn the_boot_scripts_no_wasm_keys_are_the_cores() {
    let script = std::fs::read_to_string(fixture_path("../public/boot.js")).unwrap();
    let line = script
        .lines()
        .find(|l| l.contains("const NO_WASM_KEYS = ["))
        .expect("NO_WASM_KEYS in boot.js");
    let names: Vec<String> = NO_WASM
        .iter()
        .map(|k| ["'", k.name(), "'"].concat())
        .collect();
    assert!(
        line.contains(&["[", &names.join(", "), "]"].concat()),
        "{line}"
    );
}

/// No Chinese text in index.html outside the words the core owns: every run of CJK text is the
/// text of a `data-t` element (held to the core's zh-CN table above), but for `<noscript>`, which
/// only a browser without scripts shows (no script can swap it into another language).
#[test]
fn index_html_has_no_chinese_text_of_its_own() {
    let html = std::fs::read_to_string(fixture_path("../index.html")).unwrap();
    let cjk =
        |c: char| ('\u{3000}'..='\u{9fff}').contains(&c) || ('\u{ff00}'..='\u{ffef}').contains(&c);
    let mut words: Vec<String> = Vec::new();
    for (at, _) in html.match_indices(" data-t=\"") {
        let rest = &html[at..];
        let text_at = rest.find('>').unwrap() + 1;
        words.push(rest[text_at..text_at + rest[text_at..].find('<').unwrap()].to_owned());
    }
    let noscript = html
        .split("<noscript>")
        .nth(1)
        .and_then(|r| r.split("</noscript>").next());
    for text in html
        .split('<')
        .filter_map(|part| part.split_once('>').map(|(_, t)| t.trim()))
    {
        if text.chars().any(cjk) && !words.iter().any(|w| w == text) {
            assert!(
                noscript.is_some_and(|n| n.contains(text)),
                "index.html's own Chinese text: {text:?} (a data-t word of the core's table belongs there)"
            );
        }
    }
}
