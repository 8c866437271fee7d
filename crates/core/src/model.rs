//! The template API's data, typed, and the decoders that build it from untrusted JSON.
//!
//! Strings here are raw server text: components render them as text, URLs go through
//! [`crate::url_policy`], merchant HTML through [`crate::html_policy`].

use super::error::{Error, ErrorKind};
use super::json::{Json, Scalar};
use super::wire::{expect_object, fen, flag, int, object, text, FenField};
use crate::prelude::*;

/// Amounts travel in fen (1/100 yuan).
pub type Fen = i64;

/// The order status codes of the platform. (The default is pending, for a struct built in code:
/// every decoded answer carries the server's code.)
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq)]
pub enum OrderStatus {
    /// 1: waiting for payment.
    #[default]
    Pending,
    /// 2: paid.
    Paid,
    /// 3: closed by the merchant or platform.
    Closed,
    /// 4: expired.
    Expired,
    /// 5: the channel failed to create the payment.
    Failed,
    /// Any other code: not an ending. The machine asks again (info) or counts a failed poll
    /// (status), with a console warning (rule 5).
    Unknown(i64),
}

impl OrderStatus {
    pub fn from_code(code: i64) -> Self {
        match code {
            1 => Self::Pending,
            2 => Self::Paid,
            3 => Self::Closed,
            4 => Self::Expired,
            5 => Self::Failed,
            n => Self::Unknown(n),
        }
    }

    pub fn code(self) -> i64 {
        match self {
            Self::Pending => 1,
            Self::Paid => 2,
            Self::Closed => 3,
            Self::Expired => 4,
            Self::Failed => 5,
            Self::Unknown(n) => n,
        }
    }
}

/// `pay_account_tip`: the channel account's tip and how it combines with `pay_tip`.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AccountTip {
    pub tip: Option<String>,
    pub tip_cover: i64,
}

/// `/api/order/info` data.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct OrderInfo {
    pub order_id: Option<String>,
    pub out_order_id: Option<String>,
    pub subject: Option<String>,
    /// Always the server's: an answer without a status is not decoded.
    pub status: OrderStatus,
    pub amount: Option<Fen>,
    pub trade_amount: Option<Fen>,
    pub expire_time: Option<i64>,
    pub pay_type: Option<String>,
    pub pay_type_text: Option<String>,
    pub create_time: Option<String>,
    pub return_uri: Option<String>,
    pub pay_type_logo: Option<String>,
    pub content: Option<String>,
    pub service_qq: Option<String>,
    pub pay_tip: Option<String>,
    pub payed_wait_time: Option<i64>,
    pub account_tip: AccountTip,
    pub audio_enable: Option<bool>,
    pub audio_content: Option<String>,
    /// Info sent `pay_type` and it was blank (`""`, spaces or `null`): the platform's cashier
    /// flow, where the customer chooses the pay type first (`separate.html`). A missing field is
    /// not this (a server that does not say is not asking for a choice).
    pub pay_type_blank: bool,
}

impl OrderInfo {
    /// The amount the customer must pay: `trade_amount`, else `amount`.
    pub fn amount_to_pay(&self) -> Option<Fen> {
        self.trade_amount.or(self.amount)
    }
}

/// `/api/order/status` data.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct StatusInfo {
    /// Always the server's: an answer without a status is not decoded.
    pub status: OrderStatus,
    pub expire_time: Option<i64>,
    pub return_uri: Option<String>,
    pub is_auto_open: bool,
    pub payed_wait_time: Option<i64>,
}

/// What `/api/order/qrcode` asks the page to do.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub enum QrType {
    /// Show a code to scan.
    #[default]
    Qrcode,
    /// Send the visitor to `uri`, else `scheme`.
    Jump,
    /// Any other value (the document's example says "alipay"): shown as a code.
    Other(String),
}

impl QrType {
    /// The answer's `type` (already trimmed; `None` when absent or blank): `jump`, else `qrcode`
    /// or none, else any other value.
    pub fn from_wire(kind: Option<&str>) -> Self {
        match kind {
            Some("jump") => Self::Jump,
            Some("qrcode") | None => Self::Qrcode,
            Some(other) => Self::Other(other.to_owned()),
        }
    }
}

/// `/api/order/qrcode` data.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct QrInfo {
    pub kind: QrType,
    pub qrcode_data: Option<String>,
    pub qrcode: Option<String>,
    pub scheme: Option<String>,
    pub uri: Option<String>,
    pub content: Option<String>,
    pub actual_amount: Option<String>,
    pub actual_account: Option<String>,
    pub actual_account_type: Option<String>,
}

/// `/api/order/audio` data.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct AudioInfo {
    pub enabled: bool,
    pub url: Option<String>,
    pub content: Option<String>,
}

fn status_field<J: Json>(obj: &J, what: &str) -> Result<OrderStatus, Error> {
    match int(obj, "status") {
        Some(code) => Ok(OrderStatus::from_code(code)),
        None => Err(Error::new(
            ErrorKind::InvalidResponse,
            [what, ": status is missing or not a number"].concat(),
        )),
    }
}

/// Decodes `/api/order/info` data. Requires `status` and an amount; everything else is optional.
pub fn parse_info<J: Json>(data: &J) -> Result<OrderInfo, Error> {
    let obj = expect_object(data, "info")?;
    let status = status_field(obj, "info")?;
    let account_tip = object(obj, "pay_account_tip")
        .map(|t| AccountTip {
            tip: text(&t, "tip"),
            tip_cover: int(&t, "tip_cover").unwrap_or(0),
        })
        .unwrap_or_default();
    // Never guessed: an amount that is not a whole number of fen is no amount (and makes a
    // pending order unreadable, below).
    let (amount, trade_amount) = (fen(obj, "amount"), fen(obj, "trade_amount"));
    let info = OrderInfo {
        order_id: text(obj, "order_id"),
        out_order_id: text(obj, "out_order_id"),
        subject: text(obj, "subject"),
        status,
        amount: amount.fen(),
        trade_amount: trade_amount.fen(),
        expire_time: int(obj, "expire_time"),
        pay_type: text(obj, "pay_type"),
        pay_type_text: text(obj, "pay_type_text"),
        create_time: text(obj, "create_time"),
        return_uri: text(obj, "return_uri"),
        pay_type_logo: text(obj, "pay_type_logo"),
        content: text(obj, "content"),
        service_qq: text(obj, "service_qq"),
        pay_tip: text(obj, "pay_tip"),
        payed_wait_time: int(obj, "pay_payed_wait_time"),
        account_tip,
        audio_enable: flag(obj, "audio_enable"),
        audio_content: text(obj, "audio_content"),
        pay_type_blank: obj.member("pay_type").is_some_and(|v| match v.scalar() {
            Scalar::Null => true,
            Scalar::Str(s) => s.trim().is_empty(),
            _ => false,
        }),
    };
    if status == OrderStatus::Pending {
        let unreadable = |why: &str| {
            Err(Error::new(
                ErrorKind::UnreadableOrder,
                ["info: ", why].concat(),
            ))
        };
        if [amount, trade_amount].contains(&FenField::Unreadable) {
            return unreadable("an amount that is not a whole number of fen");
        }
        if info.amount_to_pay().is_none() {
            return unreadable("a pending order without trade_amount or amount");
        }
        if info.expire_time.is_none() {
            return unreadable("a pending order without a usable expire_time");
        }
    }
    Ok(info)
}

/// Decodes `/api/order/status` data. Requires `status`.
pub fn parse_status<J: Json>(data: &J) -> Result<StatusInfo, Error> {
    let obj = expect_object(data, "status")?;
    Ok(StatusInfo {
        status: status_field(obj, "status")?,
        expire_time: int(obj, "expire_time"),
        return_uri: text(obj, "return_uri"),
        is_auto_open: flag(obj, "is_auto_open").unwrap_or(false),
        payed_wait_time: int(obj, "pay_payed_wait_time"),
    })
}

/// Decodes `/api/order/qrcode` data. Requires at least one of `qrcode`, `qrcode_data`, `uri`,
/// `scheme`: without them there is nothing to show or follow.
pub fn parse_qrcode<J: Json>(data: &J) -> Result<QrInfo, Error> {
    let obj = expect_object(data, "qrcode")?;
    let kind = QrType::from_wire(text(obj, "type").as_deref());
    let info = QrInfo {
        kind,
        qrcode_data: text(obj, "qrcode_data"),
        qrcode: text(obj, "qrcode"),
        scheme: text(obj, "scheme"),
        uri: text(obj, "uri"),
        content: text(obj, "content"),
        actual_amount: text(obj, "actual_amount"),
        actual_account: text(obj, "actual_account"),
        actual_account_type: text(obj, "actual_account_type"),
    };
    if info.qrcode.is_none()
        && info.qrcode_data.is_none()
        && info.uri.is_none()
        && info.scheme.is_none()
    {
        return Err(Error::new(
            ErrorKind::InvalidResponse,
            "qrcode: no qrcode, qrcode_data, uri or scheme",
        ));
    }
    Ok(info)
}

/// Decodes `/api/order/audio` data. Everything optional; absent `audio_enable` means off.
pub fn parse_audio<J: Json>(data: &J) -> Result<AudioInfo, Error> {
    let obj = expect_object(data, "audio")?;
    Ok(AudioInfo {
        enabled: flag(obj, "audio_enable").unwrap_or(false),
        url: text(obj, "audio_url"),
        content: text(obj, "audio_content"),
    })
}

/// One pay type the customer may choose on the separate page (`/api/pay/types`).
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct PayType {
    /// What `/api/order/chose-type` is sent (`alipay`, `wxpay`, ...): raw server text.
    pub value: String,
    /// What the customer reads (`支付宝`); raw server text, shown as text.
    pub label: Option<String>,
    /// The type's icon URL, unchecked (the page shows it only through the image URL policy).
    pub logo: Option<String>,
}

impl PayType {
    /// The text shown for this choice: its label, else its value.
    pub fn display(&self) -> &str {
        self.label.as_deref().unwrap_or(&self.value)
    }
}

/// At most this many pay types are offered (a longer list is cut).
pub const MAX_PAY_TYPES: usize = 20;
/// A pay type's value longer than this (bytes) is not offered.
pub const MAX_PAY_TYPE_VALUE: usize = 64;
/// A label is cut to this many characters.
pub const MAX_PAY_TYPE_LABEL: usize = 40;

/// Decodes `/api/pay/types` data: a list of `{value, label, logo}`. Tolerant: entries that are not
/// objects or have no usable `value` (blank, longer than [`MAX_PAY_TYPE_VALUE`] bytes, with
/// control characters) are skipped, a repeated value is offered once, at most [`MAX_PAY_TYPES`]
/// are kept, labels are cut to [`MAX_PAY_TYPE_LABEL`] characters. An object whose values are the
/// entries (a map by value, as some PHP backends encode lists) is read the same. Anything else is an
/// invalid response. An empty list is a list (the screen says no method is available).
pub fn parse_pay_types<J: Json>(data: &J) -> Result<Vec<PayType>, Error> {
    let entries = match data.scalar() {
        Scalar::Array => data.items(),
        Scalar::Object => data.members().into_iter().map(|(_, v)| v).collect(),
        other => {
            return Err(Error::new(
                ErrorKind::InvalidResponse,
                ["pay types: data is ", super::wire::type_name(&other)].concat(),
            ))
        }
    };
    let mut out: Vec<PayType> = Vec::new();
    for entry in entries {
        if out.len() >= MAX_PAY_TYPES {
            break;
        }
        if entry.scalar() != Scalar::Object {
            continue;
        }
        let Some(value) = text(&entry, "value") else {
            continue;
        };
        if value.len() > MAX_PAY_TYPE_VALUE
            || value.chars().any(char::is_control)
            || out.iter().any(|t| t.value == value)
        {
            continue;
        }
        out.push(PayType {
            value,
            label: text(&entry, "label").map(|l| l.chars().take(MAX_PAY_TYPE_LABEL).collect()),
            logo: text(&entry, "logo"),
        });
    }
    Ok(out)
}

/// The choice preselected on the separate page: the order's current pay type when it is offered,
/// else the first offered.
pub fn preselect<'a>(types: &'a [PayType], current: Option<&str>) -> Option<&'a str> {
    current
        .and_then(|c| types.iter().find(|t| t.value == c))
        .or_else(|| types.first())
        .map(|t| t.value.as_str())
}
