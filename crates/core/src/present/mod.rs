//! Presentation decisions that are not markup, by subject: the QR plan and the first paint
//! ([`qr`]: what a qrcode answer shows, before and after the app runs), the payment app of an
//! order ([`app`]), and the browser the page is open in ([`browser`]: which app links it blocks,
//! how a customer keeps the code). The merchant's tips are here.

use super::model::AccountTip;
use crate::prelude::*;

mod app;
mod browser;
mod qr;

pub use app::App;
pub use browser::{save_file_name, save_offer, Browser, InApp, SaveAction};
pub use qr::{
    app_scheme_link, auto_open_link, first_paint, inline_picture, looks_like_image, open_app_link,
    qr_content, FirstPaint, PictureSource, QrContent, QrPicture,
};
#[cfg(feature = "std")]
pub use qr::{plan_code, plan_qr, qr_picture, QrPlan};

/// The merchant tips to render, in order, by the `tip_cover` rule: the account tip replaces
/// `pay_tip` when it is non-empty, and both are shown when `tip_cover` is 2.
pub fn tips_to_show<'a>(pay_tip: Option<&'a str>, account: &'a AccountTip) -> Vec<&'a str> {
    let pay_tip = pay_tip.filter(|t| !t.trim().is_empty());
    let account_tip = account.tip.as_deref().filter(|t| !t.trim().is_empty());
    match (account_tip, pay_tip) {
        (Some(a), Some(p)) if account.tip_cover == 2 => vec![a, p],
        (Some(a), _) => vec![a],
        (None, Some(p)) => vec![p],
        (None, None) => vec![],
    }
}

/// Whether `needle` occurs in `hay`, byte by byte: `str::contains` brings the standard library's
/// substring searcher (and its tables) into the first-paint module, several KB for what a few
/// short keys need.
fn holds(hay: &str, needle: &str) -> bool {
    needle.is_empty()
        || hay
            .as_bytes()
            .windows(needle.len())
            .any(|w| w == needle.as_bytes())
}
