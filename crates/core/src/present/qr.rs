//! The QR plan: what the page does with a `/api/order/qrcode` answer (a code to encode, the
//! server's picture, a jump, an app to open), and the first paint's share of it: what boot paints
//! before the app runs, by the same rules.

use super::{App, Browser};
use crate::model::{QrInfo, QrType};
use crate::prelude::*;
#[cfg(feature = "std")]
use crate::qr_code::{encode, Encoded};
#[cfg(feature = "std")]
use crate::qr_png;
use crate::url_policy::{is_web_target, UrlPolicy, UrlUse};

/// What the page does with a `/api/order/qrcode` answer.
#[cfg(feature = "std")]
#[derive(Clone, Debug, PartialEq, Eq)]
pub enum QrPlan {
    /// Encode this payload as a QR code in the page (already encoded: it fits).
    Encode(Encoded),
    /// Show the server's ready picture (already through the image URL policy).
    Image(String),
    /// Leave for this web address now (`type: "jump"` to `uri` or an http(s) target), already
    /// through the URL policy: the page's one navigation.
    Jump(String),
    /// `type: "jump"` to an app link (`scheme`), already through the URL policy: the app is opened,
    /// the page stays, keeps polling, and still returns to the merchant once paid.
    OpenApp(String),
    /// `type: "jump"` but every target was refused by the URL policy.
    JumpRefused,
    /// `type: "jump"` whose navigation the browser side refused (the per-tab hop limit: the
    /// customer came back to it several times): offered as a link to tap, which is not a loop.
    JumpBlocked(String),
    /// Nothing usable to show: no payload that can be encoded and no allowed picture.
    Nothing,
}

#[cfg(feature = "std")]
impl QrPlan {
    /// Whether a code (encoded or the server's picture) is on screen.
    pub fn shows_code(&self) -> bool {
        matches!(self, Self::Encode(_) | Self::Image(_))
    }

    /// The payload the code carries, when the page encoded it.
    pub fn payload(&self) -> Option<&str> {
        match self {
            Self::Encode(code) => Some(&code.payload),
            _ => None,
        }
    }
}

/// Where the code's picture comes from (the `data-source` attribute of `#pp-qr-code`).
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum PictureSource {
    /// The page encoded the payload and made the PNG ([`qr_png`]).
    Page,
    /// The server's own picture, shown as it is.
    Server,
}

impl PictureSource {
    pub fn key(self) -> &'static str {
        match self {
            Self::Page => "page",
            Self::Server => "server",
        }
    }
}

/// The one `<img>` the QR panel shows for a code.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct QrPicture {
    /// The image source, through the image URL policy.
    pub src: String,
    pub source: PictureSource,
    /// The payload, when the page encoded it.
    pub payload: Option<String>,
}

/// The picture of a plan that shows a code: the server's picture as it is, or the encoded modules
/// as a PNG data URL with its quiet zone, sharp at device-pixel ratio `ratio` in the code's box
/// ([`qr_png::BOX_CSS_PX`]). `None` for a plan without a code.
#[cfg(feature = "std")]
pub fn qr_picture(policy: &UrlPolicy, plan: &QrPlan, ratio: f64) -> Option<QrPicture> {
    match plan {
        QrPlan::Encode(code) => {
            let scale = qr_png::scale_for(code.width, qr_png::BOX_CSS_PX, ratio);
            let src = policy
                .check(UrlUse::Image, &qr_png::data_url(code, scale))
                .ok()?;
            Some(QrPicture {
                src,
                source: PictureSource::Page,
                payload: Some(code.payload.clone()),
            })
        }
        QrPlan::Image(src) => Some(QrPicture {
            src: src.clone(),
            source: PictureSource::Server,
            payload: None,
        }),
        _ => None,
    }
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
    is_web_url(&lower)
        && [".png", ".jpg", ".jpeg", ".gif", ".webp", ".bmp", ".svg"]
            .iter()
            .any(|ext| path.ends_with(ext))
}

fn is_web_url(lower: &str) -> bool {
    lower.starts_with("http://") || lower.starts_with("https://") || lower.starts_with('/')
}

/// What a `qrcode` / `qrcode_data` field holds, decided by its content.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum QrContent {
    /// A payment payload the page knows (`https://qr.alipay.com/…`, `wxp://…`, …).
    KnownPayload,
    /// A picture: `data:image/…` or a URL with an image extension.
    Picture,
    /// A web address that could be either (a payment link, or a picture without extension).
    WebAddress,
    /// Any other text: a payload (an app scheme, an EMV string, …).
    Text,
}

pub fn qr_content(value: &str) -> QrContent {
    let lower = value.trim().to_ascii_lowercase();
    if App::from_payload(&lower) != App::Other {
        QrContent::KnownPayload
    } else if looks_like_image(&lower) {
        QrContent::Picture
    } else if is_web_url(&lower) {
        QrContent::WebAddress
    } else {
        QrContent::Text
    }
}

#[cfg(feature = "std")]
/// Decides by content what the QR panel shows (real servers and the document disagree on which
/// of `qrcode` / `qrcode_data` is the payload), in this order:
/// 0. the server's own inline picture (`data:image/…`, in either field, `qrcode_data` first) is
///    shown as it is: it costs no request and no encoder, so the first paint shows it the moment
///    the answer arrives, and the app keeps that same picture ([`inline_picture`]);
/// 1. a known payment payload, in either field, is encoded;
/// 2. else plain text (an app link, an EMV string: never a picture's address) is encoded;
/// 3. else a picture URL is shown as the server's picture, rather than encoding the other field's
///    undecidable web address;
/// 4. else a web address is read as the observed servers send it: in `qrcode_data` the server's
///    picture (shown), in `qrcode` the payment link (encoded).
///
/// A picture URL (`https://…/q.png`) is never loaded when there is a payload to encode. A payload
/// that cannot be encoded (too long) falls back to the server's picture, else nothing: never an
/// empty box labelled as a QR code.
pub fn plan_qr(policy: &UrlPolicy, qr: &QrInfo) -> QrPlan {
    if qr.kind == QrType::Jump {
        return plan_jump(policy, qr);
    }
    plan_code(policy, qr)
}

/// The code an answer carries, as [`plan_qr`] shows it for a `type: "qrcode"` answer: also what a
/// `type: "jump"` answer shows when its jump was refused (it leads back to this page, or the
/// browser refused it), so the customer can still scan.
#[cfg(feature = "std")]
pub fn plan_code(policy: &UrlPolicy, qr: &QrInfo) -> QrPlan {
    if let Some(src) = inlined(policy, qr) {
        return QrPlan::Image(src);
    }
    // Each field read once (a `data:image/` picture can be many kilobytes).
    let (code_field, data_field) = (classified(&qr.qrcode), classified(&qr.qrcode_data));
    let both = [code_field, data_field];
    let picture = of(QrContent::Picture, &both).or(of(QrContent::WebAddress, &[data_field]));
    let payload = of(QrContent::KnownPayload, &both)
        .or(of(QrContent::Text, &both))
        .or(if picture.is_none() {
            of(QrContent::WebAddress, &[code_field])
        } else {
            None
        });
    if let Some(code) = payload.and_then(encode) {
        return QrPlan::Encode(code);
    }
    match picture.and_then(|v| policy.check(UrlUse::Image, v).ok()) {
        Some(src) => QrPlan::Image(src),
        None => QrPlan::Nothing,
    }
}

/// The server's own picture of the code inlined in the answer (`data:image/…` in `qrcode_data`,
/// else in `qrcode`), through the image URL policy; never for a `type: jump` answer.
pub fn inline_picture(policy: &UrlPolicy, qr: &QrInfo) -> Option<String> {
    if qr.kind == QrType::Jump {
        return None;
    }
    inlined(policy, qr)
}

/// The first `data:image/…` picture in `qrcode_data`, else `qrcode`, through the image policy.
fn inlined(policy: &UrlPolicy, qr: &QrInfo) -> Option<String> {
    [&qr.qrcode_data, &qr.qrcode]
        .into_iter()
        .flatten()
        .map(|v| v.trim())
        .find(|v| {
            v.get(..11)
                .is_some_and(|head| head.eq_ignore_ascii_case("data:image/"))
        })
        .and_then(|v| policy.check(UrlUse::Image, v).ok())
}

/// The app link the page may open by itself (`is_auto_open`): the answer's `scheme` through the
/// app-link policy, and only an app's own scheme. An http(s) link (an app's universal link) would
/// replace the pay page itself, so the customer is never told or returned: it stays a button.
pub fn auto_open_link(policy: &UrlPolicy, qr: &QrInfo) -> Option<String> {
    qr.scheme
        .as_deref()
        .and_then(|s| app_scheme_link(policy, s))
}

/// `link` through the app-link policy when it is an app's own scheme (not http(s), not relative).
pub fn app_scheme_link(policy: &UrlPolicy, link: &str) -> Option<String> {
    policy
        .check(UrlUse::AppLink, link)
        .ok()
        .filter(|s| !is_web_target(s))
}

/// The "open the app" link beside a code: the answer's `scheme` through the app-link policy, on a
/// phone whose browser does not block `app`.
pub fn open_app_link(
    policy: &UrlPolicy,
    qr: &QrInfo,
    browser: Browser,
    app: App,
) -> Option<String> {
    if !browser.mobile || browser.blocks(app) {
        return None;
    }
    qr.scheme
        .as_deref()
        .and_then(|s| policy.check(UrlUse::AppLink, s).ok())
}

/// What the page paints before the app runs, from the info's pay type and the qrcode answer: the
/// server's inline picture and, on phones, the "open the app" link, by the same rules as the app's
/// QR panel ([`plan_qr`], [`open_app_link`]). Nothing for an answer the app must handle itself (a
/// `type: jump`, a payload to encode): the app paints those.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct FirstPaint {
    pub picture: Option<String>,
    pub open_app: Option<String>,
}

pub fn first_paint(
    policy: &UrlPolicy,
    qr: &QrInfo,
    pay_type: Option<&str>,
    browser: Browser,
) -> FirstPaint {
    let Some(picture) = inline_picture(policy, qr) else {
        return FirstPaint::default();
    };
    let app = App::of_answer(pay_type, None, qr);
    FirstPaint {
        open_app: open_app_link(policy, qr, browser, app),
        picture: Some(picture),
    }
}

#[cfg(feature = "std")]
/// A field's trimmed text, if any, and what it holds.
fn classified(f: &Option<String>) -> Option<(&str, QrContent)> {
    let v = f.as_deref().map(str::trim).filter(|v| !v.is_empty())?;
    Some((v, qr_content(v)))
}

#[cfg(feature = "std")]
/// The first of `fields` that holds `kind`.
fn of<'a>(kind: QrContent, fields: &[Option<(&'a str, QrContent)>]) -> Option<&'a str> {
    fields
        .iter()
        .flatten()
        .find(|(_, k)| *k == kind)
        .map(|(v, _)| *v)
}

#[cfg(feature = "std")]
fn plan_jump(policy: &UrlPolicy, qr: &QrInfo) -> QrPlan {
    let uri = qr
        .uri
        .as_deref()
        .and_then(|u| policy.check(UrlUse::Navigate, u).ok());
    if let Some(target) = uri {
        return QrPlan::Jump(target);
    }
    match qr
        .scheme
        .as_deref()
        .and_then(|s| policy.check(UrlUse::AppLink, s).ok())
    {
        // An http(s) scheme target is a web page: leaving for it is the one navigation.
        Some(target) if is_web_target(&target) => QrPlan::Jump(target),
        Some(target) => QrPlan::OpenApp(target),
        None => QrPlan::JumpRefused,
    }
}
