//! The boot script's words: the shared table `fixtures/cases/boot_words.json` (also read by
//! `e2e/tests/boot_rules.test.js` for `public/boot.js`): the language the page speaks, chosen as
//! `app::read_boot` chooses it, and the merchant's texts as the app merges them; and the first
//! screen's words in index.html, which must be the core's own (the packaging writes the other
//! languages from the same table, `boot::packaged_words`).

use paypage_core::boot::{first_screen_overridden, packaged_words, FIRST_SCREEN, LOCALES, NO_WASM};
use paypage_core::config::PageConfig;
use paypage_core::i18n::{fill, Key, Locale, Texts};
use paypage_core::order_ref::parse_query;
use serde_json::Value;

use crate::support::{fixture, fixture_path};

fn section(name: &str) -> Vec<Value> {
    let table: Value = serde_json::from_str(&fixture("cases/boot_words.json")).unwrap();
    let rows = table[name].as_array().unwrap().clone();
    assert!(rows.len() >= 25, "{name}: {} rows", rows.len());
    rows
}

fn locale(tag: &str) -> Locale {
    LOCALES.into_iter().find(|l| l.tag() == tag).unwrap()
}

/// The page's language as the app reads it: the query's first `lang`, `data-lang` through the
/// configuration, the browser's languages.
#[test]
fn the_language_is_chosen_as_the_table_says() {
    for row in section("locales") {
        let params = parse_query(row["query"].as_str().unwrap());
        let query_lang = params
            .iter()
            .find(|(k, _)| k == "lang")
            .map(|(_, v)| v.clone());
        let attrs: Vec<(&str, &str)> = row["lang"]
            .as_str()
            .map(|v| ("lang", v))
            .into_iter()
            .collect();
        let (config, _) = PageConfig::from_attributes(attrs);
        let browser: Vec<String> = row["languages"]
            .as_array()
            .unwrap()
            .iter()
            .map(|v| v.as_str().unwrap().to_owned())
            .collect();
        let got = Locale::choose(query_lang.as_deref(), config.lang.as_deref(), &browser);
        assert_eq!(got.tag(), row["locale"].as_str().unwrap(), "{row}");
    }
}

/// The merchant's text for a key as the app shows it (`data-texts` through the configuration and
/// `Texts::merge_overrides`); `null` in the table when the built-in text stays.
#[test]
fn the_merchants_texts_are_read_as_the_table_says() {
    for row in section("texts") {
        let attrs: Vec<(&str, &str)> = row["texts"]
            .as_str()
            .map(|v| ("texts", v))
            .into_iter()
            .collect();
        let (config, _) = PageConfig::from_attributes(attrs);
        let locale = locale(row["locale"].as_str().unwrap());
        let mut texts = Texts::new(locale);
        if let Some(json) = &config.texts {
            texts.merge_overrides(json);
        }
        let key = Key::from_name(row["key"].as_str().unwrap()).unwrap();
        let got = Some(texts.get(key)).filter(|t| *t != key.builtin(locale));
        assert_eq!(got, row["text"].as_str(), "{row}");
        let first = FIRST_SCREEN.contains(&key);
        if got.is_some() && first {
            assert!(first_screen_overridden(&texts), "{row}");
        }
    }
    assert!(!first_screen_overridden(&Texts::new(Locale::En)));
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
