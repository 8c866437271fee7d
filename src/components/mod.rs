//! Components only render: they read signals and the page context, and send events through
//! `Dispatch` or hook methods. No timers, listeners or requests are created here.
//!
//! Stable element ids (`pp-...`) are the contract with the end-to-end tests.

mod amount;
mod audio;
mod choose;
mod copy;
mod countdown;
mod guidance;
mod order_screen;
mod qr_panel;
mod screens;
mod shell;
mod tips;

pub use amount::AmountBlock;
pub use audio::AudioControls;
pub use choose::ChooseScreen;
pub use copy::CopyButton;
pub use countdown::CountdownView;
pub use guidance::Guidance;
pub use order_screen::OrderScreen;
pub use qr_panel::QrPanel;
pub use screens::{
    FinalScreen, LoadingScreen, PaidCheckBlock, PaidScreen, PendingScreen, UnavailableScreen,
};
pub use shell::Shell;
pub use tips::MerchantTips;

use std::sync::Arc;

use leptos::prelude::*;

use crate::core::i18n::{Key, Texts};

/// Everything the components read that does not change while the page is open.
#[derive(Clone)]
pub struct PageContext {
    pub texts: Texts,
    pub config: crate::core::config::PageConfig,
    pub browser: crate::core::present::Browser,
    pub kind: PageKind,
    /// The order id the page was opened for (shown on every screen).
    pub display_id: String,
}

/// Which of the theme's three pages this is.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PageKind {
    Pay,
    Status,
    Separate,
}

impl PageContext {
    /// What a component shown without a page (in a test) falls back to: Simplified Chinese, the
    /// default configuration, a desktop browser.
    fn fallback() -> Self {
        Self {
            texts: Texts::new(crate::core::i18n::Locale::ZhCn),
            config: Default::default(),
            browser: crate::core::present::Browser {
                mobile: false,
                in_app: None,
                ios: false,
            },
            kind: PageKind::Pay,
            display_id: String::new(),
        }
    }
}

/// Makes `ctx` the page context of the components below (shared, never copied).
pub fn provide_page(ctx: PageContext) {
    provide_context(Arc::new(ctx));
}

/// The page context: a shared reference, so a text lookup copies only the text.
pub fn page() -> Arc<PageContext> {
    use_context::<Arc<PageContext>>().unwrap_or_else(|| Arc::new(PageContext::fallback()))
}

/// A text of the page.
pub fn t(key: Key) -> String {
    page().texts.get(key).to_owned()
}

/// The words of an announcement for the live region.
pub fn announcement_text(a: &crate::core::announce::Announcement) -> String {
    use crate::core::announce::Announcement;
    match a {
        Announcement::Title(key) => t(*key),
        Announcement::Reconnecting => t(Key::reconnecting),
        Announcement::Checking => t(Key::checking),
        Announcement::TimeLeft(secs) => {
            crate::core::announce::time_left_words(&page().texts, *secs)
        }
    }
}

/// A text with `{placeholders}` filled.
pub fn tf(key: Key, values: &[(&str, &str)]) -> String {
    page().texts.fill(key, values)
}

/// The app name of a pay type, in the page's language.
pub fn app_name(app: crate::core::present::App) -> String {
    use crate::core::present::App;
    t(match app {
        App::Alipay => Key::app_alipay,
        App::Wechat => Key::app_wechat,
        App::Qq => Key::app_qq,
        App::UnionPay => Key::app_unionpay,
        App::Other => Key::app_other,
    })
}
