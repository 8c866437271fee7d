//! The payment app an order belongs to: by its pay type, else its payload or app link.

use super::holds;
use crate::model::QrInfo;
use crate::prelude::*;

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
        let has = |keys: &[&str]| keys.iter().any(|k| holds(&t, k));
        if has(&["alipay"]) || t == "ali" {
            Self::Alipay
        } else if has(&["wx", "wechat", "weixin"]) {
            Self::Wechat
        } else if has(&["qq"]) {
            Self::Qq
        } else if has(&["bank", "union", "ysf"]) {
            Self::UnionPay
        } else {
            Self::Other
        }
    }

    /// The app a payment payload or app link belongs to, by its scheme or host (`alipays://`,
    /// `https://qr.alipay.com/…` → Alipay; `wxp://`, `weixin://` → WeChat; …), else `Other`.
    pub fn from_payload(payload: &str) -> Self {
        let p = payload.trim().to_ascii_lowercase();
        let starts = |list: &[&str]| list.iter().any(|prefix| p.starts_with(prefix));
        if starts(&[
            "alipays://",
            "alipay://",
            "alipayqr://",
            "https://qr.alipay.com/",
            "http://qr.alipay.com/",
            "https://render.alipay.com/",
        ]) {
            Self::Alipay
        } else if starts(&[
            "wxp://",
            "weixin://",
            "https://wx.tenpay.com/",
            "https://payapp.weixin.qq.com/",
        ]) {
            Self::Wechat
        } else if starts(&[
            "mqqapi://",
            "mqq://",
            "mqqwallet://",
            "https://i.qianbao.qq.com/",
        ]) {
            Self::Qq
        } else if starts(&[
            "upwallet://",
            "uppay://",
            "unionpay://",
            "https://qr.95516.com/",
        ]) {
            Self::UnionPay
        } else {
            Self::Other
        }
    }

    /// The app of an order and its qrcode answer: the pay type, else the payload the page encodes
    /// (`encoded`), else a known payment payload in either field, else the app link.
    pub fn of_answer(pay_type: Option<&str>, encoded: Option<&str>, qr: &QrInfo) -> Self {
        let known = [&qr.qrcode, &qr.qrcode_data]
            .into_iter()
            .flatten()
            .map(String::as_str)
            .find(|v| Self::from_payload(v) != Self::Other);
        Self::infer(pay_type, encoded.or(known), qr.scheme.as_deref())
    }

    /// The app of an order: its pay type, else (blank or unknown type) what its QR payload or app
    /// link says.
    pub fn infer(pay_type: Option<&str>, payload: Option<&str>, scheme: Option<&str>) -> Self {
        let by_type = Self::from_pay_type(pay_type.unwrap_or_default());
        if by_type != Self::Other {
            return by_type;
        }
        [payload, scheme]
            .into_iter()
            .flatten()
            .map(Self::from_payload)
            .find(|app| *app != Self::Other)
            .unwrap_or(Self::Other)
    }
}
