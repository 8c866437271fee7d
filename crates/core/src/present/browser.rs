//! The browser the page is open in, from its user agent: which app links it blocks, whether the
//! page may open an app by itself, and how a customer keeps the code on screen.

use super::{holds, App};

/// The app whose own browser the page is open in.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum InApp {
    /// A payment app's browser: it opens its own payment links, and blocks the others.
    Pay(App),
    /// Another app's browser that blocks foreign app links: DingTalk, Weibo, Douyin,
    /// Xiaohongshu.
    Other,
}

/// The browser the page is open in, from its user agent.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub struct Browser {
    pub mobile: bool,
    /// Inside an app's own web view.
    pub in_app: Option<InApp>,
    /// On an iPhone, iPad or iPod, where every browser is WebKit's web view (which ignores
    /// `download` on a data URL).
    pub ios: bool,
}

impl Browser {
    pub fn from_user_agent(ua: &str) -> Self {
        let lower = ua.to_ascii_lowercase();
        let mobile = ["android", "iphone", "ipad", "ipod", "mobile", "harmonyos"]
            .iter()
            .any(|k| holds(&lower, k));
        let has = |keys: &[&str]| keys.iter().any(|k| holds(&lower, k));
        // iPadOS's Safari asks for desktop pages as a Mac: it reads as a desktop here.
        let ios = has(&["iphone", "ipad", "ipod"]);
        let in_app = if has(&["micromessenger"]) {
            Some(InApp::Pay(App::Wechat))
        } else if has(&["alipayclient"]) {
            Some(InApp::Pay(App::Alipay))
        } else if has(&[" qq/"]) || has(&["mqqbrowser/"]) && has(&[" qq"]) {
            Some(InApp::Pay(App::Qq))
        } else if has(&[
            "dingtalk",
            "weibo",
            "aweme",
            "bytedancewebview",
            "bytelocale",
            "xhsdiscover",
            "xiaohongshu",
        ]) {
            Some(InApp::Other)
        } else {
            None
        };
        Self {
            mobile,
            in_app,
            ios,
        }
    }

    /// How a customer keeps the code on screen in this browser: a "save" button that downloads
    /// the picture where the browser downloads a data URL (desktop browsers, Android's own
    /// browsers), else long-pressing the picture: inside an app's web view (WeChat, Alipay, QQ,
    /// DingTalk, …: `download` does nothing there) and on iOS (WebKit ignores `download` on a data
    /// URL). In WeChat the long-press also offers "识别图中二维码".
    pub fn save_action(&self) -> SaveAction {
        match self.in_app {
            Some(InApp::Pay(App::Wechat)) => SaveAction::Recognize,
            Some(_) => SaveAction::LongPress,
            None if self.ios => SaveAction::LongPress,
            None => SaveAction::Download,
        }
    }

    /// Whether this browser blocks the deep link of `app` (for example an Alipay link inside
    /// WeChat, or any payment app inside DingTalk): the page then shows the "open in your phone's
    /// browser" guidance. An unknown app is not known to be blocked (no guidance for a guess).
    pub fn blocks(&self, app: App) -> bool {
        match self.in_app {
            Some(InApp::Pay(host)) => host != app && app != App::Other,
            Some(InApp::Other) => app != App::Other,
            None => false,
        }
    }

    /// Whether to open the app link automatically (`is_auto_open`): phones only, never where the
    /// link is blocked, and inside an in-app browser only the host's own app (an unknown app is
    /// treated as blocked there).
    pub fn may_auto_open(&self, app: App) -> bool {
        let allowed = match self.in_app {
            None => true,
            Some(InApp::Pay(host)) => host == app,
            Some(InApp::Other) => false,
        };
        self.mobile && allowed
    }
}

/// How the customer keeps (or reads) the code on screen: see [`Browser::save_action`].
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SaveAction {
    /// A "save" button downloads the picture.
    Download,
    /// No button: a hint to long-press the picture and save it, then scan it in the app.
    LongPress,
    /// In WeChat, no button: a hint to long-press the picture and recognise the code
    /// ("识别图中二维码"), or save it.
    Recognize,
}

/// What the QR panel offers beside a code shown from `src` (the page's PNG or the server's
/// picture) for `app`, in `browser`: [`Browser::save_action`], with two exceptions.
/// - Only a `data:` picture is downloaded in place: a web address's `download` is ignored across
///   origins and the browser would leave the payment page for the picture. A phone then gets the
///   long-press hint (Android's browsers offer "download image" on a long-press); a desktop
///   nothing (its context menu saves a picture, and "long-press" means nothing there).
/// - WeChat recognises only its own codes: for another app's code (which WeChat blocks) the hint
///   is to save the picture and scan it in that app.
pub fn save_offer(browser: Browser, app: App, src: &str) -> Option<SaveAction> {
    let inline = src
        .trim_start()
        .get(..5)
        .is_some_and(|head| head.eq_ignore_ascii_case("data:"));
    match browser.save_action() {
        SaveAction::Download if inline => Some(SaveAction::Download),
        SaveAction::Download => browser.mobile.then_some(SaveAction::LongPress),
        SaveAction::Recognize if browser.blocks(app) => Some(SaveAction::LongPress),
        action => Some(action),
    }
}

/// The file name "save" gives a picture: `qrcode` and the extension of a `data:image/` source's
/// type (`.png` for the page's own picture and any type not listed).
pub fn save_file_name(src: &str) -> &'static str {
    let head = src
        .trim_start()
        .get(..16)
        .unwrap_or_default()
        .to_ascii_lowercase();
    let kind = head
        .strip_prefix("data:image/")
        .unwrap_or_default()
        .split([';', ','])
        .next()
        .unwrap_or_default();
    match kind {
        "jpeg" | "jpg" => "qrcode.jpg",
        "gif" => "qrcode.gif",
        "webp" => "qrcode.webp",
        "bmp" => "qrcode.bmp",
        _ => "qrcode.png",
    }
}
