//! Components only render: they read signals and the page context, and send events through
//! `Dispatch` or hook methods. No timers, listeners or requests are created here.
//!
//! Stable element ids (`pp-...`) are the contract with the end-to-end tests.

mod amount;
mod audio;
mod copy;
mod countdown;
mod guidance;
mod qr_panel;
mod screens;
mod shell;
mod tips;

pub use amount::AmountBlock;
pub use audio::AudioControls;
pub use copy::CopyButton;
pub use countdown::CountdownView;
pub use guidance::Guidance;
pub use qr_panel::QrPanel;
pub use screens::{FinalScreen, LoadingScreen, PaidScreen, PendingScreen, UnavailableScreen};
pub use shell::Shell;
pub use tips::MerchantTips;

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

pub fn page() -> PageContext {
    use_context::<PageContext>().unwrap_or_else(|| PageContext {
        texts: Texts::new(crate::core::i18n::Locale::ZhCn),
        config: Default::default(),
        browser: crate::core::present::Browser {
            mobile: false,
            in_app: None,
        },
        kind: PageKind::Pay,
        display_id: String::new(),
    })
}

/// A text of the page.
pub fn t(key: Key) -> String {
    page().texts.get(key).to_owned()
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
