//! Presentation decisions that are not markup: which tips to show, what the QR answer means, which
//! app a pay type belongs to and whether this browser can open it.

use super::model::{AccountTip, QrInfo, QrType};
use super::url_policy::{UrlPolicy, UrlUse};

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

/// What the page does with a `/api/order/qrcode` answer.
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QrPlan {
    /// Encode this payload as a QR code in the page (and keep the ready image, if any, unused).
    Encode(String),
    /// No payload: show the server's ready picture (already through the image URL policy).
    Image(String),
    /// Leave for this URL now (`type: "jump"`), already through the URL policy.
    Jump(String),
    /// `type: "jump"` but every target was refused by the URL policy.
    JumpRefused,
    /// Nothing usable to show.
    Nothing,
}

/// Whether a field's content is a picture rather than a payload: a `data:image/` URL, or an
/// http(s)/relative URL whose path ends in an image extension.
pub fn looks_like_image(value: &str) -> bool {
    let v = value.trim();
    let lower = v.to_ascii_lowercase();
    if lower.starts_with("data:image/") {
        return true;
    }
    let path = lower.split(['?', '#']).next().unwrap_or_default();
    let is_url =
        path.starts_with("http://") || path.starts_with("https://") || path.starts_with('/');
    is_url
        && [".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".svg"]
            .iter()
            .any(|ext| path.ends_with(ext))
}

/// Decides by content which of `qrcode` / `qrcode_data` is the payload and which is a ready
/// picture (real servers and the document disagree on the names).
pub fn plan_qr(policy: &UrlPolicy, qr: &QrInfo) -> QrPlan {
    if qr.kind == QrType::Jump {
        let uri = qr
            .uri
            .as_deref()
            .and_then(|u| policy.check(UrlUse::Navigate, u).ok());
        let scheme = || {
            qr.scheme
                .as_deref()
                .and_then(|s| policy.check(UrlUse::AppLink, s).ok())
        };
        return match uri.or_else(scheme) {
            Some(target) => QrPlan::Jump(target),
            None => QrPlan::JumpRefused,
        };
    }
    let fields = [qr.qrcode.as_deref(), qr.qrcode_data.as_deref()];
    let payload = fields
        .iter()
        .flatten()
        .find(|v| !looks_like_image(v))
        .map(|v| v.trim().to_owned());
    if let Some(p) = payload {
        return QrPlan::Encode(p);
    }
    let image = fields
        .iter()
        .flatten()
        .find_map(|v| policy.check(UrlUse::Image, v).ok());
    match image {
        Some(src) => QrPlan::Image(src),
        None => QrPlan::Nothing,
    }
}

/// The payment app a pay type belongs to.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum App {
    Alipay,
    Wechat,
    Qq,
    UnionPay,
    Other,
}

impl App {
    /// A stable lower-case name (the `data-app` attribute styles use for per-app accents).
    pub fn key(self) -> &'static str {
        match self {
            Self::Alipay => "alipay",
            Self::Wechat => "wechat",
            Self::Qq => "qq",
            Self::UnionPay => "unionpay",
            Self::Other => "other",
        }
    }

    pub fn from_pay_type(pay_type: &str) -> Self {
        let t = pay_type.to_ascii_lowercase();
        if t.contains("alipay") || t == "ali" {
            Self::Alipay
        } else if t.contains("wx") || t.contains("wechat") || t.contains("weixin") {
            Self::Wechat
        } else if t.contains("qq") {
            Self::Qq
        } else if t.contains("bank") || t.contains("union") || t.contains("ysf") {
            Self::UnionPay
        } else {
            Self::Other
        }
    }
}

/// The browser the page is open in, from its user agent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Browser {
    pub mobile: bool,
    /// Inside an app's own web view.
    pub in_app: Option<App>,
}

impl Browser {
    pub fn from_user_agent(ua: &str) -> Self {
        let lower = ua.to_ascii_lowercase();
        let mobile = ["android", "iphone", "ipad", "ipod", "mobile", "harmonyos"]
            .iter()
            .any(|k| lower.contains(k));
        let in_app = if lower.contains("micromessenger") {
            Some(App::Wechat)
        } else if lower.contains("alipayclient") {
            Some(App::Alipay)
        } else if lower.contains(" qq/") || lower.contains("mqqbrowser/") && lower.contains(" qq") {
            Some(App::Qq)
        } else {
            None
        };
        Self { mobile, in_app }
    }

    /// Whether this browser blocks the deep link of `app` (for example an Alipay link inside
    /// WeChat): the page then shows the "open in your phone's browser" guidance.
    pub fn blocks(&self, app: App) -> bool {
        match self.in_app {
            Some(host) => host != app && app != App::Other,
            None => false,
        }
    }

    /// Whether to open the app link automatically (`is_auto_open`): phones only, never where the
    /// link is blocked.
    pub fn may_auto_open(&self, app: App) -> bool {
        self.mobile && !self.blocks(app)
    }
}

/// After the browser's speech synthesis reported an error: whether "tap to hear" can help.
/// `not-allowed` is the autoplay rule, and a tap is the gesture it wants. Without a voice it
/// cannot: Firefox on a system without a speech engine has no voice and fires `error` with no
/// code at all, as do the `*-unavailable` codes.
pub fn speech_retry_can_help(code: Option<&str>, voices: u32) -> bool {
    match code {
        Some("not-allowed") => true,
        Some("synthesis-unavailable" | "language-unavailable" | "voice-unavailable") => false,
        _ => voices > 0,
    }
}
