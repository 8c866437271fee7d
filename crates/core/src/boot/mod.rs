//! Everything the boot script (`public/boot.js`) decides before the app runs, in Rust: one
//! function here for each rule boot.js exports (same name in snake case), held to it by the
//! function-by-function table `fixtures/cases/boot.json` (natively in
//! `crates/core/tests/core/boot_cases.rs`, and against the shipped, minified boot script in
//! `e2e/tests/boot_rules.test.js`, run by `cargo xtask ci` before any browser). The app runs the
//! same functions: the hook addresses its calls through [`calls::platform_ref`], the settings
//! are `PageConfig`'s own reading. The boot script repeats them only because it runs before the
//! wasm; where it cannot read a value exactly as the core does (a number beyond 2^53, a
//! character reference) it sends nothing early and shows nothing, and the rule here says so.
//!
//! What the boot script (`public/boot.js`) shows before the app runs, in the customer's language:
//! the words the page carries for it (written into each page by `cargo xtask theme` from this
//! table, never copied by hand), and when the merchant's texts make the first screen wait for the
//! app's own (the locale and the merchant's overrides: [`page::choose_locale`],
//! [`page::merchant_text`]). The words are swapped in once the body is parsed, before the first
//! screen is laid out; where they are not the words the app will show (the merchant's
//! `data-texts` change one: [`first_screen_overridden`], or the page carries no words for the
//! language), the first screen stays hidden and unpainted until the app shows its own. Without
//! WebAssembly the merchant's texts are the words shown.

pub mod answers;
pub mod calls;
pub mod page;

/// `{name}` placeholders filled (boot.js's `fill`).
pub use super::i18n::fill;
pub use answers::{amount_to_pay, answer_texts, inline_picture, parse_yuan, yuan_text};
pub use calls::{display_id, next_calls, order_body, page_platform_id, platform_ref, PageKind};
pub use page::{
    api_elsewhere, audio_on, choose_locale, first_screen_own, html_arrival, merchant_text,
    request_timeout, stylesheet,
};

use super::i18n::{Key, Locale, Texts};

/// The words of the pre-rendered first screen (`data-t` in index.html): what the app's pending
/// screen shows in the same places, and the app names its `{app}` is filled with.
pub const FIRST_SCREEN: &[Key] = &[
    Key::page_title,
    Key::amount_label,
    Key::pay_type_label,
    Key::order_id_label,
    Key::copy,
    Key::loading,
    Key::time_left,
    Key::scan_with,
    Key::qr_alt,
    Key::open_app,
    Key::app_alipay,
    Key::app_wechat,
    Key::app_qq,
    Key::app_unionpay,
    Key::app_other,
];

/// The words of the screen a browser without WebAssembly gets instead of the app.
pub const NO_WASM: &[Key] = &[Key::no_wasm_pay_code, Key::no_wasm_open_elsewhere];

/// Every language, in the order the page carries them.
pub const LOCALES: [Locale; 3] = [Locale::ZhCn, Locale::ZhTw, Locale::En];

/// Whether the merchant's texts (merged into `texts`) give a word of the first screen another
/// text than the built-in one: the first screen then stays hidden until the app shows its own.
pub fn first_screen_overridden(texts: &Texts) -> bool {
    FIRST_SCREEN
        .iter()
        .any(|k| texts.get(*k) != k.builtin(texts.locale))
}

/// The words the page carries for the boot script, as JSON:
/// `{"zh-CN":{"amount_label":"应付金额",…},"zh-TW":{…},"en":{…}}`, the keys of [`FIRST_SCREEN`]
/// and [`NO_WASM`].
pub fn packaged_words() -> String {
    let mut all = serde_json::Map::new();
    for locale in LOCALES {
        let words: serde_json::Map<String, serde_json::Value> = FIRST_SCREEN
            .iter()
            .chain(NO_WASM)
            .map(|k| (k.name().to_owned(), k.builtin(locale).into()))
            .collect();
        all.insert(locale.tag().to_owned(), words.into());
    }
    serde_json::Value::Object(all).to_string()
}
